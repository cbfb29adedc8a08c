/* The agenda builder: drag an agenda item onto another item of the same level to put it there.
   The new order of that level is posted to the reorder URL and the page reloads with the new
   numbers and times. Without JavaScript the ↑ and ↓ buttons of each row do the same. */
(function () {
    "use strict";

    function start(table) {
        var url = table.getAttribute("data-reorder-url");
        var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
        var status = document.querySelector("[data-reorder-status]");
        var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-item-id]"));
        var dragged = null;

        function level(row) {
            return row.getAttribute("data-parent-id") || "";
        }

        function say(text) {
            if (status) {
                status.textContent = text;
            }
        }

        function post(parent, order) {
            var body = new URLSearchParams();
            body.append("parent", parent);
            order.forEach(function (id) {
                body.append("order", id);
            });
            say(table.getAttribute("data-saving-text"));
            fetch(url, {
                method: "POST",
                credentials: "same-origin",
                headers: {
                    Accept: "application/json",
                    "X-CSRFToken": tokenInput ? tokenInput.value : ""
                },
                body: body
            })
                .then(function (response) {
                    return response.json().then(function (data) {
                        if (!response.ok) {
                            throw new Error(data.error || String(response.status));
                        }
                        window.location.reload();
                    });
                })
                .catch(function (error) {
                    say(error.message);
                });
        }

        rows.forEach(function (row) {
            row.setAttribute("draggable", "true");
            row.classList.add("agenda-draggable");
            row.addEventListener("dragstart", function (event) {
                dragged = row;
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", row.getAttribute("data-item-id"));
            });
            row.addEventListener("dragover", function (event) {
                if (dragged && dragged !== row && level(dragged) === level(row)) {
                    event.preventDefault();
                    event.dataTransfer.dropEffect = "move";
                }
            });
            row.addEventListener("drop", function (event) {
                if (!dragged || dragged === row || level(dragged) !== level(row)) {
                    return;
                }
                event.preventDefault();
                var ids = rows
                    .filter(function (other) {
                        return level(other) === level(row);
                    })
                    .map(function (other) {
                        return other.getAttribute("data-item-id");
                    });
                var from = ids.indexOf(dragged.getAttribute("data-item-id"));
                var to = ids.indexOf(row.getAttribute("data-item-id"));
                ids.splice(from, 1);
                ids.splice(to, 0, dragged.getAttribute("data-item-id"));
                dragged = null;
                post(level(row), ids);
            });
            row.addEventListener("dragend", function () {
                dragged = null;
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var table = document.querySelector("table[data-reorder-url]");
        if (table) {
            start(table);
        }
    });
})();

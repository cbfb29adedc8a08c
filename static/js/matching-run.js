/* The progress of a matching run: polls the run's small JSON endpoint every two seconds and
   reloads the page once the run is finished. Without JavaScript the "Vernieuwen" link does it. */
(function () {
    "use strict";

    function start(section) {
        var url = section.getAttribute("data-run-progress-url");
        var bar = section.querySelector("[data-run-progress-bar]");
        var percent = section.querySelector("[data-run-progress-percent]");
        var step = section.querySelector("[data-run-progress-step]");
        var failures = 0;

        function poll() {
            fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(String(response.status));
                    }
                    return response.json();
                })
                .then(function (data) {
                    failures = 0;
                    if (bar) {
                        bar.value = data.progress;
                        bar.textContent = data.progress + "%";
                    }
                    if (percent) {
                        percent.textContent = data.progress + "%";
                    }
                    if (step) {
                        step.textContent = data.status_label + ": " + data.step;
                    }
                    if (data.finished) {
                        window.location.reload();
                    } else {
                        window.setTimeout(poll, 2000);
                    }
                })
                .catch(function () {
                    failures += 1;
                    if (failures < 5) {
                        window.setTimeout(poll, 5000);
                    }
                });
        }

        window.setTimeout(poll, 1000);
    }

    document.addEventListener("DOMContentLoaded", function () {
        var sections = document.querySelectorAll("[data-run-progress-url]");
        for (var i = 0; i < sections.length; i += 1) {
            start(sections[i]);
        }
    });
})();

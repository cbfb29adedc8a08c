/*
 * Kleine verbeteringen voor wie JavaScript aan heeft. Alles werkt ook zonder.
 * Geladen in <head> (zonder defer), zodat het menu niet eerst openklapt en dan dicht.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // htmx-verzoeken die iets wijzigen krijgen het CSRF-token uit de cookie. Zo staat er geen
  // token in de pagina zelf, en kan een publieke pagina veilig uit de cache komen.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match && event.detail.verb !== "get") {
      event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Na een klik op een menulink naar een anker (#scholen ...) het mobiele menu weer sluiten.
    var menu = document.getElementById("hoofdmenu");
    if (!menu || !window.bootstrap) {
      return;
    }
    menu.addEventListener("click", function (event) {
      var link = event.target.closest("a[href*='#']");
      if (link && menu.classList.contains("show")) {
        window.bootstrap.Collapse.getOrCreateInstance(menu).hide();
      }
    });
  });
})();

/*
 * Opleidingenzoeker: na het bladeren met htmx (Vorige/Volgende) de focus naar de titel van de
 * resultaten zetten, zodat wie met het toetsenbord werkt niet bovenaan de pagina belandt.
 * Zonder JavaScript werken filters en paginering als gewone links en formulieren.
 */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "resultaten") {
      return;
    }
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.closest && trigger.closest("form")) {
      return; // na het filteren blijft de focus op de knop in het formulier
    }
    var title = document.getElementById("resultaten-titel");
    if (title) {
      title.focus();
    }
  });
})();

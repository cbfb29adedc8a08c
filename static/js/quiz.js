/*
 * De Duale Quiz: houd de focus op een logische plek wanneer htmx een nieuwe vraag inlaadt.
 * Zonder JavaScript werkt alles ook (gewone formulieren, vernieuw de pagina).
 */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) {
      return;
    }
    var active = document.activeElement;
    var focusLost = !active || active === document.body || !document.body.contains(active);
    if (!focusLost) {
      return;
    }
    var heading = document.querySelector("#play-stage [data-quiz-focus], #host-stage [data-quiz-advance]");
    if (heading) {
      heading.focus({ preventScroll: false });
    }
  });
})();

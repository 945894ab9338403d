// Glossary terms in lessons on touch screens. Material shows a term's definition (its title) as a
// tooltip on hover and on keyboard focus, but a tap on a link would open the link at once. So the
// first tap on a term shows its tooltip (by focusing it) and a second tap opens the glossary entry.
// Mouse and keyboard are left alone. Listeners on the window survive instant navigation.
(function () {
  "use strict";
  var touch = false;
  var shown = null;  // the term whose tooltip was open when the current tap began
  window.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch";
    var term = event.target.closest && event.target.closest("a.glossary-term");
    shown = term && term === document.activeElement ? term : null;
  }, true);
  window.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.glossary-term");
    if (!term || !touch) return;
    if (term === shown) {
      // The second tap opens the entry as a plain link: instant navigation, reached from a
      // focused tooltip, can land at the top of the glossary instead of at the entry.
      event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    term.focus();
  }, true);
})();

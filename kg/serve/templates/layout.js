"use strict";
// A table or listing wider than the screen scrolls in its own box (layout.css); a box
// that scrolls and holds nothing focusable takes the focus itself, so that it can be
// scrolled with the keyboard.
(function () {
  function mark() {
    document.querySelectorAll("main table, main pre").forEach(function (box) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      const focusable = box.querySelector("a[href], button, input, select, textarea, [tabindex]");
      if (scrolls && !focusable && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();

/* 表单详情: finding markers and score notes open on tap as well as on hover/focus;
   a popover that would run off the right edge opens to the left. */
(function () {
  "use strict";
  var SELECTOR = ".fmark:not(.static), .score-note:not(.static)";
  function closeAll(except) {
    document.querySelectorAll(".fmark.open, .score-note.open").forEach(function (el) {
      if (el !== except) el.classList.remove("open");
    });
  }
  function place(mark) {
    var pop = mark.querySelector(".fpop");
    if (!pop) return;
    pop.classList.remove("flip");
    var rect = pop.getBoundingClientRect();
    if (rect.right > window.innerWidth - 8) pop.classList.add("flip");
  }
  document.addEventListener("click", function (evt) {
    var mark = evt.target.closest ? evt.target.closest(SELECTOR) : null;
    closeAll(mark);
    if (mark) {
      mark.classList.toggle("open");
      place(mark);
    }
  });
  document.addEventListener("mouseover", function (evt) {
    var mark = evt.target.closest ? evt.target.closest(SELECTOR) : null;
    if (mark) place(mark);
  });
  document.addEventListener("focusin", function (evt) {
    var mark = evt.target.closest ? evt.target.closest(SELECTOR) : null;
    if (mark) place(mark);
  });
  document.addEventListener("keydown", function (evt) {
    var mark = document.activeElement;
    if (evt.key === "Escape") {
      closeAll(null);
      if (mark && mark.matches && mark.matches(SELECTOR)) mark.blur();
      return;
    }
    if ((evt.key === "Enter" || evt.key === " ") && mark && mark.matches && mark.matches(SELECTOR)) {
      evt.preventDefault();
      closeAll(mark);
      mark.classList.toggle("open");
      place(mark);
    }
  });
})();

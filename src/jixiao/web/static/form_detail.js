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
  // "看原文": open the 原文 panel (its lines load on first opening) and go to the line.
  function showLine(id) {
    var line = document.getElementById(id);
    if (!line) return false;
    document.querySelectorAll(".src-line.target").forEach(function (el) { el.classList.remove("target"); });
    line.classList.add("target");
    line.scrollIntoView({ block: "center" });
    return true;
  }
  document.addEventListener("click", function (evt) {
    var link = evt.target.closest ? evt.target.closest("a.to-source") : null;
    if (!link) return;
    evt.preventDefault();
    var id = link.getAttribute("href").slice(1);
    var panel = document.getElementById("source");
    if (!panel) return;
    if (showLine(id) && panel.open) return;
    var wait = function () {
      if (showLine(id)) document.removeEventListener("htmx:afterSettle", wait);
    };
    document.addEventListener("htmx:afterSettle", wait);
    panel.open = true;
    if (showLine(id)) document.removeEventListener("htmx:afterSettle", wait);
  });
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

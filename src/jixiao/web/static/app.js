/* jixiao 绩效: small helpers shared by every page (no framework besides HTMX). */
(function () {
  "use strict";
  // A GET filter form keeps the URL clean: empty fields are not sent.
  document.addEventListener("htmx:configRequest", function (evt) {
    var data = evt.detail.formData;
    if (evt.detail.verb !== "get" || !data) return;
    var empty = [];
    data.forEach(function (v, k) { if (v === "") empty.push(k); });
    empty.forEach(function (k) { data.delete(k); });
  });
  // A select marked data-autosubmit submits its form when changed (no inline handler:
  // the security policy runs scripts from files only).
  document.addEventListener("change", function (evt) {
    var el = evt.target;
    if (el instanceof HTMLSelectElement && el.form && el.hasAttribute("data-autosubmit")) {
      el.form.requestSubmit();
    }
  });
  // A form marked data-confirm asks first (永久删除, 撤销导入); no inline handler either.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      evt.preventDefault();
    }
  });
  // Submitting a plain GET filter form (without HTMX) also drops empty fields.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value === "" && !el.disabled) { el.dataset.wasEmpty = "1"; el.disabled = true; }
    });
    setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.dataset.wasEmpty) { el.disabled = false; delete el.dataset.wasEmpty; }
      });
    }, 0);
  });
})();

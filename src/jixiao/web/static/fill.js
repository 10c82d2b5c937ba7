/* 填报: indicator rows added, removed, reordered (buttons and drag); the result panel's
   marks (JSON) put on the fields: input errors, findings, computed scores. The form is
   posted to /fill/preview by HTMX as the user types (see fill.html). */
(function () {
  "use strict";

  // Confirmation for destructive buttons and forms (删除草稿).
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) e.preventDefault();
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });

  var form = document.getElementById("fill-form");
  if (!form) return;
  var body = document.getElementById("fill-rows");
  var template = document.getElementById("row-template");
  var ROW_NAME = /^indicators\.(\d+|__i__)\./;
  var dirty = false;

  function changed() {
    dirty = true;
    if (window.htmx) window.htmx.trigger(form, "fill-rows");
  }

  function renumber() {
    Array.prototype.forEach.call(body.rows, function (tr, k) {
      tr.dataset.row = String(k);
      tr.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(ROW_NAME, "indicators." + k + ".");
      });
      tr.querySelectorAll("[data-field]").forEach(function (el) {
        el.dataset.field = el.dataset.field.replace(ROW_NAME, "indicators." + k + ".");
      });
      tr.querySelectorAll("[data-calc]").forEach(function (el) {
        el.dataset.calc = el.dataset.calc.replace(ROW_NAME, "indicators." + k + ".");
      });
    });
    var none = document.getElementById("no-rows");
    if (none) none.hidden = body.rows.length > 0;
  }

  function addRow(after) {
    var tr = template.content.firstElementChild.cloneNode(true);
    if (after) {
      tr.querySelector("[name$='.level1']").value = after.querySelector("[name$='.level1']").value;
      tr.querySelector("[name$='.level2']").value = after.querySelector("[name$='.level2']").value;
      after.after(tr);
    } else {
      body.appendChild(tr);
    }
    renumber();
    var name = tr.querySelector("textarea[name$='.name']");
    if (name) name.focus();
    changed();
  }

  document.getElementById("add-row").addEventListener("click", function () {
    addRow(body.rows.length ? body.rows[body.rows.length - 1] : null);
  });

  body.addEventListener("click", function (e) {
    var button = e.target.closest("button");
    if (!button) return;
    var tr = button.closest("tr");
    if (button.classList.contains("row-up") && tr.previousElementSibling) {
      tr.previousElementSibling.before(tr);
    } else if (button.classList.contains("row-down") && tr.nextElementSibling) {
      tr.nextElementSibling.after(tr);
    } else if (button.classList.contains("row-del")) {
      tr.remove();
    } else {
      return;
    }
    renumber();
    changed();
  });

  // Drag a row by its handle.
  var dragged = null;
  body.addEventListener("mousedown", function (e) {
    var handle = e.target.closest(".handle");
    if (handle) handle.closest("tr").draggable = true;
  });
  body.addEventListener("dragstart", function (e) {
    dragged = e.target.closest("tr");
    if (!dragged) return;
    dragged.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.dataset.row);
  });
  body.addEventListener("dragover", function (e) {
    if (!dragged) return;
    e.preventDefault();
    var over = e.target.closest("tr");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    if (e.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  });
  body.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    dragged.draggable = false;
    dragged = null;
    renumber();
    changed();
  });

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/"/g, '\\"');
  }

  function fieldBox(name) {
    return form.querySelector('[data-field="' + cssEscape(name) + '"]');
  }

  function severityOf(list) {
    var order = ["error", "warning", "info"];
    var best = 3;
    list.forEach(function (m) { best = Math.min(best, order.indexOf(m.severity)); });
    return order[best] || "info";
  }

  function applyMarks() {
    var node = document.getElementById("fill-marks");
    if (!node) return;
    var marks = JSON.parse(node.textContent);
    form.querySelectorAll(".fld").forEach(function (box) {
      box.classList.remove("invalid", "has-error", "has-warning", "has-info");
      box.removeAttribute("title");
      var fe = box.querySelector(".fe");
      if (fe) fe.textContent = "";
      var input = box.querySelector("input, textarea, select");
      if (input) input.removeAttribute("aria-invalid");
    });
    body.querySelectorAll("tr").forEach(function (tr) {
      tr.classList.remove("row-error", "row-warning", "row-info");
      tr.removeAttribute("title");
    });
    Object.keys(marks.errors || {}).forEach(function (name) {
      var box = fieldBox(name);
      if (!box) return;
      box.classList.add("invalid");
      box.querySelector(".fe").textContent = marks.errors[name];
      var input = box.querySelector("input, textarea, select");
      if (input) input.setAttribute("aria-invalid", "true");
    });
    Object.keys(marks.fields || {}).forEach(function (name) {
      var box = fieldBox(name);
      if (!box) return;
      var list = marks.fields[name];
      box.classList.add("has-" + severityOf(list));
      box.title = list.map(function (m) { return m.code + " " + m.message; }).join("\n");
    });
    Object.keys(marks.rows || {}).forEach(function (row) {
      var tr = body.rows[parseInt(row, 10)];
      if (!tr) return;
      var list = marks.rows[row];
      tr.classList.add("row-" + severityOf(list));
      tr.title = list.map(function (m) { return m.code + " " + m.message; }).join("\n");
    });
    form.querySelectorAll("[data-calc]").forEach(function (el) {
      var c = (marks.calc || {})[el.dataset.calc];
      el.textContent = c ? c.text : "";
      el.title = c ? c.title : "";
      el.classList.toggle("lenient", Boolean(c && c.lenient));
    });
  }

  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "fill-result") applyMarks();
  });

  // A finding's code in the result panel jumps to its field or row.
  document.getElementById("fill-result").addEventListener("click", function (e) {
    var link = e.target.closest("[data-goto]");
    if (!link) return;
    e.preventDefault();
    var name = link.dataset.goto;
    var m = /^indicators\.(\d+)$/.exec(name);
    var target = m ? body.rows[parseInt(m[1], 10)] : fieldBox(name);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    var input = target.querySelector("input, textarea, select");
    if (input) input.focus({ preventScroll: true });
    target.classList.add("flash");
    setTimeout(function () { target.classList.remove("flash"); }, 1200);
  });

  // The funds heading shows the money unit chosen.
  form.addEventListener("change", function (e) {
    var unit = document.getElementById("funds-unit");
    if (unit && e.target.name === "money_unit") unit.textContent = e.target.value || "元";
  });

  // 执行率, 预算执行得分 and 总分 filled in as the unit types, as the rules compute them:
  // 执行率 = 全年执行数 / 全年预算数 (percent, 2 decimals, rounded half up); 预算执行得分 =
  // 分值 × 执行率 (at most 100 %); 总分 = Σ 得分 + 预算执行得分. A field keeps the value
  // computed for it until the unit types another (the check then says where it differs:
  // A003, A004, A001); emptied, it is computed again. Exact decimals (BigInt), no floats.
  var FUND_ROWS = ["total", "appropriation", "carryover", "other"];

  function named(name) {
    return form.querySelector('[name="' + cssEscape(name) + '"]');
  }

  function decimal(el) {
    var text = el ? el.value.replace(/[\s,，%]/g, "") : "";
    var m = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return null;
    var frac = m[2] || "";
    return { n: BigInt(m[1] + frac), s: frac.length };
  }

  function pow10(k) { return BigInt(10) ** BigInt(k); }

  function halfUp(num, den) {  // num ≥ 0, den > 0
    return (num * BigInt(2) + den) / (den * BigInt(2));
  }

  function hundredths(h) {
    var text = h.toString().padStart(3, "0");
    return text.slice(0, -2) + "." + text.slice(-2);
  }

  function autofill(el, value) {
    if (!el || value === null) return;
    var typed = el.value.trim() !== "" && el.value !== el.dataset.auto;
    if (typed) return;
    el.value = value;
    el.dataset.auto = value;
  }

  function rateOf(key) {  // hundredths of a percent
    var adjusted = decimal(named("funds." + key + ".adjusted"));
    var executed = decimal(named("funds." + key + ".executed"));
    if (!adjusted || !executed || adjusted.n === BigInt(0)) return null;
    return halfUp(executed.n * pow10(adjusted.s) * BigInt(10000), adjusted.n * pow10(executed.s));
  }

  function recompute() {
    FUND_ROWS.forEach(function (key) {
      var rate = rateOf(key);
      autofill(named("funds." + key + ".rate"), rate === null ? null : hundredths(rate));
    });
    var weight = decimal(named("funds.total.weight"));
    var rate = decimal(named("funds.total.rate"));
    if (weight && rate) {
      var percent = halfUp(rate.n * BigInt(100), pow10(rate.s));  // hundredths, as typed or computed
      if (percent > BigInt(10000)) percent = BigInt(10000);
      autofill(named("funds.total.score"), hundredths(halfUp(weight.n * percent, pow10(weight.s) * BigInt(100))));
    }
    var scores = Array.prototype.map.call(body.querySelectorAll("[name$='.score']"), decimal);
    scores.push(decimal(named("funds.total.score")));
    var given = scores.filter(function (d) { return d !== null; });
    if (given.length) {
      var scale = Math.max(2, Math.max.apply(null, given.map(function (d) { return d.s; })));
      var sum = given.reduce(function (acc, d) { return acc + d.n * pow10(scale - d.s); }, BigInt(0));
      autofill(named("total_score"), hundredths(halfUp(sum, pow10(scale - 2))));
    }
  }

  if (named("total_score")) {
    form.addEventListener("input", recompute);
    body.addEventListener("click", function () { setTimeout(recompute, 0); });
    recompute();
  }

  // Enter in a field moves to the next field (as in a spreadsheet) instead of saving;
  // the one-line cells shown wrapped (三级指标, 指标值) do the same.
  form.addEventListener("keydown", function (e) {
    var el = e.target;
    var single = el instanceof HTMLInputElement || (el instanceof HTMLTextAreaElement && "single" in el.dataset);
    if (e.key !== "Enter" || e.isComposing || e.shiftKey || !single) return;
    e.preventDefault();
    var fields = Array.prototype.filter.call(
      form.querySelectorAll("input:not([type=hidden]), textarea, select"),
      function (f) { return !f.disabled && f.offsetParent !== null; }
    );
    var next = fields[fields.indexOf(el) + 1];
    if (next) next.focus();
  });

  // Leaving with unsaved changes asks first; saving, deleting and exporting do not.
  var submitting = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function (e) {
    var action = (e.submitter && e.submitter.getAttribute("formaction")) || form.getAttribute("action");
    if (action === "/fill/save" || /\/delete$/.test(action)) dirty = false;
    submitting = true;  // an export downloads a file and the page stays
    setTimeout(function () { submitting = false; }, 1500);
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !submitting) { e.preventDefault(); e.returnValue = ""; }
  });

  renumber();
  applyMarks();
})();

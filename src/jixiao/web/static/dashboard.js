/* 总览: draws the charts (ECharts) from #dashboard-data and redraws them after every
   HTMX swap of #dashboard. A click on a bar or point opens the forms or findings behind
   it, keeping the filters already chosen. */
(function () {
  "use strict";
  var FONT = getComputedStyle(document.body).fontFamily;
  var SEVERITY = {
    error: { label: "错误", color: "#b3261e" },
    warning: { label: "警告", color: "#d98e04" },
    info: { label: "提示", color: "#2c5a92" }
  };
  var BLUE = "#2c5a92", LIGHT = "#8fb0d9", RED = "#c0392b", GREY = "#9aa5b1";
  var charts = [];
  var NAMES = {};  // form id → "project<br>unit" (fetched for the scatter tooltip)

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function fetchName(id, done) {
    fetch("/api/forms/" + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
      if (!d || !d.form) return;
      var title = /^department_/.test(d.form.kind) ? d.form.department : d.form.project;
      NAMES[id] = escapeHtml(title || "（无项目名称）") + "<br>" +
        escapeHtml(d.form.unit || "") + "<br>";
      done(NAMES[id]);
    }).catch(function () {});
  }

  function href(path, params, extra) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) { if (params[k] !== "") q.set(k, params[k]); });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    var s = q.toString();
    return path + (s ? "?" + s : "");
  }
  function label(key) { return key === null || key === undefined || key === "" ? "（未填）" : String(key); }
  function base() {
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: "item", confine: true },
      grid: { left: 12, right: 24, top: 28, bottom: 12, containLabel: true }
    };
  }
  function make(id, option, onClick) {
    var el = document.getElementById(id);
    if (!el) return null;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    delete el.dataset.finished;
    // Set once the first drawing (and its animation) is done: a click lands on the bars.
    chart.on("finished", function () { el.dataset.finished = "1"; });
    chart.setOption(Object.assign(base(), option));
    if (onClick) {
      chart.on("click", onClick);
    }
    charts.push(chart);
    el.dataset.ready = "1";
    return chart;
  }
  function empty(id, text) {
    var el = document.getElementById(id);
    if (el) { el.innerHTML = '<div class="chart-empty">' + text + "</div>"; el.dataset.ready = "1"; }
  }
  function go(url) { window.location.href = url; }

  function barChart(id, rows, horizontal, params, filterKey, color) {
    if (!rows.length) { empty(id, "没有数据"); return; }
    var cats = rows.map(function (r) { return label(r.key); });
    var values = rows.map(function (r) { return r.count; });
    var catAxis = { type: "category", data: horizontal ? cats.slice().reverse() : cats,
      axisLabel: { width: horizontal ? 220 : 80, overflow: "truncate", interval: 0 } };
    var valAxis = { type: "value", minInterval: 1 };
    make(id, {
      xAxis: horizontal ? valAxis : catAxis,
      yAxis: horizontal ? catAxis : valAxis,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      series: [{ type: "bar", name: "表单数", data: horizontal ? values.slice().reverse() : values,
        itemStyle: { color: color || BLUE }, barMaxWidth: 36,
        label: { show: true, position: horizontal ? "right" : "top" }, cursor: "pointer" }]
    }, function (evt) {
      var idx = horizontal ? rows.length - 1 - evt.dataIndex : evt.dataIndex;
      var key = rows[idx] && rows[idx].key;
      if (key === null || key === undefined) return;
      var extra = {}; extra[filterKey] = key;
      go(href("/forms", params, extra));
    });
  }

  function gradeChart(d) {
    var reported = {}, computed = {}, order = [];
    d.by_grade.forEach(function (r) { reported[label(r.key)] = r.count; if (order.indexOf(label(r.key)) < 0) order.push(label(r.key)); });
    d.by_computed_grade.forEach(function (r) { computed[label(r.key)] = r.count; if (order.indexOf(label(r.key)) < 0) order.push(label(r.key)); });
    var rank = ["优", "优秀", "良", "良好", "中", "合格", "差", "不合格"];
    order.sort(function (a, b) {
      var ia = rank.indexOf(a), ib = rank.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    if (!order.length) { empty("chart-grade", "没有数据"); return; }
    make("chart-grade", {
      legend: { top: 0, right: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: order },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "表中等级", type: "bar", barMaxWidth: 30, itemStyle: { color: BLUE },
          data: order.map(function (g) { return reported[g] || 0; }) },
        { name: "复核等级", type: "bar", barMaxWidth: 30, itemStyle: { color: LIGHT },
          data: order.map(function (g) { return computed[g] || 0; }) }
      ]
    }, function (evt) {
      var g = order[evt.dataIndex];
      if (g === "（未填）") return;
      go(href("/forms", d.params, evt.seriesIndex === 0 ? { grade: g } : { computed_grade: g }));
    });
  }

  function binsChart(d) {
    var b = d.bins;
    if (!b.labels.length || (!b.reported.some(Boolean) && !b.computed.some(Boolean))) {
      empty("chart-bins", "没有带总分的表单"); return;
    }
    make("chart-bins", {
      legend: { top: 0, right: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: b.labels, name: "分", axisLabel: { interval: 0, rotate: b.labels.length > 10 ? 40 : 0 } },
      yAxis: { type: "value", minInterval: 1, name: "表单数" },
      series: [
        { name: "自评总分", type: "bar", data: b.reported, itemStyle: { color: BLUE }, cursor: "pointer" },
        { name: "复核总分", type: "bar", data: b.computed, itemStyle: { color: LIGHT }, cursor: "default" }
      ]
    }, function (evt) {
      // The forms behind a 自评总分 bar: the scatter chart zooms to that band of scores.
      if (evt.seriesIndex !== 0) return;
      var lo = Number(String(b.labels[evt.dataIndex]).split("–")[0]);
      var hi = lo + d.bin_width, last = evt.dataIndex === b.labels.length - 1;
      var shown = d.points.filter(function (p) {
        var y = Number(p[2]);
        return y >= lo && (y < hi || (last && y <= hi));
      }).length;
      zoomScatter(lo, hi, b.reported[evt.dataIndex], shown);
    });
  }

  function zoomScatter(lo, hi, count, shown) {
    var el = document.getElementById("chart-scatter");
    var chart = el && echarts.getInstanceByDom(el);
    if (!chart) return;
    chart.dispatchAction({ type: "dataZoom", dataZoomIndex: 1, startValue: lo, endValue: hi });
    var note = document.getElementById("scatter-zoom");
    if (note) {
      note.hidden = false;
      note.querySelector("span").textContent = "自评总分 " + lo + "–" + hi + " 分的表共 " + count +
        " 张，其中 " + shown + " 张有预算执行率，显示在下图（点任一点打开该表）。";
    }
    el.scrollIntoView({ behavior: "smooth", block: "center" });
  }
  document.addEventListener("click", function (evt) {
    if (!evt.target.closest || !evt.target.closest("#scatter-zoom button")) return;
    var el = document.getElementById("chart-scatter");
    var chart = el && echarts.getInstanceByDom(el);
    if (chart) chart.dispatchAction({ type: "dataZoom", dataZoomIndex: 1, start: 0, end: 100 });
    document.getElementById("scatter-zoom").hidden = true;
  });

  function scatterChart(d) {
    if (!d.points.length) { empty("chart-scatter", "没有同时带预算执行率与总分的表单"); return; }
    var lenient = [], fair = [], unscored = [];
    var maxX = 100, minY = 100;
    d.points.forEach(function (p) {
      var x = Number(p[1]), y = Number(p[2]);
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      var item = { value: [x, y], id: p[0], computed: p[3] };
      if (p[3] === null) unscored.push(item);
      else if (y > Number(p[3])) lenient.push(item);
      else fair.push(item);
    });
    function series(name, data, color) {
      return { name: name, type: "scatter", data: data, symbolSize: 7, large: data.length > 4000,
        itemStyle: { color: color, opacity: 0.75 }, cursor: "pointer" };
    }
    // Lenient forms are drawn last, on top of the others.
    var all = [series("自评不高于复核", fair, BLUE)];
    if (unscored.length) all.push(series("未复核或复核不完整", unscored, GREY));
    all.push(series("自评高于复核", lenient, RED));
    var low = Math.max(0, Math.min(60, Math.floor(minY / 10) * 10));
    all[0].markLine = { silent: true, symbol: "none", label: { show: false },
      lineStyle: { type: "dashed", color: "#7b8794" }, data: [[{ coord: [low, low] }, { coord: [100, 100] }]] };
    make("chart-scatter", {
      legend: { top: 0, right: 0 },
      tooltip: { trigger: "item", confine: true, formatter: function (p, ticket, callback) {
        var it = p.data;
        var body = "预算执行率 " + it.value[0] + "%，自评总分 " + it.value[1] +
          (it.computed !== null ? "，复核总分 " + it.computed : "") +
          "<br><span class='tip-note'>点击打开表单</span>";
        var known = NAMES[it.id];
        if (known) return known + body;
        fetchName(it.id, function (name) { callback(ticket, name + body); });
        return "表单 " + it.id + "<br>" + body;
      } },
      grid: { left: 12, right: 40, top: 36, bottom: 34, containLabel: true },
      xAxis: { type: "value", name: "预算执行率 %", nameLocation: "middle", nameGap: 26, min: 0, max: Math.ceil(maxX / 10) * 10 },
      yAxis: { type: "value", name: "自评总分", min: low, max: 100 },
      dataZoom: [{ type: "inside", xAxisIndex: 0 }, { type: "inside", yAxisIndex: 0 }],
      series: all
    }, function (evt) { if (evt.data && evt.data.id) go("/forms/" + evt.data.id); });
  }

  function severityChart(d) {
    var rows = d.findings_by_severity;
    if (!rows.length) { empty("chart-severity", "没有审核发现"); return; }
    make("chart-severity", {
      legend: { orient: "vertical", right: 0, top: "middle" },
      series: [{ type: "pie", radius: ["45%", "72%"], center: ["42%", "52%"], cursor: "pointer",
        label: { formatter: "{b}\n{c} 条" },
        data: rows.map(function (r) {
          var s = SEVERITY[r.key] || { label: r.key, color: GREY };
          return { name: s.label, value: r.count, key: r.key, itemStyle: { color: s.color } };
        }) }]
    }, function (evt) { go(href("/findings", d.params, { severity: evt.data.key })); });
  }

  function codesChart(d) {
    var rows = d.findings_by_code.slice().sort(function (a, b) { return b.count - a.count; }).slice(0, 30);
    if (!rows.length) { empty("chart-codes", "没有审核发现"); return; }
    make("chart-codes", {
      tooltip: { trigger: "item", confine: true, formatter: function (p) {
        var r = rows[p.dataIndex];
        return r.code + " " + r.title + "<br>" + (SEVERITY[r.severity] || {}).label + "，" + r.count + " 条，涉及 " + r.forms + " 张表" + "<br><span class='tip-note'>点击查看</span>";
      } },
      xAxis: { type: "category", data: rows.map(function (r) { return r.code; }), axisLabel: { interval: 0, rotate: rows.length > 18 ? 45 : 0 } },
      yAxis: { type: "value", minInterval: 1, name: "条数" },
      series: [{ type: "bar", barMaxWidth: 32, cursor: "pointer",
        label: { show: true, position: "top" },
        data: rows.map(function (r) { return { value: r.count, itemStyle: { color: (SEVERITY[r.severity] || { color: GREY }).color } }; }) }]
    }, function (evt) { go(href("/findings", d.params, { code: rows[evt.dataIndex].code })); });
  }

  function draw() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    var node = document.getElementById("dashboard-data");
    if (!node || typeof echarts === "undefined") return;
    node.dataset.drawn = "1";
    var d = JSON.parse(node.textContent);
    barChart("chart-year", d.by_year, false, d.params, "year");
    gradeChart(d);
    barChart("chart-department", d.by_department, true, d.params, "department");
    barChart("chart-unit", d.by_unit, true, d.params, "unit", "#3f7f6e");
    scatterChart(d);
    binsChart(d);
    severityChart(d);
    codesChart(d);
    document.body.dataset.charts = String(charts.length);
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 120);
  });
  document.addEventListener("htmx:afterSettle", function () {
    var node = document.getElementById("dashboard-data");
    if (node && !node.dataset.drawn) draw();
  });
  // Back/forward: HTMX puts back a snapshot of the page whose canvases are dead.
  document.addEventListener("htmx:historyRestore", draw);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

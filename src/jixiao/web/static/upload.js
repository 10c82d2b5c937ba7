/* 导入: drag and drop, one XHR per file with its progress bar, the server's preview
   fragment replacing the bar. A refused or unreadable file shows its reason and the
   others go on. Without JavaScript the form posts every file at once to /import. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("upload-input");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("upload-list");
  var actions = document.getElementById("upload-actions");
  var summary = document.getElementById("upload-summary");
  var confirmForm = document.getElementById("confirm-form");
  var discardForm = document.getElementById("discard-form");
  var fileLimit = parseInt(form.dataset.fileLimit, 10);
  var token = form.dataset.token || null;
  var queue = [];
  var running = 0;
  var PARALLEL = 2;

  form.classList.add("js");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function sizeText(n) {
    if (n < 1024) return n + " 字节";
    if (n < 1024 * 1024) return (n / 1024).toFixed(n < 10240 ? 1 : 0) + " KiB";
    return (n / 1048576).toFixed(n < 10485760 ? 1 : 0) + " MiB";
  }

  function ensureBatch() {
    if (token) return Promise.resolve(token);
    return fetch("/import/batches", { method: "POST", headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() } })
      .then(function (r) {
        if (!r.ok) throw new Error("无法开始上传（" + r.status + "）");
        return r.json();
      })
      .then(function (data) {
        token = data.token;
        form.dataset.token = token;
        confirmForm.action = "/import/batches/" + token + "/confirm";
        discardForm.action = "/import/batches/" + token + "/discard";
        if (window.history && history.replaceState) history.replaceState(null, "", data.url);
        return token;
      });
  }

  function placeholder(file) {
    var li = el("li", "upfile status-uploading");
    li.dataset.status = "uploading";
    var head = el("div", "upfile-head");
    head.appendChild(el("span", "upfile-name", file.name));
    head.appendChild(el("span", "muted", sizeText(file.size)));
    var state = el("span", "upfile-status", "等待上传");
    head.appendChild(state);
    li.appendChild(head);
    var bar = el("progress", "upfile-progress");
    bar.max = 100;
    bar.value = 0;
    li.appendChild(bar);
    list.appendChild(li);
    return { li: li, bar: bar, state: state };
  }

  function refuse(item, message) {
    item.li.className = "upfile status-refused";
    item.li.dataset.status = "refused";
    item.state.textContent = "未接收";
    item.bar.remove();
    var p = el("p", "field-error upfile-error", message);
    p.setAttribute("role", "alert");
    item.li.appendChild(p);
  }

  function replace(item, html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html.trim();
    var node = tpl.content.firstElementChild;
    if (node && node.classList.contains("upfile")) item.li.replaceWith(node);
    else refuse(item, "上传失败：服务器返回了无法识别的内容");
  }

  function send(file, item) {
    running += 1;
    item.state.textContent = "上传中";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/import/batches/" + token + "/files?name=" + encodeURIComponent(file.name));
    xhr.setRequestHeader("X-CSRF-Token", csrfToken());
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) item.bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.upload.addEventListener("load", function () {
      item.bar.removeAttribute("value");
      item.state.textContent = "解析与审核中";
    });
    xhr.addEventListener("load", function () {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") === 0 && xhr.responseText.indexOf("upfile") >= 0) {
        replace(item, xhr.responseText);
      } else {
        refuse(item, "上传失败（HTTP " + xhr.status + "）");
      }
      done();
    });
    xhr.addEventListener("error", function () { refuse(item, "网络错误，文件未能上传"); done(); });
    var data = new FormData();
    data.append("file", file, file.name);
    xhr.send(data);
  }

  function done() {
    running -= 1;
    pump();
    if (!running && !queue.length) refreshAll();
  }

  // Each file's fragment names the forms it repeats among the files previewed before
  // it; files sent side by side can finish in any order, so once every upload is done
  // the fragments are read again from the batch page, where all are known. A choice
  // already made in a fragment's select is kept.
  function refreshAll() {
    fetch("/import/batches/" + token, { headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html || running || queue.length) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        doc.querySelectorAll("#upload-list > .upfile[id]").forEach(function (fresh) {
          var old = document.getElementById(fresh.id);
          if (!old) return;
          old.querySelectorAll("select[name]").forEach(function (s) {
            var same = fresh.querySelector('select[name="' + s.name + '"]');
            if (same) same.value = s.value;
          });
          old.replaceWith(document.importNode(fresh, true));
        });
        list.dataset.refreshed = "1";
        updateSummary();
      })
      .catch(function () { /* the fragments from the uploads stay */ });
  }

  function pump() {
    if (running || queue.length) delete list.dataset.refreshed;
    while (running < PARALLEL && queue.length) {
      var job = queue.shift();
      send(job.file, job.item);
    }
    updateSummary();
  }

  function updateSummary() {
    var items = list.querySelectorAll(".upfile");
    var ready = 0, forms = 0, busy = 0;
    items.forEach(function (li) {
      var s = li.dataset.status;
      if (s === "uploading") busy += 1;
      if (s === "ready") { ready += 1; forms += parseInt(li.dataset.forms || "0", 10); }
    });
    if (!items.length) return;
    actions.hidden = false;
    var text = "共 " + items.length + " 个文件，" + ready + " 个可入库（" + forms + " 张表）。";
    if (busy) text += "还有 " + busy + " 个正在上传或解析…";
    summary.textContent = text;
    document.getElementById("confirm-button").disabled = busy > 0 || ready === 0;
  }

  function accept(files) {
    if (!files || !files.length) return;
    var items = Array.prototype.map.call(files, function (f) { return { file: f, item: placeholder(f) }; });
    actions.hidden = false;
    updateSummary();
    ensureBatch().then(function () {
      items.forEach(function (job) {
        if (job.file.size > fileLimit) {
          refuse(job.item, "「" + job.file.name + "」超过单个文件的大小上限 " + form.dataset.fileLimitText);
        } else if (job.file.size === 0) {
          refuse(job.item, "「" + job.file.name + "」是空文件");
        } else {
          queue.push(job);
        }
      });
      pump();
    }).catch(function (err) {
      items.forEach(function (job) { refuse(job.item, String(err.message || err)); });
      updateSummary();
    });
  }

  input.addEventListener("change", function () {
    accept(input.files);
    input.value = "";
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    input.click();
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  // A dropped folder is walked: every file in it (and below) whose extension a reader
  // takes is uploaded, as `jixiao import FOLDER` does.
  var suffixes = (input.getAttribute("accept") || "").split(",");
  function wanted(name) {
    var lower = name.toLowerCase();
    return name.charAt(0) !== "." && suffixes.some(function (s) { return s && lower.endsWith(s); });
  }
  function walk(entry, out) {
    if (entry.isFile) {
      return new Promise(function (resolve) {
        entry.file(function (f) { if (wanted(f.name)) out.push(f); resolve(); }, function () { resolve(); });
      });
    }
    if (!entry.isDirectory || entry.name.charAt(0) === ".") return Promise.resolve();
    var reader = entry.createReader();
    return new Promise(function (resolve) {
      var all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            all.sort(function (a, b) { return a.name < b.name ? -1 : 1; });
            Promise.all(all.map(function (c) { return walk(c, out); })).then(resolve);
            return;
          }
          all = all.concat(Array.prototype.slice.call(batch));
          more();
        }, function () { resolve(); });
      })();
    });
  }
  zone.addEventListener("drop", function (e) {
    var dt = e.dataTransfer;
    if (!dt) return;
    var entries = Array.prototype.map.call(dt.items || [], function (item) {
      return item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    });
    if (!entries.some(function (en) { return en && en.isDirectory; })) {
      accept(dt.files);
      return;
    }
    var files = [];
    Promise.all(entries.map(function (en) { return en ? walk(en, files) : null; })).then(function () {
      files.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      accept(files);
    });
  });
  confirmForm.addEventListener("submit", function () {
    var button = document.getElementById("confirm-button");
    button.disabled = true;
    button.textContent = "正在入库…";
  });
  updateSummary();
})();

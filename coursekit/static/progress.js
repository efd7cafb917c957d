// "My progress": reads what each quiz saved in this browser's localStorage and summarises it.
// The storage format is the quiz's (coursekit/widgets/quiz.js): key "coursekit:v1:quiz:<id>",
// value {v: 1, total, score, answers: {itemId: {tries, score, ...}}}. Nothing leaves the browser
// except a file the student chooses to export.
(function () {
  "use strict";
  var PREFIX = "coursekit:v1:quiz:";

  function read(id) {
    var raw;
    try { raw = window.localStorage.getItem(PREFIX + id); } catch (error) { return { data: null, corrupt: false }; }
    if (!raw) return { data: null, corrupt: false };
    try {
      var data = JSON.parse(raw);
      if (data.v !== 1 || typeof data.answers !== "object" || data.answers === null) throw new Error("shape");
      return { data: data, corrupt: false };
    } catch (error) {
      try { window.localStorage.removeItem(PREFIX + id); } catch (ignored) { /* unavailable */ }
      return { data: null, corrupt: true };
    }
  }

  function fmt(value) { return Number.isInteger(value) ? String(value) : value.toFixed(1); }
  function fill(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); }); }

  function rows(quizzes) {
    return quizzes.map(function (quiz) {
      var saved = read(quiz.id);
      var answers = saved.data ? saved.data.answers : {};
      var answered = Object.keys(answers).filter(function (k) { return answers[k] && answers[k].tries > 0; }).length;
      var score = Object.keys(answers).reduce(function (sum, k) { return sum + (Number(answers[k].score) || 0); }, 0);
      return { id: quiz.id, title: quiz.title, section: quiz.section, total: quiz.total,
        answered: answered, score: score, corrupt: saved.corrupt, saved: saved.data ? saved.data.saved || "" : "" };
    });
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url; link.download = name;
    document.body.append(link); link.click(); link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function csvCell(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }

  function setup(root) {
    var quizzes = JSON.parse(root.getAttribute("data-quizzes"));
    var s = JSON.parse(root.getAttribute("data-strings"));
    var status = root.querySelector(".ck-progress-status");
    var say = function (text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 30); };

    function render() {
      var data = rows(quizzes);
      var answered = 0, score = 0, total = 0, corrupt = 0;
      data.forEach(function (row) {
        var tr = root.querySelector('tr[data-quiz="' + CSS.escape(row.id) + '"]');
        tr.querySelector(".ck-answered").textContent = row.answered ? row.answered + " / " + row.total : s["progress.none"];
        tr.querySelector(".ck-points").textContent = row.answered ? fmt(row.score) + " / " + row.total : "–";
        answered += row.answered; score += row.score; total += row.total; corrupt += row.corrupt ? 1 : 0;
      });
      root.querySelector(".ck-total-answered").textContent = answered + " / " + total;
      root.querySelector(".ck-total-points").textContent = fmt(score) + " / " + total;
      if (corrupt) say(fill(s["progress.corrupt"], { count: corrupt }));
      return data;
    }

    root.querySelector(".ck-export-json").addEventListener("click", function () {
      var data = { course: document.title, exported: new Date().toISOString(), quizzes: render() };
      download("progress.json", "application/json", JSON.stringify(data, null, 2));
      say(fill(s["progress.exported"], { file: "progress.json" }));
    });
    root.querySelector(".ck-export-csv").addEventListener("click", function () {
      var lines = [["quiz_id", "title", "section", "answered", "score", "total", "saved"].join(",")];
      render().forEach(function (r) {
        lines.push([r.id, r.title, r.section, r.answered, fmt(r.score), r.total, r.saved].map(csvCell).join(","));
      });
      download("progress.csv", "text/csv", lines.join("\r\n") + "\r\n");
      say(fill(s["progress.exported"], { file: "progress.csv" }));
    });
    root.querySelector(".ck-reset-all").addEventListener("click", function () {
      if (!window.confirm(s["progress.confirmReset"])) return;
      quizzes.forEach(function (quiz) {
        try { window.localStorage.removeItem(PREFIX + quiz.id); } catch (error) { /* unavailable */ }
      });
      render();
      say(s["progress.resetDone"]);
    });
    root.querySelectorAll(".ck-progress-actions button").forEach(function (b) { b.hidden = false; });
    render();
  }

  function start() { document.querySelectorAll(".ck-progress[data-quizzes]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

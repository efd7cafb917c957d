// "My progress": reads what each quiz saved in this browser's localStorage and summarises it.
// Served after common.js, widgets/quiz/10-score.js and widgets/quiz/30-storage.js, in one function
// scope (coursekit.sphinxext.assets.PAGE_SCRIPT_PARTS), so the storage key, the checks of every saved
// entry and the totals are the quiz's own, never a copy. Nothing leaves the browser except a file the
// student chooses to export.

/** One quiz's row: {id, title, section, total, answered, score, dropped, corrupt, saved}. */
function progressRow(quiz) {
  const loaded = loadRecord(quiz);
  if (loaded.unreadable) store.remove(storageKey(quiz.id));
  const totals = recordTotals(loaded.record, quiz.items.map((item) => item.id));
  const raw = loaded.unreadable ? null : store.get(storageKey(quiz.id)).value;
  let saved = "";
  try { saved = raw ? String(JSON.parse(raw).saved || "") : ""; } catch (_error) { /* checked by loadRecord */ }
  return { id: quiz.id, title: quiz.title, section: quiz.section, total: quiz.total,
    answered: Math.min(totals.answered, quiz.total), score: Math.min(totals.score, quiz.total),
    dropped: loaded.dropped, corrupt: loaded.unreadable, available: loaded.ok, saved };
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link); link.click(); link.remove();
  window.setTimeout(() => { URL.revokeObjectURL(url); }, 1000);
}

function csvCell(value) { return `"${String(value).replace(/"/g, '""')}"`; }

/** The student's own answers: {id, section, prompt, href, text, saved} for each one saved here. */
function ownAnswers(list) {
  return list.map((entry) => ({ ...entry, ...(readAnswer(entry.id) || {}) })).filter((entry) => entry.text);
}

function showAnswers(box, s) {
  const found = ownAnswers(JSON.parse(box.getAttribute("data-answers")));
  box.querySelector(".ck-answers-none").hidden = found.length > 0;
  box.querySelector(".ck-answer-list").replaceChildren(...found.map((answer) => el("li", {}, [
    el("p", {}, [el("a", { href: answer.href, text: answer.prompt })]),
    el("p", { class: "ck-own-text", text: answer.text }),
    el("p", { class: "ck-own-saved", text: format(s["progress.answerSaved"], { date: answer.saved.slice(0, 10) }) }),
  ])));
  return found.map(({ id, section, prompt, text, saved }) => ({ id, section, prompt, text, saved }));
}

function setup(root) {
  const quizzes = JSON.parse(root.getAttribute("data-quizzes"));
  const s = JSON.parse(root.getAttribute("data-strings"));
  const status = root.querySelector(".ck-progress-status");
  const say = (text) => announce(status, text);
  const answersBox = root.querySelector(".ck-own-answers");

  function render() {
    const data = quizzes.map(progressRow);
    let answered = 0, score = 0, total = 0, corrupt = 0, dropped = 0;
    data.forEach((row) => {
      const tr = root.querySelector(`tr[data-quiz="${CSS.escape(row.id)}"]`);
      tr.querySelector(".ck-answered").textContent = row.answered ? `${row.answered} / ${row.total}` : s["progress.none"];
      tr.querySelector(".ck-points").textContent = row.answered ? `${points(row.score)} / ${row.total}` : "–";
      answered += row.answered; score += row.score; total += row.total;
      corrupt += row.corrupt ? 1 : 0; dropped += row.dropped;
    });
    root.querySelector(".ck-total-answered").textContent = `${answered} / ${total}`;
    root.querySelector(".ck-total-points").textContent = `${points(score)} / ${total}`;
    const messages = [];
    if (data.some((row) => !row.available)) messages.push(s["progress.unavailable"]);
    if (corrupt) messages.push(format(s["progress.corrupt"], { count: corrupt }));
    if (dropped) messages.push(format(s["progress.dropped"], { count: dropped }));
    if (messages.length) say(messages.join(" "));
    if (answersBox) showAnswers(answersBox, s);
    return data.map(({ dropped: _d, corrupt: _c, available: _a, ...row }) => row);
  }

  root.querySelector(".ck-export-json").addEventListener("click", () => {
    const data = { course: document.title, exported: new Date().toISOString(), quizzes: render(),
      answers: answersBox ? showAnswers(answersBox, s) : [] };
    download("progress.json", "application/json", JSON.stringify(data, null, 2));
    say(format(s["progress.exported"], { file: "progress.json" }));
  });
  root.querySelector(".ck-export-csv").addEventListener("click", () => {
    const lines = [["quiz_id", "title", "section", "answered", "score", "total", "saved"].join(",")];
    render().forEach((r) => {
      lines.push([r.id, r.title, r.section, r.answered, points(r.score), r.total, r.saved].map(csvCell).join(","));
    });
    download("progress.csv", "text/csv", `${lines.join("\r\n")}\r\n`);
    say(format(s["progress.exported"], { file: "progress.csv" }));
  });
  root.querySelector(".ck-reset-all").addEventListener("click", () => {
    if (!window.confirm(s["progress.confirmReset"])) return;
    quizzes.forEach((quiz) => store.remove(storageKey(quiz.id)));
    render();
    say(s["progress.resetDone"]);
  });
  root.querySelectorAll(".ck-progress-actions button").forEach((b) => { b.hidden = false; });
  window.addEventListener("storage", render); // a quiz answered in another tab
  render();
}

function start() { document.querySelectorAll(".ck-progress[data-quizzes]").forEach(setup); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

// "Continue where you left off", on the home page: from the quizzes' saved records (the same reading as
// the quiz's own, widgets/quiz/30-storage.js), the section the learner last worked on and what is left
// in it; once that quiz is complete, the next section in book order not yet finished. A learner with no
// saved progress sees nothing.

function continueWith(quizzes) {
  const rows = quizzes.map((quiz) => {
    const loaded = loadRecord(quiz);
    const raw = loaded.unreadable ? null : store.get(storageKey(quiz.id)).value;
    let saved = "";
    try { saved = raw ? String(JSON.parse(raw).saved || "") : ""; } catch (_error) { /* checked by loadRecord */ }
    const { answered } = recordTotals(loaded.record, quiz.items.map((item) => item.id));
    return { quiz, answered: Math.min(answered, quiz.total), saved };
  });
  const started = rows.filter((row) => row.answered > 0);
  if (!started.length) return null;
  const last = started.reduce((a, b) => (b.saved > a.saved ? b : a));
  if (last.answered < last.quiz.total) return last;
  const after = rows.slice(rows.indexOf(last) + 1).concat(rows.slice(0, rows.indexOf(last)));
  return after.find((row) => row.answered < row.quiz.total) || null;
}

function showContinue(box) {
  const s = JSON.parse(box.getAttribute("data-strings"));
  const next = continueWith(JSON.parse(box.getAttribute("data-quizzes")));
  if (!next) { box.hidden = true; return; }
  const left = next.quiz.total - next.answered;
  box.replaceChildren(el("p", {}, [
    el("strong", { text: `${s.lead} ` }),
    el("a", { href: next.quiz.href, text: next.quiz.title }),
    el("span", { text: ` ${format(next.answered ? s.left : s.notStarted,
      { left, total: next.quiz.total })}` }),
  ]));
  box.hidden = false;
}

function startContinue() {
  document.querySelectorAll(".ck-continue[data-quizzes]").forEach((box) => {
    showContinue(box);
    window.addEventListener("storage", () => showContinue(box));
  });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startContinue);
else startContinue();

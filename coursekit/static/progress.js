// "My progress": reads what each quiz, answer box and "mark as read" control saved in this browser and
// summarises it: every quiz with its score, the sections read and a course progress bar, what to do
// next, the student's own answers; export to a file and import one (from another device). Served after
// common.js, widgets/quiz/10-score.js, widgets/quiz/30-storage.js, static/answer-store.js,
// static/read-store.js and static/progress-merge.js, in one function scope
// (coursekit.sphinxext.assets.PAGE_SCRIPT_PARTS), so the storage keys, the checks of every saved entry
// and the totals are the quiz's own, never a copy. Nothing leaves the browser except a file the student
// chooses to export.

const MAX_IMPORT = 5 * 1024 * 1024;   // bytes: far more than any course's progress

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
    dropped: loaded.dropped, corrupt: loaded.unreadable, available: loaded.ok, saved, record: loaded.record };
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
    el("p.ck-own-text", { text: answer.text }),
    el("p.ck-own-saved", { text: format(s.answerSaved, { date: formatDate(answer.saved) }) }),
  ])));
  return found.map(({ id, section, prompt, text, saved }) => ({ id, section, prompt, text, saved }));
}

/** `template` with {title} as a link to `href` and the other placeholders filled in: a <p>'s children. */
function withLink(template, values, href) {
  const [before, after = ""] = format(template.replace("{title}", "\u0000"), values).split("\u0000");
  return [before, el("a", { href, text: values.title }), after];
}

/** The first thing not done in book order: a section not marked read, or a quiz not finished. */
function nextStep(sections, quizzes, rows, marks) {
  const steps = [
    ...sections.map((section) => ({ order: section.order, rank: 0, section })),
    ...quizzes.map((quiz, i) => ({ order: quiz.order, rank: 1, quiz, row: rows[i] })),
  ].sort((a, b) => a.order - b.order || a.rank - b.rank);
  return steps.find((step) => (step.section ? !(marks[step.section.id] || {}).read : step.row.answered < step.row.total));
}

function setup(root) {
  const read = (name) => JSON.parse(root.getAttribute(name));
  const [quizzes, sections, s, course] = ["data-quizzes", "data-sections", "data-strings", "data-course"].map(read);
  const status = root.querySelector(".ck-progress-status");
  const say = (text) => announce(status, text);
  const answersBox = root.querySelector(".ck-own-answers");
  const nameInput = root.querySelector(".ck-learner-name");
  const fileInput = root.querySelector(".ck-import-file");
  const answerList = answersBox ? JSON.parse(answersBox.getAttribute("data-answers")) : [];
  const saving = canSave(); // once: a probe on every render would reach the other tabs each time

  function storedMarks() {
    return Object.fromEntries(sections.map((section) => [section.id, readMark(section.id)]).filter(([, m]) => m));
  }

  function showOverview(rows, marks, answered, total) {
    const done = sections.filter((section) => (marks[section.id] || {}).read).length;
    const bar = root.querySelector(".ck-course-bar");
    bar.max = Math.max(sections.length, 1);
    bar.value = done;
    const percent = sections.length ? Math.round((100 * done) / sections.length) : 0;
    root.querySelector(".ck-course-text").textContent = format(s.barText,
      { read: done, sections: sections.length, percent, answered, questions: total });
    const step = nextStep(sections, quizzes, rows, marks);
    const next = root.querySelector(".ck-next");
    if (!step) next.replaceChildren(s.allDone);
    else if (step.section) next.replaceChildren(...withLink(s.nextRead, { title: step.section.title }, step.section.href));
    else next.replaceChildren(...withLink(s.nextQuiz, { title: step.quiz.title, total: step.row.total,
      left: step.row.total - step.row.answered }, step.quiz.href));
    root.querySelector(".ck-overview").hidden = false;
  }

  function render() {
    const rows = quizzes.map(progressRow);
    let answered = 0, score = 0, total = 0, corrupt = 0, dropped = 0;
    rows.forEach((row) => {
      const tr = root.querySelector(`tr[data-quiz="${CSS.escape(row.id)}"]`);
      tr.querySelector(".ck-answered").textContent = row.answered ? `${row.answered} / ${row.total}` : s.none;
      tr.querySelector(".ck-points").textContent = row.answered ? `${points(row.score)} / ${row.total}` : "–";
      answered += row.answered; score += row.score; total += row.total;
      corrupt += row.corrupt ? 1 : 0; dropped += row.dropped;
    });
    root.querySelector(".ck-total-answered").textContent = `${answered} / ${total}`;
    root.querySelector(".ck-total-points").textContent = `${points(score)} / ${total}`;
    const marks = storedMarks();
    sections.forEach((section) => {
      const mark = marks[section.id];
      root.querySelector(`tr[data-section="${CSS.escape(section.id)}"] .ck-read-cell`).textContent = mark && mark.read
        ? format(s.readYes, { date: formatDate(mark.at) }) : s.readNo;
    });
    showOverview(rows, marks, answered, total);
    const messages = [];
    if (rows.some((row) => !row.available)) messages.push(s.unavailable);
    else if (!saving) messages.push(s.notSaving);
    if (corrupt) messages.push(format(s.corrupt, { count: corrupt }));
    if (dropped) messages.push(format(s.dropped, { count: dropped }));
    if (messages.length) say(messages.join(" "));
    if (answersBox) showAnswers(answersBox, s);
    return { marks, rows: rows.map(({ dropped: _d, corrupt: _c, available: _a, record, ...row }) => ({ row, record })) };
  }

  /** What is stored here, as planImport reads it. */
  function here() {
    const stored = {};
    answerList.forEach(({ id }) => { const answer = readAnswer(id); if (answer) stored[id] = answer; });
    return { quizzes: quizzes.map((quiz) => ({ quiz, record: loadRecord(quiz).record })),
      answers: { known: answerList.map(({ id, section }) => ({ id, section })), stored },
      sections: sections.map((section) => section.id), marks: storedMarks(),
      learner: store.get(LEARNER_KEY).value, name: store.get(LEARNER_NAME_KEY).value || "" };
  }

  function apply(plan) {
    const written = [
      ...plan.quizzes.map(({ quiz, record }) => store.set(storageKey(quiz.id),
        serialiseRecord(quiz, record, quiz.items.map((item) => item.id), quiz.total))),
      ...plan.answers.map(({ id, answer }) => storeAnswer(id, answer)),
      ...plan.marks.map(storeMark),
      plan.learner ? store.set(LEARNER_KEY, plan.learner) : true,
      plan.name ? store.set(LEARNER_NAME_KEY, plan.name) : true,
    ];
    if (plan.name) nameInput.value = plan.name;
    return written.every(Boolean);
  }

  async function importFile(file) {
    let data = null;
    try { data = file.size <= MAX_IMPORT ? JSON.parse(await file.text()) : null; } catch (_error) { /* not JSON */ }
    const plan = planImport(data, here());
    if (plan.error) { say(format(s.importNotExport, { file: file.name })); return; }
    const ok = apply(plan);
    render();
    say(`${importMessage(plan.counts, s)}${ok ? "" : ` ${s.notSaving}`}`);
  }

  root.querySelector(".ck-export-json").addEventListener("click", () => {
    const { rows, marks } = render();
    const data = exportData(rows, answersBox ? showAnswers(answersBox, s) : [], Object.values(marks), {
      course, exported: new Date().toISOString(), learner: store.get(LEARNER_KEY).value, name: nameInput.value.trim() });
    download("progress.json", "application/json", JSON.stringify(data, null, 2));
    say(format(s.exported, { file: "progress.json" }));
  });
  root.querySelector(".ck-export-csv").addEventListener("click", () => {
    const lines = [["quiz_id", "title", "section", "answered", "score", "total", "saved"].join(",")];
    render().rows.forEach(({ row: r }) => {
      lines.push([r.id, r.title, r.section, r.answered, points(r.score), r.total, r.saved].map(csvCell).join(","));
    });
    download("progress.csv", "text/csv", `${lines.join("\r\n")}\r\n`);
    say(format(s.exported, { file: "progress.csv" }));
  });
  root.querySelector(".ck-reset-all").addEventListener("click", () => {
    if (!window.confirm(s.confirmReset)) return;
    quizzes.forEach((quiz) => store.remove(storageKey(quiz.id)));
    render();
    say(s.resetDone);
  });
  nameInput.value = store.get(LEARNER_NAME_KEY).value || "";
  nameInput.addEventListener("input", () => {
    const name = nameInput.value.trim().slice(0, MAX_NAME);
    if (!(name ? store.set(LEARNER_NAME_KEY, name) : store.remove(LEARNER_NAME_KEY))) say(s.notSaving);
  });
  fileInput.addEventListener("change", () => {
    const [file] = fileInput.files;
    if (file) importFile(file).finally(() => { fileInput.value = ""; });
  });
  root.querySelectorAll(".ck-progress-actions button, .ck-progress-tools").forEach((b) => { b.hidden = false; });
  window.addEventListener("storage", (event) => { if (event.key !== PROBE_KEY) render(); }); // a quiz answered in another tab
  render();
}

function start() { document.querySelectorAll(".ck-progress[data-quizzes]").forEach(setup); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

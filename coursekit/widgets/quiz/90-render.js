// The self-check quiz, part 5 of 5: the widget. One anywidget front-end module for live Jupyter and
// the static book. Item HTML arrives already rendered and escaped by Python (coursekit.schema.markdown);
// everything else reaches the page as textContent.
//
// How an item teaches without being gamed: its score is open until its explanation shows (after full
// marks, after "Show answer", or after the last of its `tries`: `showAnswerAfter`, at most a choice item's
// options minus one); while open, each try's score replaces the one before (a lower one says so) and
// nothing says which choices are right; once shown, a new answer is still checked but says (and, saved
// as `late`, says again after a reload) that it no longer scores.

let uid = 0;

/** The headline of a checked answer: text and icon, never colour alone. */
function verdict(item, entry, s) {
  if (entry.last >= 1) return { cls: "ck-right", icon: "✓", text: s.correct };
  if (entry.last > 0) {
    const text = item.type === "multiple_select"
      ? format(s.partlyRight, choiceCounts(item, entry.response))
      : s.partlyCorrect;
    return { cls: "ck-partial", icon: "◐", text };
  }
  return { cls: "ck-wrong", icon: "✗", text: s.incorrect };
}

/** What a check after the question was settled says: that it no longer scores (null for any other entry). */
function lateNote(entry, s) {
  if (!entry.late) return null;
  return format(entry.revealed ? s.noScoreShown : s.noScoreSettled, { score: points(entry.score) });
}

/** True when the item's explanation shows and its score no longer changes. */
function settled(entry, allowed) {
  return Boolean(entry && entry.tries > 0 && (entry.score >= 1 || entry.revealed || entry.tries >= allowed));
}

/** The authored feedback for what was picked (choice items) or for right/wrong (the others). A multiple-select
 * item's per-choice feedback waits until it is `done` (settled): it would say which ticks are right. */
function feedbackNodes(item, entry, done) {
  const nodesOf = (html) => [...el("div", { html }).childNodes];
  if (item.type === "multiple_select" && !done) return [];
  if (item.choices) {
    const picked = [].concat(entry.response ?? []).filter((i) => item.choices[i]?.feedback);
    if (item.type === "single_choice") return picked.flatMap((i) => nodesOf(item.choices[i].feedback));
    return picked.length ? [el("ul.ck-choice-feedback", {}, picked.map((i) => el("li", {}, [
      el("span.ck-choice-name", { html: item.choices[i].html }), el("span", { text: ": " }),
      el("div", { html: item.choices[i].feedback })])))] : [];
  }
  const text = entry.last >= 1 ? item.feedback.correct : item.feedback.incorrect;
  return text ? nodesOf(text) : [];
}

function render({ model, el: root }) {
  const quiz = model.get("quiz");
  const s = model.get("strings");
  const base = `ck-quiz-${quiz.id}-${++uid}`;
  const learner = learnerId();
  const loaded = loadRecord(quiz);
  const fromModel = model.get("answers") || {};
  let record = Object.keys(fromModel).length
    ? { attempt: loaded.record.attempt, answers: parseRecord(JSON.stringify({ v: STORAGE_VERSION, answers: fromModel }), quiz).record.answers }
    : loaded.record;
  let items = [];
  let views = [];

  const live = liveRegion();
  const speak = (text) => announce(live, text);
  const scoreLine = el("p.ck-score");
  const summary = el("p.ck-summary-text");
  const notices = el("div.ck-notices");
  const list = el("ol.ck-items");
  const shownNotices = new Set();

  function notice(key, values = {}) {
    if (shownNotices.has(key)) return;
    shownNotices.add(key);
    notices.append(el("p.ck-notice", { role: "alert", text: format(s[key], values) }));
  }

  const ids = () => items.map((item) => item.id);

  /** Show the totals, keep the record (merged with other tabs' work) and tell the model. */
  function publish({ write = true } = {}) {
    if (write) {
      const result = commitRecord(quiz, record, ids());
      if (!result.ok) notice("storageUnavailable");
      const attempt = record.attempt;
      record = result.ok ? result.record : record;
      if (record.attempt !== attempt) build(); // another tab reset the quiz: its new attempt wins
      else views.forEach((view) => view.sync());
    }
    const { answered: done, score: value } = recordTotals(record, ids());
    const total = items.length;
    scoreLine.textContent = format(s.score, { score: points(value), total });
    summary.textContent = done === total
      ? format(s.complete, { score: points(value), total })
      : format(s.summary, { answered: done, score: points(value), total });
    const answers = {};
    for (const id of ids()) if (record.answers[id]) answers[id] = record.answers[id];
    model.set("answers", answers);
    model.set("score", value);
    model.save_changes();
  }

  function renderItem(item, n, seed) {
    const name = `${base}-a${record.attempt}-${n}`;
    const allowed = item.tries ?? quiz.showAnswerAfter;
    const promptId = `${name}-prompt`;
    const start = shownOrder(item, seed);
    const controls = CONTROLS[item.type](item, name, s, speak, start);
    const status = el("p.ck-status");
    const detail = el("div.ck-detail");
    const feedback = el("div.ck-feedback");
    const explanation = el("div.ck-explanation", { hidden: true }, [
      el("p.ck-label", { text: s.explanation }), el("div", { html: item.explanation }),
      item.source ? el("p.ck-source", {}, [el("span", { text: `${s.source}: ` }), el("span", { html: item.source })]) : null,
    ]);
    const hint = el("div.ck-hint", { id: `${name}-hint`, hidden: true, html: item.hint });
    const reveal = el("div.ck-reveal", { hidden: true });
    const check = el("button.ck-button.ck-primary", { text: s.check });
    const hintButton = item.hint
      ? el("button.ck-button", { "aria-expanded": "false", "aria-controls": `${name}-hint`, text: s.hint })
      : null;
    const showButton = el("button.ck-button", { hidden: true, text: s.showAnswer });
    const tries = el("span.ck-tries");
    const node = el("li.ck-item", { "data-type": item.type, "data-item": item.id }, [
      el("p.ck-qnum", { id: `${name}-num`, text: format(s.questionOf, { n: n + 1, total: items.length }) }),
      el("div.ck-prompt", { id: promptId, html: item.prompt }),
      el("fieldset.ck-fieldset", { "aria-labelledby": `${name}-num ${promptId}` }, controls.nodes),
      el("div.ck-actions", {}, [check, hintButton, showButton, tries]),
      hint, el("div.ck-result", {}, [status, detail, feedback]), explanation, reveal,
    ]);
    let shown = null; // the entry on screen, so another tab's change is drawn only when it differs

    function setStatus(cls, icon, text) {
      status.className = `ck-status ${cls}`;
      status.replaceChildren(el("span.ck-icon", { "aria-hidden": "true", text: icon }), el("span", { text }));
    }

    /** Draw an entry; `note` (after a check) says how the try changed the score. */
    function show(entry, note) {
      shown = entry;
      if (!entry || !entry.tries) {
        status.replaceChildren(); status.className = "ck-status"; detail.replaceChildren(); feedback.replaceChildren();
        explanation.hidden = true; reveal.hidden = true; showButton.hidden = true; tries.textContent = "";
        node.dataset.state = ""; controls.mark?.(null);
        return;
      }
      const v = verdict(item, entry, s);
      node.dataset.state = v.cls;
      setStatus(v.cls, v.icon, v.text);
      const done = settled(entry, allowed);
      const lines = [];
      if (item.type === "multiple_select") {
        const counts = choiceCounts(item, entry.response);
        lines.push(format(s[done ? "choiceCounts" : "tickCounts"], counts));
      }
      if (item.type === "matching" && entry.last < 1) { // the rows say which match; the score needs them all
        const rows = matchRows(item, entry.response);
        lines.push(format(s.rowCounts, { hits: rows.filter(Boolean).length, rows: rows.length }));
      }
      lines.push(format(s.itemScore, { score: points(entry.score) }));
      const said = note ?? lateNote(entry, s);
      if (said) lines.push(said);
      detail.replaceChildren(...lines.map((text) => el("p", { text })));
      feedback.replaceChildren(...feedbackNodes(item, entry, done));
      controls.mark?.(entry.response);
      explanation.hidden = !done || (!item.explanation && !item.source);
      tries.textContent = format(s.tries, { tries: Math.min(entry.tries, allowed), allowed });
      showButton.hidden = entry.last >= 1 || entry.revealed || entry.tries < allowed;
      reveal.hidden = !entry.revealed;
      if (entry.revealed) {
        controls.reveal?.();
        reveal.replaceChildren(el("p.ck-label", { text: s.correctAnswer }),
          controls.reveal ? el("p", { text: s.orderShown }) : controls.answer());
      }
    }

    on(check, "click", () => {
      const response = controls.read();
      const before = record.answers[item.id] || { tries: 0, score: 0, revealed: false };
      const missing = !answered(item, response, start) ? ({ ordering: "orderFirst", matching: "matchAll" }[item.type] || "needAnswer")
        : item.type === "numeric" && typedNumber(response) === null ? "needNumber"
          : before.tries > 0 && sameResponse(before.response, response) ? "sameAnswer" : null;
      if (missing) { // not a try: nothing, no number, the untouched order or the answer already checked
        setStatus("ck-needed", "!", s[missing]);
        if (missing !== "sameAnswer") { // what the last check said was about another answer than this one
          detail.replaceChildren(); feedback.replaceChildren(); controls.mark?.(null);
        }
        speak(s[missing]);
        return;
      }
      const value = score(item, response);
      const closed = settled(before, allowed);
      const entry = { response, tries: before.tries + 1, last: value, revealed: Boolean(before.revealed),
        score: closed ? before.score : value, at: Date.now(), ...(closed ? { late: true } : {}) };
      const note = !closed && before.tries > 0 && value < before.score
        ? format(s.lowered, { before: points(before.score), after: points(value) }) : null;
      record = { ...record, answers: { ...record.answers, [item.id]: entry } };
      show(entry, note);
      publish();
      speak([status.textContent, detail.textContent, feedback.textContent].join(" "));
    });
    hintButton?.addEventListener("click", () => {
      hint.hidden = !hint.hidden;
      hintButton.setAttribute("aria-expanded", String(!hint.hidden));
    });
    on(showButton, "click", () => {
      const { late: _checkedBefore, ...kept } = record.answers[item.id]; // what it said is no longer on screen
      const entry = { ...kept, revealed: true, at: Date.now() };
      record = { ...record, answers: { ...record.answers, [item.id]: entry } };
      show(entry, null);
      publish();
      speak(`${s.correctAnswer}: ${reveal.textContent.replace(s.correctAnswer, "")}`);
    });
    controls.input?.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); check.click(); }
    });

    const restore = (entry) => { controls.write(entry?.tries ? entry.response : null); show(entry, null); };
    restore(record.answers[item.id]);
    /** Redraw when the record (another tab, the kernel) holds a different entry than the one shown. */
    const sync = () => {
      const entry = record.answers[item.id] || null;
      if (JSON.stringify(entry) !== JSON.stringify(shown)) restore(entry);
    };
    return { node, sync };
  }

  /** Draw the items of the current attempt (its own draw and order). */
  function build() {
    const seed = `${learner}:${quiz.id}:${record.attempt}`;
    items = drawnItems(quiz.items, quiz.draw, seed);
    views = items.map((item, n) => renderItem(item, n, seed));
    list.replaceChildren(...views.map((view) => view.node));
  }

  const reset = el("button.ck-button.ck-reset", { text: s.reset, "aria-expanded": "false" });
  const confirmYes = el("button.ck-button.ck-primary", { text: s.resetYes });
  const confirmNo = el("button.ck-button", { text: s.resetNo });
  const confirmBox = el("div.ck-confirm", { role: "group", "aria-labelledby": `${base}-confirm`, hidden: true }, [
    el("p", { id: `${base}-confirm`, text: s.resetConfirm }), el("div.ck-actions", {}, [confirmYes, confirmNo]),
  ]);
  const closeConfirm = () => { confirmBox.hidden = true; reset.setAttribute("aria-expanded", "false"); reset.focus(); };
  on(reset, "click", () => {
    confirmBox.hidden = false;
    reset.setAttribute("aria-expanded", "true");
    confirmNo.focus();
  });
  on(confirmNo, "click", closeConfirm);
  on(confirmBox, "keydown", (event) => { if (event.key === "Escape") closeConfirm(); });
  on(confirmYes, "click", () => {
    record = { attempt: record.attempt + 1, answers: {} };
    build();
    publish();
    closeConfirm();
    speak(s.resetDone);
  });

  const section = el("section.ck-quiz", { "aria-labelledby": `${base}-title` }, [
    el("div.ck-header", {}, [el("p.ck-title", { id: `${base}-title`, text: quiz.title }), scoreLine]),
    notices,
    list,
    el("div.ck-footer", {}, [summary, reset]),
    confirmBox,
    live,
  ]);
  if (loaded.unreadable) notice("storageReset");
  if (loaded.dropped) notice("entriesDropped", { count: loaded.dropped });
  if (!loaded.ok) notice("storageUnavailable");
  build();
  root.replaceChildren(section);
  publish();

  // Another tab of this course saved this quiz: take its newer entries (without writing back).
  const onStorage = (event) => {
    if (event.key !== null && event.key !== storageKey(quiz.id)) return;
    const incoming = parseRecord(event.key === null ? null : event.newValue, quiz).record;
    const attempt = record.attempt;
    record = mergeRecords(incoming, record);
    if (record.attempt !== attempt) build(); else views.forEach((view) => view.sync());
    publish({ write: false });
  };
  window.addEventListener("storage", onStorage);
  // The kernel (live Jupyter) changed the answers.
  const onAnswers = () => {
    const incoming = model.get("answers") || {};
    const current = {};
    for (const id of ids()) if (record.answers[id]) current[id] = record.answers[id];
    if (JSON.stringify(incoming) === JSON.stringify(current)) return;
    record = { ...record, answers: parseRecord(JSON.stringify({ v: STORAGE_VERSION, answers: incoming }), quiz).record.answers };
    views.forEach((view) => view.sync());
    publish();
  };
  model.on("change:answers", onAnswers);
  return () => {
    model.off("change:answers", onAnswers);
    window.removeEventListener("storage", onStorage);
  };
}

export default { render, score, normalise };

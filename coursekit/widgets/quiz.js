// The self-check quiz: one anywidget front-end module for live Jupyter and the static book.
// Item HTML arrives already rendered and escaped by Python (coursekit.schema.markdown).
// Scoring mirrors coursekit/scoring.py; tests/test_scoring_parity.py checks that they agree.
// el, format and normalise come from common.js.

const STORAGE_VERSION = 1;
let uid = 0;

/** `value` as a position in [0, count): a whole number (not a boolean or text), else null. */
function index(value, count) {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < count ? value : null;
}

/** A list of valid positions, or null when `response` is not an array or holds anything else. */
function indices(response, count) {
  if (!Array.isArray(response)) return null;
  const found = response.map((v) => index(v, count));
  return found.includes(null) ? null : found;
}

function isIdentity(list, count) {
  return list !== null && list.length === count && list.every((v, i) => v === i);
}

// A number typed by the student (mirrors scoring._NUMBER).
const NUMBER = /^[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n\r\f\v]*$/;

/** Score a response in [0, 1]; anything malformed scores 0. */
function score(item, response) {
  try {
    switch (item.type) {
      case "single_choice": {
        const i = index(response, item.choices.length);
        return i !== null && item.correct.includes(i) ? 1 : 0;
      }
      case "multiple_select": {
        const list = indices(response, item.choices.length);
        if (list === null) return 0;
        const picked = new Set(list);
        const right = new Set(item.correct);
        const hits = [...picked].filter((i) => right.has(i)).length;
        const misses = picked.size - hits;
        if (item.scoring === "all_or_nothing") return hits === right.size && misses === 0 ? 1 : 0;
        return Math.max(0, (hits - misses) / right.size);
      }
      case "true_false":
        return response === item.answer ? 1 : 0;
      case "numeric": {
        let value;
        if (typeof response === "string") {
          const match = NUMBER.exec(response);
          if (!match) return 0;
          value = Number(match[1]);
        } else if (typeof response === "number") {
          value = response;
        } else {
          return 0;
        }
        return Number.isFinite(value) && Math.abs(value - item.answer) <= item.tolerance + 1e-9 ? 1 : 0;
      }
      case "ordering":
        return isIdentity(indices(response, item.entries.length), item.entries.length) ? 1 : 0;
      case "matching":
        return isIdentity(indices(response, item.lefts.length), item.lefts.length) ? 1 : 0;
      case "short_text": {
        if (typeof response !== "string") return 0;
        const given = normalise(response);
        return given !== "" && item.accepted.includes(given) ? 1 : 0;
      }
      default:
        return 0;
    }
  } catch (_error) {
    return 0;
  }
}

function points(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

// ---- persistence -----------------------------------------------------------------------------

// >>> LMS storage hook (see coursekit/static/scorm.js). A page inside an LMS package defines
// window.coursekitStorage, a Storage-like object (getItem/setItem/removeItem), and the quiz saves through
// it; everywhere else it is the browser's localStorage. Port this to widgets/quiz/30-storage.js as is.
function store() {
  return window.coursekitStorage || window.localStorage;
}
// <<< LMS storage hook

function storageKey(quiz) {
  return `coursekit:v${STORAGE_VERSION}:quiz:${quiz.id}`;
}

/** Saved answers for this quiz, or {} (with reset=true when stored data was unreadable). */
function loadSaved(quiz) {
  let raw;
  try {
    raw = store().getItem(storageKey(quiz));
  } catch (_error) {
    return { answers: {}, reset: false };
  }
  if (!raw) return { answers: {}, reset: false };
  try {
    const data = JSON.parse(raw);
    if (data.v !== STORAGE_VERSION || typeof data.answers !== "object" || data.answers === null) throw new Error();
    const known = new Set(quiz.items.map((item) => item.id));
    const answers = {};
    for (const [id, answer] of Object.entries(data.answers)) {
      if (known.has(id) && typeof answer === "object" && answer && typeof answer.tries === "number") answers[id] = answer;
    }
    return { answers, reset: false };
  } catch (_error) {
    try {
      store().removeItem(storageKey(quiz));
    } catch (_ignored) { /* storage unavailable */ }
    return { answers: {}, reset: true };
  }
}

function save(quiz, answers) {
  try {
    const total = quiz.items.length;
    const scored = Object.values(answers).reduce((sum, a) => sum + (a.score || 0), 0);
    store().setItem(
      storageKey(quiz),
      JSON.stringify({ v: STORAGE_VERSION, title: quiz.title, section: quiz.section, total, score: scored,
        answers, saved: new Date().toISOString() }),
    );
  } catch (_error) { /* storage full or unavailable: the quiz still works for this visit */ }
}

// ---- controls per item type ------------------------------------------------------------------

function choiceControls(item, name, s) {
  const multiple = item.type === "multiple_select";
  const list = el("div", { class: "ck-choices" });
  item.choices.forEach((choice, i) => {
    const id = `${name}-${i}`;
    list.append(
      el("div", { class: "ck-choice" }, [
        el("input", { type: multiple ? "checkbox" : "radio", name, id, value: String(i) }),
        el("label", { for: id, html: choice.html }),
      ]),
    );
  });
  const rule = multiple
    ? `${s["quiz.selectAll"]} ${item.scoring === "all_or_nothing" ? s["quiz.allOrNothingRule"] : s["quiz.partialRule"]}`
    : s["quiz.selectOne"];
  return {
    nodes: [el("p", { class: "ck-instructions", text: rule }), list],
    read() {
      const ticked = [...list.querySelectorAll("input:checked")].map((input) => Number(input.value));
      return multiple ? ticked : ticked.length ? ticked[0] : null;
    },
    write(response) {
      const want = new Set([].concat(response ?? []).map(Number));
      list.querySelectorAll("input").forEach((input) => { input.checked = want.has(Number(input.value)); });
    },
    answerText: () => item.correct.map((i) => item.choices[i].html).join("; "),
  };
}

function trueFalseControls(item, name, s) {
  const wrap = el("div", { class: "ck-choices" });
  [[true, s["quiz.true"]], [false, s["quiz.false"]]].forEach(([value, label]) => {
    const id = `${name}-${value}`;
    wrap.append(el("div", { class: "ck-choice" }, [
      el("input", { type: "radio", name, id, value: String(value) }),
      el("label", { for: id, text: label }),
    ]));
  });
  return {
    nodes: [wrap],
    read() {
      const input = wrap.querySelector("input:checked");
      return input ? input.value === "true" : null;
    },
    write(response) {
      wrap.querySelectorAll("input").forEach((input) => { input.checked = input.value === String(response); });
    },
    answerText: () => (item.answer ? s["quiz.true"] : s["quiz.false"]),
  };
}

function textControls(item, name, s) {
  const numeric = item.type === "numeric";
  const input = el("input", { type: "text", id: `${name}-input`, class: "ck-text", autocomplete: "off",
    inputmode: numeric ? "decimal" : false, spellcheck: numeric ? "false" : false });
  const label = el("label", { for: `${name}-input`, text: numeric ? s["quiz.numberLabel"] : s["quiz.textLabel"] });
  const unit = numeric && item.unit ? el("span", { class: "ck-unit", text: item.unit }) : null;
  return {
    nodes: [el("div", { class: "ck-field" }, [label, input, unit])],
    read: () => (numeric ? input.value.trim().replace(",", ".") : input.value),
    write(response) { input.value = response ?? ""; },
    answerText: () => (numeric ? `${item.answer}${item.tolerance ? ` (± ${item.tolerance})` : ""} ${item.unit || ""}`.trim() : item.display),
    input,
  };
}

function orderingControls(item, name, s, announce) {
  let order = item.shown.slice();
  const list = el("ol", { class: "ck-order", id: `${name}-order` });
  const draw = (focusIndex, focusDirection) => {
    list.replaceChildren();
    order.forEach((entry, position) => {
      const text = el("span", { class: "ck-order-text", html: item.entries[entry] });
      const plain = text.textContent;
      const up = el("button", { type: "button", class: "ck-move", "aria-label": `${s["quiz.moveUp"]}: ${plain}`,
        disabled: position === 0, text: "↑", onclick: () => move(position, -1) });
      const down = el("button", { type: "button", class: "ck-move", "aria-label": `${s["quiz.moveDown"]}: ${plain}`,
        disabled: position === order.length - 1, text: "↓", onclick: () => move(position, 1) });
      list.append(el("li", { class: "ck-order-entry" }, [text, el("span", { class: "ck-move-buttons" }, [up, down])]));
    });
    if (focusIndex !== undefined) {
      const row = list.children[focusIndex];
      const buttons = row.querySelectorAll("button");
      const target = focusDirection < 0 && !buttons[0].disabled ? buttons[0] : !buttons[1].disabled ? buttons[1] : buttons[0];
      target.focus();
    }
  };
  const move = (position, step) => {
    const to = position + step;
    if (to < 0 || to >= order.length) return;
    [order[position], order[to]] = [order[to], order[position]];
    draw(to, step);
    announce(`${list.children[to].querySelector(".ck-order-text").textContent}: ${to + 1} / ${order.length}`);
  };
  draw();
  return {
    nodes: [el("p", { class: "ck-instructions", text: s["quiz.orderHelp"] }), list],
    read: () => order.slice(),
    write(response) {
      if (Array.isArray(response) && response.length === order.length) { order = response.map(Number); draw(); }
    },
    answerText: () => item.entries.join(" → "),
  };
}

function matchingControls(item, name, s) {
  const rows = el("div", { class: "ck-matching" });
  const selects = item.lefts.map((left, i) => {
    const id = `${name}-match-${i}`;
    const select = el("select", { id }, [el("option", { value: "", text: s["quiz.matchPlaceholder"] })]);
    item.shown.forEach((right) => {
      const option = el("option", { value: String(right) });
      option.textContent = el("span", { html: item.rights[right] }).textContent;
      select.append(option);
    });
    rows.append(el("div", { class: "ck-match-row" }, [el("label", { for: id, html: left }), select]));
    return select;
  });
  return {
    nodes: [el("p", { class: "ck-instructions", text: s["quiz.matchHelp"] }), rows],
    read: () => selects.map((select) => (select.value === "" ? -1 : Number(select.value))),
    write(response) {
      if (Array.isArray(response)) selects.forEach((select, i) => { select.value = response[i] >= 0 ? String(response[i]) : ""; });
    },
    answerText: () => item.lefts.map((left, i) => `${left} — ${item.rights[i]}`).join("; "),
  };
}

const CONTROLS = {
  single_choice: choiceControls,
  multiple_select: choiceControls,
  true_false: trueFalseControls,
  numeric: textControls,
  short_text: textControls,
  ordering: orderingControls,
  matching: matchingControls,
};

// ---- rendering -------------------------------------------------------------------------------

function verdict(value, s) {
  if (value >= 1) return { cls: "ck-right", icon: "✓", text: s["quiz.correct"] };
  if (value > 0) return { cls: "ck-partial", icon: "◐", text: s["quiz.partlyCorrect"] };
  return { cls: "ck-wrong", icon: "✗", text: s["quiz.incorrect"] };
}

function choiceFeedback(item, response) {
  if (!item.choices) return "";
  return [].concat(response ?? []).map((i) => item.choices[Number(i)]?.feedback || "").join("");
}

function render({ model, el: root }) {
  const quiz = model.get("quiz");
  const s = model.get("strings");
  const base = `ck-quiz-${quiz.id}-${++uid}`;
  const saved = loadSaved(quiz);
  let answers = Object.keys(model.get("answers") || {}).length ? { ...model.get("answers") } : saved.answers;

  const live = el("div", { class: "ck-visually-hidden", "aria-live": "polite", role: "status" });
  const announce = (text) => { live.textContent = ""; window.setTimeout(() => { live.textContent = text; }, 30); };
  const scoreLine = el("p", { class: "ck-score" });
  const summary = el("p", { class: "ck-summary-text" });
  const notice = el("p", { class: "ck-notice", hidden: true });

  const total = quiz.items.length;
  const views = quiz.items.map((item, n) => renderItem(item, n));

  function publish() {
    const value = Object.values(answers).reduce((sum, a) => sum + (a.score || 0), 0);
    const answered = Object.values(answers).filter((a) => a.tries > 0).length;
    scoreLine.textContent = format(s["quiz.score"], { score: points(value), total });
    summary.textContent = answered === total
      ? format(s["quiz.complete"], { score: points(value), total })
      : format(s["quiz.summary"], { answered, score: points(value), total });
    save(quiz, answers);
    model.set("answers", { ...answers });
    model.set("score", value);
    model.save_changes();
    return value;
  }

  function renderItem(item, n) {
    const name = `${base}-${n}`;
    const promptId = `${name}-prompt`;
    const controls = CONTROLS[item.type](item, name, s, announce);
    const status = el("p", { class: "ck-status" });
    const feedback = el("div", { class: "ck-feedback" });
    const explanation = el("div", { class: "ck-explanation", hidden: true }, [
      el("p", { class: "ck-label", text: s["quiz.explanation"] }), el("div", { html: item.explanation }),
      item.source ? el("p", { class: "ck-source" }, [el("span", { text: `${s["quiz.source"]}: ` }), el("span", { html: item.source })]) : null,
    ]);
    const hint = el("div", { class: "ck-hint", id: `${name}-hint`, hidden: true, html: item.hint });
    const reveal = el("div", { class: "ck-reveal", hidden: true });
    const check = el("button", { type: "button", class: "ck-button ck-primary", text: s["quiz.check"] });
    const hintButton = item.hint
      ? el("button", { type: "button", class: "ck-button", "aria-expanded": "false", "aria-controls": `${name}-hint`, text: s["quiz.hint"] })
      : null;
    const showButton = el("button", { type: "button", class: "ck-button", hidden: true, text: s["quiz.showAnswer"] });
    const tries = el("span", { class: "ck-tries" });
    const node = el("li", { class: "ck-item", "data-type": item.type, "data-item": item.id }, [
      el("p", { class: "ck-qnum", id: `${name}-num`, text: format(s["quiz.questionOf"], { n: n + 1, total }) }),
      el("div", { class: "ck-prompt", id: promptId, html: item.prompt }),
      el("fieldset", { class: "ck-fieldset", "aria-labelledby": `${name}-num ${promptId}` }, controls.nodes),
      el("div", { class: "ck-actions" }, [check, hintButton, showButton, tries]),
      hint, el("div", { class: "ck-result" }, [status, feedback]), explanation, reveal,
    ]);

    function show(answer, speak) {
      if (!answer || !answer.tries) {
        status.replaceChildren(); feedback.replaceChildren(); explanation.hidden = true;
        reveal.hidden = true; showButton.hidden = true; tries.textContent = ""; node.dataset.state = "";
        return;
      }
      const v = verdict(answer.last, s);
      node.dataset.state = v.cls;
      status.className = `ck-status ${v.cls}`;
      status.replaceChildren(el("span", { class: "ck-icon", "aria-hidden": "true", text: v.icon }), el("span", { text: v.text }));
      const specific = item.choices ? choiceFeedback(item, answer.response) : answer.last >= 1 ? item.feedback.correct : item.feedback.incorrect;
      feedback.innerHTML = specific || "";
      explanation.hidden = !item.explanation && !item.source;
      tries.textContent = format(s["quiz.tries"], { tries: answer.tries });
      showButton.hidden = answer.last >= 1 || answer.revealed || answer.tries < quiz.showAnswerAfter;
      if (answer.revealed) {
        reveal.hidden = false;
        reveal.replaceChildren(el("p", { class: "ck-label", text: s["quiz.correctAnswer"] }), el("p", { html: controls.answerText() }));
      }
      if (speak) announce(`${v.text}. ${el("div", { html: specific || "" }).textContent}`);
    }

    check.addEventListener("click", () => {
      const response = controls.read();
      const value = score(item, response);
      const before = answers[item.id] || { tries: 0, score: 0, revealed: false };
      answers[item.id] = {
        response, tries: before.tries + 1, last: value, revealed: before.revealed,
        score: before.revealed ? before.score : Math.max(before.score || 0, value),
      };
      show(answers[item.id], true);
      publish();
    });
    hintButton?.addEventListener("click", () => {
      hint.hidden = !hint.hidden;
      hintButton.setAttribute("aria-expanded", String(!hint.hidden));
    });
    showButton.addEventListener("click", () => {
      answers[item.id] = { ...answers[item.id], revealed: true };
      show(answers[item.id], false);
      showButton.hidden = true;
      announce(`${s["quiz.correctAnswer"]}: ${reveal.textContent.replace(s["quiz.correctAnswer"], "")}`);
      publish();
    });
    controls.input?.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); check.click(); }
    });

    const restore = (answer) => { if (answer?.tries) controls.write(answer.response); show(answer, false); };
    restore(answers[item.id]);
    return { node, restore, controls };
  }

  const reset = el("button", { type: "button", class: "ck-button ck-reset", text: s["quiz.reset"] });
  reset.addEventListener("click", () => {
    answers = {};
    views.forEach((view) => { view.controls.write(null); view.restore(null); });
    try { store().removeItem(storageKey(quiz)); } catch (_error) { /* unavailable */ }
    publish();
    announce(s["quiz.resetDone"]);
  });

  const section = el("section", { class: "ck-quiz", "aria-labelledby": `${base}-title` }, [
    el("div", { class: "ck-header" }, [el("p", { class: "ck-title", id: `${base}-title`, text: quiz.title }), scoreLine]),
    notice,
    el("ol", { class: "ck-items" }, views.map((view) => view.node)),
    el("div", { class: "ck-footer" }, [summary, reset]),
    live,
  ]);
  if (saved.reset) { notice.hidden = false; notice.textContent = s["quiz.storageReset"]; }
  root.replaceChildren(section);
  publish();

  const onAnswers = () => {
    const incoming = model.get("answers") || {};
    if (JSON.stringify(incoming) === JSON.stringify(answers)) return;
    answers = { ...incoming };
    views.forEach((view, i) => view.restore(answers[quiz.items[i].id] || null));
    publish();
  };
  model.on("change:answers", onAnswers);
  return () => model.off("change:answers", onAnswers);
}

export default { render, score, normalise };

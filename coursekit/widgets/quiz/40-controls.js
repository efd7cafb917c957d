// The self-check quiz, part 4 of 5: the controls of each item type. Each takes the item, a unique name,
// the strings, a speak(text) function and the order to show (file indices, from 20-shuffle.js), and
// returns {nodes, read(), write(response), answer() -> Node, mark(response)?, reveal()?}. Responses are
// file indices whatever the order shown. Text from exercise files is either HTML rendered and escaped by
// Python (item.*.html, prompt, entries...) or set as textContent; answer() builds DOM nodes, never HTML.

function choiceControls(item, name, s, speak, order) {
  const multiple = item.type === "multiple_select";
  const list = el("div.ck-choices");
  order.forEach((i) => {
    const id = `${name}-${i}`;
    list.append(el("div.ck-choice", {}, [
      el("input", { type: multiple ? "checkbox" : "radio", name, id, value: String(i) }),
      el("label", { for: id, html: item.choices[i].html }),
    ]));
  });
  const rule = multiple
    ? `${s.selectAll} ${item.scoring === "all_or_nothing" ? s.allOrNothingRule : s.partialRule}`
    : s.selectOne;
  return {
    nodes: [el("p.ck-instructions", { text: rule }), list],
    read() {
      const ticked = [...list.querySelectorAll("input:checked")].map((input) => Number(input.value)).sort((a, b) => a - b);
      return multiple ? ticked : ticked.length ? ticked[0] : null;
    },
    write(response) {
      const want = new Set([].concat(response ?? []).map(Number));
      list.querySelectorAll("input").forEach((input) => { input.checked = want.has(Number(input.value)); });
    },
    answer: () => el("ul", {}, item.correct.map((i) => el("li", { html: item.choices[i].html }))),
  };
}

function trueFalseControls(item, name, s) {
  const wrap = el("div.ck-choices");
  [[true, s.true], [false, s.false]].forEach(([value, label]) => {
    const id = `${name}-${value}`;
    wrap.append(el("div.ck-choice", {}, [
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
    answer: () => el("p", { text: item.answer ? s.true : s.false }),
  };
}

/** A typed number with its decimal comma ("2,5") as a point. "1,974" could be either a year with a
 * thousands separator or 1.974, so it is left as typed, which is no number: the student is asked for a
 * number and loses no try, where reading it as 1.974 had cost one. */
function decimalPoint(typed) {
  return /^[+-]?[1-9]\d{0,2},\d{3}$/.test(typed) ? typed : typed.replace(",", ".");
}

function textControls(item, name, s) {
  const numeric = item.type === "numeric";
  const input = el("input.ck-text", { type: "text", id: `${name}-input`, autocomplete: "off",
    inputmode: numeric ? "decimal" : false, spellcheck: numeric ? "false" : false });
  const label = el("label", { for: `${name}-input`, text: numeric ? s.numberLabel : s.textLabel });
  const unit = numeric && item.unit ? el("span.ck-unit", { text: item.unit }) : null;
  const typed = { useGrouping: false, maximumFractionDigits: 20 }; // as a student may type it: "1970", not "1,970"
  const numericAnswer = () => `${formatNumber(item.answer, typed)}${item.tolerance ? ` (± ${formatNumber(item.tolerance, typed)})` : ""} ${item.unit || ""}`.trim();
  return {
    nodes: [el("div.ck-field", {}, [label, input, unit])],
    read: () => (numeric ? decimalPoint(input.value.trim()) : input.value),
    write(response) { input.value = response ?? ""; },
    answer: () => (numeric ? el("p", { text: numericAnswer() }) : el("p", { html: item.display })),
    input,
  };
}

/** Entries to put in order: moved with buttons (44 px targets) or dragged by touch, pen or mouse. */
function orderingControls(item, name, s, speak, start) {
  let order = start.slice();
  const list = el("ol.ck-order", { id: `${name}-order` });
  const entryText = (entry) => plain(item.entries[entry]);

  const draw = (focusPosition, step) => {
    list.replaceChildren();
    order.forEach((entry, position) => {
      const text = el("span.ck-order-text", { html: item.entries[entry] });
      const label = entryText(entry);
      const grip = el("span.ck-grip", { "aria-hidden": "true", text: "⠿" });
      const up = el("button.ck-move", { "aria-label": `${s.moveUp}: ${label}`,
        disabled: position === 0, text: "↑", onclick: () => move(position, position - 1) });
      const down = el("button.ck-move", { "aria-label": `${s.moveDown}: ${label}`,
        disabled: position === order.length - 1, text: "↓", onclick: () => move(position, position + 1) });
      const row = el("li.ck-order-entry", { "data-entry": String(entry) },
        [el("span.ck-drag", { onpointerdown: (event) => startDrag(event, position) }, [grip, text]),
          el("span.ck-move-buttons", {}, [up, down])]);
      list.append(row);
    });
    if (focusPosition !== undefined) {
      const buttons = list.children[focusPosition].querySelectorAll("button");
      const target = step < 0 && !buttons[0].disabled ? buttons[0] : !buttons[1].disabled ? buttons[1] : buttons[0];
      target.focus();
    }
  };
  const say = (position) => speak(`${entryText(order[position])}: ${position + 1} / ${order.length}`);
  const move = (from, to, focus = true) => {
    if (to < 0 || to >= order.length || to === from) return;
    const [entry] = order.splice(from, 1);
    order.splice(to, 0, entry);
    draw(focus ? to : undefined, to - from);
    say(to);
  };

  // Dragging: the row follows the pointer; it takes the place of the row whose middle it passes.
  function startDrag(event, position) {
    if (event.button > 0) return;
    event.preventDefault();
    list.setPointerCapture?.(event.pointerId); // the list is never redrawn, unlike the rows
    let current = position;
    list.children[current].classList.add("ck-dragging");
    const onMove = (moveEvent) => {
      const rows = [...list.children];
      let target = current;
      rows.forEach((row, i) => {
        const box = row.getBoundingClientRect();
        if (i < current && moveEvent.clientY < box.top + box.height / 2) target = Math.min(target, i);
        if (i > current && moveEvent.clientY > box.top + box.height / 2) target = Math.max(target, i);
      });
      if (target !== current) {
        const [entry] = order.splice(current, 1);
        order.splice(target, 0, entry);
        current = target;
        draw();
        list.children[current].classList.add("ck-dragging");
      }
    };
    const onEnd = () => {
      list.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onEnd);
      window.removeEventListener("pointercancel", onEnd);
      list.querySelectorAll(".ck-dragging").forEach((row) => row.classList.remove("ck-dragging"));
      if (current !== position) say(current);
    };
    list.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onEnd);
    window.addEventListener("pointercancel", onEnd);
  }

  draw();
  return {
    nodes: [el("p.ck-instructions", { text: s.orderHelp }), list],
    read: () => order.slice(),
    write(response) {
      order = Array.isArray(response) && response.length === order.length ? response.map(Number) : start.slice();
      draw();
    },
    reveal() { order = item.entries.map((_, i) => i); draw(); },
    answer: () => el("ol", {}, item.entries.map((entry) => el("li", { html: entry }))),
  };
}

/** Show a select's chosen option in full, in the text beside it. */
function showChosen(select) {
  select.parentElement?.querySelector(".ck-select-text")?.replaceChildren(select.options[select.selectedIndex]?.text || "");
}

/** One select per left-hand entry; after a check each row says whether its match is right. */
function matchingControls(item, name, s, speak, shown) {
  const rows = el("div.ck-matching");
  const marks = [];
  const selects = item.lefts.map((left, i) => {
    const id = `${name}-match-${i}`;
    const select = el("select", { id }, [el("option", { value: "", text: s.matchPlaceholder })]);
    shown.forEach((right) => {
      const option = el("option", { value: String(right) });
      option.textContent = plain(item.rights[right]);
      select.append(option);
    });
    const mark = el("span.ck-row-mark", { "data-mark": "" });
    marks.push(mark);
    // A native select cuts its chosen text off at the box's width; this copy wraps instead. The select,
    // transparent on top of it, still takes every tap, click and key and is what screen readers read.
    const chosen = el("span.ck-select-text", { "aria-hidden": "true" });
    on(select, "change", () => { mark.replaceChildren(); mark.dataset.mark = ""; showChosen(select); });
    rows.append(el("div.ck-match-row", {}, [el("label", { for: id, html: left }),
      el("div.ck-select", {}, [select, chosen, el("span.ck-select-arrow", { "aria-hidden": "true", text: "▾" })]),
      mark]));
    showChosen(select);
    return select;
  });
  const mark = (response) => {
    const right = response ? matchRows(item, response) : [];
    marks.forEach((node, i) => {
      if (!response) { node.replaceChildren(); node.dataset.mark = ""; return; }
      node.dataset.mark = right[i] ? "right" : "wrong";
      node.replaceChildren(el("span.ck-icon", { "aria-hidden": "true", text: right[i] ? "✓" : "✗" }),
        el("span", { text: right[i] ? s.rowRight : s.rowWrong }));
    });
  };
  return {
    nodes: [el("p.ck-instructions", { text: s.matchHelp }), rows],
    read: () => selects.map((select) => (select.value === "" ? -1 : Number(select.value))),
    write(response) {
      selects.forEach((select, i) => {
        select.value = Array.isArray(response) && response[i] >= 0 ? String(response[i]) : "";
        showChosen(select);
      });
    },
    mark,
    answer: () => el("ul", {}, item.lefts.map((left, i) => el("li", {}, [
      el("span", { html: left }), el("span", { text: " — " }), el("span", { html: item.rights[i] })]))),
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

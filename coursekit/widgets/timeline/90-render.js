// Part 7: the widget. Hand-written, no library (coursekit/widgets/timeline.py says why).
// Longer than about 300 lines because it is the DOM wiring around one mutable view (the range in view,
// the selection, the filters, a pointer in hand) that every handler reads and writes; the logic that can
// be pure (dates, lanes and clusters, ticks, zoom maths, filter counts) is in parts 10-35, tested in Node.
// Speed: only the markers in view exist in the DOM (20-layout.js clusters crowded ones); the width is
// reported by a ResizeObserver (never read, so no layout is forced), and only the label of the marker in
// hand is measured.

let uid = 0;

function render({ model, el: host }) {
  const s = model.get("strings");
  const base = `ck-tl-${++uid}`;
  const themeLabels = model.get("themes") || {};
  // each event gets its day numbers in place (a copy of 2,000 events was a tenth of the first render): the
  // events are the model's own, so a live notebook that saves widget state saves these too (harmless: the
  // widget recomputes them, and scripts/store_outputs.py drops widget state from the book's notebooks)
  const all = (model.get("events") || []).slice();
  for (const e of all) { e.t = dayNumber(e.start); e.t1 = dayNumber(e.end || e.start, true); }
  all.sort((a, b) => a.t - b.t);
  const byId = new Map(all.map((e) => [e.id, e]));
  const first = all.length ? all[0].t : Date.UTC(2000, 0, 1) / DAY;
  const last = all.length ? all.reduce((m, e) => Math.max(m, e.t1), -Infinity) : first + 365;
  // month and day labels, their formatters made on first use (common.js intl): one costs ~10 ms to make,
  // and the whole axis shows years
  const formats = { m: { timeZone: "UTC", month: "short" }, d: { timeZone: "UTC", day: "numeric", month: "short" } };
  const tickLabel = (unit, date) => intl(Intl.DateTimeFormat, formats[unit]).format(date);
  const whenIdle = window.requestIdleCallback || ((callback) => setTimeout(callback, 50));
  const reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: true };
  const bodyOptions = { s, themeLabels, siteUrl: model.get("site_url") };

  let width = 0;
  let [lo, hi] = extent(first, last, 600);
  let v0 = lo;
  let v1 = hi;
  let shown = all;
  let times = Float64Array.from(shown, (e) => e.t);
  let rtl = false;
  let selectedId = byId.has(model.get("selected")) ? model.get("selected") : "";
  let detailsOpen = false;
  let listMode = false;
  let markers = new Map(); // key -> button
  let units = new Map(); // key -> unit (20-layout.js)
  let eventKey = new Map(); // event id -> key of the marker that shows it (in view only)
  let tipFor = null; // the marker under the mouse
  let tipAway = null; // the marker whose label was put away (Esc, a tap elsewhere) until it is in hand again
  let frame = 0;

  // ---- elements ----
  const titleId = `${base}-title`;
  const helpId = `${base}-help`;
  const detailsId = `${base}-details`;
  const status = el("p.ck-tl-status", { role: "status" });
  const search = el("input.ck-tl-search", { type: "search", id: `${base}-search`, autocomplete: "off" });
  const option = (value, label) => { const node = el("option", { value, text: label }); node._label = label; return node; };
  const themeSelect = el("select.ck-tl-theme", { id: `${base}-theme` }, [option("", s.allThemes)]);
  for (const [id, label] of Object.entries(themeLabels)) themeSelect.append(option(id, label));
  const actorSelect = el("select.ck-tl-actor", { id: `${base}-actor` }, [option("", s.allActors)]);
  // The actors' options, sorted in the page's language, are made when the browser is first idle after the
  // first draw, or when the menu is first reached (focus, a press), whichever comes first: making the
  // Intl.Collator that sorts them was a tenth of a 2,000-event timeline's first render.
  let actorsMade = false;
  function makeActors() {
    if (actorsMade) return;
    actorsMade = true;
    const actors = [...new Set(all.flatMap((e) => e.actors))].sort(intl(Intl.Collator, {}).compare); // one collator, not one per comparison
    for (const actor of actors) actorSelect.append(option(actor, actor));
    labelOptions();
  }
  on(actorSelect, "focus pointerdown", makeActors);

  const button = (cls, text, label, onclick) =>
    el(`button.ck-button.${cls}`, { text, "aria-label": label, title: label, onclick });
  const zoomOut = button("ck-tl-zoom-out", "−", s.zoomOut, () => zoomBy(STEP));
  const zoomIn = button("ck-tl-zoom-in", "+", s.zoomIn, () => zoomBy(1 / STEP));
  const zoomReset = el("button.ck-button.ck-tl-zoom-reset", { text: s.reset,
    onclick: () => { animate(); v0 = lo; v1 = hi; draw(); } });
  const listToggle = el("button.ck-button.ck-tl-list-toggle", { "aria-pressed": "false",
    text: s.listView, onclick: () => setListMode(!listMode) });

  const eraLayer = el("div.ck-tl-eras", { "aria-hidden": "true" });
  const tickLayer = el("div.ck-tl-ticks", { "aria-hidden": "true" });
  const markerLayer = el("div.ck-tl-markers");
  const tip = el("div.ck-tl-tip", { "aria-hidden": "true", hidden: true });
  const viewport = el("div.ck-tl-viewport", { role: "group", tabindex: "-1",
    "aria-label": s.axisLabel, "aria-describedby": helpId },
  [eraLayer, el("div.ck-tl-baseline", { "aria-hidden": "true" }), tickLayer, markerLayer, tip]);
  const details = el("div.ck-tl-details", { id: detailsId, role: "region", hidden: true,
    "aria-labelledby": `${detailsId}-title` });
  const list = el("ol.ck-tl-list", { hidden: true });
  const help = el("p.ck-tl-help", { id: helpId });

  // eras: a band on the axis, named inside it only where the whole name fits, and each named in full,
  // with its dates, in the key under the axis (also what a screen reader reads: the bands are hidden)
  const eraKey = el("p.ck-tl-era-key", {}, [`${s.eras}: `]);
  const eraNodes = (model.get("eras") || []).map((era, n) => {
    const text = el("span.ck-tl-era-label", { text: era.label });
    const node = el(`div.ck-tl-era.ck-tl-era-${n % 2}`, {}, [text]);
    const item = el("span.ck-tl-era-item", {}, [
      el(`span.ck-tl-swatch.ck-tl-era-${n % 2}`, { "aria-hidden": "true" }), `${era.label} (${era.dates})`]);
    eraLayer.append(node);
    eraKey.append(item);
    return { node, text, item, need: 0, t0: dayNumber(era.start), t1: dayNumber(era.end, true) };
  });
  const axisView = el("div.ck-tl-axis-view", {}, [viewport, eraKey]);

  const field = (label, control) => el("div.ck-tl-field", {}, [el("label", { for: control.id, text: label }), control]);
  const root = el("section.ck-timeline", { "aria-labelledby": titleId }, [
    el("div.ck-tl-header", {}, [el("p.ck-title", { id: titleId, text: model.get("title") || s.label }), status]),
    el("div.ck-tl-controls", {}, [
      field(s.search, search), field(s.theme, themeSelect), field(s.actor, actorSelect),
      el("div.ck-tl-zoom", { role: "group", "aria-label": s.zoomGroup }, [zoomOut, zoomIn, zoomReset]),
      listToggle,
    ]),
    help, axisView, details, list,
  ]);

  // ---- the help line follows the input in use ----
  const HELP = { touch: "helpTouch", mouse: "helpMouse", keyboard: "help" };
  function setInput(kind) {
    if (root.dataset.input === kind) return;
    root.dataset.input = kind;
    help.textContent = s[HELP[kind]];
    placeTip(); // a marker focused from the keyboard shows its label, one tapped or clicked does not
  }
  const coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  setInput(coarse ? "touch" : "mouse");
  // a pointer's kind is known on pointerdown, but the text changes only once its click is done: a help
  // line that grew or shrank under a finger would move what it was about to tap
  let pending = "";
  const settle = () => { if (pending) setTimeout(() => { setInput(pending); pending = ""; }, 0); };
  on(root, "pointerdown", (event) => { pending = event.pointerType === "mouse" ? "mouse" : "touch"; }, true);
  on(root, "click pointercancel", settle, true); // pointercancel: the page scrolled instead
  on(root, "keydown", (event) => { if (event.key !== "Escape") setInput("keyboard"); }, true);
  on(root, "focusin", (event) => { // arriving by Tab
    const target = event.target;
    if (target.tagName !== "INPUT" && target.matches(":focus-visible")) setInput("keyboard");
  });

  // ---- view ----
  const setView = ([a, b]) => { v0 = a; v1 = b; };

  function animate() {
    if (reducedMotion.matches) return;
    root.classList.add("ck-tl-anim");
    clearTimeout(animate.timer);
    animate.timer = setTimeout(() => root.classList.remove("ck-tl-anim"), 260);
  }

  function zoomBy(factor) {
    const ev = byId.get(selectedId);
    animate();
    setView(zoomStep(v0, v1, factor, times, ev && shown.includes(ev) ? ev.t : null, width || 600, lo, hi));
    draw();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  // ---- drawing ----
  const markerLabel = (ev) => `${ev.title}, ${ev.label}`;

  function newMarker(unit) {
    const dot = el("span.ck-tl-dot", { "aria-hidden": "true" });
    if (unit.kind === "event") {
      const label = markerLabel(unit.ev);
      return el("button.ck-tl-marker", { "data-key": unit.key, "data-id": unit.ev.id, "data-tip": label,
        "aria-label": label, "aria-controls": detailsId, tabindex: "-1" }, [dot]);
    }
    const count = unit.members.length;
    const values = { count, from: unit.members[0].label, to: unit.members[count - 1].label };
    dot.textContent = count > 99 ? `${formatNumber(99)}+` : formatNumber(count);
    return el("button.ck-tl-marker.ck-tl-cluster", { "data-key": unit.key, "data-tip": format(s.clusterTip, values),
      "aria-label": format(s.clusterLabel, values), tabindex: "-1" }, [dot]);
  }


  /** "Showing 8 of 8 events", and when the range in view holds fewer of them, how many it holds. */
  function updateStatus() {
    const showing = format(s.showing, { shown: shown.length, total: all.length });
    if (!shown.length) { status.textContent = `${s.noMatch} ${showing}. ${s.noMatchHint}`; return; }
    const inView = listMode ? shown.length : shown.filter((ev) => ev.t1 >= v0 && ev.t <= v1).length;
    const text = inView === shown.length ? showing
      : format(s.showingInView, { showing, inView: format(inView ? s.inView : s.noneInView, { count: inView }) });
    if (status.textContent !== text) status.textContent = text; // a live region: say it only when it changes
  }

  /**
   * The zoom buttons act on the events shown: in the list, or when a search matches none, they rest;
   * "+" rests at the closest zoom and "−" when everything is in view. A button that rests while it has
   * focus hands the focus to the other one, so a keyboard user is not dropped to the top of the page.
   */
  function updateZoom() {
    const idle = listMode || !shown.length;
    const rest = new Map([
      [zoomIn, idle || v1 - v0 <= MIN_SPAN * 1.01],
      [zoomOut, idle || v1 - v0 >= (hi - lo) * 0.999],
      [zoomReset, idle],
    ]);
    for (const [node, off] of rest) {
      if (off && node === document.activeElement) {
        const other = node === zoomIn ? zoomOut : zoomIn;
        (rest.get(other) ? zoomReset : other).focus();
      }
      node.disabled = off;
    }
  }

  function draw() {
    updateStatus();
    updateZoom();
    viewport.dataset.span = Math.round(v1 - v0); // read by tests: the range in view, in days
    viewport.dataset.start = Math.round(v0);
    if (!width || listMode) return;
    const out = layout(shown, times, v0, v1, width, { selectedId, rtl });
    const active = document.activeElement;
    const hadFocus = markerLayer.contains(active);
    const next = new Map();
    const fresh = [];
    units = new Map();
    eventKey = new Map();
    let rovingKey = out.length ? out[0].key : "";
    for (const unit of out) {
      let node = markers.get(unit.key);
      if (!node) fresh.push(node = newMarker(unit));
      const x = Math.round(unit.x * 10) / 10;
      if (node._x !== x || node._lane !== unit.lane) {
        node.style.transform = `translate(${x - TARGET / 2}px, ${-(unit.lane * PITCH + LIFT)}px)`;
        node._x = x;
        node._lane = unit.lane;
      }
      if (unit.kind === "event") {
        const isSelected = unit.ev.id === selectedId;
        if (node._sel !== isSelected) {
          node._sel = isSelected;
          if (isSelected) node.setAttribute("aria-current", "true");
          else node.removeAttribute("aria-current");
        }
        const expanded = String(isSelected && detailsOpen);
        if (node.getAttribute("aria-expanded") !== expanded) node.setAttribute("aria-expanded", expanded);
        if (isSelected) rovingKey = unit.key;
        eventKey.set(unit.ev.id, unit.key);
      } else {
        for (const ev of unit.members) eventKey.set(ev.id, unit.key);
      }
      next.set(unit.key, node);
      units.set(unit.key, unit);
    }
    for (const [key, node] of markers) if (!next.has(key)) node.remove();
    if (fresh.length) markerLayer.append(...fresh);
    markers = next;
    for (const [key, node] of markers) {
      const tab = key === rovingKey ? "0" : "-1";
      if (node.getAttribute("tabindex") !== tab) node.setAttribute("tabindex", tab);
    }
    if (hadFocus && !active.isConnected) (markers.get(rovingKey) || viewport).focus({ preventScroll: true });

    const X = (t) => { const x = ((t - v0) / (v1 - v0)) * width; return rtl ? width - x : x; };
    for (const era of eraNodes) {
      const a = clamp(X(rtl ? era.t1 : era.t0), 0, width);
      const b = clamp(X(rtl ? era.t0 : era.t1), 0, width);
      era.node.hidden = b - a < 1;
      era.node.style.transform = `translateX(${a}px)`;
      era.node.style.width = `${b - a}px`;
      if (era.text.hidden !== b - a < era.need) era.text.hidden = b - a < era.need; // whole or not at all
    }
    tickLayer.replaceChildren(...tickTimes(v0, v1, width).map(([t, unit]) => {
      const date = new Date(t * DAY);
      const year = formatNumber(date.getUTCFullYear(), { useGrouping: false });
      const node = unit === "y" ? el("span.ck-tl-tick", { text: year })
        : el("span.ck-tl-tick", {}, [el("span", { text: tickLabel(unit, date) }), el("span", { text: year })]);
      node.style.transform = `translateX(${X(t)}px) translateX(-50%)`;
      return node;
    }));
    placeTip();
  }

  // ---- the label of the marker in hand: whole, wrapped if need be, and inside the axis ----
  /** The marker in hand: under the mouse, else focused from the keyboard, else the event whose details
   * are open; none once Esc or a tap elsewhere put its label away. So a label never stays over the axis
   * after the student is done with its marker (on touch it used to stay until the next tap on a marker). */
  function tipNode() {
    if (!width || listMode) return null;
    const active = document.activeElement;
    const node = (tipFor && tipFor.isConnected && tipFor)
      || (root.dataset.input === "keyboard" && markerLayer.contains(active) && active)
      || (detailsOpen && markers.get(eventKey.get(selectedId)));
    return node && node !== tipAway && node.dataset.tip ? node : null;
  }

  function placeTip() {
    const node = tipNode();
    if (!node) { if (!tip.hidden) tip.hidden = true; return; }
    if (tip.textContent !== node.dataset.tip) tip.textContent = node.dataset.tip;
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const height = viewport.clientHeight;
    const targetTop = markerLayer.offsetTop - node._lane * PITCH - LIFT - TARGET / 2; // the marker layer sits on the baseline
    const top = targetTop - h - 2 >= 0 ? targetTop - h - 2 : Math.min(targetTop + TARGET + 2, Math.max(0, height - h));
    const left = Math.max(2, Math.min(width - w - 2, node._x - w / 2));
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }
  on(markerLayer, "pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    tipFor = event.target.closest("[data-key]");
    if (tipFor === tipAway) tipAway = null; // the mouse came back to it
    placeTip();
  });
  on(markerLayer, "pointerout", (event) => {
    if (event.pointerType !== "mouse" || !tipFor || tipFor.contains(event.relatedTarget)) return;
    tipFor = null;
    placeTip();
  });
  /** Put the label away (Esc, a press anywhere but its marker, focus leaving the markers: a tap or click
   * elsewhere on the page) until its marker is in hand again. */
  function putTipAway(event) {
    const node = tipNode();
    if (node && !(event.type === "pointerdown" && node.contains(event.target))) { tipAway = node; placeTip(); }
  }
  on(markerLayer, "focusin", (event) => {
    if (event.target === tipAway) tipAway = null; // focus came back to it
    placeTip();
  });
  on(markerLayer, "focusout", (event) => {
    if (!markerLayer.contains(event.relatedTarget)) putTipAway(event);
    setTimeout(placeTip, 0);
  });
  on(root, "pointerdown", putTipAway, true);

  // ---- filtering ----
  /** Prepare the search text in idle time, a few hundred events at a time, so the first search is quick too. */
  function prepareSearch(from = 0) {
    whenIdle(() => {
      const to = Math.min(from + 250, all.length);
      for (let k = from; k < to; k++) haystack(all[k]);
      if (to < all.length && root.isConnected) prepareSearch(to);
    });
  }

  function label(node, count) {
    const text = format(s.optionCount, { label: node._label, count });
    if (node.textContent !== text) node.textContent = text;
    node.disabled = count === 0 && !node.selected; // a choice that would match nothing is not offered
  }

  let counts = null; // what each menu option keeps, as last counted
  function labelOptions() {
    if (!counts) return;
    for (const node of themeSelect.options) label(node, node.value ? counts.themes[node.value] || 0 : counts.anyTheme);
    for (const node of actorSelect.options) label(node, node.value ? counts.actors[node.value] || 0 : counts.anyActor);
  }

  function applyFilters() {
    const filters = { query: normalise(search.value), theme: themeSelect.value, actor: actorSelect.value };
    shown = applyFilterSet(all, filters);
    times = Float64Array.from(shown, (e) => e.t);
    counts = filterCounts(all, filters);
    labelOptions();
    if (selectedId && !shown.includes(byId.get(selectedId))) select("", { reveal: false });
    const filtered = filters.query || filters.theme || filters.actor;
    if (shown.length && filtered) setView(fitTo(shown[0].t, shown.reduce((m, e) => Math.max(m, e.t1), -Infinity), width || 600, lo, hi));
    else if (!filtered) setView([lo, hi]);
    if (list.dataset.built) {
      const visible = new Set(shown);
      for (const item of list.children) item.hidden = !visible.has(byId.get(item.dataset.id));
    }
    draw();
  }

  // ---- selection and details ----
  function fillDetails() {
    const ev = byId.get(selectedId);
    if (!ev) return;
    const close = el("button.ck-button.ck-tl-close", { text: s.close,
      onclick: () => closeDetails(true) });
    details.dataset.id = ev.id;
    details.replaceChildren(
      el("div.ck-tl-details-head", {}, [el("p.ck-tl-details-title", { id: `${detailsId}-title`, text: ev.title }), close]),
      ...eventBody(ev, detailsId, bodyOptions),
    );
  }

  function openDetails() {
    if (!selectedId) return;
    detailsOpen = true;
    tipAway = null;
    fillDetails();
    details.hidden = false;
    markers.get(eventKey.get(selectedId))?.setAttribute("aria-expanded", "true");
    placeTip();
    if (typeof details.scrollIntoView === "function") {
      details.scrollIntoView({ block: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
    }
  }

  function closeDetails(returnFocus) {
    const hadFocus = details.contains(document.activeElement);
    detailsOpen = false;
    details.hidden = true;
    markers.get(eventKey.get(selectedId))?.setAttribute("aria-expanded", "false");
    if (returnFocus || hadFocus) focusEvent(selectedId);
    placeTip();
  }

  function focusEvent(id) {
    const node = markers.get(eventKey.get(id));
    if (node) node.focus({ preventScroll: true });
  }

  function select(id, { open = false, focus = false, reveal: show = true, sync = true } = {}) {
    const ev = byId.get(id);
    selectedId = ev ? id : "";
    if (sync && model.get("selected") !== selectedId) {
      model.set("selected", selectedId);
      model.save_changes();
    }
    if (ev && show && width) setView(reveal(v0, v1, ev.t, width, lo, hi));
    draw();
    if (!ev) closeDetails(false);
    else if (open) openDetails();
    else if (detailsOpen) fillDetails();
    if (ev && focus) focusEvent(id);
  }

  /** The next (direction 1) or previous (-1) event: from the selected one, else from the marker in
   * focus (an event: its neighbour; a cluster: its first or last member), else the first or last in view. */
  function step(direction) {
    if (!shown.length) return;
    const current = shown.indexOf(byId.get(selectedId));
    const focused = units.get(document.activeElement?.dataset?.key);
    let index;
    if (current >= 0) index = current + direction;
    else if (focused?.kind === "event") index = shown.indexOf(focused.ev) + direction;
    else if (focused) index = shown.indexOf(focused.members[direction > 0 ? 0 : focused.members.length - 1]);
    else index = direction > 0 ? lowerBound(times, v0) : lowerBound(times, v1) - 1;
    select(shown[clamp(index, 0, shown.length - 1)].id, { focus: true });
  }

  // ---- list view ----
  function buildList() {
    const visible = new Set(shown);
    list.replaceChildren(...all.map((ev) => el("li", { "data-id": ev.id, hidden: !visible.has(ev) }, [
      el("p.ck-tl-list-title", {}, [el("strong", { text: ev.title })]),
      ...eventBody(ev, `${base}-list-${ev.id}`, bodyOptions),
    ])));
    list.dataset.built = "1";
  }

  function setListMode(asList) {
    listMode = asList;
    if (asList && !list.dataset.built) buildList();
    list.hidden = !asList;
    axisView.hidden = asList;
    help.hidden = asList; // the axis instructions do not apply to the list
    listToggle.setAttribute("aria-pressed", asList);
    listToggle.textContent = asList ? s.axisView : s.listView;
    updateZoom();
    if (!asList) draw();
  }

  // ---- input ----
  on(markerLayer, "click", (event) => {
    const node = event.target.closest("[data-key]");
    const unit = node && units.get(node.dataset.key);
    if (!unit) return;
    if (unit.kind === "event") { select(unit.ev.id, { open: true, focus: true }); return; }
    const a = unit.members[0];
    const b = unit.members[unit.members.length - 1];
    const closest = v1 - v0 <= MIN_SPAN * 1.01;
    animate();
    setView(fitTo(a.t, b.t, width, lo, hi));
    const open = byId.get(selectedId);
    if (detailsOpen && open && !unit.members.includes(open)) closeDetails(false);
    if (closest || b.t - a.t < MIN_SPAN / 4) {
      select(a.id, { focus: true }); // cannot be pulled apart further: step through them with the arrows
      return;
    }
    draw();
    focusEvent(a.id);
  });

  on(root, "keydown", (event) => {
    if (event.key === "Escape") {
      if (detailsOpen) { event.preventDefault(); closeDetails(true); }
      putTipAway(event); // Esc dismisses the label too (WCAG 1.4.13), focus stays where it is
      return;
    }
    const target = event.target;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) return;
    if (event.altKey || event.ctrlKey || event.metaKey || listMode) return;
    if (details.contains(target) && event.key !== "+" && event.key !== "-") return;
    switch (event.key) {
      // the arrows follow what the reader sees: ArrowLeft goes to the marker on the left, which in a
      // right-to-left axis (earlier dates on the right) is the next event, not the previous one
      case "ArrowRight": step(rtl ? -1 : 1); break;
      case "ArrowLeft": step(rtl ? 1 : -1); break;
      case "Home": if (shown.length) select(shown[0].id, { focus: true }); break;
      case "End": if (shown.length) select(shown[shown.length - 1].id, { focus: true }); break;
      case "+": case "=": zoomBy(1 / STEP); break;
      case "-": case "_": zoomBy(STEP); break;
      default: return;
    }
    event.preventDefault();
  });

  let searchTimer = 0;
  on(search, "input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applyFilters, 120);
  });
  on(search, "keydown", (event) => {
    if (event.key === "Enter") { clearTimeout(searchTimer); applyFilters(); }
  });
  on(themeSelect, "change", applyFilters);
  on(actorSelect, "change", applyFilters);

  // pan by dragging, pinch to zoom (pointer events), ctrl/⌘ + wheel or trackpad pinch to zoom, sideways wheel to pan
  const pointers = new Map();
  let drag = null;
  let pinch = null;
  let left = 0;
  let suppressClick = false;
  const frac = (x) => (rtl ? 1 - x / width : x / width); // viewport x (px) -> fraction of the view
  const timeAt = (x) => v0 + frac(x) * (v1 - v0);
  const capture = (id) => {
    try { viewport.setPointerCapture(id); } catch (_error) { /* the pointer is already gone */ }
  };
  on(viewport, "pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    left = viewport.getBoundingClientRect().left;
    pointers.set(event.pointerId, event.clientX - left);
    if (pointers.size === 1) drag = { x: event.clientX - left, v0, v1, moved: false };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.max(Math.abs(a - b), 1), t: timeAt((a + b) / 2), span: v1 - v0 };
      for (const id of pointers.keys()) capture(id);
      drag = null;
    }
  });
  on(viewport, "pointermove", (event) => {
    if (!pointers.has(event.pointerId)) return;
    const x = event.clientX - left;
    pointers.set(event.pointerId, x);
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()];
      const span = clamp(pinch.span * pinch.d / Math.max(Math.abs(a - b), 1), MIN_SPAN, hi - lo);
      const start = pinch.t - frac((a + b) / 2) * span;
      setView(clampView(start, start + span, lo, hi));
      schedule();
    } else if (drag) {
      const dx = x - drag.x;
      if (!drag.moved && Math.abs(dx) < 8) return; // a tap that wobbles is still a tap
      if (!drag.moved) {
        drag.moved = true;
        capture(event.pointerId);
        viewport.classList.add("ck-tl-dragging");
      }
      const shift = (dx / width) * (drag.v1 - drag.v0) * (rtl ? 1 : -1);
      setView(clampView(drag.v0 + shift, drag.v1 + shift, lo, hi));
      schedule();
    }
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (drag?.moved) {
      settle(); // a drag ends with no click
      suppressClick = true; // a drag that ends on a marker must not also select it
      setTimeout(() => { suppressClick = false; viewport.classList.remove("ck-tl-dragging"); }, 0);
    }
    if (!pointers.size) drag = null;
  };
  on(viewport, "click", (event) => {
    if (suppressClick) { event.stopPropagation(); event.preventDefault(); }
  }, { capture: true });
  on(viewport, "pointerup pointercancel", release);
  on(viewport, "wheel", (event) => {
    const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (!(event.ctrlKey || event.metaKey || horizontal || event.shiftKey)) return; // plain wheel scrolls the page
    event.preventDefault();
    const x = event.clientX - viewport.getBoundingClientRect().left;
    if (event.ctrlKey || event.metaKey) {
      setView(zoomAround(v0, v1, Math.exp(clamp(event.deltaY * 0.01, -1, 1)), timeAt(x), frac(x), lo, hi));
    } else {
      const shift = ((horizontal ? event.deltaX : event.deltaY) / width) * (v1 - v0) * (rtl ? -1 : 1);
      setView(clampView(v0 + shift, v1 + shift, lo, hi));
    }
    schedule();
  }, { passive: false });

  // ---- start ----
  function measure(next) {
    const full = v0 === lo && v1 === hi;
    width = next;
    rtl = getComputedStyle(root).direction === "rtl";
    [lo, hi] = extent(first, last, width || 600);
    setView(full ? [lo, hi] : clampView(v0, v1, lo, hi));
    measureEras();
  }

  /** The px each era's name needs inside its band (text measured on a canvas: no layout is forced), and
   * which eras the axis can show at all (the key lists only those). */
  let eraCanvas = null;
  function measureEras() {
    if (!eraNodes.length) { eraKey.hidden = true; return; }
    const context = eraCanvas || (eraCanvas = document.createElement("canvas").getContext("2d"));
    const style = getComputedStyle(eraNodes[0].text);
    if (context) context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const padding = parseFloat(style.paddingInlineStart) + parseFloat(style.paddingInlineEnd) || 0;
    for (const era of eraNodes) {
      era.need = context ? Math.ceil(context.measureText(era.text.textContent).width + padding) + 2 : Infinity;
      era.item.hidden = era.t1 < lo || era.t0 > hi;
    }
    eraKey.hidden = eraNodes.every((era) => era.item.hidden);
  }
  host.replaceChildren(root);
  applyFilters();
  // The axis width comes from the ResizeObserver's first report, made after the page's own layout and
  // before its first paint: reading it here (clientWidth) forced a layout of the whole page while it was
  // still being parsed, most of a long timeline's first render. The markers are drawn on that report.
  let sized = false;
  const sizedTo = (next) => {
    measure(next);
    if (!sized && next) {
      sized = true;
      if (selectedId) { select(selectedId, { sync: false }); return; } // drawn with the selection in view
    }
    draw();
  };
  const resize = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
    const next = entries[0].contentRect.width;
    if (next !== width) sizedTo(next);
  }) : null;
  if (resize) resize.observe(viewport);
  else sizedTo(viewport.clientWidth);
  // The book's font, once it has loaded, changes how wide the era names are. Listened for, not awaited:
  // reading document.fonts.ready forces a layout of the whole page (Chromium), and a font that had
  // loaded before render() is already the one measured. Measured in the next frame, with its layout.
  const fontsDone = () => requestAnimationFrame(() => { if (root.isConnected) { measureEras(); draw(); } });
  document.fonts?.addEventListener?.("loadingdone", fontsDone);
  prepareSearch();
  whenIdle(makeActors);

  const onSelected = () => {
    const id = model.get("selected") || "";
    if (id !== selectedId) select(id, { open: Boolean(id), sync: false });
  };
  model.on("change:selected", onSelected);
  return () => {
    resize?.disconnect();
    document.fonts?.removeEventListener?.("loadingdone", fontsDone);
    if (frame) cancelAnimationFrame(frame);
    model.off("change:selected", onSelected);
  };
}

export default { render, dayNumber, layout, tickTimes, extent, zoomAround, zoomStep, fitTo, reveal, filterCounts, applyFilterSet };

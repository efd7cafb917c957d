// The course timeline: one anywidget front-end module for live Jupyter and the static book.
// Hand-written, no library (coursekit/widgets/timeline.py says why). Summaries arrive rendered and
// escaped by Python (coursekit.schema.markdown); everything else is set as text.
// el, format and normalise come from common.js.
// Speed: only the markers in view exist in the DOM; markers closer than BUCKET pixels share a bucket
// and become a cluster with a count; the layout is read once per resize, never while drawing.

const DAY = 86400000;
const BUCKET = 40; // px: markers in one pixel bucket of this width are stacked, or clustered when crowded
const LANES = 3; // markers a bucket stacks before it becomes a cluster
const LANE = 30; // px between lanes
const MIN_SPAN = 20; // days: the closest zoom
const STEP = 2; // zoom factor of one button press or key press
let uid = 0;

function stripTags(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, e) =>
    ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" })[e]);
}

/** Day number (days since 1970-01-01, UTC) of the first, or with last=true the last, day a date denotes. */
function dayNumber(text, last = false) {
  const [y, m, d] = String(text).split("-").map(Number);
  const date = new Date(0);
  if (!last) date.setUTCFullYear(y, (m || 1) - 1, d || 1);
  else if (d) date.setUTCFullYear(y, m - 1, d);
  else if (m) date.setUTCFullYear(y, m, 0);
  else date.setUTCFullYear(y, 11, 31);
  return date.getTime() / DAY;
}

/** Index of the first value >= x in a sorted typed array. */
function lowerBound(values, x) {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- axis ticks --------------------------------------------------------------------------------

const TICK_STEPS = [[1, "d"], [2, "d"], [7, "d"], [14, "d"], [1, "m"], [2, "m"], [3, "m"], [6, "m"], [1, "y"],
  [2, "y"], [5, "y"], [10, "y"], [20, "y"], [25, "y"], [50, "y"], [100, "y"], [250, "y"], [500, "y"]];
const UNIT_DAYS = { d: 1, m: 30.44, y: 365.25 };

function tickTimes(v0, v1, width) {
  const per = (v1 - v0) / Math.max(2, Math.floor(width / 110));
  const [n, unit] = TICK_STEPS.find(([k, u]) => k * UNIT_DAYS[u] >= per) || TICK_STEPS[TICK_STEPS.length - 1];
  const out = [];
  const start = new Date(v0 * DAY);
  if (unit === "d") {
    for (let t = Math.ceil(v0 / n) * n; t <= v1 && out.length < 60; t += n) out.push([t, unit]);
  } else if (unit === "m") {
    let month = Math.ceil((start.getUTCFullYear() * 12 + start.getUTCMonth()) / n) * n;
    for (; out.length < 60; month += n) {
      const t = Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY;
      if (t > v1) break;
      if (t >= v0) out.push([t, unit]);
    }
  } else {
    for (let year = Math.ceil(start.getUTCFullYear() / n) * n; out.length < 60; year += n) {
      const d = new Date(0);
      d.setUTCFullYear(year, 0, 1);
      const t = d.getTime() / DAY;
      if (t > v1) break;
      if (t >= v0) out.push([t, unit]);
    }
  }
  return out;
}

// ---- the widget --------------------------------------------------------------------------------

function render({ model, el: host }) {
  const s = model.get("strings");
  const base = `ck-tl-${++uid}`;
  const themeLabels = model.get("themes") || {};
  const all = (model.get("events") || []).map((e) => ({ ...e, t: dayNumber(e.start), t1: dayNumber(e.end || e.start, true) }));
  all.sort((a, b) => a.t - b.t);
  const byId = new Map(all.map((e) => [e.id, e]));
  const lang = document.documentElement.lang || undefined;
  const fmtMonth = new Intl.DateTimeFormat(lang, { timeZone: "UTC", month: "short", year: "numeric" });
  const fmtDay = new Intl.DateTimeFormat(lang, { timeZone: "UTC", day: "numeric", month: "short" });
  const reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: true };

  // extent: every event plus a margin, so the edge markers are not cut in half
  let lo = all.length ? all[0].t : Date.UTC(2000, 0, 1) / DAY;
  let hi = all.length ? Math.max(...all.map((e) => e.t1)) : lo + 365;
  const margin = Math.max((hi - lo) * 0.04, 60);
  lo -= margin;
  hi += margin;
  let v0 = lo;
  let v1 = hi;

  let shown = all;
  let times = Float64Array.from(shown, (e) => e.t);
  let width = 0;
  let rtl = false;
  let selectedId = byId.has(model.get("selected")) ? model.get("selected") : "";
  let detailsOpen = false;
  let listMode = false;
  let markers = new Map(); // key -> button
  let units = new Map(); // key -> { kind, ev | members }
  let eventKey = new Map(); // event id -> key of the marker that shows it (in view only)
  let frame = 0;

  // ---- elements ----
  const titleId = `${base}-title`;
  const helpId = `${base}-help`;
  const detailsId = `${base}-details`;
  const status = el("p", { class: "ck-tl-status", role: "status" });
  const search = el("input", { type: "search", id: `${base}-search`, class: "ck-tl-search", autocomplete: "off" });
  const themeSelect = el("select", { id: `${base}-theme`, class: "ck-tl-theme" },
    [el("option", { value: "", text: s["timeline.allThemes"] })]);
  for (const [id, label] of Object.entries(themeLabels)) themeSelect.append(el("option", { value: id, text: label }));
  const actorSelect = el("select", { id: `${base}-actor`, class: "ck-tl-actor" },
    [el("option", { value: "", text: s["timeline.allActors"] })]);
  const actors = [...new Set(all.flatMap((e) => e.actors))].sort((a, b) => a.localeCompare(b, lang));
  for (const actor of actors) actorSelect.append(el("option", { value: actor, text: actor }));

  const button = (cls, text, label, onclick) =>
    el("button", { type: "button", class: `ck-button ${cls}`, text, "aria-label": label, title: label, onclick });
  const zoomOut = button("ck-tl-zoom-out", "−", s["timeline.zoomOut"], () => zoomBy(STEP));
  const zoomIn = button("ck-tl-zoom-in", "+", s["timeline.zoomIn"], () => zoomBy(1 / STEP));
  const zoomReset = el("button", { type: "button", class: "ck-button ck-tl-zoom-reset", text: s["timeline.reset"],
    onclick: () => { animate(); v0 = lo; v1 = hi; draw(); } });
  const listToggle = el("button", { type: "button", class: "ck-button ck-tl-list-toggle", "aria-pressed": "false",
    text: s["timeline.listView"], onclick: () => setListMode(!listMode) });

  const eraLayer = el("div", { class: "ck-tl-eras", "aria-hidden": "true" });
  const tickLayer = el("div", { class: "ck-tl-ticks", "aria-hidden": "true" });
  const markerLayer = el("div", { class: "ck-tl-markers" });
  const viewport = el("div", { class: "ck-tl-viewport", role: "group", tabindex: "-1",
    "aria-label": s["timeline.axisLabel"], "aria-describedby": helpId },
  [eraLayer, el("div", { class: "ck-tl-baseline", "aria-hidden": "true" }), tickLayer, markerLayer]);
  const details = el("div", { class: "ck-tl-details", id: detailsId, role: "region", hidden: true,
    "aria-labelledby": `${detailsId}-title` });
  const list = el("ol", { class: "ck-tl-list", hidden: true });
  const axisView = el("div", { class: "ck-tl-axis-view" }, [viewport]);

  const eraNodes = (model.get("eras") || []).map((era, n) => {
    const node = el("div", { class: `ck-tl-era ck-tl-era-${n % 2}` }, [el("span", { text: era.label })]);
    eraLayer.append(node);
    return { node, t0: dayNumber(era.start), t1: dayNumber(era.end, true) };
  });

  const field = (label, control) => el("div", { class: "ck-tl-field" }, [el("label", { for: control.id, text: label }), control]);
  const root = el("section", { class: "ck-timeline", "aria-labelledby": titleId }, [
    el("div", { class: "ck-tl-header" }, [el("p", { class: "ck-title", id: titleId, text: model.get("title") || s["timeline.label"] }), status]),
    el("div", { class: "ck-tl-controls" }, [
      field(s["timeline.search"], search), field(s["timeline.theme"], themeSelect), field(s["timeline.actor"], actorSelect),
      el("div", { class: "ck-tl-zoom", role: "group", "aria-label": s["timeline.zoomGroup"] }, [zoomOut, zoomIn, zoomReset]),
      listToggle,
    ]),
    el("p", { class: "ck-tl-help", id: helpId, text: s["timeline.help"] }),
    axisView, details, list,
  ]);

  // ---- geometry ----
  const frac = (x) => (rtl ? 1 - x / width : x / width); // viewport x (px) -> fraction of the view
  const timeAt = (x) => v0 + frac(x) * (v1 - v0);

  function clampView() {
    let span = Math.min(Math.max(v1 - v0, MIN_SPAN), hi - lo);
    if (v0 < lo) v0 = lo;
    if (v0 + span > hi) v0 = hi - span;
    v1 = v0 + span;
  }

  function zoomAround(factor, anchor, at = (anchor - v0) / (v1 - v0)) {
    const span = Math.min(Math.max((v1 - v0) * factor, MIN_SPAN), hi - lo);
    v0 = anchor - at * span;
    v1 = v0 + span;
    clampView();
  }

  function fitTo(a, b) {
    const pad = Math.max((b - a) * 0.06, MIN_SPAN / 2);
    v0 = a - pad;
    v1 = b + pad;
    clampView();
  }

  function animate() {
    if (reducedMotion.matches) return;
    root.classList.add("ck-tl-anim");
    window.clearTimeout(animate.timer);
    animate.timer = window.setTimeout(() => root.classList.remove("ck-tl-anim"), 260);
  }

  function zoomBy(factor) {
    const ev = byId.get(selectedId);
    const anchor = ev && ev.t >= v0 && ev.t <= v1 ? ev.t : (v0 + v1) / 2;
    animate();
    zoomAround(factor, anchor);
    draw();
  }

  function schedule() {
    if (!frame) frame = window.requestAnimationFrame(() => { frame = 0; draw(); });
  }

  // ---- drawing ----
  function markerLabel(ev) {
    return `${ev.title}, ${ev.label}`;
  }

  function draw() {
    viewport.dataset.span = String(Math.round(v1 - v0));
    viewport.dataset.start = String(Math.round(v0));
    if (!width || listMode) return;
    const scale = width / (v1 - v0);
    const X = rtl ? (t) => width - (t - v0) * scale : (t) => (t - v0) * scale;
    const dpb = BUCKET / scale;
    const from = lowerBound(times, v0 - dpb);
    const to = lowerBound(times, v1 + dpb);
    const out = [];
    let bucket = null;
    let members = [];
    let pinned = null;
    const flush = () => {
      const free = pinned ? LANES - 1 : LANES;
      if (pinned) out.push({ key: `e:${pinned.id}`, kind: "event", ev: pinned, x: X(pinned.t), lane: 0 });
      const first = pinned ? 1 : 0;
      if (members.length <= free) {
        members.forEach((ev, n) => out.push({ key: `e:${ev.id}`, kind: "event", ev, x: X(ev.t), lane: first + n }));
      } else if (members.length) {
        // at the bucket's centre, so that neighbouring clusters never overlap
        out.push({ key: `c:${bucket}:${members.length}`, kind: "cluster", members, x: X((bucket + 0.5) * dpb), lane: first });
      }
      members = [];
      pinned = null;
    };
    for (let k = from; k < to; k++) {
      const ev = shown[k];
      const b = Math.floor(ev.t / dpb);
      if (b !== bucket) { flush(); bucket = b; }
      if (ev.id === selectedId) pinned = ev;
      else members.push(ev);
    }
    flush();

    const active = document.activeElement;
    const hadFocus = markerLayer.contains(active);
    const next = new Map();
    const fresh = [];
    units = new Map();
    eventKey = new Map();
    let rovingKey = out.length ? out[0].key : "";
    for (const unit of out) {
      let node = markers.get(unit.key);
      if (!node) {
        node = el("button", { type: "button", "data-key": unit.key, tabindex: "-1" });
        if (unit.kind === "event") {
          node.className = "ck-tl-marker";
          node.dataset.id = unit.ev.id;
          node.setAttribute("aria-label", markerLabel(unit.ev));
          node.dataset.tip = markerLabel(unit.ev);
          node.setAttribute("aria-controls", detailsId);
        } else {
          const a = unit.members[0];
          const b = unit.members[unit.members.length - 1];
          node.className = "ck-tl-marker ck-tl-cluster";
          node.textContent = unit.members.length > 99 ? "99+" : String(unit.members.length);
          node.setAttribute("aria-label", format(s["timeline.clusterLabel"], { count: unit.members.length, from: a.label, to: b.label }));
          node.dataset.tip = format(s["timeline.cluster"], { count: unit.members.length });
        }
        fresh.push(node);
      }
      const x = Math.round(unit.x * 10) / 10;
      if (node._x !== x || node._lane !== unit.lane) {
        node.style.transform = `translate(${x}px, ${-unit.lane * LANE}px) translateX(-50%)`;
        node._x = x;
        node._lane = unit.lane;
        const edge = x < 150 ? "start" : x > width - 150 ? "end" : "";
        if (node.dataset.edge !== edge) node.dataset.edge = edge; // keeps the title label inside the axis
      }
      if (unit.kind === "event") {
        const isSelected = unit.ev.id === selectedId;
        if (node._sel !== isSelected) {
          node._sel = isSelected;
          if (isSelected) node.setAttribute("aria-current", "true");
          else node.removeAttribute("aria-current");
          node.setAttribute("aria-expanded", String(isSelected && detailsOpen));
        }
        if (isSelected) {
          rovingKey = unit.key;
          node.setAttribute("aria-expanded", String(detailsOpen));
        }
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

    for (const era of eraNodes) {
      const a = Math.max(0, Math.min(width, X(rtl ? era.t1 : era.t0)));
      const b = Math.max(0, Math.min(width, X(rtl ? era.t0 : era.t1)));
      era.node.hidden = b - a < 1;
      era.node.style.transform = `translateX(${a}px)`;
      era.node.style.width = `${b - a}px`;
    }
    tickLayer.replaceChildren(...tickTimes(v0, v1, width).map(([t, unit]) => {
      const date = new Date(t * DAY);
      const text = unit === "y" ? String(date.getUTCFullYear()) : unit === "m" ? fmtMonth.format(date) : fmtDay.format(date);
      const node = el("span", { class: "ck-tl-tick", text });
      node.style.transform = `translateX(${X(t)}px) translateX(-50%)`;
      return node;
    }));
  }

  // ---- filtering ----
  const haystack = (ev) => {
    if (ev.text === undefined) ev.text = normalise(`${ev.title} ${ev.label} ${ev.actors.join(" ")} ${stripTags(ev.summary)}`);
    return ev.text;
  };

  /** Prepare the search text in idle time, a few hundred events at a time, so the first search is quick too. */
  function prepareSearch(from = 0) {
    const idle = window.requestIdleCallback || ((callback) => window.setTimeout(callback, 50));
    idle(() => {
      const to = Math.min(from + 250, all.length);
      for (let k = from; k < to; k++) haystack(all[k]);
      if (to < all.length && root.isConnected) prepareSearch(to);
    });
  }

  function applyFilters() {
    const query = normalise(search.value);
    const theme = themeSelect.value;
    const actor = actorSelect.value;
    shown = all.filter((ev) => {
      if (theme && !ev.themes.includes(theme)) return false;
      if (actor && !ev.actors.includes(actor)) return false;
      if (query) return haystack(ev).includes(query);
      return true;
    });
    times = Float64Array.from(shown, (e) => e.t);
    const showing = format(s["timeline.showing"], { shown: shown.length, total: all.length });
    status.textContent = shown.length ? showing : `${s["timeline.noMatch"]} ${showing}`;
    if (selectedId && !shown.includes(byId.get(selectedId))) select("", { reveal: false });
    if (shown.length && (theme || actor || query)) fitTo(shown[0].t, shown.reduce((m, e) => Math.max(m, e.t1), -Infinity));
    else if (!theme && !actor && !query) { v0 = lo; v1 = hi; }
    if (list.dataset.built) {
      const visible = new Set(shown);
      for (const item of list.children) item.hidden = !visible.has(byId.get(item.dataset.id));
    }
    draw();
  }

  // ---- selection and details ----
  function sectionHref(ev) {
    const contentRoot = document.documentElement.getAttribute("data-content_root");
    if (contentRoot !== null) return contentRoot + ev.href; // the static book: relative, so file:// works too
    const site = model.get("site_url");
    return site ? site.replace(/\/?$/, "/") + ev.href : ""; // live: the published book, if the course has one
  }

  function eventBody(ev, idPrefix) {
    const sources = el("ul", { class: "ck-tl-sources" }, ev.sources.map((src) => el("li", {}, [
      el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer", text: src.title }),
      src.publisher ? ` (${src.publisher})` : null,
    ])));
    const href = sectionHref(ev);
    const meta = [
      ev.themes.length ? `${s["timeline.themes"]}: ${ev.themes.map((t) => themeLabels[t] || t).join(", ")}` : "",
      `${s["timeline.actors"]}: ${ev.actors.join(", ")}`,
    ].filter(Boolean).join(" · ");
    return [
      el("p", { class: "ck-tl-date" }, [el("time", { datetime: ev.start, text: ev.label })]),
      el("div", { class: "ck-tl-summary", html: ev.summary }),
      ev.date_note ? el("p", { class: "ck-tl-date-note" }, [el("strong", { text: `${s["timeline.dateNote"]}: ` }), ev.date_note]) : null,
      el("p", { class: "ck-tl-meta", text: meta }),
      el("p", { class: "ck-tl-sources-label", id: `${idPrefix}-sources`, text: s["timeline.sources"] }),
      sources,
      href ? el("p", {}, [el("a", { class: "ck-tl-section-link", href, text: s["timeline.readMore"] })]) : null,
    ];
  }

  function fillDetails() {
    const ev = byId.get(selectedId);
    if (!ev) return;
    const close = el("button", { type: "button", class: "ck-button ck-tl-close", text: s["timeline.close"],
      onclick: () => closeDetails(true) });
    details.dataset.id = ev.id;
    details.replaceChildren(
      el("div", { class: "ck-tl-details-head" }, [el("p", { class: "ck-tl-details-title", id: `${detailsId}-title`, text: ev.title }), close]),
      ...eventBody(ev, detailsId).filter(Boolean), // a missing date note is null, not a text node
    );
  }

  function openDetails() {
    if (!selectedId) return;
    detailsOpen = true;
    fillDetails();
    details.hidden = false;
    markers.get(eventKey.get(selectedId))?.setAttribute("aria-expanded", "true");
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
  }

  function focusEvent(id) {
    const node = markers.get(eventKey.get(id));
    if (node) node.focus({ preventScroll: true });
  }

  function reveal(ev) {
    const span = v1 - v0;
    if (ev.t < v0 + span * 0.03 || ev.t > v1 - span * 0.03) {
      v0 = ev.t - span / 2;
      v1 = v0 + span;
      clampView();
    }
  }

  function select(id, { open = false, focus = false, reveal: show = true, sync = true } = {}) {
    const ev = byId.get(id);
    selectedId = ev ? id : "";
    if (sync && model.get("selected") !== selectedId) {
      model.set("selected", selectedId);
      model.save_changes();
    }
    if (ev && show) reveal(ev);
    draw();
    if (!ev) closeDetails(false);
    else if (open) openDetails();
    else if (detailsOpen) fillDetails();
    if (ev && focus) focusEvent(id);
  }

  function step(direction) {
    if (!shown.length) return;
    const current = shown.indexOf(byId.get(selectedId));
    let index;
    if (current >= 0) index = Math.max(0, Math.min(shown.length - 1, current + direction));
    else if (direction > 0) index = Math.min(lowerBound(times, v0), shown.length - 1);
    else index = Math.max(lowerBound(times, v1) - 1, 0);
    select(shown[index].id, { focus: true });
  }

  // ---- list view ----
  function buildList() {
    const visible = new Set(shown);
    list.replaceChildren(...all.map((ev) => {
      const item = el("li", { "data-id": ev.id, hidden: !visible.has(ev) }, [
        el("p", { class: "ck-tl-list-title" }, [el("strong", { text: ev.title })]),
        ...eventBody(ev, `${base}-list-${ev.id}`),
      ]);
      return item;
    }));
    list.dataset.built = "1";
  }

  function setListMode(on) {
    listMode = on;
    if (on && !list.dataset.built) buildList();
    list.hidden = !on;
    axisView.hidden = on;
    listToggle.setAttribute("aria-pressed", String(on));
    listToggle.textContent = on ? s["timeline.axisView"] : s["timeline.listView"];
    for (const node of [zoomIn, zoomOut, zoomReset]) node.disabled = on;
    if (!on) draw();
  }

  // ---- input ----
  markerLayer.addEventListener("click", (event) => {
    const node = event.target.closest("[data-key]");
    const unit = node && units.get(node.dataset.key);
    if (!unit) return;
    if (unit.kind === "event") { select(unit.ev.id, { open: true, focus: true }); return; }
    const first = unit.members[0];
    const last = unit.members[unit.members.length - 1];
    animate();
    if (v1 - v0 <= MIN_SPAN * 1.01 || last.t - first.t < MIN_SPAN / 4) {
      fitTo(first.t, last.t);
      select(first.id, { focus: true }); // cannot be pulled apart further: step through them with the arrows
      return;
    }
    fitTo(first.t, last.t);
    draw();
    focusEvent(first.id);
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (detailsOpen) { event.preventDefault(); closeDetails(true); }
      return;
    }
    const target = event.target;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) return;
    if (event.altKey || event.ctrlKey || event.metaKey || listMode) return;
    if (details.contains(target) && event.key !== "+" && event.key !== "-") return;
    switch (event.key) {
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
  search.addEventListener("input", () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(applyFilters, 120);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { window.clearTimeout(searchTimer); applyFilters(); }
  });
  themeSelect.addEventListener("change", applyFilters);
  actorSelect.addEventListener("change", applyFilters);

  // pan by dragging, pinch to zoom (pointer events), ctrl/⌘ + wheel or trackpad pinch to zoom, sideways wheel to pan
  const pointers = new Map();
  let drag = null;
  let pinch = null;
  let left = 0;
  let suppressClick = false;
  const capture = (id) => {
    try { viewport.setPointerCapture(id); } catch (_error) { /* the pointer is already gone */ }
  };
  viewport.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    left = viewport.getBoundingClientRect().left;
    pointers.set(event.pointerId, event.clientX - left);
    if (pointers.size === 1) drag = { x: event.clientX - left, v0, v1, moved: false };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const mid = (a + b) / 2;
      pinch = { d: Math.max(Math.abs(a - b), 1), t: timeAt(mid), span: v1 - v0 };
      for (const id of pointers.keys()) capture(id);
      drag = null;
    }
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId)) return;
    const x = event.clientX - left;
    pointers.set(event.pointerId, x);
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()];
      const span = Math.min(Math.max(pinch.span * pinch.d / Math.max(Math.abs(a - b), 1), MIN_SPAN), hi - lo);
      v0 = pinch.t - frac((a + b) / 2) * span;
      v1 = v0 + span;
      clampView();
      schedule();
    } else if (drag) {
      const dx = x - drag.x;
      if (!drag.moved && Math.abs(dx) < 5) return;
      if (!drag.moved) {
        drag.moved = true;
        capture(event.pointerId);
        viewport.classList.add("ck-tl-dragging");
      }
      const shift = (dx / width) * (drag.v1 - drag.v0) * (rtl ? 1 : -1);
      v0 = drag.v0 + shift;
      v1 = drag.v1 + shift;
      clampView();
      schedule();
    }
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (drag?.moved) {
      suppressClick = true; // a drag that ends on a marker must not also select it
      window.setTimeout(() => { suppressClick = false; viewport.classList.remove("ck-tl-dragging"); }, 0);
    }
    if (!pointers.size) drag = null;
  };
  viewport.addEventListener("click", (event) => {
    if (suppressClick) { event.stopPropagation(); event.preventDefault(); }
  }, { capture: true });
  viewport.addEventListener("pointerup", release);
  viewport.addEventListener("pointercancel", release);
  viewport.addEventListener("wheel", (event) => {
    const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (!(event.ctrlKey || event.metaKey || horizontal || event.shiftKey)) return; // plain wheel scrolls the page
    event.preventDefault();
    const x = event.clientX - viewport.getBoundingClientRect().left;
    if (event.ctrlKey || event.metaKey) {
      zoomAround(Math.exp(Math.max(-1, Math.min(1, event.deltaY * 0.01))), timeAt(x), frac(x));
    } else {
      const px = horizontal ? event.deltaX : event.deltaY;
      const shift = (px / width) * (v1 - v0) * (rtl ? -1 : 1);
      v0 += shift;
      v1 += shift;
      clampView();
    }
    schedule();
  }, { passive: false });

  // ---- start ----
  host.replaceChildren(root);
  rtl = getComputedStyle(root).direction === "rtl";
  width = viewport.clientWidth;
  applyFilters();
  if (selectedId) select(selectedId, { sync: false });
  const resize = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
    const next = entries[0].contentRect.width;
    if (next !== width) {
      width = next;
      rtl = getComputedStyle(root).direction === "rtl";
      draw();
    }
  }) : null;
  resize?.observe(viewport);
  prepareSearch();

  const onSelected = () => {
    const id = model.get("selected") || "";
    if (id !== selectedId) select(id, { open: Boolean(id), sync: false });
  };
  model.on("change:selected", onSelected);
  return () => {
    resize?.disconnect();
    if (frame) window.cancelAnimationFrame(frame);
    model.off("change:selected", onSelected);
  };
}

export default { render, dayNumber, tickTimes };

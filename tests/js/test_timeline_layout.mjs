// The pure parts of the timeline module (coursekit/widgets/timeline/10..35-*.js) under node:test.
// Run by tests/widgets/test_timeline_widget.py, which assembles the module exactly as it is served and
// passes its file URL in TIMELINE_MODULE.
import { test } from "node:test";
import assert from "node:assert/strict";

const tl = (await import(process.env.TIMELINE_MODULE)).default;
const { dayNumber, layout, tickTimes, extent, zoomStep, fitTo, reveal, filterCounts, applyFilterSet } = tl;

const TARGET = 44; // the tap target the issue asks for
const WIDTHS = [320, 358, 390, 600, 904, 1200];

/** A seeded random number generator (mulberry32), so every failure can be replayed. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function eventsAt(days) {
  return days.slice().sort((a, b) => a - b).map((t, n) => ({ id: `e${n}`, t }));
}

const timesOf = (events) => Float64Array.from(events, (e) => e.t);
const box = (u) => ({ x0: u.x - TARGET / 2, x1: u.x + TARGET / 2, y0: -u.lane * 46 - TARGET / 2, y1: -u.lane * 46 + TARGET / 2 });

function checkLayout(events, v0, v1, width, selectedId = "", rtl = false) {
  const units = layout(events, timesOf(events), v0, v1, width, { selectedId, rtl });
  const boxes = units.map(box);
  for (const [n, b] of boxes.entries()) {
    assert.ok(b.x0 >= 0 && b.x1 <= width, `target ${units[n].key} at ${units[n].x} crosses the edge of ${width} px`);
    assert.ok(units[n].lane >= 0 && units[n].lane < 3);
    for (const c of boxes.slice(n + 1)) {
      const overlap = Math.min(b.x1, c.x1) - Math.max(b.x0, c.x0) > 0.01 && Math.min(b.y1, c.y1) - Math.max(b.y0, c.y0) > 0.01;
      assert.ok(!overlap, `targets overlap at ${width} px: ${JSON.stringify([b, c])}`);
    }
  }
  // every event well inside the view is shown, as a marker or in a cluster's count
  const shown = new Set(units.flatMap((u) => (u.kind === "event" ? [u.ev.id] : u.members.map((e) => e.id))));
  assert.equal(shown.size, units.reduce((n, u) => n + (u.kind === "event" ? 1 : u.members.length), 0), "an event shown twice");
  const margin = ((v1 - v0) * 69) / width;
  for (const ev of events) {
    if (ev.t >= v0 + margin && ev.t <= v1 - margin) assert.ok(shown.has(ev.id), `${ev.id} is inside the view but not drawn`);
  }
  const selected = units.find((u) => u.kind === "event" && u.ev.id === selectedId);
  const sel = events.find((e) => e.id === selectedId);
  if (sel && sel.t >= v0 + margin && sel.t <= v1 - margin) assert.ok(selected, "the selected event is hidden in a cluster");
  return units;
}

// the Iran page's events (exercises/timeline.yml): four within six months in 2015-16, its middle empty
const IRAN = ["1968-07", "1974-05-15", "2011-09-03", "2015-07-14", "2015-07-20", "2015-10-18", "2016-01-16", "2018-05-08",
  "2025-06-13", "2025-06-22", "2025-08-28", "2025-09-19", "2025-09-27", "2026-02-28", "2026-03-11"].map((d) => dayNumber(d));

test("dayNumber gives the first or last day a date denotes", () => {
  assert.equal(dayNumber("1970-01-01"), 0);
  assert.equal(dayNumber("1970"), 0);
  assert.equal(dayNumber("1970", true), 364);
  assert.equal(dayNumber("1972-02", true), dayNumber("1972-02-29"));
  assert.equal(dayNumber("1969-12-31"), -1);
  // the arithmetic agrees with the calendar of Date on every day from 1600 to 2100 (leap centuries too)
  for (let t = Date.UTC(1600, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86400000) {
    const day = new Date(t).toISOString().slice(0, 10);
    assert.equal(dayNumber(day), t / 86400000, day);
  }
  for (const [month, last] of [["1900-02", "1900-02-28"], ["2000-02", "2000-02-29"], ["1999-12", "1999-12-31"], ["2024-04", "2024-04-30"]]) {
    assert.equal(dayNumber(month, true), dayNumber(last), month);
  }
  assert.equal(dayNumber("2000", true), dayNumber("2000-12-31"));
});

test("markers never overlap, never cross an edge, and crowded ones cluster", () => {
  const random = rng(7);
  for (const width of WIDTHS) {
    for (let trial = 0; trial < 30; trial++) {
      const count = 1 + Math.floor(random() * 300);
      const events = eventsAt(Array.from({ length: count }, () => Math.floor(random() * 40000) - 20000));
      const span = 20 + random() * 45000;
      const v0 = -25000 + random() * 50000;
      const selected = events[Math.floor(random() * events.length)].id;
      checkLayout(events, v0, v0 + span, width, selected, trial % 2 === 1);
    }
  }
});

test("four events within days of each other on a long axis become separate lanes or a cluster", () => {
  // the Iran page: JCPOA concluded, resolution 2231, Adoption Day, Implementation Day (2015-07-14 .. 2016-01-16)
  const events = eventsAt(IRAN);
  for (const width of WIDTHS) {
    const [lo, hi] = extent(events[0].t, events[events.length - 1].t, width);
    const units = checkLayout(events, lo, hi, width);
    const drawn = units.reduce((n, u) => n + (u.kind === "event" ? 1 : u.members.length), 0);
    assert.equal(drawn, events.length, `the whole axis at ${width} px leaves out an event`);
  }
});

test("the whole axis shows every event, with room for the edge markers", () => {
  const random = rng(11);
  for (const width of WIDTHS) {
    for (let trial = 0; trial < 20; trial++) {
      const events = eventsAt(Array.from({ length: 2 + Math.floor(random() * 80) }, () => Math.floor(random() * 30000)));
      const [lo, hi] = extent(events[0].t, events[events.length - 1].t, width);
      const units = checkLayout(events, lo, hi, width);
      assert.equal(units.reduce((n, u) => n + (u.kind === "event" ? 1 : u.members.length), 0), events.length);
    }
  }
});

test("the axis has at least three labelled ticks that do not collide, at every zoom", () => {
  for (const width of WIDTHS) {
    for (let span = 20; span < 365.25 * 150; span *= 1.07) {
      for (const v0 of [-9000, 123.4, 16000.7]) {
        const ticks = tickTimes(v0, v0 + span, width);
        assert.ok(ticks.length >= 3, `${ticks.length} ticks for ${span.toFixed(0)} days at ${width} px`);
        const xs = ticks.map(([t]) => ((t - v0) / span) * width);
        const gap = ticks.some(([, unit]) => unit === "d") ? 44 : 40; // "14 Sep" is wider than "Sep" or "2015"
        for (let k = 1; k < xs.length; k++) assert.ok(xs[k] - xs[k - 1] >= gap - 1e-6, `ticks ${xs[k] - xs[k - 1]} px apart`);
        assert.ok(xs[0] >= 20 && xs[xs.length - 1] <= width - 20, "a tick label would be cut at the edge");
      }
    }
  }
});

test("zooming in keeps events in view, never an empty range", () => {
  const times = Float64Array.from(IRAN); // the Iran page: its middle (1976-2010) is empty
  const events = eventsAt(IRAN);
  for (const width of WIDTHS) {
    const [lo, hi] = extent(IRAN[0], IRAN[IRAN.length - 1], width);
    let [v0, v1] = [lo, hi];
    let before = IRAN.length;
    for (let press = 1; press <= 10; press++) {
      [v0, v1] = zoomStep(v0, v1, 0.5, times, null, width, lo, hi);
      assert.ok(Math.abs(v1 - v0 - Math.max((hi - lo) / 2 ** press, 20)) < 1e-6, "each press halves the span");
      const drawn = layout(events, times, v0, v1, width).reduce((n, u) => n + (u.kind === "event" ? 1 : u.members.length), 0);
      assert.ok(drawn >= Math.min(2, before), `press ${press} at ${width} px draws ${drawn} events`);
      before = drawn;
    }
  }
  // the selected event stays in view, at about its place
  const [lo, hi] = extent(IRAN[0], IRAN[IRAN.length - 1], 390);
  const [v0, v1] = zoomStep(lo, hi, 0.5, times, IRAN[1], 390, lo, hi);
  assert.ok(IRAN[1] > v0 + (v1 - v0) * 0.15 && IRAN[1] < v1);
  // an empty stretch: zooming in moves towards the nearest event
  const [g0, g1] = zoomStep(dayNumber("1994"), dayNumber("2000"), 0.5, times, null, 390, lo, hi);
  assert.ok(IRAN.some((t) => t >= g0 && t <= g1));
  // zooming out keeps the middle
  const [o0, o1] = zoomStep(10000, 12000, 2, times, null, 390, lo, hi);
  assert.deepEqual([o0, o1], [9000, 13000]);
});

test("fitting and revealing leave room for the whole tap target", () => {
  for (const width of WIDTHS) {
    const [lo, hi] = [-50000, 50000];
    const [v0, v1] = fitTo(100, 900, width, lo, hi);
    const x = (t) => ((t - v0) / (v1 - v0)) * width;
    assert.ok(x(100) >= 60 && x(900) <= width - 60, `fit at ${width} px: ${x(100)}, ${x(900)}`);
    const [r0, r1] = reveal(0, 1000, 999, width, lo, hi);
    const rx = ((999 - r0) / (r1 - r0)) * width;
    assert.ok(rx >= 60 && rx <= width - 60);
    assert.deepEqual(reveal(0, 1000, 500, width, lo, hi), [0, 1000]); // already well inside: no jump
  }
});

test("each menu option says how many events it keeps, given the other filters", () => {
  const events = [
    { id: "a", title: "Water treaty", label: "1960", actors: ["India", "Pakistan"], summary: "", themes: ["water"] },
    { id: "b", title: "Nile deal", label: "1959", actors: ["Egypt", "Sudan"], summary: "<p>Shared &amp; river</p>", themes: ["water"] },
    { id: "c", title: "NPT", label: "1968", actors: ["Egypt"], summary: "", themes: ["nuclear", "order"] },
  ];
  assert.deepEqual(filterCounts(events, {}), { themes: { water: 2, nuclear: 1, order: 1 },
    actors: { India: 1, Pakistan: 1, Egypt: 2, Sudan: 1 }, anyTheme: 3, anyActor: 3 });
  const counts = filterCounts(events, { theme: "nuclear" });
  assert.deepEqual(counts.actors, { Egypt: 1 }); // India would match nothing: the menu can say "India (0)"
  assert.equal(counts.themes.water, 2); // the theme menu counts as if the theme were not chosen yet
  assert.deepEqual(applyFilterSet(events, { actor: "Egypt", theme: "water" }).map((e) => e.id), ["b"]);
  assert.deepEqual(applyFilterSet(events, { query: "shared river" }).map((e) => e.id), ["b"]); // summary text, tags and entities gone
});

test("a marker stands at its own date unless a neighbour is too close, and never leaves its column", () => {
  const day = (y) => dayNumber(`${y}-07-01`, "start");
  const years = [1950, 1968, 1990, 1991, 2011];   // 1990 and 1991 are 4 px apart at 390 px: they must share or split
  const evs = years.map((y, i) => ({ id: `e${i}`, t: day(y), t1: day(y) }));
  const v0 = day(1940), v1 = day(2030), width = 390;
  const scale = width / (v1 - v0);
  const units = layout(evs, timesOf(evs), v0, v1, width);
  const at = (id) => units.find((u) => u.kind === "event" && u.ev.id === id);
  for (const id of ["e0", "e1", "e4"]) {   // alone: on its date
    assert.ok(Math.abs(at(id).x - (evs[+id[1]].t - v0) * scale) < 0.5, `${id} at ${at(id).x}`);
  }
  const xs = units.map((u) => u.x).sort((a, b) => a - b).filter((x, i, all) => i === 0 || x !== all[i - 1]);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 46 - 1e-9, `columns ${xs[i - 1]} and ${xs[i]}`);
  for (const u of units) {   // within its column's 46 px of its date
    const dates = u.kind === "event" ? [u.ev.t] : u.members.map((e) => e.t);
    for (const d of dates) assert.ok(Math.abs(u.x - (d - v0) * scale) < 46, `${u.key} ${u.x}`);
  }
});

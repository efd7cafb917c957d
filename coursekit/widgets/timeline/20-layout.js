// Part 2: where markers and axis ticks go, as pure functions of the view (no DOM).
//
// Markers are grouped in columns PITCH px wide that are anchored in time, so a column keeps its events
// while the view pans. A column stacks up to LANES markers, or shows one cluster with a count when it holds
// more. It stands at its events' own place on the axis (their mean), moved only as far as it must be to
// stay PITCH clear of its neighbours (``spaced``), never out of its own column: a lone event sits on its
// date. Lanes are PITCH apart and each tap target is TARGET wide, so no two targets
// overlap; a column whose target would cross either end of the axis is left out (it is off the edge:
// panning or zooming brings it in), so every target drawn can be tapped in full.

const TARGET = 44; // px: the tap target of a marker (WCAG 2.5.5); the visible marker inside is 24 px
const PITCH = 46; // px between columns and between lanes
const LANES = 3; // markers a column stacks before it becomes a cluster
const LIFT = 14; // px the centre of lane 0 sits above the baseline: markers stand on it, clear of the tick labels

/**
 * The markers to draw for the events (sorted by ``t``; ``times`` their day numbers) in the view [v0, v1]
 * on an axis ``width`` px wide: [{ key, kind: "event", ev, x, lane } | { key, kind: "cluster", members, x, lane }].
 * The selected event is never hidden in a cluster: it takes lane 0 of its column.
 */
function layout(events, times, v0, v1, width, { selectedId = "", rtl = false } = {}) {
  const out = [];
  if (!(width >= TARGET) || !(v1 > v0)) return out;
  const scale = width / (v1 - v0);
  const dpc = PITCH / scale; // days per column
  const half = TARGET / 2;
  const columns = [];
  for (let k = lowerBound(times, v0 - dpc), to = lowerBound(times, v1 + dpc); k < to; k++) {
    const ev = events[k];
    const c = Math.floor(ev.t / dpc);
    if (!columns.length || columns[columns.length - 1].column !== c) columns.push({ column: c, members: [], pinned: null, sum: 0, n: 0 });
    const col = columns[columns.length - 1];
    if (ev.id === selectedId) col.pinned = ev;
    else col.members.push(ev);
    col.sum += (ev.t - v0) * scale;
    col.n += 1;
  }
  const places = spaced(columns.map((col) => col.sum / col.n));
  columns.forEach((col, i) => {
    const x0 = places[i];
    if (x0 < half || x0 > width - half) return;
    const x = rtl ? width - x0 : x0;
    let lane = 0;
    if (col.pinned) out.push({ key: `e:${col.pinned.id}`, kind: "event", ev: col.pinned, x, lane: lane++ });
    if (col.members.length <= LANES - lane) {
      for (const ev of col.members) out.push({ key: `e:${ev.id}`, kind: "event", ev, x, lane: lane++ });
    } else {
      out.push({ key: `c:${col.column}:${col.members.length}`, kind: "cluster", members: col.members, x, lane });
    }
  });
  return out;
}

/**
 * Places for columns that want to stand at ``ideal`` (increasing px), at least PITCH apart and as near
 * their ideals as can be (least squares): columns too close share one shift, pooled until no two clash
 * (the pool-adjacent-violators algorithm). Columns are at least PITCH apart in time, so none leaves its own.
 */
function spaced(ideal) {
  const blocks = []; // { start, count, sum }: columns start..start+count-1 packed PITCH apart
  ideal.forEach((x, i) => {
    blocks.push({ start: i, count: 1, sum: x - i * PITCH });
    while (blocks.length > 1) {
      const [a, b] = blocks.slice(-2);
      if (a.sum / a.count <= b.sum / b.count) break;
      blocks.splice(-2, 2, { start: a.start, count: a.count + b.count, sum: a.sum + b.sum });
    }
  });
  const out = [];
  for (const block of blocks) {
    for (let i = block.start; i < block.start + block.count; i++) out.push(block.sum / block.count + i * PITCH);
  }
  return out;
}

// ---- axis ticks --------------------------------------------------------------------------------

const TICK_STEPS = [[1, "d"], [2, "d"], [3, "d"], [5, "d"], [7, "d"], [10, "d"], [0.5, "m"],
  [1, "m"], [2, "m"], [3, "m"], [4, "m"], [6, "m"], [1, "y"], [2, "y"], [3, "y"], [5, "y"], [10, "y"],
  [20, "y"], [25, "y"], [50, "y"], [100, "y"], [200, "y"], [250, "y"], [500, "y"], [1000, "y"]];
const UNIT_DAYS = { d: 1, m: 30.44, y: 365.25 };
/** The shortest a step can be, in days (February; the 16th to the 1st), and the unit of its labels. */
const stepDays = (k, u) => (u === "d" ? k : u === "m" ? (k < 1 ? 13 : k * UNIT_DAYS.m - 3) : k * UNIT_DAYS.y - 1);
const labelUnit = (k, u) => (u === "m" && k < 1 ? "d" : u);
// px a tick needs: its widest label ("2015"; "Sep" over "2015"; "14 Sep" over "2015") and a gap
const TICK_GAP = { d: 44, m: 40, y: 40 };

/**
 * Ticks [[day, unit], ...] for the view: the finest step whose labels do not collide, and only ticks
 * whose label fits inside the axis (so none is cut at either end).
 */
function tickTimes(v0, v1, width) {
  const out = [];
  if (!(width > 0) || !(v1 > v0)) return out;
  const perPx = (v1 - v0) / width;
  const [n, unit] = TICK_STEPS.find(([k, u]) => stepDays(k, u) / perPx >= TICK_GAP[labelUnit(k, u)]) || TICK_STEPS[TICK_STEPS.length - 1];
  const edge = (TICK_GAP[labelUnit(n, unit)] / 2) * perPx;
  const a = v0 + edge;
  const b = v1 - edge;
  const start = new Date(a * DAY);
  if (unit === "d") {
    for (let t = Math.ceil(a / n) * n; t <= b && out.length < 60; t += n) out.push([t, unit]);
  } else if (unit === "m") { // n = 0.5: the 1st and the 16th of every month, labelled as days
    const every = Math.max(n, 1);
    for (let month = Math.ceil((start.getUTCFullYear() * 12 + start.getUTCMonth()) / every) * every - every; out.length < 60; month += every) {
      const t = Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY;
      if (t > b) break;
      if (t >= a) out.push([t, n < 1 ? "d" : unit]);
      if (n < 1 && t + 15 >= a && t + 15 <= b) out.push([t + 15, "d"]);
    }
  } else {
    for (let year = Math.ceil(start.getUTCFullYear() / n) * n; out.length < 60; year += n) {
      const d = new Date(0);
      d.setUTCFullYear(year, 0, 1);
      const t = d.getTime() / DAY;
      if (t > b) break;
      if (t >= a) out.push([t, unit]);
    }
  }
  return out;
}

// Part 3: zoom and pan arithmetic on the view [v0, v1] (day numbers), pure (no DOM).
// The whole axis [lo, hi] keeps EDGE px free at each end, so the first and last columns of markers
// (20-layout.js) are always inside it; zooming in keeps events in view, never an empty stretch of years.

const MIN_SPAN = 20; // days: the closest zoom
const STEP = 2; // zoom factor of one button or key press
const EDGE = PITCH * 1.5; // px

/** px of an axis ``width`` wide left for events once EDGE is kept free at both ends (never under half). */
const usable = (width) => Math.max(width - 2 * EDGE, width / 2);

/** The whole axis [lo, hi] for events from day ``first`` to day ``last`` on an axis ``width`` px wide. */
function extent(first, last, width) {
  const range = Math.max(last - first, MIN_SPAN);
  const margin = Math.max((range * EDGE) / usable(width), MIN_SPAN);
  return [first - margin, last + margin];
}

/** The view moved and sized to lie within [lo, hi] and span at least MIN_SPAN days. */
function clampView(v0, v1, lo, hi) {
  const span = clamp(v1 - v0, MIN_SPAN, hi - lo);
  const start = clamp(v0, lo, hi - span);
  return [start, start + span];
}

/** The view scaled by ``factor`` around day ``anchor``, which stays at fraction ``at`` of the view. */
function zoomAround(v0, v1, factor, anchor, at, lo, hi) {
  const span = clamp((v1 - v0) * factor, MIN_SPAN, hi - lo);
  return clampView(anchor - at * span, anchor - at * span + span, lo, hi);
}

/**
 * The view after a zoom button or key: ``factor`` < 1 zooms in, > 1 out. It zooms around the selected
 * event (day ``selected``, null for none) when that is in view, keeping it where it is (drawn towards the
 * middle, so it stays well inside). Otherwise zooming in goes to the stretch of the view that holds the
 * most events (the one nearest the middle among equals) and, with no event in view, to the nearest event;
 * zooming out keeps the middle. So "+" never lands on years where nothing happened.
 * ``times``: the shown events' days, sorted.
 */
function zoomStep(v0, v1, factor, times, selected, width, lo, hi) {
  const mid = (v0 + v1) / 2;
  if (selected !== null && selected >= v0 && selected <= v1) {
    return zoomAround(v0, v1, factor, selected, clamp((selected - v0) / (v1 - v0), 0.2, 0.8), lo, hi);
  }
  if (factor >= 1 || !times.length) return zoomAround(v0, v1, factor, mid, 0.5, lo, hi);
  const span = clamp((v1 - v0) * factor, MIN_SPAN, hi - lo);
  const inner = (span * usable(width)) / width; // the events must fit inside the edge margins
  const from = lowerBound(times, v0);
  const to = lowerBound(times, v1 + 1e-9);
  let centre = mid;
  if (from === to) { // nothing in view: towards the nearest event
    centre = from === 0 || (from < times.length && times[from] - mid < mid - times[from - 1]) ? times[from] : times[from - 1];
  } else {
    let best = 0;
    let distance = Infinity;
    for (let i = from, j = from; i < to; i++) {
      while (j < to && times[j] <= times[i] + inner) j++;
      const c = (times[i] + times[j - 1]) / 2;
      const d = Math.abs(c - mid);
      if (j - i > best || (j - i === best && d < distance)) { best = j - i; centre = c; distance = d; }
    }
  }
  return clampView(centre - span / 2, centre + span / 2, lo, hi);
}

/** The view that shows days a to b with EDGE px to spare at each end. */
function fitTo(a, b, width, lo, hi) {
  const span = Math.max(((b - a) * width) / usable(width), MIN_SPAN);
  const mid = (a + b) / 2;
  return clampView(mid - span / 2, mid + span / 2, lo, hi);
}

/** The view panned, only if needed, so that day t lies at least EDGE px inside it. */
function reveal(v0, v1, t, width, lo, hi) {
  const margin = ((v1 - v0) * EDGE) / width;
  if (t >= v0 + margin && t <= v1 - margin) return [v0, v1];
  return clampView(t - (v1 - v0) / 2, t + (v1 - v0) / 2, lo, hi);
}

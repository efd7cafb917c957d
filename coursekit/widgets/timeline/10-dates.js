// The course timeline, part 1 of 7: dates. The parts share one scope (coursekit.widgets.base.module_parts
// joins common.js and these files in name order), so the served module stays one import-free script.
// Pure: no DOM, so tests/js runs it in Node. Dates are day numbers: days since 1970-01-01, UTC.

const DAY = 86400000;

/** Day number of the first, or with last=true the last, day a date ("1969", "1969-09", "1969-09-22") denotes. */
function dayNumber(text, last = false) {
  const [y, m, d] = String(text).split("-").map(Number);
  const date = new Date(0);
  if (!last) date.setUTCFullYear(y, (m || 1) - 1, d || 1);
  else if (d) date.setUTCFullYear(y, m - 1, d);
  else if (m) date.setUTCFullYear(y, m, 0);
  else date.setUTCFullYear(y, 11, 31);
  return date.getTime() / DAY;
}

/** Index of the first value >= x in a sorted array. */
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

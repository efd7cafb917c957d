// The course timeline, part 1 of 7: dates. The parts share one scope (coursekit.widgets.base.module_parts
// joins common.js and these files in name order), so the served module stays one import-free script.
// Pure: no DOM, so tests/js runs it in Node. Dates are day numbers: days since 1970-01-01, UTC.

const DAY = 86400000;

/** Days from 1970-01-01 to the civil date y-m-d (m 1-12, proleptic Gregorian), by integer arithmetic
 * (H. Hinnant's days_from_civil): a Date per call made the 4,000 of a 2,000-event timeline a few ms. */
function civilDays(y, m, d) {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Day number of the first, or with last=true the last, day a date ("1969", "1969-09", "1969-09-22") denotes. */
function dayNumber(text, last = false) {
  const [y, m, d] = String(text).split("-").map(Number);
  if (d) return civilDays(y, m, d);
  if (!last) return civilDays(y, m || 1, 1);
  if (m) return m === 12 ? civilDays(y + 1, 1, 1) - 1 : civilDays(y, m + 1, 1) - 1;
  return civilDays(y, 12, 31);
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

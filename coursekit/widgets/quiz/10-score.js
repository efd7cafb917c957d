// The self-check quiz, part 1 of 5: scoring. Pure functions, no DOM, tested in Node (tests/js/).
// Scoring mirrors coursekit/scoring.py; tests/test_scoring_parity.py checks that they agree. Responses
// are always in terms of the file's indices (choice i of the file, entry i of `order`, pair i), whatever
// order the page shows them in. normalise, westernDigits and formatNumber come from common.js.

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

/** The finite number a numeric response holds (digits of any script, see westernDigits), else null: text
 * that is no number, or one too large ("1e309"), is not an answer (mirrors NumericType.number). */
function typedNumber(response) {
  if (typeof response === "number") return Number.isFinite(response) ? response : null;
  if (typeof response !== "string") return null;
  const match = NUMBER.exec(westernDigits(response));
  const value = match ? Number(match[1]) : NaN;
  return Number.isFinite(value) ? value : null;
}

/** Score a response in [0, 1]; anything malformed scores 0. */
function score(item, response) {
  try {
    switch (item.type) {
      case "single_choice": {
        const i = index(response, item.choices.length);
        return i !== null && item.correct.includes(i) ? 1 : 0;
      }
      case "multiple_select": {
        const { hits, misses, right } = choiceCounts(item, response);
        if (item.scoring === "all_or_nothing") return hits === right && misses === 0 ? 1 : 0;
        return Math.max(0, (hits - misses) / right);
      }
      case "true_false":
        return response === item.answer ? 1 : 0;
      case "numeric": {
        const value = typedNumber(response);
        return value !== null && Math.abs(value - item.answer) <= item.tolerance + 1e-9 ? 1 : 0;
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

/** For a multiple-select response: right choices ticked, wrong choices ticked, right choices in all. */
function choiceCounts(item, response) {
  const right = new Set(item.correct);
  const picked = new Set(indices(response, item.choices.length) || []);
  const hits = [...picked].filter((i) => right.has(i)).length;
  return { hits, misses: picked.size - hits, right: right.size };
}

/** True when the student gave something to check: a choice, a non-blank text, a match for a row, an order
 * moved from where it started (`start`). Checking nothing is not a try. */
function answered(item, response, start) {
  switch (item.type) {
    case "single_choice":
    case "true_false":
      return response !== null && response !== undefined;
    case "multiple_select":
      return Array.isArray(response) && response.length > 0;
    case "numeric":
    case "short_text":
      return typeof response === "string" && response.trim() !== "";
    case "matching": // every row: a row left empty would be marked wrong and cost a try
      return Array.isArray(response) && response.length > 0 && response.every((v) => v >= 0);
    case "ordering": // the starting order is never the answer (20-shuffle.js): checking it untouched is no try
      return Array.isArray(response) && !(Array.isArray(start) && sameResponse(response, start));
    default:
      return true;
  }
}

/** Whether two responses of one item are the same answer (checking the same one again is no new try). */
function sameResponse(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Per row of a matching item: true when the row's chosen right side is its own. */
function matchRows(item, response) {
  return item.lefts.map((_, i) => Array.isArray(response) && response[i] === i);
}

/** A score as shown, in the page's digits: whole numbers plainly, else one decimal. */
function points(value) {
  const places = Number.isInteger(value) ? 0 : 1;
  return formatNumber(value, { minimumFractionDigits: places, maximumFractionDigits: places });
}

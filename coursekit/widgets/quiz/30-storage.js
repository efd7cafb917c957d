// The self-check quiz, part 3 of 5: saved progress. Also the first part of the My progress page's
// script (coursekit/static/progress.js is served as common.js + this file + that page's code), so the
// storage key, the shape of a saved entry and its checks exist once.
//
// localStorage["coursekit:v1:quiz:<quiz id>"] = {v: 1, title, section, total, score, attempt, saved,
//   answers: {<item id>: {response, tries, last, score, revealed, at}}}
// Responses are file indices (see 10-score.js). Everything read back is validated field by field: one
// bad entry is dropped (and reported), never the rest, and nothing read can stop a page from working.
// Two tabs never lose an answer: each write merges with what is stored (newest entry per item wins; a
// reset starts a new attempt, which wins over the older attempt's entries).

const STORAGE_VERSION = 1;
const STORAGE_PREFIX = `coursekit:v${STORAGE_VERSION}:quiz:`;
const LEARNER_KEY = `coursekit:v${STORAGE_VERSION}:learner`;
const LEARNER_NAME_KEY = `coursekit:v${STORAGE_VERSION}:learner-name`;   // optional, for exports (My progress)

function storageKey(quizId) {
  return STORAGE_PREFIX + quizId;
}

function isRecordObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFraction(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** How many choices, entries or pairs an item has (quiz client data, or the progress page's `size`). */
function itemSize(item) {
  if (typeof item.size === "number") return item.size;
  return (item.choices || item.entries || item.lefts || []).length;
}

/** True when `response` has the shape an answer to `item` has (file indices within range). */
function validResponse(item, response) {
  const n = itemSize(item);
  switch (item.type) {
    case "single_choice":
      return index(response, n) !== null;
    case "multiple_select": {
      const list = indices(response, n);
      return list !== null && new Set(list).size === list.length;
    }
    case "true_false":
      return typeof response === "boolean";
    case "numeric":
    case "short_text":
      return typeof response === "string" && response.length <= 10000;
    case "ordering": {
      const list = indices(response, n);
      return list !== null && list.length === n && new Set(list).size === n;
    }
    case "matching":
      return Array.isArray(response) && response.length === n
        && response.every((v) => v === -1 || index(v, n) !== null);
    default:
      return false;
  }
}

/** True when a saved entry is usable for `item`: every field of the right kind and within range. */
function validEntry(item, entry) {
  return isRecordObject(entry)
    && Number.isInteger(entry.tries) && entry.tries >= 0
    && isFraction(entry.score)
    && (entry.last === undefined || isFraction(entry.last))
    && (entry.revealed === undefined || typeof entry.revealed === "boolean")
    && (entry.late === undefined || typeof entry.late === "boolean")
    && (entry.at === undefined || (typeof entry.at === "number" && Number.isFinite(entry.at)))
    && validResponse(item, entry.response);
}

function emptyRecord(attempt = 0) {
  return { attempt, answers: {} };
}

/** Read a stored text for a quiz ({id, items: [{id, type, ...}]}).
 * Returns {record, dropped, unreadable}: `dropped` counts invalid entries of known items (left out),
 * `unreadable` is true when the text as a whole was not a saved quiz. Unknown item ids (an item since
 * removed, or "__proto__") are left out silently and never counted. */
function parseRecord(raw, quiz) {
  if (raw === null || raw === undefined || raw === "") return { record: emptyRecord(), dropped: 0, unreadable: false };
  let data;
  try {
    data = JSON.parse(raw);
  } catch (_error) {
    return { record: emptyRecord(), dropped: 0, unreadable: true };
  }
  if (!isRecordObject(data) || data.v !== STORAGE_VERSION || !isRecordObject(data.answers)) {
    return { record: emptyRecord(), dropped: 0, unreadable: true };
  }
  const attempt = Number.isInteger(data.attempt) && data.attempt >= 0 ? data.attempt : 0;
  const items = new Map(quiz.items.map((item) => [item.id, item]));
  const record = emptyRecord(attempt);
  let dropped = 0;
  for (const id of Object.keys(data.answers)) {
    const item = items.get(id);
    if (!item) continue;
    const entry = data.answers[id];
    if (validEntry(item, entry)) record.answers[id] = entry;
    else dropped += 1;
  }
  return { record, dropped, unreadable: false };
}

/** Two records of one quiz as one: the later attempt wins whole; within an attempt, each item's newer
 * entry wins (ties: `mine`). Neither input is changed. */
function mergeRecords(stored, mine) {
  if (stored.attempt !== mine.attempt) return stored.attempt > mine.attempt ? stored : mine;
  const answers = { ...stored.answers };
  for (const [id, entry] of Object.entries(mine.answers)) {
    const other = answers[id];
    if (!other || (entry.at || 0) >= (other.at || 0)) answers[id] = entry;
  }
  return { attempt: mine.attempt, answers };
}

/** Answered items and points of a record, counting only `ids` (the items of the attempt). */
function recordTotals(record, ids) {
  let answered = 0;
  let points = 0;
  for (const id of ids) {
    const entry = Object.prototype.hasOwnProperty.call(record.answers, id) ? record.answers[id] : null;
    if (entry && entry.tries > 0) { answered += 1; points += entry.score; }
  }
  return { answered, score: points };
}

/** The stored text of a record; `total` is the attempt's size (My progress, which imports records
 * without drawing the attempt, passes the quiz's). */
function serialiseRecord(quiz, record, ids, total = ids.length) {
  const { score } = recordTotals(record, ids);
  return JSON.stringify({ v: STORAGE_VERSION, title: quiz.title, section: quiz.section, total,
    score, attempt: record.attempt, answers: record.answers, saved: new Date().toISOString() });
}

// ---- the one impure piece: localStorage, which may be missing, refuse access, throw or be full ----

/** Where saved work goes: the browser's localStorage, or inside an LMS package the SCORM bridge's
 * Storage-like object (coursekit/static/scorm.js sets window.coursekitStorage before any widget runs). */
function backend() {
  return window.coursekitStorage || window.localStorage;
}

const store = {
  /** {ok, value}: ok is false when storage could not be read at all. */
  get(key) {
    try {
      return { ok: true, value: backend().getItem(key) };
    } catch (_error) {
      return { ok: false, value: null };
    }
  },
  /** true when the value was stored. */
  set(key, value) {
    try {
      backend().setItem(key, value);
      return true;
    } catch (_error) {
      return false;
    }
  },
  remove(key) {
    try {
      backend().removeItem(key);
      return true;
    } catch (_error) {
      return false;
    }
  },
};

/** The key canSave writes and removes: every other tab gets a storage event for it, which none must act on
 * (two My progress tabs that re-rendered on it would probe each other without end). */
const PROBE_KEY = "coursekit:probe";

/** true when saved work can be written here now: a probe, removed at once (storage can be readable and full). */
function canSave() {
  return store.set(PROBE_KEY, "") && store.remove(PROBE_KEY);
}

/** {record, dropped, unreadable, ok} for a quiz, read from storage. */
function loadRecord(quiz) {
  const { ok, value } = store.get(storageKey(quiz.id));
  return { ...parseRecord(value, quiz), ok };
}

/** Merge `mine` into what is stored now and write the result: {record (the merged one), ok}. */
function commitRecord(quiz, mine, ids) {
  const stored = loadRecord(quiz);
  const record = mergeRecords(stored.record, mine);
  return { record, ok: store.set(storageKey(quiz.id), serialiseRecord(quiz, record, ids)) };
}

let pageSeed = null; // the seed when storage cannot keep a learner id: one per page load

/** A random id for this browser, made once and kept, so each learner's order and draw are stable. */
function learnerId() {
  const { value } = store.get(LEARNER_KEY);
  if (typeof value === "string" && /^[a-z0-9]{8,64}$/.test(value)) return value;
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes);
  const made = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (store.set(LEARNER_KEY, made) && store.get(LEARNER_KEY).value === made) return made;
  pageSeed = pageSeed || made;
  return pageSeed;
}

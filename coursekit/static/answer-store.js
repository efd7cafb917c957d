// The student's own answers to discussion prompts and writing exercises, as stored in the browser. Read
// by the answer boxes (static/answers.js) and the My progress page (static/progress.js), both served
// after widgets/quiz/30-storage.js, whose storage adapter and version this uses.
//
// localStorage["coursekit:v1:answer:<prompt-id or exercise-id>"] = {v: 1, text, section, saved}
// `saved` (an ISO time) is when the text was last written: an import compares it, entry by entry.

const ANSWER_PREFIX = `coursekit:v${STORAGE_VERSION}:answer:`;
const MAX_ANSWER = 20000;

/** The time of an ISO `saved` string in ms, or null when it is not one. */
function savedTime(saved) {
  if (typeof saved !== "string" || !/^\d{4}-\d\d-\d\dT/.test(saved)) return null;
  const time = Date.parse(saved);
  return Number.isFinite(time) ? time : null;
}

/** True when `data` ({text, section, saved}) is a usable answer: non-empty text within the limit, a
 * section id and the time it was written. */
function validAnswer(data) {
  return isRecordObject(data) && typeof data.text === "string" && data.text.trim() !== ""
    && data.text.length <= MAX_ANSWER && typeof data.section === "string" && savedTime(data.saved) !== null;
}

/** A saved answer {text, section, saved}, or null when there is none or it is unreadable. */
function readAnswer(id) {
  const { value } = store.get(ANSWER_PREFIX + id);
  if (!value) return null;
  try {
    const data = JSON.parse(value);
    if (!isRecordObject(data) || data.v !== STORAGE_VERSION || typeof data.text !== "string") return null;
    return { text: data.text.slice(0, MAX_ANSWER), section: String(data.section || ""), saved: String(data.saved || "") };
  } catch (_error) {
    return null;
  }
}

/** Store a checked answer {text, section, saved} as it is (its own time kept); true when stored. */
function storeAnswer(id, answer) {
  return store.set(ANSWER_PREFIX + id, JSON.stringify({ v: STORAGE_VERSION, text: answer.text,
    section: answer.section, saved: answer.saved }));
}

function writeAnswer(id, section, text) {
  if (!text.trim()) return store.remove(ANSWER_PREFIX + id);
  return storeAnswer(id, { text: text.slice(0, MAX_ANSWER), section, saved: new Date().toISOString() });
}

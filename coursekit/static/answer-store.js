// The student's own answers to discussion prompts and writing exercises, as stored in the browser. Read
// by the answer boxes (static/answers.js) and the My progress page (static/progress.js), both served
// after widgets/quiz/30-storage.js, whose storage adapter and version this uses.
//
// localStorage["coursekit:v1:answer:<prompt-id or exercise-id>"] = {v: 1, text, section, saved}

const ANSWER_PREFIX = `coursekit:v${STORAGE_VERSION}:answer:`;
const MAX_ANSWER = 20000;

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

function writeAnswer(id, section, text) {
  if (!text.trim()) return store.remove(ANSWER_PREFIX + id);
  return store.set(ANSWER_PREFIX + id, JSON.stringify({ v: STORAGE_VERSION, text: text.slice(0, MAX_ANSWER),
    section, saved: new Date().toISOString() }));
}

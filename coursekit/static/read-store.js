// Sections the learner marked as read, as stored in the browser. Read by the control at the end of
// every section page (static/reading.js) and by My progress (static/progress.js); served after
// widgets/quiz/30-storage.js, whose storage adapter, version and checks this uses.
//
// localStorage["coursekit:v1:read:<section>"] = {v: 1, section, read, at}
// Unmarking keeps an entry (read: false) with its own time, so an import of an older export never
// marks a section read again that the learner unmarked since: every entry carries when it was made.

const READ_PREFIX = `coursekit:v${STORAGE_VERSION}:read:`;
const SECTION_PATTERN = /^[a-z0-9-]+\/[a-z0-9-]+$/;   // coursekit.schema.common.SectionId

function isTime(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** True when `data` is a usable mark for `section`: every field of the right kind. */
function validMark(section, data) {
  return isRecordObject(data) && data.v === STORAGE_VERSION && data.section === section
    && SECTION_PATTERN.test(section) && typeof data.read === "boolean" && isTime(data.at);
}

/** The stored mark {v, section, read, at} of a section, or null when there is none or it is unreadable. */
function readMark(section) {
  const { value } = store.get(READ_PREFIX + section);
  if (!value) return null;
  try {
    const data = JSON.parse(value);
    return validMark(section, data) ? { v: data.v, section, read: data.read, at: data.at } : null;
  } catch (_error) {
    return null;
  }
}

/** Store a checked mark as it is (its own time kept); true when it was stored. */
function storeMark(mark) {
  return store.set(READ_PREFIX + mark.section, JSON.stringify(mark));
}

/** Mark a section read (or not) now; true when it was stored. */
function markRead(section, read) {
  return storeMark({ v: STORAGE_VERSION, section, read, at: Date.now() });
}

// My progress, taking progress to another browser: the export file, and an import planned entry by
// entry. Pure (no storage, no page): static/progress.js gathers what is stored here, asks for a plan
// and writes it; tests/js/merge.test.mjs runs this under Node.
//
// Every entry of a file is checked with the checks a stored entry gets (validEntry for quiz answers,
// validAnswer for own answers, validMark for sections read): one bad entry is ignored and counted,
// never the rest. Nothing newer here is replaced: each entry carries when it was made (a quiz answer's
// `at`, an own answer's `saved`, a mark's `at`; a quiz answer saved before `at` existed counts as
// oldest), and the file's entry is taken only when it is newer. Within a quiz, a later attempt (a reset
// is a new attempt) wins whole, as between two tabs (mergeRecords in widgets/quiz/30-storage.js).

const EXPORT_FORMAT = "coursekit-progress";
const EXPORT_VERSION = 1;
const LEARNER_PATTERN = /^[a-z0-9]{8,64}$/;
const MAX_NAME = 200;

/** The export file's data. `quizzes`: [{row (the summary row), record}]; `answers`: own answers
 * [{id, section, prompt, text, saved}]; `marks`: stored marks; `meta`: {course, learner, name, exported}. */
function exportData(quizzes, answers, marks, meta) {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, course: meta.course, exported: meta.exported,
    learner: meta.learner, name: meta.name,
    quizzes: quizzes.map(({ row, record }) => ({ ...row, attempt: record.attempt, answers: record.answers })),
    answers, read: marks };
}

const ENTRY_FIELDS = ["response", "tries", "last", "score", "revealed", "at"];

function sameEntry(a, b) {
  return ENTRY_FIELDS.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

function emptyCounts() {
  return { answers: 0, read: 0, unread: 0, kept: 0, same: 0, invalid: 0, replaced: 0 };
}

/** One quiz of the file against its record here: the merged record, or null when nothing changes. */
function planQuiz(quiz, local, given, counts) {
  if (!Number.isInteger(given.attempt) || given.attempt < 0 || !isRecordObject(given.answers)) {
    counts.invalid += 1;
    return null;
  }
  const items = new Map(quiz.items.map((item) => [item.id, item]));
  const valid = {};
  for (const id of Object.keys(given.answers)) {
    const item = items.get(id);
    if (item && validEntry(item, given.answers[id])) valid[id] = given.answers[id];
    else counts.invalid += 1;
  }
  const ids = Object.keys(valid);
  if (given.attempt < local.attempt) { counts.kept += ids.length; return null; }   // reset here since
  if (given.attempt > local.attempt) {
    if (!ids.length) return null;
    counts.answers += ids.length;
    counts.replaced += Object.keys(local.answers).length;
    return { attempt: given.attempt, answers: valid };
  }
  const answers = { ...local.answers };
  let changed = false;
  for (const id of ids) {
    const here = Object.prototype.hasOwnProperty.call(local.answers, id) ? local.answers[id] : null;
    if (here && sameEntry(here, valid[id])) counts.same += 1;
    else if (here && (valid[id].at || 0) <= (here.at || 0)) counts.kept += 1;
    else { answers[id] = valid[id]; counts.answers += 1; changed = true; }
  }
  return changed ? { attempt: local.attempt, answers } : null;
}

/** What to write for an import. `data`: the parsed file. `here`: {quizzes: [{quiz, record}], answers:
 * {known: [{id, section}], stored: {id: answer}}, sections: [id], marks: {section: mark}, learner, name}.
 * Returns {error} for a file that is not an export, else {quizzes: [{quiz, record}], answers: [{id,
 * answer}], marks: [mark], learner (to adopt, or null), name (to adopt, or null), counts}. */
function planImport(data, here) {
  if (!isRecordObject(data) || data.format !== EXPORT_FORMAT || data.version !== EXPORT_VERSION) return { error: "notExport" };
  const lists = ["quizzes", "answers", "read"].map((key) => (data[key] === undefined ? [] : data[key]));
  if (!lists.every(Array.isArray)) return { error: "notExport" };
  const [quizList, answerList, markList] = lists;
  const counts = emptyCounts();
  const plan = { quizzes: [], answers: [], marks: [], learner: null, name: null, counts };

  const quizzes = new Map(here.quizzes.map((entry) => [entry.quiz.id, entry]));
  const seen = new Set();
  for (const given of quizList) {
    const local = isRecordObject(given) && typeof given.id === "string" && !seen.has(given.id) ? quizzes.get(given.id) : null;
    if (!local) { counts.invalid += 1; continue; }
    seen.add(given.id);
    const record = planQuiz(local.quiz, local.record, given, counts);
    if (record) plan.quizzes.push({ quiz: local.quiz, record });
  }

  const known = new Map(here.answers.known.map((entry) => [entry.id, entry.section]));
  const answered = new Set();
  for (const given of answerList) {
    const ok = isRecordObject(given) && typeof given.id === "string" && known.has(given.id)
      && !answered.has(given.id) && validAnswer(given) && given.section === known.get(given.id);
    if (!ok) { counts.invalid += 1; continue; }
    answered.add(given.id);
    const stored = Object.prototype.hasOwnProperty.call(here.answers.stored, given.id) ? here.answers.stored[given.id] : null;
    if (stored && stored.text === given.text) counts.same += 1;
    else if (stored && savedTime(given.saved) <= (savedTime(stored.saved) || 0)) counts.kept += 1;
    else {
      plan.answers.push({ id: given.id, answer: { text: given.text, section: given.section, saved: given.saved } });
      counts.answers += 1;
    }
  }

  const sections = new Set(here.sections);
  const marked = new Set();
  for (const given of markList) {
    const section = isRecordObject(given) ? given.section : null;
    if (!sections.has(section) || marked.has(section) || !validMark(section, given)) { counts.invalid += 1; continue; }
    marked.add(section);
    const stored = here.marks[section] || null;
    if (stored && stored.read === given.read) counts.same += 1;
    else if (stored && given.at <= stored.at) counts.kept += 1;
    else if (!stored && !given.read) counts.same += 1;   // not read there, not read here
    else {
      plan.marks.push({ v: STORAGE_VERSION, section, read: given.read, at: given.at });
      counts[given.read ? "read" : "unread"] += 1;
    }
  }

  const hasWork = here.quizzes.some(({ record }) => Object.keys(record.answers).length > 0);
  if (typeof data.learner === "string" && LEARNER_PATTERN.test(data.learner) && !hasWork && data.learner !== here.learner) {
    plan.learner = data.learner;   // the same draw and order as where the work was done
  }
  const name = typeof data.name === "string" ? data.name.trim() : "";
  if (name && name.length <= MAX_NAME && !here.name) plan.name = name;
  return plan;
}

/** What an import did, in one sentence of the page's strings (`s`). */
function importMessage(counts, s) {
  const parts = [format(s.imported, { answers: counts.answers, read: counts.read })];
  if (counts.unread) parts.push(format(s.importedUnread, { count: counts.unread }));
  if (counts.replaced) parts.push(format(s.importReplaced, { count: counts.replaced }));
  if (counts.kept) parts.push(format(s.importKept, { count: counts.kept }));
  if (counts.same) parts.push(format(s.importSame, { count: counts.same }));
  if (counts.invalid) parts.push(format(s.importInvalid, { count: counts.invalid }));
  return `${parts.join("; ")}.`;
}

// Taking progress along (static/progress-merge.js, with the checks of static/answer-store.js and
// static/read-store.js): every entry of an import file is checked as a stored one is, and the merge
// never replaces newer work here; the counts say what happened.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";

const q = await import(process.env.COURSEKIT_PARTS);

const quiz = { id: "demo", title: "Demo", section: "part1/demo", total: 3, items: [
  { id: "one", type: "single_choice", size: 3 },
  { id: "tf", type: "true_false", size: 0 },
  { id: "order", type: "ordering", size: 3 },
] };
const entry = (response, at, extra = {}) => ({ response, tries: 1, last: 1, score: 1, revealed: false, at, ...extra });
const strings = {
  "imported": "Imported {answers} answer(s) and {read} section(s) read",
  "importedUnread": "{count} section(s) marked unread",
  "importReplaced": "replaced {count} answer(s) of an earlier quiz attempt with the file's later attempt",
  "importKept": "kept {count} newer answer(s) or mark(s) already here",
  "importSame": "{count} already here",
  "importInvalid": "ignored {count} invalid item(s) of the file",
};

function here(overrides = {}) {
  return { quizzes: [{ quiz, record: { attempt: 0, answers: {} } }],
    answers: { known: [{ id: "prompt-a", section: "part1/demo" }, { id: "prompt-b", section: "part1/demo" }], stored: {} },
    sections: ["part1/demo", "part1/other"], marks: {}, learner: "aaaaaaaaaaaa", name: "", ...overrides };
}

function file(extra = {}) {
  return { format: "coursekit-progress", version: 1, course: "Course", learner: "0123456789abcdef", name: "Amina",
    quizzes: [], answers: [], read: [], ...extra };
}

const answer = (id, text, saved) => ({ id, section: "part1/demo", prompt: "p", text, saved });
const mark = (section, read, at) => ({ v: 1, section, read, at });

beforeEach(() => { globalThis.window = { localStorage: null, crypto: webcrypto }; });

test("a fresh browser takes everything, the learner id and the name", () => {
  const plan = q.planImport(file({
    quizzes: [{ id: "demo", attempt: 0, answers: { one: entry(1, 10), tf: entry(true, 11) } }],
    answers: [answer("prompt-a", "My view", "2026-01-01T10:00:00.000Z")],
    read: [mark("part1/demo", true, 12)],
  }), here());
  assert.equal(plan.error, undefined);
  assert.deepEqual(plan.counts, { answers: 3, read: 1, unread: 0, kept: 0, same: 0, invalid: 0, replaced: 0 });
  assert.deepEqual(Object.keys(plan.quizzes[0].record.answers).sort(), ["one", "tf"]);
  assert.equal(plan.answers[0].answer.text, "My view");
  assert.deepEqual(plan.marks, [mark("part1/demo", true, 12)]);
  assert.equal(plan.learner, "0123456789abcdef");
  assert.equal(plan.name, "Amina");
  assert.equal(q.importMessage(plan.counts, strings), "Imported 3 answer(s) and 1 section(s) read.");
});

test("newer work here is kept, older work here is replaced, identical work is already here", () => {
  const local = here({
    quizzes: [{ quiz, record: { attempt: 0, answers: { one: entry(2, 50), tf: entry(false, 5), order: entry([0, 1, 2], 7) } } }],
    answers: { known: here().answers.known, stored: { "prompt-a": { text: "newer here", section: "part1/demo", saved: "2026-03-01T00:00:00.000Z" } } },
    marks: { "part1/demo": mark("part1/demo", false, 900) },
  });
  const plan = q.planImport(file({
    quizzes: [{ id: "demo", attempt: 0, answers: { one: entry(1, 10), tf: entry(true, 20), order: entry([0, 1, 2], 7) } }],
    answers: [answer("prompt-a", "older there", "2026-02-01T00:00:00.000Z"), answer("prompt-b", "new", "2026-02-01T00:00:00.000Z")],
    read: [mark("part1/demo", true, 100), mark("part1/other", true, 100)],
  }), local);
  const merged = plan.quizzes[0].record.answers;
  assert.equal(merged.one.response, 2);          // newer here (at 50 > 10): kept
  assert.equal(merged.tf.response, true);        // newer in the file (20 > 5): taken
  assert.deepEqual(plan.answers.map((a) => a.id), ["prompt-b"]);
  assert.deepEqual(plan.marks.map((m) => m.section), ["part1/other"]);   // unmarked here later: stays unread
  assert.equal(plan.learner, null);              // work here: this browser's draw is kept
  assert.deepEqual(plan.counts, { answers: 2, read: 1, unread: 0, kept: 3, same: 1, invalid: 0, replaced: 0 });
  assert.equal(q.importMessage(plan.counts, strings),
    "Imported 2 answer(s) and 1 section(s) read; kept 3 newer answer(s) or mark(s) already here; 1 already here.");
});

test("an entry saved before entries had a time counts as oldest and stays valid", () => {
  const old = { response: 0, tries: 1, score: 0 };   // no `at`, no `last`, no `revealed`
  assert.equal(q.validEntry(quiz.items[0], old), true);
  const plan = q.planImport(file({ quizzes: [{ id: "demo", attempt: 0, answers: { one: entry(1, 1) } }] }),
    here({ quizzes: [{ quiz, record: { attempt: 0, answers: { one: old } } }] }));
  assert.equal(plan.quizzes[0].record.answers.one.response, 1);
  const back = q.planImport(file({ quizzes: [{ id: "demo", attempt: 0, answers: { one: old } }] }),
    here({ quizzes: [{ quiz, record: { attempt: 0, answers: { one: entry(1, 1) } } }] }));
  assert.deepEqual([back.quizzes.length, back.counts.kept], [0, 1]);
});

test("a later attempt (a reset) wins whole, an earlier one is kept out", () => {
  const local = here({ quizzes: [{ quiz, record: { attempt: 1, answers: { one: entry(1, 5) } } }] });
  const later = q.planImport(file({ quizzes: [{ id: "demo", attempt: 2, answers: { tf: entry(true, 1) } }] }), local);
  assert.deepEqual(later.quizzes[0].record, { attempt: 2, answers: { tf: entry(true, 1) } });
  assert.deepEqual([later.counts.answers, later.counts.replaced], [1, 1]);
  const earlier = q.planImport(file({ quizzes: [{ id: "demo", attempt: 0, answers: { tf: entry(true, 99) } }] }), local);
  assert.deepEqual([earlier.quizzes.length, earlier.counts.kept], [0, 1]);
});

test("each invalid entry is ignored on its own and counted; the rest are imported", () => {
  const plan = q.planImport(file({
    quizzes: [
      { id: "demo", attempt: 0, answers: { one: entry(7, 1), tf: entry("yes", 1), order: entry([0, 0, 1], 1),
        gone: entry(1, 1), ["__proto__"]: entry(1, 1) } },
      { id: "no-such-quiz", attempt: 0, answers: {} },
      { id: "demo", attempt: 0, answers: { one: entry(1, 1) } },          // the same quiz twice
      { id: "demo", attempt: -1, answers: {} },
      null,
    ],
    answers: [answer("prompt-a", "", "2026-01-01T00:00:00.000Z"), answer("prompt-a", "x", "yesterday"),
      { ...answer("prompt-a", "x", "2026-01-01T00:00:00.000Z"), section: "part2/else" }, answer("prompt-z", "x", "2026-01-01T00:00:00.000Z"),
      answer("prompt-b", "x".repeat(20001), "2026-01-01T00:00:00.000Z"), answer("prompt-b", "kept", "2026-01-01T00:00:00.000Z")],
    read: [mark("part9/none", true, 1), mark("part1/demo", "yes", 1), mark("part1/demo", true, -1), { ...mark("part1/demo", true, 1), v: 2 },
      mark("part1/other", true, 3)],
  }), here());
  assert.deepEqual(plan.answers.map((a) => a.answer.text), ["kept"]);
  assert.deepEqual(plan.marks.map((m) => m.section), ["part1/other"]);
  assert.equal(plan.quizzes.length, 0);
  assert.deepEqual([plan.counts.answers, plan.counts.read], [1, 1]);
  assert.equal(plan.counts.invalid, 5 + 4 + 5 + 4);   // gone and __proto__ are not items of the quiz
  assert.match(q.importMessage(plan.counts, strings), /ignored 18 invalid item\(s\) of the file\.$/);
});

test("a file that is not an export is refused whole", () => {
  for (const data of [null, [], "text", { quizzes: [] }, file({ format: "other" }), file({ version: 2 }),
    file({ quizzes: {} }), file({ read: "all" })]) {
    assert.equal(q.planImport(data, here()).error, "notExport", JSON.stringify(data));
  }
});

test("an export read back is all already here", () => {
  const local = here({
    quizzes: [{ quiz, record: { attempt: 0, answers: { one: entry(1, 10) } } }],
    answers: { known: here().answers.known, stored: { "prompt-a": { text: "mine", section: "part1/demo", saved: "2026-01-01T00:00:00.000Z" } } },
    marks: { "part1/demo": mark("part1/demo", true, 3) },
  });
  const data = q.exportData([{ row: { id: "demo", answered: 1 }, record: local.quizzes[0].record }],
    [answer("prompt-a", "mine", "2026-01-01T00:00:00.000Z")], Object.values(local.marks),
    { course: "Course", exported: "2026-01-02T00:00:00.000Z", learner: "aaaaaaaaaaaa", name: "" });
  const plan = q.planImport(JSON.parse(JSON.stringify(data)), local);
  assert.deepEqual([plan.quizzes.length, plan.answers.length, plan.marks.length], [0, 0, 0]);
  assert.deepEqual(plan.counts, { answers: 0, read: 0, unread: 0, kept: 0, same: 3, invalid: 0, replaced: 0 });
});

test("a stored mark is checked field by field", () => {
  assert.equal(q.validMark("part1/demo", mark("part1/demo", true, 0)), true);
  for (const bad of [null, mark("part1/other", true, 1), mark("part1/demo", 1, 1), mark("part1/demo", true, Infinity),
    { ...mark("part1/demo", true, 1), v: 0 }]) {
    assert.equal(q.validMark("part1/demo", bad), false, JSON.stringify(bad));
  }
  assert.equal(q.validMark("../evil", mark("../evil", true, 1)), false);
});

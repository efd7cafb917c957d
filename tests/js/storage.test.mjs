// Saved progress (widgets/quiz/30-storage.js): every entry checked field by field, one bad entry never
// costs the others, writes merge across tabs, and storage that throws never throws at the page.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";

const q = await import(process.env.COURSEKIT_PARTS);

const quiz = { id: "demo", title: "Demo", section: "part1/demo", items: [
  { id: "one", type: "single_choice", choices: [{}, {}, {}], correct: [1] },
  { id: "many", type: "multiple_select", choices: [{}, {}, {}], correct: [0, 1] },
  { id: "tf", type: "true_false", answer: false },
  { id: "year", type: "numeric", answer: 1970, tolerance: 0 },
  { id: "order", type: "ordering", entries: ["a", "b", "c"] },
  { id: "match", type: "matching", lefts: ["a", "b"], rights: ["x", "y"] },
  { id: "progress-shape", type: "single_choice", size: 2 },
] };
const ids = quiz.items.map((item) => item.id);
const good = (response, extra = {}) => ({ response, tries: 1, last: 1, score: 1, revealed: false, at: 5, ...extra });

class MemoryStorage {
  constructor() { this.data = new Map(); }
  getItem(key) { return this.data.has(key) ? this.data.get(key) : null; }
  setItem(key, value) { this.data.set(key, String(value)); }
  removeItem(key) { this.data.delete(key); }
}

beforeEach(() => { globalThis.window = { localStorage: new MemoryStorage(), crypto: webcrypto }; });

const raw = (answers, extra = {}) => JSON.stringify({ v: 1, attempt: 0, answers, ...extra });

test("valid entries of every item type are kept", () => {
  const answers = { one: good(1, { late: true }), many: good([0, 1]), tf: good(false), year: good("1970"), order: good([0, 1, 2]),
    match: good([0, -1]), "progress-shape": good(1) };
  const { record, dropped, unreadable } = q.parseRecord(raw(answers), quiz);
  assert.equal(unreadable, false);
  assert.equal(dropped, 0);
  assert.deepEqual(Object.keys(record.answers).sort(), Object.keys(answers).sort());
});

test("each invalid entry is dropped on its own and counted; the rest are kept", () => {
  const bad = [
    { score: "1" }, null, 7, [], { tries: -1 }, { tries: 1.5 }, { tries: "1" }, { score: 2 }, { score: -0.5 },
    { last: "1" }, { revealed: "no" }, { late: "yes" }, { at: "now" }, { response: 3 }, { response: "1" }, { response: true },
  ];
  for (const change of bad) {
    const entry = change === null || typeof change !== "object" || Array.isArray(change) ? change : good(1, change);
    const { record, dropped } = q.parseRecord(raw({ one: entry, tf: good(false) }), quiz);
    assert.equal(dropped, 1, `not dropped: ${JSON.stringify(change)}`);
    assert.deepEqual(Object.keys(record.answers), ["tf"]);
  }
});

test("responses must have the item's shape", () => {
  const cases = { many: [[0, 0], [3], "0"], tf: [0, "false", null], year: [1970, null], order: [[0, 1], [0, 0, 1], [0, 1, 3]],
    match: [[0], [0, 2], [0, "1"]], "progress-shape": [2, -1] };
  for (const [id, responses] of Object.entries(cases)) {
    for (const response of responses) {
      assert.equal(q.parseRecord(raw({ [id]: good(response) }), quiz).dropped, 1, `${id}: ${JSON.stringify(response)}`);
    }
  }
});

test("__proto__ and unknown ids are never counted as answered", () => {
  const text = `{"v":1,"attempt":0,"answers":{"__proto__":${JSON.stringify(good(1))},"gone":${JSON.stringify(good(1))},"one":${JSON.stringify(good(1))}}}`;
  const { record, dropped } = q.parseRecord(text, quiz);
  assert.equal(dropped, 0);
  assert.deepEqual(Object.keys(record.answers), ["one"]);
  assert.equal(Object.getPrototypeOf(record.answers), Object.prototype);
  assert.deepEqual(q.recordTotals(record, ids), { answered: 1, score: 1 });
});

test("text that is not a saved quiz is unreadable as a whole", () => {
  for (const text of ["{not json", "[]", "null", "1", '{"v":2,"answers":{}}', '{"v":1,"answers":[]}', '{"v":1}']) {
    const result = q.parseRecord(text, quiz);
    assert.equal(result.unreadable, true, text);
    assert.deepEqual(result.record.answers, {});
  }
  assert.equal(q.parseRecord(null, quiz).unreadable, false);
});

test("merging keeps the newer entry per item and both tabs' items", () => {
  const stored = { attempt: 0, answers: { one: good(1, { at: 10 }), tf: good(false, { at: 1 }) } };
  const mine = { attempt: 0, answers: { tf: good(true, { at: 20, score: 0, last: 0 }), year: good("1970", { at: 3 }) } };
  const merged = q.mergeRecords(stored, mine);
  assert.deepEqual(Object.keys(merged.answers).sort(), ["one", "tf", "year"]);
  assert.equal(merged.answers.tf.response, true);
  assert.equal(q.mergeRecords(mine, { attempt: 0, answers: { tf: good(false, { at: 2 }) } }).answers.tf.response, true);
  const reset = { attempt: 1, answers: {} };
  assert.deepEqual(q.mergeRecords(stored, reset), reset);
  assert.deepEqual(q.mergeRecords(reset, stored), reset);
});

test("two tabs writing different items both keep their answer", () => {
  const tabA = { attempt: 0, answers: { one: good(1, { at: 1 }) } };
  const tabB = { attempt: 0, answers: { tf: good(false, { at: 2 }) } };
  assert.equal(q.commitRecord(quiz, tabA, ids).ok, true);
  const after = q.commitRecord(quiz, tabB, ids);
  assert.deepEqual(Object.keys(after.record.answers).sort(), ["one", "tf"]);
  const stored = q.loadRecord(quiz);
  assert.deepEqual(Object.keys(stored.record.answers).sort(), ["one", "tf"]);
  assert.equal(JSON.parse(window.localStorage.getItem(q.storageKey("demo"))).score, 2);
});

test("storage that throws or is full never throws at the caller", () => {
  window.localStorage = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("QuotaExceededError"); },
    removeItem() { throw new Error("denied"); } };
  assert.deepEqual(q.store.get("x"), { ok: false, value: null });
  assert.equal(q.store.set("x", "y"), false);
  assert.equal(q.store.remove("x"), false);
  const loaded = q.loadRecord(quiz);
  assert.equal(loaded.ok, false);
  assert.equal(q.commitRecord(quiz, { attempt: 0, answers: { one: good(1) } }, ids).ok, false);
  const learner = q.learnerId();
  assert.match(learner, /^[a-z0-9]{8,}$/);
  assert.equal(q.learnerId(), learner); // one seed per page load when nothing can be kept
  delete globalThis.window.localStorage; // no storage at all
  assert.equal(q.loadRecord(quiz).ok, false);
});

test("the learner id is made once and kept", () => {
  const first = q.learnerId();
  assert.equal(q.learnerId(), first);
  assert.equal(window.localStorage.getItem("coursekit:v1:learner"), first);
});

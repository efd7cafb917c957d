// Seeded order and draw (widgets/quiz/20-shuffle.js): stable per seed, different across learners and
// attempts, never the answer order for ordering items, and `shuffle: false` honoured.
import { test } from "node:test";
import assert from "node:assert/strict";

const q = await import(process.env.COURSEKIT_PARTS);
const range = (n) => Array.from({ length: n }, (_, i) => i);
const learners = range(300).map((i) => `learner${i}`);

test("a permutation holds every index once and is the same for the same seed", () => {
  for (const n of [1, 2, 3, 5, 9]) {
    const order = q.permutation(n, "abc:quiz:0:item");
    assert.deepEqual([...order].sort((a, b) => a - b), range(n));
    assert.deepEqual(q.permutation(n, "abc:quiz:0:item"), order);
  }
});

test("the right choice is not always first: every position occurs across learners", () => {
  const item = { id: "q1", type: "single_choice", correct: [0], choices: range(4).map((i) => ({ html: `c${i}` })) };
  const positions = new Map();
  for (const learner of learners) {
    const shown = q.shownOrder(item, `${learner}:quiz:0`);
    const at = shown.indexOf(0);
    positions.set(at, (positions.get(at) || 0) + 1);
  }
  assert.deepEqual([...positions.keys()].sort(), [0, 1, 2, 3]);
  for (const count of positions.values()) assert.ok(count > 40, `skewed: ${[...positions.entries()]}`);
});

test("a reset (a new attempt) changes the order; a reload (same seed) does not", () => {
  const item = { id: "q1", type: "multiple_select", correct: [0, 1], choices: range(5).map(() => ({})) };
  let changed = 0;
  for (const learner of learners.slice(0, 50)) {
    const first = q.shownOrder(item, `${learner}:quiz:0`);
    assert.deepEqual(q.shownOrder(item, `${learner}:quiz:0`), first);
    if (JSON.stringify(q.shownOrder(item, `${learner}:quiz:1`)) !== JSON.stringify(first)) changed += 1;
  }
  assert.ok(changed > 40, `only ${changed} of 50 orders changed on reset`);
});

test("an ordering item never starts in its answer order, for any seed", () => {
  for (const n of [2, 3, 4, 6]) {
    const item = { id: "o", type: "ordering", entries: range(n).map(String), shown: range(n).reverse() };
    for (const learner of learners) {
      const start = q.shownOrder(item, `${learner}:quiz:0`);
      assert.notDeepEqual(start, range(n));
      assert.deepEqual([...start].sort((a, b) => a - b), range(n));
    }
  }
});

test("shuffle: false keeps the file order for choices and the build's fixed order otherwise", () => {
  const choice = { id: "c", type: "single_choice", shuffle: false, correct: [0], choices: range(4).map(() => ({})) };
  const ordering = { id: "o", type: "ordering", shuffle: false, entries: ["a", "b", "c"], shown: [2, 0, 1] };
  const matching = { id: "m", type: "matching", shuffle: false, lefts: ["a", "b"], rights: ["x", "y"], shown: [1, 0] };
  for (const learner of learners.slice(0, 20)) {
    assert.deepEqual(q.shownOrder(choice, learner), [0, 1, 2, 3]);
    assert.deepEqual(q.shownOrder(ordering, learner), [2, 0, 1]);
    assert.deepEqual(q.shownOrder(matching, learner), [1, 0]);
  }
});

test("matching options are shuffled per learner", () => {
  const item = { id: "m", type: "matching", lefts: range(4).map(String), rights: range(4).map(String), shown: [1, 2, 3, 0] };
  const seen = new Set(learners.slice(0, 60).map((l) => JSON.stringify(q.shownOrder(item, l))));
  assert.ok(seen.size > 10);
});

test("a draw takes N items in file order, stable per seed, and mixes across attempts", () => {
  const items = range(8).map((i) => ({ id: `i${i}` }));
  const everyItem = new Set();
  const mixes = new Set();
  for (let attempt = 0; attempt < 40; attempt++) {
    const seed = `learner1:quiz:${attempt}`;
    const drawn = q.drawnItems(items, 3, seed);
    assert.equal(drawn.length, 3);
    assert.deepEqual(drawn, [...drawn].sort((a, b) => items.indexOf(a) - items.indexOf(b)));
    assert.deepEqual(q.drawnItems(items, 3, seed), drawn);
    drawn.forEach((item) => everyItem.add(item.id));
    mixes.add(drawn.map((item) => item.id).join());
  }
  assert.equal(everyItem.size, 8);
  assert.ok(mixes.size > 10);
  assert.deepEqual(q.drawnItems(items, null, "x"), items);
  assert.deepEqual(q.drawnItems(items, 20, "x"), items);
});

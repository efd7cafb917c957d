// Scoring helpers of widgets/quiz/10-score.js (the scores themselves: tests/test_scoring_parity.py).
import { test } from "node:test";
import assert from "node:assert/strict";

const q = await import(process.env.COURSEKIT_PARTS);

const multi = { id: "m", type: "multiple_select", scoring: "partial", correct: [0, 1],
  choices: [{ html: "A" }, { html: "B" }, { html: "C" }] };

test("partial credit counts right and wrong choices separately", () => {
  assert.deepEqual(q.choiceCounts(multi, [0]), { hits: 1, misses: 0, right: 2 });
  assert.deepEqual(q.choiceCounts(multi, [0, 2]), { hits: 1, misses: 1, right: 2 });
  assert.equal(q.score(multi, [0]), 0.5);
  assert.equal(q.score(multi, [0, 2]), 0);
  assert.deepEqual(q.choiceCounts(multi, "junk"), { hits: 0, misses: 0, right: 2 });
});

test("checking nothing is not an answer", () => {
  assert.equal(q.answered({ type: "single_choice" }, null), false);
  assert.equal(q.answered({ type: "single_choice" }, 0), true);
  assert.equal(q.answered({ type: "true_false" }, false), true);
  assert.equal(q.answered(multi, []), false);
  assert.equal(q.answered(multi, [2]), true);
  assert.equal(q.answered({ type: "numeric" }, "  "), false);
  assert.equal(q.answered({ type: "short_text" }, "Makkah"), true);
  assert.equal(q.answered({ type: "matching" }, [-1, -1]), false);
  assert.equal(q.answered({ type: "matching" }, [-1, 0]), false); // a row left empty
  assert.equal(q.answered({ type: "matching" }, [1, 0]), true);
  assert.equal(q.answered({ type: "ordering" }, [1, 0, 2]), true);
  assert.equal(q.answered({ type: "ordering" }, [1, 0, 2], [1, 0, 2]), false);   // the starting order, untouched
  assert.equal(q.answered({ type: "ordering" }, [0, 1, 2], [1, 0, 2]), true);
});

test("matching rows are marked one by one", () => {
  const item = { type: "matching", lefts: ["a", "b", "c"], rights: ["x", "y", "z"] };
  assert.deepEqual(q.matchRows(item, [0, 2, 1]), [true, false, false]);
  assert.deepEqual(q.matchRows(item, [0, 1, 2]), [true, true, true]);
  assert.deepEqual(q.matchRows(item, null), [false, false, false]);
});

test("points show whole numbers plainly and fractions with one decimal", () => {
  assert.equal(q.points(2), "2");
  assert.equal(q.points(0.5), "0.5");
  assert.equal(q.points(1 / 3), "0.3");
});

test("a numeric answer is a finite number in any of the digits a keyboard gives, else no answer", () => {
  assert.equal(q.typedNumber("١٩٥٩"), 1959);
  assert.equal(q.typedNumber("۱۹۵۹"), 1959);
  assert.equal(q.typedNumber("١٬٩٥٩"), 1959);
  assert.equal(q.typedNumber("٢٫٥"), 2.5);
  assert.equal(q.typedNumber(" 1959 "), 1959);
  for (const junk of ["abc", "1e309", "-1e309", "😀", "", "1٫2٫3", null, true, Infinity, NaN]) {
    assert.equal(q.typedNumber(junk), null, String(junk));
  }
  assert.equal(q.westernDigits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789");
});

test("the same answer checked again is recognised, whatever its type", () => {
  assert.equal(q.sameResponse([0, 2], [0, 2]), true);
  assert.equal(q.sameResponse([0, 2], [2, 0]), false);
  assert.equal(q.sameResponse("1970", "1970"), true);
  assert.equal(q.sameResponse(1, 0), false);
});

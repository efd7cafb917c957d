// Numbers and dates in the page's language, and numbers typed in Arabic-Indic or Persian digits (common.js).
// `document` is a stand-in with only the <html lang> these helpers read.
import { test } from "node:test";
import assert from "node:assert/strict";

const q = await import(process.env.COURSEKIT_PARTS);
const inLanguage = (lang, run) => {
  globalThis.document = { documentElement: { lang } };
  try { return run(); } finally { delete globalThis.document; }
};

test("numbers follow the page's language, through Intl", () => {
  assert.equal(inLanguage("fr", () => q.formatNumber(1234.5)), new Intl.NumberFormat("fr").format(1234.5));
  assert.equal(inLanguage("fr", () => q.points(0.5)), "0,5");
  assert.equal(inLanguage("ar-EG", () => q.points(2)), "٢");
  assert.equal(inLanguage("ar-EG", () => q.format("{hits} of {right}", { hits: 1, right: 2 })), "١ of ٢");
  assert.equal(inLanguage("ar-EG", () => q.formatNumber(1970, { useGrouping: false })), "١٩٧٠");
  assert.equal(inLanguage("en", () => q.points(1 / 3)), "0.3");
  assert.equal(inLanguage("xx-nonsense-tag-!", () => q.formatNumber(3)), "3"); // a lang Intl refuses: the default
});

test("whole numbers below 1000 skip Intl where the digits are ASCII, and read as Intl writes them", () => {
  for (const lang of ["en", "en-GB", "fr", "fr-CA", "FR"]) {
    for (let n = 0; n < 1000; n++) {
      assert.equal(inLanguage(lang, () => q.formatNumber(n)), new Intl.NumberFormat(lang).format(n));
      assert.equal(inLanguage(lang, () => q.points(n)), new Intl.NumberFormat(lang).format(n));
    }
  }
  assert.equal(inLanguage("fr", () => q.formatNumber(1000)), new Intl.NumberFormat("fr").format(1000)); // grouped
  assert.equal(inLanguage("en", () => q.formatNumber(-3)), new Intl.NumberFormat("en").format(-3));
  assert.equal(inLanguage("en", () => q.formatNumber(3, { minimumFractionDigits: 1 })), "3.0");
  assert.equal(inLanguage("ar", () => q.formatNumber(20)), new Intl.NumberFormat("ar").format(20));
  assert.equal(inLanguage("enx", () => q.formatNumber(20)), "20"); // not English: Intl's own answer
});

test("text values are left as they are", () => {
  assert.equal(inLanguage("ar-EG", () => q.format("{title} {n}", { title: "1969", n: 3 })), "1969 ٣");
});

test("dates follow the page's language; a broken one is shown as it is", () => {
  const when = "2026-12-02T10:00:00Z";
  assert.equal(inLanguage("fr", () => q.formatDate(when)),
    new Intl.DateTimeFormat("fr", { dateStyle: "medium" }).format(new Date(when)));
  assert.notEqual(inLanguage("fr", () => q.formatDate(when)), inLanguage("en", () => q.formatDate(when)));
  assert.equal(inLanguage("fr", () => q.formatDate("not a date")), "not a date");
});

test("Arabic-Indic and Persian digits, ٫ and ٬ are read as the ASCII number", () => {
  assert.equal(q.westernDigits("١٬٩٧٠"), "1970");
  assert.equal(q.westernDigits("۱۹۷۰"), "1970");
  assert.equal(q.westernDigits("٠٫٤"), "0.4");
  assert.equal(q.westernDigits("\u200f١٩٧٠\u061c"), "1970");
  assert.equal(q.westernDigits("٬١٩"), "٬19"); // a group mark not between digits stays, so the number is refused
  const year = { type: "numeric", answer: 1970, tolerance: 0 };
  assert.equal(q.score(year, "١٬٩٧٠"), 1);
  assert.equal(q.score(year, "۱۹۷۰"), 1);
  assert.equal(q.score({ type: "numeric", answer: 0.3, tolerance: 0.1 }, "٠٫٤"), 1);
  assert.equal(q.score(year, "١٩٧١"), 0);
});

// Helpers shared by every widget module. The build puts this file in front of each widget's own
// module (coursekit.widgets.base.module_source), live and static alike, so modules stay import-free.

/** Listen on `target` to each of `types` (space-separated): the widgets add some forty listeners, and every
 * page that shows a widget downloads each call's text. */
function on(target, types, listener, options) {
  for (const type of types.split(" ")) target.addEventListener(type, listener, options);
}

/** A new element. `tag` may carry classes as a selector does ("p.ck-tl-date"); `attrs` are attributes,
 * except `text`, `html` and `on<event>` listeners; a button is type="button" (never a form's submit
 * button) unless `attrs` say otherwise. */
function el(tag, attrs = {}, children = []) {
  const [name, ...classes] = tag.split(".");
  const node = document.createElement(name);
  if (classes.length) node.className = classes.join(" ");
  if (name === "button") node.type = "button";
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "html") node.innerHTML = value; // trusted: produced by the Python renderer, raw HTML escaped
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) on(node, key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children)) if (child) node.append(child);
  return node;
}

/** `x` within [lo, hi]; hi when lo > hi. */
const clamp = (x, lo, hi) => Math.min(Math.max(x, lo), hi);

/** `template` with each {key} replaced by its value; numbers are written as the page's language writes them. */
function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (typeof values[key] === "number" ? formatNumber(values[key]) : String(values[key])));
}

/** The language numbers and dates follow: the page's <html lang> (the browser's own outside a page, in Node). */
function pageLocale() {
  return (typeof document === "object" && document.documentElement.lang) || undefined;
}

const INTL = new Map(); // one formatter per kind, language and options: making one is slow
function intl(Kind, options) {
  const key = `${Kind.name} ${pageLocale()} ${JSON.stringify(options)}`;
  if (!INTL.has(key)) {
    let made;
    try { made = new Kind(pageLocale(), options); } catch (_error) { made = new Kind(undefined, options); } // a lang Intl does not know
    INTL.set(key, made);
  }
  return INTL.get(key);
}

// Languages whose numbers CLDR writes in ASCII digits, where a whole number below 1000 is written as its
// digits alone. A page's first Intl.NumberFormat costs 10-20 ms (fresh Chromium contexts, 2026-12-04): on
// a quiz's way to its first answer ("Question 1 of 20") that was a tenth of the time.
const ASCII_DIGITS = /^(en|fr)\b/i;

/** `value` in the page's digits and separators (Intl.NumberFormat options, e.g. { useGrouping: false } for a year). */
function formatNumber(value, options = {}) {
  if (value >>> 0 === value && value < 1e3 && !options.minimumFractionDigits && ASCII_DIGITS.test(pageLocale())) return `${value}`;
  return intl(Intl.NumberFormat, options).format(value);
}

/** A moment (a Date or an ISO string) as the page's language writes a date: "2 Dec 2026", "2 déc. 2026". */
function formatDate(when) {
  const date = when instanceof Date ? when : new Date(when);
  return Number.isNaN(date.getTime()) ? String(when) : intl(Intl.DateTimeFormat, { dateStyle: "medium" }).format(date);
}

/** A number as typed in Arabic-Indic or Persian digits, with ٫ for the decimal point and ٬ between digit groups,
 * in ASCII; direction marks (which an Arabic keyboard may add) dropped. Mirrors western_digits in
 * coursekit/schema/common.py. */
function westernDigits(text) {
  return String(text)
    .replace(/[\u200E\u200F\u061C]/g, "")
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (ch) => String(ch.charCodeAt(0) & 0xf))
    .replace(/\u066B/g, ".")
    .replace(/(?<=[0-9])\u066C(?=[0-9])/g, "");
}

/** Arabic letters a reader treats as one (mirrors ARABIC_FOLDS in coursekit/schema/common.py): alef wasla,
 * taa marbuta, alif maqsura, Persian yeh and keheh, Arabic-Indic and Persian digits. */
const ARABIC_FOLDS = { "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك" };

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as 0-9 (mirrors DIGIT_FOLDS in coursekit/schema/common.py). */
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;
const digit = (ch) => String(ch.charCodeAt(0) & 0xf);

/** Fold case, diacritics, transliteration marks, Arabic letter variants, punctuation and spacing (mirrors
 * normalise in coursekit/schema/common.py): "al-Aqṣā", "Al Aqsa " and "ʿal aqsa" compare equal, as do "مكّة"
 * and "مكه". */
function normalise(text) {
  return String(text)
    .normalize("NFKD") // decompose first: some letters (𝓐, ℌ) only have a lower case once decomposed
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\p{M}\p{Lm}\p{Sk}]/gu, "")
    .replace(/[ٱةىیک]/gu, (ch) => ARABIC_FOLDS[ch])
    .replace(DIGITS, digit)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A polite live region (visually hidden) for `announce`. */
function liveRegion() {
  return el("div.ck-visually-hidden", { "aria-live": "polite", role: "status" });
}

/** Say `text` through a live region: emptied first, so repeating the same words is read again. */
function announce(region, text) {
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 30);
}

/** The plain text of trusted, escaped HTML (for labels and announcements). */
function plain(html) {
  return el("span", { html }).textContent;
}

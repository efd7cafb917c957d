// Helpers shared by every widget module. The build puts this file in front of each widget's own
// module (coursekit.widgets.base.module_source), live and static alike, so modules stay import-free.

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "html") node.innerHTML = value; // trusted: produced by the Python renderer, raw HTML escaped
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children)) if (child) node.append(child);
  return node;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

/** Arabic letters a reader treats as one (mirrors ARABIC_FOLDS in coursekit/schema/common.py): alef wasla,
 * taa marbuta, alif maqsura, Persian yeh and keheh, Arabic-Indic and Persian digits. */
const ARABIC_FOLDS = { "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك" };

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as 0-9 (mirrors DIGIT_FOLDS in coursekit/schema/common.py). */
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;
const digit = (ch) => String(ch.charCodeAt(0) & 0xf);

/** A typed number in ASCII digits (mirrors number_text in coursekit/schema/common.py): its digits folded,
 * the Arabic decimal separator ٫ as "." and the group separator ٬ dropped, so "١٬٩٥٩" reads as 1959. */
function numberText(text) {
  return String(text).replace(DIGITS, digit).replace(/\u066B/gu, ".").replace(/\u066C/gu, "");
}

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
  return el("div", { class: "ck-visually-hidden", "aria-live": "polite", role: "status" });
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

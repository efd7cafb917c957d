// Own answers: the text box under every discussion prompt and free-response exercise of the student
// edition. Served after common.js and widgets/quiz/30-storage.js in one function scope
// (coursekit.sphinxext.assets.PAGE_SCRIPT_PARTS), so it shares the quiz's storage adapter.
//
// What is stored, and how it is read back, is in widgets/quiz/30-storage.js (readAnswer, writeAnswer).
// Saved as the student types (a moment after the last key); a second tab of the same page picks the
// text up (storage event) unless its own box is being edited; storage that fails says so and the text
// stays in the box. The box's text is mirrored into a print-only block, so printing shows it in full.

function bindAnswer(box) {
  const id = box.getAttribute("data-answer-id");
  const section = box.getAttribute("data-section") || "";
  const s = JSON.parse(box.getAttribute("data-strings"));
  const area = box.querySelector("textarea");
  const status = box.querySelector(".ck-answer-status");
  const mirror = box.querySelector(".ck-answer-print");
  let timer = 0;
  const show = (text) => { mirror.textContent = text; };
  const load = () => {
    const saved = readAnswer(id);
    if (saved && document.activeElement !== area) { area.value = saved.text; show(saved.text); }
  };
  area.addEventListener("input", () => {
    show(area.value);
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      status.textContent = writeAnswer(id, section, area.value) ? s.saved : s.notSaved;
    }, 400);
  });
  window.addEventListener("storage", (event) => { if (event.key === ANSWER_PREFIX + id) load(); });
  load();
  box.hidden = false;
}

function startAnswers() { document.querySelectorAll(".ck-answer[data-answer-id]").forEach(bindAnswer); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAnswers);
else startAnswers();

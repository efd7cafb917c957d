// "Mark this section as read", at the end of every section page. Served after common.js,
// widgets/quiz/30-storage.js and static/read-store.js in one function scope
// (coursekit.sphinxext.assets.PAGE_SCRIPT_PARTS), so the mark is stored and checked as My progress
// reads it. A toggle button (aria-pressed) whose own label says the state ("✓ Marked as read"), since
// a reader looks at the button they pressed, and the line next to it says when and how to undo it:
// never by colour alone. A second tab of the page follows (storage event). Hidden until this
// runs, since without the script nothing could be kept.

function bindReadMark(box) {
  const section = box.getAttribute("data-section");
  const s = JSON.parse(box.getAttribute("data-strings"));
  const button = box.querySelector(".ck-read-toggle");
  const state = box.querySelector(".ck-read-state");
  const status = box.querySelector(".ck-read-status");
  const show = () => {
    const mark = readMark(section);
    const read = Boolean(mark && mark.read);
    button.setAttribute("aria-pressed", String(read));
    button.textContent = read ? s.done : s.button;
    box.classList.toggle("ck-is-read", read);
    state.textContent = read ? format(s.yes, { date: formatDate(mark.at) }) : s.no;
  };
  button.addEventListener("click", () => {
    const read = button.getAttribute("aria-pressed") !== "true";
    status.textContent = markRead(section, read) ? "" : s.notSaved;
    show();
  });
  window.addEventListener("storage", (event) => { if (event.key === READ_PREFIX + section) show(); });
  show();
  box.hidden = false;
}

function startReadMarks() { document.querySelectorAll(".ck-read-mark[data-section]").forEach(bindReadMark); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startReadMarks);
else startReadMarks();

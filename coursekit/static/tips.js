/* coursekit: a glossary term's definition, or a citation's reference, in a pop-up where it is used.

   Why our own and not sphinx-tippy: sphinx-tippy 0.4 bundles neither tippy.js nor Popper and loads
   them from unpkg by default (the book must load nothing from another host, and we commit no
   third-party bundles), and tippy's defaults close neither on Esc nor on a tap elsewhere. What we need
   is small: the text is already in each page, in the link's title attribute (sphinxcontrib-bibtex's
   tooltip for a citation; coursekit/sphinxext/tips.py writes the definition for a term), so it works
   offline and from file:// with no request at all.

   Behaviour (WCAG 1.4.13): hover (after a short delay) or keyboard focus opens the pop-up; the pointer
   may move onto it; a tap opens it instead of following the link (a second tap on the same link
   follows it); Esc or a tap or click elsewhere closes it, and moving focus on closes it too. While open,
   the link is described by the pop-up's text (aria-describedby), so a screen reader reads the
   definition with the link. The pop-up's "Full entry" link is for pointers and touch (tabindex -1):
   by keyboard, Enter on the link itself goes to the full entry, as before, and the Tab order of a page
   full of citations does not double. */
(() => {
  "use strict";

  const KINDS = {
    term: { heading: "Glossary", more: "Full entry in the glossary" },
    cite: { heading: "Reference", more: "Full entry in the references" },
  };
  const SHOW_DELAY = 150;
  const HIDE_DELAY = 300;

  let tip = null; // the one pop-up element, created on first use
  let current = null; // the link it belongs to
  let openedBy = ""; // "hover", "focus" or "tap"
  let lastPointer = "mouse";
  let timer = 0;

  function element() {
    if (tip) return tip;
    tip = document.createElement("span");
    tip.className = "ck-tip";
    tip.id = "ck-tip";
    tip.hidden = true;
    tip.innerHTML = '<span class="ck-tip__heading"></span><span class="ck-tip__text" id="ck-tip-text"></span>'
      + '<a class="ck-tip__more" tabindex="-1"></a>';
    tip.addEventListener("pointerenter", () => clearTimeout(timer));
    tip.addEventListener("pointerleave", (e) => { if (e.pointerType === "mouse" && openedBy === "hover") later(close); });
    return tip;
  }

  function kindOf(link) {
    return link.querySelector(".std-term") ? "term" : "cite";
  }

  function open(link, how) {
    clearTimeout(timer);
    const box = element();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    const kind = KINDS[kindOf(link)];
    box.querySelector(".ck-tip__heading").textContent = kind.heading;
    box.querySelector(".ck-tip__text").textContent = link.dataset.ckTip;
    const more = box.querySelector(".ck-tip__more");
    more.textContent = kind.more;
    more.href = link.href;
    link.after(box);
    link.setAttribute("aria-describedby", "ck-tip-text");
    current = link;
    openedBy = how;
    box.hidden = false;
    place();
  }

  function close() {
    clearTimeout(timer);
    if (!current) return;
    current.removeAttribute("aria-describedby");
    tip.hidden = true;
    current = null;
    openedBy = "";
  }

  function later(fn, delay = HIDE_DELAY) {
    clearTimeout(timer);
    timer = setTimeout(fn, delay);
  }

  function leaving(next) {
    if (!current || openedBy === "tap" || (next && tip.contains(next))) return;
    close();
  }

  // Below the link (above it if there is no room), kept inside the viewport; start-aligned for RTL too.
  function place() {
    if (!current || tip.hidden) return;
    const rect = current.getClientRects()[0] || current.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const margin = 8;
    const rtl = getComputedStyle(current).direction === "rtl";
    let left = rtl ? rect.right - width : rect.left;
    left = Math.max(margin, Math.min(left, document.documentElement.clientWidth - width - margin));
    let top = rect.bottom + 6;
    if (top + height > innerHeight - margin && rect.top - height - 6 > margin) top = rect.top - height - 6;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  function wire(link) {
    link.dataset.ckTip = link.title;
    link.removeAttribute("title"); // the browser's own tooltip would repeat the text, on hover only
    link.classList.add("ck-has-tip");
    link.addEventListener("pointerenter", (e) => {
      if (e.pointerType !== "mouse" || (current === link && openedBy !== "hover")) return;
      later(() => open(link, "hover"), SHOW_DELAY);
    });
    link.addEventListener("pointerleave", (e) => {
      if (e.pointerType === "mouse" && openedBy === "hover") later(close);
      else if (e.pointerType === "mouse" && !current) clearTimeout(timer);
    });
    link.addEventListener("focus", () => {
      if (lastPointer === "touch") return; // the tap's click decides
      if (current !== link) open(link, "focus");
    });
    link.addEventListener("blur", (e) => leaving(e.relatedTarget));
    link.addEventListener("click", (e) => {
      if (lastPointer !== "touch") return; // a mouse click or Enter follows the link
      if (current === link && openedBy === "tap") return; // second tap: follow it
      e.preventDefault();
      open(link, "tap");
    });
  }

  document.addEventListener("pointerdown", (e) => {
    lastPointer = e.pointerType === "mouse" ? "mouse" : "touch";
    if (current && !current.contains(e.target) && !tip.contains(e.target)) close();
  }, true);
  document.addEventListener("keydown", (e) => {
    lastPointer = "keyboard";
    if (e.key !== "Escape" || !current) return;
    const link = current;
    const inside = tip.contains(document.activeElement);
    close();
    if (inside) link.focus({ preventScroll: true }); // focus stays where it was, or returns to the link
    e.stopPropagation();
  }, true);
  addEventListener("scroll", place, { passive: true });
  addEventListener("resize", place);

  function start() {
    const scope = document.querySelector(".bd-article") || document.body;
    // In this book only citations (sphinxcontrib-bibtex) and terms (tips.py) are internal links with a title.
    scope.querySelectorAll("a.reference.internal[title]").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

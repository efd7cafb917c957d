/* coursekit: the theme's "Back to top" pill never covers a control (added to every page by
   coursekit/sphinxext/site.py).

   Why: pydata-sphinx-theme fixes the pill at 90% of the window's height and shows it whenever the
   reader scrolls up; on a phone it sat on the timeline's axis (its markers and tick labels), on its
   "Show all" button, on the key that names its eras and on an open event's text, and a tap meant for them went to the pill. After each
   scroll, resize or tap (once per frame), every control, timeline axis and open event under the pill's
   box is looked for; if one is there and really visible at that spot (the topmost thing there once the
   pill is set aside), the pill moves up, just under the sticky header; only when a control is there too
   is it hidden, with a class (the theme's own show-and-hide is left alone). It goes back to its own
   place as soon as that is clear. Moving before hiding matters: near a page's end the previous/next
   links sit under the theme's place, and a pill that only hid was never there to use. */
(() => {
  "use strict";

  const PILL = "pst-back-to-top";
  const CLEAR = "ck-pill-clear";
  const HIGH = "ck-pill-high"; // under the sticky header (site.css), at --ck-pill-high
  const HEADER = ".bd-header-article";
  const GAP = 8; // px between the header and the moved pill
  // Controls a tap is meant for: the widgets' and the page's own, and an open timeline event. Links in
  // running text are left out: on a page that cites a source in every line, one is under any spot, and
  // the pill (shown only while the reader scrolls up) would never be there.
  const UNDER = "button, input, select, textarea, summary, [role='button'], [tabindex]:not([tabindex='-1']), "
    + ".ck-tl-viewport, .ck-tl-era-key, .ck-tl-details, .ck-drag, .ck-quiz a[href], .ck-timeline a[href], .prev-next-area a[href], "
    + "nav a[href]";
  const MARGIN = 4; // px around the pill: a control touching it is covered too
  let queued = false;

  // The control itself is the topmost thing there (not merely inside it: a paragraph around a link is
  // "at" every point of its lines, and counting it hid the pill on every page with links).
  function visibleAt(node, x, y, pill) {
    const top = document.elementsFromPoint(x, y).find((n) => !pill.contains(n));
    return Boolean(top) && node.contains(top);
  }

  function covers(pill) {
    const p = pill.getBoundingClientRect();
    if (!p.width || !p.height) return false; // the theme has it hidden
    const [left, right, top, bottom] = [p.left - MARGIN, p.right + MARGIN, p.top - MARGIN, p.bottom + MARGIN];
    for (const node of document.querySelectorAll(UNDER)) {
      if (pill.contains(node)) continue;
      // each line box of an inline link, not the one rectangle around all its lines
      for (const r of node.getClientRects()) {
        const x0 = Math.max(left, r.left), x1 = Math.min(right, r.right);
        const y0 = Math.max(top, r.top), y1 = Math.min(bottom, r.bottom);
        if (x0 >= x1 || y0 >= y1) continue;
        if (visibleAt(node, (x0 + x1) / 2, (y0 + y1) / 2, pill)) return true;
      }
    }
    return false;
  }

  function check() {
    queued = false;
    const pill = document.getElementById(PILL);
    if (!pill) return;
    pill.classList.remove(HIGH, CLEAR);
    if (!covers(pill)) return;
    const header = document.querySelector(HEADER);
    pill.style.setProperty("--ck-pill-high", `${Math.max(0, header ? header.getBoundingClientRect().bottom : 0) + GAP}px`);
    pill.classList.add(HIGH);
    if (covers(pill)) pill.classList.replace(HIGH, CLEAR);
  }

  function soon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  }

  for (const type of ["scroll", "resize"]) window.addEventListener(type, soon, { passive: true });
  for (const type of ["click", "keyup", "toggle"]) document.addEventListener(type, soon, true);
})();

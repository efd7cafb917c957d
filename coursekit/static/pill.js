/* coursekit: the theme's "Back to top" pill never covers a control (added to every page by
   coursekit/sphinxext/site.py).

   Why: pydata-sphinx-theme fixes the pill at 90% of the window's height and shows it whenever the
   reader scrolls up; on a phone it sat on the timeline's "Show all" button, on links and on an open
   event's text, and a tap meant for them went to the pill. After each scroll, resize or tap (once per
   frame), every control and open timeline event under the pill's box is looked for; if one is there and
   really visible at that spot (the topmost thing there once the pill is set aside), the pill is hidden
   with a class (the theme's own show-and-hide, and the timeline's axis rule in 45-clear.js, are left
   alone), and it comes back as soon as the spot is clear. */
(() => {
  "use strict";

  const PILL = "pst-back-to-top";
  const CLEAR = "ck-pill-clear";
  const UNDER = "a[href], button, input, select, textarea, summary, [role='button'], "
    + "[tabindex]:not([tabindex='-1']), .ck-tl-details";
  const MARGIN = 4; // px around the pill: a control touching it is covered too
  let queued = false;

  function visibleAt(node, x, y, pill) {
    const top = document.elementsFromPoint(x, y).find((n) => !pill.contains(n));
    return Boolean(top) && (node.contains(top) || top.contains(node));
  }

  function covers(pill) {
    const p = pill.getBoundingClientRect();
    if (!p.width || !p.height) return false; // the theme has it hidden
    const [left, right, top, bottom] = [p.left - MARGIN, p.right + MARGIN, p.top - MARGIN, p.bottom + MARGIN];
    for (const node of document.querySelectorAll(UNDER)) {
      if (pill.contains(node)) continue;
      const r = node.getBoundingClientRect();
      const x0 = Math.max(left, r.left), x1 = Math.min(right, r.right);
      const y0 = Math.max(top, r.top), y1 = Math.min(bottom, r.bottom);
      if (x0 >= x1 || y0 >= y1) continue;
      if (visibleAt(node, (x0 + x1) / 2, (y0 + y1) / 2, pill)) return true;
    }
    return false;
  }

  function check() {
    queued = false;
    const pill = document.getElementById(PILL);
    if (pill) pill.classList.toggle(CLEAR, covers(pill));
  }

  function soon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  }

  for (const type of ["scroll", "resize"]) window.addEventListener(type, soon, { passive: true });
  for (const type of ["click", "keyup", "toggle"]) document.addEventListener(type, soon, true);
})();

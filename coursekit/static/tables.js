/* coursekit: wide tables that say they scroll sideways (added to every page by coursekit/sphinxext/site.py).

   Why: the theme puts every table in a `.pst-scrollable-table-container` that scrolls sideways, but on a
   phone nothing showed that a four-column table went on past the edge, so students read half of it.
   site.py marks each container (`ck-table-scroll`, with the hint and name in the page's language) and
   wraps any table the theme left bare. Here, while a table is wider than its container: a short visible
   hint above it, a shade at each edge that has more to show (start and end, so RTL mirrors), and the
   container is a named, focusable region that the arrow keys scroll. When it fits, none of that: no
   extra tab stop, no hint. A ResizeObserver notices turning the phone or zooming. */
(() => {
  "use strict";

  let count = 0;

  function setup(box) {
    const frame = document.createElement("div");
    frame.className = "ck-table-frame";
    const hint = document.createElement("p");
    hint.className = "ck-table-hint";
    hint.id = `ck-table-hint-${++count}`;
    hint.textContent = box.dataset.ckHint || "";
    hint.hidden = true;
    box.before(hint);
    box.before(frame);
    frame.append(box);
    const caption = box.querySelector("caption")?.textContent.trim();
    const name = caption ? `${box.dataset.ckLabel}: ${caption}` : box.dataset.ckLabel;
    const update = () => {
      const room = box.scrollWidth - box.clientWidth;
      const wide = room > 1;
      hint.hidden = !wide;
      if (wide) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
        box.setAttribute("aria-describedby", hint.id);
      } else {
        for (const attribute of ["tabindex", "role", "aria-label", "aria-describedby"]) box.removeAttribute(attribute);
      }
      const at = Math.abs(box.scrollLeft); // negative in RTL
      frame.classList.toggle("ck-more-start", wide && at > 1);
      frame.classList.toggle("ck-more-end", wide && at < room - 1);
    };
    box.addEventListener("scroll", update, { passive: true });
    if (typeof ResizeObserver === "function") {
      const watch = new ResizeObserver(update);
      watch.observe(box);
      if (box.firstElementChild) watch.observe(box.firstElementChild);
    }
    update();
  }

  function start() { document.querySelectorAll(".ck-table-scroll").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// Part 6: page furniture kept off the axis. pydata-sphinx-theme's "Back to top" pill is fixed at 90% of
// the window's height, in the middle, and shows whenever the reader scrolls up: on a phone it sat over
// the axis's tick labels and markers. While an axis passes through the band of the window where the pill
// sits, the pill is made invisible (visibility only, so the theme's own show-and-hide still works and the
// pill is back as soon as the axis has moved on). An IntersectionObserver watches that band: no scroll
// listener, and one observer for the page however many timelines it has. Outside the book there is no pill.

const PILL = "pst-back-to-top";
const PILL_BAND = "-88% 0px -2% 0px"; // 88% to 98% of the window's height: the pill (at 90%) and a margin
const under = new Set(); // the axes in that band now
let bandWatch = null;

/** Keep the pill off ``axis`` (on=false: stop, when the widget goes). */
function keepClear(axis, on = true) {
  const pill = document.getElementById(PILL);
  if (!pill || typeof IntersectionObserver !== "function") return;
  bandWatch = bandWatch || new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) under.add(entry.target);
      else under.delete(entry.target);
    }
    document.getElementById(PILL)?.style.setProperty("visibility", under.size ? "hidden" : "");
  }, { rootMargin: PILL_BAND });
  if (on) bandWatch.observe(axis);
  else {
    bandWatch.unobserve(axis);
    under.delete(axis);
    pill.style.setProperty("visibility", under.size ? "hidden" : "");
  }
}

// Part 5: the text of one event, as the details panel and the list view show it. Summaries arrive
// rendered and escaped by Python (coursekit.schema.markdown); everything else is set as text.

/** The address of an event's section page: relative in the static book (so file:// works), else the
 * published book's (live in Jupyter, when the course has one), else "". */
function sectionHref(ev, siteUrl) {
  const contentRoot = document.documentElement.getAttribute("data-content_root");
  if (contentRoot !== null) return contentRoot + ev.href;
  return siteUrl ? siteUrl.replace(/\/?$/, "/") + ev.href : "";
}

/** Date, summary, date note, themes and actors, sources and the section link of ``ev`` (no nulls). */
function eventBody(ev, idPrefix, { s, themeLabels, siteUrl }) {
  const sources = el("ul.ck-tl-sources", {}, ev.sources.map((src) => el("li", {}, [
    el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer", text: src.title }),
    src.publisher ? ` (${src.publisher})` : null,
  ])));
  const href = sectionHref(ev, siteUrl);
  const meta = [
    ev.themes.length ? `${s.themes}: ${ev.themes.map((t) => themeLabels[t] || t).join(", ")}` : "",
    `${s.actors}: ${ev.actors.join(", ")}`,
  ].filter(Boolean).join(" · ");
  return [
    el("p.ck-tl-date", {}, [el("time", { datetime: ev.start, text: ev.label })]),
    el("div.ck-tl-summary", { html: ev.summary }),
    ev.date_note ? el("p.ck-tl-date-note", {}, [el("strong", { text: `${s.dateNote}: ` }), ev.date_note]) : null,
    el("p.ck-tl-meta", { text: meta }),
    el("p.ck-tl-sources-label", { id: `${idPrefix}-sources`, text: s.sources }),
    sources,
    href ? el("p", {}, [el("a.ck-tl-section-link", { href, text: s.readMore })]) : null,
  ].filter(Boolean);
}

// Part 4: which events the search box and the theme and actor menus keep, and how many each menu
// option would keep, so that a menu can say so ("Water and environment (9)") and a choice that would
// match nothing can be turned off before it is made. Pure (no DOM).

/** Plain text of rendered, escaped HTML (a summary), for searching. */
function stripTags(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, e) =>
    ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" })[e]);
}

/** Normalised search text of an event, made once and kept on it. */
function haystack(ev) {
  if (ev.text === undefined) ev.text = normalise(`${ev.title} ${ev.label} ${ev.actors.join(" ")} ${stripTags(ev.summary)}`);
  return ev.text;
}

/** The events that pass ``filters`` = { query (normalised), theme, actor } ("" for any). */
function applyFilterSet(events, { query = "", theme = "", actor = "" }) {
  return events.filter((ev) => (!theme || ev.themes.includes(theme)) && (!actor || ev.actors.includes(actor))
    && (!query || haystack(ev).includes(query)));
}

/**
 * How many events each option would keep, the other filters as they are: { themes: {id: n}, actors:
 * {name: n}, anyTheme: n, anyActor: n } (any*: the counts of the "All themes" / "All actors" options).
 */
function filterCounts(events, { query = "", theme = "", actor = "" }) {
  const themes = {};
  const actors = {};
  let anyTheme = 0;
  let anyActor = 0;
  for (const ev of events) {
    if (query && !haystack(ev).includes(query)) continue;
    const themeOk = !theme || ev.themes.includes(theme);
    const actorOk = !actor || ev.actors.includes(actor);
    if (actorOk) {
      anyTheme++;
      for (const id of ev.themes) themes[id] = (themes[id] || 0) + 1;
    }
    if (themeOk) {
      anyActor++;
      for (const name of ev.actors) actors[name] = (actors[name] || 0) + 1;
    }
  }
  return { themes, actors, anyTheme, anyActor };
}

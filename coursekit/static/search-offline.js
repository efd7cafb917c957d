/* coursekit: search result snippets on the search page opened from disk (file://).

   Sphinx's searchtools.js fetches each result page to cut its snippet; from file:// the browser
   refuses, so only titles showed. Here (file:// only) the page text comes from
   _static/coursekit/search-pages.js, written by coursekit/sphinxext/search.py, loaded by a plain
   <script> (which file:// allows), and fetch() answers requests for the site's own pages from it.
   Every other request, and every request over http, goes to the real fetch unchanged. */
(() => {
  "use strict";
  if (location.protocol !== "file:") return;
  const me = document.currentScript;
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const data = new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = new URL("search-pages.js", me.src).href;
    script.onload = () => resolve(window.coursekitSearchPages || {});
    script.onerror = () => resolve({});
    document.head.append(script);
  });
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    url.hash = "";
    url.search = "";
    if (!url.href.startsWith(root.href) || !url.pathname.endsWith(".html")) return realFetch(input, init);
    const docname = decodeURIComponent(url.href.slice(root.href.length, -".html".length));
    return data.then((pages) => docname in pages
      ? new Response(pages[docname], { headers: { "Content-Type": "text/html" } })
      : realFetch(input, init));
  };
})();

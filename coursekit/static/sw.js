/* coursekit: the course's service worker, so that after one visit every page works with no connection.

   Why hand-written and not Workbox: the job is small and exact (one cache per build, filled whole at
   install, the old ones deleted at activate, cache first), and Workbox would add a bundle that may not be
   committed and a build step to fetch it. The build (coursekit/sphinxext/offline.py) writes this file as
   the site's /sw.js with VERSION (a hash of every file's name and content) and FILES (every file of the
   site, relative to this script) filled in, so a new build is a new worker byte for byte, which is what
   makes the browser install it.

   - install: fetch every file into the cache of this build, bypassing the HTTP cache (a host's max-age
     would otherwise hand back files of the previous build); cache.addAll keeps all or nothing, so a
     build's cache is never partial. Then take over at once (skipWaiting): the reader gets the new build
     on the next page they open, not only once every tab of the course is closed. A page loads its files
     when it opens, and a new build takes seconds to fetch, so a page open at the switch already holds
     its own build whole; every page opened after it comes whole from the new one.
   - activate: delete the caches of older builds of this same site (the cache names carry the scope, so
     other sites on the origin keep theirs) and control the open pages.
   - fetch: same-origin GETs are answered from this build's cache, ignoring the query string (Sphinx adds
     ?v= to its assets, search adds ?q=) and Vary; a folder URL is its index.html. Anything not in the
     cache (the offline zip) goes to the network. The network side of updating is the browser's own check
     of this script on every navigation: a changed script is a new build, installed whole as above. */
"use strict";

const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = `coursekit ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })));
    } catch (error) {
      await caches.delete(CACHE);   // the next visit tries again from an empty cache
      throw error;
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

function cacheKey(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return url.href;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(cacheKey(request), { ignoreVary: true })) || fetch(request);
  })());
});

/* coursekit: register the course's service worker (/sw.js at the site root, written by the build), which
   keeps the whole course for reading offline after one visit (see static/sw.js); and keep the window's
   theme-color in step with the theme's light or dark mode.

   Only on http(s) in a secure context (https, or a loopback address): browsers run no service worker
   from file://, where the downloaded copy of the course already works without one, nor on plain http
   elsewhere. Registered once the page has loaded and the browser is idle, so that the page's own files and
   scripts come first (installing the worker downloads the whole course, on a phone's slow link too); the site
   root is found from this script's own address (_static/coursekit/offline.js), so the course works at
   any path of its host. */
(() => {
  "use strict";

  // The browser's (and an installed app's) window colour follows the theme's mode, set on <html data-theme>.
  const colour = document.querySelector('meta[name="theme-color"][data-dark]');
  if (colour) {
    const follow = () => { colour.content = colour.dataset[document.documentElement.dataset.theme === "dark" ? "dark" : "light"]; };
    follow();
    new MutationObserver(follow).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
  const worker = new URL("../../sw.js", script.src).href;
  const register = () => {
    // A failed registration (the host refuses sw.js, say) leaves the course working online: nothing to report.
    navigator.serviceWorker.register(worker).catch(() => undefined);
  };
  const whenIdle = () => (window.requestIdleCallback ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 0));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
})();

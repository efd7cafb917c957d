// The static host: mounts coursekit's anywidget front-end modules in the built book, with no kernel
// and no network. It reads the widget state the build saved into the page (in each widget's mount, or in
// myst-nb's one script in the head) and gives each module a model
// with anywidget's interface (get/set/on/off/save_changes/send). set() fires "change:<name>" and
// "change" exactly as a live model does; nothing is sent anywhere. Modules register themselves in
// window.coursekitModules and fire "coursekit:module" (the build wraps each ES module in a classic
// script so file:// works too). All of these scripts load async, in any order: the host mounts each
// widget once the parser has passed it (or the document is parsed) and it is near the viewport, and a
// widget whose module arrives later when that module announces itself. Each module file also carries
// its UI strings (module.strings), which the build leaves out of every widget's saved state.
(() => {
  "use strict";

  const equal = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);

  function createModel(state) {
    let listeners = {};
    const emit = (event, value) => { (listeners[event] || []).slice().forEach((callback) => callback(value)); };
    return {
      get: (name) => state[name],
      set: (name, value) => {
        const changed = !equal(state[name], value);
        state[name] = value;
        if (changed) { emit(`change:${name}`, value); emit("change", name); }
      },
      on: (event, callback) => { (listeners[event] = listeners[event] || []).push(callback); },
      off: (event, callback) => {
        if (!event) { listeners = {}; return; }
        if (!callback) { delete listeners[event]; return; }
        listeners[event] = (listeners[event] || []).filter((cb) => cb !== callback);
      },
      save_changes: () => {},
      send: () => {},
      widget_manager: { get_model: () => Promise.reject(new Error("no kernel in the static book")) },
    };
  }

  // The JSON of a state script, or null (logged) when it cannot be read.
  function parseState(script) {
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      console.error("coursekit: unreadable widget state", error);
      return null;
    }
  }

  function readState() {
    const script = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    const bundle = script && parseState(script);
    return (bundle && bundle.state) || {};
  }

  function whenModule(name, callback) {
    const modules = window.coursekitModules || {};
    if (modules[name]) { callback(modules[name]); return; }
    const listener = (event) => {
      if (event.detail !== name) return;
      document.removeEventListener("coursekit:module", listener);
      callback(window.coursekitModules[name]);
    };
    document.addEventListener("coursekit:module", listener);
  }

  // A mount is complete once the parser has moved past it: something follows it or one of its ancestors.
  function parsed(node) {
    for (; node && node !== document.body; node = node.parentNode) if (node.nextSibling) return true;
    return document.readyState !== "loading";
  }

  // A widget's saved state is in its own mount (coursekit/sphinxext/assets.py inline_states), else in the
  // page's one state script (myst-nb's place, in the head).
  function ownState(mount) {
    const script = mount.querySelector(':scope > script.ck-state[type="application/json"]');
    return script && parseState(script);
  }

  const started = new Set();
  function mountReady() {
    let state = null;
    document.querySelectorAll(".ck-widget-mount[data-model-id]").forEach((mount) => {
      if (started.has(mount) || !parsed(mount)) return;
      started.add(mount);
      let entry = ownState(mount);
      if (!entry) entry = (state = state || readState())[mount.getAttribute("data-model-id")];
      if (!entry) {
        console.error(`coursekit: no saved state for widget ${mount.getAttribute("data-model-id")}`);
        return; // the fallback stays visible
      }
      whenNear(mount, () => whenModule(mount.getAttribute("data-module"), (module) => mountOne(mount, entry, module)));
    });
  }

  // A widget is mounted when it comes within a screen of the viewport, or when focus enters its fallback,
  // not while the page loads: on a phone, rendering the quiz and the timeline at the foot of a section page
  // was most of its blocking time (Lighthouse mobile, iran-deal: total blocking time 285 -> 137 ms, median
  // of 5). Until then its complete fallback is what is there, as without JavaScript.
  const near = window.IntersectionObserver && new IntersectionObserver((records) => {
    records.forEach((record) => { if (record.isIntersecting) record.target.coursekitNear(); });
  }, { rootMargin: "100% 0px" });

  // Near already as it is parsed, without waiting for the observer: a widget with less text before it
  // than a phone's screen and a half holds (the quiz at the top of a page, the course timeline), mounted
  // at once. Others wait for the observer's first report, which comes after the page's next layout:
  // reading a widget's box mid-parse forced a layout of the page and of the fallback the widget then
  // replaced, which cost more than the quiz's render (30 against 20 ms on the benchmark page), and on a
  // page of several quizzes it was forced again for each one.
  function nearNow(mount) {
    const before = document.createRange();
    before.setStart(mount.closest("article, body"), 0);
    before.setEndBefore(mount);
    return before.toString().length < 1500;
  }

  function whenNear(mount, callback) {
    if (!near || nearNow(mount)) { callback(); return; }
    let done = false;
    mount.coursekitNear = () => {
      if (done) return;
      done = true;
      near.unobserve(mount);
      mount.removeEventListener("focusin", mount.coursekitNear);
      callback();
    };
    mount.addEventListener("focusin", mount.coursekitNear);
    near.observe(mount);
  }

  // The first control of a rendered widget, for a reader whose focus was in the fallback it replaces.
  function refocus(target) {
    const control = target.querySelector("button, input, select, textarea, a[href], [tabindex]");
    if (control) control.focus({ preventScroll: true });
  }

  // The build leaves out of the saved state what the widget's fallback already shows ({"$part": path},
  // coursekit/sphinxext/assets.py share_parts): read it back from the marked element of the fallback.
  function withParts(value, mount) {
    if (Array.isArray(value)) return value.map((v) => withParts(v, mount));
    if (!value || typeof value !== "object") return value;
    if (typeof value.$part === "string" && Object.keys(value).length === 1) {
      const found = mount.querySelector(`[data-ck-part="${value.$part}"]`);
      if (!found) console.error(`coursekit: the fallback lacks part ${value.$part}`);
      return found ? found.innerHTML : "";
    }
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withParts(v, mount)]));
  }

  function mountOne(mount, entry, module) {
    const data = withParts(entry.state, mount);
    if (!("strings" in data)) data.strings = module.strings || {}; // the build ships them with the module
    const model = createModel(data);
    mount.coursekitModel = model; // like a widget manager's get_model: for debugging and tests
    const target = document.createElement("div");
    target.className = "ck-live";
    mount.append(target);
    // The fallback is hidden while the module renders (host.css): a widget that reads its width would
    // otherwise force the layout of the whole fallback first (2,000 list items on a long timeline), and
    // the page would shift when it went. It comes back if the module fails.
    const focused = mount.contains(document.activeElement);
    mount.classList.add("ck-rendering");
    Promise.resolve(module.initialize ? module.initialize({ model }) : undefined)
      .then(() => module.render({ model, el: target, experimental: {} }))
      .then(() => {
        mount.classList.replace("ck-rendering", "ck-mounted");
        if (focused) refocus(target);
      })
      .catch((error) => {
        target.remove();
        mount.classList.remove("ck-rendering");
        console.error("coursekit: widget failed to render", error);
      });
  }

  // Mount each widget as soon as it is parsed and its module has arrived, not when the whole page is: on a
  // long section page the quiz then answers while the parser is still reading the text below it.
  mountReady();
  if (document.readyState === "loading") {
    const observer = new MutationObserver(mountReady);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("readystatechange", () => {
      observer.disconnect();
      mountReady();
    }, { once: true });
  }
})();

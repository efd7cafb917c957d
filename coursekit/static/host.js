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
(function () {
  "use strict";

  function equal(a, b) {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
  }

  function createModel(state) {
    var listeners = {};
    var model = {
      get: function (name) { return state[name]; },
      set: function (name, value) {
        var changed = !equal(state[name], value);
        state[name] = value;
        if (changed) { emit("change:" + name, value); emit("change", name); }
      },
      on: function (event, callback) { (listeners[event] = listeners[event] || []).push(callback); },
      off: function (event, callback) {
        if (!event) { listeners = {}; return; }
        if (!callback) { delete listeners[event]; return; }
        listeners[event] = (listeners[event] || []).filter(function (cb) { return cb !== callback; });
      },
      save_changes: function () {},
      send: function () {},
      widget_manager: { get_model: function () { return Promise.reject(new Error("no kernel in the static book")); } },
    };
    function emit(event, value) {
      (listeners[event] || []).slice().forEach(function (callback) { callback(value); });
    }
    return model;
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
    var script = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    var bundle = script && parseState(script);
    return (bundle && bundle.state) || {};
  }

  function whenModule(name, callback) {
    var modules = window.coursekitModules || {};
    if (modules[name]) { callback(modules[name]); return; }
    document.addEventListener("coursekit:module", function listener(event) {
      if (event.detail !== name) return;
      document.removeEventListener("coursekit:module", listener);
      callback(window.coursekitModules[name]);
    });
  }

  // A mount is complete once the parser has moved past it: something follows it or one of its ancestors.
  function parsed(node) {
    for (; node && node !== document.body; node = node.parentNode) if (node.nextSibling) return true;
    return document.readyState !== "loading";
  }

  // A widget's saved state is in its own mount (coursekit/sphinxext/assets.py inline_states), else in the
  // page's one state script (myst-nb's place, in the head).
  function ownState(mount) {
    var script = mount.querySelector(':scope > script.ck-state[type="application/json"]');
    return script && parseState(script);
  }

  var started = [];
  function mountReady() {
    var state = null;
    document.querySelectorAll(".ck-widget-mount[data-model-id]").forEach(function (mount) {
      if (started.indexOf(mount) >= 0 || !parsed(mount)) return;
      started.push(mount);
      var entry = ownState(mount);
      if (!entry) entry = (state = state || readState())[mount.getAttribute("data-model-id")];
      if (!entry) {
        console.error("coursekit: no saved state for widget " + mount.getAttribute("data-model-id"));
        return; // the fallback stays visible
      }
      whenNear(mount, function () {
        whenModule(mount.getAttribute("data-module"), function (module) { mountOne(mount, entry, module); });
      });
    });
  }

  // A widget is mounted when it comes within a screen of the viewport, or when focus enters its fallback,
  // not while the page loads: on a phone, rendering the quiz and the timeline at the foot of a section page
  // was most of its blocking time (Lighthouse mobile, iran-deal: total blocking time 285 -> 137 ms, median
  // of 5). Until then its complete fallback is what is there, as without JavaScript.
  var near = window.IntersectionObserver && new IntersectionObserver(function (records) {
    records.forEach(function (record) { if (record.isIntersecting) record.target.coursekitNear(); });
  }, { rootMargin: "100% 0px" });

  // Near already as it is parsed: mounted at once, without waiting a frame for the observer's first report
  // (the quiz at the top of a page would otherwise accept an answer a frame later). One read of its box.
  function nearNow(mount) {
    var box = mount.getBoundingClientRect();
    return box.bottom > -window.innerHeight && box.top < 2 * window.innerHeight;
  }

  function whenNear(mount, callback) {
    if (!near || nearNow(mount)) { callback(); return; }
    var done = false;
    mount.coursekitNear = function () {
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
    var control = target.querySelector("button, input, select, textarea, a[href], [tabindex]");
    if (control) control.focus({ preventScroll: true });
  }

  // The build leaves out of the saved state what the widget's fallback already shows ({"$part": path},
  // coursekit/sphinxext/assets.py share_parts): read it back from the marked element of the fallback.
  function withParts(value, mount) {
    if (Array.isArray(value)) return value.map(function (v) { return withParts(v, mount); });
    if (!value || typeof value !== "object") return value;
    if (typeof value.$part === "string" && Object.keys(value).length === 1) {
      var found = mount.querySelector('[data-ck-part="' + value.$part + '"]');
      if (!found) console.error("coursekit: the fallback lacks part " + value.$part);
      return found ? found.innerHTML : "";
    }
    var copy = {};
    Object.keys(value).forEach(function (key) { copy[key] = withParts(value[key], mount); });
    return copy;
  }

  function mountOne(mount, entry, module) {
    var data = withParts(entry.state, mount);
    if (!("strings" in data)) data.strings = module.strings || {}; // the build ships them with the module
    var model = createModel(data);
    mount.coursekitModel = model; // like a widget manager's get_model: for debugging and tests
    var target = document.createElement("div");
    target.className = "ck-live";
    mount.append(target);
    // The fallback is hidden while the module renders (host.css): a widget that reads its width would
    // otherwise force the layout of the whole fallback first (2,000 list items on a long timeline), and
    // the page would shift when it went. It comes back if the module fails.
    var focused = mount.contains(document.activeElement);
    mount.classList.add("ck-rendering");
    Promise.resolve(module.initialize ? module.initialize({ model: model }) : undefined)
      .then(function () { return module.render({ model: model, el: target, experimental: {} }); })
      .then(function () {
        mount.classList.replace("ck-rendering", "ck-mounted");
        if (focused) refocus(target);
      })
      .catch(function (error) {
        target.remove();
        mount.classList.remove("ck-rendering");
        console.error("coursekit: widget failed to render", error);
      });
  }

  // Mount each widget as soon as it is parsed and its module has arrived, not when the whole page is: on a
  // long section page the quiz then answers while the parser is still reading the text below it.
  mountReady();
  if (document.readyState === "loading") {
    var observer = new MutationObserver(mountReady);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      observer.disconnect();
      mountReady();
    });
  }
})();

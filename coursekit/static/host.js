// The static host: mounts coursekit's anywidget front-end modules in the built book, with no kernel
// and no network. It reads the widget state myst-nb saved into the page and gives each module a model
// with anywidget's interface (get/set/on/off/save_changes/send). set() fires "change:<name>" and
// "change" exactly as a live model does; nothing is sent anywhere. Modules register themselves in
// window.coursekitModules and fire "coursekit:module" (the build wraps each ES module in a classic
// script so file:// works too). All of these scripts load async, in any order: the host mounts once
// the document is parsed (readyState "interactive", before deferred theme scripts run) and mounts a
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

  function readState() {
    var script = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    if (!script) return {};
    try {
      return JSON.parse(script.textContent).state || {};
    } catch (error) {
      console.error("coursekit: unreadable widget state", error);
      return {};
    }
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

  function mountAll() {
    var state = readState();
    document.querySelectorAll(".ck-widget-mount[data-model-id]").forEach(function (mount) {
      var entry = state[mount.getAttribute("data-model-id")];
      if (!entry) {
        console.error("coursekit: no saved state for widget " + mount.getAttribute("data-model-id"));
        return; // the fallback stays visible
      }
      whenModule(mount.getAttribute("data-module"), function (module) { mountOne(mount, entry, module); });
    });
  }

  function mountOne(mount, entry, module) {
    var data = JSON.parse(JSON.stringify(entry.state));
    if (!("strings" in data)) data.strings = module.strings || {}; // the build ships them with the module
    var model = createModel(data);
    mount.coursekitModel = model; // like a widget manager's get_model: for debugging and tests
    var target = document.createElement("div");
    target.className = "ck-live";
    mount.append(target);
    Promise.resolve(module.initialize ? module.initialize({ model: model }) : undefined)
      .then(function () { return module.render({ model: model, el: target, experimental: {} }); })
      .then(function () { mount.classList.add("ck-mounted"); })
      .catch(function (error) {
        target.remove();
        console.error("coursekit: widget failed to render", error);
      });
  }

  if (document.readyState !== "loading") mountAll();
  else document.addEventListener("readystatechange", function once() {
    document.removeEventListener("readystatechange", once);
    mountAll();
  });
})();

// SCORM 1.2 bridge: the page of a SCORM package (coursekit export --format scorm) talks to the LMS.
//
// Why a separate script: the quiz knows nothing about LMSs. It saves through window.coursekitStorage when a
// page defines it (the hook in widgets/quiz.js), so this script defines that object, keeps each quiz's
// record in cmi.suspend_data (so a learner resumes where they left off) and reports the package's score
// and completion from those records. It is added by the exporter, only to the launch page of each SCO,
// as a classic script before the page's other scripts, with
//   data-sco="<id>"            the SCO it speaks for: it acts only when the page was launched as that SCO
//                              (?sco=<id>), so a page reached by a link inside the frame never writes
//                              into another SCO's data;
//   data-quizzes="id:n,id:n"   the quizzes the SCO is scored on and how many items each shows.
// Without an LMS (no API in the frame chain or the opener's) it does nothing and the quiz keeps using
// the browser's localStorage; with one, every record is mirrored to localStorage as well.
(function () {
  "use strict";
  var LIMIT = 4096; // SCORM 1.2: cmi.suspend_data is a CMIString4096
  var script = document.currentScript;
  if (!script || new URLSearchParams(window.location.search).get("sco") !== script.getAttribute("data-sco")) return;

  // The standard SCORM 1.2 discovery: walk up window.parent, then do the same from window.opener.
  function findIn(win) {
    for (var hops = 0; win && hops < 20; hops++) {
      try { if (win.API) return win.API; } catch (crossOrigin) { return null; }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  var api = findIn(window) || (window.opener ? findIn(window.opener) : null);
  if (!api || String(api.LMSInitialize("")) !== "true") return;

  var expected = {};
  (script.getAttribute("data-quizzes") || "").split(",").forEach(function (pair) {
    var bits = pair.split(":");
    if (bits[0]) expected[bits[0]] = Number(bits[1]) || 0;
  });
  var records = {};
  try {
    var saved = JSON.parse(api.LMSGetValue("cmi.suspend_data") || "{}");
    if (saved && typeof saved === "object") records = saved;
  } catch (unreadable) { records = {}; }
  var status = String(api.LMSGetValue("cmi.core.lesson_status"));
  if (status === "not attempted" || status === "") api.LMSSetValue("cmi.core.lesson_status", "incomplete");

  function quizId(key) { return key.slice(key.lastIndexOf(":") + 1); }
  // Quiz records are kept compact; anything else the pages save (the learner id that seeds each
  // learner's draw and order, own answers) is kept as it is, so a resumed learner sees the same quiz.
  function isQuiz(key) { return key.indexOf(":quiz:") >= 0; }

  function local(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key); else window.localStorage.setItem(key, value);
    } catch (unavailable) { /* the LMS keeps the record */ }
  }

  // What suspend_data holds: per key, the answers and score only (the quiz rewrites the rest on save).
  function compact(value) {
    var data = JSON.parse(value);
    return { v: data.v, total: data.total, score: data.score, answers: data.answers };
  }

  // Oldest-first drop until it fits: the record just saved is always kept, and localStorage has them all.
  function fitted(lastKey) {
    var keys = Object.keys(records);
    var kept = {};
    keys.forEach(function (key) { kept[key] = records[key]; });
    var text = JSON.stringify(kept);
    for (var i = 0; text.length > LIMIT && i < keys.length; i++) {
      if (keys[i] === lastKey) continue;
      delete kept[keys[i]];
      text = JSON.stringify(kept);
    }
    return text.length > LIMIT ? null : text;
  }

  function report(lastKey) {
    var text = fitted(lastKey);
    if (text !== null) api.LMSSetValue("cmi.suspend_data", text);
    var score = 0, total = 0, done = true;
    Object.keys(expected).forEach(function (id) {
      var record = findRecord(id);
      total += expected[id];
      if (!record) { done = false; return; }
      score += Number(record.score) || 0;
      var answered = Object.keys(record.answers || {}).filter(function (k) { return record.answers[k].tries > 0; });
      if (answered.length < expected[id]) done = false;
    });
    if (total > 0) {
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.score.raw", String(Math.round((10000 * score) / total) / 100));
    }
    api.LMSSetValue("cmi.core.lesson_status", done ? "completed" : "incomplete");
    api.LMSCommit("");
  }

  function findRecord(id) {
    var key = Object.keys(records).filter(function (k) { return isQuiz(k) && quizId(k) === id; })[0];
    return key ? records[key] : null;
  }

  window.coursekitStorage = {
    getItem: function (key) {
      if (!Object.prototype.hasOwnProperty.call(records, key)) return null;
      return isQuiz(key) ? JSON.stringify(records[key]) : String(records[key]);
    },
    setItem: function (key, value) {
      local(key, value);
      records[key] = isQuiz(key) ? compact(value) : String(value);
      report(key);
    },
    removeItem: function (key) {
      local(key, null);
      delete records[key];
      report(key);
    },
  };

  var finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();

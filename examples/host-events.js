// host-events.js — what a host page's own script might do with the widget's
// events. It is an ordinary external script (no inline code), so it also runs
// under the strict Content-Security-Policy of /strict/.
//
// * listens on `document` for the widget's composed, bubbling CustomEvents
//   and logs each one as "<type> <JSON of detail>" into <ol id="event-log"> (created at the end of <body>
//   if the page has none);
// * keeps them in `window.hostEvents` — this demo page's own global, not the
//   widget's — as { type, detail, target } objects (target: the id of the
//   <b2b-assessment> element the event came from, "" if none);
// * records Content-Security-Policy violations in `window.cspViolations`
//   ({ violatedDirective, blockedURI }) and logs them too;
// * marks `<html data-host-script="ran">`, proving host scripts still run
//   (e.g. next to a widget with a broken configuration).
//
// Load it with a plain <script src="host-events.js"></script> in <head>, so
// the listeners exist before the widget's first event.
(function () {
  "use strict";

  var EVENT_TYPES = [
    "b2b-assessment:start",
    "b2b-assessment:answer",
    "b2b-assessment:complete",
    "b2b-assessment:cta",
    "b2b-assessment:error",
    "b2b-assessment:lead-queued",
    "b2b-assessment:lead-sent",
    "b2b-assessment:lead-failed",
  ];

  var hostEvents = (window.hostEvents = window.hostEvents || []);
  var cspViolations = (window.cspViolations = window.cspViolations || []);
  var pending = [];

  function toJson(value) {
    try {
      var s = JSON.stringify(value);
      return s === undefined ? String(value) : s;
    } catch (e) {
      return "[unserialisable: " + e.message + "]";
    }
  }

  function logElement() {
    var log = document.getElementById("event-log");
    if (!log && document.body) {
      log = document.createElement("ol");
      log.id = "event-log";
      log.setAttribute("aria-label", "Host page event log");
      document.body.appendChild(log);
    }
    return log;
  }

  function append(text, className, target) {
    var log = logElement();
    if (!log) {
      // Still parsing <head>: write the entry once the body exists.
      pending.push([text, className, target]);
      return;
    }
    var li = document.createElement("li");
    li.textContent = text;
    if (className) li.className = className;
    if (target) li.dataset.target = target;
    log.appendChild(li);
  }

  function flush() {
    var queued = pending;
    pending = [];
    queued.forEach(function (entry) {
      append(entry[0], entry[1], entry[2]);
    });
  }

  EVENT_TYPES.forEach(function (type) {
    document.addEventListener(type, function (event) {
      var detail = event.detail;
      // The event is retargeted to the <b2b-assessment> host element.
      var target = event.target && event.target.id ? event.target.id : "";
      hostEvents.push({ type: event.type, detail: detail, target: target });
      append(event.type + " " + toJson(detail), "", target);
    });
  });

  document.addEventListener("securitypolicyviolation", function (event) {
    var v = {
      violatedDirective: event.violatedDirective,
      blockedURI: event.blockedURI,
    };
    cspViolations.push(v);
    append("securitypolicyviolation " + toJson(v), "csp-violation");
  });

  document.documentElement.dataset.hostScript = "ran";

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", flush);
  } else {
    flush();
  }
})();

/* Lesson heartbeat: tells the server once a minute that the lesson is open,
 * visible and in use, so study time is counted. A tab nobody has touched
 * for IDLE_AFTER_MS stops beating until the learner moves, types, scrolls
 * or taps again (the server also caps a day's minutes per course). */
(function () {
  "use strict";
  var marker = document.querySelector("[data-heartbeat-url]");
  if (!marker || !window.fetch) {
    return;
  }
  var url = marker.getAttribute("data-heartbeat-url");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var INTERVAL_MS = 60 * 1000;
  var IDLE_AFTER_MS = 5 * 60 * 1000;
  var ACTIVITY_EVENTS = ["mousemove", "keydown", "scroll", "touchstart", "pointerdown"];
  var lastActivity = Date.now();

  function noteActivity() {
    lastActivity = Date.now();
  }

  ACTIVITY_EVENTS.forEach(function (name) {
    // Capture phase: scrolling inside a lesson's inner box counts too.
    window.addEventListener(name, noteActivity, { passive: true, capture: true });
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      noteActivity(); // coming back to the tab is activity
    }
  });

  function beat() {
    if (document.hidden) {
      return; // a hidden tab is not study time
    }
    if (Date.now() - lastActivity > IDLE_AFTER_MS) {
      return; // an idle tab is not study time either; the server restarts the count
    }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
    }).catch(function () {
      /* offline for a moment: the next beat simply starts a new count */
    });
  }

  window.setInterval(beat, INTERVAL_MS);
})();

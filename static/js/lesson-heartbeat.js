/* Lesson heartbeat: tells the server once a minute that the lesson is open
 * and visible, so study time is counted (the server caps it, too). */
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

  function beat() {
    if (document.hidden) {
      return; // a hidden tab is not study time
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

// Assessment page: autosave answers as they change, and a countdown.
// The page works without this script (Save / Hand in are ordinary posts;
// Hand in goes through a confirm page, the deadline's hand-in does not).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  var pending = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    timer = null;
    if (pending) {
      timer = setTimeout(save, 1500);
      return;
    }
    pending = true;
    var data = new FormData(form);
    data.delete("action");
    fetch(form.dataset.autosave, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (body.saved) {
            say(form.dataset.textSaved + " " + body.saved_at);
          } else {
            say(body.error);
          }
        });
      })
      .catch(function () {
        say(form.dataset.textOffline);
        timer = setTimeout(save, 5000);
      })
      .finally(function () {
        pending = false;
      });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);

  var clock = document.querySelector("[data-deadline]");
  if (!clock) return;
  var countdown = clock.querySelector("[data-countdown]");
  var deadline = Date.parse(clock.dataset.deadline);
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    countdown.hidden = false;
    countdown.textContent =
      " (" + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + ")";
    if (left === 0) {
      clearInterval(handle);
      // Hand in what is on the page now, without the confirm step (the
      // time is up); the server refuses the answers if late.
      var action = document.createElement("input");
      action.type = "hidden";
      action.name = "action";
      action.value = "submit";
      form.appendChild(action);
      form.submit();
    }
  }
  var handle = setInterval(tick, 1000);
  tick();
})();

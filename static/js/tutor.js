/* The tutor chat: send without reloading, a progressive welcome, voice mode.
   Without JavaScript the forms post normally and the page reloads. */
(function () {
  "use strict";
  var chat = document.querySelector("[data-tutor-chat]");
  if (!chat) return;
  var log = document.getElementById("chat-log");
  var errorBox = document.querySelector("[data-tutor-error]");
  var textarea = document.getElementById("id_message");
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var voice = chat.getAttribute("data-mode") === "voice";

  function scrollDown() {
    var last = log.lastElementChild;
    if (last) last.scrollIntoView({ block: "end", behavior: reduced ? "auto" : "smooth" });
  }

  /* The welcome appears word by word (all at once under reduced motion). */
  var welcome = document.querySelector("[data-progressive]");
  if (welcome && !reduced) {
    var words = welcome.textContent.split(/\s+/);
    welcome.textContent = "";
    var shown = 0;
    var timer = window.setInterval(function () {
      shown += 1;
      welcome.textContent = words.slice(0, shown).join(" ");
      if (shown >= words.length) window.clearInterval(timer);
    }, 60);
  }

  function speak(text) {
    if (!voice || !("speechSynthesis" in window) || !text) return;
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en";
    window.speechSynthesis.speak(utterance);
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  document.querySelectorAll("[data-tutor-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) return;
      event.preventDefault();
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      showError("");
      chat.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          if (!result.ok) {
            showError(result.data.error || "");
            return;
          }
          log.insertAdjacentHTML("beforeend", result.data.html);
          var left = document.querySelector("[data-tutor-left]");
          if (left && result.data.left) left.textContent = result.data.left;
          if (form.contains(textarea)) textarea.value = "";
          scrollDown();
          speak(result.data.reply);
        })
        .catch(function () { form.submit(); })
        .finally(function () {
          buttons.forEach(function (b) { b.disabled = false; });
          chat.removeAttribute("aria-busy");
        });
    });
  });

  /* Spoken questions where the browser can listen; otherwise typing stays. */
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var mic = document.querySelector("[data-tutor-mic]");
  if (voice && Recognition && mic) {
    mic.hidden = false;
    mic.addEventListener("click", function () {
      var recognition = new Recognition();
      recognition.lang = document.documentElement.lang || "en";
      recognition.interimResults = false;
      recognition.onresult = function (event) {
        textarea.value = event.results[0][0].transcript;
        textarea.focus();
      };
      recognition.start();
    });
  }
  scrollDown();
})();

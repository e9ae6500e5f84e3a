/* Site-wide behaviour, loaded in <head> on every page (no inline scripts:
 * the Content-Security-Policy allows scripts from this site only).
 *
 * 1. Mark the page as scripted (html.js) before it paints, so the phone menu
 *    and the catalogue filters fold behind their buttons without a flash.
 *    Without JavaScript they simply stay open: nothing becomes unreachable.
 * 2. Disclosure buttons: <button data-toggle="ID" aria-expanded="false">
 *    shows or hides the element ID (class is-open) and says so. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setOpen(button, panel, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
  }

  function bind() {
    var buttons = document.querySelectorAll("button[data-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      var panel = document.getElementById(button.getAttribute("data-toggle"));
      if (!panel) {
        return;
      }
      button.addEventListener("click", function () {
        setOpen(button, panel, button.getAttribute("aria-expanded") !== "true");
      });
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          setOpen(button, panel, false);
          button.focus();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();

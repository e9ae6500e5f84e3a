// Pending payment page: ask the site (never the gateway) how the payment
// stands every few seconds, and move on without a reload when it settles.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("payment-status");
  if (!box || box.dataset.status !== "pending") return;
  var url = box.dataset.statusUrl;
  var tries = 0;
  function poll() {
    tries += 1;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status === "completed" && data.receipt_url) {
          window.location.assign(data.receipt_url);
        } else if (data && data.status !== "pending") {
          window.location.reload();
        } else if (tries < 120) {
          window.setTimeout(poll, tries < 10 ? 3000 : 6000);
        }
      })
      .catch(function () { if (tries < 120) window.setTimeout(poll, 6000); });
  }
  window.setTimeout(poll, 3000);
})();

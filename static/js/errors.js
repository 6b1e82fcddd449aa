/* After a form comes back with errors, move focus to the error summary so screen-reader and
   keyboard users hear what to fix (on full page loads and on pages htmx swaps in). */
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = (root.querySelector ? root : document).querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.boosted || event.detail.requestConfig.verb === "post" && event.detail.target === document.body) {
      focusSummary(document);
    }
  });
})();

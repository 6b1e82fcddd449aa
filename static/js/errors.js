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
    // A page htmx restores from its history (Back, Forward) has no request: nothing to look at.
    var request = event.detail.requestConfig;
    if (event.detail.boosted || request && request.verb === "post" && event.detail.target === document.body) {
      focusSummary(document);
    }
  });
})();

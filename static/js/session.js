/* The session ends after a while without requests; the page says when (works without JavaScript).
   With JavaScript, a notice appears a few minutes before, with a button that keeps the session. */
(function () {
  "use strict";
  function check() {
    var info = document.getElementById("sessie-einde");
    var warning = document.getElementById("sessie-waarschuwing");
    if (!info || !warning) { return; }
    var left = Number(info.dataset.endsAt) - Date.now();
    warning.hidden = !(left <= Number(info.dataset.warnMs));
  }
  document.addEventListener("click", function (event) {
    if (!event.target || event.target.id !== "sessie-verlengen") { return; }
    var info = document.getElementById("sessie-einde");
    fetch(info.dataset.keepUrl, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { return; }
      var ends = new Date(Date.now() + Number(info.dataset.idleMs));
      info.dataset.endsAt = String(ends.getTime());
      var time = info.querySelector("time");
      if (time) { time.textContent = ends.toLocaleTimeString("nl-BE", {hour: "2-digit", minute: "2-digit"}); }
      check();
    });
  });
  document.addEventListener("DOMContentLoaded", check);
  document.addEventListener("htmx:afterSettle", check);  // a boosted link or form swapped the page
  setInterval(check, 15000);
})();

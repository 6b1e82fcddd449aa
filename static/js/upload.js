/* Resumable uploads: a file is sent in chunks with its offset (Content-Range). If the connection
   drops or the tab closes, choosing the same file again continues where it stopped: the server
   remembers the partial upload. Without JavaScript the form posts the whole file as usual. */
(function () {
  "use strict";
  var CHUNK = 256 * 1024;

  function show(el, text) { el.textContent = text; el.hidden = !text; }

  function percent(done, total) { return Math.floor((done / total) * 100); }

  async function send(form, file) {
    var token = form.querySelector("input[name=csrf_token]").value;
    var kind = form.querySelector("input[name=kind]").value;
    var error = form.querySelector(".upload-error");
    var progress = form.querySelector(".upload-progress");
    var button = form.querySelector("button[type=submit]");
    show(error, "");
    var body = new FormData();
    body.append("kind", kind);
    body.append("name", file.name);
    body.append("size", String(file.size));
    var opened = await fetch(form.dataset.chunkedUrl, {
      method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin"
    });
    var state = await opened.json();
    if (!opened.ok) { show(error, state.error || "Opladen mislukt."); return; }
    var offset = state.offset;
    if (offset > 0) { show(progress, "We gaan verder waar het opladen stopte (" + percent(offset, file.size) + "%)."); }
    button.disabled = true;
    try {
      while (true) {
        var end = Math.min(offset + CHUNK, file.size);
        var response;
        try {
          response = await fetch(state.url, {
            method: "PUT", body: file.slice(offset, end), credentials: "same-origin",
            headers: { "X-CSRFToken": token, "Content-Range": "bytes " + offset + "-" + (end - 1) + "/" + file.size,
                       "Content-Type": "application/octet-stream" }
          });
        } catch (networkError) {
          show(error, "De verbinding werd onderbroken na " + percent(offset, file.size) + "%. Kies hetzelfde bestand opnieuw en klik op ‘Opladen’: we gaan verder waar het stopte.");
          return;
        }
        var result = await response.json();
        if (response.status === 409) { offset = result.offset; continue; }
        if (!response.ok) { show(error, result.error || "Opladen mislukt."); show(progress, ""); return; }
        if (result.done) { show(progress, "Opgeladen: " + result.name); window.location.assign(result.next); return; }
        offset = result.offset;
        show(progress, percent(offset, file.size) + "% opgeladen");
      }
    } finally {
      button.disabled = false;
    }
  }

  function enhance(root) {
   (root.querySelectorAll ? root : document).querySelectorAll("form.upload-form[data-chunked-url]").forEach(function (form) {
    if (form.dataset.enhanced) { return; }
    form.dataset.enhanced = "1";
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      if (!input.files || input.files.length === 0 || !window.fetch || !window.Blob) { return; }
      event.preventDefault();
      send(form, input.files[0]);
    });
   });
  }

  // On first load, and on every part of the page htmx swaps in (boosted navigation).
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();

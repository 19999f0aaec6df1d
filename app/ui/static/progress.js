// Live progress on the experiment page: follows GET /api/v1/experiments/{id}/events/
// (server-sent events) and updates the progress box in place. While the stream is open the
// box's htmx polling is paused; when the stream fails for good it resumes, so the page never
// stops moving. Text from the server is set with textContent only: never parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !box.dataset.events || !window.EventSource) return;
  var streaming = true;
  var shown = 0;
  var MAX_SHOWN = 20;

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (streaming && elt && elt.id === "progress") event.preventDefault();
  });

  function current() { return document.getElementById("progress") || box; }
  function set(id, value) {
    var el = current().querySelector("#" + id);
    if (el) el.textContent = value;
  }
  function money(value) { return "$" + Number(value || 0).toFixed(4); }

  var source = new EventSource(box.dataset.events);
  source.addEventListener("progress", function (event) {
    var p = JSON.parse(event.data), c = p.counts;
    set("n-completed", c.completed);
    set("n-failed", c.failed);
    set("n-pending", c.pending + c.running);
    set("n-cancelled", c.cancelled);
    set("n-skipped", c.skipped);
    set("n-total", c.total);
    set("n-cost", money(p.cost));
    var share = c.total ? Math.round(100 * (c.total - c.pending - c.running) / c.total) : 100;
    var bar = current().querySelector(".progress");
    if (bar) {
      bar.setAttribute("aria-valuenow", share);
      bar.firstElementChild.style.width = share + "%";
    }
  });
  source.addEventListener("status", function (event) {
    var s = JSON.parse(event.data);
    var el = current().querySelector("#status");
    if (el) {
      el.textContent = s.status;
      el.className = "status status-" + s.status;
    }
  });
  source.addEventListener("run", function (event) {
    var run = JSON.parse(event.data);
    var list = current().querySelector("#live-runs");
    if (!list) return;
    var li = document.createElement("li");
    li.className = "status-" + run.status;
    var scores = Object.keys(run.scores).map(function (name) {
      return name + " " + run.scores[name];
    }).join(", ");
    li.textContent = "item " + run.item_id.slice(0, 8) + ": " + run.status +
      (scores ? " · " + scores : "") + (run.latency_ms != null ? " · " + run.latency_ms + " ms" : "") +
      (run.error ? " · " + run.error : "");
    list.insertBefore(li, list.firstChild);
    if (++shown > MAX_SHOWN) list.removeChild(list.lastChild);
  });
  source.addEventListener("end", function () {
    source.close();
    window.location.reload(); // the finished page: summary and every result
  });
  source.onerror = function () {
    // The browser reconnects by itself (with Last-Event-ID); CLOSED means it gave up
    // (a 429, a 404): polling takes over again.
    if (source.readyState === EventSource.CLOSED) streaming = false;
  };
})();

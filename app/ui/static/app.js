// Keyboard paging on the comparison: j / k move between rows; past the last row, j follows
// the "Next" link (k before the first follows "Previous"). Nothing else needs JavaScript.
(function () {
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    if (event.key !== "j" && event.key !== "k") return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.cmp-row"));
    if (!rows.length) return;
    var index = rows.findIndex(function (r) { return r.classList.contains("current"); });
    var next = event.key === "j" ? index + 1 : index - 1;
    if (next >= rows.length || next < 0) {
      var link = document.querySelector(event.key === "j" ? "a[rel=next]" : "a[rel=prev]");
      if (link) window.location.href = link.href;
      return;
    }
    if (index >= 0) rows[index].classList.remove("current");
    rows[next].classList.add("current");
    rows[next].scrollIntoView({ block: "nearest" });
  });
})();

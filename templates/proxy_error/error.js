// The quick exit on a page nginx shows by itself: Esc, or Shift three times within five
// seconds, goes where "Leave this site" goes, as on every other page (static/js/exit.js).
(function () {
  var link = document.querySelector("[data-exit-link]");
  var shifts = [];
  function leave() {
    document.body.hidden = true;
    document.title = "";
    location.replace(link.href);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      leave();
    } else if (event.key === "Shift" && !event.repeat) {
      var now = Date.now();
      shifts = shifts.filter(function (time) { return now - time < 5000; }).concat(now);
      if (shifts.length >= 3) {
        leave();
      }
    } else {
      shifts = [];
    }
  });
})();

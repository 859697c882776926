/* Quick exit. The "Leave this site" link works without this file; this adds the Escape
   key, Shift pressed three times, and blanking the page before the browser leaves.
   Written for the oldest browsers still in use on cheap phones: no build step, no modules. */
(function () {
  "use strict";

  var SHIFT_PRESSES_TO_LEAVE = 3;
  var SHIFT_WINDOW_MS = 5000;

  var exitLink = document.querySelector("[data-exit-link]");
  if (!exitLink) return;
  var status = document.querySelector("[data-exit-status]");
  var hint = document.querySelector("[data-exit-hint]");
  var leaving = false;
  var shiftPresses = 0;
  var shiftTimer = null;
  var shiftAlone = false;

  if (hint) hint.hidden = false;

  function leave() {
    if (leaving) return;
    leaving = true;
    // Blank everything in this frame, so nothing stays on screen while the exit loads.
    document.documentElement.className += " is-leaving";
    document.title = "";
    var overlay = document.createElement("div");
    overlay.className = "exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = exitLink.getAttribute("data-loading-text") || "Loading";
    document.body.appendChild(overlay);
    if (window.speechSynthesis) window.speechSynthesis.cancel(); // listen.js: stop at once
    // replace(): this page drops out of the tab's history, so Back cannot return to it.
    window.location.replace(exitLink.href);
    // After the exit has begun, not before: one_entry.js cancels a form post on its way.
    document.dispatchEvent(new Event("leaving"));
  }

  function announce(message) {
    if (status) status.textContent = message;
  }

  function resetShift() {
    if (shiftPresses > 0) announce("");
    shiftPresses = 0;
    window.clearTimeout(shiftTimer);
  }

  // Every "Leave this site" link on the page (a kiosk's idle warning has a second one).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-exit-link]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    leave();
  });

  // Listening on window, after the page's own handlers: a key another control used
  // (closing a dialog, say) is marked defaultPrevented and left alone.
  window.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      leave();
      return;
    }
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = true;
      return;
    }
    // Any other key, including Shift used for a capital letter, starts the count again.
    shiftAlone = false;
    resetShift();
  });

  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    // The presses must all fall within one window that opens with the first of them.
    if (shiftPresses === 0) shiftTimer = window.setTimeout(resetShift, SHIFT_WINDOW_MS);
    shiftPresses += 1;
    var left = SHIFT_PRESSES_TO_LEAVE - shiftPresses;
    if (left <= 0) {
      leave();
    } else {
      announce(exitLink.getAttribute("data-shift-" + left + "-text") || "");
    }
  });

  // A page restored from the back-forward cache could show answers or the blank screen.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
})();

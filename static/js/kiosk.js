/* Kiosk idle reset: a shared screen clears itself when nobody is using it.
   Without this file a <noscript> meta refresh clears the screen on a plain timer, and the
   server refuses answers older than the idle limit whatever happens here. This adds a
   warning with a countdown and "I'm still here", and lets any input put the clearing off.
   Written like exit.js: no build step, no modules.

   Escape is the quick exit here too, even while the warning shows (exit.js handles it):
   someone who presses Escape as another person walks up must leave, not just close a box.
   So the warning never closes on Escape; any other key or a touch keeps the screen. */
(function () {
  "use strict";

  var warning = document.querySelector("[data-idle-warning]");
  if (!warning) return;
  var idleMs = Number(warning.getAttribute("data-idle-seconds")) * 1000;
  var warningMs = Number(warning.getAttribute("data-warning-seconds")) * 1000;
  var resetUrl = warning.getAttribute("data-reset-url");
  var stillHereUrl = warning.getAttribute("data-still-here-url");
  // An empty screen (the start page, nobody's answers) resets quietly, without a warning.
  var nothingToClear = warning.hasAttribute("data-nothing-to-clear");
  var count = warning.querySelector("[data-idle-count]");
  var status = warning.querySelector("[data-idle-status]");
  var stay = warning.querySelector("[data-still-here]");
  if (!idleMs || !resetUrl) return;

  // The server counts idle time from the last request it saw, so input is passed on to it,
  // at most this often. Between keep-alives the deadline can come up to this much early.
  var KEEP_ALIVE_EVERY_MS = 15000;
  // Read out at these seconds left (the number on screen changes every second).
  var ANNOUNCE_AT = [20, 10, 5];

  var canKeepAlive = Boolean(window.fetch && stillHereUrl);
  var lastContact = Date.now(); // loading this page was a visit the server stamped
  var clearing = false;
  var secondsShown = null;
  var sending = null; // the AbortController of a keep-alive on its way

  // exit.js says when the person leaves (Escape is also input, so a keep-alive may have
  // just been sent). One still on its way is cancelled: the server would answer it with the
  // session cookie, answers and all, after the exit had cleared it. Nor may the idle reset
  // overtake the exit.
  document.addEventListener("leaving", function () {
    clearing = true;
    if (sending) sending.abort();
  });

  function isOpen() {
    return warning.hasAttribute("open");
  }

  function clearScreen() {
    if (clearing) return;
    clearing = true;
    // replace(): Back cannot return to the page that was cleared.
    window.location.replace(resetUrl);
  }

  function keepAlive() {
    lastContact = Date.now();
    sending = window.AbortController ? new AbortController() : null;
    window
      .fetch(stillHereUrl, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        signal: sending && sending.signal,
      })
      .then(function (response) {
        // 409: the server had already given up on this session; show the start page.
        if (response.status === 409) clearScreen();
      })
      .catch(function () {
        // Offline or failed: the countdown still clears the screen in time.
      });
  }

  function showWarning() {
    if (isOpen()) return;
    if (typeof warning.showModal === "function") {
      warning.showModal();
    } else {
      warning.setAttribute("open", "");
    }
    // The one thing to do is say "I'm still here": start there.
    if (stay) stay.focus();
  }

  function hideWarning() {
    if (!isOpen()) return;
    if (typeof warning.close === "function") {
      warning.close(); // focus returns to where it was before the warning
    } else {
      warning.removeAttribute("open");
    }
    if (status) status.textContent = "";
    secondsShown = null;
  }

  function stillHere() {
    hideWarning();
    keepAlive();
  }

  function tick() {
    if (clearing) return;
    var left = lastContact + idleMs - Date.now();
    if (left <= 0) {
      clearScreen();
      return;
    }
    if (left > warningMs || nothingToClear) return;
    showWarning();
    var seconds = Math.ceil(left / 1000);
    if (seconds === secondsShown) return;
    secondsShown = seconds;
    if (count) count.textContent = String(seconds);
    if (status && count && ANNOUNCE_AT.indexOf(seconds) !== -1) {
      status.textContent = count.parentNode.textContent;
    }
  }

  function onInput() {
    // While the warning shows, only its own controls (below) keep the screen.
    if (clearing || isOpen() || !canKeepAlive) return;
    if (Date.now() - lastContact >= KEEP_ALIVE_EVERY_MS) keepAlive();
  }

  ["pointerdown", "touchstart", "wheel"].forEach(function (type) {
    document.addEventListener(type, onInput, { passive: true });
  });

  document.addEventListener("keydown", function (event) {
    if (!isOpen()) {
      onInput();
      return;
    }
    if (event.key === "Escape" || event.key === "Esc" || !canKeepAlive) return;
    // Enter or Space would also press the "I'm still here" button, which reloads the page.
    if (event.key === "Enter" || event.key === " ") event.preventDefault();
    stillHere();
  });

  // While the warning is modal, a touch anywhere lands on it or its backdrop. Acting on the
  // click (not on pointerdown) means the touch cannot fall through to the page beneath.
  warning.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (link && link !== stay) return; // "Leave this site" leaves
    if (!canKeepAlive) return; // "I'm still here" then reloads the page, which also works
    event.preventDefault();
    stillHere();
  });

  // The browser's own Escape handling would close the warning with the countdown still
  // running; Escape means leave, which exit.js does.
  warning.addEventListener("cancel", function (event) {
    event.preventDefault();
  });

  window.setInterval(tick, 1000);
})();

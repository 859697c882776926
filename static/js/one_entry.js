/* One history entry for the whole visit. Without this file each page of the check is a new
   entry in the tab's history, so after leaving, Back leads into the check again. With it,
   every move inside the site replaces the current entry instead: links (the Back links and
   the language switcher too) by location.replace(), forms by fetch() and then
   location.replace() to where the server says to go (app/web/one_entry.py). So after leaving,
   one Back goes to the page before the check. Answers go to the server as they always did;
   nothing is kept in the browser. Without fetch & co. the browser moves as it always did.
   Written like exit.js: no build step, no modules; kept short, as every page loads it. */
(function () {
  "use strict";

  var w = window;
  var doc = document;
  if (!w.fetch || !w.AbortController || !w.URLSearchParams || !w.DOMParser) return;
  var left = false; // the quick exit has begun: nothing here may overtake it
  var sending = null; // the AbortController of the form post on its way, if any

  function ours(url) {
    return url.origin === location.origin;
  }

  function go(url) {
    if (!left) location.replace(url);
  }

  // exit.js says when the person leaves. A post still on its way is cancelled, so that its
  // answer (and its cookie, set after the exit cleared everything) can never arrive.
  doc.addEventListener("leaving", function () {
    left = true;
    if (sending) sending.abort();
  });

  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    // A click something else has taken (the exit link, "I'm still here"), a new tab or
    // window, a download and other sites are left to the browser. "#main-content" is not:
    // a move inside the page adds an entry too.
    if (
      link &&
      !event.defaultPrevented &&
      !(event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) &&
      ours(link) &&
      !link.hasAttribute("download") &&
      (!link.target || link.target === "_self")
    ) {
      event.preventDefault();
      go(link.href);
    }
  });

  doc.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var action = new URL(form.action);
    // Old browsers do not say which button was pressed (the start page's buttons carry the
    // answer): they, and forms for elsewhere or another window, submit as usual.
    if (
      event.defaultPrevented ||
      !("submitter" in event) ||
      !ours(action) ||
      (form.target && form.target !== "_self")
    ) {
      return;
    }
    var data = new FormData(form);
    if (button && button.name) data.append(button.name, button.value);
    if (form.method === "get") {
      event.preventDefault();
      action.search = new URLSearchParams(data);
      return go(action.href);
    }
    if (form.method !== "post") return;
    event.preventDefault();
    if (sending || left) return; // pressed again while sending: one post is enough
    button = button || form.querySelector("button");
    busy(button, true);
    sending = new AbortController();
    fetch(action.href, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      headers: { "X-History": "replace" },
      signal: sending.signal,
    }).then(
      function (response) {
        var next = response.headers.get("X-Next-Page");
        // The button stays busy while the next page loads.
        if (response.status === 204 && next) return go(next);
        // A redirect followed all the same (a proxy, an older server): that page, again.
        if (response.redirected) return go(response.url);
        return response.text().then(function (html) {
          sending = null;
          busy(button, false);
          if (!left && !showInPlace(html)) {
            // Not one of our pages (a proxy's error, say): the browser sends the form
            // again the ordinary way, with the button pressed, and shows what comes back.
            if (button && button.name) form.appendChild(hidden(button.name, button.value));
            HTMLFormElement.prototype.submit.call(form);
          }
        });
      },
      function () {
        // No connection: say so beside the button; the form stays as it was, to try again.
        sending = null;
        busy(button, false);
        if (left) return;
        var message = form.querySelector("[role=alert]") || doc.createElement("p");
        message.className = "error-message";
        message.setAttribute("role", "alert");
        message.textContent = doc.body.getAttribute("data-send-failed-text");
        form.insertBefore(message, button && button.parentNode === form ? button : null);
      }
    );
  });

  function busy(button, on) {
    if (!button) return;
    button.classList.toggle("is-busy", on);
    button.setAttribute("aria-disabled", on);
  }

  function hidden(name, value) {
    var input = doc.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  // A page in answer to a post is the same page with an error ("There is a problem"), or
  // "your answer did not go through": as without JavaScript, it shows at the address it was sent
  // from, so its main part and title take the place of this page's. Focus goes where a
  // page load would put it (autofocus: the error summary), or to the start of the content.
  function showInPlace(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var main = page.getElementById("main-content");
    var old = doc.getElementById("main-content");
    if (!main || !old) return false;
    old.parentNode.replaceChild(doc.adoptNode(main), old);
    doc.title = page.title;
    (main.querySelector("[autofocus]") || main).focus();
    // Scripts that enhance the content (listen.js) find the new content's controls.
    doc.dispatchEvent(new Event("contentreplaced"));
    return true;
  }
})();

/* Listen: reads the page aloud with the browser's own speech synthesis, using ONLY voices
   that run on the device (localService). A network voice would send the page's words to a
   speech service and tell a third party what this person is reading, so with no local
   voice for the page's language there is no button at all. The button is in the page with
   `hidden`, so without JavaScript it never shows. exit.js cancels speech when leaving. */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  if (!synth || !window.SpeechSynthesisUtterance) return;
  var language = document.documentElement.lang;
  // Looked up each time, not kept: one_entry.js can put a new page's content (with its own
  // button) in place of this one's, and says so with "contentreplaced".
  var button, label, listenText;

  function find() {
    button = document.querySelector("[data-listen]");
    if (!button) return false;
    label = button.querySelector("span") || button;
    listenText = label.textContent;
    return true;
  }
  var run = 0; // a new number for every reading, so events of a stopped one are ignored
  var speaking = false;
  var current = null;

  function localVoice() {
    var voices = synth.getVoices() || [];
    var found = null;
    for (var i = 0; i < voices.length; i++) {
      var voice = voices[i];
      if (!voice.localService) continue;
      if (voice.lang.toLowerCase().split(/[-_]/)[0] !== language) continue;
      if (voice["default"]) return voice;
      found = found || voice;
    }
    return found;
  }

  // Voices arrive later than the page in most browsers: offer the button once one is there.
  function offer() {
    if (!button) return;
    button.hidden = !localVoice();
    if (button.hidden) stop();
  }

  function show(element) {
    if (current) current.classList.remove("is-reading");
    current = element;
    if (element) element.classList.add("is-reading");
  }

  // Numbers to write down are read digit by digit, in their printed groups: phone numbers
  // (marked data-digits) and any number of 3 or more digits in the text ("call 999").
  function digits(number) {
    return number.trim().split(/\s+/).map(function (group) {
      return group.split("").join(" ");
    }).join(", ");
  }

  function words(node) {
    if (node.nodeType === 3) {
      return node.nodeValue.replace(/\d[\d ]*\d/g, function (number) {
        return number.replace(/\D/g, "").length > 2 ? digits(number) : number;
      });
    }
    if (node.nodeType !== 1 || node.getAttribute("aria-hidden") === "true") return "";
    if (node.hasAttribute("data-digits")) return " " + digits(node.textContent) + " ";
    var text = "";
    for (var child = node.firstChild; child; child = child.nextSibling) text += words(child);
    return text;
  }

  // What the page says, in order: headings, paragraphs, list items, hints and answers,
  // leaving out what is not content (forms marked data-unread, such as "Start again").
  var PARTS = "h1,h2,h3,p,li,label,.hint";

  function parts() {
    var found = document.querySelectorAll("main " + PARTS.split(",").join(",main "));
    var list = [];
    for (var i = 0; i < found.length; i++) {
      var element = found[i];
      // A part inside another (a paragraph in a list item) is read with it, once.
      if (element.parentNode.closest(PARTS) || element.closest("[data-unread]")) continue;
      var text = words(element).replace(/\s+/g, " ").trim();
      if (text) list.push([element, text]);
    }
    return list;
  }

  function start() {
    var voice = localVoice();
    if (!voice) return offer();
    // Only when needed: some Chromium versions drop a speak() that follows cancel() at once.
    if (synth.speaking || synth.pending) synth.cancel();
    var reading = ++run;
    var list = parts();
    speaking = true;
    label.textContent = button.getAttribute("data-stop-text");
    list.forEach(function (part, index) {
      var utterance = new window.SpeechSynthesisUtterance(part[1]);
      utterance.voice = voice;
      utterance.lang = language;
      utterance.onstart = function () {
        if (reading === run) show(part[0]);
      };
      utterance.onend = utterance.onerror = function () {
        if (reading === run && index === list.length - 1) stop();
      };
      synth.speak(utterance);
    });
  }

  function stop() {
    run++;
    show(null);
    if (speaking) synth.cancel();
    speaking = false;
    if (label) label.textContent = listenText;
  }

  find();
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
  else synth.onvoiceschanged = offer;
  document.addEventListener("click", function (event) {
    if (!button || !button.contains(event.target)) return;
    if (speaking) stop();
    else start();
  });
  // The content read so far is gone: stop, and offer the new page's button.
  document.addEventListener("contentreplaced", function () {
    stop();
    if (find()) offer();
  });
  // Speech must not outlive the page, nor go on in a tab that is no longer shown.
  window.addEventListener("pagehide", stop);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) stop();
  });
})();

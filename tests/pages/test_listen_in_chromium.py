"""The "Listen" button in a real browser, with speech synthesis replaced by a recording fake.

The fake (an init script, so it is in place before the page's own script runs) offers the
voices a test chooses, only after a `voiceschanged` event as real browsers do, records every
utterance and every cancel through a binding that outlives the page, and speaks nothing:
the test says when each utterance ends.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from app.checklist import load_checklist
from tests.support.browser import AXE_TAGS, open_page
from tests.support.page_states import SOME_YES, click_and_wait, reach, to_guidance
from tests.support.servers import PROJECT_ROOT, live_app

ENGLISH_ON_DEVICE = {"name": "eSpeak English", "lang": "en-GB", "localService": True}
ENGLISH_ONLINE = {"name": "Online English", "lang": "en-GB", "localService": False}
ROMANIAN_ON_DEVICE = {"name": "eSpeak Romanian", "lang": "ro-RO", "localService": True}
ROMANIAN_ONLINE = {"name": "Online Romanian", "lang": "ro_RO", "localService": False}

FAKE_SPEECH = """
(() => {
  const offered = %s;
  const log = (entry) => window.speechLog(entry);
  const queue = [];
  let voices = [];
  class FakeUtterance {
    constructor(text) {
      this.text = text; this.lang = ""; this.voice = null;
      this.onstart = null; this.onend = null; this.onerror = null;
    }
  }
  const synth = new EventTarget();
  Object.defineProperty(synth, "speaking", {get: () => queue.length > 0});
  Object.assign(synth, {
    getVoices: () => voices,
    speak(utterance) {
      log({event: "speak", text: utterance.text, lang: utterance.lang,
           voice: utterance.voice && utterance.voice.name});
      queue.push(utterance);
      if (queue.length === 1 && utterance.onstart) utterance.onstart({});
    },
    cancel() {
      log({event: "cancel"});
      // Also kept in the tab: a binding called while a page unloads may never arrive.
      sessionStorage.setItem("speechCancels", Number(sessionStorage.getItem("speechCancels")) + 1);
      const dropped = queue.splice(0);
      dropped.forEach((u) => u.onerror && u.onerror({error: "canceled"}));
    },
  });
  // The test's hand on the engine: the utterance being spoken ends, the next one starts.
  window.finishUtterance = () => {
    const done = queue.shift();
    if (done && done.onend) done.onend({});
    if (queue[0] && queue[0].onstart) queue[0].onstart({});
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = FakeUtterance;
  // Voices arrive after the page, as in Chromium and Safari.
  setTimeout(() => {
    voices = offered;
    synth.dispatchEvent(new Event("voiceschanged"));
  }, 50);
})();
"""


def with_fake_speech(page, voices: list[dict]) -> list[dict]:
    """Install the fake on every page this browser page opens; return its live log."""
    log: list[dict] = []
    page.expose_function("speechLog", lambda entry: log.append(entry))
    page.add_init_script(FAKE_SPEECH % json.dumps(voices))
    return log


def spoken(log) -> list[dict]:
    return [entry for entry in log if entry["event"] == "speak"]


def listen_button(page):
    return page.locator("button[data-listen]")


def said(text: str) -> str:
    """`text` as the page should hand it to the voice: numbers of 3 or more digits spoken
    digit by digit, in their printed groups."""

    def digit_by_digit(number):
        if len(re.sub(r"\D", "", number.group())) < 3:
            return number.group()
        return ", ".join(" ".join(group) for group in number.group().split())

    return re.sub(r"\d[\d ]*\d", digit_by_digit, text)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture(scope="module")
def romanian_base_url(destination):
    with live_app(
        CHECKLIST_PATH=PROJECT_ROOT / "checklists" / "romania.yaml", EXIT_URL=destination
    ) as address:
        yield address


def test_the_button_appears_once_a_voice_on_the_device_arrives(page, base_url):
    with_fake_speech(page, [ENGLISH_ONLINE, ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-1")
    button = page.get_by_role("button", name="Listen to this page")
    button.wait_for(state="visible")
    assert listen_button(page).count() == 1


@pytest.mark.parametrize(
    "voices",
    [[], [ENGLISH_ONLINE], [ROMANIAN_ON_DEVICE, ENGLISH_ONLINE]],
    ids=["no voices", "online voices only", "on-device voice in another language only"],
)
def test_no_button_without_a_voice_on_the_device_for_the_page_language(page, base_url, voices):
    with_fake_speech(page, voices)
    reach(page, base_url, "question-1")
    page.wait_for_timeout(200)  # after voiceschanged
    assert listen_button(page).count() == 1
    assert listen_button(page).is_hidden()


def test_no_button_without_javascript(page_without_js, base_url):
    reach(page_without_js, base_url, "question-1")
    assert listen_button(page_without_js).is_hidden()


def test_it_reads_the_question_its_hint_and_every_answer_with_the_device_voice(page, base_url):
    log = with_fake_speech(page, [ENGLISH_ONLINE, ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-1")
    listen_button(page).click()
    sign = load_checklist(PROJECT_ROOT / "checklist.yaml").questions[0]
    expected = [
        sign.question["someone_else"]["en"],
        *([sign.hint["someone_else"]["en"]] if sign.hint else []),
        "Yes",
        "No",
        "Not sure",
    ]
    assert [u["text"] for u in spoken(log)] == expected
    assert {(u["lang"], u["voice"]) for u in spoken(log)} == {("en", "eSpeak English")}

    # What is being read is shown, and follows the speech.
    assert page.locator(".is-reading").all_inner_texts() == [expected[0]]
    page.evaluate("finishUtterance()")
    assert page.locator(".is-reading").all_inner_texts() == [expected[1]]
    assert page.get_by_role("button", name="Stop reading aloud").is_visible()

    # At the end the button offers to listen again.
    for _ in expected[1:]:
        page.evaluate("finishUtterance()")
    assert page.locator(".is-reading").count() == 0
    assert page.get_by_role("button", name="Listen to this page").is_visible()


def test_a_second_press_stops_it(page, base_url):
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-2")
    listen_button(page).click()
    page.evaluate("finishUtterance()")
    cancels = sum(entry["event"] == "cancel" for entry in log)
    page.get_by_role("button", name="Stop reading aloud").click()
    assert sum(entry["event"] == "cancel" for entry in log) == cancels + 1
    assert page.locator(".is-reading").count() == 0
    assert page.evaluate("speechSynthesis.speaking") is False
    expect(page.get_by_role("button", name="Listen to this page")).to_be_focused()


def test_escape_while_reading_stops_the_speech_and_leaves(page, base_url, destination):
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-3")
    listen_button(page).click()
    assert page.evaluate("speechSynthesis.speaking") is True
    page.keyboard.press("Escape")
    page.wait_for_url(destination)
    assert log[-1] == {"event": "cancel"}, log[-3:]


def test_leaving_the_page_another_way_stops_the_speech(page, base_url):
    with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-2")
    listen_button(page).click()
    assert page.evaluate("sessionStorage.getItem('speechCancels')") is None
    click_and_wait(page, page.get_by_role("link", name="Back"))
    assert page.evaluate("sessionStorage.getItem('speechCancels')") == "1"


def test_hiding_the_tab_stops_the_speech(page, base_url):
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, "question-2")
    listen_button(page).click()
    page.evaluate(
        """() => {
            Object.defineProperty(document, "hidden", {value: true, configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    assert log[-1] == {"event": "cancel"}
    assert page.locator(".is-reading").count() == 0
    assert page.get_by_role("button", name="Listen to this page").is_visible()


def test_the_interruption_page_is_read_in_order(page, base_url):
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, "before-you-start")
    listen_button(page).click()
    texts = [u["text"] for u in spoken(log)]
    assert texts[0] == "If you need to leave this site quickly"
    assert (
        texts[-1] == "To come back, go to this site's address again and start from the beginning."
    )
    assert len(texts) == 1 + len(page.locator(".interruption p").all())


def test_the_guidance_is_read_section_by_section_with_numbers_digit_by_digit(page, base_url):
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE])
    to_guidance(page, base_url, SOME_YES, "adult")
    listen_button(page).click()
    texts = [u["text"] for u in spoken(log)]
    headings = [
        said(text) for text in page.locator("main h1, main section.guidance > h2").all_inner_texts()
    ]
    assert [text for text in texts if text in headings] == headings
    assert "If anyone is in immediate danger, call 9 9 9" in headings
    # The Helpline's number, grouped as printed, so it can be written down.
    assert "Phone: 0 8 0 0 0, 1 2 1, 7 0 0" in texts
    assert any("1 8 0 0 1, 1 0 1" in text for text in texts)  # police text relay
    assert any("call 9 9 9" in text for text in texts)  # a number inside the guidance text
    # "Start again" is a control, not guidance.
    assert "Starting again clears all your answers." not in texts


def test_a_romanian_page_is_read_in_romanian(browser, request, romanian_base_url):
    page = open_page(browser, request, viewport={"width": 360, "height": 740})
    page.set_extra_http_headers({"Accept-Language": "ro-RO,ro;q=0.9"})
    log = with_fake_speech(page, [ENGLISH_ON_DEVICE, ROMANIAN_ONLINE, ROMANIAN_ON_DEVICE])
    page.goto(f"{romanian_base_url}/")
    click_and_wait(page, page.locator("button[value=someone_else]"))
    click_and_wait(page, page.locator("main form:not([method=post]) button"))
    page.get_by_role("button", name="Ascultați această pagină").click()

    checklist = load_checklist(PROJECT_ROOT / "checklists" / "romania.yaml")
    sign = checklist.questions[0]
    answers = [option.label["ro"] for option in checklist.options_for(sign)]
    expected = [
        sign.question["someone_else"]["ro"],
        *([sign.hint["someone_else"]["ro"]] if sign.hint else []),
        *answers,
    ]
    assert [u["text"] for u in spoken(log)] == expected
    assert {(u["lang"], u["voice"]) for u in spoken(log)} == {("ro", "eSpeak Romanian")}
    assert page.get_by_role("button", name="Opriți citirea cu voce tare").is_visible()


@pytest.mark.parametrize("state", ["before-you-start", "question-1-error", "guidance-child"])
def test_no_axe_violations_while_reading(page, base_url, axe, state):
    with_fake_speech(page, [ENGLISH_ON_DEVICE])
    reach(page, base_url, state)
    listen_button(page).click()
    page.evaluate("finishUtterance()")
    assert page.locator(".is-reading").count() == 1
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()

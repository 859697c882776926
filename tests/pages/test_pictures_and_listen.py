"""A pictogram for each sign, and the "Listen" button's place in the pages (its behaviour is
tested in a real browser: tests/pages/test_listen_in_chromium.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from app.checklist import ChecklistError, load_checklist
from app.checklist.fingerprints import fingerprint
from app.checklist.pictures import PICTURE_FOLDER, picture_names
from app.pages.pictures import drawing
from tests.support.pages import begin, complete_check, parse, submit, text_of
from tests.support.project import CHECKLIST_FILES, REAL_CHECKLIST

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "circle", "line", "polyline", "rect", "ellipse"}
ALL_YES = dict.fromkeys(["appearance", "behaviour", "work", "housing", "control"], "yes")


@pytest.mark.parametrize("name", sorted(picture_names()))
def test_each_picture_is_a_small_line_drawing_in_the_text_colour(name):
    root = ElementTree.parse(PICTURE_FOLDER / f"{name}.svg").getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 48 48"
    assert (root.get("fill"), root.get("stroke")) == ("none", "currentColor")
    for shape in root.iter():
        if shape is root:
            continue
        # Only plain shapes: no colours of their own, no text, links, scripts or styles.
        assert shape.tag.removeprefix(SVG) in SHAPES, shape.tag
        assert not {"fill", "stroke", "style", "href"} & set(shape.attrib), shape.attrib
    assert len(drawing(name)) < 400, "each picture is sent inline with every page showing it"


@pytest.mark.parametrize("path", CHECKLIST_FILES, ids=lambda path: path.name)
def test_every_sign_in_every_checklist_has_a_picture(path):
    checklist = load_checklist(path)
    pictures = [sign.picture.name for sign in checklist.signs if sign.picture]
    assert len(pictures) == len(checklist.signs)
    assert len(set(pictures)) == len(pictures), "each sign its own picture"


@pytest.mark.parametrize("language", ["en", "ro"])
def test_a_sign_question_shows_its_picture_described_in_the_page_language(client, language):
    client.get(f"/?lang={language}")
    begin(client)
    page = parse(client.get("/questions/appearance"))
    picture = page.select_one("fieldset svg.picture")
    assert picture.get("role") == "img"
    description = load_checklist(CHECKLIST_FILES[0]).question("appearance").picture.description
    assert picture["aria-label"] == description[language]
    # Beside the question, not inside the legend that names the answers.
    assert picture.find_parent("legend") is None
    assert picture.find_previous_sibling("legend") is not None


def test_a_question_without_a_picture_shows_none(client):
    begin(client)
    complete_check(client, {}, audience="someone_else")
    assert parse(client.get("/questions/age")).select("svg.picture") == []


def test_what_you_noticed_shows_each_signs_picture_hidden_from_screen_readers(client):
    complete_check(client, ALL_YES, audience="someone_else")
    items = parse(client.get("/what-to-do-next")).select(".noticed li")
    assert len(items) == 5
    for item in items:
        picture = item.select_one("svg.picture")
        assert picture["aria-hidden"] == "true" and not picture.has_attr("aria-label")
        assert text_of(item)  # the sign's own words are beside it


def test_a_decorative_picture_is_hidden_from_screen_readers(
    make_app, checklist_data, write_checklist
):
    checklist_data["questions"][0]["picture"] = {"name": "injured", "decorative": True}
    client = make_app(CHECKLIST_PATH=str(write_checklist(checklist_data))).test_client()
    begin(client)
    picture = parse(client.get("/questions/appearance")).select_one("svg.picture")
    assert picture["aria-hidden"] == "true" and not picture.has_attr("role")


@pytest.mark.parametrize(
    "picture, message",
    [
        (
            {"name": "no_such_drawing", "decorative": True},
            "there is no picture 'no_such_drawing' (pictures: afraid, controlled, housing, "
            "injured, work)",
        ),
        ({"name": "injured"}, "a picture needs either a `description`"),
        (
            {
                "name": "injured",
                "decorative": True,
                # A well-formed text, with the record of what its translations are made from.
                "description": {
                    **dict.fromkeys(load_checklist(REAL_CHECKLIST).languages, "x"),
                    "translated_from": dict.fromkeys(
                        load_checklist(REAL_CHECKLIST).languages[1:], fingerprint("x")
                    ),
                },
            },
            "a picture needs either a `description`",
        ),
        ({"name": "injured", "description": {"en": "A person"}}, "no translation for 'ro'"),
    ],
)
def test_a_wrong_picture_is_refused_with_its_place(
    checklist_data, write_checklist, picture, message
):
    checklist_data["questions"][2]["picture"] = picture
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    assert "questions → item 3 (id 'work') → picture" in report
    assert message in report


def listen_button(page):
    return page.select_one("main button[data-listen]")


def test_the_listen_button_is_on_questions_the_interruption_page_and_the_guidance(client):
    assert listen_button(parse(client.get("/"))) is None
    begin(client)
    assert listen_button(parse(client.get("/before-you-start"))) is not None
    question = parse(submit(client, "/questions/appearance", {}))  # with its error
    button = listen_button(question)
    # Hidden until listen.js finds a voice on the device; a plain button, not a submit.
    assert button.has_attr("hidden") and button["type"] == "button"
    assert text_of(button) == "Listen to this page"
    assert button["data-stop-text"] == "Stop reading aloud"
    assert button.select_one("svg")["aria-hidden"] == "true"
    complete_check(client, ALL_YES)
    assert listen_button(parse(client.get("/check-your-answers"))) is None
    guidance = parse(client.get("/what-to-do-next"))
    assert listen_button(guidance) is not None
    # "Start again" is not read out with the guidance.
    assert guidance.select_one("form.start-again").has_attr("data-unread")


def test_the_listen_button_speaks_the_page_language(client):
    client.get("/?lang=ro")
    begin(client)
    button = listen_button(parse(client.get("/questions/appearance")))
    assert text_of(button) == "Ascultați această pagină"
    assert button["data-stop-text"] == "Opriți citirea cu voce tare"


def test_phone_numbers_are_marked_to_be_read_digit_by_digit(client):
    complete_check(client, ALL_YES, age="under_18")
    page = parse(client.get("/what-to-do-next"))
    marked = [text_of(number) for number in page.select("[data-digits]")]
    for phone_link in page.select("main a[href^='tel:']"):
        assert phone_link.has_attr("data-digits"), phone_link
    assert "08000 121 700" in marked
    assert "18001 101" in marked  # a text relay number

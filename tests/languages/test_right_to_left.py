"""Right-to-left languages: the direction comes from the language, contact details stay left
to right inside right-to-left text, and the pages built outside a request (the prebuilt
table, the matrix review pages) say their direction too. That every page state in every
language has its `lang` and `dir` is in tests/languages/test_every_language.py.

The page tests use Arabic, the checklist's right-to-left language; the browser checks of
the same (the layout mirrors, nothing scrolls sideways) are in
tests/languages/test_right_to_left_in_chromium.py.
"""

import pytest
from click.testing import CliRunner

from app.cli import checklist_group
from app.pages.bidi import isolate_numbers
from app.pages.languages import text_direction
from tests.support.pages import SIGN_IDS, answer, begin, complete_check, parse
from tests.support.project import REAL_CHECKLIST

# The tests' own knowledge of which scripts run right to left; the app asks the locale.
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "ps"}
ALL_YES = dict.fromkeys(SIGN_IDS, "yes")


@pytest.mark.parametrize("code", ["ar", "he", "fa", "ur", "en", "ro", "sq", "vi", "so"])
def test_the_direction_comes_from_the_language_itself(code):
    assert text_direction(code) == ("rtl" if code in RIGHT_TO_LEFT else "ltr")


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "اتصل على 0800 0121 700 الآن",
            'اتصل على <bdi dir="ltr">0800 0121 700</bdi> الآن',
        ),
        ("Call +44 20 7946 0000.", 'Call <bdi dir="ltr">+44 20 7946 0000</bdi>.'),
        (
            "Two: 0800 1111 and 116\u00a0123",
            'Two: <bdi dir="ltr">0800 1111</bdi> and <bdi dir="ltr">116\u00a0123</bdi>',
        ),
        # One group keeps its order by itself; numbers next to words are not joined.
        ("Call 999, or 101 from 9 to 5", "Call 999, or 101 from 9 to 5"),
        ("<b>0800 1111</b> & co", '&lt;b&gt;<bdi dir="ltr">0800 1111</bdi>&lt;/b&gt; &amp; co'),
    ],
)
def test_numbers_written_in_groups_are_held_left_to_right(text, html):
    assert str(isolate_numbers(text)) == html


def _assert_direction(page, code, where):
    expected = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    assert (page.html.get("lang"), page.html.get("dir")) == (code, expected), where
    for name in page.select(".language-switcher li > *"):
        own = name["lang"]
        assert name.get("dir") == ("rtl" if own in RIGHT_TO_LEFT else "ltr"), (where, own)


@pytest.mark.parametrize("kiosk", [False, True], ids=["public", "kiosk"])
def test_contact_details_read_left_to_right_inside_arabic(make_app, kiosk):
    client = make_app(KIOSK_MODE=kiosk).test_client()
    client.get("/?lang=ar")
    page = parse(complete_check(client, ALL_YES, age="under_18"))
    # Links on a public page; on a kiosk plain text (numbers, web and email addresses).
    details = page.select(
        "[data-digits], a[href^='tel:'], a[href^='mailto:'], a[href^='http'], .contact li > span"
    )
    assert len(details) >= 8
    for detail in details:
        assert detail.get("dir") == "ltr", detail


def test_statement_pages_hold_contact_details_left_to_right(client):
    client.get("/?lang=ar")
    for address in ["/accessibility", "/privacy"]:
        page = parse(client.get(address))
        links = page.select("main a[href^='tel:'], main a[href^='mailto:'], main a[href^='http']")
        assert links, address
        assert all(link.get("dir") == "ltr" for link in links), address


def test_question_pages_from_the_prebuilt_table_say_their_direction(client):
    client.get("/?lang=ar")
    begin(client)
    for question in SIGN_IDS:
        response = client.get(f"/questions/{question}")
        assert response.status_code == 200, question
        _assert_direction(parse(response), "ar", question)
        answer(client, question, "yes")


def test_the_matrix_review_pages_say_their_direction(tmp_path):
    folder = tmp_path / "review"
    result = CliRunner().invoke(
        checklist_group, ["matrix", "--html", str(folder), str(REAL_CHECKLIST)]
    )
    assert result.exit_code == 0, result.output
    arabic = sorted(folder.glob("outcome-*.ar.html"))
    assert arabic, "needs the Arabic translation"
    for path in arabic:
        assert '<html lang="ar" dir="rtl"' in path.read_text(encoding="utf-8"), path.name

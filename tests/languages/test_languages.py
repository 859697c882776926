"""English and Romanian: the choice, the switcher, and complete translations."""

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from app.checklist import ChecklistError, load_checklist
from app.pages.languages import TRANSLATIONS
from tests.support.pages import SIGN_IDS, answer, begin, complete_check, parse, text_of
from tests.support.project import PROJECT_ROOT

ROMANIAN = {"Accept-Language": "ro-RO,ro;q=0.9,en;q=0.5"}


def choose_romanian(client):
    client.get("/?lang=ro")


def test_the_browser_language_is_used_when_nothing_was_chosen(client):
    page = parse(client.get("/", headers=ROMANIAN))
    assert page.html["lang"] == "ro"
    assert text_of(page.select_one("h1")) == "Verificați dacă există semne de sclavie modernă"
    for header, expected in [("fr-FR,fr", "en"), ("", "en"), ("en-GB,en;q=0.8", "en")]:
        assert parse(client.get("/", headers={"Accept-Language": header})).html["lang"] == expected


def test_a_chosen_language_beats_the_browser_and_keeps_page_and_answers(client):
    begin(client)
    answer(client, "appearance", "yes")
    answer(client, "behaviour", "not_sure")
    response = client.get("/questions/work?lang=ro")
    assert response.status_code == 303
    assert response.headers["Location"] == "/questions/work"
    page = parse(client.get("/questions/work", headers={"Accept-Language": "en"}))
    assert page.html["lang"] == "ro"
    assert text_of(page.select_one(".caption")) == "Întrebarea 3 din 6"
    answer(client, "work", "no")
    back = parse(client.get("/questions/behaviour"))
    assert back.select_one("input[checked]")["value"] == "not_sure"
    assert text_of(back.select_one("label[for=answer-3]")) == "Nu știu sigur"


def test_switching_on_a_change_link_keeps_the_change(client):
    complete_check(client, {})
    response = client.get("/questions/age?change=1&lang=ro")
    assert response.headers["Location"] == "/questions/age?change=1"


def test_the_switcher_names_each_language_in_itself(client):
    page = parse(client.get("/staying-safe-online"))
    switcher = page.select_one("nav.language-switcher")
    assert switcher["aria-label"] == "Language"
    current = switcher.select_one("[aria-current=true]")
    assert (text_of(current), current["lang"]) == ("English", "en")
    link = switcher.select_one("a")
    assert (text_of(link), link["lang"], link["hreflang"]) == ("Română", "ro", "ro")
    assert link["href"] == "/staying-safe-online?lang=ro"


def test_the_switcher_points_back_at_the_same_page(client):
    begin(client)
    link = parse(client.get("/questions/appearance")).select_one("nav.language-switcher a")
    assert link["href"] == "/questions/appearance?lang=ro"


def test_an_unknown_language_is_ignored(client):
    response = client.get("/staying-safe-online?lang=xx")
    assert response.headers["Location"] == "/staying-safe-online"
    assert parse(client.get("/staying-safe-online")).html["lang"] == "en"


def test_switching_cannot_send_anyone_to_another_site(client):
    # A request for the path "//elsewhere.example/", as a browser can send it.
    twice_slashed = {"PATH_INFO": "//elsewhere.example/"}
    response = client.get("/?lang=ro", environ_overrides=twice_slashed)
    assert response.headers["Location"] == "/elsewhere.example/"
    page = parse(client.get("/", environ_overrides=twice_slashed))
    for link in page.select("nav.language-switcher a"):
        assert not link["href"].startswith("//")


def test_leaving_forgets_the_language(client):
    choose_romanian(client)
    assert parse(client.get("/")).html["lang"] == "ro"
    client.get("/exit")
    assert parse(client.get("/")).html["lang"] == "en"


@pytest.mark.parametrize(
    ("audience", "expected_heading", "expected_rule"),
    [
        ("someone_else", "Spuneți cuiva ce vă îngrijorează", "report_concern"),
        ("myself", "Puteți primi ajutor", "support_for_me"),
    ],
)
def test_the_whole_journey_in_romanian(client, audience, expected_heading, expected_rule):
    choose_romanian(client)
    begin(client, audience)
    intro = parse(client.get("/before-you-start"))
    assert intro.html["lang"] == "ro"
    assert text_of(intro.select_one("a.exit-link")) == "Părăsiți site-ul"
    for sign in SIGN_IDS:
        page = parse(client.get(f"/questions/{sign}"))
        assert page.html["lang"] == "ro"
        labels = [text_of(label) for label in page.select(".radios__label")]
        assert labels == ["Da", "Nu", "Nu știu sigur"]
        answer(client, sign, "yes" if sign == "work" else "no")
    errors = parse(client.post("/questions/age", data={"csrf_token": "x"}))
    assert "Ne pare rău" in text_of(errors.select_one("h1"))
    answer(client, "age", "adult")
    check = parse(client.get("/check-your-answers"))
    assert text_of(check.select_one("h1")) == "Verificați-vă răspunsurile"
    page = parse(client.get("/what-to-do-next"))
    assert page.html["lang"] == "ro"
    section = page.select_one(f"#guidance-{expected_rule}")
    assert text_of(section) == expected_heading
    assert page.select_one("a[href='tel:08000121700']") is not None
    body = text_of(page.select_one("main"))
    for english in ["Tell someone", "You can get help", "What you noticed", "Phone:"]:
        assert english not in body


def test_a_checklist_missing_a_translation_names_each_missing_text(checklist_data, write_checklist):
    checklist_data["questions"][2]["question"]["myself"].pop("ro")
    checklist_data["contacts"][1]["description"].pop("ro")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    assert len(caught.value.faults) == 2
    assert (
        "questions → item 3 (id 'work') → question → myself: the text has no translation for 'ro'"
    ) in report
    assert "contacts → item 2 (id 'helpline') → description" in report


def test_every_interface_text_is_translated_in_every_catalogue(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            *(sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"),
            *("-k", "_l", "-k", "lazy_gettext", "-o", str(template), "."),
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as source:
        wanted = {message.id for message in read_po(source) if message.id}
    catalogues = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert catalogues, "no catalogues found"
    for path in catalogues:
        with path.open("rb") as source:
            catalogue = read_po(source)
        translated = {
            message.id
            for message in catalogue
            if message.id and not message.fuzzy and all(_strings(message))
        }
        missing = wanted - translated
        assert not missing, f"{path.parent.parent.name}: untranslated {sorted(missing)}"


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)

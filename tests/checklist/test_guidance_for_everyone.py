"""The eleven faults found in the guidance (issue 14), each checked on what people see.

Each test reads the guidance pages as the app serves them, for every distinct outcome of
the combinations that matter (the same enumeration that `flask checklist matrix` and the
start-up safety checks use), in the languages a person can choose. Each failed on the
checklists as they were before the issue was fixed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from app.checklist import Checklist
from app.checklist.combinations import Combination
from app.checklist.outcomes import distinct_outcomes
from app.cli.matrix import guidance_page
from tests.support.pages import complete_check, parse, submit, text_of
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST

ROMANIA = PROJECT_ROOT / "checklists" / "romania.yaml"
CHILD_AGES = ("under_18", "unknown")  # the person is, or may be, under 18

# Words that tell a person their identity or words stay with the service, by language, and
# the words that state an exception beside them (a child, someone in danger).
# Words of each language, as its translator chose them (docs/translation-review/).
KEEPING_WORDS = {
    "en": ("anonymous", "confidential", "private", "give your name"),
    "ro": ("anonim", "confidențial", "spuneți numele"),
    "sq": ("anonim", "konfidencial", "private", "jepni emrin"),
    "vi": ("giấu tên", "giữ kín", "nói tên"),
    # Not سري: it is inside القسري ("forced").
    "ar": ("هويتك", "سرية", "اسمك"),
}
EXCEPTION_WORDS = {
    "en": ("child", "danger"),
    "ro": ("copil", "pericol"),
    "sq": ("fëmij", "rrezik"),
    "vi": ("trẻ em", "nguy hiểm"),
    "ar": ("طفل", "خطر"),
}
# Saying that a service is NOT anonymous is the opposite of a promise.
DENIAL_WORDS = {
    "en": ("not anonymous",),
    "ro": ("nu este anonim",),
    "sq": ("nuk është anonim",),
    "vi": ("không giấu tên",),
    "ar": ("سيطلبون منك اسمك",),
}
# The one UK service whose anonymity has no exception.
ALWAYS_ANONYMOUS = "crimestoppers"


def pages(
    make_app, path, where: Callable[[Combination], bool], languages=None
) -> list[tuple[Combination, str, BeautifulSoup]]:
    """The guidance page of every distinct outcome whose example matches `where`."""
    app = make_app(CHECKLIST_PATH=str(path))
    checklist: Checklist = app.extensions["checklist"]
    client = app.test_client()
    found = []
    for outcome in distinct_outcomes(checklist):
        combination = outcome.example.combination
        if not where(combination):
            continue
        for language in languages or checklist.languages:
            html = guidance_page(client, combination, language)
            found.append((combination, language, BeautifulSoup(html, "html.parser")))
    assert found, "no combination matched"
    return found


def may_be_a_child(combination: Combination) -> bool:
    return combination.answers["age"] in CHILD_AGES


def contact_card(page, contact_id):
    heading = page.select_one(f"#contact-{contact_id}")
    return heading.find_parent("section") if heading else None


def section(page, rule_id):
    heading = page.select_one(f"#guidance-{rule_id}")
    return heading.find_parent("section") if heading else None


def numbers_on(page) -> list[str]:
    return [a["href"] for a in page.select("main a[href^='tel:']")]


# 1. No promise of anonymity or confidentiality to, or about, a child without the exception.
@pytest.mark.parametrize("path", [REAL_CHECKLIST, ROMANIA], ids=["uk", "romania"])
def test_1_no_child_is_promised_anonymity_without_the_exception(make_app, path):
    for combination, language, page in pages(make_app, path, may_be_a_child):
        always_anonymous = contact_card(page, ALWAYS_ANONYMOUS)
        for item in page.select("main p, main li"):
            words = text_of(item).lower()
            if not any(word in words for word in KEEPING_WORDS[language]):
                continue
            if always_anonymous is not None and always_anonymous in item.parents:
                continue
            if ALWAYS_ANONYMOUS in words:
                continue  # names the service that keeps anonymity without exception
            if any(word in words for word in DENIAL_WORDS[language]):
                continue
            assert any(word in words for word in EXCEPTION_WORDS[language]), (
                f"{combination} ({language}): {text_of(item)!r} promises to keep a child's "
                "identity or words without saying when they are passed on"
            )


# 2. A child worried about themself gets Childline and the Helpline, in a child's words; so
#    does someone who does not know their age.
@pytest.mark.parametrize("age", CHILD_AGES)
def test_2_a_child_worried_about_themself_is_given_childline_and_the_helpline(client, age):
    page = parse(complete_check(client, {"control": "yes"}, audience="myself", age=age))
    child = section(page, "support_for_me_child")
    assert child is not None, "no section for someone who may be under 18"
    assert "You have a right to be safe" in text_of(child)
    assert child.select_one("a[href='tel:08001111']") is not None, "Childline"
    assert "tel:08000121700" in numbers_on(page), "the Helpline"


# 3. No promise of outcomes for any immigration status; only that anyone can call.
def test_3_no_promise_about_immigration_status(make_app):
    for combination, _, page in pages(make_app, REAL_CHECKLIST, lambda c: True, ["en"]):
        words = text_of(page.select_one("main"))
        assert "help is available whatever your immigration status" not in words
        if combination.audience == "myself":
            assert "You can call them whatever your immigration status" in words


# 4. emergencySMS is something to set up now, before any emergency.
def test_4_emergency_sms_is_set_up_in_advance(make_app):
    for combination, language, page in pages(make_app, REAL_CHECKLIST, lambda c: True):
        card = text_of(contact_card(page, "emergency"))
        if language == "en":
            assert "set up emergencySMS now, before you need it" in card, combination
            assert 'Text "register" to 999. Then reply "yes".' in card
        else:
            # What a person texts is the same in every language: the service reads English.
            assert "emergencySMS" in card and "register" in card and "yes" in card, language
            if language == "ro":
                assert "Activați de acum emergencySMS, înainte de o urgență" in card


# 5. The GLAA investigates exploitation; it is not an advice line on pay.
def test_5_the_glaa_is_not_offered_for_pay_disputes(client):
    card = text_of(contact_card(parse(complete_check(client, {"work": "yes"})), "glaa"))
    assert "unfair pay" not in card
    assert "forced labour and labour exploitation" in card
    assert "It does not give advice on everyday problems with pay or holidays" in card


# 6. "Do not confront anyone" on every page about someone else, signs or not, child or not.
@pytest.mark.parametrize("path", [REAL_CHECKLIST, ROMANIA], ids=["uk", "romania"])
def test_6_every_page_about_someone_else_says_do_not_confront(make_app, path):
    about_someone_else = lambda c: c.audience == "someone_else"  # noqa: E731
    for combination, language, page in pages(make_app, path, about_someone_else, ["en"]):
        assert "Do not confront the person you are worried about" in text_of(page), (
            combination,
            language,
        )


# 7. A child with no sign seen still has the non-emergency routes: 101, children's services.
def test_7_a_child_with_no_signs_has_the_non_emergency_routes(client):
    page = parse(complete_check(client, {}, age="under_18"))
    child = section(page, "child_someone_else")
    assert "tel:101" in numbers_on(page)
    assert child.select_one("a[href='tel:101']") is not None
    assert "children's services at the local council" in text_of(child)


# 8. The Helpline's interpreters, in both languages of the UK check.
@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "You can ask for an interpreter"), ("ro", "Puteți cere un interpret")],
)
def test_8_the_helpline_offers_an_interpreter(make_app, language, words):
    for combination, _, page in pages(make_app, REAL_CHECKLIST, lambda c: True, [language]):
        helpline = contact_card(page, "helpline")
        if helpline is not None:
            assert words in text_of(helpline), combination


# 9. Romania: 119 for every child's route, said to be not anonymous.
def test_9_romanian_child_routes_give_119_and_say_it_is_not_anonymous(make_app):
    for combination, language, page in pages(make_app, ROMANIA, may_be_a_child):
        assert "tel:119" in numbers_on(page), combination
        card = text_of(contact_card(page, "telefonul_copilului"))
        assert ("Apelul nu este anonim" if language == "ro" else "not anonymous") in card
        assert "You can stay anonymous" not in card
        assert "Vă puteți păstra anonimatul" not in card


# 10. One honest account of where answers are: in this browser, in a cookie, for a time.
@pytest.mark.parametrize(
    ("language", "kept", "lifetime", "never"),
    [
        ("en", "We do not keep your answers", "60 minutes after your last answer", "stored"),
        ("ro", "Nu vă păstrăm răspunsurile", "60 de minute după ultimul răspuns", "salva"),
    ],
)
def test_10_the_service_says_honestly_where_answers_are(make_app, language, kept, lifetime, never):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/broken", view_func=broken)
    client = app.test_client()
    client.get(f"/?lang={language}")
    start = text_of(parse(client.get("/")).select_one("main"))
    assert kept in start
    assert "cookie" in start
    assert lifetime in start
    submit(client, "/", button={"audience": "someone_else"})
    expired = client.post("/questions/appearance", data={"answer": "yes"})  # no form token
    assert expired.status_code == 400
    failure = client.get("/broken")
    assert failure.status_code == 500
    for response in [client.get("/"), expired, failure]:
        assert never not in text_of(parse(response)).lower()


# 11. Natural Romanian, with comma-below ș and ț.
ROMANIAN_TEXTS = [
    REAL_CHECKLIST,
    ROMANIA,
    PROJECT_ROOT / "app" / "translations" / "ro" / "LC_MESSAGES" / "messages.po",
]
CALQUES = ["vă confruntați", "să aveți certitudinea", "știți nimic cu certitudine", "1 dată"]


def test_11_the_romanian_is_natural_and_spelt_with_comma_below(client):
    for path in ROMANIAN_TEXTS:
        text = path.read_text(encoding="utf-8")
        for cedilla in "şţŞŢ":
            assert cedilla not in text, f"{path.name}: {cedilla!r} (cedilla) for ș/ț"
        for calque in CALQUES:
            assert calque not in text, f"{path.name}: {calque!r}"
        for prefix in ["%(num)s dată"]:
            assert prefix not in text, path.name
    client.get("/?lang=ro")
    exit_link = parse(client.get("/")).select_one("a.exit-link")
    assert exit_link["data-shift-1-text"] == "Shift: mai apăsați o dată ca să ieșiți"

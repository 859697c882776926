"""The guidance page: the checklist's rules choose the right places for each person."""

from tests.support.pages import complete_check, parse, text_of

EMERGENCY = "tel:999"
HELPLINE = "tel:08000121700"
CRIMESTOPPERS = "tel:0800555111"
POLICE = "tel:101"
GLAA = "tel:08004320804"
NSPCC = "tel:08088005000"
SALVATION_ARMY = "tel:08008083733"
CHILDLINE = "tel:08001111"
EVERY_NUMBER = {EMERGENCY, HELPLINE, CRIMESTOPPERS, POLICE, GLAA, NSPCC, SALVATION_ARMY, CHILDLINE}


def numbers_on(page) -> set[str]:
    return {a["href"] for a in page.select("main a[href^='tel:']")}


def section(page, rule_id):
    heading = page.select_one(f"#guidance-{rule_id}")
    return heading.find_parent("section") if heading else None


def guidance(client, answers, **journey):
    return parse(complete_check(client, answers, **journey))


def test_emergency_number_with_text_relay_is_always_first(client):
    for answers in [{}, {"appearance": "yes"}]:
        page = guidance(client, answers)
        first = page.select("main section.guidance")[0]
        assert "call 999" in text_of(first.select_one("h2"))
        assert first.select_one(f"a[href='{EMERGENCY}']") is not None
        assert "Text relay: 18000" in text_of(first)


def test_any_yes_sends_people_to_the_helpline_first_then_anonymous_and_police(client):
    page = guidance(client, {"behaviour": "yes"})
    report = section(page, "report_concern")
    assert report is not None
    found = [a["href"] for a in report.select("a[href^='tel:']")]
    assert found == [HELPLINE, CRIMESTOPPERS, POLICE]
    helpline = report.select_one("#contact-helpline").find_parent("section")
    assert "24 hours a day, every day" in text_of(helpline)
    # The Helpline keeps a caller's name and words private, with exceptions it must state.
    assert "You can stay anonymous" not in text_of(helpline)
    assert "You do not have to give your name" in text_of(helpline)
    assert "if a child is at risk" in text_of(helpline)
    crimestoppers = report.select_one("#contact-crimestoppers").find_parent("section")
    assert "completely anonymous" in text_of(crimestoppers)
    assert "You can stay anonymous" in text_of(crimestoppers)
    assert section(page, "no_clear_signs") is None
    assert numbers_on(page) == {EMERGENCY, HELPLINE, CRIMESTOPPERS, POLICE}


def test_only_no_and_not_sure_gives_advice_without_urging_a_report(client):
    page = guidance(client, {"appearance": "not_sure", "control": "not_sure"})
    advice = section(page, "no_clear_signs")
    assert "not always obvious" in text_of(advice)
    assert "You do not have to make a report" in text_of(advice)
    assert section(page, "report_concern") is None
    assert section(page, "what_you_noticed") is None
    assert numbers_on(page) == {EMERGENCY, HELPLINE}


def test_work_signs_add_the_glaa(client):
    page = guidance(client, {"work": "yes"})
    assert section(page, "labour_exploitation").select_one(f"a[href='{GLAA}']") is not None
    assert GLAA in numbers_on(page)
    assert GLAA not in numbers_on(guidance(client, {"work": "not_sure", "housing": "yes"}))


def test_a_child_must_always_be_referred_and_the_nspcc_is_offered(client):
    page = guidance(client, {}, age="under_18")
    child = section(page, "child_someone_else")
    assert "must always be referred" in text_of(child)
    assert "Call 999 if the child is in immediate danger" in text_of(child)
    assert child.select_one(f"a[href='{NSPCC}']") is not None
    assert "help@nspcc.org.uk" in text_of(child)


def test_a_person_who_may_be_a_child_brings_in_the_nspcc_whatever_the_signs(client):
    assert NSPCC in numbers_on(guidance(client, {"housing": "yes"}, age="unknown"))
    assert NSPCC in numbers_on(guidance(client, {"housing": "not_sure"}, age="unknown"))
    assert NSPCC not in numbers_on(guidance(client, {"housing": "yes"}, age="adult"))


def test_a_person_worried_about_themselves_is_offered_support_not_told_to_report(client):
    page = guidance(client, {"control": "yes", "work": "yes"}, audience="myself")
    assert numbers_on(page) == {EMERGENCY, HELPLINE, SALVATION_ARMY}
    support = section(page, "support_for_me_adult")
    assert support.select_one(f"a[href='{SALVATION_ARMY}']") is not None
    assert "24 hours a day" in text_of(support)
    body = text_of(page.select_one("main")).lower()
    assert "report them" not in body
    assert "it is not your fault" in body
    assert section(page, "report_concern") is None


def test_a_young_person_worried_about_themselves_is_told_they_will_be_protected(client):
    page = guidance(client, {"control": "yes"}, audience="myself", age="under_18")
    child = section(page, "support_for_me_child")
    assert "You have a right to be safe" in text_of(child)
    assert child.select_one(f"a[href='{CHILDLINE}']") is not None
    assert SALVATION_ARMY not in numbers_on(page)
    assert HELPLINE in numbers_on(page)


def test_what_you_noticed_lists_each_sign_answered_yes_in_plain_words(client):
    page = guidance(client, {"appearance": "yes", "housing": "yes", "control": "not_sure"})
    noticed = [text_of(li) for li in section(page, "what_you_noticed").select(".noticed li")]
    assert noticed == [
        "They look scruffy, malnourished or injured.",
        "They live in an overcrowded or poorly-maintained property.",
    ]


def test_what_you_noticed_is_worded_for_the_person_themselves(client):
    page = guidance(client, {"housing": "yes"}, audience="myself")
    noticed = [text_of(li) for li in section(page, "what_you_noticed").select(".noticed li")]
    assert noticed == ["I live in an overcrowded or poorly-maintained property."]


def test_every_phone_number_shown_is_a_tel_link_to_a_checked_number(client):
    page = guidance(client, {s: "yes" for s in ["work", "control"]}, age="unknown")
    for link in page.select("main a[href^='tel:']"):
        assert link["href"] in EVERY_NUMBER
        assert link["href"] == "tel:" + text_of(link).replace(" ", "")
    assert "0800 121 700" not in text_of(page), "the misprinted helpline number"


def test_the_guidance_page_offers_to_start_again(client):
    page = guidance(client, {})
    form = page.select_one("form.start-again")
    assert form["action"] == "/start-again"
    assert text_of(form.select_one("button")) == "Start again"


def test_a_contact_named_by_two_rules_that_apply_is_shown_once(
    make_app, checklist_data, write_checklist
):
    labour = next(r for r in checklist_data["rules"] if r["id"] == "labour_exploitation")
    labour["contacts"] = ["helpline", "glaa"]
    app = make_app(CHECKLIST_PATH=str(write_checklist(checklist_data)))
    page = guidance(app.test_client(), {"work": "yes"})
    assert len(page.select("#contact-helpline")) == 1
    assert section(page, "report_concern").select_one("#contact-helpline") is not None
    labour_section = section(page, "labour_exploitation")
    assert [h3["id"] for h3 in labour_section.select(".contact h3")] == ["contact-glaa"]

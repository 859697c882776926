"""The privacy notice names every figure the service counts, in plain words, in every
language: drawn from the figures' declarations (app/metrics/figures.py), and checked here
against what a scrape of the app really holds."""

from __future__ import annotations

import pytest

from app.checklist import load_checklist
from app.metrics import FIGURES
from tests.support.metrics import families, scrape_app
from tests.support.pages import parse, text_of
from tests.support.project import REAL_CHECKLIST

LANGUAGES = load_checklist(REAL_CHECKLIST).languages


def figures_on_the_page(client, language: str = "en") -> dict[str, str]:
    page = parse(client.get(f"/privacy?lang={language}", follow_redirects=True))
    return {item["data-figure"]: text_of(item) for item in page.select("li[data-figure]")}


@pytest.mark.parametrize("kiosk", [False, True])
def test_every_figure_a_scrape_holds_is_described_on_the_privacy_page(make_app, kiosk):
    app = make_app(METRICS=True, **({"KIOSK_MODE": True, "EXIT_URL": None} if kiosk else {}))
    client = app.test_client()
    client.get("/")  # so that the request figures have series too
    scraped = families(scrape_app(app))
    described = figures_on_the_page(client)
    assert scraped, "the scrape held nothing"
    assert scraped - set(described) == set(), "counted but not in the privacy notice"
    # And nothing is described that is not counted.
    assert set(described) == scraped == {figure.name for figure in FIGURES}
    for figure in FIGURES:
        assert described[figure.name] == str(figure.in_plain_words)


def test_a_figure_that_is_not_declared_would_be_found(make_app):
    app = make_app(METRICS=True)
    from prometheus_client import Counter

    from app import metrics

    Counter("check_something_new_total", "Undeclared.", registry=metrics.registry(app))
    scraped = families(scrape_app(app))
    assert scraped - set(figures_on_the_page(app.test_client())) == {"check_something_new_total"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_are_listed_in_every_language(make_app, language):
    client = make_app(METRICS=True).test_client()
    english = figures_on_the_page(client, "en")
    described = figures_on_the_page(client, language)
    assert described.keys() == english.keys()
    page = parse(client.get("/privacy"))
    heading = page.select_one("#what-the-service-counts")
    assert heading is not None
    never = heading.find_next("ul").find_next_sibling("p")
    assert never is not None and text_of(never)
    if language != "en":
        for name, text in described.items():
            assert text != english[name], f"{name} is still in English in {language}"


def test_a_service_that_counts_nothing_says_nothing_of_figures(client):
    page = parse(client.get("/privacy"))
    assert page.select("li[data-figure]") == []
    assert page.select_one("#what-the-service-counts") is None

"""Choosing the words a person sees: the checklist's texts in their language and audience."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app, g
from flask_babel import get_locale
from markupsafe import Markup

from ..checklist import Checklist, Question
from ..checklist.translated_text import TextInLanguages
from .pictures import inline_picture
from .stale_safety_texts import InSourceLanguage


def current_checklist() -> Checklist:
    return current_app.extensions["checklist"]


def current_language() -> str:
    # Asked for by every text on a page; Flask-Babel's own lookup is not free
    # (bench/README.md), so it is kept for the rest of the request.
    language = g.get("language")
    if language is None:
        language = g.language = str(get_locale())
    return language


def localise(text: TextInLanguages | None) -> str:
    """A checklist text in the page's language (validation guarantees every language). A
    safety text whose translation is out of date comes in its source language instead, as
    `InSourceLanguage`, for the page to mark (app/pages/stale_safety_texts.py)."""
    if text is None:
        return ""
    language = current_language()
    if language in text.withheld:
        return InSourceLanguage(text.source, text.source_language)
    return text.get(language) or text[current_checklist().default_language]


def worded_for(text: Mapping[str, TextInLanguages] | None, audience: str) -> str:
    """A checklist text worded for an audience, in the page's language."""
    if text is None:
        return ""
    return localise(text[audience])


def paragraphs(text: str) -> list[str]:
    """Checklist texts separate paragraphs with a blank line; lines within one are joined."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def tel_href(phone: str) -> str:
    """The tel: address of a printed number ("08000 121 700" → "tel:08000121700")."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


def web_label(address: str) -> str:
    """A web address as people say it: without "https://" and a trailing slash."""
    return address.removeprefix("https://").removesuffix("/")


def picture_for(question: Question, *, beside_its_words: bool = False) -> Markup:
    """A question's picture, if it has one. `beside_its_words`: the sign's own words sit
    next to it (the "What you noticed" list), so a description would only repeat them."""
    picture = question.picture
    if picture is None:
        return Markup("")
    described = not (picture.decorative or beside_its_words)
    return inline_picture(picture.name, localise(picture.description) if described else None)

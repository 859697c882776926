"""Posters and wallet cards: made as an operator makes them (`flask checklist print`), then
read back as a print shop, a reader and a phone would (tests/support/pdf.py): page and trim
sizes, the words and numbers on them, their QR codes, fonts, tags, type sizes and margins.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

from app.checklist import load_checklist
from app.pages.languages import TRANSLATIONS
from app.printed.content import printed_content
from app.web.public_address import start_page_address
from tests.support import pdf
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST

PUBLIC_URL = "https://check.example.org/"
UK = load_checklist(REAL_CHECKLIST)
LANGUAGES = UK.languages
POSTERS = ("poster", "kiosk-poster")
PIECES = (*POSTERS, "wallet-card")
A4_POINTS = (595.28, 841.89)
# Office printers cannot print the edge of a sheet; the posters keep 10 mm clear.
POSTER_MARGIN_MM = 10
CARD_TRIM_MM = (85.0, 55.0)
CARD_BLEED_MM = 3.0
# Inside the trim, where a cut a little off can never reach.
CARD_SAFE_MM = 3.0
# By the check's own rule, a poster is read at arm's length (14pt) and a card in the hand.
SMALLEST_POSTER_TEXT_PT = 14
SMALLEST_CARD_TEXT_PT = 6.5
# The UK contacts the pieces must carry besides the emergency number, by id: the Helpline
# (every outcome of the check shows it) and Crimestoppers (anonymous without exception).
PRINTED_CONTACTS = ("helpline", "crimestoppers")
EMERGENCY_CALL = "If you or someone else is in immediate danger, call"


def print_pieces(*args: str, public_url: str | None = PUBLIC_URL, cwd=PROJECT_ROOT):
    """The command exactly as docs/content-editors.md gives it."""
    env = {key: value for key, value in os.environ.items() if key != "FLASK_PUBLIC_URL"}
    if public_url is not None:
        env["FLASK_PUBLIC_URL"] = public_url
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "checklist", "print", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def translated(language: str, message: str) -> str:
    return Translations.load(TRANSLATIONS, [language]).gettext(message)


def right_to_left(language: str) -> bool:
    return Locale.parse(language).text_direction == "rtl"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("printed")
    result = print_pieces("--output", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def piece(folder: Path, name: str, language: str) -> Path:
    return folder / f"{name}-{language}.pdf"


every_piece = pytest.mark.parametrize(
    ("name", "language"), [(name, language) for name in PIECES for language in LANGUAGES]
)


def test_every_piece_is_written_in_every_language(printed):
    expected = {f"{name}-{language}.pdf" for name in PIECES for language in LANGUAGES}
    assert {path.name for path in printed.iterdir()} == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", POSTERS)
def test_a_poster_is_one_a4_page(printed, name, language):
    (boxes,) = pdf.page_boxes(piece(printed, name, language))
    media = boxes["MediaBox"]
    assert (round(media.right - media.left, 2), round(media.top - media.bottom, 2)) == A4_POINTS
    # No bleed: a poster is printed on an office printer, or enlarged to A3.
    assert boxes["TrimBox"] == media


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wallet_card_is_two_faces_85_by_55_mm_with_3_mm_bleed(printed, language):
    faces = pdf.page_boxes(piece(printed, "wallet-card", language))
    assert len(faces) == 2
    for boxes in faces:
        media, trim = boxes["MediaBox"], boxes["TrimBox"]
        assert trim.size_mm == CARD_TRIM_MM
        assert media.size_mm == (CARD_TRIM_MM[0] + 2 * 3, CARD_TRIM_MM[1] + 2 * 3)
        assert boxes["BleedBox"] == media
        bleed = [
            trim.left - media.left,
            trim.bottom - media.bottom,
            media.right - trim.right,
            media.top - trim.top,
        ]
        assert [round(side * pdf.MM_PER_POINT, 2) for side in bleed] == [CARD_BLEED_MM] * 4


def holds(text: str, words: str, language: str) -> bool:
    """Whether `words` are in the extracted `text`: as they are written, or for a
    right-to-left language word by word, each with its letters in reading order (what
    pdftotext can promise: see tests/support/pdf.py). A detached vowel mark can leave a
    space inside a word, so the words are looked for in the text without its spaces."""
    if right_to_left(language):
        letters = "".join(pdf.words_of(text))
        return all(word in letters for word in pdf.words_of(words))
    return pdf.comparable(words) in pdf.comparable(text)


@every_piece
def test_each_piece_carries_the_five_signs_and_every_number_in_its_language(
    printed, name, language
):
    text = pdf.text(piece(printed, name, language))
    audience = UK.audience_ids[0]
    signs = [sign.question[audience][language] for sign in UK.signs]
    assert len(signs) == 5
    for sign in signs:
        assert holds(text, sign, language), sign
    assert holds(text, translated(language, EMERGENCY_CALL), language)
    assert UK.emergency.phone in pdf.comparable(text)
    for contact_id in PRINTED_CONTACTS:
        contact = UK.contact(contact_id)
        assert holds(text, contact.name[language], language), contact_id
        assert contact.phone in pdf.comparable(text), contact_id
    if name in POSTERS:
        assert UK.emergency.text_relay in pdf.comparable(text)


@every_piece
def test_only_the_service_that_is_always_anonymous_is_said_to_be(printed, name, language):
    """Crimestoppers keeps callers anonymous without exception; the Helpline passes details
    on when a child or anyone is in danger, so it is never printed as anonymous."""
    text = pdf.comparable(pdf.text(piece(printed, name, language)))
    promise = pdf.comparable(translated(language, "You can stay anonymous"))
    assert text.count(promise) == 1
    assert UK.contact("crimestoppers").anonymous is True
    assert UK.contact("helpline").anonymous == "with_exceptions"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qr_codes_lead_to_the_start_page_in_the_pieces_language(printed, language, tmp_path):
    address = f"https://check.example.org/{language}/"
    assert start_page_address(PUBLIC_URL, language) == address
    assert pdf.qr_codes(piece(printed, "poster", language), 1, tmp_path) == [address]
    card = piece(printed, "wallet-card", language)
    assert pdf.qr_codes(card, 1, tmp_path) == [address]
    assert pdf.qr_codes(card, 2, tmp_path) == []
    # Beside a kiosk, the screen itself is the way in.
    kiosk_poster = piece(printed, "kiosk-poster", language)
    assert pdf.qr_codes(kiosk_poster, 1, tmp_path) == []
    assert pdf.comparable(translated(language, "Use this screen to check")) in pdf.comparable(
        pdf.text(kiosk_poster)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_front_says_nothing_about_what_the_check_is_for(printed, language):
    """Someone else may find the card: its outside face carries the QR code and "Scan to
    start the check" and no other word; the signs and the numbers are inside."""
    card = piece(printed, "wallet-card", language)
    front = pdf.run("pdftotext", "-f", "1", "-l", "1", str(card), "-")
    assert pdf.comparable(front) == pdf.comparable(translated(language, "Scan to start the check"))
    inside = pdf.run("pdftotext", "-f", "2", "-l", "2", str(card), "-")
    assert UK.contact("helpline").phone in pdf.comparable(inside)


@every_piece
def test_fonts_are_embedded_and_the_text_can_be_copied(printed, name, language):
    fonts = pdf.fonts(piece(printed, name, language))
    assert fonts
    for font in fonts:
        assert (font["emb"], font["uni"]) == ("yes", "yes"), font
    # The fonts the pieces are made to fit (docs/operators.md, Fonts).
    families = {font["name"].partition("+")[2] for font in fonts}
    expected = "Noto-Sans-Arabic" if right_to_left(language) else "Noto-Sans"
    assert expected in families


@every_piece
def test_the_pdf_is_tagged_for_people_who_listen_to_it(printed, name, language):
    path = piece(printed, name, language)
    fields = pdf.info(path)
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == UK.service_name[language]
    tags = pdf.structure(path)
    assert tags.count("LI (block)") == 5
    pictures = 5 + (0 if name == "kiosk-poster" else 1)
    assert tags.count("Figure") == pictures
    if name != "wallet-card":
        assert "H1 (block)" in tags


@every_piece
def test_text_is_large_enough_to_read(printed, name, language):
    smallest = SMALLEST_CARD_TEXT_PT if name == "wallet-card" else SMALLEST_POSTER_TEXT_PT
    assert min(pdf.font_sizes(piece(printed, name, language))) >= smallest


@every_piece
def test_nothing_is_printed_where_a_printer_or_a_cut_can_reach(printed, name, language):
    if name == "wallet-card":
        clear = (CARD_BLEED_MM + CARD_SAFE_MM) / pdf.MM_PER_POINT
    else:
        clear = POSTER_MARGIN_MM / pdf.MM_PER_POINT
    words = pdf.placed_words(piece(printed, name, language))
    assert words
    # Text set against the margin ends on it, to rounding (a twentieth of a point is
    # 0.02 mm).
    clear -= 0.05
    for word in words:
        assert word.left >= clear, word
        assert word.top >= clear, word
        assert word.page_width - word.right >= clear, word
        assert word.page_height - word.bottom >= clear, word


def test_every_message_on_the_pieces_is_translated():
    """A message added to templates/printed/ must be in every catalogue, translated."""
    messages = {
        message
        for _, _, message, _, _ in extract_from_dir(
            PROJECT_ROOT / "templates" / "printed", method_map=[("**.html", "jinja2")]
        )
    }
    assert "Scan to start the check" in messages
    for language in LANGUAGES:
        if language == "en":
            continue
        with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
            catalogue = read_po(po)
        for message in messages:
            entry = catalogue.get(message)
            assert entry is not None and entry.string and not entry.fuzzy, (language, message)


def test_a_missing_public_address_is_a_clear_error_and_prints_nothing(tmp_path):
    folder = tmp_path / "printed"
    result = print_pieces("--output", str(folder), public_url=None)
    assert result.returncode == 1
    assert "FLASK_PUBLIC_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not folder.exists()


@pytest.mark.parametrize(
    "address",
    ["http://check.example.org/", "check.example.org", "https://check.example.org/?from=poster"],
)
def test_a_public_address_that_is_not_a_plain_https_one_is_refused(tmp_path, address):
    folder = tmp_path / "printed"
    result = print_pieces("--output", str(folder), public_url=address)
    assert result.returncode == 1
    assert "FLASK_PUBLIC_URL must be the check's public address" in result.stderr
    assert not folder.exists()


def test_only_the_languages_named_are_printed_under_the_address_given(tmp_path):
    result = print_pieces(
        "--language", "ro", "--language", "ar", "--output", str(tmp_path),
        public_url="https://example.org/check",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert {path.name for path in tmp_path.glob("*.pdf")} == {
        f"{name}-{language}.pdf" for name in PIECES for language in ("ro", "ar")
    }
    poster = piece(tmp_path, "poster", "ar")
    assert pdf.qr_codes(poster, 1, tmp_path) == ["https://example.org/check/ar/"]
    # The written address, for people without a camera, says the same.
    assert "example.org/check/ar" in pdf.comparable(pdf.text(poster))


def test_a_language_the_checklist_does_not_have_is_refused(tmp_path):
    result = print_pieces("--language", "fr", "--output", str(tmp_path))
    assert result.returncode == 1
    assert "no language fr" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_service_with_exceptions_to_anonymity_is_never_printed_as_anonymous(
    checklist_data, write_checklist, tmp_path
):
    contacts = {contact["id"]: contact for contact in checklist_data["contacts"]}
    contacts["crimestoppers"]["anonymous"] = "with_exceptions"
    del contacts["crimestoppers"]["promises"]
    for rule in checklist_data["rules"]:
        rule.pop("promises", None)
    path = write_checklist(checklist_data)
    result = print_pieces(str(path), "--language", "en", "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for name in PIECES:
        text = pdf.text(piece(tmp_path / "out", name, "en"))
        assert "anonymous" not in text
        assert UK.contact("helpline").phone in text


def test_a_piece_whose_words_do_not_fit_is_refused_not_printed(
    checklist_data, write_checklist, tmp_path
):
    sign = checklist_data["questions"][0]["question"]["someone_else"]
    sign["en"] = " ".join([sign["en"]] * 12)
    path = write_checklist(checklist_data)
    result = print_pieces(str(path), "--language", "en", "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "poster-en.pdf does not fit on one page" in result.stderr
    assert not piece(tmp_path / "out", "poster", "en").exists()


def test_another_countrys_checklist_prints_its_own_contacts(tmp_path):
    path = PROJECT_ROOT / "checklists" / "romania.yaml"
    romania = load_checklist(path)
    result = print_pieces(str(path), "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for language in romania.languages:
        text = pdf.comparable(pdf.text(piece(tmp_path, "poster", language)))
        assert romania.emergency.phone in text
        assert romania.contact("anitp").phone in text
        # None of its services keeps callers anonymous, so nothing says so.
        assert pdf.comparable(translated(language, "You can stay anonymous")) not in text


def test_the_pieces_carry_what_every_person_is_told_and_the_anonymous_option():
    shown = printed_content(UK).contacts
    assert [(s.contact.id, s.always_anonymous) for s in shown] == [
        ("helpline", False),
        ("crimestoppers", True),
    ]


def test_the_start_page_address_of_a_language():
    assert start_page_address("https://check.example.org/", "ro") == (
        "https://check.example.org/ro/"
    )
    assert start_page_address("https://example.org/check", "ar") == "https://example.org/check/ar/"

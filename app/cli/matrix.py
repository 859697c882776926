"""What every person would be told: the rows of `flask checklist matrix`, and the guidance
page of each distinct outcome written out for review (`--html DIR`)."""

from __future__ import annotations

import csv
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from flask.testing import FlaskClient
from markupsafe import escape

from .. import create_app
from ..checklist import Checklist
from ..checklist.combinations import Combination, every_outcome, in_plain_words
from ..checklist.outcomes import DistinctOutcome, outcome_key
from ..journey import put_journey


@dataclass
class MatrixRows:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def matrix_rows(checklist: Checklist) -> MatrixRows:
    question_ids = [question.id for question in checklist.questions]
    table = MatrixRows(["audience", *question_ids, "rules", "contacts", "outcome"])
    numbers: dict[tuple, int] = {}
    for outcome in every_outcome(checklist):
        number = numbers.setdefault(outcome_key(outcome), len(numbers) + 1)
        table.rows.append(
            [
                outcome.combination.audience,
                *(outcome.combination.answers[q] for q in question_ids),
                " ".join(outcome.rule_ids),
                " ".join(contact.id for contact in outcome.contacts),
                f"{number:03d}",
            ]
        )
    return table


def write_csv(table: MatrixRows, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)


def write_table(table: MatrixRows, stream: TextIO) -> None:
    widths = [
        max(len(row[i]) for row in [table.header, *table.rows]) for i in range(len(table.header))
    ]
    for row in [table.header, *table.rows]:
        stream.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )


def write_html(
    checklist_path: str, checklist: Checklist, outcomes: list[DistinctOutcome], folder: str
) -> int:
    """Each outcome's guidance page, in every language, exactly as the app serves it (its
    stylesheet put inside the page, so that it opens from the folder), and an index."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(32),
            "CHECKLIST_PATH": checklist_path,
            "PREBUILT_PAGES": False,
        }
    )
    client = app.test_client()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for outcome in outcomes:
        for language in checklist.languages:
            html = guidance_page(client, outcome.example.combination, language)
            page = _with_stylesheet_inside(client, html)
            (target / f"{outcome.name}.{language}.html").write_text(page, encoding="utf-8")
            written += 1
    (target / "index.html").write_text(
        _index(checklist_path, checklist, outcomes), encoding="utf-8"
    )
    return written


def guidance_page(client: FlaskClient, combination: Combination, language: str) -> str:
    """The guidance page the app serves to a person with these answers, in `language`:
    their answers are put in the session as the journey would leave them."""
    with client.session_transaction() as session:
        put_journey(
            session,
            language=language,
            audience_id=combination.audience,
            answers_given=dict(combination.answers),
        )
    response = client.get("/what-to-do-next")
    if response.status_code != 200:
        raise RuntimeError(f"the guidance page answered {response.status}")
    return response.get_data(as_text=True)


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"[^>]*>')


def _with_stylesheet_inside(client, html: str) -> str:
    def inline(match: re.Match) -> str:
        with client.get(match.group(1)) as response:
            return f"<style>{response.get_data(as_text=True)}</style>"

    return STYLESHEET.sub(inline, html)


def _index(checklist_path: str, checklist: Checklist, outcomes: list[DistinctOutcome]) -> str:
    total = sum(outcome.combinations for outcome in outcomes)
    rows = []
    for outcome in outcomes:
        links = " ".join(
            f'<a href="{outcome.name}.{language}.html">{language}</a>'
            for language in checklist.languages
        )
        example = outcome.example
        rows.append(
            "<tr>"
            f"<td>{outcome.number:03d}</td>"
            f"<td>{escape(example.combination.audience)}</td>"
            f"<td>{escape(' '.join(example.rule_ids))}</td>"
            f"<td>{escape(' '.join(c.id for c in example.contacts))}</td>"
            f"<td>{outcome.combinations:,}</td>"
            f"<td>{escape(in_plain_words(checklist, example.combination))}</td>"
            f"<td>{links}</td>"
            "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>Guidance outcomes: {escape(checklist_path)}</title>"
        "<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        "</style></head>\n<body>\n"
        f"<h1>Guidance outcomes: {escape(checklist_path)}</h1>\n"
        f"<p>{len(outcomes)} distinct outcomes for {total:,} combinations of audience and "
        "answers. Each page is the guidance as the service shows it, for the example "
        "combination (the signs under &ldquo;What you noticed&rdquo; are that example's).</p>\n"
        "<table>\n<tr><th>Outcome</th><th>Audience</th><th>Rules</th><th>Contacts</th>"
        "<th>Combinations</th><th>Example</th><th>Pages</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>\n</body>\n</html>\n"
    )

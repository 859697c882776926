"""Plain words: the English guidance is read by people under stress, some with little
schooling or English as a second language. Aim: Flesch-Kincaid grade 6 or lower overall
(a reading age of about 11), and no single text above grade 8.

Measured on every rule's heading and text and every contact's description. The five signs
are left out: they are the source's words, kept verbatim.
"""

import pytest

from app.checklist import load_checklist
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST
from tests.support.readability import counts, grade

OVERALL_GRADE = 6
ANY_ONE_TEXT_GRADE = 8
CHECKLISTS = [REAL_CHECKLIST, PROJECT_ROOT / "checklists" / "romania.yaml"]


def english_guidance(path) -> list[str]:
    checklist = load_checklist(path)
    texts = []
    for rule in checklist.rules:
        texts.append(rule.heading["en"])
        if rule.text is not None:
            texts.append(rule.text["en"])
    texts.extend(contact.description["en"] for contact in checklist.contacts)
    return texts


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda path: path.name)
def test_the_english_guidance_is_plain(path):
    texts = english_guidance(path)
    overall = counts(texts)
    hardest = sorted(((grade([text]), text) for text in texts), reverse=True)
    print(
        f"\n{path.name}: Flesch-Kincaid grade {overall.grade:.1f} "
        f"({overall.words} words, {overall.sentences} sentences, "
        f"{overall.words / overall.sentences:.1f} words a sentence, "
        f"{overall.syllables / overall.words:.2f} syllables a word)"
    )
    for text_grade, text in hardest[:3]:
        print(f"  {text_grade:4.1f}  {' '.join(text.split())[:90]}")
    assert overall.grade <= OVERALL_GRADE
    too_hard = [(round(g, 1), text) for g, text in hardest if g > ANY_ONE_TEXT_GRADE]
    assert too_hard == []


def test_the_measure_tells_plain_from_hard_text():
    plain = "Call the Helpline. They will listen. It is free."
    hard = (
        "Individuals experiencing exploitation should contact organisations specialising in "
        "safeguarding vulnerable populations, irrespective of circumstances."
    )
    assert grade([plain]) < 3
    assert grade([hard]) > 14

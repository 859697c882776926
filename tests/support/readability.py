"""How hard a text is to read: the Flesch-Kincaid grade level, written out here so that the
test needs no extra package.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Syllables are counted with the usual vowel-group heuristic (good to about one syllable in
ten on ordinary English; it slightly over-counts some long words, which errs on the side of
plainer text). Grade 6 is roughly a reading age of 11 to 12.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")  # a typographic apostrophe too
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1  # a number such as 999 or 101 is read as one unit here
    if len(letters) <= 3:
        return 1
    trimmed = SILENT_ENDING.sub("", letters)
    trimmed = trimmed.removeprefix("y")
    return max(1, len(VOWEL_GROUP.findall(trimmed)))


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59


def counts(texts: Iterable[str]) -> Counts:
    """Every text ends a sentence (a heading has no full stop); inside a text, sentences end
    at ., !, ? or :."""
    sentences = words = syllable_count = 0
    for text in texts:
        for sentence in SENTENCE_END.split(text):
            found = WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllable_count += sum(syllables(word) for word in found)
    return Counts(sentences, words, syllable_count)


def grade(texts: Iterable[str]) -> float:
    return counts(texts).grade

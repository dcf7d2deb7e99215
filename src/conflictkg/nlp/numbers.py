"""Numbers written in digits or in words: "41", "1,200", "أربعة", "خمسة وعشرون", "ثلاثة آلاف".

Words come from ``data/number_words.tsv``. Vague quantities (عشرات، مئات، العديد) are not in
it, so they are never read as counts. Works on folded text (digits are already ASCII there).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conflictkg.nlp.lexicon import read_tsv
from conflictkg.nlp.normalize import FoldedText, fold

_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d])|(?<![\d.,])\d+(?![\d])")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class NumberSpan:
    """A number in the text (offsets in the text as read) and its value."""

    begin: int
    end: int
    value: int
    in_words: bool


@lru_cache(maxsize=1)
def number_word_table() -> dict[tuple[str, ...], tuple[int, str]]:
    """Folded word tuple -> (value, role)."""
    return {tuple(fold(row[0]).split()): (int(row[1]), row[2]) for row in read_tsv("number_words.tsv")}


def _word_value(words: list[str], index: int) -> tuple[int, int, str] | None:
    """(words used, value, role) of the number word(s) at ``index``; a leading و is allowed
    after the first word of a number (خمسة وعشرون)."""
    table = number_word_table()
    for length in (2, 1):
        chunk = tuple(words[index:index + length])
        if len(chunk) < length:
            continue
        for candidate in (chunk, (chunk[0][1:],) + chunk[1:] if chunk[0].startswith("و") else None):
            if candidate and candidate in table:
                value, role = table[candidate]
                return length, value, role
    return None


def numbers_in(folded: FoldedText) -> list[NumberSpan]:
    """Every number in the text, in order."""
    found = [NumberSpan(*folded.to_original(m.start(), m.end()), int(m.group().replace(",", "")), False)
             for m in _DIGITS.finditer(folded.text)]
    found.extend(_word_numbers(folded))
    return sorted(found, key=lambda n: n.begin)


def _word_numbers(folded: FoldedText) -> list[NumberSpan]:
    matches = list(_WORD.finditer(folded.text))
    words = [m.group() for m in matches]
    spans: list[NumberSpan] = []
    index = 0
    while index < len(words):
        first = _word_value(words, index)
        # A number starts with a plain word: "وأربعة" alone is "and four", read as four.
        if first is None or (first[2] == "multiplier" and words[index] in ("الاف", "والاف")):
            index += 1
            continue
        total, start, last = 0, index, index
        current = 0
        while index < len(words):
            part = _word_value(words, index)
            if part is None or (index > start and not words[index].startswith("و")
                                and part[2] != "multiplier"):
                break
            used, value, role = part
            if role == "multiplier":
                current = (current or 1) * value
                total, current = total + current, 0
            else:
                current += value
            last = index + used - 1
            index += used
        total += current
        begin, end = folded.to_original(matches[start].start(), matches[last].end())
        spans.append(NumberSpan(begin, end, total, True))
    return spans

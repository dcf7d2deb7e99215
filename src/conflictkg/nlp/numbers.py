"""Numbers written in digits or in words: "41", "1,200", "أربعة", "خمسة وعشرون", "ثلاثة آلاف",
digits with a multiplier word: "4 آلاف", "250 ألفا", "1.5 مليون", "29 ألفا و358", and words
ending in digits: "ستة آلاف و259".

Words come from ``data/number_words.tsv``. Vague quantities (عشرات، مئات، العديد، آلاف and
ملايين on their own, "عشرات الآلاف") are not in it or cannot start a number, so they are never
read as counts. Works on folded text (digits are already ASCII there, "٫" is ".").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import FoldedText, fold, letter_runs

# Digits: thousands groups ("1,200"), or a plain run with an optional decimal part ("1.5"),
# which is kept only when a multiplier word follows ("1.5 مليون").
_DIGITS = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d])")
# After a multiplied number: "و358", "و 500 ألف".
@lru_cache(maxsize=None)
def _links(role: str) -> tuple[str, ...]:
    """``number_links.tsv``: the word joining parts of a number ("and"), or the plural
    multipliers that alone are vague ("vague")."""
    return tuple(fold(row.word) for row in lexicon("number_links.tsv") if row.role == role)


def _and(word: str) -> str:
    """``word`` without the joining و it starts with, else ``word``."""
    for joiner in _links("and"):
        if word.startswith(joiner):
            return word[len(joiner):]
    return word


@lru_cache(maxsize=1)
def _and_digits() -> re.Pattern[str]:
    """"… و358": digits joined to the number before them."""
    joiners = "|".join(map(re.escape, _links("and")))
    return re.compile(rf"\s*(?:{joiners})\s?(\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,])")
NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")   # the next word after an offset (figures read it too)
BIG = 1000     # a multiplier from this value on closes a group (ألف، مليون)


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
    return {tuple(fold(row.form).split()): (float(row.value) if row.role == "fraction" else int(row.value), row.role)
            for row in lexicon("number_words.tsv")}


@lru_cache(maxsize=1)
def _big_multipliers() -> dict[str, int]:
    """Folded single words that multiply the digits before them (ألف، آلاف، مليون …)."""
    return {key[0]: value for key, (value, role) in number_word_table().items()
            if len(key) == 1 and role == "multiplier" and value >= BIG}


def _word_value(words: list[str], index: int) -> tuple[int, int, str] | None:
    """(words used, value, role) of the number word(s) at ``index``; a leading و is allowed
    after the first word of a number (خمسة وعشرون)."""
    table = number_word_table()
    for length in (2, 1):
        chunk = tuple(words[index:index + length])
        if len(chunk) < length:
            continue
        for candidate in (chunk, (_and(chunk[0]),) + chunk[1:] if _and(chunk[0]) != chunk[0] else None):
            if candidate and candidate in table:
                value, role = table[candidate]
                return length, value, role
    return None


def numbers_in(folded: FoldedText) -> list[NumberSpan]:
    """Every number in the text, in order."""
    in_words = _word_numbers(folded)
    # "ستة آلاف و259": the digits are the end of the number in words, not a number of their own
    found = [n for n in _digit_numbers(folded) if not any(w.begin <= n.begin < w.end for w in in_words)]
    return sorted(found + in_words, key=lambda n: n.begin)


def _digit_numbers(folded: FoldedText) -> list[NumberSpan]:
    text, big = folded.text, _big_multipliers()
    spans: list[NumberSpan] = []
    skip_until = -1
    for match in _DIGITS.finditer(text):
        if match.start() < skip_until:
            continue
        literal = match.group().replace(",", "")
        value, end = float(literal), match.end()
        word = NEXT_WORD.match(text, end)
        if word and word.group(1) in big:
            value, end = value * big[word.group(1)], word.end()
            more = _and_digits().match(text, end)       # "29 ألفا و358", "مليونان و500 ألف"
            if more:
                extra, stop = float(more.group(1).replace(",", "")), more.end()
                next_word = NEXT_WORD.match(text, stop)
                if next_word and next_word.group(1) in big and big[next_word.group(1)] < value:
                    extra, stop = extra * big[next_word.group(1)], next_word.end()
                if extra < value:
                    value, end = value + extra, stop
            skip_until = end
        elif "." in literal:
            continue      # "3.5" alone is a measure, not a count
        spans.append(NumberSpan(*folded.to_original(match.start(), end), int(round(value)), False))
    return spans


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The folded words that can start a number (the first word of a table key)."""
    return frozenset(key[0] for key in number_word_table())


@lru_cache(maxsize=1 << 16)
def _number_form(word: str) -> tuple[str, int, bool]:
    """How a word of the text is read for numbers: (its form, letters skipped, whether it can
    start a number). "بثمانية صواريخ", "لثلاثة أيام": a number word may carry a preposition;
    the number is the word after it (and its span starts there). Only a word that starts a
    table key (itself or after و) can start a number. Cached: news repeats its words, and this
    was asked of every word of every article."""
    starts = _first_words()
    bare = _without_preposition(word)
    if bare != word and word not in starts and _and(word) not in starts and bare in starts:
        return bare, len(word) - len(bare), True
    return word, 0, word in starts or _and(word) in starts


def _word_numbers(folded: FoldedText) -> list[NumberSpan]:
    runs = letter_runs(folded.text)
    forms = list(map(_number_form, runs.words))
    words = [form for form, _, _ in forms]
    skipped = [skip for _, skip, _ in forms]
    spans: list[NumberSpan] = []
    index = 0
    while index < len(words):
        if not forms[index][2]:
            index += 1
            continue
        first = _word_value(words, index)
        # A number starts with a plain number word: "آلاف" and "ملايين" alone are vague, and a
        # multiplier right after digits ("4 آلاف") belongs to those digits.
        if first is None or _vague_start(words[index], first) or _after_digits(folded, runs.starts[index]):
            index += 1
            continue
        if first[2] == "fraction":     # "نصف مليون"; "نصف المحافظة" is no number
            following = words[index + 1] if index + 1 < len(words) else ""
            if following not in _big_multipliers():
                index += 1
                continue
            begin, end = folded.to_original(runs.starts[index] + skipped[index], runs.ends[index + 1])
            spans.append(NumberSpan(begin, end, int(first[1] * _big_multipliers()[following]), True))
            index += 2
            continue
        total, group, start, last = 0, 0, index, index
        while index < len(words):
            part = _word_value(words, index)
            if part is None or (index > start and _and(words[index]) == words[index]
                                and part[2] != "multiplier"):
                break
            used, value, role = part
            if role == "multiplier" and value >= BIG:
                total, group = total + (group or 1) * value, 0
            elif role == "multiplier":
                group = (group or 1) * value
            elif role == "dual":
                total += value
            else:
                group += value
            last = index + used - 1
            index += used
        total += group
        stop = runs.ends[last]
        more = _and_digits().match(folded.text, stop) if group == 0 else None
        if more and int(more.group(1).replace(",", "")) < total:     # "ستة آلاف و259"
            total, stop = total + int(more.group(1).replace(",", "")), more.end()
        begin, end = folded.to_original(runs.starts[start] + skipped[start], stop)
        spans.append(NumberSpan(begin, end, total, True))
    return spans


def _without_preposition(word: str) -> str:
    """"بثمانية" → "ثمانية", "وبثلاثة" → "ثلاثة": the word without a conjunction and one
    preposition letter (the word unchanged when it has none)."""
    shape = morphology()
    rest = shape.without_conjunction(word)
    if rest[:1] in shape.prepositions and len(rest) > 3:
        return rest[1:]
    return word


def _vague_start(word: str, reading: tuple[int, int, str]) -> bool:
    """"آلاف", "ملايين" (and with و) name a vague quantity when no number precedes them."""
    return reading[2] == "multiplier" and _and(word) in _links("vague")


def _after_digits(folded: FoldedText, at: int) -> bool:
    before = folded.text[max(0, at - 12):at].rstrip()
    return bool(before) and before[-1].isdigit()

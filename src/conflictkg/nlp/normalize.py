"""Arabic folding for matching, with a map back to the original character offsets.

Folding removes what spelling varies on but meaning does not: diacritics (tashkeel), tatweel,
invisible joining and embedding marks (direction marks between words, and a hashtag's # and _,
become spaces); and it
merges letter variants (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي) and Arabic-Indic and
Persian digits (→ 0-9). Latin letters are case-folded. Folding is one character to at most
one, so the offset map is monotonic and folding twice changes nothing. The folded text is only ever used to *find* things: every offset reported
maps back through :attr:`FoldedText.origin` to the text as read.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

# Characters dropped by folding: Arabic diacritics and Quranic marks, tatweel, and the
# invisible formatting characters (ZWJ/ZWNJ, LRM/RLM, bidi embeddings and isolates, BOM).
_DROPPED = {
    *range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640,
    0x200C, 0x200D, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF,
}
# Invisible marks that stand *between* words (zero-width space, LRM, RLM, ALM): dropping them
# would glue "هيئة\u200fتحرير" into one word, so they fold to a space instead.
_WORD_SEPARATORS = {0x200B, 0x200E, 0x200F, 0x061C}
# A hashtag's marks: "محافظة #البيضاء", "#الساحل_الغربي" name places as "محافظة البيضاء" and
# "الساحل الغربي" do; the sign and the underscore fold to spaces between the words.
_WORD_SEPARATORS |= {ord("#"), ord("_")}

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    **{chr(0x0660 + d): str(d) for d in range(10)},   # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},   # Persian (Eastern Arabic-Indic) digits
    "٫": ".", "٬": ",",                               # Arabic decimal and thousands separators
}

# Marks that stand inside a word without being letters: tatweel, harakat, dagger alif and the
# zero-width (non-)joiners. A word read from the text runs across them.
# Punctuation as the readers need it, the Arabic marks beside the Latin ones (each a string of
# characters, ready for a regular expression's character class).
COMMAS = ",،"                       # , and the Arabic comma
SEMICOLONS = ";؛"                   # ; and the Arabic semicolon
QUESTION_MARKS = "?؟"               # ? and the Arabic question mark
# The ta marbuta, folded to ه: a reader that must tell "بلدة" (town) from "بلده" (his country)
# looks at the text as written.
TA_MARBUTA = "ة"
# The alif maqsura, folded to ي: "على" (on) and the name "علي" fold alike; a reader that must tell
# a preposition from a name looks at the text as written.
ALIF_MAQSURA = "ى"
WORD_JOINERS = frozenset("\u0640\u0670\u200c\u200d") | frozenset(chr(c) for c in range(0x064B, 0x0660))


def _fold_char(char: str) -> str:
    """The folded form of one character: "" if dropped, else exactly one character."""
    if ord(char) in _DROPPED:
        return ""
    if ord(char) in _WORD_SEPARATORS:
        return " "
    mapped = _LETTERS.get(char)
    if mapped is not None:
        return mapped
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char  # keep one-to-one (e.g. "İ".lower() is two)


# One table lookup per character; characters never seen fall back to _fold_char.
_TABLE: dict[int, str] = {code: _fold_char(chr(code)) for code in range(0x0600, 0x0700)}
_TABLE.update({code: "" for code in _DROPPED})
_TABLE.update({code: " " for code in _WORD_SEPARATORS})


@dataclass(frozen=True)
class FoldedText:
    """Folded text and, for each of its characters, the offset it came from in the original."""

    text: str
    origin: tuple[int, ...]
    original_length: int
    # For each folded character, the end of its original letter: past the diacritics and
    # tatweel written on it, so that a span ending on "السوريّ" keeps its shadda.
    ends: tuple[int, ...] = ()

    def to_original(self, begin: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded slice ``[begin, end)`` (end exclusive)."""
        start = self.origin[begin] if begin < len(self.origin) else self.original_length
        if end <= begin:
            return start, start               # an empty slice stays empty
        stop = self.ends[end - 1] if self.ends else self.origin[end - 1] + 1
        return start, stop


# Marks written on a letter, which a span ending on that letter includes.
_ON_LETTER = {*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640}


# The same table for str.translate, dropped characters marked by a sentinel so that their
# positions can be found again: the per-character work then runs in C.
_SENTINEL = "\x00"
_SENTINELS = re.compile(_SENTINEL)
_TRANSLATE = {code: (folded or _SENTINEL) for code, folded in _TABLE.items()}


def _translate(text: str) -> str | None:
    """``text`` folded character for character (dropped ones as the sentinel), or None when
    the text holds the sentinel itself or a letter whose lower case depends on more than it."""
    if _SENTINEL in text or "Σ" in text:
        return None                           # (str.lower turns a final Σ into ς, not σ)
    translated = text.translate(_TRANSLATE)
    lowered = translated.lower()
    return lowered if len(lowered) == len(translated) else None


def fold(text: str) -> str:
    """The folded form of a string (for keys and comparisons)."""
    translated = _translate(text)
    if translated is not None:
        return translated.replace(_SENTINEL, "")
    return "".join(_TABLE[ord(c)] if ord(c) in _TABLE else _fold_char(c) for c in text)


def fold_with_offsets(text: str) -> FoldedText:
    """Fold ``text`` and keep, for every folded character, its offset in ``text``."""
    translated = _translate(text)
    if translated is None:
        return _fold_with_offsets_by_character(text)
    if _SENTINEL not in translated:
        origin = tuple(range(len(text)))
        return FoldedText(translated, origin, len(text), tuple(range(1, len(text) + 1)))
    # The kept characters run between the dropped ones: their offsets are taken a run at a
    # time (a few dozen runs an article), not a character at a time.
    dropped = [match.start() for match in _SENTINELS.finditer(translated)]
    origin_list: list[int] = []
    ends: list[int] = []
    run_start = 0
    for position in dropped:
        origin_list.extend(range(run_start, position))
        ends.extend(range(run_start + 1, position + 1))
        run_start = position + 1
    origin_list.extend(range(run_start, len(text)))
    ends.extend(range(run_start + 1, len(text) + 1))
    for position in dropped:
        if ord(text[position]) in _ON_LETTER:
            kept = bisect.bisect_left(origin_list, position) - 1
            if kept >= 0 and ends[kept] == position:
                ends[kept] = position + 1      # a mark on the letter before: the span keeps it
    return FoldedText(translated.replace(_SENTINEL, ""), tuple(origin_list), len(text), tuple(ends))


def _fold_with_offsets_by_character(text: str) -> FoldedText:
    """The plain loop, for the rare text ``_translate`` cannot fold in one go."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        code = ord(char)
        folded = _TABLE[code] if code in _TABLE else _fold_char(char)
        if folded:
            chars.append(folded)
            origin.append(index)
            ends.append(index + 1)
        elif code in _ON_LETTER and ends and ends[-1] == index:
            ends[-1] = index + 1
    return FoldedText("".join(chars), tuple(origin), len(text), tuple(ends))



# The words of a folded text, as its readers split it: runs of letters (the cue finder, the
# number reader) or of letters and digits (the name matchers).
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_WORD_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Runs:
    """The runs of a text's characters that one pattern matches, in order."""

    spans: list[tuple[int, int]]
    words: list[str]

    @cached_property
    def starts(self) -> list[int]:
        return [begin for begin, _ in self.spans]

    @cached_property
    def ends(self) -> list[int]:
        return [end for _, end in self.spans]


# Each found once per text and shared (read-only): every reader of an article splitting its
# folded text again for itself cost more than a second per thousand articles. (One cache per
# pattern: a compiled pattern hashes its whole program each time it is part of a cache key.)
@lru_cache(maxsize=4)
def letter_runs(text: str) -> Runs:
    """The runs of letters of ``text`` (digits and punctuation between them)."""
    return _runs(_LETTER_RUN, text)


@lru_cache(maxsize=4)
def word_runs(text: str) -> Runs:
    """The runs of letters and digits of ``text``."""
    return _runs(_WORD_RUN, text)


def _runs(pattern: re.Pattern[str], text: str) -> Runs:
    spans = [match.span() for match in pattern.finditer(text)]
    return Runs(spans, [text[begin:end] for begin, end in spans])

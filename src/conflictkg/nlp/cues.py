"""Find the phrases of a fact lexicon in an article: folded, clitic-aware, longest match first
(and, of two equal matches, the form listed word for word rather than with "*").

Every fact lexicon in ``data/`` (triggers, instruments, outcomes, attribution cues, …) names its
phrases in a ``form`` column written in plain Arabic, one phrase per row:

- words are separated by spaces; between them the text may have spaces, hyphens, slashes or
  quotation marks, and every word after the first may carry the article (قصف جوي / القصف الجوي);
- a word ending in ``*`` may carry up to four suffix letters (غارة* matches غارات, غاراتها),
  except the words listed in ``cue_exclusions.tsv`` (زعم* "claimed" never matches زعماء);
- the first word may carry the proclitics و ف, then ب ل ك, and the article (or لل), so
  "القصف", "والقصف", "بالقصف" and "للقصف" all match ``قصف``; a row whose form starts with
  ``=`` matches its first word exactly as written (no proclitics: ``=أن``).

Matching runs on the folded text (:mod:`.normalize`), so spelling variants need no rows of
their own; reported offsets are offsets in the text as read.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from spacy.tokens import Doc

from conflictkg.nlp.document import folded_text
from conflictkg.nlp.lexicon import Entry, lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import FoldedText, fold, fold_with_offsets, letter_runs

_LETTER = r"[^\W\d_]"
_PROCLITICS = morphology().proclitic_pattern()
_PROCLITICS_WIDTH = morphology().proclitic_width
_LATER_ARTICLE = rf"(?:{morphology().article})?"
_WORD_GAP = r"[\s\-–/\"'«»“”]+"
_SUFFIX = _LETTER + "{0,4}"


@dataclass(frozen=True)
class Cue:
    """One lexicon phrase found in the text (offsets in the text as read)."""

    begin: int
    end: int
    entry: Entry            # the lexicon row (lexicon.py names its fields)
    definite: bool          # the first word carries the article ("القصف", "بالغارات")
    prefix: str = ""        # the proclitics matched before the first word (folded)

    @property
    def form(self) -> str:
        return self.entry.key


def _stem_pattern(word: str) -> str:
    """A word's stem, plus up to four suffix letters when it ends in "*"."""
    return re.escape(fold(word.rstrip("*"))) + (_SUFFIX if word.endswith("*") else "")


@lru_cache(maxsize=1)
def _exclusions() -> tuple[str, ...]:
    return words("cue_exclusions.tsv")


def _word_pattern(word: str) -> str:
    """One word of a form. Four free suffix letters read other words too ("زعم*" would take
    "زعماء", leaders, for "claimed"): an open-ended word refuses the whole words of
    ``cue_exclusions.tsv`` that extend its stem."""
    if not word.endswith("*"):
        return _stem_pattern(word)
    stem = fold(word.rstrip("*"))
    excluded = [_stem_pattern(w) for w in _exclusions()
                if fold(w.rstrip("*")).startswith(stem) and len(fold(w.rstrip("*"))) > len(stem)]
    refuse = f"(?!(?:{'|'.join(excluded)})(?!{_LETTER}))" if excluded else ""
    return refuse + _stem_pattern(word)


def _form_words(form: str) -> list[str]:
    return form.lstrip("=").split()


def phrase_pattern(form: str) -> re.Pattern[str]:
    """The regular expression (on folded text) that a lexicon form stands for."""
    exact = form.startswith("=")
    words = _form_words(form)
    head = ("(?P<pre>)" if exact else _PROCLITICS) + _word_pattern(words[0])
    rest = "".join(_WORD_GAP + _LATER_ARTICLE + _word_pattern(w) for w in words[1:])
    return re.compile(rf"(?<!{_LETTER}){head}{rest}(?!{_LETTER})")


_LETTERS = re.compile(_LETTER + "+")


class Phrase:
    """One lexicon row and its pattern, found without scanning the whole text.

    ``pattern.finditer`` tries every position of the text, and most rows are not in a given
    article at all. Every match contains each word's stem literally and starts at most
    ``_PROCLITICS_WIDTH`` characters before an occurrence of the first stem, so matching is
    tried only there, in text order and past the previous match: the matches are exactly
    those of ``finditer``. A first stem of letters (nearly all) after proclitics (letters too)
    can only start a match where its word starts: only those places are tried.
    """

    def __init__(self, entry: Entry):
        self.entry = entry
        key = entry.key  # a lookup of the row's first field: read once, not per match
        self.pattern = phrase_pattern(key)
        stems = [fold(word.rstrip("*")) for word in _form_words(key)]
        self.head, self.later_stems = stems[0], tuple(set(stems[1:]) - {stems[0]})
        self.in_word = _LETTERS.fullmatch(self.head) is not None
        self.starts_definite = key.lstrip("=").startswith(morphology().article)
        self.open_words = key.count("*")

    def matches(self, text: str) -> list[re.Match[str]]:
        if not self.head:
            return list(self.pattern.finditer(text))
        first = text.find(self.head)
        if first < 0 or (self.later_stems and not all(stem in text for stem in self.later_stems)):
            return []
        found: list[re.Match[str]] = []
        for start in self._possible_starts(text, first):
            if found and start < found[-1].end():
                continue
            match = self.pattern.match(text, start)
            if match is not None:
                found.append(match)
        return found

    def _possible_starts(self, text: str, first: int) -> list[int]:
        word_starts = letter_runs(text).starts if self.in_word else None
        starts: set[int] = set()
        at = first
        while at >= 0:
            lowest = max(0, at - _PROCLITICS_WIDTH)
            if word_starts is None:
                starts.update(range(lowest, at + 1))
            else:
                index = bisect_left(word_starts, lowest)
                while index < len(word_starts) and word_starts[index] <= at:
                    starts.add(word_starts[index])
                    index += 1
            at = text.find(self.head, at + 1)
        return sorted(starts)


_KEY_LENGTH = 3


@lru_cache(maxsize=4)
def _opening_keys(text: str) -> frozenset[str]:
    """The first ``_KEY_LENGTH`` letters of every stem the text can hold: in each distinct word,
    those at most ``_PROCLITICS_WIDTH`` letters in (found once per text, for every lexicon)."""
    words = set(letter_runs(text).words)
    keys: set[str] = set()
    for at in range(_PROCLITICS_WIDTH + 1):  # (a word too short gives a shorter key: no stem's)
        keys.update(map(itemgetter(slice(at, at + _KEY_LENGTH)), words))
    return frozenset(keys)


class CueLexicon:
    """The phrases of one lexicon file, compiled once.

    Most phrases of a lexicon are absent from a given article, and looking for each costed more
    than all the matching. A phrase whose first stem is at least ``_KEY_LENGTH`` letters long can
    only be in a text that holds the stem's first letters, so the text's runs of that many letters
    (computed once) rule out most phrases at once; the rest are looked for as before, in the
    lexicon's order.
    """

    def __init__(self, entries: Sequence[Entry]):
        self.phrases = [Phrase(entry) for entry in entries if entry.key]
        self._by_key: dict[str, list[int]] = {}
        self._unkeyed: list[int] = []
        for index, phrase in enumerate(self.phrases):
            if phrase.in_word and len(phrase.head) >= _KEY_LENGTH:
                self._by_key.setdefault(phrase.head[:_KEY_LENGTH], []).append(index)
            else:
                self._unkeyed.append(index)

    def _candidates(self, text: str) -> list[Phrase]:
        """The phrases that may be in the text, in the lexicon's order."""
        indices = [*self._unkeyed]
        for key in _opening_keys(text).intersection(self._by_key):
            indices.extend(self._by_key[key])
        return [self.phrases[index] for index in sorted(indices)]

    @classmethod
    @lru_cache(maxsize=None)
    def from_file(cls, name: str) -> "CueLexicon":
        return cls(lexicon(name))

    def find(self, folded: FoldedText) -> list[Cue]:
        """Every phrase in the text; where two overlap, the longer (then the earlier) wins."""
        found: list[tuple[int, int, Phrase, bool, str]] = []
        for phrase in self._candidates(folded.text):
            for match in phrase.matches(folded.text):
                prefix = match.group("pre")
                definite = phrase.starts_definite or morphology().has_article(prefix)
                found.append((match.start(), match.end(), phrase, definite, prefix))
        # Longest first; of equal matches, a form listed word for word beats one with "*".
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0], f[2].open_words))
        # The spans taken never overlap, so kept in order only the two beside a new one can.
        taken: list[tuple[int, int]] = []
        cues = []
        for begin, end, phrase, definite, prefix in found:
            at = bisect_left(taken, (begin, end))
            if (at and taken[at - 1][1] > begin) or (at < len(taken) and taken[at][0] < end):
                continue
            taken.insert(at, (begin, end))
            start, stop = folded.to_original(begin, end)
            cues.append(Cue(start, stop, phrase.entry, definite, prefix))
        return sorted(cues, key=lambda c: c.begin)

    def find_in(self, text: str) -> list[Cue]:
        return self.find(fold_with_offsets(text))


def doc_cues(doc: Doc, lexicon_file: str) -> list[Cue]:
    """The phrases of ``lexicon_file`` in a doc, found once per doc and file."""
    cache = doc.user_data.setdefault("fact_cues", {})
    if lexicon_file not in cache:
        cache[lexicon_file] = CueLexicon.from_file(lexicon_file).find(folded_text(doc))
    return cache[lexicon_file]

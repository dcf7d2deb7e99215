"""Find catalogue names in Arabic text: folded, clitic-aware, longest match first.

A name matches when its words follow each other in the text, separated only by spaces,
quotation marks or hyphens. The first word may carry proclitics (و ف, then ب ل ك, and لل for
ل + the article): "والجيش السوري", "بالجيش السوري", "للجيش السوري" all match "الجيش السوري".
Of the names starting at a word, the longest wins ("الجيش السوري الحر" is the Free Syrian
Army, not the Syrian army); the scan then continues after it. Reported offsets are offsets in
the original text, covering the name without its proclitics.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from conflictkg.catalogue import CatalogueEntry
from conflictkg.nlp.lexicon import read_tsv
from conflictkg.nlp.normalize import FoldedText, fold

WORD = re.compile(r"[^\W_]+")
# What may separate the words of one name: spaces, quotation marks, hyphens, brackets.
NAME_GAP = re.compile(r"[\s\"'«»“”‘’\-–()]*")
QUOTES = "\"'«»“”‘’"


def _clitics(role: str) -> tuple[str, ...]:
    return tuple(fold(row[0]) for row in read_tsv("clitics.tsv") if row[1] == role)


@dataclass(frozen=True)
class NameMatch:
    begin: int          # offsets in the original text
    end: int
    entry: CatalogueEntry
    by_context: bool    # matched by a context-only name (after a cue word or in quotes)


class _TrieNode(dict):
    """word -> child node; ``entries`` holds what a name ending here refers to."""

    __slots__ = ("entries", "context_only")

    def __init__(self):
        super().__init__()
        self.entries: list[CatalogueEntry] = []
        self.context_only = True


class CatalogueMatcher:
    """Leftmost-longest matching of catalogue names in folded text."""

    def __init__(self, entries: Iterable[CatalogueEntry], context_cues: Iterable[str] = ()):
        self.root = _TrieNode()
        self.context_cues = frozenset(fold(c) for c in context_cues)
        self.conjunctions = _clitics("conjunction")
        self.prepositions = _clitics("preposition")
        for entry in entries:
            for name in entry.names_ar:
                self._add(name, entry, context_only=False)
            for name in entry.context_names_ar:
                self._add(name, entry, context_only=True)

    def _add(self, name: str, entry: CatalogueEntry, context_only: bool) -> None:
        words = WORD.findall(fold(name))
        if not words:
            return
        node = self.root
        for word in words:
            node = node.setdefault(word, _TrieNode())
        if entry not in node.entries:
            node.entries.append(entry)
        node.context_only = node.context_only and context_only

    def first_word_forms(self, word: str) -> Iterator[tuple[int, str]]:
        """(characters stripped, form) for a word and its proclitic-stripped forms, unstripped first."""
        yield 0, word
        heads = [(0, word)]
        for conj in self.conjunctions:
            if word.startswith(conj) and len(word) - len(conj) >= 2:
                heads.append((len(conj), word[len(conj):]))
        for skip, head in heads:
            if skip:
                yield skip, head
            for prep in self.prepositions:
                rest = head[len(prep):]
                if not head.startswith(prep) or len(rest) < 2:
                    continue
                yield skip + len(prep), rest
                if prep == "ل" and rest.startswith("ل"):
                    # لل = ل + the article with its alif elided: للجيش -> الجيش
                    yield skip + len(prep), "ا" + rest

    def find(self, folded: FoldedText) -> list[NameMatch]:
        text = folded.text
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        matches: list[NameMatch] = []
        index = 0
        while index < len(words):
            best = self._longest_at(text, words, index)
            if best is None:
                index += 1
                continue
            skip, last, node = best
            begin, end = words[index][0] + skip, words[last][1]
            by_context = node.context_only
            if by_context and not self._context_allows(text, words, index, begin, end):
                index += 1
                continue
            start, stop = folded.to_original(begin, end)
            for entry in node.entries:
                matches.append(NameMatch(start, stop, entry, by_context))
            index = last + 1
        return matches

    def _longest_at(self, text: str, words: list[tuple[int, int]], index: int):
        """The longest name starting at word ``index``: (stripped, last word index, trie node)."""
        first = text[words[index][0]:words[index][1]]
        best = None
        for skip, form in self.first_word_forms(first):
            node = self.root.get(form)
            position = index
            while node is not None:
                if node.entries and (best is None or position > best[1]):
                    best = (skip, position, node)
                nxt = position + 1
                if nxt >= len(words) or not NAME_GAP.fullmatch(text, words[position][1], words[nxt][0]):
                    break
                node = node.get(text[words[nxt][0]:words[nxt][1]])
                position = nxt
        return best

    def _context_allows(self, text: str, words, index: int, begin: int, end: int) -> bool:
        """A context-only name counts in quotes or right after a cue word (قناة "العربية")."""
        before = text[max(0, begin - 2):begin]
        after = text[end:end + 2]
        if any(q in before for q in QUOTES) and any(q in after for q in QUOTES):
            return True
        return index > 0 and text[words[index - 1][0]:words[index - 1][1]] in self.context_cues

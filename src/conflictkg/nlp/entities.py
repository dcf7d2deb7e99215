"""Find catalogue names in Arabic text: folded, clitic-aware, longest match first.

A name matches when its words follow each other in the text, separated only by spaces,
quotation marks or hyphens. The first word may carry proclitics (و ف, then ب ل ك, and لل for
ل + the article): "والجيش السوري", "بالجيش السوري", "للجيش السوري" all match "الجيش السوري".
Of the names starting at a word, the longest wins ("الجيش السوري الحر" is the Free Syrian
Army, not the Syrian army); the scan then continues after it. Reported offsets are offsets in
the original text, covering the name without its proclitics.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from conflictkg.catalogue import CatalogueEntry
from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import TA_MARBUTA, FoldedText, fold, word_runs

WORD = re.compile(r"[^\W_]+")
# What may separate the words of one name: spaces, quotation marks, hyphens, brackets.
NAME_GAP = re.compile(r"[\s\"'«»“”‘’\-–()]*")
QUOTES = "\"'«»“”‘’"




@dataclass(frozen=True)
class NameMatch:
    begin: int          # offsets in the original text
    end: int
    entry: CatalogueEntry
    by_context: bool    # matched by a context-only name (after a cue word or in quotes)
    proclitics: str = ""  # the folded proclitics written before the name ("والجيش" → "و", "بالجيش" → "ب")


class _TrieNode(dict):
    """word -> child node; ``entries`` holds what a name ending here refers to."""

    __slots__ = ("entries", "context_only")

    def __init__(self):
        super().__init__()
        self.entries: list[CatalogueEntry] = []
        self.context_only = True


class CatalogueMatcher:
    """Leftmost-longest matching of catalogue names in folded text."""

    MEMO_LIMIT = 200_000

    def __init__(self, entries: Iterable[CatalogueEntry], context_cues: Iterable[str] = ()):
        self.root = _TrieNode()
        self._memo: dict[str, tuple[tuple[int, _TrieNode], ...]] = {}
        self.context_cues = frozenset(fold(c) for c in context_cues)
        self.morphology = morphology()
        self.conjunctions = self.morphology.conjunctions
        self.prepositions = self.morphology.prepositions
        for entry in entries:
            for name in entry.names_ar:
                self._add(name, entry, context_only=False)
            for name in entry.context_names_ar:
                self._add(name, entry, context_only=True)

    def _add(self, name: str, entry: CatalogueEntry, context_only: bool) -> None:
        for words in spellings(tuple(WORD.findall(fold(name)))):
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
                contraction, article = self.morphology.contraction, self.morphology.article
                if (prep + rest).startswith(contraction):
                    # لل = ل + the article with its alif elided: للجيش -> الجيش
                    yield skip + len(prep), article + rest[len(contraction) - len(prep):]

    def find(self, folded: FoldedText) -> list[NameMatch]:
        text = folded.text
        runs = word_runs(text)
        words = runs.spans
        matches: list[NameMatch] = []
        free_from = 0          # the first word not inside a name already found
        for index in self._name_starts(runs.words):
            if index < free_from:
                continue
            best = self._longest_at(text, words, index)
            if best is None:
                continue
            skip, last, node = best
            begin, end = words[index][0] + skip, words[last][1]
            by_context = node.context_only
            if by_context and not self._context_allows(text, words, index, begin, end):
                continue
            start, stop = folded.to_original(begin, end)
            proclitics = text[words[index][0]:begin]
            for entry in node.entries:
                matches.append(NameMatch(start, stop, entry, by_context, proclitics))
            free_from = last + 1
        return matches

    def _name_starts(self, words: list[str]) -> list[int]:
        """The indexes of the words that may start a name, in order. Each distinct word is
        looked up once: trying a match at every word cost more than the matching itself."""
        starting = {word for word in set(words) if self._starts(word)}
        return [index for index, word in enumerate(words) if word in starting]

    def _starts(self, word: str) -> tuple[tuple[int, _TrieNode], ...]:
        """(characters stripped, trie node) for each form of ``word`` that starts a name.

        Memoised: news repeats its words, and most start no name, so most words cost one
        dictionary look-up. The memo is cleared when it grows past ``MEMO_LIMIT`` words.
        """
        starts = self._memo.get(word)
        if starts is None:
            if len(self._memo) > self.MEMO_LIMIT:
                self._memo.clear()
            starts = tuple((skip, self.root[form]) for skip, form in self.first_word_forms(word)
                           if form in self.root)
            self._memo[word] = starts
        return starts

    def _longest_at(self, text: str, words: list[tuple[int, int]], index: int):
        """The longest name starting at word ``index``: (stripped, last word index, trie node)."""
        first = text[words[index][0]:words[index][1]]
        best = None
        for skip, node in self._starts(first):
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


# ---------------------------------------------------------------------------------------------
# Names introduced by cue words: "بلدة نوى", "فصيل "جيش خالد بن الوليد"", "لواء شهداء اليرموك".

QUOTE_CHARS = frozenset(QUOTES)


@dataclass(frozen=True)
class NameCue:
    """A cue word (``actor_cues.tsv``, ``place_cues.tsv``) and what the name after it is."""

    word: str            # folded
    kind: str            # "actor" or "place"
    entity_class: str
    includes_cue: bool   # the cue word is part of the name (جيش خالد بن الوليد, مخيم اليرموك)
    quoted_only: bool    # a name only in quotes: "موقع عسكري" is no website
    written_with_ta: bool  # the cue ends in ة: بلدة must not be read in بلده ("his country")


@dataclass(frozen=True)
class CueName:
    """A name read after a cue word; offsets in the original text."""

    begin: int           # the name (with the cue word when the cue is part of it)
    end: int
    cue: NameCue
    name: str            # folded words, one space apart: the key the minted IRI is made from
    quoted: bool


@lru_cache(maxsize=1)
def _name_joins() -> tuple[str, ...]:
    return tuple(fold(word) for word in words("name_joins.tsv"))


@lru_cache(maxsize=1)
def _word_variants() -> dict[str, tuple[str, ...]]:
    """``name_word_variants.tsv``: each folded word -> every word of its group (itself first)."""
    groups: dict[str, list[str]] = {}
    for row in lexicon("name_word_variants.tsv"):
        groups.setdefault(row.group, []).append(fold(row.word))
    return {word: (word, *[w for w in group if w != word]) for group in groups.values() for word in group}


def spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name's words, then its other spellings: each word of ``name_word_variants.tsv`` as any
    of its group ("المخابرات" / "الاستخبارات"), each compound of ``name_joins.tsv`` joined or
    apart ("عبد الله" / "عبدالله"), in every combination."""
    if not words:
        return []
    variants = _word_variants()
    written = itertools.product(*[variants.get(word, (word,)) for word in words])
    return list(dict.fromkeys(spelling for each in written for spelling in _joined_or_apart(each)))


def _joined_or_apart(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    joins = _name_joins()
    split: list[str] = []
    for word in words:
        join = next((j for j in joins if word.startswith(j) and len(word) - len(j) >= 2), None)
        split += [join, word[len(join):]] if join else [word]
    spots = [i for i in range(len(split) - 1) if split[i] in joins]
    found = [words]
    for mask in range(2 ** len(spots)):
        joined = {spot for bit, spot in enumerate(spots) if mask >> bit & 1}
        variant, i = [], 0
        while i < len(split):
            step = 2 if i in joined else 1
            variant.append("".join(split[i:i + step]))
            i += step
        found.append(tuple(variant))
    return list(dict.fromkeys(found))


def _cues_from(file: str, kind: str) -> list[NameCue]:
    return [NameCue(fold(row.cue), kind, row.entity_class, row.includes_cue, row.quoted_only,
                    row.cue.endswith(TA_MARBUTA))
            for row in lexicon(file)]


def _folded_words(file: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words(file))


class CueNameReader:
    """Reads the name after each cue word: quoted, or one to four words that look like a name.

    An unquoted name is its first word, then the words that may continue a name: definite
    words ("بصرى الشام", "أحرار الشام") and the words after a name link (``name_links.tsv``:
    "خالد بن الوليد", "خان شيخون"). It stops at punctuation, at a second conjoined name
    ("درعا والقنيطرة"), at the words of ``name_stops.tsv`` (prepositions, time words,
    adjectives such as السورية or الشرقي) and, in place names, at a definite word ending like a
    nisba or feminine adjective (الكردية, المحاصرة). A cue followed by a word of
    ``name_rejects.tsv`` is a common noun ("حركة النزوح", "معبر حدودي") and introduces nothing;
    an unquoted actor name needs a definite word ("تنظيم إرهابي" is no name).
    """

    MAX_WORDS = 4
    MAX_QUOTED_WORDS = 6

    def __init__(self, cues: Iterable[NameCue], stops: frozenset[str], rejects: frozenset[str],
                 links: frozenset[str]):
        self.stops, self.rejects, self.links = stops, rejects, links
        self.morphology = morphology()
        self.conjunctions = self.morphology.conjunctions
        self.prepositions = self.morphology.prepositions
        # Every written form of every cue (وبلدة، لمدينة …) → (proclitic length, cue): one
        # dictionary look-up per word of the article.
        self.cue_forms: dict[str, tuple[int, NameCue]] = {}
        for cue in cues:
            for prefix in self._proclitic_prefixes():
                self.cue_forms.setdefault(prefix + cue.word, (len(prefix), cue))

    @classmethod
    def from_data(cls) -> "CueNameReader":
        return cls(_cues_from("actor_cues.tsv", "actor") + _cues_from("place_cues.tsv", "place"),
                   _folded_words("name_stops.tsv"), _folded_words("name_rejects.tsv"),
                   _folded_words("name_links.tsv"))

    def cue_of(self, word: str) -> tuple[int, NameCue] | None:
        """(proclitic characters, cue) when ``word`` is a cue word, perhaps with proclitics."""
        return self.cue_forms.get(word)

    def _proclitic_prefixes(self) -> list[str]:
        """"", و, ف, ب, ل, ك, وب, ول, … : what may be written before a cue word."""
        heads = ["", *self.conjunctions]
        return heads + [head + prep for head in heads for prep in self.prepositions]

    def is_stop(self, word: str) -> bool:
        return word in self.stops or (word[:1] in self.conjunctions and word[1:] in self.stops)

    def find(self, folded: FoldedText, original: str) -> list[CueName]:
        text = folded.text
        words = word_runs(text).spans
        names = []
        for index, (begin, end) in enumerate(words):
            found = self.cue_of(text[begin:end])
            if found is None:
                continue
            skip, cue = found
            if cue.written_with_ta and original[folded.origin[end - 1]] != TA_MARBUTA:
                continue
            name = self._name_after(text, words, index, cue)
            if name is None:
                continue
            quoted, first, last = name
            start = begin + skip if cue.includes_cue else words[first][0]
            name_begin, name_end = folded.to_original(start, words[last][1])
            parts = [cue.word] * cue.includes_cue + [text[b:e] for b, e in words[first:last + 1]]
            names.append(CueName(name_begin, name_end, cue, " ".join(parts), quoted))
        return names

    def _name_after(self, text: str, words, index: int, cue: NameCue):
        """(quoted, first word index, last word index) of the name after the cue, or None."""
        if index + 1 >= len(words):
            return None
        gap = text[words[index][1]:words[index + 1][0]]
        if gap.strip(" " + QUOTES):
            return None                       # punctuation right after the cue
        if any(q in gap for q in QUOTES):
            return self._quoted_name(text, words, index + 1)
        return None if cue.quoted_only else self._plain_name(text, words, index + 1, cue)

    def _quoted_name(self, text: str, words, first: int):
        last = first
        while last + 1 < len(words) and last - first + 1 < self.MAX_QUOTED_WORDS:
            if text[words[last][1]:words[last + 1][0]].strip():
                break                         # the closing quote, or punctuation
            last += 1
        closing = text[words[last][1]:words[last][1] + 2]
        if not any(q in closing for q in QUOTES):
            return None                       # an unclosed quote: not a name we can delimit
        return True, first, last

    def _plain_name(self, text: str, words, first: int, cue: NameCue):
        head = text[words[first][0]:words[first][1]]
        if head in self.rejects or self.is_stop(head) or self.cue_of(head) is not None:
            return None                       # a common noun, or another cue that reads its own name
        if self.morphology.joins_list(head) and head not in self.links:
            return None
        if self.morphology.opens_with_preposition_and_article(head):
            return None                       # "مخيم للنازحين": a preposition, not a name
        last, linked = first, False
        while last + 1 < len(words) and last - first + 1 < self.MAX_WORDS:
            nxt = last + 1
            if text[words[last][1]:words[nxt][0]].strip():
                break
            word, previous = text[words[nxt][0]:words[nxt][1]], text[words[last][0]:words[last][1]]
            if linked and previous not in self.links and word not in self.links:
                break                         # "كتيبة أبو الزرزور المواقع": a linked name is complete
            if not self._continues(word, previous, cue):
                break
            linked = linked or previous in self.links
            last = nxt
        while last > first and text[words[last][0]:words[last][1]] in self.links:
            last -= 1                         # "خالد بن" is not a name: drop a dangling link
        if text[words[last][0]:words[last][1]] in self.links:
            return None
        if cue.kind == "actor" and not any(
                text[b:e].startswith(self.morphology.article) for b, e in words[first:last + 1]):
            return None
        return False, first, last

    def _continues(self, word: str, previous: str, cue: NameCue) -> bool:
        if self.is_stop(word) or word in self.rejects:
            return False
        if previous in self.links:
            return True
        if word in self.links:
            return True
        if not word.startswith(self.morphology.article):
            return False
        if cue.kind == "place" and (self.morphology.is_feminine(word) or self.morphology.is_nisba(word)):
            return False                      # الكرديه, المحاصره, الجنوبي: adjectives
        return not (cue.kind == "actor" and self.morphology.is_nisba(word))


# ---------------------------------------------------------------------------------------------
# A state's bodies named by a head noun and a nationality: "الشرطة البريطانية", "وزارة الخارجية
# اللبنانية", "مجلس الأمن القومي التركي" (national_bodies.tsv, nationalities.tsv).

@dataclass(frozen=True)
class NationalBody:
    """A head and a nationality adjective read in the text; offsets in the original text."""

    begin: int
    end: int
    entity_class: str    # "Country": the phrase names the state itself
    country: str         # the country's IRI
    name: str            # folded head and canonical adjective: one key for الأمريكية / الأميركية
    article_elided: bool = False   # written after ل with its alif dropped ("للشرطة"): the label restores it
    head: tuple[int, int] | None = None   # a body joined to another's head ("والفرنسية"): where the head is written


@dataclass(frozen=True)
class _Head:
    words: tuple[str, ...]   # folded, each written in its group's first spelling
    entity_class: str
    feminine: bool
    definite: bool = True    # False: the head written without its article, "شرطة عسكرية روسية"
    act: bool = False        # an act, not a body: the state is named by the adjective alone ("قصف تركي")

    def indefinite(self, article: str) -> "_Head | None":
        """The head as an indefinite noun phrase ("قوات", "شرطة عسكرية"), when every word of it
        carries the article (an adjectival head; "وزارة الخارجية" has no indefinite form)."""
        if not all(word.startswith(article) for word in self.words):
            return None
        return _Head(tuple(word[len(article):] for word in self.words), self.entity_class, self.feminine, False,
                     self.act)

    def definite_words(self, article: str) -> tuple[str, ...]:
        return self.words if self.definite else tuple(article + word for word in self.words)


class NationalBodyReader:
    """Finds a head of ``national_bodies.tsv`` right before a nationality adjective that agrees
    with it. The name it gives is the head and the adjective in the first spelling of each
    (``name_word_variants.tsv``, the first row of ``nationalities.tsv`` for the country), so
    that one body keeps one key whichever way an article spells it."""

    def __init__(self, heads: Iterable[_Head], stems: dict[str, str], canonical: dict[str, str],
                 taken: Iterable[str] = (), stops: frozenset[str] = frozenset()):
        self.morphology = morphology()
        self.taken = frozenset(taken)   # folded phrases another reader resolves (references.tsv)
        self.stops = stops              # name_stops.tsv: what may follow an indefinite body
        self.stems = stems              # folded adjective stem -> country IRI
        self.canonical = canonical      # country IRI -> its first folded stem
        # every written form of a head's first word (والشرطة، للشرطة …) → the heads it starts
        self.heads_by_first_word: dict[str, list[_Head]] = {}
        heads = list(heads)
        heads += [head.indefinite(self.morphology.article) for head in heads if head.definite]
        for head in sorted(filter(None, heads), key=lambda h: -len(h.words)):     # the longest head first
            for first in _word_variants().get(head.words[0], (head.words[0],)):
                for form in self.morphology.written_forms(first):
                    self.heads_by_first_word.setdefault(form, []).append(head)

    @classmethod
    def from_data(cls) -> "NationalBodyReader":
        from conflictkg.nlp.lexicon import nationality_countries
        stems = nationality_countries()
        canonical: dict[str, str] = {}
        for stem, country in stems.items():
            canonical.setdefault(country, stem)
        heads = [_Head(tuple(_first_spelling(w) for w in WORD.findall(fold(row.head))), row.entity_class,
                       row.agreement == "feminine", act=row.mention == "adjective")
                 for row in lexicon("national_bodies.tsv")]
        return cls(heads, stems, canonical, (" ".join(WORD.findall(fold(phrase))) for phrase in words("references.tsv")),
                   _folded_words("name_stops.tsv"))

    def find(self, folded: FoldedText) -> list[NationalBody]:
        text = folded.text
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        found = []
        for index, (begin, end) in enumerate(words):
            for head in self.heads_by_first_word.get(text[begin:end], ()):
                body = self._body_at(folded, words, index, head)
                if body is not None:
                    found.append(body)
                    found += self._joined(folded, words, index, head)
                    break
        return found

    def _joined(self, folded: FoldedText, words, index: int, head: _Head) -> list[NationalBody]:
        """"القوات التركية والأمريكية", "قوات روسية وإيرانية": each nationality joined by و to a
        body's adjective is the same body of another state, its mention the adjective alone."""
        text, bodies = folded.text, []
        at = index + len(head.words)
        written = text[words[index][0]:words[index][1]]
        skip = self._proclitics(written, head.words[0])
        head_span = folded.to_original(words[index][0] + skip, words[at - 1][1])
        article = self.morphology.article
        elided = head.definite and head.words[0].startswith(article) and not written[skip:].startswith(article)
        while at + 1 < len(words) and not text[words[at][1]:words[at + 1][0]].strip():
            word = text[words[at + 1][0]:words[at + 1][1]]
            if not self.morphology.joins_list(word):
                break
            adjective = word[1:]
            country = self._agreeing_country(adjective, head)
            if country is None:
                break
            at += 1
            if self._named_elsewhere(head, adjective):
                continue
            begin, end = folded.to_original(words[at][0] + 1, words[at][1])
            bodies.append(NationalBody(begin, end, head.entity_class, country, self._name(head, country),
                                       elided, head=head_span))
        return bodies

    def _agreeing_country(self, adjective: str, head: _Head) -> str | None:
        """The country of a nationality adjective that agrees with the head in gender and
        definiteness ("وزير الخارجية التركي": the adjective is the minister's, not the ministry's)."""
        if self.morphology.is_feminine(adjective) != head.feminine:
            return None
        if adjective.startswith(self.morphology.article) != head.definite:
            return None                       # "قوات روسية", "القوات الروسية": both or neither definite
        return self.stems.get(self.morphology.bare_nisba(adjective))

    def _named_elsewhere(self, head: _Head, adjective: str) -> bool:
        """"الحكومة السورية": references.tsv says whose it is."""
        article = self.morphology.article
        ending = self.morphology.feminine_ending if head.feminine else ""
        phrase = (*head.definite_words(article), article + self.morphology.bare_nisba(adjective) + ending)
        return " ".join(phrase) in self.taken

    def _name(self, head: _Head, country: str) -> str:
        """One key for a body whichever way it is written: definite ("قوات روسية" is "القوات
        الروسية"), each word and the adjective in their first spelling."""
        article = self.morphology.article
        ending = self.morphology.feminine_ending if head.feminine else ""
        return " ".join((*head.definite_words(article), article + self.canonical[country] + ending))

    def _body_at(self, folded: FoldedText, words, index: int, head: _Head) -> NationalBody | None:
        text = folded.text
        last = index + len(head.words)
        if last >= len(words):
            return None
        for offset, word in enumerate(head.words[1:], start=1):
            at = words[index + offset]
            if _first_spelling(text[at[0]:at[1]]) != word or text[words[index + offset - 1][1]:at[0]].strip():
                return None
        if text[words[last - 1][1]:words[last][0]].strip():
            return None                       # punctuation between the head and the adjective
        adjective = text[words[last][0]:words[last][1]]
        country = self._agreeing_country(adjective, head)
        if country is None or self._named_elsewhere(head, adjective):
            return None
        if not head.definite and not self._phrase_ends(text, words, last + 1):
            return None                       # "قوات سورية معارضة": more words say whose forces
        skip = self._proclitics(text[words[index][0]:words[index][1]], head.words[0])
        begin, end = folded.to_original(words[last][0] if head.act else words[index][0] + skip, words[last][1])
        article = self.morphology.article
        elided = head.definite and head.words[0].startswith(article) \
            and not text[words[index][0] + skip:].startswith(article)
        return NationalBody(begin, end, head.entity_class, country, self._name(head, country), elided)

    def _phrase_ends(self, text: str, words, at: int) -> bool:
        """An indefinite body's phrase ends before word ``at``: at the text's end, punctuation,
        a stop word (a preposition, a time word) or a word joined by و ("قوات روسية وإيرانية");
        an indefinite word after it may qualify it ("قوات سورية مدعومة من تركيا")."""
        if at >= len(words) or text[words[at - 1][1]:words[at][0]].strip():
            return True
        word = text[words[at][0]:words[at][1]]
        return word in self.stops or word[:1] in self.morphology.conjunctions \
            or self.morphology.opens_with_preposition_and_article(word)

    def _proclitics(self, written: str, first: str) -> int:
        """How many characters of the written first word are proclitics: "وللشرطه" → 2 (و ل;
        the name keeps the ل that stands for the article)."""
        for form in _word_variants().get(first, (first,)):
            if written.endswith(form):
                return len(written) - len(form)
        article = self.morphology.article
        return len(written) - (len(first) - len(article)) - len(self.morphology.contraction) + 1


def known_body_names(entries: Iterable[CatalogueEntry]) -> dict[str, CatalogueEntry]:
    """The catalogue's actor names keyed as :class:`NationalBodyReader` writes a body's name
    (folded, each word in its first spelling): a phrase the reader finds written otherwise
    ("قوات روسية") is the catalogue's entry when the catalogue names its definite form."""
    names: dict[str, CatalogueEntry] = {}
    for entry in entries:
        if entry.kind != "actor":
            continue
        for name in entry.names_ar:
            names.setdefault(" ".join(_first_spelling(word) for word in WORD.findall(fold(name))), entry)
    return names


def _first_spelling(word: str) -> str:
    """A folded word in the first spelling of its group in ``name_word_variants.tsv``
    ("الاستخبارات" → "المخابرات"), or itself."""
    return _first_spellings().get(word, word)


@lru_cache(maxsize=1)
def _first_spellings() -> dict[str, str]:
    firsts: dict[str, str] = {}
    for row in lexicon("name_word_variants.tsv"):
        firsts.setdefault(row.group, fold(row.word))
    return {fold(row.word): firsts[row.group] for row in lexicon("name_word_variants.tsv")}

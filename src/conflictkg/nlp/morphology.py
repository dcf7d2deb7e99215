"""The shape of a written Arabic word, as every reader sees it: the letters joined to its front
(``clitics.tsv``: a conjunction و ف, then a preposition ب ل ك, then the article ال, which after
ل is written لل), its endings (``word_endings.tsv``: the feminine ة, the nisba ي/ية) and the
particles that negate what follows (``negations.tsv``).

All of it works on folded words (``normalize.fold``). One model, so that "is this word the
list word, perhaps written with و before it" is answered the same way by names, cues, dates,
figures and the fact readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.normalize import fold

# A word shorter than this is never read as proclitics on a stem ("ولد" is not و + "لد").
SHORTEST_STEM = 2


@dataclass(frozen=True)
class Morphology:
    conjunctions: tuple[str, ...]     # و ف
    list_conjunctions: tuple[str, ...]  # و: joins the items of a list
    prepositions: tuple[str, ...]     # ب ل ك
    article: str                      # ال
    contraction: str                  # لل: ل + ال
    feminine_ending: str              # ه: ة folded
    nisba_endings: tuple[str, ...]    # ي يه, longest first
    negations: frozenset[str]         # لا لم لن ليس ليست غير: always a negation
    loose_negations: frozenset[str]   # ما: a negation, or something else
    aims: tuple[str, ...] = ()        # ل, لل: on a verbal noun, what something is for

    # ------------------------------------------------------------------ proclitics
    def without_conjunction(self, word: str, shortest: int = SHORTEST_STEM) -> str:
        """``word`` without a leading و or ف, when at least ``shortest`` letters remain."""
        if word[:1] in self.conjunctions and len(word) - 1 >= shortest:
            return word[1:]
        return word

    def joins_list(self, word: str) -> bool:
        """The word starts with a conjunction that joins list items ("والقنيطرة", "و")."""
        return word[:1] in self.list_conjunctions

    def readings(self, word: str) -> list[str]:
        """The word and what it may be under its proclitics, most written first: "وبالقرب"
        → وبالقرب, بالقرب, القرب, قرب. A stem keeps at least SHORTEST_STEM letters."""
        found = [word]
        rest = self.without_conjunction(word)
        if rest != word:
            found.append(rest)
        if rest[:1] in self.prepositions and len(rest) - 1 >= SHORTEST_STEM:
            if rest.startswith(self.contraction) and len(rest) - 2 >= SHORTEST_STEM:
                found.append(self.article + rest[2:])          # للجيش → الجيش
            rest = rest[1:]
            found.append(rest)
        if rest.startswith(self.article) and len(rest) - 2 >= SHORTEST_STEM:
            found.append(rest[len(self.article):])
        return list(dict.fromkeys(found))

    def written_forms(self, word: str) -> list[str]:
        """Every way ``word`` may be written with proclitics, itself first: "الرئيس" →
        الرئيس, والرئيس, بالرئيس, للرئيس, وللرئيس …; "مدير" → مدير, ومدير, لمدير … (the inverse of
        :meth:`readings`, for a lexicon looked up once per word of the text)."""
        heads = ["", *self.conjunctions]
        forms = [head + prep + word for head in heads for prep in ("", *self.prepositions)]
        if word.startswith(self.article):
            forms += [head + self.contraction + word[len(self.article):] for head in heads]
        return list(dict.fromkeys(forms))

    def reads_as(self, word: str, listed: frozenset[str] | set[str]) -> bool:
        """``word`` is one of ``listed`` as written or under its proclitics."""
        return any(reading in listed for reading in self.readings(word))

    def opens_with_preposition_and_article(self, word: str) -> bool:
        """"للنازحين", "بالمدينة", "كالمعارضة": a preposition on a definite word."""
        return word.startswith(self.contraction) or (
            word[:1] in self.prepositions and word[1:].startswith(self.article))

    def has_article(self, proclitics: str) -> bool:
        """Proclitics matched before a word (folded) hold the article: "ال", "بال", "لل"."""
        return self.article in proclitics or self.contraction in proclitics

    def has_preposition(self, proclitics: str) -> bool:
        """Proclitics matched before a word (folded, the article left out) hold a preposition."""
        rest = proclitics.replace(self.article, "")
        return any(p in rest for p in self.prepositions)

    def marks_an_aim(self, proclitics: str) -> bool:
        """Proclitics matched before a word (folded) end in a preposition of aim: "للقتال",
        "لإجلاء", "وللقصف" (clitics.tsv, column aim)."""
        bare = proclitics[1:] if proclitics[:1] in self.conjunctions else proclitics
        return any(bare == aim or bare == aim + self.article for aim in self.aims)

    def proclitic_pattern(self, group: str = "pre") -> str:
        """A regular expression for the proclitics a cue word may carry, the article included:
        "", و, وب, بال, وال, لل, فلل … (named group ``group``)."""
        conj = _char_class(self.conjunctions)
        prep = _char_class(self.prepositions)
        article, contraction = re.escape(self.article), re.escape(self.contraction)
        return rf"(?P<{group}>{conj}?(?:{contraction}|{prep}?{article}|{prep})?)"

    @property
    def proclitic_width(self) -> int:
        """The most letters the proclitics of a word can take ("وبال")."""
        return 1 + 1 + len(self.article)

    def optional_proclitic(self) -> str:
        """A regular expression for one optional conjunction or preposition letter ("وفي", "بعام")."""
        return _char_class(self.conjunctions + self.prepositions) + "?"

    # ------------------------------------------------------------------ endings
    def is_nisba(self, word: str) -> bool:
        """A word ending like a relative adjective: السوري, السوريه."""
        return word.endswith(self.nisba_endings)

    def nisba_stem(self, word: str) -> str:
        """"التركي", "التركيه" → "تركي": the adjective without its article and feminine ending;
        "" for an indefinite word, which is no adjective of a definite name."""
        if not word.startswith(self.article):
            return ""
        return self.bare_nisba(word)

    def bare_nisba(self, word: str) -> str:
        """"الروسيه", "روسيه", "روسي" → "روسي": a relative adjective, definite or not, without its
        article and feminine ending ("بدعم روسي" after a noun of support)."""
        stem = word[len(self.article):] if word.startswith(self.article) else word
        feminine = self.nisba_endings[0]
        return stem[:-len(self.feminine_ending)] if stem.endswith(feminine) else stem

    def is_feminine(self, word: str) -> bool:
        return word.endswith(self.feminine_ending)

    # ------------------------------------------------------------------ negation
    def is_negation(self, word: str, loose: bool = False) -> bool:
        """A negating particle, perhaps after و or ف; ``loose`` also takes the particles
        that are often something else (ما)."""
        bare = self.without_conjunction(word, shortest=1)
        return bare in self.negations or (loose and bare in self.loose_negations)


def _char_class(letters: tuple[str, ...]) -> str:
    return "[" + "".join(re.escape(letter) for letter in letters) + "]"


@lru_cache(maxsize=1)
def morphology() -> Morphology:
    """The model, from the data files (read once)."""
    clitics = lexicon("clitics.tsv")

    def forms(role: str) -> tuple[str, ...]:
        return tuple(fold(row.form) for row in clitics if row.role == role)

    (article,), (contraction,) = forms("article"), forms("contraction")
    endings = lexicon("word_endings.tsv")
    (feminine,) = [fold(row.ending) for row in endings if row.kind == "feminine"]
    nisba = tuple(sorted((fold(row.ending) for row in endings if row.kind == "nisba"), key=len, reverse=True))
    negations = lexicon("negations.tsv")
    lists = tuple(fold(row.form) for row in clitics if row.role == "conjunction" and row.lists)
    return Morphology(forms("conjunction"), lists, forms("preposition"), article, contraction, feminine, nisba,
                      frozenset(fold(row.word) for row in negations if row.always),
                      frozenset(fold(row.word) for row in negations if not row.always),
                      tuple(fold(row.form) for row in clitics if row.aim))

"""The document layer: what every reader of an article shares, computed once per spaCy ``Doc``.

- the text as read (:func:`doc_text`) and its folded form with the offset map back to it
  (:func:`folded_text`, see :mod:`.normalize`);
- the ``Doc`` extensions the pipeline writes (``doc._.mentions``, ``events``, ``allegiances``,
  ``controls``, ``folded``), registered here once;
- what the words before a place name say about it (:func:`place_word_before`,
  ``data/place_words.tsv``): that a country there is a place (في سوريا), that it is not where
  things happen (a place someone heads towards, lies near or borders: :func:`relation_before`),
  or that a force there has not taken it (محيط، باتجاه، الطريق المؤدي إلى).

The fact readers see an article through :class:`conflictkg.nlp.context.ArticleContext`, which
adds sentences, clauses, mentions, dates and numbers on top of this module.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import WORD_JOINERS, FoldedText, fold, fold_with_offsets

for _name in ("mentions", "events", "allegiances", "controls", "folded"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Relations of place_words.tsv, grouped by what a reader asks of them:
# the place is elsewhere than where the happening is (relation_before) …
ELSEWHERE = frozenset({"destination", "direction", "near", "border", "origin", "time", "seat"})
# … and, of those, not what "المدينة" refers back to;
NOT_ANTECEDENT = frozenset({"direction", "near", "border", "origin", "time", "seat"})
# a country after them is a place, not a party ("في سوريا", "شمال العراق");
LOCATIVE = frozenset({"in", "destination", "direction", "near", "border", "side", "outside", "origin", "time",
                      "seat"})
OPPONENT, BORDER = frozenset({"opponent"}), frozenset({"border"})   # "الحدود مع الأردن"
# a force there stands off the place: it has not taken it ("محيط المدينة", "باتجاه المدينة").
AWAY = frozenset({"direction", "near", "border", "side", "outskirts", "outside", "road", "opponent", "origin",
                  "time", "seat"})


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once per doc (spaCy rebuilds ``doc.text`` from its tokens on
    every access, which costs more than the whole catalogue match)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text ``doc`` was tokenised from, sparing :func:`doc_text` even the one join:
    spaCy's tokeniser keeps every character, so that text is ``doc.text``."""
    doc.user_data["text"] = text


def folded_text(doc: Doc) -> FoldedText:
    """The doc's folded text with its offset map, computed once per doc."""
    if doc._.folded is None:
        doc._.folded = fold_with_offsets(doc_text(doc))
    return doc._.folded


ACT_PRONOUN = 2   # letters of a pronoun an accused act may carry ("بشنه", "بشنها")


@lru_cache(maxsize=1)
def _accused_acts() -> frozenset[str]:
    return frozenset(fold(row.word) for row in lexicon("accused_acts.tsv"))


def accused_act_after(text: str, position: int, of_it: bool = False) -> bool:
    """The next word after ``position`` is the act someone is accused of ("دمشق بشن هجوم":
    accused_acts.tsv): the party ending at ``position`` is the accused. With ``of_it``, only
    the act with a pronoun for a happening told before ("دمشق بشنه")."""
    following = re.match(r"\s*([^\W\d_]+)", text[position:position + 40])
    if following is None:
        return False
    word = fold(following.group(1))
    least = 1 if of_it else 0
    return any(word.startswith(act) and least <= len(word) - len(act) <= ACT_PRONOUN for act in _accused_acts())


@lru_cache(maxsize=1)
def reported_content_words() -> frozenset[str]:
    """``reported_content.tsv``, folded: after أن / إن comes what was said, not who said it."""
    return frozenset(fold(row.word) for row in lexicon("reported_content.tsv"))


@lru_cache(maxsize=1)
def _place_words() -> dict[str, str]:
    return {fold(row.word): row.relation for row in lexicon("place_words.tsv")}


def place_word_before(text: str, position: int, count: int, relations: frozenset[str]) -> str | None:
    """The relation (``place_words.tsv``) of the nearest of the ``count`` words before
    ``position`` whose relation is one of ``relations``, its proclitics taken off."""
    table = _place_words()
    for word in reversed(words_before(text, position, count)):
        for reading in morphology().readings(word):
            if table.get(reading) in relations:
                return table[reading]
    return None


def words_before(text: str, position: int, count: int) -> list[str]:
    """The ``count`` words that end before ``position`` (folded, in text order), however long
    they are: punctuation and spaces separate words and are not counted."""
    found: list[str] = []
    end = position
    while len(found) < count and end > 0:
        while end > 0 and not _is_word_char(text[end - 1]):
            end -= 1
        start = end
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        if start == end:
            break
        found.append(fold(text[start:end]))
        end = start
    return found[::-1]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in WORD_JOINERS


def relation_before(text: str, begin: int) -> str | None:
    """"direction", "near", "border" or "destination" when one of the two words before
    ``begin`` says the place there is not where things happen (``place_words.tsv``)."""
    return place_word_before(text, begin, 2, ELSEWHERE)

"""The document layer: what every reader of an article shares, computed once per spaCy ``Doc``.

- the text as read (:func:`doc_text`) and its folded form with the offset map back to it
  (:func:`folded_text`, see :mod:`.normalize`);
- the ``Doc`` extensions the pipeline writes (``doc._.mentions``, ``events``, ``allegiances``,
  ``controls``, ``folded``), registered here once;
- what a word before a position says about it (:func:`relation_before`): a place someone heads
  towards, lies near or borders is not where things happen (``data/place_relations.tsv``).

The fact readers see an article through :class:`conflictkg.nlp.context.ArticleContext`, which
adds sentences, clauses, mentions, dates and numbers on top of this module.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.normalize import WORD_JOINERS, FoldedText, fold, fold_with_offsets

for _name in ("mentions", "events", "allegiances", "controls", "folded"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Relations (place_relations.tsv) after which a place is not what "المدينة" refers back to.
NOT_ANTECEDENT = frozenset({"direction", "near", "border"})


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


@lru_cache(maxsize=1)
def _place_relations() -> dict[str, str]:
    return {fold(row.word): row.relation for row in lexicon("place_relations.tsv")}


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
    ``begin`` says the place there is not where things happen (``place_relations.tsv``)."""
    table = _place_relations()
    for word in words_before(text, begin, 2):
        relation = table.get(word) or table.get(word.lstrip("وب"))
        if relation:
            return relation
    return None

"""The spaCy language conflictkg reads Arabic news with, and its pipeline components.

``ArabicConflict`` is spaCy's Arabic with a folding ``NORM`` (see :mod:`.normalize`), registered
as ``ar_conflict``. Components are registered factories fed by data files; each writes plain
records (:mod:`.records`) into ``doc._``. No model weights: everything is rules and data.
"""
from __future__ import annotations

from spacy.attrs import NORM
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from conflictkg.catalogue import load_catalogue
from conflictkg.nlp.entities import CatalogueMatcher
from conflictkg.nlp.lexicon import column
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.nlp.records import Mention, Span


class ArabicConflictDefaults(ArabicDefaults):
    lex_attr_getters = {**ArabicDefaults.lex_attr_getters, NORM: fold}


@registry.languages("ar_conflict")
class ArabicConflict(Arabic):
    lang = "ar_conflict"
    Defaults = ArabicConflictDefaults


for _name in ("mentions", "events", "allegiances", "controls", "folded"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def folded_text(doc: Doc):
    """The doc's folded text with its offset map, computed once per doc."""
    if doc._.folded is None:
        doc._.folded = fold_with_offsets(doc.text)
    return doc._.folded


class CatalogueEntities:
    """Mentions of catalogue actors and places, written to ``doc._.mentions``."""

    def __init__(self, matcher: CatalogueMatcher):
        self.matcher = matcher

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        mentions = doc._.mentions or []
        for match in self.matcher.find(folded_text(doc)):
            entry = match.entry
            mentions.append(Mention(Span(match.begin, match.end, text[match.begin:match.end]),
                                    entry.iri, entry.kind, entry.entity_class, entry.label_ar))
        doc._.mentions = sorted(mentions, key=lambda m: (m.span.begin, m.span.end, m.entity))
        return doc


@Language.factory("conflict_catalogue_entities")
def make_catalogue_entities(nlp: Language, name: str) -> CatalogueEntities:
    return CatalogueEntities(CatalogueMatcher(load_catalogue(), column("context_cues.tsv")))


# The entity stage, in order: what finds and resolves actors and places (doc._.mentions).
ENTITY_COMPONENTS = ["conflict_catalogue_entities"]

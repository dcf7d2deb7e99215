"""Assemble the pipeline: sentences, then the entity stage, then the fact stage."""
from __future__ import annotations

from spacy.language import Language

from conflictkg.nlp.facts import FACT_COMPONENTS
from conflictkg.nlp.language import ENTITY_COMPONENTS, ArabicConflict


def make_pipeline() -> Language:
    """The full conflictkg pipeline, ready to read articles."""
    nlp = ArabicConflict()
    nlp.add_pipe("sentencizer")
    for component in ENTITY_COMPONENTS + FACT_COMPONENTS:
        nlp.add_pipe(component)
    return nlp

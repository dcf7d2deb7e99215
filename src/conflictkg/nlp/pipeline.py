"""Assemble the pipeline from ``config.cfg`` beside this module: sentences, then the entity
stage (:mod:`.language`), then the fact stage (:mod:`.facts`)."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.util import load_config, load_model_from_config

# Importing these registers the language and every component factory the config names.
from conflictkg.nlp import fact_components, language  # noqa: F401
from conflictkg.nlp.lexicon import load_all

CONFIG = Path(__file__).resolve().parent / "config.cfg"


def make_pipeline() -> Language:
    """The full conflictkg pipeline, ready to read articles.

    Every data file is read and checked first, so a bad row stops the program here, at
    start-up, naming its file and line, never in the middle of a build."""
    load_all()
    return load_model_from_config(load_config(CONFIG), auto_fill=True)

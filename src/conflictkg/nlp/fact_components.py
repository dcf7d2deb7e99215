"""The fact stage: events, figures, dates, attribution, allegiances and control (issue #4).

Components listed here run after the entity stage and read ``doc._.mentions``; each writes
plain records (:mod:`.records`) into ``doc._.events``, ``doc._.allegiances`` or
``doc._.controls``, appending to what is there (the entity stage may add allegiances too).
Their linguistic knowledge is in ``data/`` (see each module's docstring for its files).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from conflictkg.nlp.allegiances import read_allegiances
from conflictkg.nlp.context import ArticleContext
from conflictkg.nlp.control import read_controls
from conflictkg.nlp.events import EventReader, party_mentions, targets_from_holders


def _extend(doc: Doc, attribute: str, records: list) -> Doc:
    setattr(doc._, attribute, (getattr(doc._, attribute) or []) + records)
    return doc


# What every fact reader needs: the sentences and the entity stage's mentions.
_READS = ["doc.sents", "doc._.mentions"]


@Language.component("conflict_events", requires=_READS, assigns=["doc._.events"])
def find_events(doc: Doc) -> Doc:
    """Events with their roles, place, date, figures, sources and modality."""
    return _extend(doc, "events", EventReader(ArticleContext.of(doc)).events())


@Language.component("conflict_allegiances", requires=_READS, assigns=["doc._.allegiances"])
def find_allegiances(doc: Doc) -> Doc:
    """Allegiances between forces: pledges, support, alliance, membership, affiliation, leadership."""
    return _extend(doc, "allegiances", read_allegiances(ArticleContext.of(doc)))


@Language.component("conflict_control", requires=[*_READS, "doc._.events"], assigns=["doc._.controls"])
def find_control(doc: Doc) -> Doc:
    """Which force holds which place, as of the publication date or the takeover."""
    return _extend(doc, "controls", read_controls(ArticleContext.of(doc), doc._.events or ()))


@Language.component("conflict_held_targets", requires=["doc._.events", "doc._.controls"], assigns=["doc._.events"])
def find_held_targets(doc: Doc) -> Doc:
    """An attack that names no target hits the force the article says holds its place."""
    targets_from_holders(doc._.events or [], doc._.controls or [])
    return doc


@Language.component("conflict_party_mentions", requires=["doc._.events", "doc._.mentions"], assigns=["doc._.mentions"])
def add_party_mentions(doc: Doc) -> Doc:
    """A nationality adjective read as a party of an event ("غارات روسية", "أهداف عسكرية سورية")
    mentions that party: the article names it in those words."""
    return _extend(doc, "mentions", party_mentions(ArticleContext.of(doc), doc._.events or []))


# The fact stage, in order (registered component names).
FACT_COMPONENTS: list[str] = ["conflict_events", "conflict_allegiances", "conflict_control", "conflict_held_targets",
                              "conflict_party_mentions"]

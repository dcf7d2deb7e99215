"""What the NLP layer finds in one article: plain records with character offsets, no RDF.

Entities are referred to by IRI strings (catalogue entries, or names minted with
:func:`conflictkg.iris.minted_entity_iri`); vocabulary values by their local names in the
ontology ("AirStrike", "Killed", "AtLeast", …), which the graph layer turns into terms.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """A slice of the article's text: ``text == article.text[begin:end]``."""

    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name of an actor or place in the text, resolved to an entity."""

    span: Span
    entity: str          # IRI
    kind: str            # "actor" or "place"
    entity_class: str    # "ArmedGroup", "City", …
    label: str           # the entity's Arabic label (for minted entities, the name as written)
    minted: bool = False  # True: a new entity for a name the catalogue lacks
    within: str | None = None  # a minted place: the place the article puts it in (IRI)


@dataclass
class FigureRecord:
    outcome: str                     # Killed, Injured, Evacuated, Displaced, Strikes
    count: int
    span: Span
    qualifier: str = "Exactly"       # Exactly, AtLeast, MoreThan, Approximately
    population: str | None = None    # Civilians, Children, Women, Combatants, MedicalWorkers
    affiliation: str | None = None   # actor IRI
    # A running total over a period up to the report ("منذ اندلاع الحرب"): a ck:CumulativeToll,
    # never summed with the figures of single happenings. ``earliest`` None: the start is not said.
    running_total: bool = False
    earliest: dt.date | None = None
    latest: dt.date | None = None


@dataclass
class EventRecord:
    type: str                        # AirStrike, Shelling, … (VOCABULARY.md)
    evidence: list[Span]
    initiators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    location: str | None = None
    instruments: list[str] = field(default_factory=list)
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    date_unresolved: str | None = None   # the expression, when no published date resolves it
    reported_by: list[str] = field(default_factory=list)
    modality: str = "Asserted"
    claimed_by: str | None = None
    figures: list[FigureRecord] = field(default_factory=list)


@dataclass
class AllegianceRecord:
    source: str
    kind: str                        # PledgedAllegiance, Supports, … (VOCABULARY.md)
    target: str
    evidence: list[Span]
    earliest: dt.date | None = None
    latest: dt.date | None = None


@dataclass
class ControlRecord:
    controller: str
    territory: str
    evidence: list[Span]
    as_of: dt.date | None = None


@dataclass
class Extraction:
    """Everything found in one article."""

    mentions: list[Mention] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    allegiances: list[AllegianceRecord] = field(default_factory=list)
    controls: list[ControlRecord] = field(default_factory=list)

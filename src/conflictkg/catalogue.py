"""The catalogue of known actors and places (``ontology/catalogue/*.ttl``) as plain entries.

The Turtle files are background knowledge written by people (see ontology/catalogue/README.md).
Here they are read once into :class:`CatalogueEntry` records, which the NLP layer matches
without knowing anything about RDF.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conflictkg.cache import cached_bytes, content_key
from conflictkg.namespaces import CK, CK_IRI
from conflictkg.nlp.normalize import fold
from conflictkg.resources import catalogue_dir

ACTOR_CLASSES = {"StateForce", "ArmedGroup", "Coalition", "Organization", "Person", "Actor"}
PLACE_CLASSES = {"Country", "Governorate", "District", "Subdistrict", "City", "Town", "Village",
                 "Neighbourhood", "Camp", "MilitaryBase", "Region", "BorderCrossing", "Place"}


@dataclass(frozen=True)
class CatalogueEntry:
    iri: str
    entity_class: str                 # local name of its ck: class
    label_ar: str
    label_en: str
    names_ar: tuple[str, ...]         # label and aliases: match anywhere
    context_names_ar: tuple[str, ...]  # match only after a cue word or in quotes
    within: str | None = None          # enclosing place (places)
    part_of: str | None = None         # larger actor (units)
    member_of: tuple[str, ...] = ()    # what a person belongs to (ck:memberOf: a state, a group)
    led_by: tuple[str, ...] = ()       # who leads it (ck:ledBy: the state that leads a coalition)
    country: str | None = None         # the state whose forces these are (ck:country)

    @property
    def kind(self) -> str:
        """"place" for places and countries, "actor" for the rest."""
        return "place" if self.entity_class in PLACE_CLASSES else "actor"


def catalogue_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or catalogue_dir()).glob("*.ttl"))


def load_catalogue_graph(folder: Path | None = None) -> Graph:
    graph = Graph()
    for path in catalogue_files(folder):
        graph.parse(path, format="turtle")
    return graph


def _texts(graph: Graph, subject, predicate, lang: str) -> list[str]:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]
    return sorted(str(v) for v in values)


def entries_from_graph(graph: Graph) -> list[CatalogueEntry]:
    entries = []
    for subject, cls in graph.subject_objects(RDF.type):
        if not (isinstance(subject, URIRef) and str(cls).startswith(CK_IRI)):
            continue
        entity_class = str(cls)[len(CK_IRI):]
        if entity_class not in ACTOR_CLASSES | PLACE_CLASSES:
            continue
        labels_ar = _texts(graph, subject, RDFS.label, "ar")
        if not labels_ar:
            continue
        label_en = next(iter(_texts(graph, subject, RDFS.label, "en")), "")
        aliases = _texts(graph, subject, SKOS.altLabel, "ar")
        within = graph.value(subject, CK.within)
        part_of = graph.value(subject, CK.partOf)
        country = graph.value(subject, CK.country)
        entries.append(CatalogueEntry(
            iri=str(subject), entity_class=entity_class, label_ar=labels_ar[0], label_en=label_en,
            names_ar=tuple(dict.fromkeys(labels_ar + aliases)),
            context_names_ar=tuple(_texts(graph, subject, CK.contextLabel, "ar")),
            within=str(within) if within else None, part_of=str(part_of) if part_of else None,
            member_of=tuple(sorted(str(o) for o in graph.objects(subject, CK.memberOf))),
            led_by=tuple(sorted(str(o) for o in graph.objects(subject, CK.ledBy))),
            country=str(country) if country else None,
        ))
    return sorted(entries, key=lambda e: e.iri)


@lru_cache(maxsize=4)
def load_catalogue(folder: Path | None = None) -> tuple[CatalogueEntry, ...]:
    """The catalogue's entries (read once per process and folder; parsed once for given files,
    :mod:`conflictkg.cache`)."""
    files = catalogue_files(folder)
    stored = cached_bytes("catalogue", content_key(Path(__file__).read_bytes(), files=files),
                          lambda: json.dumps([asdict(e) for e in entries_from_graph(load_catalogue_graph(folder))]).encode())
    return tuple(CatalogueEntry(**{name: tuple(value) if isinstance(value, list) else value
                                   for name, value in entry.items()})
                 for entry in json.loads(stored))


class CatalogueIndex:
    """The catalogue by IRI, with each entry's enclosing places and the capitals' governorates."""

    def __init__(self, entries: Iterable[CatalogueEntry]):
        self.by_iri = {entry.iri: entry for entry in entries}
        self.by_path = {"/".join(iri.rsplit("/", 2)[-2:]): entry for iri, entry in self.by_iri.items()}
        self.governorate_of_capital = self._capitals()

    def entry(self, path: str) -> CatalogueEntry:
        """The entry whose IRI ends with ``/path`` (``actor/syrian-observatory-…``)."""
        entry = self.by_path.get(path)
        if entry is None:
            raise KeyError(f"no catalogue entry named {path!r}")
        return entry

    def enclosing(self, iri: str) -> list[str]:
        """The entity and the places it lies within, innermost first."""
        chain, seen = [iri], {iri}
        while (entry := self.by_iri.get(chain[-1])) and entry.within and entry.within not in seen:
            chain.append(entry.within)
            seen.add(entry.within)
        return chain

    def side(self, iri: str) -> str:
        """The side an actor fights on: the largest actor it is part of (ck:partOf), and for a
        state's forces the state itself (ck:country), so that "الجيش الإسرائيلي" and "إسرائيل"
        are one side; anything else is its own."""
        seen = {iri}
        while (entry := self.by_iri.get(iri)) and entry.part_of and entry.part_of not in seen:
            iri = entry.part_of
            seen.add(iri)
        entry = self.by_iri.get(iri)
        return entry.country if entry is not None and entry.country else iri

    def _capitals(self) -> dict[str, str]:
        """capital city IRI → governorate IRI, for every governorate named "محافظة <capital>"."""
        places_by_name: dict[str, list[CatalogueEntry]] = {}
        for entry in self.by_iri.values():
            if entry.entity_class in ("City", "Town"):
                for name in entry.names_ar:
                    places_by_name.setdefault(fold(name), []).append(entry)
        capitals = {}
        prefix = fold("محافظة ")
        for entry in self.by_iri.values():
            if entry.entity_class != "Governorate":
                continue
            for name in entry.names_ar:
                folded = fold(name)
                if folded.startswith(prefix):
                    for city in places_by_name.get(folded[len(prefix):], []):
                        capitals[city.iri] = entry.iri
        return capitals


@lru_cache(maxsize=4)
def catalogue_index(folder: Path | None = None) -> CatalogueIndex:
    """The one index of the catalogue (per process and folder) that entity matching, reference
    resolution and the fact readers share."""
    return CatalogueIndex(load_catalogue(folder))

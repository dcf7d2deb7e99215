"""What the exports need from the store, read once with SPARQL into plain records.

Every export (Gephi, GraphML, ACLED-style CSV, QuickStatements, the offline picture) writes
from these records, so each reads the graph the same way and none knows SPARQL.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from conflictkg.store import ArticleStore, literal_value

CK = "https://w3id.org/conflictkg/ontology#"
PREFIXES = f"""
PREFIX ck: <{CK}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

ENTITIES = PREFIXES + """
SELECT ?entity (SAMPLE(?class) AS ?kind) (SAMPLE(?top) AS ?role) (SAMPLE(?en) AS ?label_en)
       (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?item) AS ?qid) (SAMPLE(?wkt) AS ?point) (SAMPLE(?parent) AS ?within)
       (SAMPLE(?state) AS ?country)
WHERE {
  { ?article ck:mentions ?entity } UNION { ?event ck:participant|ck:location|ck:reportedBy ?entity }
  UNION { ?statement a ck:Allegiance ; ck:from|ck:to ?entity }
  UNION { ?statement a ck:TerritorialControl ; ck:controller|ck:territory ?entity }
  ?entity a ?class .
  ?class rdfs:subClassOf+ ?top .
  VALUES ?top { ck:Actor ck:Place }
  OPTIONAL { ?entity rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?entity rdfs:label ?ar FILTER(lang(?ar) = "ar") }
  OPTIONAL { ?entity owl:sameAs ?item FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q")) }
  OPTIONAL { ?entity geo:hasGeometry/geo:asWKT ?wkt }
  OPTIONAL { ?entity ck:within ?parent }
  OPTIONAL { ?entity ck:country ?state }
}
GROUP BY ?entity
"""

ALIASES = PREFIXES + """
SELECT DISTINCT ?entity ?alias WHERE {
  { ?article ck:mentions ?entity } UNION { ?event ck:participant ?entity }
  ?entity skos:altLabel ?alias .
}
"""

ANCESTORS = PREFIXES + """
SELECT ?place ?ancestor ?kind (SAMPLE(?en) AS ?label_en) (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?wkt) AS ?point)
       (SAMPLE(?up) AS ?within)
WHERE {
  { SELECT DISTINCT ?place WHERE { { ?event ck:location ?place } UNION { ?article ck:mentions ?place } } }
  ?place ck:within+ ?ancestor . ?ancestor a ?kind .
  OPTIONAL { ?ancestor rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?ancestor rdfs:label ?ar FILTER(lang(?ar) = "ar") }
  OPTIONAL { ?ancestor geo:hasGeometry/geo:asWKT ?wkt }
  OPTIONAL { ?ancestor ck:within ?up }
}
GROUP BY ?place ?ancestor ?kind
"""

ARTICLES = PREFIXES + """
SELECT ?article ?id ?published ?url ?title ?publisher WHERE {
  ?article a ck:Article ; dcterms:identifier ?id .
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article schema:publisher ?publisher }
}
"""

MENTIONS = PREFIXES + "SELECT ?article ?entity WHERE { ?article a ck:Article ; ck:mentions ?entity }"

EVENTS = PREFIXES + """
SELECT ?event ?type ?date ?earliest ?latest ?location ?article ?modality WHERE {
  ?event a ck:Event , ?type . FILTER(?type != ck:Event)
  OPTIONAL { ?event ck:date ?date }
  OPTIONAL { ?event ck:earliest ?earliest }
  OPTIONAL { ?event ck:latest ?latest }
  OPTIONAL { ?event ck:location ?location }
  OPTIONAL { ?event prov:wasDerivedFrom ?article }
  OPTIONAL { ?event ck:modality ?modality }
}
"""

ROLES = PREFIXES + """
SELECT ?event ?role ?actor WHERE {
  VALUES ?role { ck:initiator ck:target ck:supporter ck:reportedBy }
  ?event a ck:Event ; ?role ?actor .
}
"""

FIGURES = PREFIXES + """
SELECT ?event ?outcome ?count ?population WHERE {
  ?event a ck:Event ; ck:figure ?figure .
  ?figure ck:outcome ?outcome ; ck:count ?count .
  OPTIONAL { ?figure ck:population ?population }
  # the figures of the event itself: a running total over years (ck:CumulativeToll) is no
  # fatality count of it, and exports add figures up
  FILTER NOT EXISTS { ?figure a ck:CumulativeToll }
}
"""

EVIDENCE = PREFIXES + """
SELECT ?event ?begin ?text WHERE {
  ?event a ck:Event ; ck:evidence ?span .
  ?span nif:beginIndex ?begin ; nif:anchorOf ?text .
}
"""

ALLEGIANCES = PREFIXES + """
SELECT DISTINCT ?from ?kind ?to ?earliest ?latest ?article WHERE {
  {
    ?statement a ck:Allegiance ; ck:from ?from ; ck:kind ?kind ; ck:to ?to .
    OPTIONAL { ?statement ck:earliest ?earliest }
    OPTIONAL { ?statement ck:latest ?latest }
    OPTIONAL { ?statement prov:wasDerivedFrom ?article }
  } UNION {
    ?kind ck:directEdge ?edge .
    ?from ?edge ?to .
    FILTER NOT EXISTS { ?any a ck:Allegiance ; ck:from ?from ; ck:kind ?kind ; ck:to ?to }
  }
}
"""

CONTROLS = PREFIXES + """
SELECT ?controller ?territory ?as_of ?article WHERE {
  ?statement a ck:TerritorialControl ; ck:controller ?controller ; ck:territory ?territory .
  OPTIONAL { ?statement ck:asOf ?as_of }
  OPTIONAL { ?statement prov:wasDerivedFrom ?article }
}
"""


CLASSES = PREFIXES + """
SELECT ?class ?label_en ?label_ar ?match ?acled WHERE {
  ?class rdfs:subClassOf ck:Event .
  OPTIONAL { ?class rdfs:label ?label_en FILTER(lang(?label_en) = "en") }
  OPTIONAL { ?class rdfs:label ?label_ar FILTER(lang(?label_ar) = "ar") }
  OPTIONAL { ?class skos:closeMatch ?match FILTER(STRSTARTS(STR(?match), "http://www.wikidata.org/entity/Q")) }
  OPTIONAL { ?class skos:notation ?acled FILTER(datatype(?acled) = ck:acledSubEvent) }
}
"""


def local_name(iri: str | None) -> str:
    return "" if not iri else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Entity:
    iri: str
    kind: str                  # the class's local name: ArmedGroup, City, …
    is_actor: bool
    label_en: str = ""
    label_ar: str = ""
    qid: str = ""
    point: tuple[float, float] | None = None   # (longitude, latitude)
    within: str | None = None
    country: str | None = None     # a state force's country (ck:country)
    aliases_en: list[str] = field(default_factory=list)
    aliases_ar: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.label_en or self.label_ar or local_name(self.iri)


@dataclass
class ArticleFact:
    iri: str
    id: str
    published: dt.date | None = None
    url: str | None = None
    title: str = ""
    publisher: str = ""


@dataclass
class EventFact:
    iri: str
    type: str                  # AirStrike, …
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    location: str | None = None
    articles: list[str] = field(default_factory=list)
    modality: str = "Asserted"
    initiators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    figures: list[tuple[str, int, str]] = field(default_factory=list)   # (outcome, count, population)
    evidence: list[str] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date | None:
        return self.date or self.earliest or self.latest

    @property
    def last_day(self) -> dt.date | None:
        return self.date or self.latest or self.earliest

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(self.initiators + self.targets + self.supporters))

    @property
    def fatalities(self) -> int:
        """Killed, over every population except children and women, who are counted among civilians."""
        return sum(count for outcome, count, population in self.figures
                   if outcome == "Killed" and population not in ("Children", "Women"))


@dataclass
class AllegianceFact:
    source: str
    kind: str
    target: str
    earliest: dt.date | None = None
    latest: dt.date | None = None
    article: str | None = None     # None: background knowledge from the catalogue


@dataclass
class ControlFact:
    controller: str
    territory: str
    as_of: dt.date | None = None
    article: str | None = None


@dataclass
class EventClass:
    label_en: str
    label_ar: str
    qid: str = ""        # the ontology's skos:closeMatch on Wikidata, where it gives one
    acled: tuple[str, ...] = ()   # the ontology's ACLED sub-event types (skos:notation ^^ck:acledSubEvent)


@dataclass
class GraphFacts:
    entities: dict[str, Entity]
    articles: dict[str, ArticleFact]
    events: list[EventFact]
    allegiances: list[AllegianceFact]
    controls: list[ControlFact]
    mentions: dict[str, set[str]]            # article -> entities
    ancestors: dict[str, list[tuple[str, str]]]   # place -> [(ancestor, kind)]
    event_classes: dict[str, EventClass] = field(default_factory=dict)   # AirStrike -> labels, QID
    places: dict[str, Entity] = field(default_factory=dict)   # every enclosing place of those above

    def label(self, iri: str | None) -> str:
        if not iri:
            return ""
        entity = self.entities.get(iri) or self.places.get(iri)
        return entity.label if entity else local_name(iri)

    def place(self, iri: str | None) -> Entity | None:
        """A place the graph involves or one that encloses it."""
        return (self.entities.get(iri) or self.places.get(iri)) if iri else None

    def enclosing(self, iri: str | None) -> list[Entity]:
        """The place and every place it lies within, innermost first."""
        chain: list[Entity] = []
        while (place := self.place(iri)) is not None and place not in chain:
            chain.append(place)
            iri = place.within
        return chain

    @property
    def actors(self) -> dict[str, Entity]:
        return {iri: e for iri, e in self.entities.items() if e.is_actor}


def _value(row: dict, name: str):
    return literal_value(row.get(name))


def _point(wkt: str | None) -> tuple[float, float] | None:
    if not wkt or not wkt.upper().startswith("POINT"):
        return None
    try:
        x, y = wkt[wkt.index("(") + 1:wkt.index(")")].split()
        return float(x), float(y)
    except ValueError:
        return None


def read_facts(store: ArticleStore) -> GraphFacts:
    """Everything the exports write, read from ``store``."""
    entities = {}
    for row in store.query(ENTITIES).dicts():
        iri = str(row["entity"])
        qid = local_name(_value(row, "qid")) if row.get("qid") else ""
        entities[iri] = Entity(iri, local_name(_value(row, "kind")), str(row["role"]).endswith("#Actor"),
                               _value(row, "label_en") or "", _value(row, "label_ar") or "", qid,
                               _point(_value(row, "point")), _value(row, "within"), _value(row, "country"))
    for row in store.query(ALIASES).dicts():
        entity = entities.get(str(row["entity"]))
        if entity is not None:
            alias = row["alias"]
            (entity.aliases_ar if alias.language == "ar" else entity.aliases_en).append(str(alias))
    articles = {str(r["article"]): ArticleFact(str(r["article"]), str(r["id"]), _value(r, "published"),
                                               _value(r, "url"), _value(r, "title") or "", _value(r, "publisher") or "")
                for r in store.query(ARTICLES).dicts()}
    mentions: dict[str, set[str]] = defaultdict(set)
    for row in store.query(MENTIONS).dicts():
        mentions[str(row["article"])].add(str(row["entity"]))
    ancestors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    places: dict[str, Entity] = {}
    for row in store.query(ANCESTORS).dicts():
        iri, kind = str(row["ancestor"]), local_name(str(row["kind"]))
        ancestors[str(row["place"])].append((iri, kind))
        places.setdefault(iri, Entity(iri, kind, False, _value(row, "label_en") or "", _value(row, "label_ar") or "",
                                      point=_point(_value(row, "point")), within=_value(row, "within")))
    classes: dict[str, EventClass] = {}
    for r in store.query(CLASSES).dicts():
        name = local_name(str(r["class"]))
        known = classes.setdefault(name, EventClass(_value(r, "label_en") or "", _value(r, "label_ar") or "",
                                                    local_name(_value(r, "match"))))
        if r.get("acled") and str(r["acled"]) not in known.acled:
            known.acled = tuple(sorted((*known.acled, str(r["acled"]))))
    return GraphFacts(entities, articles, _read_events(store), _read_allegiances(store),
                      _read_controls(store), dict(mentions), dict(ancestors), classes, places)


def _read_events(store: ArticleStore) -> list[EventFact]:
    events: dict[str, EventFact] = {}
    for row in store.query(EVENTS).dicts():
        iri = str(row["event"])
        event = events.setdefault(iri, EventFact(iri, local_name(str(row["type"])), _value(row, "date"),
                                                 _value(row, "earliest"), _value(row, "latest"),
                                                 _value(row, "location"),
                                                 modality=local_name(_value(row, "modality")) or "Asserted"))
        if row.get("article") and str(row["article"]) not in event.articles:
            event.articles.append(str(row["article"]))
    role_lists = {"initiator": "initiators", "target": "targets", "supporter": "supporters", "reportedBy": "reporters"}
    for row in store.query(ROLES).dicts():
        if (event := events.get(str(row["event"]))) is not None:
            getattr(event, role_lists[local_name(str(row["role"]))]).append(str(row["actor"]))
    for row in store.query(FIGURES).dicts():
        if (event := events.get(str(row["event"]))) is not None:
            event.figures.append((local_name(str(row["outcome"])), int(row["count"]),
                                  local_name(_value(row, "population"))))
    for row in sorted(store.query(EVIDENCE).dicts(), key=lambda r: int(r["begin"])):
        if (event := events.get(str(row["event"]))) is not None:
            event.evidence.append(str(row["text"]))
    for event in events.values():
        for roles in (event.initiators, event.targets, event.supporters, event.reporters):
            roles.sort()
        event.figures.sort()
    return sorted(events.values(), key=lambda e: (e.first_day or dt.date.max, e.iri))


def _read_allegiances(store: ArticleStore) -> list[AllegianceFact]:
    facts = [AllegianceFact(str(r["from"]), local_name(str(r["kind"])), str(r["to"]), _value(r, "earliest"),
                            _value(r, "latest"), _value(r, "article"))
             for r in store.query(ALLEGIANCES).dicts()]
    return sorted(facts, key=lambda f: (f.source, f.kind, f.target, f.article or ""))


def _read_controls(store: ArticleStore) -> list[ControlFact]:
    facts = [ControlFact(str(r["controller"]), str(r["territory"]), _value(r, "as_of"), _value(r, "article"))
             for r in store.query(CONTROLS).dicts()]
    return sorted(facts, key=lambda f: (f.territory, f.as_of or dt.date.min, f.controller))

"""Across articles: link the events that report the same happening (``ck:sameHappeningAs``).

Within one article the extractor already merges the reports of one happening (title and body,
two sentences). Across articles, two events are taken to be the same happening when

- they are of the same type, and neither is background (``ck:Historical``) or a plan,
- they happened at the same place, or one place lies within the other (``ck:within``; two
  towns of one governorate are not the same place),
- their date spans overlap and each is at most :data:`MAX_SPAN_DAYS` wide (a month-long
  campaign says too little about which strike it is), and
- they name no initiators that contradict each other: two named initiators agree when one is
  the other or a unit of it (``ck:partOf``), both are units of one force, or both act for one
  state (a state force's ``ck:country``: "Russia struck" and "Russian warplanes struck").

The links live in their own named graph, rebuilt whole when the articles change: articles come
and go, and the links must follow them. The links are derived state the store knows to be current
or not: the graph records a hash of the content hashes of the articles it was computed from
(``ck:linkedArticlesHash``), written in the same transaction as the links. A build whose store's
articles no longer match that hash relinks, even when it built nothing itself, so a build killed
after its last batch and before linking is repaired by the next run. The cost is one query over the events and a sort per
(type, place) group, so it grows with the number of events, not with their pairs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef

from conflictkg.graph import Triple
from conflictkg.iris import links_graph_iri
from conflictkg.namespaces import CK, DEFAULT_BASE
from conflictkg.store import ArticleStore, content_hashes

MAX_SPAN_DAYS = 3

EVENTS = """
PREFIX ck: <https://w3id.org/conflictkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?event ?type ?place ?article ?date ?earliest ?latest
       (GROUP_CONCAT(DISTINCT STR(?initiator); separator=" ") AS ?initiators)
WHERE {
  ?event a ck:Event , ?type ; ck:location ?place ; prov:wasDerivedFrom ?article .
  FILTER(?type != ck:Event)
  # Background from years ago and plans are not happenings of the news: never linked.
  FILTER NOT EXISTS { ?event ck:modality ?modality . VALUES ?modality { ck:Historical ck:Planned } }
  OPTIONAL { ?event ck:date ?date }
  OPTIONAL { ?event ck:earliest ?earliest }
  OPTIONAL { ?event ck:latest ?latest }
  OPTIONAL { ?event ck:initiator ?initiator }
}
GROUP BY ?event ?type ?place ?article ?date ?earliest ?latest
"""

ENCLOSING = """
PREFIX ck: <https://w3id.org/conflictkg/ontology#>
SELECT ?inner ?outer WHERE {
  { ?inner ck:within+ ?outer } UNION { ?inner ck:partOf+ ?outer }
  UNION { ?inner a ck:StateForce ; ck:partOf*/ck:country ?outer }
}
"""


@dataclass(frozen=True)
class ReportedEvent:
    iri: str
    type: str
    place: str
    article: str
    first: dt.date
    last: dt.date
    initiators: frozenset[str]

    def overlaps(self, other: "ReportedEvent") -> bool:
        return self.first <= other.last and other.first <= self.last


class Hierarchy:
    """What encloses each place (``ck:within``) and each unit (``ck:partOf``), transitively."""

    def __init__(self, outer: dict[str, set[str]]):
        self.outer = outer

    @classmethod
    def from_store(cls, store: ArticleStore) -> "Hierarchy":
        outer: dict[str, set[str]] = defaultdict(set)
        for inner, container in store.query(ENCLOSING).rows:
            outer[str(inner)].add(str(container))
        return cls(outer)

    def lineage(self, node: str) -> set[str]:
        return {node, *self.outer.get(node, ())}

    def initiators_agree(self, a: frozenset[str], b: frozenset[str]) -> bool:
        if not a or not b:
            return True
        return any(self.lineage(x) & self.lineage(y) for x in a for y in b)

    def same_happening(self, a: ReportedEvent, b: ReportedEvent) -> bool:
        return (a.article != b.article and a.overlaps(b)
                and self.initiators_agree(a.initiators, b.initiators))


def _day(value) -> dt.date | None:
    return value.toPython() if value is not None and isinstance(value.toPython(), dt.date) else None


def reported_events(store: ArticleStore) -> list[ReportedEvent]:
    """Every event with a place and a date span of at most MAX_SPAN_DAYS days."""
    events = []
    for event, type_, place, article, date, earliest, latest, initiators in store.query(EVENTS).rows:
        first = _day(date) or _day(earliest)
        last = _day(date) or _day(latest)
        if first is None or last is None or (last - first).days > MAX_SPAN_DAYS:
            continue
        events.append(ReportedEvent(str(event), str(type_), str(place), str(article), first, last,
                                    frozenset(str(initiators or "").split())))
    return events


class _DatedGroup:
    """The events of one (type, place), sorted by start, searchable by date."""

    def __init__(self, events: list[ReportedEvent]):
        self.events = sorted(events, key=lambda e: (e.first, e.iri))
        self.starts = [e.first for e in self.events]

    def overlapping(self, event: ReportedEvent) -> list[ReportedEvent]:
        """Events that may overlap ``event``: no span is wider than MAX_SPAN_DAYS."""
        low = bisect_left(self.starts, event.first - dt.timedelta(days=MAX_SPAN_DAYS))
        high = bisect_right(self.starts, event.last)
        return self.events[low:high]


def same_happening_pairs(events: list[ReportedEvent], hierarchy: Hierarchy) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, of events that report the same happening."""
    members: dict[tuple[str, str], list[ReportedEvent]] = defaultdict(list)
    for event in events:
        members[(event.type, event.place)].append(event)
    groups = {key: _DatedGroup(group) for key, group in members.items()}
    pairs: set[tuple[str, str]] = set()
    for event in events:
        # Each event meets the events at its own place and at every place enclosing it, so a
        # strike "in Nawa" meets a report of it "in the Daraa countryside" — but not one in Tafas.
        for place in hierarchy.lineage(event.place):
            group = groups.get((event.type, place))
            for other in group.overlapping(event) if group else ():
                if other.iri != event.iri and hierarchy.same_happening(event, other):
                    pairs.add(tuple(sorted((event.iri, other.iri))))
    return pairs


def articles_hash(store: ArticleStore) -> str:
    """One hash of every article's IRI and content hash: what the links are computed from."""
    lines = sorted(f"{article} {digest}" for article, digest in content_hashes(store).items())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _links_state(store: ArticleStore, base: str) -> tuple[str | None, int]:
    """The articles hash the stored links were computed from (None: no links graph), and their count."""
    graph = links_graph_iri(base)
    rows = store.query(f"""
        SELECT ?hash (COUNT(?event) AS ?pairs) WHERE {{
          GRAPH <{graph}> {{ <{graph}> <{CK.linkedArticlesHash}> ?hash
                             OPTIONAL {{ ?event <{CK.sameHappeningAs}> ?other }} }}
        }} GROUP BY ?hash""").rows
    return (str(rows[0][0]), int(rows[0][1])) if rows else (None, 0)


def link_same_happenings(store: ArticleStore, base: str = DEFAULT_BASE, *, only_if_stale: bool = False) -> int:
    """Rebuild the links graph (with ``only_if_stale``: only when its articles changed since).

    Returns how many pairs of reports the links graph holds.
    """
    current = articles_hash(store)
    if only_if_stale:
        linked_hash, pairs = _links_state(store, base)
        if linked_hash == current:
            return pairs
    pairs = same_happening_pairs(reported_events(store), Hierarchy.from_store(store))
    graph = links_graph_iri(base)
    triples: list[Triple] = [(URIRef(a), CK.sameHappeningAs, URIRef(b)) for a, b in sorted(pairs)]
    triples.append((URIRef(graph), CK.linkedArticlesHash, Literal(current)))
    store.replace_graphs([(graph, triples)])
    return len(pairs)

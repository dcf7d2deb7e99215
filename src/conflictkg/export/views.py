"""Views of the graph for network tools: small, purposeful graphs rather than the raw triples.

A whole graph as GEXF is huge and unreadable (ARCHITECTURE.md); an analyst in Gephi wants
actors and their ties, or actors, events and places. Each view is a networkx ``MultiDiGraph``
whose nodes and edges carry plain attributes (strings, numbers, ISO dates as ``start``/``end``)
that the GEXF, GraphML and picture writers share.

- ``actors``: actors as nodes (kind, labels in English and Arabic, Wikidata QID, activity);
  allegiance edges by kind (from the articles, and from the catalogue between actors the
  articles involve); co-participation edges weighted by the number of shared events.
- ``events``: actors, events and places; actor → event edges by role, event → place edges.

The ``hostility`` view (who fought whom, when) is built from these in
:mod:`conflictkg.export.hostility`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

import networkx as nx

from conflictkg.export.store_reader import Entity, EventFact, GraphFacts

VIEWS = ("actors", "events")

KIND_COLOURS = {  # colour-blind-safe palette (Okabe–Ito), one colour per kind of node
    "StateForce": (0, 114, 178), "ArmedGroup": (213, 94, 0), "Coalition": (204, 121, 167),
    "Organization": (0, 158, 115), "Person": (230, 159, 0), "Country": (86, 180, 233),
    "Event": (120, 120, 120), "Place": (240, 228, 66),
}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _span(days: list[dt.date | None]) -> tuple[str | None, str | None]:
    known = [d for d in days if d]
    return (_day(min(known)), _day(max(known))) if known else (None, None)


def _entity_attributes(entity: Entity) -> dict:
    return {"label": entity.label, "label_en": entity.label_en, "label_ar": entity.label_ar,
            "kind": entity.kind, "qid": entity.qid, "iri": entity.iri,
            "colour": KIND_COLOURS.get(entity.kind, KIND_COLOURS["Place"] if not entity.is_actor else (153, 153, 153))}


def _actor_days(facts: GraphFacts) -> dict[str, list[dt.date | None]]:
    """Each actor's active days: its events' days, and the publication days of articles naming it."""
    days: dict[str, list[dt.date | None]] = defaultdict(list)
    for event in facts.events:
        for actor in event.participants:
            days[actor] += [event.first_day, event.last_day]
    for article, entities in facts.mentions.items():
        published = facts.articles[article].published if article in facts.articles else None
        for entity in entities:
            days[entity].append(published)
    return days


def actors_view(facts: GraphFacts) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="actors")
    days = _actor_days(facts)
    event_counts: dict[str, int] = defaultdict(int)
    for event in facts.events:
        for actor in event.participants:
            event_counts[actor] += 1
    involved = {a for a in facts.actors if a in days} | {a.source for a in facts.allegiances if a.article} \
        | {a.target for a in facts.allegiances if a.article}
    for iri in sorted(involved & set(facts.actors)):
        entity = facts.actors[iri]
        start, end = _span(days.get(iri, []))
        articles = sum(1 for entities in facts.mentions.values() if iri in entities)
        graph.add_node(iri, **_entity_attributes(entity), events=event_counts[iri], articles=articles,
                       size=4.0 + 3.0 * event_counts[iri] + articles, start=start, end=end)
    _add_allegiance_edges(graph, facts)
    _add_co_participation_edges(graph, facts.events)
    return graph


def _add_allegiance_edges(graph: nx.MultiDiGraph, facts: GraphFacts) -> None:
    """One edge per tie, with the article that first states it. A tie stated by articles is dated
    from its evidence: its own dates where a source gives them, else from the first to the last
    publication day of the articles stating it. A tie known only from the catalogue has no date."""
    ties: dict[str, list] = defaultdict(list)
    for tie in facts.allegiances:
        if tie.source in graph and tie.target in graph:
            ties[f"{tie.kind}:{tie.source}>{tie.target}"].append(tie)
    for key, stated in ties.items():
        tie = next((t for t in stated if t.article), stated[0])
        reported = [facts.articles[t.article].published for t in stated
                    if t.article in facts.articles and facts.articles[t.article].published]
        first_report, last_report = _span(reported)
        graph.add_edge(tie.source, tie.target, key=key, relation=tie.kind, label=tie.kind,
                       evidence="article" if tie.article else "catalogue", article=tie.article or "",
                       articles=len({t.article for t in stated if t.article}), weight=1.0,
                       start=_day(min(filter(None, (t.earliest for t in stated)), default=None)) or first_report,
                       end=_day(max(filter(None, (t.latest for t in stated)), default=None)) or last_report)


def _add_co_participation_edges(graph: nx.MultiDiGraph, events: list[EventFact]) -> None:
    shared: dict[tuple[str, str], list[EventFact]] = defaultdict(list)
    for event in events:
        for pair in combinations(sorted(event.participants), 2):
            shared[pair].append(event)
    for (first, second), together in sorted(shared.items()):
        start, end = _span([d for e in together for d in (e.first_day, e.last_day)])
        graph.add_edge(first, second, key=f"co-participation:{first}>{second}", relation="co-participation",
                       label="co-participation", evidence="events", article="", weight=float(len(together)),
                       start=start, end=end)


def events_view(facts: GraphFacts) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="events")
    for event in facts.events:
        start, end = _day(event.first_day), _day(event.last_day)
        graph.add_node(event.iri, label=f"{event.type} {start or ''}".strip(), label_en=event.type,
                       label_ar=" … ".join(event.evidence), kind="Event", event_type=event.type, qid="",
                       iri=event.iri, colour=KIND_COLOURS["Event"], size=4.0 + event.fatalities ** 0.5,
                       fatalities=event.fatalities, start=start, end=end)
        for role, actors in (("initiator", event.initiators), ("target", event.targets),
                             ("supporter", event.supporters)):
            for actor in actors:
                _add_entity_node(graph, facts, actor, start, end)
                graph.add_edge(actor, event.iri, key=f"{role}:{actor}>{event.iri}", relation=role,
                               label=role, weight=1.0, start=start, end=end)
        if event.location:
            _add_entity_node(graph, facts, event.location, start, end)
            graph.add_edge(event.iri, event.location, key=f"location:{event.iri}", relation="location",
                           label="location", weight=1.0, start=start, end=end)
    return graph


def _add_entity_node(graph: nx.MultiDiGraph, facts: GraphFacts, iri: str, start: str | None, end: str | None) -> None:
    """Add an actor or place, widening its time span to cover the event that involves it."""
    if iri not in graph:
        entity = facts.entities.get(iri) or Entity(iri, "Unknown", True)
        graph.add_node(iri, **_entity_attributes(entity), size=6.0, start=start, end=end)
        return
    node = graph.nodes[iri]
    node["start"] = min(filter(None, (node["start"], start)), default=None)
    node["end"] = max(filter(None, (node["end"], end)), default=None)
    node["size"] += 2.0


def build_view(facts: GraphFacts, name: str) -> nx.MultiDiGraph:
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}: use one of {', '.join(VIEWS)}")
    return actors_view(facts) if name == "actors" else events_view(facts)

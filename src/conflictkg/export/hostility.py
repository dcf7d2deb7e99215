"""The hostility view for Gephi: who fought whom, when, and at what cost, from the events.

One node per actor that initiated or was the target of an event (places targeted are left to
the map); one edge per (initiator,
target) pair, from the initiator to the target, weighted by the number of events, with the
people they killed and injured as reported, the kinds of events, the articles, and the days of
the fighting as GEXF spells: each event's day span is one spell, overlapping or touching spells
merged, so Gephi's timeline shows each tie flaring up and falling silent. An edge whose events
carry no day is dated by the publication days of the articles that report them: every edge is
dated from its evidence.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

from conflictkg.export.store_reader import EventFact, GraphFacts
from conflictkg.export.views import _entity_attributes

ONE_DAY = dt.timedelta(days=1)


def merged_spells(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Day spans merged where they overlap or touch, in order."""
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _event_span(facts: GraphFacts, event: EventFact) -> tuple[dt.date, dt.date] | None:
    first, last = event.first_day, event.last_day
    if first or last:
        return first or last, last or first
    published = [facts.articles[a].published for a in event.articles
                 if a in facts.articles and facts.articles[a].published]
    return (min(published), max(published)) if published else None


def _figure_total(event: EventFact, outcome: str) -> int:
    return sum(count for kind, count, _ in event.figures if kind == outcome)


def hostility_view(facts: GraphFacts) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="hostility")
    pairs: dict[tuple[str, str], list[EventFact]] = defaultdict(list)
    actors = facts.actors
    for event in facts.events:
        for initiator in (a for a in event.initiators if a in actors):
            for target in (t for t in event.targets if t in actors and t != initiator):
                pairs[(initiator, target)].append(event)
    for (initiator, target), events in sorted(pairs.items()):
        spans = [span for span in (_event_span(facts, e) for e in events) if span]
        spells = merged_spells(spans)
        for actor in (initiator, target):
            if actor not in graph:
                graph.add_node(actor, **_entity_attributes(actors[actor]), events=0, size=4.0, spells=[])
            node = graph.nodes[actor]
            node["events"] += len(events)
            node["size"] = 4.0 + 2.0 * node["events"] ** 0.5
            node["spells"] = merged_spells(node["spells"] + spells)
        killed = sum(_figure_total(e, "Killed") for e in events)
        graph.add_edge(initiator, target, key=f"hostility:{initiator}>{target}", relation="hostility",
                       label=f"{len(events)} event(s)" + (f", {killed} killed" if killed else ""),
                       weight=float(len(events)), events=len(events), killed=killed,
                       injured=sum(_figure_total(e, "Injured") for e in events),
                       event_types=", ".join(sorted({e.type for e in events})),
                       articles=len({a for e in events for a in e.articles}),
                       start=spells[0][0].isoformat() if spells else None,
                       end=spells[-1][1].isoformat() if spells else None, spells=spells)
    for _, data in graph.nodes(data=True):
        spells = data["spells"]
        data["start"] = spells[0][0].isoformat() if spells else None
        data["end"] = spells[-1][1].isoformat() if spells else None
    return graph


def build_view(facts: GraphFacts, name: str) -> nx.MultiDiGraph:
    """Any view by name: ``hostility`` here, the others from :mod:`conflictkg.export.views`."""
    from conflictkg.export import views

    if name not in (*views.VIEWS, "hostility"):
        raise ValueError(f"unknown view {name!r}: use one of {', '.join((*views.VIEWS, 'hostility'))}")
    return hostility_view(facts) if name == "hostility" else views.build_view(facts, name)

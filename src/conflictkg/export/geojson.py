"""Events and places on a map: a GeoJSON FeatureCollection (RFC 7946).

One Point feature per event whose place has coordinates, or whose nearest enclosing place has
(a town's district, then its governorate: ``located_by`` says which place gave the point and
``located_exactly`` whether it was the event's own); one Point feature per place of the graph
that has coordinates, with how many events happened there. Positions are ``[longitude,
latitude]`` in WGS 84, as RFC 7946 requires. Properties hold what an analyst filters and reads
on a map: the event's type and its labels, its day or day bounds, initiators, targets,
supporters and reporters (labels and IRIs), casualty figures, the articles and the Arabic
evidence. Any GIS tool (QGIS, kepler.gl, geojson.io, Leaflet) opens the file as it is.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conflictkg.export.store_reader import EventFact, GraphFacts, _point
from conflictkg.store import ArticleStore

PLACES = """
SELECT ?place (SAMPLE(?wkt) AS ?point) (SAMPLE(?parent) AS ?within) WHERE {
  { ?place <http://www.opengis.net/ont/geosparql#hasGeometry>/<http://www.opengis.net/ont/geosparql#asWKT> ?wkt }
  UNION { ?place <https://w3id.org/conflictkg/ontology#within> ?parent }
}
GROUP BY ?place
"""

MAX_WITHIN_STEPS = 6
"""How far up the containment chain a place's point is looked for (village → … → country)."""


Places = dict[str, tuple[tuple[float, float] | None, str | None]]


def read_places(store: ArticleStore) -> Places:
    """Every place of the store (the catalogue's included) -> its point and the place it is within."""
    return {str(place): (_point(str(wkt)) if wkt is not None else None, str(within) if within is not None else None)
            for place, wkt, within in store.query(PLACES).rows}


def located_point(places: Places, place: str | None) -> tuple[str, tuple[float, float]] | None:
    """The place that gives ``place`` its point (itself, else the nearest enclosing one) and the point."""
    for _ in range(MAX_WITHIN_STEPS):
        if place not in places:
            return None
        point, within = places[place]
        if point is not None:
            return place, point
        place = within
    return None


def _actors(facts: GraphFacts, iris: list[str]) -> list[dict]:
    return [{"iri": iri, "label": facts.label(iri)} for iri in iris]


def _day(value) -> str | None:
    return value.isoformat() if value else None


def event_feature(facts: GraphFacts, places: Places, event: EventFact) -> dict | None:
    """The event as a GeoJSON Feature, or None when no point can be found for its place."""
    located = located_point(places, event.location)
    if located is None:
        return None
    source, (longitude, latitude) = located
    place = facts.entities.get(event.location or "")
    kind = facts.event_classes.get(event.type)
    articles = [facts.articles[a] for a in event.articles if a in facts.articles]
    properties = {
        "feature": "event",
        "id": event.iri,
        "type": event.type,
        "type_en": kind.label_en if kind else event.type,
        "type_ar": kind.label_ar if kind else "",
        "date": _day(event.date),
        "first_day": _day(event.first_day),
        "last_day": _day(event.last_day),
        "place": event.location,
        "place_en": place.label_en if place else "",
        "place_ar": place.label_ar if place else "",
        "located_by": source,
        "located_exactly": source == event.location,
        "initiators": _actors(facts, event.initiators),
        "targets": _actors(facts, event.targets),
        "supporters": _actors(facts, event.supporters),
        "reported_by": _actors(facts, event.reporters),
        "initiators_en": "; ".join(facts.label(a) for a in event.initiators),
        "figures": [{"outcome": outcome, "count": count, "population": population or None}
                    for outcome, count, population in event.figures],
        "killed": event.fatalities,
        "modality": event.modality,
        "articles": [{"iri": a.iri, "id": a.id, "published": _day(a.published), "url": a.url,
                      "title": a.title, "source": a.publisher} for a in articles],
        "evidence": event.evidence,
    }
    return {"type": "Feature", "id": event.iri,
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": properties}


def place_features(facts: GraphFacts, events: list[EventFact]) -> list[dict]:
    """Each place with coordinates that the graph's events or articles name, with its event count."""
    counts = Counter(e.location for e in events if e.location)
    named = {iri for entities in facts.mentions.values() for iri in entities} | set(counts)
    features = []
    for iri in sorted(named):
        entity = facts.entities.get(iri)
        if entity is None or entity.is_actor or entity.point is None:
            continue
        longitude, latitude = entity.point
        features.append({"type": "Feature", "id": iri,
                         "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                         "properties": {"feature": "place", "id": iri, "kind": entity.kind,
                                        "label_en": entity.label_en, "label_ar": entity.label_ar,
                                        "qid": entity.qid or None, "within": entity.within,
                                        "events": counts.get(iri, 0)}})
    return features


def feature_collection(facts: GraphFacts, places: Places) -> dict:
    """Every located event, then every place with coordinates, as one FeatureCollection."""
    events = [f for f in (event_feature(facts, places, e) for e in facts.events) if f is not None]
    return {"type": "FeatureCollection", "features": events + place_features(facts, facts.events)}


def write_geojson(facts: GraphFacts, places: Places, path: Path) -> dict:
    """Write the collection to ``path``; returns counts of located and unlocated events."""
    collection = feature_collection(facts, places)
    path.write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
    located = sum(1 for f in collection["features"] if f["properties"]["feature"] == "event")
    return {"events": located, "unlocated": len(facts.events) - located,
            "places": len(collection["features"]) - located}

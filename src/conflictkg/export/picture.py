"""An offline picture for people who would rather look than read: one self-contained HTML page.

The page holds its data (JSON) and its script (``picture.js``, shipped beside this module) and
fetches nothing: its Content-Security-Policy allows no source but the script's own hash. It
draws on canvases, so it stays fast at tens of thousands of events:

- the actor network: the ``actors`` view (allegiances, co-participation) with the ``hostility``
  edges (who struck whom), laid out here by networkx's spring layout with a fixed seed (the same
  graph always gives the same picture); zoom with the wheel or the buttons, drag to pan, search
  by name in English or Arabic, filter by kind and by dates; hovering a node or an edge shows
  what it is, with its dates and evidence; labels appear as one zooms in and never overlap;
- the events on a timeline, one row per event type, on an axis of the events' real dates with
  ticks by day, week, month, quarter or year as the span needs; the first view runs from a
  month before the first article to the last one (events recalled from years before no longer
  squeeze 2018 into one column: they are counted, and drawn once one widens the dates);
- the events on a map: each event at its place's point (or the nearest enclosing place's), over
  the catalogue's places that have coordinates, framed on the middle 70% of the events widened
  by half (far reports are counted, not drawn). There is no base map: country outlines would
  have to be shipped with the package (see the README).
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections import Counter
from pathlib import Path

import networkx as nx

from conflictkg.export.geojson import Places, located_point
from conflictkg.export.hostility import hostility_view
from conflictkg.export.store_reader import GraphFacts
from conflictkg.export.views import KIND_COLOURS, actors_view

SCRIPT = Path(__file__).with_name("picture.js")
LABELLED_NODES = 40
"""About this many of the largest actors are labelled before one zooms in."""


def _rgb(colour: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % tuple(colour)


def network(facts: GraphFacts) -> nx.MultiDiGraph:
    """The actors view with the hostility edges added: alliances and the war in one picture."""
    graph = actors_view(facts)
    war = hostility_view(facts)
    for node, data in war.nodes(data=True):
        if node not in graph:
            graph.add_node(node, **{k: v for k, v in data.items() if k != "spells"})
    graph.add_edges_from(war.edges(keys=True, data=True))
    return graph


def _layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    simple = nx.Graph(graph)
    if simple.number_of_nodes() == 0:
        return {}
    iterations = 50 if simple.number_of_nodes() <= 2000 else 25
    layout = nx.spring_layout(simple, seed=7, k=1.6 / simple.number_of_nodes() ** 0.5, iterations=iterations)
    return {node: (float(x), float(-y)) for node, (x, y) in layout.items()}


def _trimmed(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The first and last of ``days`` once the outlying 1% at each end is left out (when 100 or more)."""
    days = sorted(days)
    cut = len(days) // 100 if len(days) >= 100 else 0
    return days[cut], days[len(days) - 1 - cut]


def _day_span(days: list[dt.date], published: list[dt.date] | None = None) -> tuple[str | None, str | None]:
    """The timeline's first view: from a month before the first article to the last article's
    day when the articles are dated (the events they report happen then; those they recall
    from years before are counted, not drawn, until one widens the dates); else the event days.
    Either way, the outlying 1% at each end is left out."""
    if published:
        first, last = _trimmed(published)
        return (first - dt.timedelta(days=31)).isoformat(), last.isoformat()
    if not days:
        return None, None
    first, last = _trimmed(days)
    return first.isoformat(), last.isoformat()


def picture_data(facts: GraphFacts, places: Places) -> dict:
    """What the page draws, as plain JSON values."""
    graph = network(facts)
    layout = _layout(graph)
    index = {node: number for number, node in enumerate(graph.nodes)}
    sizes = sorted((d.get("size", 4.0) for _, d in graph.nodes(data=True)), reverse=True)
    nodes = [{"id": node, "label": d.get("label") or node, "label_ar": d.get("label_ar", ""),
              "kind": d.get("kind", "Unknown"), "colour": _rgb(d.get("colour", (153, 153, 153))),
              "size": float(d.get("size", 4.0)), "events": int(d.get("events", 0)),
              "start": d.get("start"), "end": d.get("end"), "x": layout[node][0], "y": layout[node][1],
              "search": " ".join((d.get("label") or "", d.get("label_ar", ""), node)).lower()}
             for node, d in graph.nodes(data=True)]
    edges = [{"s": index[s], "t": index[t], "relation": d.get("relation", ""), "label": d.get("label", ""),
              "weight": float(d.get("weight", 1.0)), "evidence": d.get("evidence", "events"),
              "start": d.get("start"), "end": d.get("end")}
             for s, t, d in graph.edges(data=True)]
    events = []
    for event in facts.events:
        located = located_point(places, event.location)
        kind = facts.event_classes.get(event.type)
        events.append({"type": event.type, "label": kind.label_en if kind else event.type,
                       "first": event.first_day.isoformat() if event.first_day else None,
                       "last": event.last_day.isoformat() if event.last_day else None,
                       "place": facts.label(event.location),
                       "lon": located[1][0] if located else None, "lat": located[1][1] if located else None})
    types = sorted({(e["type"], e["label"]) for e in events})
    event_places = Counter(e.location for e in facts.events if e.location)
    shown_places = [{"label": facts.label(iri), "lon": point[0], "lat": point[1], "events": event_places[iri]}
                    for iri, (point, _) in sorted(places.items())
                    if point is not None and (iri in facts.entities or iri in event_places)]
    first, last = _day_span([d for e in facts.events for d in (e.first_day, e.last_day) if d],
                            [a.published for a in facts.articles.values() if a.published])
    kinds = sorted({n["kind"] for n in nodes})
    return {"nodes": nodes, "edges": edges, "events": events,
            "types": [{"type": t, "label": label} for t, label in types], "places": shown_places,
            "kinds": kinds, "colours": {k: _rgb(KIND_COLOURS.get(k, (153, 153, 153))) for k in kinds},
            "first": first, "last": last,
            "labelSize": sizes[min(LABELLED_NODES, len(sizes)) - 1] if sizes else 0,
            "articles": len(facts.articles)}


def _json_for_script(data: dict) -> str:
    """JSON safe inside a <script> element: no '</' or '<!--' can end or change it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


STYLE = """
body { font-family: system-ui, "Noto Sans", "Noto Naskh Arabic", sans-serif; margin: 1.5rem 2rem; color: #1d232a; }
canvas { display: block; width: 100%; background: #fafaf8; border: 1px solid #ddd; }
#network { height: 640px; cursor: grab; } #map { height: 520px; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; align-items: center; margin: .6rem 0; }
.controls label { white-space: nowrap; } #kinds i { display: inline-block; width: .8rem; height: .8rem;
border-radius: 50%; margin: 0 .3rem; vertical-align: middle; }
#tip { position: absolute; background: #fff; border: 1px solid #aaa; padding: .3rem .5rem; font-size: 12px;
white-space: pre-line; pointer-events: none; max-width: 32rem; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
.note { color: #555; }
"""


def picture_html(facts: GraphFacts, places: Places) -> str:
    data = picture_data(facts, places)
    script = SCRIPT.read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>conflictkg: actors and events</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'">
<style>{STYLE}</style></head>
<body>
<h1>Actors and events</h1>
<p>{data['articles']} articles, {len(data['nodes'])} actors, {len(data['events'])} events.
Zoom with the wheel, drag to move, hover over an actor or a tie for its details.</p>
<div class="controls">
  <label>Find <input id="search" type="search" placeholder="a name, in English or Arabic" dir="auto"></label>
  <label>from <input id="from" type="date"></label> <label>to <input id="to" type="date"></label>
  <span><button id="zoom-in" type="button">+</button> <button id="zoom-out" type="button">−</button>
  <button id="zoom-reset" type="button">whole graph</button></span>
</div>
<div class="controls" id="kinds"></div>
<h2>The actor network</h2>
<p class="note">Red: who struck whom (from events); purple, blue, green: allegiance, membership,
support (dashed: from the catalogue, not from an article); grey: took part in the same events.
<span id="counts"></span></p>
<canvas id="network" aria-label="the actor network"></canvas>
<div id="tip" hidden></div>
<h2>Events on a timeline</h2>
<p class="note" id="outside"></p>
<canvas id="timeline" aria-label="events on a timeline"></canvas>
<h2>Events on a map</h2>
<p class="note">Red: events, larger where more happened; grey: places of the catalogue with coordinates.
<span id="map-note"></span></p>
<canvas id="map" aria-label="events on a map"></canvas>
<script type="application/json" id="data">{_json_for_script(data)}</script>
<script>{script}</script>
</body></html>
"""


def write_picture(facts: GraphFacts, path: Path, places: Places | None = None) -> None:
    path.write_text(picture_html(facts, places or {}), encoding="utf-8")


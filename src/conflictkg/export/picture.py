"""An offline picture for people who would rather look than read: one self-contained HTML page.

Two inline SVG drawings, made here in Python (no script, no CDN, nothing fetched): the actor
network (the ``actors`` view, laid out by networkx's spring layout with a fixed seed, so the
same graph always gives the same picture) and the events on a timeline (one row per event
type, one mark per event, its length the span of days the text allows). Every label is
XML-escaped; Arabic labels are set ``direction: rtl`` by the browser from their own text.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import networkx as nx

from conflictkg.export.store_reader import GraphFacts
from conflictkg.export.views import KIND_COLOURS, actors_view

WIDTH, HEIGHT = 960, 620
TIMELINE_ROW = 34
EDGE_STYLES = {"co-participation": ("#888", ""), "PledgedAllegiance": ("#b2182b", ""),
               "MemberOf": ("#2166ac", "4 3"), "Supports": ("#1b7837", "2 3")}


def _rgb(colour: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % tuple(colour)


def network_svg(graph: nx.MultiDiGraph) -> str:
    if graph.number_of_nodes() == 0:
        return "<p>No actors in the graph yet.</p>"
    layout = nx.spring_layout(nx.Graph(graph), seed=7, k=1.6 / max(graph.number_of_nodes(), 1) ** 0.5)
    margin = 90

    def position(node: str) -> tuple[float, float]:
        x, y = layout[node]
        return margin + (x + 1) / 2 * (WIDTH - 2 * margin), margin / 2 + (y + 1) / 2 * (HEIGHT - margin)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="actor network" class="network">']
    for source, target, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = position(source), position(target)
        colour, dash = EDGE_STYLES.get(data.get("relation", ""), ("#999", "1 2"))
        width = 1 + min(float(data.get("weight", 1.0)), 6)
        title = html.escape(f"{graph.nodes[source]['label']} — {data.get('relation')} → {graph.nodes[target]['label']}")
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                     f'stroke-width="{width:.1f}" stroke-dasharray="{dash}"><title>{title}</title></line>')
    for node, data in graph.nodes(data=True):
        x, y = position(node)
        radius = 4 + min(float(data.get("size", 4)), 30) / 2
        label_en, label_ar = html.escape(data.get("label_en", "")), html.escape(data.get("label_ar", ""))
        parts.append(f'<g class="actor"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                     f'fill="{_rgb(data["colour"])}"><title>{html.escape(node)}</title></circle>'
                     f'<text x="{x:.1f}" y="{y - radius - 14:.1f}" text-anchor="middle">{label_en}</text>'
                     f'<text x="{x:.1f}" y="{y - radius - 2:.1f}" text-anchor="middle" class="ar">{label_ar}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)


def timeline_svg(facts: GraphFacts) -> str:
    dated = [e for e in facts.events if e.first_day]
    if not dated:
        return "<p>No dated events in the graph yet.</p>"
    first = min(e.first_day for e in dated)
    last = max(e.last_day for e in dated)
    days = max((last - first).days, 1)
    types = sorted({e.type for e in dated})
    left, right = 150, 40
    height = 40 + TIMELINE_ROW * len(types)

    def x_of(day: dt.date) -> float:
        return left + (day - first).days / days * (WIDTH - left - right)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 30}" role="img" '
             f'aria-label="events on a timeline" class="timeline">']
    for row, event_type in enumerate(types):
        y = 30 + row * TIMELINE_ROW
        label = facts.event_classes[event_type].label_en if event_type in facts.event_classes else event_type
        parts.append(f'<text x="{left - 10}" y="{y + 5}" text-anchor="end">{html.escape(label)}</text>'
                     f'<line x1="{left}" y1="{y}" x2="{WIDTH - right}" y2="{y}" stroke="#ddd"/>')
        for event in (e for e in dated if e.type == event_type):
            x1, x2 = x_of(event.first_day), x_of(event.last_day)
            title = html.escape(f"{event.type} {event.first_day}"
                                + (f"–{event.last_day}" if event.last_day != event.first_day else "")
                                + f" · {facts.label(event.location)} · {' … '.join(event.evidence)}")
            parts.append(f'<g class="event"><rect x="{x1 - 4:.1f}" y="{y - 7}" width="{max(x2 - x1, 0) + 8:.1f}" '
                         f'height="14" rx="7" fill="#d55e00" fill-opacity="0.7"><title>{title}</title></rect></g>')
    for day in (first, last):
        parts.append(f'<text x="{x_of(day):.1f}" y="{height + 10}" text-anchor="middle">{day.isoformat()}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


STYLE = """
body { font-family: system-ui, "Noto Sans", "Noto Naskh Arabic", sans-serif; margin: 2rem; color: #1d232a; }
svg { width: 100%; height: auto; background: #fafaf8; border: 1px solid #ddd; }
svg text { font-size: 12px; } svg text.ar { font-size: 13px; direction: rtl; unicode-bidi: plaintext; }
.legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: .8rem;
height: .8rem; border-radius: 50%; margin-right: .3rem; vertical-align: middle; }
"""


def picture_html(facts: GraphFacts) -> str:
    graph = actors_view(facts)
    legend = "".join(f'<span><i style="background:{_rgb(c)}"></i>{html.escape(k)}</span>'
                     for k, c in KIND_COLOURS.items() if k not in ("Event", "Place"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>conflictkg: actors and events</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>{STYLE}</style></head>
<body>
<h1>Actors and events</h1>
<p>{len(facts.articles)} articles, {graph.number_of_nodes()} actors, {len(facts.events)} events.
Hover over a mark for its details.</p>
<h2>The actor network</h2>
<p class="legend">{legend}</p>
{network_svg(graph)}
<h2>Events on a timeline</h2>
{timeline_svg(facts)}
</body></html>
"""


def write_picture(facts: GraphFacts, path: Path) -> None:
    path.write_text(picture_html(facts), encoding="utf-8")

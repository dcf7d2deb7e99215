"""GEXF 1.3 for Gephi (dynamic: Gephi's timeline plays the war) and GraphML (a static snapshot).

The GEXF is written with lxml rather than networkx's ``write_gexf``: networkx 3.6 writes
``xsi:schemaLocation`` under a misspelt namespace and ``name=""`` on ``<graph>``, which the
RELAX NG schema rejects (../shared/schemas/README.md; the schema allows no schemaLocation at all), and it cannot write ``viz`` sizes and
colours from plain attributes. lxml escapes every text and attribute value, so a label holding
``<``, ``&`` or quotes stays data. Output validates against ``gexf.rng`` and reads back with
``networkx.read_gexf(path, version="1.3")`` with the same nodes and edges.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
from lxml import etree

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

# Attributes that GEXF writes as its own XML attributes or viz elements, not as <attvalue>s.
NODE_RESERVED = {"label", "colour", "size", "start", "end", "spells"}
EDGE_RESERVED = {"label", "weight", "start", "end", "spells"}


def _token(text: str) -> str:
    """An xsd:token (the schema's type for labels): no tabs or newlines, single spaces."""
    return " ".join(str(text).split())


def _gexf_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    return "string"


def _declare(graph_element: etree._Element, cls: str, items) -> dict[str, str]:
    """Declare the attribute columns of nodes or edges; returns title -> id."""
    reserved = NODE_RESERVED if cls == "node" else EDGE_RESERVED
    columns: dict[str, str] = {}
    for data in items:
        for title, value in data.items():
            if title not in reserved and title not in columns and value is not None:
                columns[title] = _gexf_type(value)
    element = etree.SubElement(graph_element, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
    ids = {}
    for number, (title, kind) in enumerate(columns.items()):
        ids[title] = str(number)
        etree.SubElement(element, f"{{{GEXF_NS}}}attribute", id=str(number), title=title, type=kind)
    return ids


def _attvalues(parent: etree._Element, data: dict, ids: dict[str, str]) -> None:
    values = [(ids[t], v) for t, v in data.items() if t in ids and v is not None and v != ""]
    if not values:
        return
    element = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for key, value in values:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        etree.SubElement(element, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": text})


def _time_span(element: etree._Element, data: dict) -> None:
    """``start``/``end`` attributes, or, for an item alive in several intervals, its ``spells``."""
    if data.get("spells"):
        spells = etree.SubElement(element, f"{{{GEXF_NS}}}spells")
        for start, end in data["spells"]:
            etree.SubElement(spells, f"{{{GEXF_NS}}}spell", start=start.isoformat(), end=end.isoformat())
        return
    for bound in ("start", "end"):
        if data.get(bound):
            element.set(bound, dt.date.fromisoformat(data[bound]).isoformat())


def gexf_tree(graph: nx.MultiDiGraph, description: str) -> etree._ElementTree:
    # No xsi:schemaLocation: the RELAX NG schema allows no attribute beyond version and variant.
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", lastmodifieddate=dt.date.today().isoformat())
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "conflictkg"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = description
    element = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="directed", mode="dynamic",
                               timeformat="date", timerepresentation="interval")
    node_ids = _declare(element, "node", (d for _, d in graph.nodes(data=True)))
    edge_ids = _declare(element, "edge", (d for _, _, d in graph.edges(data=True)))
    nodes = etree.SubElement(element, f"{{{GEXF_NS}}}nodes", count=str(graph.number_of_nodes()))
    for node, data in graph.nodes(data=True):
        item = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=node, label=_token(data.get("label", node)))
        _time_span(item, data)
        _attvalues(item, data, node_ids)
        if "colour" in data:
            r, g, b = data["colour"]
            etree.SubElement(item, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        if "size" in data:
            etree.SubElement(item, f"{{{VIZ_NS}}}size", value=f"{float(data['size']):g}")
    edges = etree.SubElement(element, f"{{{GEXF_NS}}}edges", count=str(graph.number_of_edges()))
    for source, target, key, data in graph.edges(keys=True, data=True):
        item = etree.SubElement(edges, f"{{{GEXF_NS}}}edge", id=str(key), source=source, target=target,
                                label=_token(data.get("label", "")), weight=f"{float(data.get('weight', 1.0)):g}")
        _time_span(item, data)
        _attvalues(item, data, edge_ids)
    return etree.ElementTree(root)


def write_gexf(graph: nx.MultiDiGraph, path: Path, description: str = "") -> None:
    gexf_tree(graph, description or f"conflictkg {graph.name} view").write(
        str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    """A static GraphML snapshot: the same view, colours as hex, no missing values."""
    static = nx.MultiDiGraph(name=graph.name)
    for node, data in graph.nodes(data=True):
        clean = _graphml_values(data)
        if "colour" in data:
            clean["colour"] = "#%02x%02x%02x" % tuple(data["colour"])
        static.add_node(node, **clean)
    for source, target, key, data in graph.edges(keys=True, data=True):
        static.add_edge(source, target, key=key, **_graphml_values(data))
    nx.write_graphml(static, str(path), encoding="utf-8")


def _graphml_values(data: dict) -> dict:
    """GraphML's plain values: no missing ones, colours apart, spells as "start/end" intervals."""
    clean = {k: v for k, v in data.items() if v is not None and v != [] and k not in ("colour", "spells")}
    if data.get("spells"):
        clean["spells"] = " ".join(f"{start.isoformat()}/{end.isoformat()}" for start, end in data["spells"])
    return clean

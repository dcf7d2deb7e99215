"""GEXF for Gephi: valid against the GEXF 1.3 RELAX NG schema, dynamic, and read back by networkx."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from conflictkg.export import export_store
from conflictkg.export.store_reader import read_facts
from conflictkg.export.gexf import write_gexf
from conflictkg.export.views import build_view
from conftest import SHARED, needs_shared
from test_queries_fixture import FSA, ISLAMIC_STATE, JKBW, NAWA, RUSSIAN_AIR, fixture_store

GEXF_RNG = SHARED / "schemas" / "gexf-1.3" / "gexf.rng"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def facts():
    return read_facts(fixture_store())


def _valid(path: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    assert schema.validate(etree.parse(str(path))), schema.error_log


@needs_shared(GEXF_RNG)
@pytest.mark.parametrize("view", ["actors", "events"])
def test_each_view_validates_and_reads_back_with_the_same_nodes_and_edges(tmp_path, facts, view):
    graph = build_view(facts, view)
    path = tmp_path / f"{view}.gexf"
    write_gexf(graph, path)
    _valid(path)
    back = nx.read_gexf(path, version="1.3")
    assert set(back.nodes) == set(graph.nodes)
    written = {(s, t, k) for s, t, k in graph.edges(keys=True)}
    read = {(s, t, d["id"]) for s, t, d in back.edges(data=True)} if not back.is_multigraph() \
        else {(s, t, k) for s, t, k in back.edges(keys=True)}
    assert read == written


def test_the_actors_view_has_allegiance_and_co_participation_edges(facts):
    graph = build_view(facts, "actors")
    relations = {(s, t, d["relation"]) for s, t, d in graph.edges(data=True)}
    assert (JKBW, ISLAMIC_STATE, "PledgedAllegiance") in relations
    co = [d for s, t, d in graph.edges(data=True) if d["relation"] == "co-participation" and {s, t} == {JKBW, FSA}]
    assert co and co[0]["weight"] == 2.0   # the clash and the taking of Tasil
    assert graph.nodes[RUSSIAN_AIR]["label_ar"] == "القوات الجوية الفضائية الروسية"
    assert graph.nodes[RUSSIAN_AIR]["kind"] == "StateForce"


def test_the_events_view_is_dynamic_over_time(tmp_path, facts):
    graph = build_view(facts, "events")
    path = tmp_path / "events.gexf"
    write_gexf(graph, path)
    tree = etree.parse(str(path))
    assert tree.find(f"{GEXF}graph").get("mode") == "dynamic"
    assert tree.find(f"{GEXF}graph").get("timeformat") == "date"
    nawa = tree.find(f"{GEXF}graph/{GEXF}nodes/{GEXF}node[@id='{NAWA}']")
    assert (nawa.get("start"), nawa.get("end")) == ("2018-07-23", "2018-07-23")
    clash = next(n for n in graph.nodes if "ArmedClash" in n)
    assert (graph.nodes[clash]["start"], graph.nodes[clash]["end"]) == ("2017-02-19", "2017-02-21")


@needs_shared(GEXF_RNG)
def test_markup_in_labels_is_escaped(tmp_path):
    graph = nx.MultiDiGraph(name="hostile")
    graph.add_node("urn:x:a", label='<b>"x" & y</b>\n\tz', label_ar="</attvalue><x>", kind="ArmedGroup",
                   colour=(1, 2, 3), size=5.0, start=None, end=None)
    graph.add_node("urn:x:b", label="b", kind="ArmedGroup", colour=(1, 2, 3), size=5.0, start="2018-01-01", end=None)
    graph.add_edge("urn:x:a", "urn:x:b", key="e&1", relation="<r>", label="<r>", weight=1.0, start=None, end=None)
    path = tmp_path / "hostile.gexf"
    write_gexf(graph, path)
    _valid(path)
    back = nx.read_gexf(path, version="1.3")
    assert back.nodes["urn:x:a"]["label"] == '<b>"x" & y</b> z'
    assert back.nodes["urn:x:a"]["label_ar"] == "</attvalue><x>"


@needs_shared(GEXF_RNG)
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_writes_a_file_networkx_reads(tmp_path, fmt):
    store = fixture_store()
    path = tmp_path / f"actors.{fmt}"
    export_store(store, fmt, path, "actors")
    back = nx.read_gexf(path, version="1.3") if fmt == "gexf" else nx.read_graphml(path)
    assert JKBW in back.nodes and back.number_of_edges() >= 3

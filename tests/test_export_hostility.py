"""Gephi's view of the war: who fought whom (initiator → target), how often, at what cost, when."""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from conflictkg.cli import main
from conflictkg.export.hostility import merged_spells
from conftest import SHARED, needs_shared

GEXF_RNG = SHARED / "schemas" / "gexf-1.3" / "gexf.rng"
ACTOR = "https://w3id.org/conflictkg/id/actor/"


def export(store, tmp_path, fmt: str, view: str):
    path = tmp_path / f"{view}.{fmt}"
    result = CliRunner().invoke(main, ["export", fmt, str(path), "--view", view, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return path


def edge(graph, source: str, target: str, relation: str = "hostility") -> dict:
    """The edge's data whether networkx read the file back as a multigraph or not."""
    data = graph.get_edge_data(ACTOR + source, ACTOR + target)
    candidates = data.values() if graph.is_multigraph() else [data]
    return next(d for d in candidates if d["relation"] == relation)


def test_spells_merge_where_they_overlap_or_touch():
    d = dt.date
    assert merged_spells([(d(2018, 7, 5), d(2018, 7, 6)), (d(2018, 7, 1), d(2018, 7, 2)),
                          (d(2018, 7, 3), d(2018, 7, 3)), (d(2018, 7, 10), d(2018, 7, 10))]) == [
        (d(2018, 7, 1), d(2018, 7, 3)), (d(2018, 7, 5), d(2018, 7, 6)), (d(2018, 7, 10), d(2018, 7, 10))]


@pytest.fixture(scope="module")
def hostility(example_store, tmp_path_factory):
    return export(example_store, tmp_path_factory.mktemp("hostility"), "gexf", "hostility")


@needs_shared(GEXF_RNG)
def test_the_hostility_view_is_valid_gexf(hostility):
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    assert schema.validate(etree.parse(str(hostility))), schema.error_log


def test_edges_run_from_initiator_to_target_with_counts_casualties_and_dated_spells(hostility):
    graph = nx.read_gexf(hostility, version="1.3")
    assert graph.number_of_edges() >= 3
    for _, _, data in graph.edges(data=True):
        assert data["relation"] == "hostility" and data["weight"] == data["events"] >= 1
        assert data["spells"], "every edge is dated from its evidence"
    strike = edge(graph, "russian-aerospace-forces", "syrian-opposition")
    assert strike["event_types"] == "AirStrike" and strike["killed"] == 7
    assert strike["spells"] == [("2017-02-20", "2017-02-20")]
    clash = edge(graph, "free-syrian-army", "syrian-government-forces")
    assert clash["spells"] == [("2017-03-01", "2017-03-08")]
    assert graph.nodes[ACTOR + "syrian-government-forces"]["spells"] == [("2017-03-01", "2017-03-08"),
                                                                          ("2018-07-06", "2018-07-06")]


def test_the_graphml_snapshot_writes_spells_as_intervals(example_store, tmp_path):
    graph = nx.read_graphml(export(example_store, tmp_path, "graphml", "hostility"))
    assert {d["spells"] for _, _, d in graph.edges(data=True)} >= {"2017-03-01/2017-03-08"}


def test_allegiances_stated_by_articles_are_dated_by_them(example_store, tmp_path):
    graph = nx.read_gexf(export(example_store, tmp_path, "gexf", "actors"), version="1.3")
    ties = [d for _, _, d in graph.edges(data=True) if d["relation"] not in ("co-participation",)]
    from_articles = [d for d in ties if d["evidence"] == "article"]
    assert from_articles and all(d.get("start") for d in from_articles)
    pledge = edge(graph, "jaish-khalid-bin-al-walid", "islamic-state", "PledgedAllegiance")
    assert pledge["start"] == "2017-02-21"

"""The shapes are a published contract: any SHACL engine runs them, on an exported graph, in
reasonable time, and agrees with ``conflictkg validate``.

- Every SPARQL constraint is a whole-graph check: one query per shape, however many nodes.
- Plain pySHACL (no project code: the exported TriG, the shapes files, no inference) and pyrudof
  give the same results as ``conflictkg validate``, on the seeds and on a slice of real articles.
"""
from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pyshacl
from conftest import SEEDS, SHARED, needs_shared
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from test_queries_fixture import fixture_graphs
from test_validate import pyrudof_results

from conflictkg.build import build_corpus
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import (OxigraphQueryGraph, load_shapes, offending_node, validate, validate_store)

ANT = SHARED / "corpus" / "ant" / "ant-2018.jsonl.gz"


def test_every_sparql_constraint_is_held_by_a_whole_graph_shape():
    """A SPARQL constraint on a class-targeted shape runs once per focus node (29k mentions on
    1,000 articles); held by a shape whose targets are the classes themselves, it runs once."""
    shapes = load_shapes()
    for node_shape, constraint in shapes.subject_objects(SH.sparql):
        assert set(shapes.objects(node_shape, SH.targetNode)), f"{node_shape} runs {constraint} per focus node"
        for target in ("targetClass", "targetSubjectsOf", "targetObjectsOf"):
            assert shapes.value(node_shape, SH[target]) is None, (node_shape, target)
        text = str(shapes.value(constraint, SH.select))
        assert "?value a $this" in text or "rdfs:subClassOf* $this" in text, constraint


class CountingGraph(OxigraphQueryGraph):
    queries = 0

    def query(self, query_object, *args, **kwargs):
        CountingGraph.queries += 1
        return super().query(query_object, *args, **kwargs)


def _queries_for(graphs: list[tuple[str, list]]) -> int:
    data = CountingGraph()
    for _, triples in graphs:
        data.addN((s, p, o, data) for s, p, o in triples)
    CountingGraph.queries = 0
    validate(data)
    return CountingGraph.queries


def test_the_number_of_queries_does_not_grow_with_the_graph():
    graphs = fixture_graphs()
    background = [g for g in graphs if "/article/" not in g[0]]
    one_article = background + [next(g for g in graphs if "/article/" in g[0])]
    assert _queries_for(one_article) == _queries_for(graphs)


# ---------------------------------------------------------------------------- engines agree


def _export(tmp_path: Path, sources: list[Path]) -> tuple[Path, set]:
    """Build ``sources``, export TriG; return it and conflictkg validate's (focus, shape, severity)."""
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus(sources, store)
        trig = tmp_path / "graph.trig"
        store.export(trig, "trig")
        ours = {(f.focus, _node_shape(f.shape), f.severity) for f in validate_store(store).findings}
    return trig, ours


def _node_shape(shape: str) -> str:
    owners = {str(c): str(s) for s, c in load_shapes().subject_objects(SH.sparql)}
    return owners.get(shape, shape)


def _union(trig: Path) -> Graph:
    """The exported TriG's named graphs as one graph (what an engine validates a dataset as)."""
    data = Dataset()
    data.parse(trig, format="trig")
    union = Graph()
    union.addN((s, p, o, union) for s, p, o, _ in data.quads())
    return union


SHAPES = Path(__file__).resolve().parents[1] / "shapes"


def test_the_shapes_every_engine_runs_by_default_slice_no_text():
    """``cat shapes/*.ttl`` is what shapes/README.md gives a stock engine: it must leave out the
    checks that slice every mention's text (text/), the costliest in rdflib-based engines."""
    for path in SHAPES.glob("*.ttl"):
        text = path.read_text(encoding="utf-8")
        assert "SUBSTR(" not in text and "STRLEN(" not in text, path
    text_checks = Graph().parse(SHAPES / "text" / "mentions.ttl")
    assert set(text_checks.subjects(SH.select, None)) == {
        URIRef("https://w3id.org/conflictkg/shapes#Mention-offsets-inside-text"),
        URIRef("https://w3id.org/conflictkg/shapes#Mention-anchor-matches-text")}


def _plain_pyshacl(trig: Path) -> set:
    """Stock pySHACL given every shapes file, the text checks included (shapes/README.md)."""
    data = _union(trig)
    shapes = Graph()
    for path in sorted(SHAPES.rglob("*.ttl")):
        shapes.parse(path)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        focus, _ = offending_node(shapes, shape, report.value(result, SH.focusNode), report.value(result, SH.value))
        found.add((str(focus), str(shape), str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return found


def _pyrudof(trig: Path) -> set:
    return pyrudof_results(_union(trig))


def _real_slice(path: Path, count: int) -> Path:
    with gzip.open(ANT, "rt", encoding="utf-8") as lines:
        syria = (line for line in lines if "سوري" in json.loads(line)["text"])
        path.write_text("".join(islice(syria, count)), encoding="utf-8")
    return path


@needs_shared(SEEDS)
def test_plain_pyshacl_and_pyrudof_agree_with_validate_on_the_seeds(tmp_path):
    trig, ours = _export(tmp_path, [SEEDS])
    assert _plain_pyshacl(trig) == ours
    assert _pyrudof(trig) == ours


@needs_shared(ANT)
def test_plain_pyshacl_and_pyrudof_agree_with_validate_on_real_articles(tmp_path):
    trig, ours = _export(tmp_path, [_real_slice(tmp_path / "slice.jsonl", 40)])
    assert ours, "forty real articles give at least a warning"
    assert _plain_pyshacl(trig) == ours
    assert _pyrudof(trig) == ours

"""Both store back ends: one named graph per article, replaced whole on re-add."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from conflictkg.store import content_hashes, oxigraph
from conflictkg.store.memory import MemoryStore
from conflictkg.store.oxigraph import OxigraphStore

A = "https://w3id.org/conflictkg/id/article/a"
B = "https://w3id.org/conflictkg/id/article/b"
P = URIRef("https://w3id.org/conflictkg/ontology#contentHash")


def triples(graph: str, hash_value: str, extra: int):
    return [(URIRef(graph), P, Literal(hash_value))] + [
        (URIRef(f"{graph}/x{i}"), URIRef("http://example.org/p"), Literal(f"قيمة {i}", lang="ar"))
        for i in range(extra)]


@pytest.fixture(params=["memory", "oxigraph-memory", "oxigraph-disk"])
def store(request, tmp_path: Path):
    if request.param == "memory":
        yield MemoryStore()
    else:
        with OxigraphStore(tmp_path / "store" if request.param == "oxigraph-disk" else None) as s:
            yield s


def count(store, graph: str) -> int:
    result = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                         {"g": URIRef(graph)})
    return int(result.rows[0][1]) if result.rows else 0


def test_re_adding_an_article_replaces_its_graph(store):
    store.replace_graphs([(A, triples(A, "h1", 5)), (B, triples(B, "h1", 2))])
    assert (count(store, A), count(store, B)) == (6, 3)
    store.replace_graphs([(A, triples(A, "h2", 1))])
    assert (count(store, A), count(store, B)) == (2, 3)
    assert content_hashes(store) == {A: "h2", B: "h1"}
    assert A in store.graph_names() and B in store.graph_names()


def test_arabic_literals_round_trip(store):
    store.replace_graphs([(A, triples(A, "h", 1))])
    [(value,)] = store.query("SELECT ?o WHERE { ?s <http://example.org/p> ?o }").rows
    assert value == Literal("قيمة 0", lang="ar")


def test_a_failing_batch_leaves_the_store_untouched(tmp_path: Path):
    with OxigraphStore(tmp_path / "s") as store:
        store.replace_graphs([(A, triples(A, "h1", 3))])
        bad = [(B, triples(B, "h", 1)), (A, [(URIRef(A), P, object())])]
        with pytest.raises(TypeError):
            store.replace_graphs(bad)
        assert count(store, A) == 4 and count(store, B) == 0


def test_store_persists_on_disk(tmp_path: Path):
    with OxigraphStore(tmp_path / "s") as store:
        store.replace_graphs([(A, triples(A, "h1", 3))])
    with OxigraphStore(tmp_path / "s", read_only=True) as again:
        assert count(again, A) == 4


@pytest.mark.parametrize("flush_every, flushes", [(1, 2), (10**12, 0)])
def test_a_long_load_writes_its_quads_to_disk_as_it_goes(tmp_path: Path, monkeypatch, flush_every, flushes):
    # Held in memory tables until close, a whole corpus's quads made the build's memory grow.
    monkeypatch.setattr(oxigraph, "FLUSH_EVERY_BYTES", flush_every)
    flushed, flush = [], OxigraphStore.flush
    monkeypatch.setattr(OxigraphStore, "flush", lambda self: flushed.append(1) or flush(self))
    folder = tmp_path / "s"
    with OxigraphStore(folder) as store:
        store.replace_graphs([(A, triples(A, "h1", 300))])
        store.replace_graphs([(B, triples(B, "h1", 300))])
        assert len(flushed) == flushes
    with OxigraphStore(folder, read_only=True) as again:
        assert (count(again, A), count(again, B)) == (301, 301)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".jsonld"])
def test_export_formats_parse_back(store, tmp_path: Path, suffix: str):
    from rdflib import Dataset

    store.replace_graphs([(A, triples(A, "h1", 3))])
    out = tmp_path / f"graph{suffix}"
    store.export(out)
    ds = Dataset()
    ds.parse(out, format={".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld"}[suffix])
    assert len(list(ds.quads())) == 4


def test_serialized_graphs_load_and_replace_on_every_back_end(store):
    from conflictkg.store.nquads import serialize_graph

    multiline = Literal('سطر أول\nو"سطر" ثان', lang="ar")
    store.load_article_graphs([serialize_graph(A, triples(A, "h1", 4)),
                               serialize_graph(B, [(URIRef(B), P, Literal("h1")), (URIRef(B), URIRef(A), multiline)])])
    assert (count(store, A), count(store, B)) == (5, 2)
    # A batch mixing a replaced graph and a new one takes the replacing path for both.
    C = "https://w3id.org/conflictkg/id/article/c"
    store.load_article_graphs([serialize_graph(A, triples(A, "h2", 1)), serialize_graph(C, triples(C, "h1", 2))])
    assert (count(store, A), count(store, B), count(store, C)) == (2, 2, 3)
    assert content_hashes(store) == {A: "h2", B: "h1", C: "h1"}
    [(value,)] = store.query(f"SELECT ?o WHERE {{ <{B}> <{A}> ?o }}").rows
    assert value == multiline


def test_serialized_graphs_give_back_each_named_graph_as_loaded(store):
    import pyoxigraph as ox
    from rdflib import BNode

    from conflictkg.store.nquads import serialize_graph

    odd = [(URIRef(B), P, Literal('سطر أول\nو"سطر" ثان .', lang="ar")), (URIRef(B), P, BNode("b1")),
           (BNode("b1"), P, Literal("7 .", datatype=URIRef("http://www.w3.org/2001/XMLSchema#string")))]
    store.load_article_graphs([serialize_graph(A, triples(A, "h1", 3)), serialize_graph(B, odd)])
    missing = "https://w3id.org/conflictkg/id/article/missing"
    graphs = store.serialized_graphs([B, missing, A])
    assert [graph.name for graph in graphs] == [B, missing, A]
    assert graphs[1].nquads == b""

    def quads(graph):  # as a set of lines with the blank node's label left out: stores relabel them
        parsed = ox.parse(graph.nquads, format=ox.RdfFormat.N_QUADS)
        return {tuple("_:" if isinstance(t, ox.BlankNode) else str(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
                for q in parsed}

    assert quads(graphs[2]) == quads(serialize_graph(A, triples(A, "h1", 3)))
    assert quads(graphs[0]) == quads(serialize_graph(B, odd))
    # The blank node is one node in the graph given back, as it was in the graph loaded.
    blanks = {q.object for q in ox.parse(graphs[0].nquads, format=ox.RdfFormat.N_QUADS) if isinstance(q.object, ox.BlankNode)}
    blanks |= {q.subject for q in ox.parse(graphs[0].nquads, format=ox.RdfFormat.N_QUADS) if isinstance(q.subject, ox.BlankNode)}
    assert len(blanks) == 1


def test_serializing_an_unstorable_term_fails_before_writing():
    from conflictkg.store.nquads import serialize_graph

    with pytest.raises(TypeError):
        serialize_graph(A, [(URIRef(A), P, object())])


def test_serialized_graphs_are_the_bytes_pyoxigraph_writes():
    import pyoxigraph as ox
    from rdflib import BNode, XSD

    from conflictkg.store.nquads import serialize_graph
    from conflictkg.store.terms import to_oxigraph

    odd = [(URIRef(A), P, Literal('سطر أول\nو"سطر"\t\\ ثان\r', lang="ar")),
           (URIRef(A), P, Literal("12", datatype=XSD.integer)),
           (URIRef(A), P, Literal("2018-07-24", datatype=XSD.date)),
           (URIRef(A), P, Literal("plain")),
           (URIRef(A), URIRef("http://example.org/ü?q=1#x"), BNode("b1")),
           (URIRef(A), P, Literal("en", lang="en-GB"))]
    expected = ox.serialize([ox.Quad(*map(to_oxigraph, triple), ox.NamedNode(A)) for triple in odd],
                            format=ox.RdfFormat.N_QUADS)
    assert serialize_graph(A, odd).nquads == expected
    assert serialize_graph(A, []).nquads == b""


def test_an_iri_that_is_not_one_fails_before_writing():
    from conflictkg.store.nquads import serialize_graph

    with pytest.raises(ValueError):
        serialize_graph(A, [(URIRef("not an iri"), P, Literal("x"))])

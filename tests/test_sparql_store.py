"""The SPARQL 1.1 HTTP back end against a real ``oxigraph serve`` on a loopback port."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Literal, URIRef

from conflictkg.build import build_corpus
from conflictkg.cli import main
from conflictkg.resources import examples_dir
from conflictkg.store import content_hashes, open_store
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.serve import free_loopback_port, wait_until_answering
from conflictkg.store.sparql import SparqlEndpoints, SparqlHttpStore, SparqlStoreError

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
A = "https://w3id.org/conflictkg/id/article/a"
HASH = URIRef("https://w3id.org/conflictkg/ontology#contentHash")
P = URIRef("http://example.org/p")

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists() and not shutil.which("oxigraph"),
                                reason="the oxigraph server binary is not installed")


@pytest.fixture
def endpoint(tmp_path: Path):
    """A fresh Oxigraph server; yields its spec (sparql+http://127.0.0.1:PORT/)."""
    port = free_loopback_port()
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/", process)
        yield f"sparql+http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(10)


def test_endpoints_follow_oxigraph_names_and_can_be_renamed():
    oxigraph = SparqlEndpoints.from_spec("sparql+http://localhost:7878")
    assert oxigraph == SparqlEndpoints("http://localhost:7878/query", "http://localhost:7878/update",
                                       "http://localhost:7878/store")
    fuseki = SparqlEndpoints.from_spec("sparql+https://kg.example.org/ds/?store=data")
    assert fuseki.update == "https://kg.example.org/ds/update" and fuseki.store == "https://kg.example.org/ds/data"
    with pytest.raises(ValueError, match="graph"):
        SparqlEndpoints.from_spec("sparql+http://localhost:7878/?graph=x")


def test_open_store_recognises_the_scheme():
    store = open_store("sparql+http://localhost:7878/")
    assert isinstance(store, SparqlHttpStore)


def test_build_into_the_endpoint_gives_the_local_store_quads(endpoint: str, tmp_path: Path):
    with OxigraphStore(tmp_path / "local") as local:
        build_corpus([examples_dir()], local)
        local.export(tmp_path / "local.nq")
    remote = open_store(endpoint)
    report = build_corpus([examples_dir()], remote)
    remote.export(tmp_path / "remote.nq")
    assert report.built == 7
    local_lines = sorted((tmp_path / "local.nq").read_text(encoding="utf-8").splitlines())
    remote_lines = sorted((tmp_path / "remote.nq").read_text(encoding="utf-8").splitlines())
    assert remote_lines == local_lines
    again = build_corpus([examples_dir()], remote)
    assert (again.built, again.unchanged) == (0, 7)


def test_serialized_graphs_over_http_are_the_local_store_s(endpoint: str, tmp_path: Path):
    import pyoxigraph as ox

    with OxigraphStore(tmp_path / "local") as local:
        build_corpus([examples_dir()], local)
        names = [name for name in local.graph_names() if "/article/" in name]
        expected = local.serialized_graphs(names)
    remote = open_store(endpoint)
    build_corpus([examples_dir()], remote)
    given = remote.serialized_graphs([*names, A])
    assert [graph.name for graph in given] == [*names, A] and given[-1].nquads == b""
    for ours, theirs in zip(given, expected):
        assert sorted(str(q) for q in ox.parse(ours.nquads, format=ox.RdfFormat.N_QUADS)) == \
            sorted(str(q) for q in ox.parse(theirs.nquads, format=ox.RdfFormat.N_QUADS))


def test_replacing_a_graph_over_http_leaves_nothing_of_the_old_one(endpoint: str):
    store = open_store(endpoint)
    store.replace_graphs([(A, [(URIRef(A), HASH, Literal("h1"))] +
                           [(URIRef(f"{A}/x{i}"), P, Literal(f"قيمة\n{i}", lang="ar")) for i in range(4)])])
    store.replace_graphs([(A, [(URIRef(A), HASH, Literal("h2")), (URIRef(A), P, Literal("سطر\nثان"))])])
    assert content_hashes(store) == {A: "h2"}
    assert len(store) == 2 and store.graph_names() == [A]
    [(value,)] = store.query("SELECT ?v WHERE { ?s ?p ?v FILTER(?p = ?wanted) }", {"wanted": P}).rows
    assert value == Literal("سطر\nثان", datatype=XSD.string)  # as Oxigraph gives it back
    assert store.query("ASK { ?s ?p 'h2' }").boolean is True


def test_cli_builds_into_an_endpoint(endpoint: str):
    result = CliRunner().invoke(main, ["build", "--examples", "--store", endpoint])
    assert result.exit_code == 0, result.output
    assert "built 7 article(s)" in result.output and endpoint in result.output


def test_an_unreachable_endpoint_is_named_in_the_error():
    store = open_store(f"sparql+http://127.0.0.1:{free_loopback_port()}/")
    with pytest.raises(SparqlStoreError, match="cannot reach"):
        store.query("ASK {}")


def test_a_read_only_endpoint_refuses_writes():
    store = open_store("sparql+http://127.0.0.1:9/", read_only=True)
    with pytest.raises(SparqlStoreError, match="read-only"):
        store.remove_graphs([A])


def test_bindings_open_the_where_group_so_filters_see_them():
    from conflictkg.store.sparql import bind_values

    query = "# a header { with a brace }\nSELECT ?v WHERE { ?s ?p ?v FILTER(?p = ?wanted) }"
    bound = bind_values(query, {"wanted": P, "label": Literal('قال "لا"', lang="ar")})
    assert bound.startswith("# a header { with a brace }\nSELECT ?v WHERE {")
    assert 'VALUES (?wanted ?label) { (<http://example.org/p> "قال \\"لا\\""@ar) }' in bound

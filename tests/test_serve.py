"""``conflictkg serve``: a real server process on a free loopback port, queried like a client would."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from conflictkg.serve import endpoint_process, make_server, negotiate, parsed_refusal
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import JKBW, fixture_graphs

CK = "https://w3id.org/conflictkg/ontology#"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def serve_fixture_graphs(tmp_path_factory, timeout: float):
    """Serve the query fixture's graphs from a new store; yields the endpoint's base URL."""
    folder = tmp_path_factory.mktemp("served") / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    with endpoint_process(folder, timeout=timeout) as base:
        yield base


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    yield from serve_fixture_graphs(tmp_path_factory, timeout=2.0)


def request(url: str, data: bytes | None = None, method: str | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sparql(base: str, query: str, fmt=JSON, method: str = "POST") -> SPARQLWrapper:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(20)
    return client


# ------------------------------------------------------------------ the protocol
def test_json_results_round_trip_an_arabic_literal(endpoint):
    query = f"SELECT ?label WHERE {{ <{JKBW}> <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = 'ar') }}"
    for method in ("GET", "POST"):
        bindings = sparql(endpoint, query, JSON, method).queryAndConvert()["results"]["bindings"]
        assert bindings == [{"label": {"type": "literal", "value": "جيش خالد بن الوليد", "xml:lang": "ar"}}]


def test_csv_results(endpoint):
    text = sparql(endpoint, f"SELECT ?id WHERE {{ ?a a <{CK}Article> ; <http://purl.org/dc/terms/identifier> ?id }} "
                            "ORDER BY ?id", CSV).queryAndConvert().decode("utf-8")
    assert text.split("\r\n") == ["id", "fx-nawa-strike", "fx-nawa-toll", "fx-yarmouk", ""]


def test_ask_and_construct_are_negotiated(endpoint):
    assert sparql(endpoint, f"ASK {{ <{JKBW}> <{CK}pledgedAllegianceTo> ?x }}").queryAndConvert()["boolean"] is True
    status, headers, body = request(
        endpoint + "/sparql", f"CONSTRUCT WHERE {{ <{JKBW}> <{CK}pledgedAllegianceTo> ?x }}".encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle;q=0.9, application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert body.decode().strip() == f"<{JKBW}> <{CK}pledgedAllegianceTo> <https://w3id.org/conflictkg/id/actor/islamic-state> ."


# ------------------------------------------------------------------ hardening
@pytest.mark.parametrize("update", ["DROP ALL", "INSERT DATA { <a:b> <a:b> <a:b> }", "CLEAR DEFAULT",
                                    "LOAD <file:///etc/passwd>", "DELETE WHERE { ?s ?p ?o }"])
def test_every_update_is_refused_and_changes_nothing(endpoint, update):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setMethod("POST")
    client.setQuery(update)  # SPARQLWrapper sends update forms as update=…
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    status, _, _ = request(endpoint + "/sparql", update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = request(endpoint + "/sparql", update.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400  # not a query: the engine's parser rejects it
    count = sparql(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    assert int(count["results"]["bindings"][0]["n"]["value"]) > 1000


@pytest.mark.parametrize("method,path", [("PUT", "/store?default"), ("DELETE", "/store?graph=a:b"),
                                         ("POST", "/store?default"), ("PATCH", "/sparql"), ("DELETE", "/sparql")])
def test_graph_store_writes_are_refused(endpoint, method, path):
    status, headers, _ = request(endpoint + path, b"<a:b> <a:b> <a:b> .", method=method,
                                 headers={"Content-Type": "application/n-triples"})
    assert status == 405 and headers["Allow"] == "GET, POST"


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_server_recovers(endpoint):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as stopped:
        sparql(endpoint, RUNAWAY).query()
    assert stopped.value.code == 503 and b"time limit" in stopped.value.read()
    assert time.monotonic() - started < 10
    assert sparql(endpoint, "ASK {}").queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_service_to_other_hosts_is_refused(endpoint, query):
    status, _, body = request(endpoint + "/sparql", query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 403 and b"SERVICE" in body


def test_service_inside_a_string_or_comment_is_not_a_keyword():
    assert parsed_refusal('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE <http://x/>') is None
    assert parsed_refusal("SELECT * WHERE { ?s <http://x/SERVICE> ?o }") is None


def test_request_size_is_limited(endpoint):
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000).encode()
    status, _, _ = request(endpoint + "/sparql", big, headers={"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, _ = request(endpoint + "/sparql?query=" + "x" * 70_000)
    assert status == 414


@contextlib.contextmanager
def in_process_endpoint(tmp_path, timeout: float, **options):
    """The query fixture's graphs served from this process (one worker pool): the base URL."""
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    server, pool = make_server(folder, "127.0.0.1", 0, timeout, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


def test_rows_are_capped(tmp_path):
    with in_process_endpoint(tmp_path, 10.0, workers=1, max_rows=5) as base:
        status, headers, body = request(base + "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
                                        headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and headers["X-Result-Truncated"].startswith("true")
        assert len(json.loads(body)["results"]["bindings"]) == 5


def test_the_server_binds_loopback_by_default():
    from conflictkg.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_the_page_and_the_examples_are_served(endpoint):
    status, headers, page = request(endpoint + "/")
    assert status == 200 and b"/static/app.js" in page
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert b"http" not in page.replace(b"https://w3id.org/conflictkg/ontology#", b"").replace(
        b"http://purl.org/dc/terms/identifier", b"")  # no asset from anywhere else
    status, _, examples = request(endpoint + "/queries.json")
    names = {e["name"] for e in json.loads(examples)}
    assert status == 200 and {"pledged-allegiance", "events-per-day"} <= names
    assert request(endpoint + "/static/../serve.py")[0] == 404


def test_accept_headers_with_quality_values():
    offered = {"text/csv": "csv", "application/sparql-results+json": "json"}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", offered, "application/sparql-results+json") \
        == "application/sparql-results+json"
    assert negotiate("text/html, */*;q=0.1", offered, "application/sparql-results+json") == "application/sparql-results+json"
    assert negotiate("text/csv", offered, "application/sparql-results+json") == "text/csv"


# ------------------------------------------------------------------ load (issue #8)
@pytest.mark.benchmark
def test_fifty_concurrent_clients_for_sixty_seconds(tmp_path):
    """A second process runs 50 client threads for 60 s; every answer must be a 200."""
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    seconds = float(os.environ.get("CONFLICTKG_LOAD_SECONDS", "60"))
    with endpoint_process(folder, timeout=10) as base:
        run = subprocess.run([sys.executable, str(Path(__file__).with_name("test_serve_load_client.py")),
                              base, "50", str(seconds)], capture_output=True, text=True, timeout=seconds + 120)
    report = json.loads(run.stdout)
    results = Path(__file__).resolve().parents[1] / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "serve-load.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    assert report["errors"] == 0 and report["requests"] > 0

"""Issue #18: the endpoint under hostile queries and clients, as a real server process."""
from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading

import pytest

from conflictkg.serve import endpoint_process
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import fixture_graphs
from test_serve import request


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served") / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    with endpoint_process(folder, timeout=5.0) as base:
        yield base


@pytest.fixture
def other_host():
    """A SPARQL-looking server on loopback that records every request reaching it."""
    reached: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            reached.append(self.path)
            body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://leak/"}}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", reached
    finally:
        server.shutdown()
        server.server_close()


def _post(base: str, query: str):
    return request(base + "/sparql", query.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})


# ------------------------------------------------------------------ 1. SERVICE (SSRF)
@pytest.mark.parametrize("template", [
    "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<URL>{?s ?p ?o} }",  # the bypass of the text filter
    "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<URL>{?s ?p ?o} FILTER(2>1) }",
    "SELECT * WHERE { ?x ?y ?z FILTER(?z<\"a\") SERVICE#>\n<URL> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<URL> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { { SERVICE SILENT <URL> { ?s ?p ?o } } UNION { ?s ?p ?o } }",
    "ASK { SERVICE <URL> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }",
])
def test_no_query_makes_the_endpoint_reach_another_host(endpoint, other_host, template):
    url, reached = other_host
    status, _, body = _post(endpoint, template.replace("URL", url))
    assert reached == [], f"the endpoint fetched from {url}: {status} {body[:200]!r}"
    assert status in (400, 403) and b"http://leak/" not in body


def test_a_worker_process_has_no_network(other_host):
    """Even a query no parser check saw cannot reach another host: the worker has no network."""
    url, reached = other_host
    code = f"""
import socket, pyoxigraph as ox
from conflictkg.sandbox import deny_network
deny_network()
try:
    socket.create_connection(("127.0.0.1", {url.split(':')[2].split('/')[0]}), timeout=2)
    print("connected")
except OSError as exc:
    print("refused", exc.errno)
try:
    print(list(ox.Store().query("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")))
except Exception as exc:
    print("query failed", type(exc).__name__)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("refused") and "query failed" in run.stdout
    assert reached == []
    # Unix sockets (the worker's pipe to the server) still work.
    left, right = socket.socketpair()
    left.close(), right.close()

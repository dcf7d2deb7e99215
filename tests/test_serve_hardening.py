"""Issue #18: the endpoint under hostile queries and clients, as a real server process."""
from __future__ import annotations

import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from conflictkg.serve import endpoint_process, free_loopback_port, make_server, wait_until_answering
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import fixture_graphs
from test_serve import in_process_endpoint, request, serve_fixture_graphs


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    yield from serve_fixture_graphs(tmp_path_factory, timeout=5.0)


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


# ------------------------------------------------------------------ 5. the endpoint under abuse
def _count(base: str) -> int:
    status, _, body = _post(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_deep_nesting_is_refused_and_the_server_goes_on(endpoint):
    status, _, body = _post(endpoint, "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000)
    assert status == 400 and b"nested too deeply" in body
    assert _count(endpoint) > 1000


def test_a_refused_update_on_a_kept_alive_connection_leaves_it_usable(endpoint):
    host, port = endpoint.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=20)
    try:
        connection.request("POST", "/sparql", body=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
        refused = connection.getresponse()
        assert refused.status == 403 and b"read-only" in refused.read()
        connection.request("POST", "/sparql", body=b"ASK {}", headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        answer = connection.getresponse()
        assert answer.status == 200 and json.loads(answer.read())["boolean"] is True
    finally:
        connection.close()


def test_a_crashed_worker_is_reported_as_a_crash_and_replaced(tmp_path):
    with in_process_endpoint(tmp_path, 30.0, workers=1, memory_mb=300) as base:
        started = time.monotonic()
        status, _, body = _post(base, "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a ?d")
        assert status == 500 and b"crashed" in body and b"300 MB" in body, body
        assert b"time limit" not in body and time.monotonic() - started < 30
        assert _count(base) > 1000  # the worker was replaced


def test_the_endpoint_follows_the_store_after_a_build(tmp_path):
    folder = tmp_path / "store"
    graphs = fixture_graphs()
    with OxigraphStore(folder) as store:
        store.replace_graphs(graphs[:1])
    with endpoint_process(folder, timeout=5.0) as base:
        before = _count(base)
        with OxigraphStore(folder) as store:  # a build writes while the endpoint serves
            store.replace_graphs(graphs[1:])
        after = {_count(base) for _ in range(4)}  # every worker, not only one
    assert after == {before + sum(len(triples) for _, triples in graphs[1:])}


def test_a_host_header_that_is_not_the_server_is_refused(endpoint):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the graph."""
    status, _, body = request(endpoint + "/sparql?query=ASK%20%7B%7D", headers={"Host": "evil.example:7878"})
    assert status == 421 and b"Host" in body
    status, _, _ = request(endpoint + "/sparql?query=ASK%20%7B%7D", headers={"Host": endpoint.removeprefix("http://")})
    assert status == 200


def test_cors_only_for_configured_origins(tmp_path):
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs()[:1])
    server, pool = make_server(folder, "127.0.0.1", 0, 5.0, workers=1, cors_origins=("https://analyst.example",))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        _, headers, _ = request(base + "/sparql?query=ASK%20%7B%7D", headers={"Origin": "https://analyst.example"})
        assert headers.get("Access-Control-Allow-Origin") == "https://analyst.example"
        _, headers, _ = request(base + "/sparql?query=ASK%20%7B%7D", headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in headers
        status, headers, _ = request(base + "/sparql", method="OPTIONS", headers={
            "Origin": "https://analyst.example", "Access-Control-Request-Method": "POST"})
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


def test_a_taken_port_is_one_clear_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "conflictkg", "serve", "--store", ".", "--port", str(port)],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and f"port {port}" in run.stderr and "Traceback" not in run.stderr


def test_ctrl_c_stops_the_server_cleanly(tmp_path):
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs()[:1])
    port = free_loopback_port()
    server = subprocess.Popen([sys.executable, "-m", "conflictkg", "serve", "--store", str(folder), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/", server)
        for _ in range(2):  # both workers up and waiting for a query
            assert _count(f"http://127.0.0.1:{port}") > 0
        os.killpg(server.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0 and "Traceback" not in err and "KeyboardInterrupt" not in err, err


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_runaway_query_gives_way_to_waiting_ones_and_is_then_refused(tmp_path):
    """One worker, a query that would run for the whole 20 s limit: a small query sent after it
    is answered within seconds, not after 20 s, and the runaway, sent again, costs nothing."""
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    server, pool = make_server(folder, "127.0.0.1", 0, 20.0, workers=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert _count(base) > 1000  # the worker is up
        runaway: list = []
        thread = threading.Thread(target=lambda: runaway.append(_post(base, RUNAWAY)))
        thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        assert _count(base) > 1000
        assert time.monotonic() - started < 6
        thread.join(timeout=30)
        status, headers, body = runaway[0]
        assert status == 503 and b"waited" in body
        started = time.monotonic()
        status, headers, body = _post(base, RUNAWAY)
        assert status == 503 and b"refused" in body and time.monotonic() - started < 1  # one worker: no slow lane
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


def test_an_error_while_results_are_read_is_an_error_answer_not_a_dead_worker():
    """pyoxigraph evaluates lazily: an error can come with the second solution, not the query."""
    import pyoxigraph as ox

    from conflictkg.serve import _run_in_worker

    class Failing:
        variables = [ox.Variable("s")]

        def __iter__(self):
            yield {"s": ox.NamedNode("http://example.org/first")}
            raise OSError("IO error: the store's file vanished")

    class Store:
        def query(self, query, **options):
            return Failing()

    reply = _run_in_worker(Store(), "SELECT ?s WHERE { ?s ?p ?o }", "application/sparql-results+json", 10)
    assert reply.status == 500 and b"the store's file vanished" in reply.body


def test_a_worker_stopped_by_two_threads_at_once_stops_once(tmp_path):
    """Retiring a worker and closing the pool may stop one worker together: its pipe is closed
    once, never a second time under a number the system may have handed to another file."""
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs()[:1])
    server, pool = make_server(folder, "127.0.0.1", 0, 5.0, workers=1)
    try:
        worker = pool.all[0]
        closes = []
        close = worker.connection.close
        worker.connection.close = lambda: (closes.append(1), close())[1]
        threads = [threading.Thread(target=worker.stop) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert closes == [1] and not worker.process.is_alive()
    finally:
        server.server_close()
        pool.close()

"""The read-only SPARQL 1.1 Protocol endpoint and its offline query page.

Why not ``oxigraph serve-read-only``? It was the first choice (issue #6 prefers an existing
server), and it was measured here (oxigraph 0.5): it serves the store read-only, over the union
of the graphs, with a time limit. But it cannot cap result rows, it follows ``SERVICE`` to any
host (pyoxigraph does too: a query can make the server fetch from the network), it has no
request-size setting, and its page loads YASGUI from a CDN. A front in Python would have to
re-parse its streamed results to cap them. So this module runs queries on the same engine,
pyoxigraph, directly:

- a stdlib ``ThreadingHTTPServer`` takes requests, bound to loopback unless told otherwise;
  it refuses what is not a query before any engine sees it: SPARQL Update (protocol form or
  media type), Graph Store writes (PUT, DELETE, POST outside /sparql), bodies and URLs over
  ``MAX_REQUEST_BYTES``, and any query that names ``SERVICE`` outside strings, IRIs and comments;
- queries run in a few worker processes, each with its own read-only handle on the store
  (``Store.read_only``: Oxigraph's lock allows many readers). A worker that passes the time
  limit is killed and replaced: Oxigraph cannot cancel a query, a process can be ended;
- a worker stops reading solutions after ``max_rows`` and says so in ``X-Result-Truncated``;
- results are negotiated from ``Accept``: SPARQL JSON, XML, CSV, TSV for SELECT and ASK;
  N-Triples, Turtle, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE.
"""
from __future__ import annotations

import http.server
import json
import multiprocessing
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from conflictkg.query import WRITERS, keywords, library

MAX_REQUEST_BYTES = 64 * 1024
MAX_ROWS = 10_000
WORKERS = 2
WEB_DIR = Path(__file__).resolve().parent / "web"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

RESULT_TYPES = {  # media type -> writer name in conflictkg.query.WRITERS
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # media type -> pyoxigraph RdfFormat attribute
    "application/n-triples": "N_TRIPLES", "text/turtle": "TURTLE",
    "application/rdf+xml": "RDF_XML", "application/ld+json": "JSON_LD",
}
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


@dataclass
class Reply:
    """What an HTTP handler sends back."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, (message.rstrip() + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------- content negotiation
def negotiate(accept: str, offered: dict[str, str], default: str) -> str:
    """The offered media type the Accept header prefers (q-values honoured), else ``default``."""
    choices = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = next((float(p[2:]) for p in params if p.startswith("q=") and _is_number(p[2:])), 1.0)
        choices.append((-quality, position, media.lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") and default.startswith(media.rstrip("*")):
            return default
    return default


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------- the worker side
def _run_in_worker(store, query: str, accept: str, max_rows: int) -> Reply:
    import pyoxigraph as ox

    from conflictkg.store import QueryResult
    from conflictkg.store.terms import from_oxigraph

    try:
        result = store.query(query, use_default_graph_as_union=True)
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"query error: {exc}")
    except (OSError, RuntimeError) as exc:
        return Reply.text(500, f"query failed: {exc}")
    truncated = False
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, GRAPH_TYPES, "application/n-triples")
        triples = []
        for triple in result:
            if len(triples) == max_rows:
                truncated = True
                break
            triples.append(triple)
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_TYPES[media])) or b""
    else:
        media = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        if isinstance(result, ox.QueryBoolean):
            table = QueryResult(boolean=bool(result))
        else:
            variables = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) == max_rows:
                    truncated = True
                    break
                rows.append(tuple(from_oxigraph(solution[v]) for v in variables))
            table = QueryResult(variables=variables, rows=rows)
        body = WRITERS[RESULT_TYPES[media]](table).encode("utf-8")
    headers = {"X-Result-Truncated": f"true; at most {max_rows} rows"} if truncated else {}
    return Reply(200, body, f"{media}; charset=utf-8", headers)


def worker_main(store_path: str, connection) -> None:
    """A worker process: open the store read-only, answer queries until told to stop."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        job = connection.recv()
        if job is None:
            return
        query, accept, max_rows = job
        connection.send(_run_in_worker(store, query, accept, max_rows))


class Worker:
    def __init__(self, context, store_path: str):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        """End this worker's own process (only ever our own child, by its handle)."""
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class QueryWorkers:
    """A pool of worker processes; a query past the time limit costs its worker's life."""

    def __init__(self, store_path: Path, size: int = WORKERS, timeout: float = 10.0, max_rows: int = MAX_ROWS):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self.context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self) -> Worker:
        worker = Worker(self.context, self.store_path)
        with self.lock:
            self.all.append(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        with self.lock:
            self.all.remove(worker)

    def run(self, query: str, accept: str) -> Reply:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.text(503, f"busy: no query worker free within {self.timeout:g} s; try again")
        try:
            worker.connection.send((query, accept, self.max_rows))
            if worker.connection.poll(self.timeout):
                reply = worker.connection.recv()
                self.idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            pass
        self._retire(worker)
        self.idle.put(self._start())
        return Reply.text(503, f"query stopped: it ran past the time limit of {self.timeout:g} s")

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------------------- requests
def refuse_query(query: str) -> Reply | None:
    """A refusal for a query this endpoint will not run, or None."""
    if not query.strip():
        return Reply.text(400, "no query: give ?query=… or POST one")
    # \uXXXX escapes are decoded first, so that they cannot smuggle a SERVICE keyword past us.
    decoded = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    if "SERVICE" in keywords(query) | keywords(decoded):
        return Reply.text(403, "SERVICE is refused: this endpoint never reaches other hosts")
    return None


def library_examples() -> list[dict]:
    """The library's queries, each with its parameters bound to their defaults, for the page."""
    return [{"name": q.name, "title": q.title, "answers": q.answers, "query": q.bound(),
             "parameters": [{"name": p.name, "kind": p.kind, "default": p.default,
                             "description": p.description} for p in q.parameters]}
            for q in library()]


class SparqlHandler(http.server.BaseHTTPRequestHandler):
    """GET/POST /sparql (SPARQL 1.1 Protocol, queries only), the page, its assets, the examples."""

    server_version = "conflictkg-sparql"
    workers: QueryWorkers
    examples: bytes
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; frame-ancestors 'none'")
        if reply.status == 405:
            self.send_header("Allow", "GET, POST")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    # ------------------------------------------------------------------ verbs
    def do_GET(self) -> None:
        if len(self.path) > MAX_REQUEST_BYTES:
            return self.send(Reply.text(414, f"request URL over {MAX_REQUEST_BYTES} bytes"))
        url = urlsplit(self.path)
        if url.path == "/sparql":
            return self.send(self.answer(parse_qs(url.query)))
        if url.path == "/queries.json":
            return self.send(Reply(200, self.examples, "application/json; charset=utf-8"))
        if url.path == "/library/bind":  # the page's parameter form (conflictkg.web_bind)
            from conflictkg.web_bind import bind_library_query

            return self.send(Reply.text(*bind_library_query(parse_qs(url.query), self.workers.run)))
        return self.send(static_file(url.path))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/sparql":
            return self.send(Reply.text(405, "read-only: the graph cannot be changed here"))
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self.send(Reply.text(403, "read-only: SPARQL Update is refused"))
        body = self.read_body()
        if isinstance(body, Reply):
            return self.send(body)
        if media == "application/sparql-query":
            return self.send(self.answer({"query": [body]}))
        if media == "application/x-www-form-urlencoded":
            return self.send(self.answer(parse_qs(body)))
        return self.send(Reply.text(415, "POST a query as application/sparql-query or a form"))

    def refuse_write(self) -> None:
        self.send(Reply.text(405, "read-only: the graph cannot be changed here"))

    do_PUT = do_DELETE = do_PATCH = refuse_write

    # ------------------------------------------------------------------ parts
    def read_body(self) -> str | Reply:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return Reply.text(411, "a POST needs a Content-Length")
        if int(length) > MAX_REQUEST_BYTES:
            self.close_connection = True  # the body is left unread: the connection cannot be reused
            return Reply.text(413, f"request body over {MAX_REQUEST_BYTES} bytes")
        try:
            return self.rfile.read(int(length)).decode("utf-8")
        except UnicodeDecodeError:
            return Reply.text(400, "the request body is not UTF-8")

    def answer(self, form: dict[str, list[str]]) -> Reply:
        if "update" in form:
            return Reply.text(403, "read-only: SPARQL Update is refused")
        if any(key in form for key in ("default-graph-uri", "named-graph-uri")):
            return Reply.text(400, "default-graph-uri and named-graph-uri are not supported: "
                                   "queries run over the union of all graphs")
        queries = form.get("query", [])
        if len(queries) != 1:
            return Reply.text(400, "give exactly one query parameter")
        refusal = refuse_query(queries[0])
        if refusal:
            return refusal
        return self.workers.run(queries[0], self.headers.get("Accept", ""))


def static_file(path: str) -> Reply:
    """The page and its assets: only files that are in the web folder, by exact name."""
    name = "index.html" if path in ("/", "/index.html") else path.removeprefix("/static/")
    allowed = {p.name: p for p in WEB_DIR.iterdir() if p.is_file()}
    if name not in allowed or (name != "index.html" and not path.startswith("/static/")):
        return Reply.text(404, "not found")
    file = allowed[name]
    return Reply(200, file.read_bytes(), STATIC_TYPES.get(file.suffix, "application/octet-stream"))


class EndpointServer(http.server.ThreadingHTTPServer):
    """One thread per connection; a listen backlog deep enough for many clients at once.

    The stdlib's default backlog of 5 resets connections when 50 clients connect together
    (measured: bench/results/load-2026-11-21.md).
    """

    daemon_threads = True
    request_queue_size = 128


class EndpointServerV6(EndpointServer):
    address_family = socket.AF_INET6


def make_server(store: Path, host: str, port: int, timeout: float, *, workers: int = WORKERS,
                max_rows: int = MAX_ROWS) -> tuple[EndpointServer, QueryWorkers]:
    """A server ready to ``serve_forever``, and its worker pool (close it after)."""
    pool = QueryWorkers(store, workers, timeout, max_rows)
    handler = type("Handler", (SparqlHandler,), {
        "workers": pool, "examples": json.dumps(library_examples(), ensure_ascii=False).encode("utf-8")})
    server_class = EndpointServerV6 if ":" in host else EndpointServer
    return server_class((host, port), handler), pool


def serve_command(store: Path, host: str, port: int, timeout: float) -> int:
    """``conflictkg serve``: run the endpoint until interrupted."""
    from conflictkg.store import StoreNotFound

    if not Path(store).is_dir():  # the endpoint's workers open a local Oxigraph folder read-only
        raise StoreNotFound(f"no store folder at {store}: build one first (conflictkg build … --store {store})")
    if host not in LOOPBACK:
        print(f"warning: listening on {host}, reachable from other machines", file=sys.stderr)
    server, pool = make_server(store, host, port, timeout)
    bound_host, bound_port = server.server_address[:2]
    print(f"serving http://{bound_host}:{bound_port}/ (SPARQL at /sparql; read-only; "
          f"time limit {timeout:g} s; at most {MAX_ROWS} rows)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
    return 0


# --------------------------------------------------------------------------- child processes

def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Return once ``url`` answers over HTTP; raise if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited at start with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


@contextmanager
def endpoint_process(store: Path, *, timeout: float = 10.0, startup_seconds: float = 60) -> Iterator[str]:
    """Run ``conflictkg serve`` on a free loopback port in a child process; yield its base URL.

    For tests, benchmarks and notebooks that need a real endpoint beside them; the child is
    stopped when the block ends.
    """
    port = free_loopback_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "conflictkg", "serve", "--store", str(store), "--port", str(port),
         "--timeout", str(timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/", process, startup_seconds)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()

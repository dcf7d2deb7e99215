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
  ``MAX_REQUEST_BYTES``;
- queries run in a few worker processes, each with its own read-only handle on the store
  (``Store.read_only``: Oxigraph's lock allows many readers), reopened when the store changes.
  A worker has no network (:mod:`conflictkg.sandbox`) and a memory limit, and it parses each
  query with a SPARQL 1.1 parser first: a ``SERVICE`` anywhere in the parse tree is refused.
  A worker that passes the time limit is killed and replaced (Oxigraph cannot cancel a query,
  a process can be ended); one that crashes is replaced and the crash reported as a crash;
- a worker stops reading solutions after ``max_rows`` and says so in ``X-Result-Truncated``;
- results are negotiated from ``Accept``: SPARQL JSON, XML, CSV, TSV for SELECT and ASK;
  N-Triples, Turtle, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE.
"""
from __future__ import annotations

import http.server
import json
import multiprocessing
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from conflictkg.query import WRITERS, library

MAX_REQUEST_BYTES = 64 * 1024
MAX_ROWS = 10_000
WORKERS = 2
MEMORY_MB = 2048
"""Memory (data segment) a query worker may use; a query that needs more fails alone."""
FAIR_SECONDS = 1.0
"""A query that has run this long gives way (is stopped) when another request has waited as long."""
BENCH_SECONDS = 60.0
"""How long a stopped query (time limit, given way, crash) is refused when sent again."""
WEB_DIR = Path(__file__).resolve().parent / "web"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}

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
@lru_cache(maxsize=512)  # parsing a long query costs tens of ms; pages and clients repeat theirs
def parsed_refusal(query: str) -> Reply | None:
    """A refusal for a query that a SPARQL 1.1 parser cannot read or that asks for federation.

    The check reads the parsed query, never its text: a ``SERVICE`` hidden by a trick of
    tokenising (``FILTER(1<2)SERVICE#>`` reads as an IRI to a scanner) is a
    ``ServiceGraphPattern`` in the parse tree all the same. A query this parser cannot read is
    refused rather than handed to the engine unchecked.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except RecursionError:
        return Reply.text(400, "query error: nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - pyparsing's errors and rdflib's own, all syntax errors here
        return Reply.text(400, f"query error: {' '.join(str(exc).split())}")
    if _has_part(tree, "ServiceGraphPattern"):
        return Reply.text(403, "SERVICE is refused: this endpoint never reaches other hosts")
    return None


def _has_part(tree, name: str) -> bool:
    """Whether the parse tree holds a part called ``name`` (walked without recursion)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == name:
                return True
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False


def _run_in_worker(store, query: str, accept: str, max_rows: int) -> Reply:
    refusal = parsed_refusal(query)
    if refusal:
        return refusal
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"query error: {exc}")
    try:
        return _results_reply(result, accept, max_rows)
    except Exception as exc:  # noqa: BLE001 - an error while results are read is the query's, not the worker's
        return Reply.text(500, f"query failed while its results were read: {type(exc).__name__}: {exc}")


def _results_reply(result, accept: str, max_rows: int) -> Reply:
    import pyoxigraph as ox

    from conflictkg.store import QueryResult
    from conflictkg.store.terms import from_oxigraph

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


def worker_main(store_path: str, connection, memory_bytes: int | None = None) -> None:
    """A worker process: no network, bounded memory; open the store read-only, answer queries.

    The network is cut before anything else runs (:func:`conflictkg.sandbox.deny_network`), so
    no query, by any route, can reach another host. Ctrl-C is the server's to handle: the
    worker ignores it and dies with the server. A read-only handle sees the store as it was
    when opened, so the worker reopens it when the store's files change (a build ran).
    """
    from conflictkg.sandbox import deny_network, die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with_parent()
    if not deny_network():
        print("warning: cannot cut the query workers off the network on this system; "
              "SERVICE is still refused on the parsed query", file=sys.stderr)
    if memory_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    import pyoxigraph as ox

    version = store_version(store_path)
    store = ox.Store.read_only(store_path)
    parsed_refusal("ASK {}")  # the parser's first use costs a second: paid before any query
    connection.send("ready")
    while True:
        job = connection.recv()
        if job is None:
            return
        if (current := store_version(store_path)) != version:
            version, store = current, ox.Store.read_only(store_path)
        query, accept, max_rows = job
        connection.send(_run_in_worker(store, query, accept, max_rows))


def store_version(store_path: str) -> tuple:
    """What changes when anything is written to an Oxigraph folder: its files, sizes and times."""
    try:
        with os.scandir(store_path) as entries:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        return ()


class Worker:
    def __init__(self, context, store_path: str, memory_bytes: int | None):
        self.memory_bytes = memory_bytes
        self.gave_way = False  # stopped on purpose, to let waiting queries run
        self.slow = False  # running a query of the slow lane
        self.stopped = False
        self._stop_lock = threading.Lock()  # retiring and closing the pool may stop one worker at once
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(store_path, child, memory_bytes),
                                       daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        """End this worker's own process (only ever our own child, by its handle); once: a
        second close of its pipe, from another thread, would close whatever now has its number."""
        with self._stop_lock:
            if self.stopped:
                return
            self.stopped = True
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def death(self) -> str:
        """How this worker, which stopped answering, died: in words, for the client."""
        self.process.join(timeout=2)
        code = self.process.exitcode
        if code is None or code >= 0:
            return f"the query process ended (exit status {code})"
        cause = f"the query process crashed ({signal.Signals(-code).name})"
        if self.memory_bytes and -code in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV):
            cause += f"; the query may have needed more than the memory limit of {self.memory_bytes >> 20} MB"
        return cause


class QueryWorkers:
    """A pool of worker processes; a query past the time limit costs its worker's life.

    Fair to every client: a query that has run ``fair_seconds`` gives way (is stopped, its
    worker replaced) when another request has waited that long for a worker, so runaway clients
    cannot hold every worker. A query stopped for any reason (time limit, giving way, a crash) is
    "benched" for ``bench_seconds``: sent again, it runs in the slow lane, on at most all workers
    but one (so the others always have one) and without giving way, up to the time limit; with
    a single worker it is refused. A spare worker, started and warmed up beforehand, takes a
    stopped worker's place at once; a new worker joins only once it has opened the store.
    """

    def __init__(self, store_path: Path, size: int = WORKERS, timeout: float = 10.0, max_rows: int = MAX_ROWS,
                 memory_mb: int | None = MEMORY_MB, *, fair_seconds: float = FAIR_SECONDS,
                 bench_seconds: float = BENCH_SECONDS):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self.memory_bytes = memory_mb << 20 if memory_mb else None
        self.fair_seconds = min(fair_seconds, timeout)
        self.bench_seconds = bench_seconds
        self.context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: list[Worker] = []
        self.busy: dict[Worker, float] = {}  # worker -> when its query started
        self.benched: dict[str, tuple[float, str]] = {}  # normalised query -> (benched until, why)
        self.slow_lane = threading.BoundedSemaphore(size - 1) if size > 1 else None
        self.lock = threading.Lock()
        self.spare: queue.Queue[Worker] = queue.Queue()  # a worker ready to replace a stopped one at once
        starting = [self._start_when_ready(self.idle) for _ in range(size)]
        for thread in starting:  # the server answers once its workers can
            thread.join()
        self._start_when_ready(self.spare)

    def _start(self) -> Worker:
        # Started with Ctrl-C blocked (the mask is inherited), so that a Ctrl-C on the terminal
        # cannot interrupt a worker before it has set itself to ignore it; the server handles it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            worker = Worker(self.context, self.store_path, self.memory_bytes)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        with self.lock:
            self.all.append(worker)
        return worker

    def _start_when_ready(self, pool: queue.Queue) -> threading.Thread:
        """Start a worker; it joins ``pool`` once it says it has opened the store."""
        worker = self._start()

        def join_when_ready() -> None:
            try:
                if worker.connection.poll(120) and worker.connection.recv() == "ready":
                    pool.put(worker)
                    return
            except (EOFError, OSError):
                pass
            self._retire(worker)  # it could not open the store: the requests say "busy"

        thread = threading.Thread(target=join_when_ready, daemon=True)
        thread.start()
        return thread

    def _replace(self, worker: Worker) -> None:
        """Stop a worker; the spare takes its place at once, and a new spare starts."""
        self._retire(worker)
        try:
            self.idle.put(self.spare.get_nowait())
        except queue.Empty:  # the spare is still starting: a new worker joins when ready
            self._start_when_ready(self.idle)
        else:
            self._start_when_ready(self.spare)

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        with self.lock:
            if worker in self.all:
                self.all.remove(worker)

    def run(self, query: str, accept: str) -> Reply:
        key = " ".join(query.split())
        why = self._bench_reason(key)
        if why is None:
            return self._run(key, query, accept, slow=False)
        if self.slow_lane is None or not self.slow_lane.acquire(timeout=self.timeout):
            until = self.benched.get(key, (time.monotonic(), ""))[0]
            return Reply(503, (f"refused: this query was stopped a moment ago ({why}) and the slow lane "
                               "is full; try again later\n").encode("utf-8"),
                         headers={"Retry-After": f"{max(until - time.monotonic(), 1):.0f}"})
        try:
            return self._run(key, query, accept, slow=True)
        finally:
            self.slow_lane.release()

    def _run(self, key: str, query: str, accept: str, *, slow: bool) -> Reply:
        worker = self._acquire()
        if worker is None:
            return Reply.text(503, f"busy: no query worker free within {self.timeout:g} s; try again")
        started = time.monotonic()
        worker.slow = slow  # in the slow lane: never made to give way
        with self.lock:
            self.busy[worker] = started
        try:
            worker.connection.send((query, accept, self.max_rows))
            if worker.connection.poll(self.timeout):
                reply = worker.connection.recv()
                if self._release(worker):  # stopped just as it answered: the answer stands
                    self._replace(worker)
                else:
                    self.idle.put(worker)
                return reply
            why = f"it ran past the time limit of {self.timeout:g} s"
            failure = Reply.text(503, f"query stopped: {why}")
        except (EOFError, OSError):  # the worker died under the query: given way, or crashed
            if worker.gave_way:
                why = f"it ran {time.monotonic() - started:.1f} s while other queries waited for a worker"
                failure = Reply.text(503, f"query stopped: {why} (the server is shared; try a lighter query)")
            else:
                why = worker.death()
                failure = Reply.text(500, f"query failed: {why}; the worker was replaced")
        self._release(worker)
        self._replace(worker)
        with self.lock:
            self.benched[key] = (time.monotonic() + self.bench_seconds, why)
        return failure

    def _bench_reason(self, key: str) -> str | None:
        """Why this query is benched (it was stopped a short while ago), or None."""
        now = time.monotonic()
        with self.lock:
            for stale in [k for k, (until, _) in self.benched.items() if until <= now]:
                del self.benched[stale]
            return self.benched[key][1] if key in self.benched else None

    def _acquire(self) -> Worker | None:
        """An idle worker within the time limit; a long wait makes the oldest slow query give way."""
        waiting_since = time.monotonic()
        deadline = waiting_since + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                return self.idle.get(timeout=min(left, self.fair_seconds / 4))
            except queue.Empty:
                if time.monotonic() - waiting_since >= self.fair_seconds:
                    self._make_way()
        return None

    def _make_way(self) -> None:
        """Stop the query that has run longest, if it has run ``fair_seconds``: it gives way."""
        now = time.monotonic()
        with self.lock:
            slow = [(started, id(w), w) for w, started in self.busy.items()
                    if not w.gave_way and not w.slow and now - started >= self.fair_seconds]
            if not slow:
                return
            worker = min(slow)[2]
            worker.gave_way = True
        worker.process.kill()  # its request's thread sees the pipe close and answers

    def _release(self, worker: Worker) -> bool:
        """Mark the worker no longer busy; True when it was made to give way meanwhile."""
        with self.lock:
            self.busy.pop(worker, None)
            return worker.gave_way

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------------------- requests
def refuse_query(query: str) -> Reply | None:
    """A refusal for a request that carries no query, or None (the workers check the rest)."""
    if not query.strip():
        return Reply.text(400, "no query: give ?query=… or POST one")
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
    allowed_hosts: frozenset[str] | None = None
    cors_origins: frozenset[str] = frozenset()
    protocol_version = "HTTP/1.1"

    def parse_request(self) -> bool:
        """The stdlib's parsing, then the ``Host`` check every verb needs."""
        if not super().parse_request():
            return False
        host = (self.headers.get("Host") or "").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            self.close_connection = True
            self.send(Reply.text(421, f"Host {host!r} is not this server (it answers only to loopback names)"))
            return False
        return True

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
        origin = self.headers.get("Origin")
        if origin and origin in self.cors_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
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
            return self.refuse_write()
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        body = self.read_body()  # read even when refused: the connection stays usable
        if media == "application/sparql-update":
            return self.send(Reply.text(403, "read-only: SPARQL Update is refused"))
        if isinstance(body, Reply):
            return self.send(body)
        if media == "application/sparql-query":
            return self.send(self.answer({"query": [body]}))
        if media == "application/x-www-form-urlencoded":
            return self.send(self.answer(parse_qs(body)))
        return self.send(Reply.text(415, "POST a query as application/sparql-query or a form"))

    def do_OPTIONS(self) -> None:  # noqa: N802 (the stdlib's name): a CORS preflight
        self.send(Reply(204, b"", headers={"Access-Control-Allow-Methods": "GET, POST",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Access-Control-Max-Age": "600"}))

    def refuse_write(self) -> None:
        self.read_body()  # read and discarded: the connection stays usable
        self.send(Reply.text(405, "read-only: the graph cannot be changed here"))

    do_PUT = do_DELETE = do_PATCH = refuse_write

    # ------------------------------------------------------------------ parts
    def read_body(self) -> str | Reply:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True  # whatever body there is stays unread
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

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer is no error of the server's: no traceback for it."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class EndpointServerV6(EndpointServer):
    address_family = socket.AF_INET6


def make_server(store: Path, host: str, port: int, timeout: float, *, workers: int = WORKERS,
                max_rows: int = MAX_ROWS, memory_mb: int | None = MEMORY_MB,
                cors_origins: tuple[str, ...] = ()) -> tuple[EndpointServer, QueryWorkers]:
    """A server ready to ``serve_forever``, and its worker pool (close it after).

    The port is taken before any worker starts, so a taken port costs nothing but its error.
    """
    server_class = EndpointServerV6 if ":" in host else EndpointServer
    handler = type("Handler", (SparqlHandler,), {
        "examples": json.dumps(library_examples(), ensure_ascii=False).encode("utf-8"),
        "cors_origins": frozenset(cors_origins)})
    server = server_class((host, port), handler)
    handler.allowed_hosts = allowed_hosts(host, server.server_address[1])
    handler.workers = pool = QueryWorkers(store, workers, timeout, max_rows, memory_mb)
    return server, pool


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The ``Host`` headers a server bound to ``host`` answers (None: any, when bound beyond loopback).

    Bound to loopback, only loopback names are this server: a page whose name was rebound to
    127.0.0.1 (DNS rebinding) sends its own name and is refused.
    """
    if host not in LOOPBACK:
        return None
    names = ("127.0.0.1", "localhost", "[::1]")
    return frozenset(names) | frozenset(f"{name}:{port}" for name in names)


def serve_command(store: Path, host: str, port: int, timeout: float, cors_origins: tuple[str, ...] = ()) -> int:
    """``conflictkg serve``: run the endpoint until interrupted."""
    from conflictkg.store import StoreNotFound

    if not Path(store).is_dir():  # the endpoint's workers open a local Oxigraph folder read-only
        raise StoreNotFound(f"no store folder at {store}: build one first (conflictkg build … --store {store})")
    if host not in LOOPBACK:
        print(f"warning: listening on {host}, reachable from other machines", file=sys.stderr)
    try:
        server, pool = make_server(store, host, port, timeout, cors_origins=cors_origins)
    except OSError as exc:
        print(f"error: cannot listen on {host} port {port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
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

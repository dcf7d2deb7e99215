"""Any SPARQL 1.1 endpoint as the store: SPARQL Update to write, the Protocol to read.

For graphs that outgrow one machine (or that a team shares), the graph lives in a triple store
server: Oxigraph (``oxigraph serve``), Apache Jena Fuseki, GraphDB, Virtuoso… The spec names the
dataset's base URL with ``sparql+`` in front; its three services are found relative to it, by
default with Oxigraph's names, and each can be renamed with a URL parameter::

    sparql+http://localhost:7878/                       Oxigraph: /query /update /store
    sparql+http://localhost:3030/ds/?store=data         Fuseki:   /ds/query /ds/update /ds/data

Writes are SPARQL Updates: a batch of article graphs is one request that drops the old graphs
and inserts the new ones, which a store that runs each request in one transaction (Oxigraph
does) applies atomically. Files go in by the Graph Store Protocol (``PUT``). Queries expect the
endpoint's default graph to be the union of its named graphs, as in the local store
(``oxigraph serve --union-default-graph``; Fuseki ``tdb2:unionDefaultGraph true``).
Only the standard library talks HTTP: nothing to install.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib.term import Node

from conflictkg.store.base import (GraphBatch, QueryResult, SerializedGraph, StoreLifecycle, StoreUnavailable,
                                   rdf_format)
from conflictkg.store.nquads import replacement_update, serialize_graph
from conflictkg.store.terms import from_oxigraph, to_oxigraph

SPARQL_SCHEMES = ("sparql+http://", "sparql+https://")
RDF_MEDIA_TYPES = {"turtle": "text/turtle", "nquads": "application/n-quads", "trig": "application/trig",
                   "ntriples": "application/n-triples", "json-ld": "application/ld+json",
                   "xml": "application/rdf+xml"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
               "ntriples": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPHS_QUADS = "SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"


_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)^[ \t]*#.*$")


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with its variables bound by a ``VALUES`` block opening its ``WHERE`` group.

    The SPARQL Protocol has no way to pass bindings, and a trailing ``VALUES`` would come too
    late for a ``FILTER`` that reads the variable; at the top of the group the terms are joined
    first, like the local store's substitutions. Terms are written as RDF terms, never pasted
    text, so a value cannot change the query.
    """
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(to_oxigraph(value)) for value in bindings.values())
    # Comment lines are blanked (same length) so a brace in a header comment is not taken.
    searchable = _COMMENT.sub(lambda m: " " * len(m.group()), sparql)
    where = _WHERE_BRACE.search(searchable)
    brace = where.end() if where else searchable.index("{") + 1
    return f"{sparql[:brace]} VALUES ({names}) {{ ({values}) }} {sparql[brace:]}"


class SparqlStoreError(StoreUnavailable):
    """The endpoint refused a request or could not be reached; the message says which and why."""


@dataclass(frozen=True)
class SparqlEndpoints:
    """The URLs of a dataset's query, update and Graph Store Protocol services."""

    query: str
    update: str
    store: str

    @classmethod
    def from_spec(cls, spec: str) -> SparqlEndpoints:
        parts = urlsplit(spec.removeprefix("sparql+"))
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        names = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        unknown = set(names) - {"query", "update", "store"}
        if unknown:
            raise ValueError(f"{spec}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                             "use query=, update= or store=")
        return cls(*(urljoin(base, names.get(service, service)) for service in ("query", "update", "store")))


class SparqlHttpStore(StoreLifecycle):
    """Article graphs in a remote SPARQL 1.1 store."""

    def __init__(self, endpoints: SparqlEndpoints, *, read_only: bool = False, timeout: float = 300.0):
        self.endpoints = endpoints
        self.read_only = read_only
        self.timeout = timeout

    @classmethod
    def from_spec(cls, spec: str, *, read_only: bool = False) -> SparqlHttpStore:
        return cls(SparqlEndpoints.from_spec(spec), read_only=read_only)

    # ------------------------------------------------------------------ writing
    def replace_graphs(self, graphs: GraphBatch) -> None:
        self.load_article_graphs([serialize_graph(str(name), triples) for name, triples in graphs])

    def load_article_graphs(self, graphs: Iterable[SerializedGraph]) -> None:
        """Drop and re-insert the batch's graphs in one Update request."""
        batch = list(graphs)
        if batch:
            self._update(replacement_update(batch))

    def remove_graphs(self, names: list[str]) -> None:
        if names:
            self._update("".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in names).rstrip(" ;\n"))

    def load_rdf(self, path: Path, graph: str) -> None:
        """Replace the graph ``graph`` by a file's triples (Graph Store Protocol ``PUT``)."""
        self._check_writable()
        media_type = RDF_MEDIA_TYPES[rdf_format(Path(path))]
        url = f"{self.endpoints.store}?graph={quote(graph, safe='')}"
        self._send(url, Path(path).read_bytes(), media_type, method="PUT")

    def _update(self, update: str) -> None:
        self._check_writable()
        self._send(self.endpoints.update, update.encode("utf-8"), "application/sparql-update")

    def _check_writable(self) -> None:
        if self.read_only:
            raise SparqlStoreError(f"{self.endpoints.update}: the store was opened read-only")

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query on the endpoint, ``bindings`` given as RDF terms (see :func:`bind_values`)."""
        if bindings:
            sparql = bind_values(sparql, bindings)
        with self._open(self.endpoints.query, sparql.encode("utf-8"), "application/sparql-query",
                        accept="application/sparql-results+json, application/n-triples;q=0.9") as response:
            media_type = response.headers.get_content_type()
            body = response.read()
        if media_type == "application/n-triples":
            return QueryResult(triples=[(from_oxigraph(q.subject), from_oxigraph(q.predicate),
                                         from_oxigraph(q.object))
                                        for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)])
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        variables = [v.value for v in result.variables]
        return QueryResult(variables=variables,
                           rows=[tuple(from_oxigraph(row[v]) for v in variables) for row in result])

    def graph_names(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(g) for (g,) in result.rows)

    def serialized_graphs(self, names: Iterable[str]) -> list[SerializedGraph]:
        """Each named graph of ``names`` as N-Quads, all of them in one request."""
        names = list(names)
        if not names:
            return []
        query = GRAPHS_QUADS.format(graphs=" ".join(str(ox.NamedNode(name)) for name in names))
        with self._open(self.endpoints.query, query.encode("utf-8"), "application/sparql-query",
                        accept="text/tab-separated-values") as response:
            solutions = ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.TSV)
            quads: dict[str, list[ox.Quad]] = {name: [] for name in names}
            for row in solutions:
                quads[row["g"].value].append(ox.Quad(row["s"], row["p"], row["o"], row["g"]))
        return [SerializedGraph(name, ox.serialize(quads[name], format=ox.RdfFormat.N_QUADS) or b"")
                for name in names]

    def __len__(self) -> int:
        [(count,)] = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(count)

    def export(self, path: Path, fmt: str | None = None) -> None:
        """Stream every quad of the endpoint's named graphs into a file."""
        fmt_name = rdf_format(path, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._open(self.endpoints.query, ALL_QUADS.encode("utf-8"), "application/sparql-query",
                        accept="text/tab-separated-values") as response:
            solutions = ox.parse_query_results(response, format=ox.QueryResultsFormat.TSV)
            quads = (ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions)
            if fmt_name not in ("nquads", "trig"):  # triple formats: the union of the graphs
                quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
            ox.serialize(quads, str(path), _OX_FORMATS[fmt_name])

    # ------------------------------------------------------------------ HTTP
    def _send(self, url: str, body: bytes, media_type: str, *, method: str = "POST") -> None:
        with self._open(url, body, media_type, method=method):
            pass

    def _open(self, url: str, body: bytes, media_type: str, *, accept: str | None = None,
              method: str = "POST"):
        headers = {"Content-Type": f"{media_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise SparqlStoreError(f"{url}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except urllib.error.URLError as exc:
            raise SparqlStoreError(f"{url}: cannot reach the endpoint ({exc.reason})") from None

"""The query page's parameter form: bind a library query's parameters for the page.

``GET /library/bind?query=NAME&param=NAME=VALUE&…`` answers the query's text with its parameters
bound exactly as ``conflictkg query --param`` binds them (a ``VALUES`` row of typed terms, never
pasted text), after the same checks: a value of the wrong kind, or one that names nothing in the
graph, is a 400 naming it with the nearest known values. The checks query the graph through the
endpoint's own workers (:class:`WorkerStore`), so they keep its time limit and row cap.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef

from conflictkg.query import QueryError, check_values, find_query, library, parse_params
from conflictkg.store import QueryResult

JSON_RESULTS = "application/sparql-results+json"


def _term(cell: dict | None):
    if cell is None:
        return None
    if cell["type"] == "uri":
        return URIRef(cell["value"])
    if cell["type"] == "bnode":
        return BNode(cell["value"])
    return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))


class WorkerStore:
    """The ``query`` method of a store, answered by the endpoint's workers (``run(query, accept)``
    returns a reply with ``status`` and ``body``)."""

    def __init__(self, run: Callable):
        self.run = run

    def query(self, sparql: str) -> QueryResult:
        reply = self.run(sparql, JSON_RESULTS)
        if reply.status != 200:
            raise QueryError(f"checking the parameters failed: {reply.body.decode('utf-8', 'replace').strip()}")
        data = json.loads(reply.body)
        if "boolean" in data:
            return QueryResult(boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [tuple(_term(binding.get(v)) for v in variables) for binding in data["results"]["bindings"]]
        return QueryResult(variables=variables, rows=rows)


def bind_library_query(form: dict[str, list[str]], run: Callable) -> tuple[int, str]:
    """(200, the bound query) or (400, why not), for ``/library/bind``."""
    names = form.get("query", [])
    if len(names) != 1:
        return 400, "give exactly one query=NAME"
    if names[0] not in {q.name for q in library()}:  # the library only: never a path on the server
        return 400, f"no query {names[0]!r} in the library"
    try:
        query = find_query(names[0])
        values = parse_params(form.get("param", []))
        text = query.bound(values)
        check_values(WorkerStore(run), query, values)
    except QueryError as exc:
        return 400, str(exc)
    return 200, text

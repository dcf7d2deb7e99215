"""The types every store back end shares: rows of a query, serialised article graphs, the
interface, and the lifecycle. The back ends import these from here and the package
(:mod:`conflictkg.store`) re-exports them, so no back end imports the package that chooses it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib.term import Node

Triple = tuple[Node, Node, Node]
GraphBatch = Iterable[tuple[str, list[Triple]]]

RDF_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples",
               ".jsonld": "json-ld"}


class StoreUnavailable(RuntimeError):
    """The store cannot be used right now (locked by another process, its endpoint unreachable);
    the message says which store and why, in one line."""


@dataclass
class QueryResult:
    """A SELECT's rows (rdflib terms, None where unbound), an ASK's answer, or a graph's triples."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] | None = None

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


@dataclass(frozen=True)
class SerializedGraph:
    """One named graph as N-Quads (every line names the graph ``name``).

    Workers produce these, shards hold them, and every back end loads them: N-Quads is the
    cheapest form to move between processes and the one every triple store bulk-loads.
    """

    name: str
    nquads: bytes


class ArticleStore(Protocol):
    def replace_graphs(self, graphs: GraphBatch) -> None: ...
    def load_article_graphs(self, graphs: Iterable[SerializedGraph]) -> None: ...
    def load_rdf(self, path: Path, graph: str) -> None: ...
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult: ...
    def export(self, path: Path, fmt: str | None = None) -> None: ...
    def graph_names(self) -> list[str]: ...
    def serialized_graphs(self, names: Iterable[str]) -> list[SerializedGraph]: ...
    def close(self) -> None: ...


def rdf_format(path: Path, fmt: str | None = None) -> str:
    """The rdflib format name for an output path (by suffix) or an explicit format name."""
    if fmt:
        return {"nq": "nquads", "nt": "ntriples", "ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt)
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: unknown RDF format; use one of {', '.join(RDF_FORMATS)}") from None


class StoreLifecycle:
    """What every back end shares: a context manager that closes the store, and no-op defaults."""

    def flush(self) -> None:
        """Make what was written durable (a no-op where writes are durable already)."""

    def close(self) -> None:
        self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

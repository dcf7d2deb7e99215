"""Where the graph lives: one interface, several back ends.

- :class:`OxigraphStore`: Oxigraph on disk (the default) or in memory; fast SPARQL.
- :class:`MemoryStore`: an rdflib ``Dataset`` in memory, for tests and comparisons.
- :class:`SparqlHttpStore`: any SPARQL 1.1 endpoint (Update + Graph Store Protocol).

Each article has its own named graph, named by the article's IRI. ``load_article_graphs`` swaps
a batch of article graphs, already serialised as N-Quads (:class:`SerializedGraph`, the unit that
crosses process and machine boundaries), in one transaction: a reader (or a crash) sees either
the old graphs or the new ones, never a mix, and re-adding an article never duplicates anything.
``replace_graphs`` does the same for rdflib triples by serialising them first.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from conflictkg.namespaces import CK_IRI

Triple = tuple[Node, Node, Node]
GraphBatch = Iterable[tuple[str, list[Triple]]]

RDF_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples",
               ".jsonld": "json-ld"}


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
    def close(self) -> None: ...


CONTENT_HASHES = f"""
SELECT ?article ?hash WHERE {{ GRAPH ?article {{ ?article <{CK_IRI}contentHash> ?hash }} }}
"""


def content_hashes(store: ArticleStore) -> dict[str, str]:
    """Article IRI -> content hash of what was built, for incremental builds."""
    return {str(a): str(h) for a, h in store.query(CONTENT_HASHES).rows}


def rdf_format(path: Path, fmt: str | None = None) -> str:
    """The rdflib format name for an output path (by suffix) or an explicit format name."""
    if fmt:
        return {"nq": "nquads", "nt": "ntriples", "ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt)
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: unknown RDF format; use one of {', '.join(RDF_FORMATS)}") from None


def open_store(spec: str | Path | None, *, read_only: bool = False) -> ArticleStore:
    """A store from a command-line spec.

    A folder (Oxigraph on disk), ``memory:`` (rdflib), ``oxigraph:memory``, or a SPARQL 1.1
    endpoint as ``sparql+http://host:port/path/`` (or ``sparql+https://…``); see
    :class:`~conflictkg.store.sparql.SparqlHttpStore` for how its endpoints are found.
    """
    from conflictkg.store.memory import MemoryStore
    from conflictkg.store.oxigraph import OxigraphStore
    from conflictkg.store.sparql import SPARQL_SCHEMES, SparqlHttpStore

    spec = str(spec) if spec is not None else "conflictkg-store"
    if spec == "memory:":
        return MemoryStore()
    if spec == "oxigraph:memory":
        return OxigraphStore(None)
    if spec.startswith(SPARQL_SCHEMES):
        return SparqlHttpStore.from_spec(spec, read_only=read_only)
    return OxigraphStore(Path(spec), read_only=read_only)


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


class StoreNotFound(FileNotFoundError):
    """A command that reads the graph was pointed at a folder holding no store."""


def open_existing_store(spec: str | Path) -> ArticleStore:
    """Open, read-only, a store that must already exist (a built folder, or an endpoint)."""
    from conflictkg.store.sparql import SPARQL_SCHEMES

    spec = str(spec)
    local = not spec.startswith(SPARQL_SCHEMES) and spec not in ("memory:", "oxigraph:memory")
    if local and not Path(spec).is_dir():
        raise StoreNotFound(f"no store at {spec}: build one first (conflictkg build … --store {spec})")
    return open_store(spec, read_only=True)


def literal_value(node: Node | None):
    """A Python value for a literal (int, date, str…), the string of an IRI, or None."""
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.toPython()
    return str(node) if isinstance(node, URIRef) else node

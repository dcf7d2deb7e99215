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

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from conflictkg.namespaces import CK_IRI
from conflictkg.store.base import (RDF_FORMATS, ArticleStore, GraphBatch, QueryResult, SerializedGraph,
                                   StoreLifecycle, StoreUnavailable, Triple, rdf_format)

__all__ = ["RDF_FORMATS", "ArticleStore", "GraphBatch", "QueryResult", "SerializedGraph", "StoreLifecycle",
           "StoreNotFound", "StoreUnavailable", "Triple", "content_hashes", "literal_value", "open_existing_store", "open_store",
           "rdf_format"]

CONTENT_HASHES = f"""
SELECT ?article ?hash WHERE {{ GRAPH ?article {{ ?article <{CK_IRI}contentHash> ?hash }} }}
"""


def content_hashes(store: ArticleStore) -> dict[str, str]:
    """Article IRI -> content hash of what was built, for incremental builds."""
    return {str(a): str(h) for a, h in store.query(CONTENT_HASHES).rows}


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

"""N-Quads, the form in which article graphs travel from workers to stores.

A worker turns an article's rdflib triples into one :class:`SerializedGraph` (pyoxigraph does the
escaping, in Rust); stores load such batches either as N-Quads (Oxigraph's ``load``: parsed in
Rust, one transaction) or, when old graphs must go in the same transaction, as one SPARQL Update
that drops them and inserts the new triples (:func:`replacement_update`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import URIRef

from conflictkg.store.base import SerializedGraph, Triple
from conflictkg.store.terms import ntriples_text


def serialize_graph(name: str, triples: Iterable[Triple]) -> SerializedGraph:
    """The triples of one named graph as N-Quads, one line per triple, each term written by
    pyoxigraph (:func:`~conflictkg.store.terms.ntriples_text`): the bytes ``ox.serialize`` writes,
    without building a pyoxigraph quad per triple first.

    Raises :class:`TypeError` (or :class:`ValueError`, for an IRI that is not one) for a term
    that cannot be stored, before anything is written.
    """
    ending = f" {ntriples_text(URIRef(name))} .\n"
    lines = [f"{ntriples_text(s)} {ntriples_text(p)} {ntriples_text(o)}{ending}" for s, p, o in triples]
    return SerializedGraph(name, "".join(lines).encode("utf-8"))


def with_graph_name(ntriples: bytes, name: str) -> bytes:
    """N-Triples as N-Quads of the graph ``name``.

    Every N-Triples line ends with `` .`` and a line feed, and nothing else does: a line feed
    inside a literal is written escaped (``\\n``). So the graph's name goes before each end.
    """
    return ntriples.replace(b" .\n", f" {ntriples_text(URIRef(name))} .\n".encode("utf-8"))


def joined_nquads(graphs: Sequence[SerializedGraph]) -> bytes:
    return b"".join(graph.nquads for graph in graphs)


def as_ntriples(graph: SerializedGraph) -> str:
    """The graph's triples as N-Triples (which is also valid SPARQL data syntax)."""
    triples = (ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(graph.nquads, format=ox.RdfFormat.N_QUADS))
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def replacement_update(graphs: Sequence[SerializedGraph]) -> str:
    """One SPARQL 1.1 Update that drops each graph and inserts its new triples.

    A store that runs an update request as one transaction (Oxigraph does) replaces the whole
    batch atomically.
    """
    drops = "".join(f"DROP SILENT GRAPH <{graph.name}> ;\n" for graph in graphs)
    blocks = "\n".join(f"GRAPH <{graph.name}> {{\n{as_ntriples(graph)}}}" for graph in graphs)
    return f"{drops}INSERT DATA {{\n{blocks}\n}}"

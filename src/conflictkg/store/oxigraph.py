"""The Oxigraph back end (pyoxigraph): on disk by default, or in memory."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from conflictkg.files import atomic_write
from conflictkg.store.base import (GraphBatch, QueryResult, SerializedGraph, StoreLifecycle, StoreUnavailable,
                                   rdf_format)
from conflictkg.store.nquads import joined_nquads, replacement_update, serialize_graph, with_graph_name
from conflictkg.store.terms import PREFIXES, from_oxigraph, to_oxigraph

_OX_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}

# RocksDB keeps written quads in memory tables and, under Oxigraph's settings, rarely writes them
# out during a long build: memory grew with the corpus (2.3 GB after 30,139 articles) and the
# store was left with gigabytes of write-ahead log to replay on every open. Flushing after each
# this many bytes of N-Quads keeps memory flat and made loading faster, not slower
# (bench/results/build.md).
FLUSH_EVERY_BYTES = 64 * 1024 * 1024


class OxigraphStore(StoreLifecycle):
    """Article graphs in Oxigraph. ``path=None`` keeps them in memory."""

    def __init__(self, path: Path | None, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        if path is None:
            self.store = ox.Store()
        elif read_only:
            self.store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            try:
                self.store = ox.Store(str(path))
            except OSError as exc:
                if "lock" not in str(exc).lower():
                    raise
                raise StoreUnavailable(f"{path}: the store is in use by another process (a build writing "
                                       "to it); wait until it ends, or build into another --store") from None
        self._unflushed_bytes = 0

    # ------------------------------------------------------------------ writing
    def replace_graphs(self, graphs: GraphBatch) -> None:
        """Replace each named graph by the given triples, all in one transaction."""
        self.load_article_graphs([serialize_graph(str(name), triples) for name, triples in graphs])

    def load_article_graphs(self, graphs: Iterable[SerializedGraph]) -> None:
        """Replace each graph of the batch by its N-Quads, all in one transaction.

        Graphs new to the store (every graph of a first build) take the fast path: the batch's
        N-Quads parsed in Rust and written by one transactional ``load``. When any graph already
        exists, its old triples must go in the same transaction, so the batch becomes one SPARQL
        Update (``DROP`` + ``INSERT DATA``). Either way a crash leaves each graph old or new,
        never partial, never doubled.
        """
        batch = list(graphs)
        if not batch:
            return
        if any(self.store.contains_named_graph(ox.NamedNode(graph.name)) for graph in batch):
            self.store.update(replacement_update(batch))
        else:
            # Lenient: every term was checked as pyoxigraph wrote it (serialize_graph), so the
            # checks are not run twice (about a tenth of the load's time).
            self.store.load(joined_nquads(batch), format=ox.RdfFormat.N_QUADS, lenient=True)
        self._unflushed_bytes += sum(len(graph.nquads) for graph in batch)
        if self._unflushed_bytes >= FLUSH_EVERY_BYTES:
            self.flush()

    def remove_graphs(self, names: list[str]) -> None:
        if names:
            self.store.update("\n".join(f"DROP SILENT GRAPH <{n}> ;" for n in names).rstrip(" ;"))

    def load_rdf(self, path: Path, graph: str) -> None:
        """Replace the named graph ``graph`` by the triples of an RDF file."""
        quads = ox.parse(path=str(path), format=_OX_FORMATS[rdf_format(Path(path))],
                         without_named_graphs=True)
        target = ox.NamedNode(graph)
        self.store.remove_graph(target) if self.store.contains_named_graph(target) else None
        self.store.extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in quads)

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs.

        ``bindings`` are substituted as RDF terms (SPARQL SEP-0007); Oxigraph requires each bound
        variable to be projected by a SELECT.
        """
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        result = self.store.query(sparql, use_default_graph_as_union=True,
                                  substitutions=substitutions or None)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(from_oxigraph(s[v]) for v in variables) for s in result]
            return QueryResult(variables=variables, rows=rows)
        return QueryResult(triples=[(from_oxigraph(t.subject), from_oxigraph(t.predicate),
                                     from_oxigraph(t.object)) for t in result])

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def serialized_graphs(self, names: Iterable[str]) -> list[SerializedGraph]:
        """Each named graph of ``names`` as N-Quads (no lines for a graph the store lacks).

        Oxigraph writes each graph's N-Triples in Rust and the graph's name is put at the end of
        every line: no term crosses into Python. Reading an article's graph as rdflib triples
        and serialising them again took four times as long (``conflictkg validate``).
        """
        return [SerializedGraph(name, with_graph_name(
                    self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b"", name))
                for name in names]

    def __len__(self) -> int:
        return len(self.store)

    def export(self, path: Path, fmt: str | None = None) -> None:
        """Write the whole dataset (or, for triple formats, the union of its graphs) atomically."""
        fmt_name = rdf_format(path, fmt)
        out_format = _OX_FORMATS[fmt_name]

        def dump(tmp: Path) -> None:
            if out_format.supports_datasets:
                self.store.dump(tmp, out_format, prefixes=PREFIXES if fmt_name == "trig" else None)
            else:
                triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                           use_default_graph_as_union=True)
                ox.serialize(triples, tmp, out_format, prefixes=PREFIXES if fmt_name == "turtle" else None)

        atomic_write(path, dump)

    def flush(self) -> None:
        """Write the memory tables out to disk (a no-op in memory or read-only)."""
        if self.path is not None and not self.read_only:
            self.store.flush()
        self._unflushed_bytes = 0

    def close(self) -> None:
        self.flush()
        del self.store

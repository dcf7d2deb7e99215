"""An rdflib ``Dataset`` in memory: the reference back end for tests and comparisons."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Dataset, URIRef, Variable
from rdflib.term import Node

from conflictkg.store.base import GraphBatch, QueryResult, SerializedGraph, StoreLifecycle, rdf_format
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.terms import PREFIXES


class MemoryStore(StoreLifecycle):
    def __init__(self):
        self.dataset = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace)

    def replace_graphs(self, graphs: GraphBatch) -> None:
        for name, triples in graphs:
            self.dataset.remove_graph(URIRef(name))
            graph = self.dataset.graph(URIRef(name))
            for triple in triples:
                graph.add(triple)

    def load_article_graphs(self, graphs: Iterable[SerializedGraph]) -> None:
        """Replace each graph of the batch by its N-Quads (rdflib has no transactions)."""
        for graph in graphs:
            self.dataset.remove_graph(URIRef(graph.name))
            self.dataset.parse(data=graph.nquads, format="nquads")

    def remove_graphs(self, names: list[str]) -> None:
        for name in names:
            self.dataset.remove_graph(URIRef(name))

    def load_rdf(self, path: Path, graph: str) -> None:
        self.dataset.remove_graph(URIRef(graph))
        self.dataset.graph(URIRef(graph)).parse(path, format=rdf_format(Path(path)))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        result = self.dataset.query(sparql, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
        if result.type == "ASK":
            return QueryResult(boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            return QueryResult(variables=variables, rows=[tuple(row) for row in result])
        return QueryResult(triples=list(result))

    def graph_names(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.dataset.graphs()
                      if isinstance(g.identifier, URIRef) and len(g) and not str(g.identifier).startswith("urn:x-rdflib:"))

    def serialized_graphs(self, names: Iterable[str]) -> list[SerializedGraph]:
        """Each named graph of ``names`` as N-Quads (empty for a graph the dataset lacks)."""
        return [serialize_graph(name, self.dataset.get_context(URIRef(name))) for name in names]

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads())

    def export(self, path: Path, fmt: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.dataset.serialize(destination=str(path), format=rdf_format(path, fmt))

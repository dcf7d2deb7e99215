"""The build: read → extract → graph → store, streaming, in batches.

Articles are streamed (never all held at once), extracted in batches, and each batch of
article graphs replaces the old ones in one store transaction. An article whose content hash
is already in the store is skipped, so re-running a build only does the work that changed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from conflictkg import iris
from conflictkg.catalogue import catalogue_files
from conflictkg.graph import Triple, article_graph
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article, ReadOptions, ReadProblem, read_articles
from conflictkg.resources import ontology_dir
from conflictkg.store import ArticleStore, content_hashes


@dataclass
class BuildReport:
    built: int = 0
    unchanged: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def background_graphs(base: str = DEFAULT_BASE) -> list[tuple[str, list[Triple]]]:
    """The catalogue and the ontology, each as the triples of its own named graph."""
    graphs = []
    sources = ((iris.catalogue_graph_iri(base), catalogue_files()),
               (iris.ontology_graph_iri(base), sorted(ontology_dir().glob("conflictkg.ttl"))))
    for name, files in sources:
        graph = Graph()
        for path in files:
            graph.parse(path, format="turtle")
        # Oxigraph relabels blank nodes (the ontology's OWL lists), which would make every
        # rebuild differ: canonical labels turned into skolem IRIs keep rebuilds identical.
        stable = to_canonical_graph(graph).skolemize(authority=base.rstrip("/"), basepath="/.well-known/genid/")
        graphs.append((name, sorted(stable)))
    return graphs


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def build_corpus(paths: Iterable[str | Path], store: ArticleStore, *,
                 options: ReadOptions | None = None, base: str = DEFAULT_BASE,
                 extractor: Extractor | None = None, batch_size: int = 32,
                 on_article: Callable[[Article], None] | None = None,
                 on_problem: Callable[[ReadProblem], None] | None = None) -> BuildReport:
    """Build the graphs of every article in ``paths`` into ``store``."""
    report = BuildReport()
    store.replace_graphs(background_graphs(base))
    known = content_hashes(store)
    extractor = extractor or Extractor()

    def to_build() -> Iterator[Article]:
        for item in read_articles(paths, options):
            if isinstance(item, ReadProblem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            if known.get(iris.article_iri(item.id, base)) == item.content_hash:
                report.unchanged += 1
                if on_article:
                    on_article(item)
                continue
            yield item

    for batch in _batches(extractor.extract_many(to_build(), batch_size=batch_size), batch_size):
        store.replace_graphs(article_graph(article, extraction, base) for article, extraction in batch)
        report.built += len(batch)
        if on_article:
            for article, _ in batch:
                on_article(article)
    store.flush()
    return report


SUMMARY = """
PREFIX ck: <https://w3id.org/conflictkg/ontology#>
SELECT
  (COUNT(DISTINCT ?article) AS ?articles)
  (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?allegiance) AS ?allegiances)
  (COUNT(DISTINCT ?control) AS ?controls)
WHERE {
  { ?article a ck:Article }
  UNION { ?a ck:mentions ?actor . ?actor a ?ac .
          VALUES ?ac { ck:StateForce ck:ArmedGroup ck:Coalition ck:Organization ck:Person ck:Country } }
  UNION { ?a ck:mentions ?place . ?place a ?pc .
          VALUES ?pc { ck:Governorate ck:District ck:Subdistrict ck:City ck:Town ck:Village
                       ck:Neighbourhood ck:Camp ck:MilitaryBase ck:Region ck:BorderCrossing ck:Country } }
  UNION { ?event a ck:Event }
  UNION { ?allegiance a ck:Allegiance }
  UNION { ?control a ck:TerritorialControl }
}
"""


def summarise(store: ArticleStore) -> dict[str, int]:
    """How many articles, mentioned actors and places, events, allegiances and control facts."""
    result = store.query(SUMMARY)
    return {name: int(value) for name, value in zip(result.variables, result.rows[0])}

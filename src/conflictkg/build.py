"""The build: read → extract → graph → store, streaming, in batches, on one or many cores.

Articles are streamed (never all held at once) in batches to a build engine, which turns each
batch into N-Quads: in this process or a pool of worker processes (:mod:`conflictkg.parallel`),
or on a Dask cluster (:mod:`conflictkg.distributed`). The graphs of each batch then replace the
old ones in one store transaction, in the order the batches were read.

Incremental: an article whose content hash is already in the store is skipped, and a changed
one replaces its graph. Crash safety: an article's graph and its content hash land in the same
transaction, so after a kill an article is either fully in the store (and skipped next time) or
not at all (and built next time); never partial, never doubled.
"""
from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from conflictkg import iris
from conflictkg.cache import cached_bytes, content_key
from conflictkg.catalogue import catalogue_files
from conflictkg.graph import Triple
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.parallel import BuildEngine, Checked, LocalEngine
from conflictkg.read import Article, ReadOptions, ReadProblem, Skipped, read_articles
from conflictkg.linking import link_same_happenings
from conflictkg.resources import ontology_dir
from conflictkg.store import ArticleStore, SerializedGraph, content_hashes
from conflictkg.store.nquads import serialize_graph

if TYPE_CHECKING:  # spaCy is imported where articles are read, not in a parent of workers
    from conflictkg.nlp.extract import Extractor

DEFAULT_BATCH_SIZE = 32
"""Articles per batch: a unit of work for a worker and one store transaction."""


@dataclass
class BuildReport:
    built: int = 0
    unchanged: int = 0
    linked: int = 0  # pairs of events from different articles that report one happening (held)
    problems: list[ReadProblem] = field(default_factory=list)  # skipped inputs (Skipped) among them

    @property
    def failed(self) -> bool:
        """Whether any input failed; one deliberately skipped (named all the same) is no failure."""
        return any(not isinstance(problem, Skipped) for problem in self.problems)

    @property
    def skipped(self) -> int:
        return sum(isinstance(problem, Skipped) for problem in self.problems)

    def kinds(self) -> Counter[str]:
        """How many inputs were named, by kind (unreadable input, skipped, dangling symlink…)."""
        return Counter(problem.kind for problem in self.problems)


def _background_sources(base: str) -> list[tuple[str, list[Path]]]:
    return [(iris.catalogue_graph_iri(base), catalogue_files()),
            (iris.ontology_graph_iri(base), sorted(ontology_dir().glob("conflictkg.ttl")))]


def background_graphs(base: str = DEFAULT_BASE) -> list[tuple[str, list[Triple]]]:
    """The catalogue and the ontology, each as the triples of its own named graph."""
    return [(name, _background_triples(files, base)) for name, files in _background_sources(base)]


def _background_triples(files: list[Path], base: str) -> list[Triple]:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    # Oxigraph relabels blank nodes (the ontology's OWL lists), which would make every
    # rebuild differ: canonical labels turned into skolem IRIs keep rebuilds identical.
    stable = to_canonical_graph(graph).skolemize(authority=base.rstrip("/"), basepath="/.well-known/genid/")
    return sorted(stable)


def background_nquads(base: str = DEFAULT_BASE) -> list[SerializedGraph]:
    """:func:`background_graphs` as N-Quads, made once for given files (:mod:`conflictkg.cache`)."""
    return [SerializedGraph(name, cached_bytes(
                "background", content_key(name, Path(__file__).read_bytes(), files=files),
                lambda: serialize_graph(name, _background_triples(files, base)).nquads))
            for name, files in _background_sources(base)]


class StoreWriter:
    """Loads batches of article graphs into the store on a thread of its own, in the order they
    come, while this thread goes on reading and extracting the next ones.

    Oxigraph writes without holding the GIL, so storing (a quarter of a one-core build's time)
    runs beside extraction instead of after it. At most ``depth`` batches wait, so memory stays
    flat. Each batch is still one transaction; the articles of a batch are handed back by
    :meth:`committed` only once it is in the store (what progress and crash-safety markers say).
    A failure to store is raised here, at the next :meth:`write` or on leaving the ``with``.
    """

    def __init__(self, store: ArticleStore, depth: int = 2):
        self.store = store
        self._waiting: queue.Queue = queue.Queue(maxsize=depth)
        self._committed: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="store-writer", daemon=True)

    def __enter__(self) -> StoreWriter:
        self._thread.start()
        return self

    def write(self, graphs: list[SerializedGraph], articles: list[Article]) -> None:
        self._raise_failure()
        self._waiting.put((graphs, articles))

    def committed(self) -> Iterator[Article]:
        """The articles of every batch stored since the last call."""
        while True:
            try:
                yield from self._committed.get_nowait()
            except queue.Empty:
                return

    def __exit__(self, *exc) -> None:
        self._waiting.put(None)
        self._thread.join()
        if exc[0] is None:
            self._raise_failure()

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    def _load(self) -> None:
        while (item := self._waiting.get()) is not None:
            graphs, articles = item
            if self._error is not None:
                continue  # drain, so that write() never blocks on a dead writer
            try:
                self.store.load_article_graphs(graphs)
                self._committed.put(articles)
            except BaseException as exc:  # noqa: BLE001 - raised in the building thread
                self._error = exc


def _announce(articles: Iterable[Article], on_article: Callable[[Article], None] | None) -> None:
    for article in articles:
        if on_article:
            on_article(article)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def build_corpus(paths: Iterable[str | Path], store: ArticleStore, *,
                 options: ReadOptions | None = None, base: str = DEFAULT_BASE,
                 extractor: Extractor | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 jobs: int = 1, engine: BuildEngine | None = None,
                 on_article: Callable[[Article], None] | None = None,
                 on_problem: Callable[[ReadProblem], None] | None = None,
                 on_checked: Callable[[object], None] | None = None) -> BuildReport:
    """Build the graphs of every article in ``paths`` into ``store``.

    The work runs on ``engine`` when one is given (a started :class:`~conflictkg.parallel.LocalEngine`
    or :class:`~conflictkg.distributed.DaskEngine`), otherwise in ``jobs`` local processes
    (``extractor`` serves only ``jobs=1``). What an engine's check found in each batch
    (``LocalEngine(check=…)``) goes to ``on_checked``.
    """
    report = BuildReport()
    with ExitStack() as stack:
        if engine is None:
            engine = stack.enter_context(LocalEngine(jobs, extractor=extractor))
        # Workers start (and build their extractors) while the background graphs load.
        store.load_article_graphs(background_nquads(base))
        known = content_hashes(store)

        def to_build() -> Iterator[Article]:
            for item in read_articles(paths, options):
                if isinstance(item, ReadProblem):
                    report.problems.append(item)
                    if on_problem:
                        on_problem(item)
                elif known.get(iris.article_iri(item.id, base)) == item.content_hash:
                    report.unchanged += 1
                    if on_article:
                        on_article(item)
                else:
                    yield item

        writer = StoreWriter(store)
        try:
            with writer:
                for articles, outcomes in engine.article_graphs(_batches(to_build(), batch_size), base):
                    graphs = [outcome for outcome in outcomes if isinstance(outcome, SerializedGraph)]
                    writer.write(graphs, articles)
                    report.built += len(graphs)
                    for problem in (outcome for outcome in outcomes if isinstance(outcome, ReadProblem)):
                        report.problems.append(problem)
                        if on_problem:
                            on_problem(problem)
                    if on_checked:
                        for checked in (outcome for outcome in outcomes if isinstance(outcome, Checked)):
                            on_checked(checked.result)
                    _announce(writer.committed(), on_article)
        finally:  # the writer has stopped: every batch stored is announced, even when one failed
            _announce(writer.committed(), on_article)
    # Links are derived from every article in the store: relinked when any article changed
    # since they were computed, whether by this build or by one killed before it could link.
    report.linked = link_same_happenings(store, base, only_if_stale=not report.built)
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

"""Running read → extract → triples on several cores: the local build engine.

The build hands the engine batches of articles and gets back, for each batch, the articles'
graphs serialised as N-Quads (:class:`~conflictkg.store.SerializedGraph`). With ``jobs=1`` the
work runs in this process; with more, in a pool of worker processes, each of which builds its
:class:`~conflictkg.nlp.extract.Extractor` once and keeps it. Workers serialise the graphs
themselves, so the parent only reads articles and loads bytes into the store.

Memory stays flat however large the corpus: :func:`bounded_map` never has more than ``window``
batches in flight, and the parent holds nothing else per article. Batches come back in the order
they were submitted, so a build is the same whatever the number of jobs.
"""
from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from conflictkg.graph import article_graph
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.read import Article, ReadProblem
from conflictkg.store import SerializedGraph
from conflictkg.store.nquads import serialize_graph

if TYPE_CHECKING:  # imported by the workers alone: a parent of workers never reads articles itself
    from conflictkg.nlp.extract import Extractor

Batch = list[Article]
Result = TypeVar("Result")


@dataclass(frozen=True)
class Checked:
    """What a build's check (``LocalEngine(check=…)``) found in a batch's graphs, in the worker
    that made them (``build --validate``)."""

    result: Any


# What a batch gives back: each article's serialised graph, or the problem that stopped it, and
# what the check found.
ArticleOutcome = SerializedGraph | ReadProblem | Checked

ARTICLE_SECONDS = 120.0
"""Longest time one article's extraction may take before it is named as a problem and skipped."""

_worker_extractor: Extractor | None = None


class BuildEngine(Protocol):
    """Something that turns batches of articles into their serialised graphs."""

    def article_graphs(self, batches: Iterable[Batch], base: str
                       ) -> Iterator[tuple[Batch, list[ArticleOutcome]]]: ...


def worker_extractor() -> Extractor:
    """This process's extractor, built on first use (loading the catalogue takes seconds)."""
    global _worker_extractor
    if _worker_extractor is None:
        from conflictkg.nlp.extract import Extractor

        _worker_extractor = Extractor()
    return _worker_extractor


def warm_up_worker() -> None:
    """Build the extractor as the worker starts, while the parent loads the background graphs."""
    worker_extractor()


class ArticleTimeout(Exception):
    """Raised in the extracting thread when an article (or a batch) runs past its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in this thread after ``seconds`` (a timer signal).

    A no-op with no limit, or where a timer signal cannot reach the work: outside the main
    thread (Dask runs tasks in threads) or without ``setitimer``.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def serialized_article_graphs(articles: Batch, base: str = DEFAULT_BASE, extractor: Extractor | None = None,
                              article_seconds: float | None = ARTICLE_SECONDS) -> list[ArticleOutcome]:
    """The N-Quads of each article's graph: the work one batch costs a worker.

    An article whose extraction fails, or takes more than ``article_seconds``, becomes a
    :class:`ReadProblem` naming it, and the rest of its batch is still built: the batch runs
    through spaCy's ``pipe`` (fast) within one article's time limit, and only when something in
    it raises or the time runs out is it redone one article at a time, each with its own limit.
    A batch therefore costs at most one limit more than its articles' own time.
    """
    extractor = extractor or worker_extractor()
    try:
        with time_limit(article_seconds):
            return [_serialize(article, extraction, base)
                    for article, extraction in extractor.extract_many(articles, batch_size=len(articles) or 1)]
    except Exception:  # noqa: BLE001 - isolate the article below, report it there
        return [_extract_one(article, base, extractor, article_seconds) for article in articles]


def _serialize(article: Article, extraction, base: str) -> SerializedGraph:
    name, triples = article_graph(article, extraction, base)
    return serialize_graph(str(name), triples)


def _extract_one(article: Article, base: str, extractor: Extractor, seconds: float | None) -> ArticleOutcome:
    try:
        with time_limit(seconds):
            return _serialize(article, extractor.extract(article), base)
    except ArticleTimeout:
        return ReadProblem(article.origin or article.id,
                           f"extraction took more than {seconds:g} s (--article-seconds); article not stored",
                           kind="too slow to read")
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
        return ReadProblem(article.origin or article.id,
                           f"extraction failed ({type(exc).__name__}: {exc}); article not stored")


def bounded_map(executor: Executor, task: Callable[[Batch], Result], batches: Iterable[Batch],
                window: int) -> Iterator[tuple[Batch, Result]]:
    """Run ``task`` on each batch, at most ``window`` at a time, yielding results in order.

    Unlike ``Executor.map`` (which submits the whole input at once) this reads the input only
    as fast as results are consumed, so memory does not grow with the corpus.
    """
    pending: deque[tuple[Batch, Future]] = deque()
    for batch in batches:
        pending.append((batch, executor.submit(task, batch)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


class InlineExecutor(Executor):
    """Runs each task at once in this process: ``--jobs 1`` without a pool to pay for."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller by future.result(), as a pool would
            future.set_exception(exc)
        return future


def checked_batch(task: Callable[[Batch], list[ArticleOutcome]], check: Callable[[list[SerializedGraph]], Any],
                  batch: Batch) -> list[ArticleOutcome]:
    """A batch's outcomes, then what ``check`` found in its graphs."""
    outcomes = task(batch)
    return [*outcomes, Checked(check([outcome for outcome in outcomes if isinstance(outcome, SerializedGraph)]))]


class LocalEngine:
    """The build's workers on this machine: this process (``jobs=1``) or ``jobs`` processes.

    ``extractor`` is used only in-process (``jobs=1``), e.g. a test's pipeline; worker
    processes build their own. ``warm_up`` is what each worker process does as it starts;
    ``check`` (picklable) runs in the worker on each batch's graphs, and what it finds comes back
    with them. Other work on batches (validating a store) runs on the same workers through
    :meth:`map_batches`.
    """

    def __init__(self, jobs: int = 1, *, extractor: Extractor | None = None,
                 article_seconds: float | None = ARTICLE_SECONDS,
                 warm_up: Callable[[], None] = warm_up_worker,
                 check: Callable[[list[SerializedGraph]], Any] | None = None):
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.jobs = jobs
        self.extractor = extractor
        self.article_seconds = article_seconds
        self.warm_up = warm_up
        self.check = check
        self._executor: Executor | None = None

    def __enter__(self) -> LocalEngine:
        if self.jobs == 1:
            self._executor = InlineExecutor()
        else:
            # forkserver: workers start from a clean process, not a fork of one whose threads
            # (the progress bar, Oxigraph's) may hold locks at the moment of the fork.
            context = multiprocessing.get_context("forkserver")
            # The fork server dies with the build, and its workers with it (the preloaded
            # module's import asks the kernel so): a killed build leaves no process behind.
            context.set_forkserver_preload(["conflictkg.sandbox_child"])
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=self.warm_up)
            # The pool starts a worker only when a task waits for one: one empty task per worker
            # starts them all now, so they build their extractors while the build loads the
            # catalogue and reads the first batch, not after.
            for _ in range(self.jobs):
                self._executor.submit(int)
        return self

    def __exit__(self, *exc) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def article_graphs(self, batches: Iterable[Batch], base: str
                       ) -> Iterator[tuple[Batch, list[ArticleOutcome]]]:
        extractor = self.extractor if self.jobs == 1 else None
        task = partial(serialized_article_graphs, base=base, extractor=extractor,
                       article_seconds=self.article_seconds)
        if self.check is not None:
            task = partial(checked_batch, task, self.check)
        yield from self.map_batches(task, batches)

    def map_batches(self, task: Callable[[list], Result], batches: Iterable[list]) -> Iterator[tuple[list, Result]]:
        """``task`` on each batch, on the workers, the results in order."""
        if self._executor is None:
            raise RuntimeError("use the engine in a with block")
        # Two batches per worker: one being worked on, one waiting, so no worker idles.
        yield from bounded_map(self._executor, task, batches, window=2 * self.jobs)

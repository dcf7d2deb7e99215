"""Running read → extract → triples on a Dask cluster: the distributed build engine.

The build's process reads the articles (reading is cheap: thousands a second) and skips those
already built; batches of the rest go to the cluster as futures, at most two per worker at a
time. Each worker extracts its batch and writes the graphs as an N-Quads shard file, one article
after another, and returns only a small index (the shard's path and each graph's byte range).
The build's process then loads each shard into the store, in order, one transaction per shard,
and deletes it.

``scheduler="local"`` starts a :class:`~distributed.LocalCluster` on this machine; any other
value is the address of a running scheduler (``tcp://host:8786``), whose workers must see the
shard folder at the same path (a shared file system) and have conflictkg installed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from conflictkg.parallel import ArticleOutcome, Batch, bounded_map, serialized_article_graphs, warm_up_worker
from conflictkg.read import ReadProblem
from conflictkg.store import SerializedGraph


@dataclass(frozen=True)
class NQuadsShard:
    """An N-Quads file written by a worker, and where each article's graph lies in it."""

    path: str
    graphs: tuple[tuple[str, int, int], ...]  # (graph name, byte offset, byte length)
    problems: tuple[ReadProblem, ...] = ()    # articles of the batch that could not be extracted

    def read(self) -> list[SerializedGraph]:
        data = Path(self.path).read_bytes()
        return [SerializedGraph(name, data[start:start + length]) for name, start, length in self.graphs]

    def remove(self) -> None:
        Path(self.path).unlink(missing_ok=True)


def write_nquads_shard(articles: Batch, base: str, folder: str) -> NQuadsShard:
    """Extract a batch on a worker and write its graphs as one N-Quads shard.

    The shard appears under its final name only once complete (written aside, then renamed),
    so a shard that exists is always whole.
    """
    outcomes = serialized_article_graphs(articles, base)
    graphs = [outcome for outcome in outcomes if isinstance(outcome, SerializedGraph)]
    problems = tuple(outcome for outcome in outcomes if isinstance(outcome, ReadProblem))
    path = Path(folder) / f"{uuid.uuid4().hex}.nq"
    partial_path = path.with_suffix(".nq.part")
    index, offset = [], 0
    with partial_path.open("wb") as shard:
        for graph in graphs:
            shard.write(graph.nquads)
            index.append((graph.name, offset, len(graph.nquads)))
            offset += len(graph.nquads)
    os.replace(partial_path, path)
    return NQuadsShard(str(path), tuple(index), problems)


SHARD_FOLDER_PREFIX = "conflictkg-shards-"


def remove_stale_shard_folders(parent: Path | None = None) -> list[Path]:
    """Remove the temporary shard folders of builds that were killed (their process is gone).

    A build's own folder is named after its process id and removed when the build ends; one
    whose build was killed stays behind until the next build removes it here.
    """
    removed = []
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{SHARD_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(SHARD_FOLDER_PREFIX).split("-")[0]
        if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


class DaskEngine:
    """The build's workers on a Dask cluster (``scheduler="local"``: a LocalCluster here)."""

    def __init__(self, scheduler: str = "local", *, workers: int = 2, shard_folder: Path | None = None):
        self.scheduler = scheduler
        self.workers = workers
        self.shard_folder = shard_folder
        self._client = None
        self._made_folder: str | None = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster  # dask only for builds that ask for it

        if self.scheduler == "local":
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            self._client = Client(cluster)
        else:
            self._client = Client(self.scheduler)
        if self.shard_folder is None:
            remove_stale_shard_folders()
            self._made_folder = tempfile.mkdtemp(prefix=f"{SHARD_FOLDER_PREFIX}{os.getpid()}-")
            self.shard_folder = Path(self._made_folder)
        self.shard_folder.mkdir(parents=True, exist_ok=True)
        self._client.run(warm_up_worker)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            cluster = self._client.cluster if self.scheduler == "local" else None
            self._client.close()
            if cluster is not None:
                cluster.close()
            self._client = None
        if self._made_folder:
            shutil.rmtree(self._made_folder, ignore_errors=True)

    @property
    def worker_count(self) -> int:
        return sum(self._client.nthreads().values()) if self._client else self.workers

    def article_graphs(self, batches: Iterable[Batch], base: str
                       ) -> Iterator[tuple[Batch, list[ArticleOutcome]]]:
        if self._client is None:
            raise RuntimeError("use the engine in a with block")
        task = partial(write_nquads_shard, base=base, folder=str(self.shard_folder))
        # pure=False: two batches are never "the same task", whatever their content.
        executor = self._client.get_executor(pure=False)
        for batch, shard in bounded_map(executor, task, batches, window=2 * max(self.worker_count, 1)):
            yield batch, [*shard.read(), *shard.problems]
            shard.remove()  # reached once the caller has loaded the shard's graphs

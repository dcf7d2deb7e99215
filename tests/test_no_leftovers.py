"""Issue #18: a killed build leaves no process behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from test_crash_safety import write_corpus


@pytest.mark.slow
def test_a_killed_parallel_build_leaves_no_process_behind(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    # large enough that the build is still running when it is killed, on a quiet machine too
    # (400 articles could all be built within the wait below)
    write_corpus(corpus, 3000, seed=18)
    build = subprocess.Popen([sys.executable, "-m", "conflictkg", "build", str(corpus), "--store",
                              str(tmp_path / "store"), "--jobs", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        parent = psutil.Process(build.pid)
        deadline = time.monotonic() + 120
        while len(parent.children(recursive=True)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)  # the fork server and two workers
        time.sleep(1)  # the workers are busy with their first batches
        children = parent.children(recursive=True)
        assert len(children) >= 3, [c.cmdline() for c in children]
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    _, alive = psutil.wait_procs(children, timeout=15)
    assert alive == [], [(p.pid, p.cmdline()) for p in alive]
    build.stdout.close()


def test_a_killed_dask_builds_shards_are_removed_by_the_next_build(tmp_path: Path):
    from conflictkg.distributed import SHARD_FOLDER_PREFIX, remove_stale_shard_folders

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f"{SHARD_FOLDER_PREFIX}{gone.pid}-abc"
    stale.mkdir()
    (stale / "shard-0001.nq").write_text("<a:b> <a:b> <a:b> .\n")
    running = tmp_path / f"{SHARD_FOLDER_PREFIX}{os.getpid()}-def"  # a build still running: kept
    running.mkdir()
    assert remove_stale_shard_folders(tmp_path) == [stale]
    assert not stale.exists() and running.exists()

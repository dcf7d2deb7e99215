"""Issue #18: a store that cannot be used is one clear line, not a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from conflictkg.serve import free_loopback_port


def build(store: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conflictkg", "build", "--examples", "--store", store],
                          capture_output=True, text=True, timeout=300)


def test_a_store_locked_by_another_build_is_one_line(tmp_path: Path):
    folder = tmp_path / "store"
    holder = ox.Store(str(folder))  # another process's build holds the lock the same way
    try:
        run = build(str(folder))
    finally:
        del holder
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr
    assert str(folder) in run.stderr and "in use by another process" in run.stderr


def test_a_lost_sparql_endpoint_is_one_line():
    url = f"sparql+http://127.0.0.1:{free_loopback_port()}/"
    run = build(url)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.strip().count("\n") == 0 and "cannot reach the endpoint" in run.stderr

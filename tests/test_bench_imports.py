"""Every bench script imports against the package as it is: a rename in the package must not
leave a benchmark broken until someone next runs it (bench/coverage.py was, for a session)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize("module", sorted(p.stem for p in BENCH.glob("*.py") if p.stem != "__init__"))
def test_every_bench_module_imports(module, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH.parent))
    importlib.import_module(f"bench.{module}")
    assert f"bench.{module}" in sys.modules

"""Scoring the store against gold annotations (issue #4 builds it)."""
from __future__ import annotations

from pathlib import Path


def evaluate_command(store: Path, gold: Path, as_json: bool) -> int:
    raise NotImplementedError("evaluation is not built yet (issue #4)")

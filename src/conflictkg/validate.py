"""SHACL validation of the store (issue #5 builds it)."""
from __future__ import annotations

from pathlib import Path


def validate_command(store: Path, fmt: str) -> int:
    raise NotImplementedError("validation is not built yet (issue #5)")

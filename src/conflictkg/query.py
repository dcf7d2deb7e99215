"""The analysts' SPARQL query library (issue #6 builds it)."""
from __future__ import annotations

from pathlib import Path


def query_command(store: Path, name: str | None, params: tuple[str, ...], fmt: str, list_only: bool) -> int:
    raise NotImplementedError("the query library is not built yet (issue #6)")

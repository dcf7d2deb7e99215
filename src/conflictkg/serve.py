"""The read-only SPARQL endpoint and its web page (issue #6 builds it)."""
from __future__ import annotations

from pathlib import Path


def serve_command(store: Path, host: str, port: int, timeout: float) -> int:
    raise NotImplementedError("the SPARQL endpoint is not built yet (issue #6)")

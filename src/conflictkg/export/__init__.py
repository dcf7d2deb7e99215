"""Exports for Gephi, spreadsheets and Wikidata (issue #6 builds them)."""
from __future__ import annotations

from pathlib import Path


def export_command(store: Path, fmt: str, output: Path, view: str | None) -> int:
    raise NotImplementedError("export is not built yet (issue #6)")

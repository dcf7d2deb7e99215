"""Read the linguistic data files in ``conflictkg/nlp/data`` (TSV, ``#`` starts a comment line)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>``: tab-separated fields, comment and blank lines skipped."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)


def column(name: str, index: int = 0) -> tuple[str, ...]:
    return tuple(row[index] for row in read_tsv(name) if len(row) > index)

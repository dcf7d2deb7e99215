"""What a run derives from the package's own data files, kept on disk for the next run.

Parsing the catalogue and the ontology (rdflib Turtle) and canonicalising them costs about a
second at the start of every build, in the build and again in each worker, for files that
rarely change. A result is stored under a key made of the content of every file it was made
from, the code that made it and the rdflib version, so any change to any of them is picked up:
the key changes and the result is made afresh. Nothing is ever read stale; at worst the cache is
missed (or cannot be written) and the work is done as before.

The folder is ``$CONFLICTKG_CACHE``, else ``$XDG_CACHE_HOME/conflictkg``, else
``~/.cache/conflictkg``; it may be deleted at any time.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path

from conflictkg.files import atomic_write


def cache_dir() -> Path:
    if folder := os.environ.get("CONFLICTKG_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "conflictkg"


def content_key(*parts: str | bytes, files: Iterable[Path] = ()) -> str:
    """A digest of ``parts`` and of each file's name and content."""
    digest = hashlib.sha256(f"rdflib {version('rdflib')}".encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    for path in files:
        digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def cached_bytes(kind: str, key: str, make: Callable[[], bytes]) -> bytes:
    """The bytes stored as ``kind`` under ``key``, made (and stored) when there are none."""
    path = cache_dir() / f"{kind}-{key}"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        # Written beside and renamed: a reader (another worker) sees the whole file or none.
        atomic_write(path, lambda part: part.write_bytes(data))
    except OSError:
        pass  # a read-only home: no cache, the same result
    return data

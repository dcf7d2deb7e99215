"""conflictkg: Arabic conflict news in, an RDF knowledge graph out.

The Python API (see the README, "From Python"):

- :func:`open_store` opens a store and returns a :class:`KnowledgeGraph`, whose ``build`` reads
  articles (a path, a list of dicts, or one text) and whose ``query`` runs a library query by
  name with parameters;
- :class:`Results` holds the answer as Python values (ints, floats, dates, strings, labels beside
  IRIs), with ``records()``, ``column()``, ``to_pandas()`` and ``to_parquet()``;
- :func:`queries` lists the library; :class:`QueryError` is raised for a bad query or parameter,
  :class:`StoreNotFound` for a store that is not there.

Importing ``conflictkg`` loads nothing heavy: each name is imported when first used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["BuildReport", "KnowledgeGraph", "QueryError", "Results", "StoreNotFound", "__version__",
           "open_store", "queries"]

_HOMES = {"KnowledgeGraph": "conflictkg.api", "Results": "conflictkg.api", "open_store": "conflictkg.api",
          "queries": "conflictkg.api", "QueryError": "conflictkg.query", "StoreNotFound": "conflictkg.store",
          "BuildReport": "conflictkg.build"}

if TYPE_CHECKING:  # pragma: no cover
    from conflictkg.api import KnowledgeGraph, Results, open_store, queries
    from conflictkg.build import BuildReport
    from conflictkg.query import QueryError
    from conflictkg.store import StoreNotFound


def __getattr__(name: str):
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'conflictkg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

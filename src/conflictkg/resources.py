"""Where the ontology, catalogue, shapes, queries and example articles are.

In a wheel they are packaged under ``conflictkg/_resources`` (see pyproject.toml); in a source
checkout (an editable install) they are the top-level folders of the repository.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    packaged = _PACKAGE / "_resources" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parents[1] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"conflictkg resource folder {name!r} is missing from the installation")


def ontology_dir() -> Path:
    return _resource_dir("ontology")


def catalogue_dir() -> Path:
    return ontology_dir() / "catalogue"


def shapes_dir() -> Path:
    return _resource_dir("shapes")


def queries_dir() -> Path:
    return _resource_dir("queries")


def examples_dir() -> Path:
    """The example articles written for this project (plain text plus meta.jsonl)."""
    return _PACKAGE / "examples"


def example_gold_dir() -> Path:
    """A gold file for the example articles and its catalogue (the format ``evaluate`` reads);
    beside the articles, not among them: a build of the examples folder reads articles only."""
    return _PACKAGE / "example_gold"

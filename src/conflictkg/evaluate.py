"""Score the store against gold annotations: ``conflictkg evaluate GOLD.json [--store DIR]``.

The rules are the shared scorer's, not a second copy of them: :mod:`conflictkg.scoring` is that
scorer as the project ships it (``tests/test_evaluate.py`` checks that it is the same file as
``../shared/eval/score.py`` and that both give the same counts). This module only lets the
scorer read a store instead of an RDF file: it answers the scorer's SPARQL through the store.

The gold format and its reference catalogue are JSON Schemas shipped in the package
(``conflictkg/schemas/gold.schema.json``, ``gold-catalogue.schema.json``, described in the README);
a gold file is checked against them before scoring, and every error is reported by its path.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from rdflib.term import Node

from conflictkg import scoring
from conflictkg.output import say, warn
from conflictkg.schemas import SCHEMA_DIR, load_schema, schema_errors

SLOTS = ("actors", "places", "events", "events_family", "initiators", "targets", "event_place",
         "figures", "allegiances", "allegiance_family", "control")
fold_name = scoring.norm


class StoreDataset:
    """The one method of an rdflib ``Dataset`` that the scorer calls, answered by a store."""

    def __init__(self, store):
        self.store = store

    def query(self, sparql: str, initBindings: Mapping[str, Node] | None = None) -> list[tuple]:  # noqa: N803
        # Terms are written into the text as N-Triples terms (escaped by rdflib): Oxigraph only
        # substitutes variables that the SELECT projects.
        for name, term in (initBindings or {}).items():
            sparql = re.sub(rf"\?{name}\b", lambda _: term.n3(), sparql)
        return list(self.store.query(sparql).rows)


class GoldError(ValueError):
    """A gold file or its catalogue that cannot be scored; ``errors`` says where and why."""

    def __init__(self, path: Path, errors: list[str]):
        super().__init__(f"{path}: " + "; ".join(errors))
        self.path, self.errors = path, errors


def _read_json(path: Path, schema_name: str) -> dict:
    """A JSON file checked against a shipped schema; GoldError naming each problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(path, ["no such file"]) from None
    except UnicodeDecodeError:
        raise GoldError(path, ["not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise GoldError(path, [f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    errors = schema_errors(data, load_schema(schema_name))
    if errors:
        raise GoldError(path, errors)
    return data


def load_gold(path: Path) -> tuple[dict, scoring.Catalogue]:
    gold = _read_json(path, "gold.schema.json")
    catalogue = _read_json(path.parent / gold["catalogue"], "gold-catalogue.schema.json")
    return gold, scoring.Catalogue(catalogue)


def score_store(store, gold: dict, catalogue: scoring.Catalogue) -> dict:
    """Precision, recall and F1 per slot, the documents the store lacks and unmapped entities."""
    return scoring.score(StoreDataset(store), gold, catalogue)


def evaluate_command(store: Path, gold: Path, as_json: bool) -> int:
    from conflictkg.store import open_existing_store

    try:
        gold_data, catalogue = load_gold(gold)
    except GoldError as exc:
        for line in exc.errors:
            warn(f"error: {exc.path}: {line}")
        warn(f"the gold format is described in the README ('Scoring against your own annotations') "
             f"and by the JSON Schemas in {SCHEMA_DIR}")
        return 2
    with open_existing_store(store) as graph_store:
        result = score_store(graph_store, gold_data, catalogue)
    say(json.dumps(result, indent=2) if as_json else format_table(result))
    return 0


def format_table(result: dict) -> str:
    lines = [f"{'slot':<18} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for slot in SLOTS:
        s = result[slot]
        lines.append(f"{slot:<18} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                     f"{s['tp']:>4} {s['fp']:>3} {s['fn']:>3}")
    if result["missing_documents"]:
        lines.append("documents not found in the store: " + ", ".join(result["missing_documents"]))
    return "\n".join(lines)

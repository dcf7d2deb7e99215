"""`conflictkg evaluate` reads gold files checked against the JSON Schemas shipped in the package."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.resources import example_gold_dir
from conflictkg.schemas import load_schema, schema_errors
from conftest import GOLD, SHARED, needs_shared

EXAMPLE_GOLD = example_gold_dir() / "gold.json"


def evaluate(gold: Path, store: Path):
    return CliRunner().invoke(main, ["evaluate", str(gold), "--store", str(store)])


def test_the_example_gold_scores_the_example_build(example_store):
    result = evaluate(EXAMPLE_GOLD, example_store)
    assert result.exit_code == 0, result.output
    assert "allegiances" in result.output and "1.000" in result.output


@pytest.fixture
def broken_gold(tmp_path: Path) -> Path:
    shutil.copy(example_gold_dir() / "gold-catalogue.json", tmp_path)
    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    document = gold["documents"][0]
    del document["places"]
    document["events"][0]["date"] = ["2017-02-21"]
    document["events"][1]["figures"][0]["count"] = "fourteen"
    document["events"][1]["type"] = "armedclash"
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_malformed_gold_file_is_reported_by_path_without_a_traceback(broken_gold, example_store):
    result = evaluate(broken_gold, example_store)
    assert result.exit_code == 2
    assert "the gold format is described in the README" in result.output
    for line in ("documents[0]: missing 'places'",
                 "documents[0].events[0].date: expected at least 2 item(s), got 1",
                 'documents[0].events[1].figures[0].count: expected integer, got "fourteen"',
                 'documents[0].events[1].type: "armedclash" does not match'):
        assert line in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text,message", [
    ('{"catalogue": ', "not JSON: Expecting value at line 1"),
    ('{"catalogue": "nowhere.json", "documents": []}', "nowhere.json: no such file"),
    ('[]', "(the document): expected object"),
])
def test_a_gold_file_that_is_not_json_or_lacks_its_catalogue_is_named(tmp_path, example_store, text, message):
    path = tmp_path / "gold.json"
    path.write_text(text, encoding="utf-8")
    result = evaluate(path, example_store)
    assert result.exit_code == 2 and message in result.output


def test_a_catalogue_entry_without_names_is_reported(tmp_path, example_store):
    shutil.copy(EXAMPLE_GOLD, tmp_path)
    catalogue = json.loads((example_gold_dir() / "gold-catalogue.json").read_text(encoding="utf-8"))
    catalogue["places"]["tasil"]["names"] = []
    (tmp_path / "gold-catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    result = evaluate(tmp_path / "gold.json", example_store)
    assert result.exit_code == 2 and "places.tasil.names: expected at least 1 item(s), got 0" in result.output


@needs_shared(GOLD)
@pytest.mark.parametrize("gold", [GOLD, SHARED / "eval" / "dev" / "dev.gold.json"], ids=["seeds", "dev"])
def test_the_shared_gold_files_follow_the_schema(gold):
    assert schema_errors(json.loads(gold.read_text(encoding="utf-8")), load_schema("gold.schema.json")) == []
    catalogue = json.loads((gold.parent / "catalogue.json").read_text(encoding="utf-8"))
    assert schema_errors(catalogue, load_schema("gold-catalogue.schema.json")) == []


def test_a_schema_keyword_the_checker_does_not_know_is_refused():
    with pytest.raises(ValueError, match="unsupported keyword"):
        schema_errors("x", {"type": "string", "format": "date"})

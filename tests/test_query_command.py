"""``conflictkg query``: by name or file, parameters, every output format, clear errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.query import library
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import JKBW, fixture_graphs


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli") / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["query", *args], catch_exceptions=False)


def test_list_shows_every_query_with_its_title():
    result = run("--list")
    assert result.exit_code == 0
    for query in library():
        assert query.name in result.output


def test_json_results_by_name_with_a_parameter(store_dir):
    result = run("pledged-allegiance", "--store", str(store_dir), "--param", "actor=actor:islamic-state", "--format", "json")
    data = json.loads(result.output)
    groups = {b["group"]["value"] for b in data["results"]["bindings"]}
    assert JKBW in groups


def test_csv_and_tsv_and_markdown(store_dir):
    out = run("events-per-day", "--store", str(store_dir), "--format", "csv").output
    assert list(csv.reader(io.StringIO(out)))[0] == ["day", "type", "events"]
    tsv = run("events-per-day", "--store", str(store_dir), "--format", "tsv").output.splitlines()
    assert tsv[0] == "?day\t?type\t?events"
    assert tsv[1].startswith('"2017-02-19"^^<http://www.w3.org/2001/XMLSchema#date>\t<https://w3id.org/conflictkg/ontology#')
    markdown = run("events-per-day", "--store", str(store_dir), "--format", "markdown").output
    assert markdown.startswith("| day | type | events |")


def test_a_query_file_runs(store_dir, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/conflictkg/ontology#Event> }\n",
                    encoding="utf-8")
    result = run(str(path), "--store", str(store_dir), "--format", "csv")
    assert result.output.splitlines() == ["n", "4"]


def test_the_table_shows_arabic_and_counts_rows(store_dir):
    result = run("pledged-allegiance", "--store", str(store_dir))
    assert result.exit_code == 0 and "جيش خالد بن الوليد" in result.output and "row(s)" in result.output


@pytest.mark.parametrize("args,message", [
    (["no-such-query"], "no query"),
    (["events-per-day", "--param", "from=yesterday"], "not a date"),
    (["events-per-day", "--param", "nonsense"], "expected NAME=VALUE"),
    (["pledged-allegiance", "--param", "actor=<x> } DROP ALL {"], "not an IRI"),
])
def test_errors_are_one_clear_line_and_exit_2(store_dir, args, message):
    result = CliRunner().invoke(main, ["query", *args, "--store", str(store_dir)])
    assert result.exit_code == 2 and message in result.output


def test_a_missing_store_is_named(tmp_path):
    result = CliRunner().invoke(main, ["query", "events-per-day", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "no store" in result.output


@pytest.mark.parametrize("args,named,nearest", [
    (["events-by-type-and-place", "--param", "type=Airstrike"], "ck:Airstrike", "ck:AirStrike"),
    (["events-by-type-and-place", "--param", "type=ck:airstrike"], "ck:airstrike", "ck:AirStrike"),
    (["pledged-allegiance", "--param", "actor=actor:islamic-stat"], "actor:islamic-stat", "actor:islamic-state"),
    (["pledged-allegiance", "--param", "actor=actor:no-such-group"], "actor:no-such-group", "nearest"),
    (["pledged-allegiance", "--param", "actor=actor:isis"], "actor:isis", "nearest: actor:islamic-state (Islamic State)"),
    (["allegiance-network", "--param", "kind=Pledged"], "ck:Pledged", "ck:PledgedAllegiance"),
    (["events-by-type-and-place", "--param", "place=place:deraa"], "place:deraa", "place:daraa"),
])
def test_a_value_naming_nothing_is_an_error_with_the_nearest_values(store_dir, args, named, nearest):
    result = CliRunner().invoke(main, ["query", *args, "--store", str(store_dir)])
    assert result.exit_code == 2, result.output
    assert f"{named} names nothing in the graph" in result.output and nearest in result.output
    assert "row(s)" not in result.output


def test_a_known_value_in_a_bare_name_still_runs(store_dir):
    result = run("events-by-type-and-place", "--param", "type=AirStrike", "--store", str(store_dir))
    assert result.exit_code == 0 and "row(s)" in result.output


def test_results_written_to_a_file(store_dir, tmp_path):
    output = tmp_path / "allegiance.csv"
    result = run("pledged-allegiance", "--store", str(store_dir), "--format", "csv", "--output", str(output))
    assert result.exit_code == 0 and result.output == ""
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert rows[0][:2] == ["group", "group_en"] and any(JKBW in row for row in rows[1:])

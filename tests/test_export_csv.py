"""ACLED-style CSV: one row per event, ACLED's column names, cells a spreadsheet cannot run."""
from __future__ import annotations

import csv

import pytest

from conflictkg.export import export_store
from conflictkg.export.acled import ACLED_COLUMNS, ACLED_TYPES, neutralise
from conflictkg.export.store_reader import read_facts
from test_queries_fixture import fixture_store


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    export_store(fixture_store(), "csv", path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_acled_columns_come_first_and_every_event_has_a_row(rows):
    assert list(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "admin1",
            "location", "latitude", "longitude", "source", "notes", "fatalities"} <= set(rows[0])
    assert len(rows) == 4


def test_the_observatory_strike_row(rows):
    row = next(r for r in rows if r["event_iri"].endswith("fx-nawa-strike/event/AirStrike-38"))
    assert (row["event_date"], row["event_type"], row["sub_event_type"]) == \
        ("2018-07-23", "Explosions/Remote violence", "Air/drone strike")
    assert (row["actor1"], row["location"], row["admin1"]) == ("Russian Aerospace Forces", "Nawa", "Daraa Governorate")
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("32.8886", "36.0431", "12")
    assert "Syrian Observatory for Human Rights" in row["source"]
    assert row["evidence"] == "غارات" and row["time_precision"] == "1"


def test_a_date_range_has_week_precision_and_a_supporter_is_associated(rows):
    row = next(r for r in rows if "ArmedClash" in r["event_iri"])
    assert row["time_precision"] == "2" and row["actor2"] == "Free Syrian Army"
    assert row["assoc_actor_1"].startswith("كتيبة أنصار الحق")


@pytest.mark.parametrize("cell,expected", [("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1", "'+1"),
                                           ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"),
                                           ("نوى", "نوى"), ("12", "12"), (None, "")])
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


def test_a_hostile_label_reaches_the_file_neutralised(tmp_path):
    from conflictkg.export.acled import write_acled_csv

    facts = read_facts(fixture_store())
    facts.events[0].evidence = ["=HYPERLINK(\"http://x\")"]
    path = tmp_path / "hostile.csv"
    write_acled_csv(facts, path)
    with path.open(encoding="utf-8", newline="") as handle:
        evidence = [r["evidence"] for r in csv.DictReader(handle)]
    assert "'=HYPERLINK(\"http://x\")" in evidence and not any(e.startswith("=") for e in evidence)


def test_sub_event_types_are_the_ontology_notations():
    store = fixture_store()
    notations = {str(r["class"]).split("#")[1]: set() for r in store.query(
        "SELECT ?class WHERE { ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
        "<https://w3id.org/conflictkg/ontology#Event> }").dicts()}
    for row in store.query("""SELECT ?class ?n WHERE { ?class <http://www.w3.org/2004/02/skos/core#notation> ?n
                              FILTER(datatype(?n) = <https://w3id.org/conflictkg/ontology#acledSubEvent>) }""").dicts():
        notations.setdefault(str(row["class"]).split("#")[1], set()).add(str(row["n"]))
    for event_type, (_, sub_event) in ACLED_TYPES.items():
        if notations.get(event_type):
            assert sub_event in notations[event_type], event_type

"""ACLED CSV: one row per event, ACLED's 31 columns in ACLED's order, cells a spreadsheet cannot run."""
from __future__ import annotations

import copy
import csv
import re

import pytest

from conflictkg.export import export_store
from conflictkg.export.acled import ACLED_COLUMNS, COLUMNS, OUR_COLUMNS, event_row, neutralise
from conflictkg.export.store_reader import read_facts
from test_queries_fixture import fixture_store

# ACLED's export columns, in ACLED's order (the codebook's and acleddata.com exports' names).
ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    export_store(fixture_store(), "csv", path)
    return path


@pytest.fixture(scope="module")
def rows(exported):
    with exported.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def header(exported):
    with exported.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_the_header_is_acleds_31_columns_in_order_then_ours(header, rows):
    assert len(ACLED_HEADER) == 31
    assert header == ACLED_HEADER + OUR_COLUMNS == COLUMNS and ACLED_COLUMNS == ACLED_HEADER
    assert len(rows) == 4


def test_the_observatory_strike_row(rows):
    row = next(r for r in rows if r["event_iri"].endswith("fx-nawa-strike/event/AirStrike-38"))
    assert (row["event_date"], row["year"], row["disorder_type"], row["event_type"], row["sub_event_type"]) == \
        ("2018-07-23", "2018", "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert (row["actor1"], row["location"], row["admin1"], row["admin2"]) == \
        ("Russian Aerospace Forces", "Nawa", "Daraa Governorate", "Izraa District")
    assert (row["iso"], row["country"], row["region"]) == ("760", "Syria", "Middle East")
    assert (row["latitude"], row["longitude"], row["geo_precision"], row["fatalities"]) == ("32.8886", "36.0431", "1", "12")
    assert row["inter1"] == "8" and row["interaction"] == "80"     # a foreign state's force: external forces
    assert "Syrian Observatory for Human Rights" in row["source"] and row["source_scale"]
    assert row["evidence"] == "غارات" and row["time_precision"] == "1"
    assert row["timestamp"] == "1532390400"                          # 2018-07-24, the article's day, UTC


def test_notes_say_what_happened(rows):
    row = next(r for r in rows if r["event_iri"].endswith("fx-nawa-strike/event/AirStrike-38"))
    assert row["notes"] == ("Air strike by Russian Aerospace Forces in Nawa, Izraa District, Daraa Governorate, "
                            "Syria on 2018-07-23. Reported figures: 12 civilians killed. "
                            "According to Syrian Observatory for Human Rights.")


def test_no_figure_is_an_empty_fatalities_cell_not_zero(rows):
    clash = next(r for r in rows if "ArmedClash" in r["event_iri"])
    assert clash["fatalities"] == ""


def test_event_ids_are_stable_and_distinct(rows):
    again = [event_row(e, f) for f in [read_facts(fixture_store())] for e in f.events]
    assert {r["event_iri"]: r["event_id_cnty"] for r in rows} == {r["event_iri"]: r["event_id_cnty"] for r in again}
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"SYR\d{12}", i) for i in ids)


def test_admin_columns_hold_names_never_ids(rows):
    for row in rows:
        for column in ("admin1", "admin2", "admin3", "location", "country"):
            assert not re.fullmatch(r"[a-z0-9-]+", row[column]) or not row[column], (column, row[column])


def test_a_date_range_has_week_precision_and_a_supporter_is_associated(rows):
    row = next(r for r in rows if "ArmedClash" in r["event_iri"])
    assert row["time_precision"] == "2" and row["actor2"] == "Free Syrian Army"
    assert row["assoc_actor_1"].startswith("كتيبة أنصار الحق")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "2", "22")


def test_a_claimed_event_is_tagged(rows):
    taken = next(r for r in rows if "TerritoryTaken" in r["event_iri"])
    assert taken["sub_event_type"] == "Non-state actor overtakes territory" and taken["tags"] == "claimed by a party"


def test_sub_event_types_are_read_from_the_ontology():
    facts = copy.deepcopy(read_facts(fixture_store()))
    assert facts.event_classes["AirStrike"].acled == ("Air/drone strike",)
    facts.event_classes["AirStrike"].acled = ("Chemical weapon",)
    strike = next(e for e in facts.events if e.type == "AirStrike")
    assert event_row(strike, facts)["sub_event_type"] == "Chemical weapon"


def test_the_csv_round_trips_through_csv_and_pandas(tmp_path):
    path = tmp_path / "events.csv"
    export_store(fixture_store(), "csv", path)
    facts = read_facts(fixture_store())
    expected = [{k: neutralise(v) for k, v in event_row(e, facts).items()} for e in facts.events]
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == expected
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS and frame.to_dict("records") == expected


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

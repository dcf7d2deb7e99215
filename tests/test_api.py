"""The Python API: `import conflictkg`, open a store, build, run library queries, typed values."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import conflictkg as ck
from conflictkg.resources import examples_dir
from conftest import CLASH_TEXT, STRIKE_TEXT

STRIKES_WITH_AN_INITIATOR = 5   # strikes-by-initiator over the bundled examples


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    """The example articles built through the public API, into a new store folder."""
    with ck.open_store(tmp_path_factory.mktemp("api") / "store", create=True) as graph:
        report = graph.build(examples_dir())
        assert report.built == 7 and not report.failed     # its README is skipped, by name
        yield graph


def test_the_package_exports_a_documented_api_and_imports_lightly():
    assert {"open_store", "KnowledgeGraph", "Results", "queries", "QueryError", "StoreNotFound"} <= set(ck.__all__)
    assert all(getattr(ck, name).__doc__ for name in ck.__all__ if name != "__version__")
    loaded = subprocess.run([sys.executable, "-c", "import sys, conflictkg; print('rdflib' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"


def test_rows_are_python_values_with_labels_beside_iris(kg):
    strikes = kg.query("strikes-by-initiator")
    assert strikes.columns[:2] == ["initiator", "initiator_en"]
    assert all(isinstance(n, int) for n in strikes.column("events"))
    # the examples' five strikes with a named initiator ("الطيران الحربي السوري نفذ أمس نحو ثلاثين غارة" too)
    assert sum(strikes.column("events")) == STRIKES_WITH_AN_INITIATOR
    assert all(isinstance(day, dt.date) for day in strikes.column("first_day"))
    per_day = kg.query("events-per-day")
    assert "type_label" in per_day.columns  # ck:AirStrike beside "Air strike"
    labelled = dict(zip(per_day.column("type"), per_day.column("type_label")))
    assert labelled["https://w3id.org/conflictkg/ontology#AirStrike"] == "Air strike"
    assert kg.query("events-per-day", labels=False).columns == ["day", "type", "events"]


def test_parameters_as_keywords_and_python_values(kg):
    since = kg.query("events-by-type-and-place", type="AirStrike", from_=dt.date(2018, 1, 1))
    assert len(since) == 2 and all(day >= dt.date(2018, 1, 1) for day in since.column("day"))
    everything = kg.query("events-by-type-and-place", {"type": "ck:AirStrike"})
    assert len(everything) > len(since)
    assert kg.query("most-mentioned-actors", min_articles=3).records()[0]["articles"] >= 3


def test_a_value_naming_nothing_raises_with_the_nearest(kg):
    with pytest.raises(ck.QueryError, match=r"ck:Airstrike names nothing in the graph; nearest: ck:AirStrike"):
        kg.query("events-by-type-and-place", type="Airstrike")
    with pytest.raises(ck.QueryError, match="no query"):
        kg.query("who-struck-where")


def test_sparql_text_runs_too(kg):
    result = kg.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/conflictkg/ontology#Article> }")
    assert result.rows == [(7,)]


def test_a_missing_store_is_an_error_not_an_empty_graph(tmp_path):
    with pytest.raises(ck.StoreNotFound, match="create=True"):
        ck.open_store(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()


def test_build_one_text_and_a_list_of_dicts():
    with ck.open_store("oxigraph:memory") as graph:
        report = graph.build(STRIKE_TEXT)
        assert report.built == 1
        report = graph.build([{"id": "clash", "published": "2017-02-15", "title": "اشتباكات", "text": CLASH_TEXT},
                              {"id": "broken"}])
        assert report.built == 1 and len(report.problems) == 1 and "text" in str(report.problems[0])
        overview = {row["id"]: row for row in graph.query("articles-overview").records()}
        assert set(overview) == {"clash", next(i for i in overview if i.startswith("text-"))}
        assert overview["clash"]["published"] == dt.date(2017, 2, 15)
        assert graph.summary()["articles"] == 2


def test_three_library_queries_to_dataframes_with_pandas_types(kg):
    pd = pytest.importorskip("pandas", reason="pandas is optional: pip install 'conflictkg[analysis]'")
    strikes = kg.query("strikes-by-initiator").to_pandas()
    assert strikes.events.dtype == "Int64" and strikes.events.sum() == STRIKES_WITH_AN_INITIATOR  # a sum, not '11111'
    assert pd.api.types.is_datetime64_any_dtype(strikes.first_day)
    per_day = kg.query("events-per-day").to_pandas()
    july = per_day[(per_day.day >= "2018-07-01") & (per_day.day < "2018-08-01")]
    assert 0 < len(july) < len(per_day) and july.events.sum() == int(july.events.sum())
    assert per_day.type_label.dtype == "string"
    figures = kg.query("casualty-figures", outcome="Killed").to_pandas()
    assert figures["count"].dtype == "Int64" and figures["count"].sum() > 0
    assert figures.groupby("event")["count"].sum().gt(0).all()


def test_parquet_from_the_command_line(example_store, tmp_path):
    pd = pytest.importorskip("pandas", reason="pandas is optional: pip install 'conflictkg[analysis]'")
    pytest.importorskip("pyarrow", reason="pyarrow is optional: pip install 'conflictkg[analysis]'")
    from click.testing import CliRunner

    from conflictkg.cli import main

    output = tmp_path / "strikes.parquet"
    result = CliRunner().invoke(main, ["query", "strikes-by-initiator", "--store", str(example_store),
                                       "--format", "parquet", "--output", str(output)])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(output)
    assert frame.events.sum() == STRIKES_WITH_AN_INITIATOR and "initiator_en" in frame and pd.api.types.is_datetime64_any_dtype(frame.last_day)


def test_parquet_needs_an_output_file(example_store):
    from click.testing import CliRunner

    from conflictkg.cli import main

    result = CliRunner().invoke(main, ["query", "strikes-by-initiator", "--store", str(example_store), "--format", "parquet"])
    assert result.exit_code == 2 and "--output FILE" in result.output

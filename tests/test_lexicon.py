"""Every data file loads into its typed records; a bad file is refused at load, naming file and line."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from conflictkg.nlp.lexicon import (DATA_DIR, LEXICONS, Entry, EventTrigger, LexiconError, lexicon,
                                    read_records, words)


def test_every_data_file_has_a_record_class():
    assert {p.name for p in DATA_DIR.glob("*.tsv")} == set(LEXICONS)


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_every_data_file_loads_into_its_records(name):
    rows = lexicon(name)
    assert rows and all(isinstance(r, LEXICONS[name]) and r.key for r in rows)


def test_fields_are_typed_and_defaults_fill_empty_cells():
    strike = next(r for r in lexicon("event_triggers.tsv") if r.form == "غارة*")
    assert strike == EventTrigger("غارة*", "AirStrike", None, "noun")
    assert all(isinstance(r.reach, int) for r in lexicon("allegiance_patterns.tsv"))
    assert {r.includes_cue for r in lexicon("actor_cues.tsv")} == {True, False}
    assert "فصيل" in words("actor_cues.tsv")


@dataclass(frozen=True)
class Sample(Entry):
    form: str
    kind: Literal["a", "b"]
    reach: int = 3


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_reads_with_defaults(tmp_path):
    rows = read_records(write(tmp_path, "# about\n# form\tkind\treach\nx\ta\ny\tb\t-\nz\ta\t7\n"), Sample)
    assert rows == (Sample("x", "a", 3), Sample("y", "b", 3), Sample("z", "a", 7))


@pytest.mark.parametrize("text, message", [
    ("# form\tkind\nx\ta\n", "sample.tsv: the header must be one comment line '# form\tkind\treach'"),
    ("x\ta\n", "the header must be"),
    ("# form\tkind\treach\nx\tc\n", "sample.tsv, line 2: kind 'c' is not one of a, b"),
    ("# form\tkind\treach\n# note\nx\ta\tfar\n", "sample.tsv, line 3: reach must be a whole number, not 'far'"),
    ("# form\tkind\treach\nx\ta\t1\textra\n", "sample.tsv, line 2: 4 fields, the header names 3"),
    ("# form\tkind\treach\nx\n", "sample.tsv, line 2: kind is required"),
])
def test_a_bad_file_is_refused_naming_file_and_line(tmp_path, text, message):
    with pytest.raises(LexiconError, match=message.replace("(", r"\(")):
        read_records(write(tmp_path, text), Sample)


@dataclass(frozen=True)
class Dated(Entry):
    form: str
    began: dt.date


def test_a_date_column_reads_iso_days_and_refuses_others(tmp_path):
    assert read_records(write(tmp_path, "# form\tbegan\nx\t2011-03-15\n"), Dated) == (
        Dated("x", dt.date(2011, 3, 15)),)
    with pytest.raises(LexiconError, match="sample.tsv, line 2: began must be a date YYYY-MM-DD, not '2011'"):
        read_records(write(tmp_path, "# form\tbegan\nx\t2011\n"), Dated)


def test_an_undeclared_file_is_refused():
    with pytest.raises(LexiconError, match="no record class"):
        lexicon("no_such_file.tsv")

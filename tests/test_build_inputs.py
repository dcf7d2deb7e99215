"""What `conflictkg build` does with inputs that are not articles, and how it shows progress."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictkg import progress
from conflictkg.cli import main
from conflictkg.progress import count_articles
from conflictkg.resources import examples_dir

README = Path(__file__).resolve().parents[1] / "README.md"


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def test_a_readme_is_refused_and_nothing_is_created(tmp_path):
    store = tmp_path / "store"
    result = build(str(README), "--store", str(store))
    assert result.exit_code == 2
    assert "README.md: not an article file" in result.output and "nothing to build" in result.output
    assert not store.exists()


def test_a_missing_path_is_a_clear_error_and_no_empty_store(tmp_path):
    store = tmp_path / "store"
    result = build(str(tmp_path / "nope.jsonl"), "--store", str(store))
    assert result.exit_code == 2
    assert "nope.jsonl: no such file or folder" in result.output and "nothing to build" in result.output
    assert not store.exists()


def test_a_readme_beside_articles_is_named_and_the_articles_are_built(tmp_path):
    result = build(str(examples_dir()), str(README), "--store", str(tmp_path / "store"))
    assert result.exit_code == 1
    assert "README.md: not an article file" in result.output and "built 7 article(s)" in result.output


def test_progress_lines_with_total_and_time_left_when_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_EVERY_SECONDS", 0.0)
    result = build("--examples", "--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("building: ")]
    assert len(lines) == 7
    assert lines[-1].startswith("building: 7/7 articles (100%)") and "elapsed" in lines[-1]
    assert "articles/s" in lines[0] and "left" in lines[-1]


def test_no_progress_line_before_the_interval(tmp_path):
    result = build("--examples", "--store", str(tmp_path / "store"))
    assert result.exit_code == 0 and "building: " not in result.output


def test_the_total_is_counted_from_files_and_lines(tmp_path):
    records = [json.dumps({"id": str(i), "text": "نص"}) for i in range(5)]
    (tmp_path / "a.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(records[:3]), encoding="utf-8")  # no final newline
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(records) + "\n")
    (tmp_path / "d.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    files = sorted(tmp_path.iterdir())
    assert count_articles(files) == 5 + 3 + 5 + 1


def test_a_corrupt_gzip_gives_no_total(tmp_path):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert count_articles([tmp_path / "bad.jsonl.gz"]) is None


@pytest.mark.parametrize("total,done,expected", [(None, 3, "building: 3 articles"), (10, 5, "building: 5/10 articles (50%)")])
def test_the_line_says_what_it_knows(total, done, expected):
    shown = progress.BuildProgress(console=None, files=[])
    shown.total, shown.done = total, done
    assert shown.line().startswith(expected)

"""Issue #18: every input is named — what is read, what is skipped and why; bad lines and ids
spoil only themselves; file names are shown escaped."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from conflictkg import read as read_module
from conflictkg.read import Article, ReadProblem, Skipped, read_articles

# Sentences written for these tests.
STRIKE = "قصفت طائرات حربية بلدة نوى في ريف درعا صباح الثلاثاء."
CLASH = "اندلعت اشتباكات بين فصيلين على أطراف مدينة إدلب مساء أمس."


def split(results):
    results = list(results)
    articles = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    problems = [r for r in results if isinstance(r, ReadProblem) and not isinstance(r, Skipped)]
    return articles, problems, skipped


def by_origin(items) -> dict[str, str]:
    return {Path(p.origin.split(":")[0]).name if ":" in p.origin and not p.origin.startswith("/") else
            Path(p.origin).name: p.problem for p in items}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with every kind of input the issue found dropped without a word."""
    root = tmp_path / "in"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.txt").write_text(STRIKE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(CLASH, encoding="utf-8")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)       # a symlinked subfolder
    (root / "real" / "loop").symlink_to(root, target_is_directory=True)     # a loop back to the top
    (root / "dangling.txt").symlink_to(tmp_path / "gone.txt")               # a dangling symlink
    (root / "self.txt").symlink_to(root / "self.txt")                       # a symlink to itself
    os.mkfifo(root / "pipe.txt")                                            # a FIFO
    (root / "locked").mkdir()
    (root / "locked" / "c.txt").write_text(STRIKE, encoding="utf-8")
    (root / "one.json").write_text(json.dumps({"id": "j", "text": STRIKE}), encoding="utf-8")
    (root / "one.json.gz").write_bytes(gzip.compress(json.dumps({"id": "jg", "text": STRIKE}).encode()))
    (root / "zipped.txt.gz").write_bytes(gzip.compress(CLASH.encode("utf-8")))
    (root / "notes.md").write_text("# notes", encoding="utf-8")
    return root


@pytest.fixture
def locked_out(monkeypatch, folder: Path):
    """The tests run as root, whom no permission bit stops: the folder is made unreadable here."""
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(read_module.os, "scandir", scandir)
    return folder


def test_every_input_of_a_folder_is_read_or_named(locked_out: Path):
    articles, problems, skipped = split(read_articles([locked_out]))
    assert sorted(a.id for a in articles) == ["a", "b", "zipped"]  # the symlinked folder and .txt.gz are read
    named = {Path(p.origin).name: p.problem for p in problems}
    assert set(named) == {"dangling.txt", "self.txt", "pipe.txt", "locked", "one.json", "one.json.gz"}
    assert "dangling" in named["dangling.txt"] and "gone.txt" in named["dangling.txt"]
    assert "loop" in named["self.txt"] or "dangling" in named["self.txt"]
    assert "pipe" in named["pipe.txt"]
    assert "Permission denied" in named["locked"]
    assert ".jsonl" in named["one.json"] and ".jsonl" in named["one.json.gz"]
    assert {Path(s.origin).name: s.problem for s in skipped}.keys() == {"notes.md", "loop"}
    assert all(s.kind for s in skipped) and all(p.kind for p in problems)


def test_a_nul_byte_spoils_only_its_line(tmp_path: Path):
    lines = [json.dumps({"id": "bad", "text": STRIKE}, ensure_ascii=False).replace("قصفت", "قصفت\x00"),
             *(json.dumps({"id": f"good{i}", "text": CLASH}) for i in range(5))]
    path = tmp_path / "nul.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems, _ = split(read_articles([path]))
    assert [a.id for a in articles] == [f"good{i}" for i in range(5)]
    assert [p.origin for p in problems] == [f"{path}:1"]


def test_a_nul_byte_deep_in_a_text_file_refuses_it_by_name(tmp_path: Path):
    path = tmp_path / "late.txt"
    path.write_bytes((STRIKE + "\n") .encode("utf-8") * 200 + b"\x00" + CLASH.encode("utf-8"))
    assert path.stat().st_size > 8192
    articles, problems, _ = split(read_articles([path]))
    assert articles == [] and len(problems) == 1 and "NUL" in problems[0].problem


@pytest.mark.parametrize("bad_id,phrase", [([1, 2], "array"), ({"a": 1}, "object"), (1.5, "number"),
                                           ("", "empty"), ("  ", "empty"), (True, "boolean"),
                                           (False, "boolean"), ("a\nb", "control")])
def test_bad_ids_are_refused_naming_the_article(tmp_path: Path, bad_id, phrase: str):
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": STRIKE}) + "\n" + json.dumps({"id": bad_id, "text": CLASH}) + "\n",
                    encoding="utf-8")
    articles, problems, _ = split(read_articles([path]))
    assert [a.id for a in articles] == ["ok"]
    assert [p.origin for p in problems] == [f"{path}:2"] and "'id'" in problems[0].problem
    assert phrase in problems[0].problem


def test_names_are_shown_escaped(tmp_path: Path):
    path = tmp_path / "forged\nproblem: all good\x1b[2J.txt"
    path.write_bytes(b"\x00\x01binary")
    _, [problem], _ = split(read_articles([path]))
    line = str(problem)
    assert "\n" not in line and "\x1b" not in line and "\\n" in line and "\\x1b" in line

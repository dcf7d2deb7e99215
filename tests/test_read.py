"""The readers: plain text with metadata, JSON lines, gzip, folders, globs and every bad input."""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
from pathlib import Path

from conftest import CLASH_TEXT, STRIKE_TEXT, write_jsonl

from conflictkg.read import Article, ReadOptions, ReadProblem, read_articles


def split(results):
    results = list(results)
    return ([r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, ReadProblem)])


def test_plain_text_folder_with_meta(text_corpus: Path):
    articles, problems = split(read_articles([text_corpus]))
    assert problems == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"strike", "clash"}
    strike = by_id["strike"]
    assert strike.text == STRIKE_TEXT
    assert strike.title == "غارات على نوى"
    assert strike.published == dt.date(2018, 7, 24)
    assert strike.url == "https://example.org/strike" and strike.source == "test"
    assert by_id["clash"].published == dt.date(2017, 2, 15)


def test_meta_option_overrides_for_files_elsewhere(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STRIKE_TEXT, encoding="utf-8")
    meta = write_jsonl(tmp_path / "other-meta.jsonl", [{"id": "a", "published": "2018-01-02"}])
    articles, _ = split(read_articles([tmp_path / "a.txt"], ReadOptions(meta_path=meta)))
    assert articles[0].published == dt.date(2018, 1, 2)


def test_jsonl_title_blank_line_body(tmp_path: Path):
    path = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "n1", "published": "2018-07-24", "url": "u", "source": "s", "title": "عنوان", "text": "نص الخبر"},
    ])
    [article], problems = split(read_articles([path]))
    assert problems == []
    assert article.text == "عنوان\n\nنص الخبر"
    assert article.origin == f"{path}:1"


def test_gzipped_jsonl_and_glob(tmp_path: Path):
    for name in ("a", "b"):
        with gzip.open(tmp_path / f"{name}.jsonl.gz", "wt", encoding="utf-8") as out:
            out.write(json.dumps({"id": name, "title": "t", "text": CLASH_TEXT}, ensure_ascii=False) + "\n")
    articles, problems = split(read_articles([str(tmp_path / "*.jsonl.gz")]))
    assert problems == [] and sorted(a.id for a in articles) == ["a", "b"]


def test_utf16_with_bom_and_crlf_are_decoded(tmp_path: Path):
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + STRIKE_TEXT.replace("\n", "\r\n").encode("utf-16-le"))
    [article], problems = split(read_articles([path]))
    assert problems == [] and article.text == STRIKE_TEXT


def test_html_is_reduced_to_text(tmp_path: Path):
    path = tmp_path / "page.txt"
    path.write_text("<html><head><script>var x = 'قصف';</script></head><body><p>قصفت طائرات</p>"
                    "<div>بلدة نوى</div></body></html>", encoding="utf-8")
    [article], _ = split(read_articles([path]))
    assert "<" not in article.text and "script" not in article.text and "var x" not in article.text
    assert "قصفت طائرات" in article.text and "بلدة نوى" in article.text


def one_problem(tmp_path: Path, name: str, data: bytes) -> ReadProblem:
    path = tmp_path / name
    path.write_bytes(data)
    articles, problems = split(read_articles([path]))
    assert articles == [] and len(problems) == 1
    assert str(path) in str(problems[0])
    return problems[0]


def test_bad_plain_text_inputs_are_named(tmp_path: Path):
    assert one_problem(tmp_path, "latin1.txt", b"\xe9t\xe9 caf\xe9").problem == "not valid UTF-8: byte 0 (b'\\xe9')"
    assert "not valid UTF-8: byte 6" in one_problem(tmp_path, "cut.txt", "قصف".encode() + b"\xd9").problem
    assert "empty" in one_problem(tmp_path, "empty.txt", b"").problem
    assert "empty" in one_problem(tmp_path, "blank.txt", b"  \n\t ").problem
    assert "binary" in one_problem(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").problem


def test_size_limit_refuses_without_reading(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text("قصف " * 1000, encoding="utf-8")
    _, [problem] = split(read_articles([path], ReadOptions(max_bytes=100)))
    assert "limit" in problem.problem


def test_missing_path_and_empty_glob(tmp_path: Path):
    _, problems = split(read_articles([tmp_path / "nope.txt", str(tmp_path / "*.jsonl")]))
    assert [p.problem for p in problems] == ["no such file or folder", "no file matches this pattern"]


def test_bad_json_lines_name_file_and_line_and_spare_the_rest(tmp_path: Path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "good1", "text": STRIKE_TEXT},
        '{"id": "broken", "text": ',
        {"id": "notext"},
        {"id": "nulltext", "text": None},
        {"id": "numtext", "text": 42},
        "[1, 2]",
        {"id": "baddate", "text": CLASH_TEXT, "published": "2018-13-45"},
        {"id": "good2", "text": CLASH_TEXT, "published": "2018-07-24"},
    ])
    articles, problems = split(read_articles([path]))
    assert [a.id for a in articles] == ["good1", "baddate", "good2"]
    assert articles[1].published is None  # read, without the date that is not a date
    where = {p.origin.rsplit(":", 1)[1]: p.problem for p in problems}
    assert set(where) == {"2", "3", "4", "5", "6", "7"}
    assert "malformed JSON" in where["2"]
    assert "no 'text'" in where["3"] and "null" in where["4"] and "a JSON number" in where["5"]
    assert "not an object" in where["6"] and "not a date" in where["7"]
    assert not problems[-1].fatal  # the bad date did not stop the article


def test_dates_before_1900_or_in_the_future_are_problems(tmp_path: Path):
    path = write_jsonl(tmp_path / "dates.jsonl", [
        {"id": "old", "text": "نص", "published": "1850-01-01"},
        {"id": "future", "text": "نص", "published": "2999-01-01"},
    ])
    articles, problems = split(read_articles([path]))
    assert [a.published for a in articles] == [None, None]
    assert "before 1900" in problems[0].problem and "future" in problems[1].problem


def test_duplicate_id_with_different_text_is_reported_not_overwritten(tmp_path: Path):
    path = write_jsonl(tmp_path / "dups.jsonl", [
        {"id": "same", "text": STRIKE_TEXT},
        {"id": "same", "text": STRIKE_TEXT},
        {"id": "same", "text": CLASH_TEXT},
    ])
    articles, problems = split(read_articles([path]))
    assert [a.text for a in articles] == [STRIKE_TEXT]
    assert len(problems) == 1 and "duplicate id 'same' with different text" in problems[0].problem


def test_truncated_gzip_keeps_the_lines_before(tmp_path: Path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"id": f"a{i}", "text": STRIKE_TEXT}, ensure_ascii=False) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    articles, problems = split(read_articles([path]))
    assert 0 < len(articles) < 200
    assert len(problems) == 1 and "cannot read further" in problems[0].problem

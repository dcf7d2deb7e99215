"""Hostile and broken input, through `conflictkg build`: good articles stored, bad ones named.

One mixed folder of good and bad inputs is built once (the pipeline takes seconds to load);
each test then checks one promise against that build: every good article is in the store,
every bad input is named in exactly one line that says what is wrong, and the exit status
reports the failures. The 50 MB files get their own build, in a subprocess whose peak memory
is measured.
"""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictkg.catalogue import load_catalogue
from conflictkg.cli import main
from conflictkg.nlp.entities import CatalogueMatcher
from conflictkg.nlp.normalize import fold_with_offsets
from conflictkg.store.oxigraph import OxigraphStore

# Sentences written for these tests.
NAWA = "قصفت طائرات حربية بلدة نوى في ريف درعا صباح الثلاثاء."
HTS_IDLIB = "أعلنت هيئة تحرير الشام سيطرتها على قرية في ريف إدلب."
ZWNJ_ARMY = "قصف الجيش\u200c السوري بلدة نوى بالمدفعية."
RLM_HTS = "اشتبكت هيئة \u200fتحرير\u200d الشام مع فصيل آخر قرب إدلب."
MIXED_DIGITS = "قتل ١2 مدنيا و٣ أطفال في قصف على نوى."
MAX_BYTES = 20_000

SYRIAN_ARMY = "https://w3id.org/conflictkg/id/actor/syrian-government-forces"
HTS = "https://w3id.org/conflictkg/id/actor/hayat-tahrir-al-sham"
NAWA_PLACE = "https://w3id.org/conflictkg/id/place/nawa"

HTML_PAGE = textwrap.dedent("""\
    <!DOCTYPE html>
    <html><head><title>قصف نوى</title>
    <style>div.news { color: red }</style>
    <script>var hidden = "هيئة تحرير الشام"; document.write(hidden);</script></head>
    <body><div class="news" title="هيئة تحرير الشام"><p>قصفت طائرات حربية بلدة نوى.</p>
    <a href="https://example.org/x" data-actor="هيئة تحرير الشام">المصدر</a></div></body></html>
    """)


def jsonl(records: list) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


@dataclass
class MixedBuild:
    folder: Path
    store: Path
    exit_code: int
    lines: list[str]

    def text_of(self, article_id: str) -> str | None:
        rows = self.select(f"""SELECT ?text WHERE {{ ?a <http://purl.org/dc/terms/identifier> "{article_id}" ;
                               <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?text }}""")
        return str(rows[0][0]) if rows else None

    def select(self, sparql: str) -> list[tuple]:
        with OxigraphStore(self.store, read_only=True) as store:
            return store.query(sparql).rows


GOOD_IDS = {"plain", "utf8bom", "utf16le", "utf16be", "page", "snippet", "line-good", "utf16-line",
            "dup", "zwnj", "rlm", "digits", "future", "old"}

# Each bad input (file, or file:line) and a phrase its one line must carry.
BAD_INPUTS = {
    "latin1.txt": "not valid UTF-8",
    "binary.txt": "binary file",
    "archive.jsonl": "binary file",
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "empty.jsonl": "empty file",
    "lines.jsonl:2": "no 'text' field",
    "lines.jsonl:3": "'text' is null",
    "lines.jsonl:4": "'text' is a JSON number, not a string",
    "lines.jsonl:5": "'text' is a JSON array, not a string",
    "lines.jsonl:6": "'text' is a JSON object, not a string",
    "lines.jsonl:7": f"over the {MAX_BYTES:,}-byte limit (--max-bytes)",
    "lines.jsonl:8": "malformed JSON",
    "lines.jsonl:9": "nested too deeply",
    "lines.jsonl:10": "cannot be read",
    "lines.jsonl:11": "lone UTF-16 surrogate",
    "lines.jsonl:12": "duplicate id 'dup' with different text",
    "scripted.txt": "no text",
}
# Good articles whose date is refused: named once, stored without the date.
DATE_PROBLEMS = {"dates.jsonl:1": "in the future", "dates.jsonl:2": "before 1900"}


def write_mixed_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "plain.txt").write_text(f"غارات على نوى\n\n{NAWA}", encoding="utf-8")
    (folder / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + HTS_IDLIB.encode())
    (folder / "utf16le.txt").write_bytes(codecs.BOM_UTF16_LE + NAWA.replace(" ", "\r\n", 1).encode("utf-16-le"))
    (folder / "utf16be.txt").write_bytes(codecs.BOM_UTF16_BE + HTS_IDLIB.encode("utf-16-be"))
    (folder / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "snippet.txt").write_text(f"<p>{NAWA}</p>", encoding="utf-8")
    (folder / "scripted.txt").write_text("<script>alert('هيئة تحرير الشام')</script>", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Daraa: frappes aériennes".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "archive.jsonl").write_bytes(gzip.compress(jsonl([{"id": "z", "text": NAWA}]).encode()) * 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n")
    (folder / "empty.jsonl").write_bytes(b"\n\n")
    (folder / "lines.jsonl").write_text(jsonl([
        {"id": "line-good", "title": "اشتباكات", "text": HTS_IDLIB},
        {"id": "no-text", "title": "بلا نص"},
        {"id": "null-text", "text": None},
        {"id": "number-text", "text": 42},
        {"id": "list-text", "text": ["قصف", "نوى"]},
        {"id": "object-text", "text": {"ar": NAWA}},
        {"id": "huge-text", "text": "قصف " * MAX_BYTES},
        '{"id": "cut", "text": "قصف',
        "[" * 5_000 + "]" * 5_000,
        '{"id": "big-number", "text": ' + "9" * 5000 + "}",
        '{"id": "surrogate", "text": "\\ud800 قصف"}',
        {"id": "dup", "text": MIXED_DIGITS},
    ]), encoding="utf-8")
    (folder / "first.jsonl").write_text(jsonl([{"id": "dup", "text": NAWA}]), encoding="utf-8")
    (folder / "utf16.jsonl").write_bytes(codecs.BOM_UTF16_LE + jsonl([{"id": "utf16-line", "text": NAWA}]).encode("utf-16-le"))
    (folder / "marks.jsonl").write_text(jsonl([
        {"id": "zwnj", "text": ZWNJ_ARMY},
        {"id": "rlm", "text": RLM_HTS},
        {"id": "digits", "text": MIXED_DIGITS},
    ]), encoding="utf-8")
    tomorrow_next_year = dt.date.today().replace(year=dt.date.today().year + 1).isoformat()
    (folder / "dates.jsonl").write_text(jsonl([
        {"id": "future", "published": tomorrow_next_year, "text": NAWA},
        {"id": "old", "published": "1899-12-31", "text": HTS_IDLIB},
    ]), encoding="utf-8")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> MixedBuild:
    root = tmp_path_factory.mktemp("hostile")
    folder, store = root / "in", root / "store"
    write_mixed_folder(folder)
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(store), "--max-bytes", str(MAX_BYTES)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return MixedBuild(folder, store, result.exit_code, result.output.splitlines())


def stored_ids(build: MixedBuild) -> set[str]:
    rows = build.select("""SELECT ?id WHERE { ?a a <https://w3id.org/conflictkg/ontology#Article> ;
                                               <http://purl.org/dc/terms/identifier> ?id }""")
    return {str(row[0]) for row in rows}


def test_exit_status_reports_the_failures(mixed: MixedBuild):
    assert mixed.exit_code == 1
    summary = next(line for line in mixed.lines if line.startswith("built "))
    assert summary.startswith(f"built {len(GOOD_IDS)} article(s)")


def test_every_good_article_is_stored_and_no_bad_one(mixed: MixedBuild):
    assert stored_ids(mixed) == GOOD_IDS


@pytest.mark.parametrize("origin, phrase", [*BAD_INPUTS.items(), *DATE_PROBLEMS.items()])
def test_each_bad_input_is_named_in_exactly_one_clear_line(mixed: MixedBuild, origin: str, phrase: str):
    target = str(mixed.folder / origin)
    naming = [index for index, line in enumerate(mixed.lines) if _names(line, target)]
    assert len(naming) == 1, (origin, naming)
    assert mixed.lines[naming[0]].startswith("problem:")
    assert phrase in problem_message(mixed.lines, naming[0]), mixed.lines[naming[0]:naming[0] + 2]


def problem_message(lines: list[str], index: int) -> str:
    """The problem starting at ``lines[index]``, with the continuation lines a narrow console wraps."""
    message = [lines[index]]
    for line in lines[index + 1:]:
        if line.startswith(("problem:", "built ")):
            break
        message.append(line)
    return " ".join(" ".join(message).split())


def test_no_problem_line_is_wrapped(mixed: MixedBuild):
    starts = [index for index, line in enumerate(mixed.lines) if line.startswith("problem:")]
    assert all(mixed.lines[index + 1].startswith(("problem:", "built ")) for index in starts)


def _names(line: str, target: str) -> bool:
    """Whether ``line`` names exactly ``target``: problems read "origin: what is wrong"."""
    return f"{target}: " in line


def test_good_inputs_are_not_named(mixed: MixedBuild):
    problem_lines = [line for line in mixed.lines if line.startswith("problem:")]
    assert len(problem_lines) == len(BAD_INPUTS) + len(DATE_PROBLEMS), problem_lines
    for name in ("plain.txt", "utf8bom.txt", "utf16le.txt", "utf16be.txt", "page.txt", "snippet.txt",
                 "marks.jsonl:1", "marks.jsonl:2", "marks.jsonl:3", "first.jsonl:1", "utf16.jsonl:1",
                 "lines.jsonl:1"):
        assert not any(_names(line, str(mixed.folder / name)) for line in problem_lines), name


def test_utf16_and_utf8_bom_are_decoded_to_the_same_text(mixed: MixedBuild):
    assert mixed.text_of("utf16le") == NAWA.replace(" ", "\n", 1)  # CRLF becomes \n
    assert mixed.text_of("utf16be") == mixed.text_of("utf8bom") == HTS_IDLIB
    assert mixed.text_of("utf16-line") == NAWA


def test_duplicate_id_keeps_the_first_text(mixed: MixedBuild):
    assert mixed.text_of("dup") == NAWA  # first.jsonl is read before lines.jsonl


def test_refused_dates_leave_the_article_without_a_date(mixed: MixedBuild):
    rows = mixed.select("""SELECT ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id ;
                                               <http://schema.org/datePublished> ?d }""")
    assert not {"future", "old"} & {str(row[0]) for row in rows}


def mentions_of(build: MixedBuild, article_id: str) -> list[tuple[str, int, int, str]]:
    """(entity, begin, end, anchor) of every mention span in an article's graph."""
    rows = build.select(f"""
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?entity ?begin ?end ?anchor WHERE {{
          ?a <http://purl.org/dc/terms/identifier> "{article_id}" .
          ?span nif:referenceContext ?a ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?entity }}""")
    return sorted((str(e), int(b), int(n), str(t)) for e, b, n, t in rows)


@pytest.mark.parametrize("article_id", ["page", "snippet"])
def test_html_tags_and_scripts_are_never_read_as_words(mixed: MixedBuild, article_id: str):
    text = mixed.text_of(article_id)
    assert "قصفت طائرات حربية بلدة نوى" in text
    for markup in ("<", ">", "script", "style", "div", "href", "title=", "document.write", "color", "DOCTYPE"):
        assert markup not in text, markup
    mentions = mentions_of(mixed, article_id)
    assert NAWA_PLACE in {m[0] for m in mentions}
    # The actor named only in the script and in attributes is not mentioned.
    assert HTS not in {m[0] for m in mentions}
    for _, begin, end, anchor in mentions:
        assert text[begin:end] == anchor


def test_invisible_marks_are_kept_and_names_are_found_across_them(mixed: MixedBuild):
    assert mixed.text_of("zwnj") == ZWNJ_ARMY and mixed.text_of("rlm") == RLM_HTS
    zwnj = mentions_of(mixed, "zwnj")
    assert (SYRIAN_ARMY, 4, 17, "الجيش\u200c السوري") in zwnj
    rlm = mentions_of(mixed, "rlm")
    assert (HTS, 7, 25, "هيئة \u200fتحرير\u200d الشام") in rlm


def test_mixed_digits_are_kept_in_the_text_and_fold_to_one_number(mixed: MixedBuild):
    text = mixed.text_of("digits")
    assert "١2" in text and "و٣" in text
    folded = fold_with_offsets(text)
    start = folded.text.index("12")
    assert folded.to_original(start, start + 2) == (text.index("١2"), text.index("١2") + 2)


@pytest.mark.parametrize("text, entity", [("هيئة\u200fتحرير الشام", HTS), ("الجيش\u200eالسوري", SYRIAN_ARMY)])
def test_a_direction_mark_between_two_words_separates_them(text: str, entity: str):
    """Writers put direction marks where a word ends; joiners (ZWJ, ZWNJ) stay inside words."""
    matcher = CatalogueMatcher(load_catalogue())
    assert [(m.entry.iri, m.begin, m.end) for m in matcher.find(fold_with_offsets(text))] \
        == [(entity, 0, len(text))]


def test_markup_in_an_input_is_printed_not_interpreted(tmp_path: Path):
    path = tmp_path / "odd.jsonl"
    path.write_text(jsonl([{"id": "odd", "text": NAWA, "published": "[/][bold]"}]), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "'[/][bold]'" in result.output


# --------------------------------------------------------------------------- 50 MB, bounded memory

PEAK_RSS_OF_BUILD = textwrap.dedent("""\
    import resource, subprocess, sys
    done = subprocess.run([sys.executable, "-m", "conflictkg", *sys.argv[1:]], capture_output=True, text=True)
    print(done.returncode)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB on Linux
    sys.stderr.write(done.stdout + done.stderr)
    """)
FIFTY_MB = 50 * 1024 * 1024


def build_peak_rss(paths: list[Path], store: Path, *extra: str) -> tuple[int, int, str]:
    """Exit status, peak RSS in bytes and output of `conflictkg build` run in its own process."""
    done = subprocess.run([sys.executable, "-c", PEAK_RSS_OF_BUILD, "build", *map(str, paths),
                           "--store", str(store), *extra], capture_output=True, text=True, timeout=300)
    status, peak_kib = done.stdout.split()
    return int(status), int(peak_kib) * 1024, done.stderr


@pytest.mark.slow
def test_fifty_megabyte_single_line_files_are_refused_in_bounded_memory(tmp_path: Path):
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl([{"id": "good", "text": NAWA}]), encoding="utf-8")
    one_line = ("قصف نوى " * (FIFTY_MB // 14 + 1)).encode()[:FIFTY_MB]
    (tmp_path / "huge.txt").write_bytes(one_line)
    (tmp_path / "huge.jsonl").write_bytes(b'{"id": "huge", "text": "' + one_line + b'"}\n')
    with gzip.open(tmp_path / "bomb.jsonl.gz", "wb", compresslevel=1) as bomb:
        bomb.write(b'{"id": "bomb", "text": "' + b"a" * FIFTY_MB + b'"}\n')
    huge = [tmp_path / "huge.txt", tmp_path / "huge.jsonl", tmp_path / "bomb.jsonl.gz"]

    base_status, base_peak, _ = build_peak_rss([good], tmp_path / "s1")
    status, peak, output = build_peak_rss([good, *huge], tmp_path / "s2")
    assert (base_status, status) == (0, 1), output
    lines = output.splitlines()
    for path in huge:
        [index] = [index for index, line in enumerate(lines) if str(path) in line]
        assert "10,000,000-byte limit (--max-bytes)" in problem_message(lines, index), lines[index:index + 2]
    assert "built 1 article(s)" in output
    # Refusing three 50 MB inputs costs less than half of one of them: nothing is read whole.
    assert peak - base_peak < FIFTY_MB // 2, (base_peak, peak)


def test_max_bytes_is_configurable(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(NAWA, encoding="utf-8")
    size = path.stat().st_size
    refused = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s"),
                                        "--max-bytes", str(size - 1)])
    assert refused.exit_code == 1
    assert f"file is {size:,} bytes, over the {size - 1:,}-byte limit (--max-bytes)" in refused.output

"""Read news articles from plain-text files, JSON lines and gzipped JSON lines.

Every input becomes either an :class:`Article` or a :class:`ReadProblem` naming the input (file
and line) and what is wrong with it; a bad input never stops the others from being read.

The text an article carries is the text every character offset in the graph refers to: the
title, a blank line, then the body (JSON lines), or the file as decoded (plain text, whose first
line is its title). Decoding normalises to NFC and ``\\n`` line ends; HTML is reduced to its text.
"""
from __future__ import annotations

import codecs
import datetime as dt
import glob
import gzip
import hashlib
import html
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 10_000_000
"""Largest article (plain-text file or JSON ``text``) read; bigger ones are refused, not truncated."""

EARLIEST_PLAUSIBLE_DATE = dt.date(1900, 1, 1)
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
META_FILENAME = "meta.jsonl"
GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Article:
    """One news article as the extractor reads it."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str = "ar"
    origin: str = ""  # where it was read from: "file" or "file:line"

    @property
    def content_hash(self) -> str:
        """A hash of everything that shapes the article's graph, for incremental builds."""
        payload = json.dumps(
            [self.id, self.text, self.title, self.published and self.published.isoformat(),
             self.url, self.source, self.language],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read (or read only in part), and why."""

    origin: str
    problem: str
    fatal: bool = True  # False: the article was still read (e.g. without its bad date)

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem}"


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    meta_path: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)


class InputError(ValueError):
    """A problem with one input; carries the message that names it."""


# --------------------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """Decode an article's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 despite its byte-order mark ({exc.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError("binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8: byte {exc.start} ({data[exc.start:exc.start + 1]!r})") from None
    return clean_text(text)


_HTML_HINT = re.compile(r"<\s*(html|body|div|p|br|span|script|style|a|article|head)\b[^>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control characters, HTML reduced to its text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_HTML_HINT.findall(text[:20000])) >= 2:
        text = html_to_text(text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise InputError("no text (empty after decoding)")
    return text


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: scripts and styles dropped, tags never read as words."""
    from lxml import html as lxml_html  # lxml only when HTML actually arrives

    try:
        root = lxml_html.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError and friends for hopeless markup
        raise InputError(f"HTML that cannot be parsed ({exc})") from None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//h1|//h2|//h3|//li|//title"):
        block.tail = "\n" + (block.tail or "")
    text = html.unescape(root.text_content())
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t]+", " ", text))


def parse_date(value: object, today: dt.date) -> dt.date:
    """An ISO date (or the date part of an ISO timestamp) that is plausible for news."""
    if isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(f"published date {value!r} is not a date (expected YYYY-MM-DD)") from None
    else:
        raise InputError(f"published date {value!r} is not a date (expected YYYY-MM-DD)")
    if date < EARLIEST_PLAUSIBLE_DATE:
        raise InputError(f"published date {date} is before 1900")
    if date > today + dt.timedelta(days=1):
        raise InputError(f"published date {date} is in the future")
    return date


# --------------------------------------------------------------------------- records

def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def article_from_record(record: dict, *, default_id: str, body: str | None, origin: str,
                        options: ReadOptions) -> tuple[Article, list[ReadProblem]]:
    """Build an article from a JSON record (a JSON line or a metadata entry for a text file).

    ``body`` is the text of a plain-text file; for JSON lines it is None and the record's
    ``text`` (with its ``title`` in front) is used.
    """
    problems: list[ReadProblem] = []
    title = _optional_str(record, "title") or ""
    if body is None:
        raw = record.get("text")
        if raw is None:
            raise InputError("no 'text' field" if "text" not in record else "'text' is null")
        if not isinstance(raw, str):
            raise InputError(f"'text' is a {type(raw).__name__}, not a string")
        if len(raw.encode("utf-8", "surrogatepass")) > options.max_bytes:
            raise InputError(f"'text' is larger than the {options.max_bytes:,}-byte limit (--max-bytes)")
        body = clean_text(raw)
        text = f"{clean_text(title)}\n\n{body}" if title.strip() else body
    else:
        text = body
        title = title or body.split("\n", 1)[0].strip()
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_date(record["published"], options.today)
        except InputError as exc:
            problems.append(ReadProblem(origin, f"{exc}; read without a published date", fatal=False))
    raw_id = record.get("id")
    article_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and str(raw_id).strip() else default_id
    language = _optional_str(record, "language") or "ar"
    article = Article(id=article_id, text=text, title=title, published=published,
                      url=_optional_str(record, "url"), source=_optional_str(record, "source"),
                      language=language, origin=origin)
    return article, problems


# --------------------------------------------------------------------------- inputs

def expand_inputs(paths: Iterable[str | Path]) -> Iterator[Path | ReadProblem]:
    """Files named by paths, folders (recursively, sorted) and glob patterns."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p))
            if not files:
                yield ReadProblem(str(path), "folder holds no .txt, .jsonl or .jsonl.gz file")
            yield from files
        elif path.is_file():
            yield path
        elif GLOB_CHARS.search(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True) if Path(p).is_file())
            if not matches:
                yield ReadProblem(str(raw), "no file matches this pattern")
            yield from matches
        else:
            yield ReadProblem(str(raw), "no such file or folder")


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name != META_FILENAME and (name.endswith(TEXT_SUFFIXES) or name.endswith(JSONL_SUFFIXES))


def read_articles(paths: Iterable[str | Path], options: ReadOptions | None = None
                  ) -> Iterator[Article | ReadProblem]:
    """Articles from files, folders and globs, with a problem for each input that fails.

    A second article with an id already read is a problem (reported, never silently
    overwriting the first) unless its text is the same, in which case it is skipped.
    """
    options = options or ReadOptions()
    extra_meta = _load_meta(options.meta_path) if options.meta_path else {}
    meta_by_folder: dict[Path, dict[str, dict]] = {}
    seen: dict[str, tuple[str, str]] = {}
    for item in expand_inputs(paths):
        if isinstance(item, ReadProblem):
            yield item
            continue
        if item.name.lower().endswith(JSONL_SUFFIXES):
            produced = _read_jsonl(item, options)
        else:
            folder_meta = meta_by_folder.setdefault(item.parent, _folder_meta(item.parent))
            produced = _read_text_file(item, {**folder_meta, **extra_meta}, options)
        for result in produced:
            if isinstance(result, Article):
                duplicate = _check_duplicate(result, seen)
                if duplicate is not None:
                    if duplicate.fatal:
                        yield duplicate
                    continue
            yield result


def _check_duplicate(article: Article, seen: dict[str, tuple[str, str]]) -> ReadProblem | None:
    first = seen.get(article.id)
    if first is None:
        seen[article.id] = (article.content_hash, article.origin)
        return None
    if first[0] == article.content_hash:
        return ReadProblem(article.origin, f"same article as {first[1]}; skipped", fatal=False)
    return ReadProblem(article.origin, f"duplicate id {article.id!r} with different text "
                                       f"(first read at {first[1]}); not stored")


def _folder_meta(folder: Path) -> dict[str, dict]:
    meta = folder / META_FILENAME
    return _load_meta(meta) if meta.is_file() else {}


def _load_meta(path: Path) -> dict[str, dict]:
    """Metadata records by id. A bad metadata line is skipped (its article keeps no metadata)."""
    records: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"{path}: cannot read metadata ({exc})") from None
    for record in (_parse_json_line(line) for line in lines if line.strip()):
        if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
            records[str(record["id"])] = record
    return records


def _parse_json_line(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


def _read_text_file(path: Path, meta: dict[str, dict], options: ReadOptions
                    ) -> Iterator[Article | ReadProblem]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield ReadProblem(origin, f"file is {size:,} bytes, over the {options.max_bytes:,}-byte "
                                      "limit (--max-bytes); not read")
            return
        body = decode_bytes(path.read_bytes())
        record = {"id": path.stem, **meta.get(path.stem, {})}
        article, problems = article_from_record(record, default_id=path.stem, body=body,
                                                origin=origin, options=options)
    except OSError as exc:
        yield ReadProblem(origin, f"cannot read file ({exc.strerror or exc})")
        return
    except InputError as exc:
        yield ReadProblem(origin, str(exc))
        return
    yield from problems
    yield article


def _read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    stem = path.name.split(".")[0]
    lineno = 0
    try:
        with opener(path, "rb") as stream:
            for lineno, raw in enumerate(_bounded_lines(stream, options.max_bytes), start=1):
                if raw is None:
                    yield ReadProblem(f"{path}:{lineno}", f"line is over the {options.max_bytes:,}-byte "
                                                          "limit (--max-bytes); skipped")
                    continue
                if raw.strip():
                    yield from _read_json_line(raw, f"{path}:{lineno}", f"{stem}-{lineno}", options)
    except (OSError, EOFError, zlib.error) as exc:
        where = f"{path}:{lineno + 1}" if lineno else str(path)
        yield ReadProblem(where, f"cannot read further ({exc}); the lines before were read")


def _read_json_line(raw: bytes, origin: str, default_id: str, options: ReadOptions
                    ) -> Iterator[Article | ReadProblem]:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ReadProblem(origin, f"not valid UTF-8 at byte {exc.start}")
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ReadProblem(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
        return
    if not isinstance(record, dict):
        yield ReadProblem(origin, f"a JSON {type(record).__name__}, not an object")
        return
    try:
        article, problems = article_from_record(record, default_id=default_id, body=None,
                                                origin=origin, options=options)
    except InputError as exc:
        yield ReadProblem(origin, str(exc))
        return
    yield from problems
    yield article


def _bounded_lines(stream, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream, never holding more than ``max_bytes`` of one line in memory.

    An over-long line is consumed in chunks and reported as ``None``.
    """
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None
            continue
        yield line

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
import io
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 10_000_000
"""Largest article (plain-text file or JSON ``text``) read; bigger ones are refused, not truncated."""

MAX_CHARACTERS = 1_000_000
"""Longest article text (title and body, in characters) read: the Arabic pipeline's limit (spaCy's
``max_length``). ``--max-bytes`` bounds what is read from disk; this bounds what is analysed."""

EARLIEST_PLAUSIBLE_DATE = dt.date(1900, 1, 1)
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
REFUSED_SUFFIXES = {  # inputs that look like articles but are not read, and what to give instead
    ".json": "a .json file is not read: give articles as JSON lines (.jsonl, one object a line)",
    ".json.gz": "a .json.gz file is not read: give articles as gzipped JSON lines (.jsonl.gz)",
}
META_FILENAME = "meta.jsonl"
GLOB_CHARS = re.compile(r"[*?\[]")
NOT_AN_ARTICLE = ("not an article file: articles are .txt, .txt.gz, .jsonl or .jsonl.gz (.ndjson) files "
                  "(metadata goes in meta.jsonl or --meta); not read")


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
    kind: str = "unreadable input"  # what the build's summary counts it as

    def __str__(self) -> str:
        return escaped(f"{self.origin}: {self.problem}")


@dataclass(frozen=True)
class Skipped(ReadProblem):
    """An input deliberately not read (not an article file, a folder met twice): named, not a failure."""

    fatal: bool = False
    kind: str = "skipped"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escaped(text: str) -> str:
    """``text`` with every control character shown as an escape: a file name cannot forge a line."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


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
        if looks_binary(data[:8192]):
            raise InputError("binary file (NUL or control bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8: byte {exc.start} ({data[exc.start:exc.start + 1]!r})") from None
    return clean_text(text)


# C0 control bytes that never occur in text files (tab, line ends, form feed and escape do).
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


def looks_binary(head: bytes, *, any_nul: bool = True) -> bool:
    """True for the head of a binary file: a NUL byte, or more than 1 byte in 20 a control byte.

    Text (UTF-8 or not) has no NUL bytes and almost no C0 controls; images, archives and
    executables are full of them. Judging the head keeps this cheap for any file size. With
    ``any_nul=False`` one NUL byte is not enough (JSON lines: a bad line spoils only itself).
    """
    if any_nul and b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _BINARY_BYTES)
    return controls * 20 > len(head)


# A tag of a real HTML element, a comment or a doctype: the text is markup, whose tags must never
# be read as words. Prose never has these (a lone "<" or "a < b" is not a tag).
_TAG = re.compile(r"<(?:/?\s*([A-Za-z][A-Za-z0-9]*)\b[^<>]*|!--.*?--|!doctype[^<>]*)>", re.I | re.S)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def is_markup(text: str) -> bool:
    """Whether ``text`` holds any HTML tag, comment or doctype."""
    from lxml.html.defs import tags as html_element_names

    return any(match.group(1) is None or match.group(1).lower() in html_element_names
               for match in _TAG.finditer(text))


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control characters, HTML reduced to its text."""
    if _LONE_SURROGATE.search(text):
        raise InputError("text holds a lone UTF-16 surrogate (e.g. a \\ud800 escape), not valid Unicode")
    if "\x00" in text:  # stripping it would hide a corrupted input
        raise InputError(f"text holds a NUL character (at character {text.index(chr(0)):,}): "
                         "corrupted or binary; not read")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if is_markup(text):
        text = html_to_text(text)
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise InputError("no text (empty after decoding)")
    return text


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: scripts and styles dropped, tags never read as words."""
    from lxml import etree
    from lxml import html as lxml_html  # lxml only when HTML actually arrives

    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", markup))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"HTML that cannot be parsed ({exc})") from None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//h1|//h2|//h3|//li|//title"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()  # entities are already decoded: unescaping twice would forge tags
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

_JSON_TYPES = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}


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
            raise InputError(f"'text' is a JSON {_JSON_TYPES.get(type(raw), 'value')}, not a string")
        if len(raw.encode("utf-8", "surrogatepass")) > options.max_bytes:
            raise InputError(f"'text' is larger than the {options.max_bytes:,}-byte limit (--max-bytes)")
        body = clean_text(raw)
        title = _clean_title(title)
        text = f"{title}\n\n{body}" if title else body
    else:
        text = body
        title = title or body.split("\n", 1)[0].strip()
    if len(text) > MAX_CHARACTERS:
        raise InputError(f"text is {len(text):,} characters, over the {MAX_CHARACTERS:,}-character limit "
                         "of the Arabic pipeline; not read")
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_date(record["published"], options.today)
        except InputError as exc:
            problems.append(ReadProblem(origin, f"{exc}; read without a published date", fatal=False))
    article_id = _article_id(record.get("id"), default_id)
    language = _optional_str(record, "language") or "ar"
    article = Article(id=article_id, text=text, title=title, published=published,
                      url=_optional_str(record, "url"), source=_optional_str(record, "source"),
                      language=language, origin=origin)
    return article, problems


def _article_id(raw: object, default_id: str) -> str:
    """The record's id (a string or an integer), ``default_id`` when it has none; else refused."""
    if raw is None:
        return default_id
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise InputError(f"'id' is a JSON {_JSON_TYPES.get(type(raw), 'value')}, not a string or an "
                         "integer; article not stored")
    article_id = str(raw).strip()
    if not article_id:
        raise InputError("'id' is empty; article not stored")
    if _UNPRINTABLE.search(article_id):
        raise InputError(f"'id' {escaped(article_id)!r} holds control characters; article not stored")
    return article_id


def _clean_title(title: str) -> str:
    """A title cleaned like the body; a title with no text in it is no title."""
    try:
        return clean_text(title) if title.strip() else ""
    except InputError:
        return ""


# --------------------------------------------------------------------------- inputs

def expand_inputs(paths: Iterable[str | Path]) -> Iterator[Path | ReadProblem]:
    """Files named by paths, folders (recursively, sorted) and glob patterns.

    Every input is either yielded as a file to read or named as a problem (unreadable, a
    dangling symlink, a pipe, a refused format) or as skipped (not an article file, a folder
    already walked). Symlinks are followed; a folder reached twice (a loop) is walked once.
    """
    walked: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = 0
            for item in _walk(path, walked):
                files += isinstance(item, Path)
                yield item
            if not files:
                yield ReadProblem(str(path), "folder holds no .txt, .txt.gz, .jsonl or .jsonl.gz file")
        elif path.exists() or path.is_symlink():
            yield _named_file(path)
        elif GLOB_CHARS.search(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True) if Path(p).is_file())
            if not matches:
                yield ReadProblem(str(raw), "no file matches this pattern")
            yield from (_named_file(match) for match in matches)
        else:
            yield ReadProblem(str(raw), "no such file or folder")


def _named_file(path: Path) -> Path | ReadProblem:
    """A path named on the command line: read whatever its suffix, unless it cannot be."""
    return _not_a_file(path) or _refused(path) or _not_an_article(path) or path


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name != META_FILENAME and name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)


def _not_an_article(path: Path) -> ReadProblem | None:
    """A named file that holds no articles ("build README.md"), refused by name."""
    return None if _is_article_file(path) else ReadProblem(str(path), NOT_AN_ARTICLE, kind="not an article file")


def _refused(path: Path) -> ReadProblem | None:
    """The refusal of a file whose format looks like articles but is not read, or None."""
    name = path.name.lower()
    why = next((why for suffix, why in REFUSED_SUFFIXES.items() if name.endswith(suffix)), None)
    return ReadProblem(str(path), f"{why}; not read", kind="refused format") if why else None


def _not_a_file(path: Path) -> ReadProblem | None:
    """The problem with a path that is not a regular file to read, or None."""
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        return ReadProblem(str(path), f"symlink to {target} leads nowhere (dangling, or a loop); not read",
                           kind="dangling symlink")
    if not path.is_file():
        return ReadProblem(str(path), "not a regular file (a pipe, socket or device); not read",
                           kind="not a regular file")
    return None


def _walk(folder: Path, walked: set[tuple[int, int]]) -> Iterator[Path | ReadProblem]:
    """A folder's article files, depth first in name order, and a problem or a skip for the rest."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in walked:
            yield Skipped(str(folder), "a folder already read (a symlink loop or a second path to it); "
                                       "not read again", kind="folder already read")
            return
        walked.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadProblem(str(folder), f"cannot read folder ({exc.strerror or exc}); its files are not read",
                          kind="unreadable folder")
        return
    for entry in entries:
        path = Path(entry.path)
        name = entry.name.lower()
        if path.is_dir():
            yield from _walk(path, walked)
        elif name == META_FILENAME:
            continue  # read as the metadata of the folder's text files
        elif problem := _not_a_file(path):
            yield problem
        elif _is_article_file(path):
            yield path
        elif refused := _refused(path):
            yield refused
        else:
            suffix = "".join(path.suffixes[-2:]) or "no suffix"
            yield Skipped(str(path), f"not an article file ({suffix}); skipped", kind="not an article file")


def read_articles(paths: Iterable[str | Path], options: ReadOptions | None = None
                  ) -> Iterator[Article | ReadProblem]:
    """Articles from files, folders and globs, with a problem for each input that fails.

    A second article with an id already read is a problem (reported, never silently
    overwriting the first) unless its text is the same, in which case it is skipped.
    """
    options = options or ReadOptions()
    metadata = _Metadata(options)
    seen: dict[str, tuple[str, str]] = {}
    yield from metadata.take_problems()
    for item in expand_inputs(paths):
        if isinstance(item, ReadProblem):
            yield item
            continue
        if item.name.lower().endswith(JSONL_SUFFIXES):
            produced = _read_jsonl(item, options)
        else:
            produced = _read_text_file(item, metadata.for_folder(item.parent), options)
            yield from metadata.take_problems()
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


class _Metadata:
    """Metadata for plain-text files: ``--meta`` over each folder's ``meta.jsonl``, each read once.

    A metadata file's problems are reported (once) but never stop the articles it describes:
    they are read without the metadata that could not be read.
    """

    def __init__(self, options: ReadOptions):
        self.max_bytes = options.max_bytes
        self.problems: list[ReadProblem] = []
        self.given = self._load(options.meta_path) if options.meta_path else {}
        self.by_folder: dict[Path, dict[str, dict]] = {}

    def for_folder(self, folder: Path) -> dict[str, dict]:
        if folder not in self.by_folder:
            meta = folder / META_FILENAME
            self.by_folder[folder] = {**(self._load(meta) if meta.is_file() else {}), **self.given}
        return self.by_folder[folder]

    def take_problems(self) -> list[ReadProblem]:
        problems, self.problems = self.problems, []
        return problems

    def _load(self, path: Path) -> dict[str, dict]:
        records: dict[str, dict] = {}
        for item in _json_objects(path, self.max_bytes):
            if isinstance(item, ReadProblem):
                self.problems.append(ReadProblem(item.origin, f"metadata: {item.problem}", fatal=False))
            elif isinstance(item[1].get("id"), (str, int)):
                records[str(item[1]["id"])] = item[1]
            else:
                self.problems.append(ReadProblem(f"{path}:{item[0]}", "metadata without an id; skipped",
                                                 fatal=False))
        return records


def _read_text_file(path: Path, meta: dict[str, dict], options: ReadOptions
                    ) -> Iterator[Article | ReadProblem]:
    origin = str(path)
    zipped = path.name.lower().endswith(".gz")
    stem = path.name[:-len(".txt.gz")] if zipped else path.stem
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield ReadProblem(origin, f"file is {size:,} bytes, over the {options.max_bytes:,}-byte "
                                      "limit (--max-bytes); not read")
            return
        if zipped:
            with gzip.open(path, "rb") as stream:  # never more than the limit decompressed
                data = stream.read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                yield ReadProblem(origin, f"decompressed text is over the {options.max_bytes:,}-byte "
                                          "limit (--max-bytes); not read")
                return
        else:
            data = path.read_bytes()
        body = decode_bytes(data)
        record = {"id": stem, **meta.get(stem, {})}
        article, problems = article_from_record(record, default_id=stem, body=body,
                                                origin=origin, options=options)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadProblem(origin, f"cannot read file ({getattr(exc, 'strerror', None) or exc})")
        return
    except InputError as exc:
        yield ReadProblem(origin, str(exc))
        return
    yield from problems
    yield article


def _read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    stem = path.name.split(".")[0]
    for item in _json_objects(path, options.max_bytes):
        if isinstance(item, ReadProblem):
            yield item
            continue
        lineno, record = item
        origin = f"{path}:{lineno}"
        try:
            article, problems = article_from_record(record, default_id=f"{stem}-{lineno}", body=None,
                                                    origin=origin, options=options)
        except InputError as exc:
            yield ReadProblem(origin, str(exc))
            continue
        yield from problems
        yield article


# --------------------------------------------------------------------------- JSON lines

def _json_objects(path: Path, max_bytes: int) -> Iterator[tuple[int, dict] | ReadProblem]:
    """(line number, object) for each JSON line of a file, and a problem for each bad line.

    The file may be gzipped, UTF-8 or UTF-16 with a byte-order mark. A binary or empty file
    is one problem, not one per line; no line longer than ``max_bytes`` is ever held whole.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    lineno, any_line = 0, False
    try:
        with opener(path, "rb") as stream:
            head = stream.peek(8192)[:8192]
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                stream = _Utf16AsUtf8(stream)
            elif looks_binary(head, any_nul=False):
                yield ReadProblem(str(path), "binary file (control bytes), not JSON lines")
                return
            for lineno, raw in enumerate(_bounded_lines(stream, max_bytes), start=1):
                any_line = any_line or raw is None or bool(raw.strip())
                if raw is None:
                    yield ReadProblem(f"{path}:{lineno}", f"line is over the {max_bytes:,}-byte "
                                                          "limit (--max-bytes); skipped")
                elif raw.strip():
                    yield _json_object(raw, lineno, f"{path}:{lineno}")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        if lineno:
            yield ReadProblem(f"{path}:{lineno + 1}", f"cannot read further ({exc}); the lines before were read")
        else:
            yield ReadProblem(str(path), f"cannot read ({exc})")
        return
    if not any_line:
        yield ReadProblem(str(path), "empty file (no JSON lines)")


class _Utf16AsUtf8:
    """A UTF-16 byte stream read as the UTF-8 lines the JSON-lines reader takes."""

    def __init__(self, stream):
        self.text = io.TextIOWrapper(stream, encoding="utf-16")

    def readline(self, limit: int) -> bytes:
        return self.text.readline(limit).encode("utf-8")


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _json_object(raw: bytes, lineno: int, origin: str) -> tuple[int, dict] | ReadProblem:
    """One JSON line as an object, or the problem that makes it unreadable."""
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadProblem(origin, f"not valid UTF-8 at byte {exc.start}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadProblem(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return ReadProblem(origin, "JSON nested too deeply to read")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return ReadProblem(origin, f"JSON that cannot be read ({str(exc).split(':')[0]})")
    if not isinstance(record, dict):
        return ReadProblem(origin, f"a JSON {type(record).__name__}, not an object")
    # json.loads turns a lone "\\ud800" escape into a string no UTF-8 encoder accepts.
    if _ESCAPED_SURROGATE.search(line) and _LONE_SURROGATE.search(json.dumps(record, ensure_ascii=False)):
        return ReadProblem(origin, "a lone UTF-16 surrogate escape (\\udXXX): not valid Unicode")
    return lineno, record


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

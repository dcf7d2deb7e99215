"""The Python API, for notebooks and scripts: open a store, build articles into it, run the
library's questions with parameters, and get Python values (or a pandas DataFrame).

    >>> import conflictkg as ck
    >>> kg = ck.open_store("my-store", create=True)
    >>> kg.build("articles/")                                      # doctest: +SKIP
    >>> strikes = kg.query("strikes-by-initiator")                 # doctest: +SKIP
    >>> strikes.to_pandas().groupby("initiator_label").events.sum()   # doctest: +SKIP

Values are Python's: ``xsd:integer`` an ``int``, ``xsd:decimal`` and ``xsd:double`` a ``float``,
``xsd:date`` a ``datetime.date``, ``xsd:dateTime`` a ``datetime.datetime``, ``xsd:boolean`` a
``bool``, any other literal its text, an IRI its string, unbound ``None``. Beside each column of
IRIs that has no label column of its own, ``query`` adds ``COLUMN_label``: the English label,
else the Arabic one. pandas is optional (``pip install 'conflictkg[analysis]'``): without it,
everything but ``to_pandas`` and ``to_parquet`` works.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from conflictkg.query import (LibraryQuery, QueryError, check_values, find_query, library,
                              sparql_term)
from conflictkg.store import ArticleStore, QueryResult, StoreNotFound
from conflictkg.store import open_store as _open_backend

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from conflictkg.build import BuildReport

__all__ = ["KnowledgeGraph", "Results", "open_store", "queries", "python_value"]

Articles = str | Path | Mapping[str, Any] | Iterable[str | Path | Mapping[str, Any]]
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LABELS = """
SELECT ?entity (SAMPLE(?en) AS ?label_en) (SAMPLE(?ar) AS ?label_ar) WHERE {{
  VALUES ?entity {{ {iris} }}
  OPTIONAL {{ ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER(lang(?en) = "en") }}
  OPTIONAL {{ ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?ar FILTER(lang(?ar) = "ar") }}
}}
GROUP BY ?entity
"""


# ---------------------------------------------------------------------------- values
def python_value(term: Node | None) -> Any:
    """The Python value of an RDF term (see the module docstring); None when unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, (bool, int, float, dt.date, dt.datetime)):
            return value
        return str(term)  # strings, lang-tagged text, and ill-typed literals: their text
    return str(term)  # IRIs and blank nodes


def labels_of(store: ArticleStore, iris: Iterable[str], batch: int = 500) -> dict[str, str]:
    """IRI -> its English label, else its Arabic one, for the IRIs that have either."""
    wanted = sorted(set(iris))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), batch):
        chunk = " ".join(sparql_term(URIRef(iri)) for iri in wanted[start:start + batch])
        for entity, english, arabic in store.query(_LABELS.format(iris=chunk)).rows:
            if english is not None or arabic is not None:
                found[str(entity)] = str(english if english is not None else arabic)
    return found


# ---------------------------------------------------------------------------- results
@dataclass
class Results:
    """A query's answer as Python values: ``columns``, ``rows`` (tuples), or an ASK's ``boolean``."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None

    @classmethod
    def from_result(cls, result: QueryResult, store: ArticleStore | None = None) -> Results:
        """Python values from a store's result; with ``store``, a label column beside IRI columns."""
        columns = list(result.variables)
        rows = [[python_value(term) for term in row] for row in result.rows]
        if store is not None:
            for index in reversed(range(len(columns))):
                name = columns[index]
                if f"{name}_en" in columns or f"{name}_label" in columns:
                    continue
                iris = {str(row[index]) for row in result.rows if isinstance(row[index], URIRef)}
                labels = labels_of(store, iris) if iris else {}
                if labels:
                    columns.insert(index + 1, f"{name}_label")
                    for row in rows:
                        row.insert(index + 1, labels.get(row[index]))
        return cls(columns, [tuple(row) for row in rows], result.boolean)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Each row as a dict from column to value."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list:
        """The values of one column, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_pandas(self) -> pandas.DataFrame:
        """A DataFrame with pandas' own types: ``Int64`` and ``Float64`` numbers, ``datetime64``
        dates (``NaT`` when unknown), ``boolean``, and ``string`` for text and IRIs."""
        pd = _pandas()
        return pd.DataFrame({name: _series(pd, self.column(name)) for name in self.columns},
                            columns=self.columns)

    def to_parquet(self, path: str | Path) -> None:
        """Write the DataFrame as Parquet (needs pyarrow), whole or not at all."""
        from conflictkg.files import atomic_write

        frame = self.to_pandas()
        atomic_write(Path(path), lambda tmp: frame.to_parquet(tmp, index=False))


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas: pip install 'conflictkg[analysis]' "
                          "(rows, records() and column() work without it)") from None
    return pandas


def _series(pd, values: list):
    kinds = {type(value) for value in values if value is not None}
    if kinds and kinds <= {int}:
        return pd.array(values, dtype="Int64")
    if kinds and kinds <= {int, float}:
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    if kinds and kinds <= {bool}:
        return pd.array(values, dtype="boolean")
    if kinds and kinds <= {dt.date}:
        return pd.to_datetime(pd.Series(values, dtype="object"))
    if kinds and kinds <= {dt.datetime}:
        return pd.to_datetime(pd.Series(values, dtype="object"), utc=any(v.tzinfo for v in values if v))
    return pd.array([None if v is None else str(v) for v in values], dtype="string")


# ---------------------------------------------------------------------------- the graph
def _parameter_values(params: Mapping[str, Any]) -> dict[str, str]:
    """Python values as the text a parameter parses: dates in ISO form, ``from_`` as ``from``."""
    values = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()[:10]
        values[name.removesuffix("_") if name.endswith("_") else name] = str(value)
    return values


def _looks_like_text(value: str) -> bool:
    """A string given to ``build`` is an article's text, not a path, when it has a line break or
    Arabic letters and names no file."""
    if "\n" not in value and not _ARABIC.search(value):
        return False
    try:
        return not Path(value).exists()
    except OSError:  # too long for a path
        return True


def _stage(articles: Articles, folder: Path) -> list[str]:
    """The paths to build: paths as given, texts and dicts written into ``folder`` first."""
    if isinstance(articles, (str, Path, Mapping)):
        articles = [articles]
    paths: list[str] = []
    records: list[Mapping] = []
    for item in articles:
        if isinstance(item, Mapping):
            records.append(item)
        elif isinstance(item, str) and _looks_like_text(item):
            name = "text-" + hashlib.sha256(item.encode("utf-8")).hexdigest()[:16]
            (folder / f"{name}.txt").write_text(item, encoding="utf-8")
            paths.append(str(folder / f"{name}.txt"))
        elif isinstance(item, (str, Path)):
            paths.append(str(item))
        else:
            raise TypeError(f"cannot build {type(item).__name__}: give paths, texts or dicts")
    if records:
        with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(dict(record), ensure_ascii=False, default=str) + "\n")
        paths.append(str(folder / "articles.jsonl"))
    return paths


class KnowledgeGraph:
    """A conflictkg store, opened: build into it, query it, close it (or use ``with``)."""

    def __init__(self, store: ArticleStore, location: str):
        self.store, self.location = store, location

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.location!r})"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def build(self, articles: Articles, *, jobs: int = 1, max_bytes: int | None = None) -> BuildReport:
        """Read, extract and store articles: a path (file, folder, glob), an article's text (its
        first line is the title), a dict of a JSON line (``id``, ``published``, ``url``,
        ``source``, ``title``, ``text``), or a list of any of them. Returns the build's report:
        how many were built or unchanged, and every input that could not be read (``problems``)."""
        from conflictkg.build import build_corpus
        from conflictkg.read import DEFAULT_MAX_BYTES, ReadOptions

        with tempfile.TemporaryDirectory(prefix="conflictkg-build-") as folder:
            paths = _stage(articles, Path(folder))
            options = ReadOptions(max_bytes=max_bytes or DEFAULT_MAX_BYTES)
            return build_corpus(paths, self.store, options=options, jobs=jobs)

    def query(self, query: str | Path, params: Mapping[str, Any] | None = None, /, *,
              labels: bool = True, **more: Any) -> Results:
        """Run a library query by name (``"events-by-type-and-place"``), a ``.rq`` file, or SPARQL
        text, with parameters as a dict or keywords (``type="AirStrike"``, ``from_=date(2018, 7, 1)``;
        a trailing ``_`` is dropped, for Python's reserved words). A value that names nothing in
        the graph raises QueryError with the nearest known values."""
        values = _parameter_values({**(params or {}), **more})
        text = str(query)
        if any(character.isspace() for character in text.strip()):  # SPARQL, not a name or path
            if values:
                raise QueryError("parameters are for library queries; write them into your SPARQL")
            result = self.store.query(text)
        else:
            library_query = find_query(text)
            check_values(self.store, library_query, values)
            result = self.store.query(library_query.bound(values))
        return Results.from_result(result, self.store if labels else None)

    def summary(self) -> dict[str, int]:
        """How many articles, actors, places, events, allegiances and control facts the graph holds."""
        from conflictkg.build import summarise

        return summarise(self.store)


def open_store(location: str | Path = "conflictkg-store", *, create: bool = False,
               read_only: bool = False) -> KnowledgeGraph:
    """Open a store: an Oxigraph folder, ``"memory:"``/``"oxigraph:memory"``, or a SPARQL endpoint
    (``"sparql+http://host:port/path/"``). A folder that does not exist is an error unless
    ``create=True``, so that a mistyped path never reads as an empty graph."""
    spec = str(location)
    local = "://" not in spec and spec not in ("memory:", "oxigraph:memory")
    if local and not Path(spec).is_dir() and not create:
        raise StoreNotFound(f"no store at {spec}: build one first, or open_store({spec!r}, create=True)")
    return KnowledgeGraph(_open_backend(spec, read_only=read_only), spec)


def parquet_command(store: str | Path, name: str | None, params: tuple[str, ...], output: Path | None) -> int:
    """``conflictkg query NAME --format parquet --output FILE``: the typed, labelled table as Parquet."""
    from conflictkg.output import say, warn
    from conflictkg.query import parse_params

    try:
        if not name or output is None:
            raise QueryError("--format parquet writes a file: give a query NAME and --output FILE")
        with open_store(store, read_only=True) as graph:
            graph.query(name, parse_params(params)).to_parquet(output)
    except (QueryError, OSError, SyntaxError, RuntimeError, ImportError) as exc:
        warn(f"error: {exc}")
        return 2
    say(f"wrote {Path(output).resolve()}")
    return 0


def queries() -> list[LibraryQuery]:
    """The library's queries: each with ``name``, ``title``, ``answers`` and ``parameters``."""
    return library()

"""The analysts' SPARQL query library: find a query, bind its parameters, write its results.

Each ``queries/NAME.rq`` opens with a header of ``#`` comments::

    # title: Events by type and place over a date range
    # answers: Every event of one type in a place, or anywhere inside it, between two dates.
    # param: type  iri:ck  ck:AirStrike  the event class (AirStrike, Shelling, …)
    # param: from  date    UNDEF         first day, inclusive; UNDEF means no bound

A parameter is bound as an RDF term, never pasted in as text. The value a user types is parsed
into a typed term (an IRI checked against the IRI grammar, an ``xsd:date`` checked as a date,
an integer, a string), and that term, serialised with every quote and backslash escaped, goes
into one ``VALUES`` row placed first in the query's top-level ``WHERE`` group. ``VALUES`` is
SPARQL's own way to bind variables, so the engine (Oxigraph or rdflib) parses the term itself;
a value such as ``"} ; DROP ALL ; {`` is a string literal, never code. (Oxigraph's SEP-0007
``substitutions`` would be the other way, but only bind variables that the SELECT projects,
which would force every parameter into every answer.) A parameter left ``UNDEF`` is unbound,
so queries write ``FILTER(!BOUND(?from) || ?day >= ?from)`` for optional filters.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from conflictkg.resources import queries_dir
from conflictkg.store import ArticleStore, QueryResult
from conflictkg.store.terms import PREFIXES

UNDEF = "UNDEF"
PARAMETER_KINDS = ("iri", "date", "integer", "string")
OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "markdown", "xml")

# IRIREF of the SPARQL grammar, with a scheme: no spaces, no <>"{}|^`\ .
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*$')
_PREFIXED = re.compile(r"^([A-Za-z][\w\-]*):(\S*)$")
_HEADER = re.compile(r"^#\s*(title|answers|param)\s*:\s*(.*?)\s*$")


class QueryError(ValueError):
    """A query or a parameter value that cannot be used; the message says why."""


# ---------------------------------------------------------------------------- parameters
@dataclass(frozen=True)
class Parameter:
    """A query parameter declared in the header: ``# param: NAME KIND DEFAULT DESCRIPTION``.

    ``KIND`` is ``iri`` (optionally ``iri:PREFIX``, the prefix a bare local name is read in),
    ``date``, ``integer`` or ``string``. ``DEFAULT`` is a value of that kind or ``UNDEF``.
    """

    name: str
    kind: str
    default: str | None
    description: str = ""

    @classmethod
    def from_header(cls, text: str) -> Parameter:
        parts = text.split(None, 3)
        if len(parts) < 3:
            raise QueryError(f"parameter header {text!r}: expected NAME KIND DEFAULT [DESCRIPTION]")
        name, kind, default = parts[:3]
        if kind.split(":")[0] not in PARAMETER_KINDS:
            raise QueryError(f"parameter {name}: unknown kind {kind!r} (use {', '.join(PARAMETER_KINDS)})")
        parameter = cls(name, kind, None if default == UNDEF else default, parts[3] if len(parts) > 3 else "")
        if parameter.default is not None:
            parameter.term(parameter.default)  # a bad default is the library's bug: fail on load
        return parameter

    def term(self, value: str) -> Node:
        """The RDF term for a value typed by a user; QueryError if it is not of this kind."""
        base_kind, _, prefix = self.kind.partition(":")
        if base_kind == "iri":
            return URIRef(_expand_iri(value.strip(), prefix or None, self.name))
        if base_kind == "date":
            try:
                return Literal(dt.date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
            except ValueError:
                raise QueryError(f"parameter {self.name}: {value!r} is not a date (YYYY-MM-DD)") from None
        if base_kind == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise QueryError(f"parameter {self.name}: {value!r} is not an integer")
            return Literal(str(int(value)), datatype=XSD.integer)
        return Literal(value)


def _expand_iri(value: str, default_prefix: str | None, name: str) -> str:
    """An absolute IRI from ``<iri>``, ``http://…``, ``prefix:local`` or a bare local name."""
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif (match := _PREFIXED.match(value)) and match.group(1) in PREFIXES:
        value = PREFIXES[match.group(1)] + match.group(2)
    elif default_prefix and re.fullmatch(r"[\w\-.]+", value):
        value = PREFIXES[default_prefix] + value
    if not _IRI.match(value):
        raise QueryError(f"parameter {name}: {value!r} is not an IRI (give <http://…>, a prefixed "
                         f"name such as {default_prefix or 'ck'}:Name, or a bare name)")
    return value


def sparql_term(term: Node) -> str:
    """A term in SPARQL syntax with every character that could end it escaped."""
    if isinstance(term, URIRef):
        if not _IRI.match(str(term)):
            raise QueryError(f"{str(term)!r} is not an IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = (str(term).replace("\\", "\\\\").replace('"', '\\"')
                .replace("\n", "\\n").replace("\r", "\\r"))
        if term.language:
            return f'"{body}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{body}"^^{sparql_term(URIRef(term.datatype))}'
        return f'"{body}"'
    raise QueryError(f"cannot bind {term!r} as a parameter")


# ---------------------------------------------------------------------------- the library
@dataclass(frozen=True)
class LibraryQuery:
    """One ``.rq`` file: its text, and what its header says."""

    name: str
    path: Path
    text: str
    title: str
    answers: str
    parameters: tuple[Parameter, ...]

    @classmethod
    def from_file(cls, path: Path) -> LibraryQuery:
        text = path.read_text(encoding="utf-8")
        fields: dict[str, str] = {}
        parameters = []
        for line in text.splitlines():
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            if match := _HEADER.match(line):
                key, value = match.groups()
                if key == "param":
                    parameters.append(Parameter.from_header(value))
                else:
                    fields[key] = value
        return cls(path.stem, path, text, fields.get("title", path.stem), fields.get("answers", ""),
                   tuple(parameters))

    def terms(self, values: Mapping[str, str] | None = None) -> dict[str, Node | None]:
        """Each parameter's term: the given value, else its default (None: UNDEF)."""
        values = dict(values or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"{self.name}: no parameter {', '.join(unknown)} "
                             f"(it has: {', '.join(known) or 'none'})")
        terms = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            terms[parameter.name] = None if value is None or value == UNDEF else parameter.term(value)
        return terms

    def bound(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with its parameters bound by a VALUES row (module docstring)."""
        terms = self.terms(values)
        if not terms:
            return self.text
        row = " ".join("UNDEF" if term is None else sparql_term(term) for term in terms.values())
        variables = " ".join(f"?{name}" for name in terms)
        block = f"\n  VALUES ({variables}) {{ ({row}) }}  # parameters\n"
        at = where_group_start(self.text)
        return self.text[:at] + block + self.text[at:]


def library(folder: Path | None = None) -> list[LibraryQuery]:
    """Every query of the library, by name."""
    return [LibraryQuery.from_file(path) for path in sorted((folder or queries_dir()).glob("*.rq"))]


def find_query(name_or_path: str) -> LibraryQuery:
    """A library query by name (``events-per-day``) or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return LibraryQuery.from_file(path)
    candidate = queries_dir() / f"{name_or_path.removesuffix('.rq')}.rq"
    if candidate.is_file():
        return LibraryQuery.from_file(candidate)
    names = ", ".join(q.name for q in library())
    raise QueryError(f"no query {name_or_path!r}: neither a file nor one of the library ({names})")


# ---------------------------------------------------------------------------- SPARQL tokens
# One pass over the query text, left to right: strings, IRIs and comments are whole tokens, so a
# keyword or a brace inside them is never mistaken for syntax.
_TOKEN = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^\x00-\x20<>"{}|^`\\]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[A-Za-z_][\w\-]*(?::[\w\-.]*)?|[?$]\w+)
  | (?P<punct>[{}()])
  | (?P<other>\S)
''', re.VERBOSE)


def sparql_tokens(text: str) -> Iterator[re.Match]:
    """The tokens of a SPARQL text that matter for structure (no whitespace)."""
    return _TOKEN.finditer(text)


def keywords(text: str) -> set[str]:
    """Every bare word of the text outside strings, IRIs and comments, upper-cased."""
    return {m.group("word").upper() for m in sparql_tokens(text) if m.group("word")}


def where_group_start(text: str) -> int:
    """The offset just inside the ``{`` that opens the query's top-level WHERE group."""
    depth, seen_where, first_brace = 0, False, None
    for token in sparql_tokens(text):
        if token.group("word") and token.group("word").upper() == "WHERE" and depth == 0:
            seen_where = True
        elif token.group("punct") in ("{", "("):
            if token.group("punct") == "{" and depth == 0:
                if seen_where:
                    return token.end()
                first_brace = token.end() if first_brace is None else first_brace
            depth += 1
        elif token.group("punct") in ("}", ")"):
            depth -= 1
    if first_brace is None:
        raise QueryError("cannot find the query's WHERE group to bind parameters in")
    return first_brace


# ---------------------------------------------------------------------------- results
def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def _ntriples(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return sparql_term(term)


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        cell["datatype"] = str(term.datatype)
    return cell


def results_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(str(term))}</literal>"
    if term.datatype and term.datatype != XSD.string:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{xml_escape(str(term))}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def results_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    lines.append("</head>")
    if result.boolean is not None:
        lines.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row) if t is not None)
            lines.append(f"<result>{cells}</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def results_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables if result.boolean is None else ["boolean"])
    if result.boolean is not None:
        writer.writerow(["true" if result.boolean else "false"])
    for row in result.rows:
        writer.writerow([_plain(t) for t in row])
    return buffer.getvalue()


def results_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in SPARQL/Turtle syntax (tabs and newlines escaped)."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_ntriples(t).replace("\t", "\\t") for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def results_markdown(result: QueryResult) -> str:
    def cell(term: Node | None) -> str:
        return _plain(term).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


WRITERS = {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv,
           "markdown": results_markdown}


def _compact(term: Node | None) -> str:
    """An IRI shortened by the project's prefixes, for reading in a terminal."""
    text = _plain(term)
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
    return text


def graph_turtle(result: QueryResult) -> str:
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in result.triples or []:
        graph.add(triple)
    return graph.serialize(format="turtle")


def print_table(result: QueryResult, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    if result.boolean is not None:
        console.print("yes" if result.boolean else "no")
        return
    table = Table(*result.variables, show_lines=False)
    for row in result.rows:
        table.add_row(*(_compact(t) for t in row), end_section=False)
    console.print(table)
    console.print(f"{len(result.rows)} row(s)", style="dim")


# ---------------------------------------------------------------------------- checking values
_KNOWN = "ASK {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} }}"
_NEIGHBOURS = """
SELECT DISTINCT ?entity ?label ?name WHERE {{
  ?entity a ?class .
  FILTER(STRSTARTS(STR(?entity), {namespace}))
  OPTIONAL {{ ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = "en") }}
  OPTIONAL {{ ?entity <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name }}
}}
"""


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def _folded(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


def nearest_entities(store: ArticleStore, iri: str, limit: int = 5) -> list[str]:
    """Known IRIs of ``iri``'s namespace whose local name, or one of whose labels or aliases
    (any language: ``isis`` finds the Islamic State), is nearest to ``iri``'s local name,
    compacted and labelled (``actor:islamic-state (Islamic State)``), nearest first."""
    import difflib

    namespace = _namespace(iri)
    wanted = _folded(iri[len(namespace):])
    rows = store.query(_NEIGHBOURS.format(namespace=sparql_term(Literal(namespace)))).rows
    keys: dict[str, str] = {}
    for entity, label, name in rows:
        shown = _compact(entity) + (f" ({label})" if label is not None else "")
        keys.setdefault(_folded(str(entity)[len(namespace):]), shown)
        if name is not None:
            keys.setdefault(_folded(str(name)), shown)
    chosen: list[str] = []
    for key in difflib.get_close_matches(wanted, list(keys), n=limit * 2, cutoff=0.5):
        if keys[key] not in chosen:
            chosen.append(keys[key])
    return chosen[:limit]


def check_values(store: ArticleStore, query: LibraryQuery, values: Mapping[str, str] | None) -> None:
    """QueryError for a given IRI value that names nothing in the graph (a class, a kind, an
    actor, a place), with the nearest known values: a typo never answers "0 rows" in silence."""
    terms = query.terms(values)
    for name in values or {}:
        term = terms.get(name)
        if not isinstance(term, URIRef) or store.query(_KNOWN.format(iri=sparql_term(term))).boolean:
            continue
        nearest = nearest_entities(store, str(term))
        hint = f"; nearest: {', '.join(nearest)}" if nearest else ""
        raise QueryError(f"parameter {name}: {_compact(term)} names nothing in the graph{hint}")


# ---------------------------------------------------------------------------- running
def run_query(store: ArticleStore, query: LibraryQuery, values: Mapping[str, str] | None = None
              ) -> QueryResult:
    """Run a library query with its parameters bound."""
    return store.query(query.bound(values))


def parse_params(params: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs from the command line (the value may itself hold ``=``)."""
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def list_library(console) -> None:
    from rich.table import Table

    table = Table("name", "title", "parameters (defaults)")
    for query in library():
        params = ", ".join(f"{p.name}={p.default or UNDEF}" for p in query.parameters)
        table.add_row(query.name, query.title, params)
    console.print(table)


def query_command(store: Path, name: str | None, params: tuple[str, ...], fmt: str, list_only: bool,
                  output: Path | None = None) -> int:
    """``conflictkg query``: list the library, or run one query and print (or write) its results."""
    from rich.console import Console

    from conflictkg.store import open_existing_store

    # Piped output is not cut to 80 columns: IRIs and Arabic labels stay whole for the reader.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 400)
    errors = Console(stderr=True, highlight=False)
    if list_only:
        list_library(console)
        return 0
    try:
        if not name:
            raise QueryError("give a query NAME or FILE (see conflictkg query --list)")
        query = find_query(name)
        values = parse_params(params)
        text = query.bound(values)
        with open_existing_store(store) as graph_store:
            check_values(graph_store, query, values)
            result = graph_store.query(text)
    except (QueryError, OSError, SyntaxError, RuntimeError) as exc:
        errors.print(f"error: {exc}", markup=False, soft_wrap=True)  # one line, the value as given
        return 2
    if result.triples is not None:  # CONSTRUCT or DESCRIBE: the graph itself, in Turtle
        text = graph_turtle(result)
    elif fmt == "table" and output is None:
        print_table(result, console)
        return 0
    else:
        text = WRITERS["tsv" if fmt == "table" else fmt](result)
    if output is None:
        sys.stdout.write(text)
    else:
        from conflictkg.files import atomic_write

        atomic_write(output, lambda path: path.write_text(text, encoding="utf-8"))
    return 0

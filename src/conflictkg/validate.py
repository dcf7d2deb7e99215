"""SHACL validation of the graph, in words an analyst can act on.

The shapes (``shapes/**/*.ttl``, one file per concern) are run with pySHACL, without inference:
the few ``rdfs:subClassOf`` triples of the ontology that ``sh:class`` and ``sh:targetClass``
need are added to the data graph instead, which costs nothing and gives the same answer.

Validation is incremental. The catalogue is validated once (:func:`validate_background`); an
article is validated with its own named graph plus only the part of the catalogue it reaches
(:meth:`Background.context_for`), so its cost grows with the article, not with the store or the
catalogue. :func:`validate_article` is what a build calls on each new article;
:func:`validate_store` runs both over a whole store.

Every result becomes a :class:`Finding`: its severity, the label of the node it is about, the
article and the Arabic text span that the node was read from, and the shape's message in
English and Arabic.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

import pyshacl
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from conflictkg import iris
from conflictkg.namespaces import CK, CK_IRI, DEFAULT_BASE, NIF
from conflictkg.output import say
from conflictkg.resources import shapes_dir
from conflictkg.store import ArticleStore, Triple

SEVERITIES = ("Violation", "Warning", "Info")
CATALOGUE = "catalogue"  # the "article" of a finding about the catalogue itself

_GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
# What the shapes need from the ontology: the class hierarchy (for sh:class and sh:targetClass)
# and each allegiance kind's direct edge (for the direct-edge check).
_SCHEMA_PREDICATES = (RDFS.subClassOf, CK.directEdge)


# ---------------------------------------------------------------------------- shapes


@lru_cache(maxsize=4)
def load_shapes(folder: Path | None = None) -> Graph:
    """All the shapes files of ``folder`` (the packaged ``shapes/`` by default) and of its
    subfolders (``text/``: checks stock engines may leave out, shapes/README.md), as one graph."""
    graph = Graph()
    for path in sorted((folder or shapes_dir()).rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=256)
def _prepared(sparql: str) -> Query:
    return prepareQuery(sparql)


class PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL hands rdflib the text of a SPARQL constraint each time it runs it, and rdflib parses
    it each time (≈70 ms). The shapes' SPARQL constraints run once per shape (shapes/README.md),
    but validation runs once per article: parsed once, they are parsed once per process.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validate(data_graph: Graph, shapes_graph: Graph | None = None) -> tuple[bool, Graph, str]:
    """Run the shapes over ``data_graph``: ``(conforms, report_graph, report_text)``.

    ``conforms`` is False only when there is a violation; warnings do not make a graph fail.
    The data graph is expected to carry the class hierarchy it needs (no inference is run);
    it is not changed.
    """
    data = data_graph if isinstance(data_graph, PreparedQueryGraph) else _graph(data_graph)
    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes_graph if shapes_graph is not None else load_shapes(),
        inference="none", advanced=True, allow_warnings=True, inplace=True)
    return bool(conforms), report_graph, report_text


# ---------------------------------------------------------------------------- background


def _graph(triples: Iterable[Triple]) -> PreparedQueryGraph:
    graph = PreparedQueryGraph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


@dataclass
class Background:
    """The catalogue and the part of the ontology the shapes need, held once per run."""

    catalogue: Graph
    schema: Graph
    class_labels: dict[URIRef, str] = field(default_factory=dict)

    @classmethod
    def from_graphs(cls, catalogue: Graph, ontology: Graph) -> Background:
        schema = _graph(t for p in _SCHEMA_PREDICATES for t in ontology.triples((None, p, None))
                        if isinstance(t[0], URIRef) and isinstance(t[2], URIRef))
        labels = {}
        for cls_iri in set(ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))):
            names = {lit.language: str(lit) for lit in ontology.objects(cls_iri, RDFS.label) if isinstance(lit, Literal)}
            if str(cls_iri).startswith(CK_IRI) and names:
                labels[cls_iri] = " / ".join(names[lang] for lang in ("ar", "en") if lang in names)
        return cls(catalogue, schema, labels)

    @classmethod
    def from_triples(cls, graphs: Iterable[tuple[str, list[Triple]]], base: str = DEFAULT_BASE) -> Background:
        """From :func:`conflictkg.build.background_graphs` (what a build writes to the store)."""
        named = {name: triples for name, triples in graphs}
        return cls.from_graphs(_graph(named.get(iris.catalogue_graph_iri(base), [])),
                               _graph(named.get(iris.ontology_graph_iri(base), [])))

    @classmethod
    def from_store(cls, store: ArticleStore, base: str = DEFAULT_BASE) -> Background:
        return cls.from_graphs(_graph(graph_triples(store, iris.catalogue_graph_iri(base))),
                               _graph(graph_triples(store, iris.ontology_graph_iri(base))))

    def reachable_from(self, nodes: Iterable[Node]) -> Graph:
        """The catalogue's descriptions of ``nodes`` and of every catalogue node they lead to.

        Following links to the end (a town's district, its governorate, its country) matters:
        a node whose description is included is a focus node, and the objects it is checked
        against (``sh:class ck:Place`` on ``ck:within``) must be described too.
        """
        found = Graph()
        seen: set[Node] = set()
        todo = [n for n in nodes if isinstance(n, URIRef)]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for triple in self.catalogue.triples((node, None, None)):
                found.add(triple)
                if isinstance(triple[2], (URIRef, BNode)) and triple[1] != RDF.type:
                    todo.append(triple[2])
        return found

    def context_for(self, article: Graph) -> Graph:
        """The data graph an article is validated in: its graph, what it reaches, the schema."""
        nodes = set(article.subjects()) | set(article.objects())
        return _graph(chain(article, self.reachable_from(nodes), self.schema))

    def catalogue_data(self) -> Graph:
        return _graph(chain(self.catalogue, self.schema))


def graph_triples(store: ArticleStore, name: str) -> list[Triple]:
    """The triples of one named graph of the store."""
    return store.query(_GRAPH_TRIPLES, {"g": URIRef(name)}).triples or []


# ---------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """One SHACL result, said so that an analyst can find and fix what it is about."""

    severity: str          # Violation, Warning or Info
    focus: str             # the IRI of the node the result is about
    focus_label: str       # its name (Arabic first), or what kind of node it is
    article: str           # the identifier of the article it was read from, or "catalogue"
    evidence: str          # the Arabic text span(s) it was read from, if any
    message_en: str
    message_ar: str
    shape: str             # the shape (or SPARQL constraint) that reported it
    path: str | None = None
    value: str | None = None

    def key(self) -> tuple:
        return (self.focus, self.shape, self.path, self.value)

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def _local_name(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _labels(graph: Graph, node: Node) -> dict[str, str]:
    return {lit.language or "": str(lit) for lit in graph.objects(node, RDFS.label) if isinstance(lit, Literal)}


def _evidence_text(graph: Graph, node: Node) -> str:
    """The text of the node itself (a mention) or of its evidence, in the order of the text."""
    anchor = graph.value(node, NIF.anchorOf)
    if anchor is not None:
        return str(anchor)
    spans = sorted((int(graph.value(m, NIF.beginIndex) or 0), str(graph.value(m, NIF.anchorOf) or ""))
                   for m in graph.objects(node, CK.evidence))
    return " … ".join(text for _, text in spans if text)


def _focus_label(graph: Graph, node: Node, class_labels: dict[URIRef, str]) -> str:
    labels = _labels(graph, node)
    if labels:
        return " / ".join(labels[lang] for lang in ("ar", "en", "") if lang in labels)
    identifier = graph.value(node, DCTERMS.identifier)
    if identifier is not None:
        return f"article {identifier}"
    if (figure_count := graph.value(node, CK["count"])) is not None:
        return f"figure: {_local_name(graph.value(node, CK.outcome) or '')} {figure_count}"
    kinds = sorted(class_labels[c] for c in graph.objects(node, RDF.type) if c in class_labels and c != CK.Event)
    return kinds[0] if kinds else _local_name(node)


def _message(report: Graph, result: Node, shape: Node, shapes: Graph, lang: str) -> str:
    """The shape's own sh:message in ``lang`` (pySHACL drops the language of SPARQL messages)."""
    for messages in (shapes.objects(shape, SH.message), report.objects(result, SH.resultMessage)):
        texts = [str(m) for m in messages if isinstance(m, Literal) and m.language == lang]
        if texts:
            return texts[0]
    fallback = [str(m) for m in report.objects(result, SH.resultMessage)]
    return fallback[0] if fallback and lang == "en" else ""


def offending_node(shapes: Graph, node_shape: Node | None, focus: Node, value: Node | None) -> tuple[Node, Node | None]:
    """(focus, value) of a result, with a whole-graph check's offending node as its focus.

    A whole-graph check targets a class (``sh:targetNode ck:Mention``) and its one SPARQL query
    lists every offending node as ``sh:value`` (one query per shape, not one per node: see
    shapes/README.md). The result is about that node, not about the class.
    """
    if value is not None and node_shape is not None and (node_shape, SH.targetNode, focus) in shapes:
        return value, None
    return focus, value


def findings_from_report(report: Graph, data: Graph, article: str, class_labels: dict[URIRef, str],
                         shapes: Graph | None = None) -> list[Finding]:
    """Each result of a pySHACL report graph as a :class:`Finding` (looked up in ``data``)."""
    shapes = shapes if shapes is not None else load_shapes()
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        focus, value = offending_node(shapes, report.value(result, SH.sourceShape),
                                      report.value(result, SH.focusNode), report.value(result, SH.value))
        shape = report.value(result, SH.sourceConstraint) or report.value(result, SH.sourceShape)
        findings.append(Finding(
            severity=_local_name(report.value(result, SH.resultSeverity)),
            focus=str(focus), focus_label=_focus_label(data, focus, class_labels),
            article=article, evidence=_evidence_text(data, focus),
            message_en=_message(report, result, shape, shapes, "en"),
            message_ar=_message(report, result, shape, shapes, "ar"),
            shape=str(shape), path=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None else None,
        ))
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.focus, f.shape))


# ---------------------------------------------------------------------------- reports


def _copy_result(source: Graph, result: Node, target: Graph) -> None:
    """Copy a result and the blank nodes it uses (paths, nested shapes) into ``target``."""
    todo, seen = [result], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in source.triples((node, None, None)):
            target.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)


@dataclass
class ValidationReport:
    """The findings of one or more validations, and the SHACL report graph they came from."""

    findings: list[Finding] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    articles: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @classmethod
    def from_pyshacl(cls, report: Graph, data: Graph, article: str, class_labels: dict[URIRef, str],
                     shapes: Graph | None = None) -> ValidationReport:
        findings = findings_from_report(report, data, article, class_labels, shapes)
        return cls(findings, report, 1 if article != CATALOGUE else 0)

    def merge(self, other: ValidationReport) -> None:
        """Add another report's findings; a catalogue problem seen from many articles counts once."""
        known = {f.key() for f in self.findings}
        fresh = [f for f in other.findings if f.key() not in known]
        self.findings.extend(fresh)
        self.articles += other.articles
        results = list(other.graph.subjects(RDF.type, SH.ValidationResult))
        for result in results:
            _copy_result(other.graph, result, self.graph)

    def report_graph(self) -> Graph:
        """One ``sh:ValidationReport`` holding every result (the ``--format turtle`` output)."""
        graph = Graph()
        graph.bind("sh", SH)
        graph.bind("ck", CK_IRI)
        graph.bind("cks", "https://w3id.org/conflictkg/shapes#")
        report = BNode()
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        graph += self.graph
        for result in self.graph.subjects(RDF.type, SH.ValidationResult):
            graph.add((report, SH.result, result))
        for stale in list(self.graph.subjects(RDF.type, SH.ValidationReport)):
            graph.remove((stale, None, None))
        return graph

    def text(self, verbose: bool = False) -> str:
        """The report for a person: every violation, then the warnings (each one with ``verbose``,
        else one summary per shape: how many, the message, a few examples), then a verdict."""
        ordered = sorted(self.findings, key=lambda f: SEVERITIES.index(f.severity))
        if verbose:
            lines = [_finding_text(f) for f in ordered]
        else:
            lines = [_finding_text(f) for f in ordered if f.severity == "Violation"]
            lines += _summaries([f for f in ordered if f.severity != "Violation"])
        verdict = "conforms" if self.conforms else "does NOT conform"
        lines.append(f"{self.articles} article(s) and the catalogue checked: {len(self.violations)} violation(s), "
                     f"{len(self.warnings)} warning(s); the graph {verdict}.")
        return "\n\n".join(lines)

    def json(self) -> str:
        return json.dumps([f.as_dict() for f in self.findings], ensure_ascii=False, indent=2)


EXAMPLES = 3   # examples of a summarised shape's findings


def _summaries(findings: list[Finding]) -> list[str]:
    """One paragraph per (severity, shape): the count, the message and the first few nodes."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.severity, finding.shape), []).append(finding)
    paragraphs = []
    for (severity, shape), group in sorted(groups.items(), key=lambda item: (SEVERITIES.index(item[0][0]), -len(item[1]))):
        lines = [f"{severity.upper()} ×{len(group)}: {_local_name(shape)}", f"  {group[0].message_en}"]
        if group[0].message_ar:
            lines.append(f"  {group[0].message_ar}")
        for finding in group[:EXAMPLES]:
            where = f"article {finding.article}" if finding.article != CATALOGUE else "the catalogue"
            lines.append(f"  e.g. {where}: {finding.focus_label}" + (f" «{finding.evidence}»" if finding.evidence else ""))
        if len(group) > EXAMPLES:
            lines.append(f"  … and {len(group) - EXAMPLES} more (--verbose lists every one)")
        paragraphs.append("\n".join(lines))
    return paragraphs


def _finding_text(finding: Finding) -> str:
    where = f"article {finding.article}" if finding.article != CATALOGUE else "the catalogue"
    lines = [f"{finding.severity.upper()} in {where}: {finding.focus_label}",
             f"  node:     {finding.focus}"]
    if finding.evidence:
        lines.append(f"  evidence: «{finding.evidence}»")
    if finding.value is not None and finding.value != finding.focus:
        lines.append(f"  value:    {finding.value}")
    lines.append(f"  {finding.message_en}")
    if finding.message_ar:
        lines.append(f"  {finding.message_ar}")
    lines.append(f"  shape:    {_local_name(finding.shape)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- validation runs


def validate_background(background: Background, shapes: Graph | None = None) -> ValidationReport:
    """Validate the catalogue on its own: once per run, not once per article."""
    data = background.catalogue_data()
    _, report, _ = validate(data, shapes)
    return ValidationReport.from_pyshacl(report, data, CATALOGUE, background.class_labels, shapes)


def validate_article(article_iri: str, triples: Iterable[Triple], background: Background,
                     shapes: Graph | None = None) -> ValidationReport:
    """Validate one article's named graph with the part of the catalogue it reaches.

    ``triples`` are the article graph's triples, as :func:`conflictkg.graph.article_graph`
    returns them or as the store gives them back.
    """
    data = background.context_for(_graph(triples))
    identifier = data.value(URIRef(article_iri), DCTERMS.identifier)
    _, report, _ = validate(data, shapes)
    return ValidationReport.from_pyshacl(report, data, str(identifier or article_iri), background.class_labels, shapes)


def article_graph_names(store: ArticleStore, base: str = DEFAULT_BASE) -> list[str]:
    """The named graphs that hold one article each (not the catalogue, ontology or links)."""
    return [name for name in store.graph_names() if iris.is_article_iri(name, base)]


def validate_store(store: ArticleStore, base: str = DEFAULT_BASE, shapes: Graph | None = None,
                   on_article: Callable[[str], None] | None = None) -> ValidationReport:
    """Validate the catalogue once, then every article graph of the store one by one."""
    background = Background.from_store(store, base)
    report = ValidationReport()
    report.merge(validate_background(background, shapes))
    for name in article_graph_names(store, base):
        report.merge(validate_article(name, graph_triples(store, name), background, shapes))
        if on_article:
            on_article(name)
    return report


def _render(report: ValidationReport, fmt: str, verbose: bool = False) -> str:
    if fmt == "turtle":
        return report.report_graph().serialize(format="turtle")
    if fmt == "json":
        return report.json()
    return report.text(verbose)


def validate_command(store: Path, fmt: str, verbose: bool = False) -> int:
    """``conflictkg validate``: print the report; 0 when nothing is violated, 1 otherwise."""
    from conflictkg.store import open_existing_store

    with open_existing_store(store) as graph_store:
        report = validate_store(graph_store)
    say(_render(report, fmt, verbose))
    return 0 if report.conforms else 1


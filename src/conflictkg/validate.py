"""SHACL validation of the graph, in words an analyst can act on.

Two validators give the same report (:data:`VALIDATORS`): by default the shapes compiled to
SPARQL and run by Oxigraph (:mod:`conflictkg.shacl_sparql`); and pySHACL, the validator of
record, which this module runs and whose results both turn into findings.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import chain, islice
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import DCTERMS, SH
from rdflib.query import Result
from rdflib.term import Node

from conflictkg import iris
from conflictkg.namespaces import CK, CK_IRI, DEFAULT_BASE, NIF
from conflictkg.output import say
from conflictkg.resources import shapes_dir
from conflictkg.shacl_sparql import SparqlShapes, description, offending_node, walk_links
from conflictkg.store import ArticleStore, SerializedGraph, Triple
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.terms import from_oxigraph, to_oxigraph

SEVERITIES = ("Violation", "Warning", "Info")
CATALOGUE = "catalogue"  # the "article" of a finding about the catalogue itself
UNVALIDATED = "https://w3id.org/conflictkg/shapes#Article-validated"  # the "shape" of an article pySHACL failed on

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


class OxigraphQueryGraph(Graph):
    """A data graph whose SPARQL queries run in Oxigraph, in memory.

    pySHACL reads the graph node by node through rdflib, but hands each SPARQL constraint to
    ``query``; rdflib's SPARQL engine took half of the validation time of a batch of articles
    (the mention and date checks compare strings and dates over every mention). The first query
    copies the graph into an in-memory Oxigraph store, which answers the same SPARQL 1.1 in a
    fraction of the time. The copy is made again if the graph changes (pySHACL adds nothing:
    the shapes have no rules). Anything but a plain SELECT or ASK text goes to rdflib.
    """

    _mirror: ox.Store | None = None
    _mirrored_size = -1

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803 - rdflib's names
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if not isinstance(query_object, str) or initNs or kwargs:
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)
        substitutions = {ox.Variable(str(name)): to_oxigraph(term) for name, term in (initBindings or {}).items()}
        answer = self._oxigraph().query(query_object, substitutions=substitutions)
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in answer.variables]
            out.bindings = [{var: from_oxigraph(term) for var, term in zip(out.vars, row) if term is not None}
                            for row in answer]
        else:
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided)
        return out

    def _oxigraph(self) -> ox.Store:
        if self._mirror is None or self._mirrored_size != len(self):
            self._mirror = ox.Store()
            self._mirror.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
                                     for s, p, o in self)
            self._mirrored_size = len(self)
        return self._mirror


def validate(data_graph: Graph, shapes_graph: Graph | None = None) -> tuple[bool, Graph, str]:
    """Run the shapes over ``data_graph``: ``(conforms, report_graph, report_text)``.

    ``conforms`` is False only when there is a violation; warnings do not make a graph fail.
    The data graph is expected to carry the class hierarchy it needs (no inference is run);
    it is not changed.
    """
    import pyshacl  # a third of a second to import: only where pySHACL runs, not the SPARQL validator

    data = data_graph if isinstance(data_graph, OxigraphQueryGraph) else _graph(data_graph)
    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes_graph if shapes_graph is not None else load_shapes(),
        inference="none", advanced=True, allow_warnings=True, inplace=True)
    return bool(conforms), report_graph, report_text


# ---------------------------------------------------------------------------- background


def _graph(triples: Iterable[Triple]) -> OxigraphQueryGraph:
    graph = OxigraphQueryGraph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def stored_form(graphs: Sequence[SerializedGraph]) -> list[tuple[str, list[Triple]]]:
    """Each graph's triples as the store gives them back (Oxigraph's canonical literals).

    A build validates its graphs before they reach the store, and ``validate`` reads them back
    from it: both validate this form, so both find the same.
    """
    store = ox.Store()
    store.load(b"".join(graph.nquads for graph in graphs), format=ox.RdfFormat.N_QUADS)
    return [(graph.name, [(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
                          for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph.name))])
            for graph in graphs]


@dataclass
class Background:
    """The catalogue and the part of the ontology the shapes need, held once per run."""

    catalogue: Graph
    schema: Graph
    class_labels: dict[URIRef, str] = field(default_factory=dict)
    _closures: dict[Node, frozenset[Node]] = field(default_factory=dict, repr=False)

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
        return cls.from_triples(stored_form(background_nquads_of(store, base)), base)

    def reachable_from(self, nodes: Iterable[Node]) -> Graph:
        """The catalogue's descriptions of ``nodes`` and of every catalogue node they lead to.

        Following links to the end (a town's district, its governorate, its country) matters:
        a node whose description is included is a focus node, and the objects it is checked
        against (``sh:class ck:Place`` on ``ck:within``) must be described too.
        """
        return _graph(t for node in self.closure(nodes) for t in self.catalogue.triples((node, None, None)))

    def closure(self, nodes: Iterable[Node]) -> set[Node]:
        """``nodes`` and every catalogue node their catalogue descriptions lead to."""
        found: set[Node] = set()
        for node in nodes:
            if isinstance(node, URIRef) and node not in found:
                found |= self._closure_of(node)
        return found

    def _closure_of(self, node: URIRef) -> frozenset[Node]:
        # The catalogue does not change during a run, and articles reach the same places and
        # actors over and over: each node's closure is walked once.
        if node not in self._closures:
            self._closures[node] = walk_links(node, self._links)
        return self._closures[node]

    def _links(self, node: Node) -> Iterator[Node]:
        """The catalogue nodes a node's links but rdf:type lead to (a class is no context)."""
        return (o for p, o in self.catalogue.predicate_objects(node) if isinstance(o, (URIRef, BNode)) and p != RDF.type)

    def describes(self, node: Node) -> bool:
        """Whether the catalogue has statements about ``node``."""
        return (node, None, None) in self.catalogue

    def context_for(self, article: Graph) -> Graph:
        """The data graph an article is validated in: its graph, what it reaches, the schema."""
        nodes = set(article.subjects()) | set(article.objects())
        return _graph(chain(article, self.reachable_from(nodes), self.schema))

    def catalogue_data(self) -> Graph:
        return _graph(chain(self.catalogue, self.schema))


def background_nquads_of(store: ArticleStore, base: str = DEFAULT_BASE) -> list[SerializedGraph]:
    """The catalogue's and the ontology's named graphs of a store, as N-Quads."""
    return store.serialized_graphs([iris.catalogue_graph_iri(base), iris.ontology_graph_iri(base)])


# ---------------------------------------------------------------------------- a batch of articles


@dataclass
class ArticleBatch:
    """Several article graphs validated in one pySHACL run, each as if it were validated alone.

    pySHACL costs about as much to set up for one small article graph as to validate it, so
    articles are validated in batches. Alone, an article is validated with its own graph and the
    catalogue it reaches (:meth:`Background.context_for`). Put together, what one article says
    about a node that is not its own (a minted place's ``ck:within``, an actor's direct
    allegiance edge) would be seen by the checks of the others. So each article gets its own
    copy of every node whose view it changes: the nodes it describes that lie outside its own
    IRIs, and the catalogue nodes that lead to them. The other catalogue nodes look the same
    from every article and are held once. Every node's view is then what it is in its own
    article's context, so the results are those of validating each article alone, as long as
    the shapes look from a node along its properties (every shape does) and not back along
    another article's links to a catalogue node.
    """

    data: OxigraphQueryGraph
    originals: dict[Node, Node]   # a node's copy -> the node
    holders: dict[Node, str]      # a node of the data graph -> the (first) article whose context holds it
    articles: int

    @classmethod
    def of(cls, articles: Sequence[tuple[str, list[Triple]]], background: Background) -> ArticleBatch:
        triples: list[Triple] = list(background.schema)
        shared: set[Node] = set()
        originals: dict[Node, Node] = {}
        holders: dict[Node, str] = {}
        for index, (name, article) in enumerate(articles):
            identifier = _identifier(name, article)
            nodes = {s for s, _, _ in article} | {o for _, _, o in article if not isinstance(o, Literal)}
            context = background.closure(nodes) | nodes
            copies = cls._copies(name, article, background, context, index)
            rename = copies.get
            triples.extend((rename(s, s), p, rename(o, o)) for s, p, o in article)
            for node, copy in copies.items():
                originals[copy] = node
                triples.extend((copy, p, rename(o, o)) for p, o in background.catalogue.predicate_objects(node))
            shared |= context - copies.keys()
            for node in context:
                if node not in copies and background.describes(node):
                    continue  # a catalogue node as the catalogue has it: the catalogue's check reports it
                held = copies.get(node, node)
                holders[held] = min(holders.get(held, identifier), identifier)
        triples.extend(t for node in shared for t in background.catalogue.triples((node, None, None)))
        return cls(_graph(triples), originals, holders, len(articles))

    @staticmethod
    def _copies(name: str, article: list[Triple], background: Background, context: set[Node],
                index: int) -> dict[Node, URIRef]:
        """The nodes that need this article's own copy, each with the copy's IRI."""
        own = f"{name}/"
        described = {s for s, _, _ in article if isinstance(s, URIRef) and s != URIRef(name) and not s.startswith(own)}
        if not described:
            return {}
        # The catalogue nodes of this article's context that lead to a described node see it.
        changed = set(described)
        grew = True
        while grew:
            leading = {s for s in context - changed
                       if any(o in changed for p, o in background.catalogue.predicate_objects(s) if p != RDF.type)}
            changed |= leading
            grew = bool(leading)
        return {node: URIRef(f"{node}#in-article-{index}") for node in changed}

    def original(self, node: Node | None) -> Node | None:
        return self.originals.get(node, node)

    def article_of(self, node: Node) -> str:
        """The identifier of the article whose context holds a node of the data graph (of them
        all, the first in order of identifiers: a finding does not depend on the batches), or
        :data:`CATALOGUE` for a catalogue node no article of the batch changes."""
        return self.holders.get(node, CATALOGUE)


def _identifier(name: str, article: list[Triple]) -> str:
    article_node = URIRef(name)
    return next((str(o) for s, p, o in article if s == article_node and p == DCTERMS.identifier), name)


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


# What a finding's words are read from: the statements of its node (and of its evidence spans)
# that _focus_label and _evidence_text look at, and the article's identifier.
WORDING_PREDICATES = (RDFS.label, DCTERMS.identifier, CK["count"], CK.outcome, RDF.type, NIF.anchorOf,
                      NIF.beginIndex, CK.evidence)


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


def findings_from_report(report: Graph, data: Graph, article: str | Callable[[Node], str],
                         class_labels: dict[URIRef, str], shapes: Graph | None = None,
                         original: Callable[[Node], Node] = lambda node: node) -> list[tuple[Finding, Node]]:
    """Each result of a pySHACL report graph as a :class:`Finding`, with the result's node.

    Labels and evidence are looked up in ``data``; ``article`` is the article's identifier, or
    what gives it for a node of ``data``; ``original`` maps a node of ``data`` to the node it
    stands for (:class:`ArticleBatch` copies).
    """
    shapes = shapes if shapes is not None else load_shapes()
    article_of = article if callable(article) else (lambda node: article)
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        focus, value = offending_node(shapes, report.value(result, SH.sourceShape),
                                      report.value(result, SH.focusNode), report.value(result, SH.value))
        shape = report.value(result, SH.sourceConstraint) or report.value(result, SH.sourceShape)
        findings.append((Finding(
            severity=_local_name(report.value(result, SH.resultSeverity)),
            focus=str(original(focus)), focus_label=_focus_label(data, focus, class_labels),
            article=article_of(focus), evidence=_evidence_text(data, focus),
            message_en=_message(report, result, shape, shapes, "en"),
            message_ar=_message(report, result, shape, shapes, "ar"),
            shape=str(shape), path=str(path) if isinstance(path, URIRef) else None,
            value=str(original(value)) if value is not None else None,
        ), result))
    return findings


# ---------------------------------------------------------------------------- reports


def _result_triples(report: Graph, result: Node, original: Callable[[Node], Node]) -> list[Triple]:
    """A result and the blank nodes it uses (paths, nested shapes), with original nodes."""
    return [(s, p, original(o)) for s, p, o in description(report, result)]


def _precedence(finding: Finding) -> tuple[bool, str]:
    """Which of two findings with one key is kept: the catalogue's, else the first article's."""
    return finding.article != CATALOGUE, finding.article


@dataclass
class ValidationReport:
    """The findings of one or more validations, each with its SHACL result.

    A problem of a node seen from several articles (a catalogue place, a minted actor) is one
    finding: the catalogue's, or the first article's in order of identifiers. So the report is
    the same however its articles were batched, ordered or spread over processes.
    """

    results: dict[tuple, tuple[Finding, list[Triple]]] = field(default_factory=dict)
    articles: int = 0

    @property
    def findings(self) -> list[Finding]:
        return sorted((finding for finding, _ in self.results.values()),
                      key=lambda f: (SEVERITIES.index(f.severity), f.article, f.focus, f.shape, f.path or "", f.value or ""))

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
    def from_pyshacl(cls, report: Graph, data: Graph, article: str | Callable[[Node], str],
                     class_labels: dict[URIRef, str], shapes: Graph | None = None, articles: int = 0,
                     original: Callable[[Node], Node] = lambda node: node, catalogue: bool = True) -> ValidationReport:
        """The findings of a pySHACL report graph; ``catalogue`` False: but those about the
        catalogue (whose findings would otherwise take the place of an article's, :meth:`add`)."""
        validation = cls(articles=articles)
        for finding, result in findings_from_report(report, data, article, class_labels, shapes, original):
            if catalogue or finding.article != CATALOGUE:
                validation.add(finding, _result_triples(report, result, original))
        return validation

    def add(self, finding: Finding, result: list[Triple]) -> None:
        known = self.results.get(finding.key())
        if known is None or _precedence(finding) < _precedence(known[0]):
            self.results[finding.key()] = (finding, result)

    def copy(self) -> ValidationReport:
        return ValidationReport(dict(self.results), self.articles)

    def merge(self, other: ValidationReport) -> None:
        """Add another report's findings and count its articles."""
        for finding, result in other.results.values():
            self.add(finding, result)
        self.articles += other.articles

    def report_graph(self) -> Graph:
        """One ``sh:ValidationReport`` holding every result (the ``--format turtle`` output)."""
        graph = Graph()
        graph.bind("sh", SH)
        graph.bind("ck", CK_IRI)
        graph.bind("cks", "https://w3id.org/conflictkg/shapes#")
        report = BNode()
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for _, result in self.results.values():
            for triple in result:
                graph.add(triple)
            graph.add((report, SH.result, result[0][0]))
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


def validate_articles(articles: Sequence[tuple[str, Iterable[Triple]]], background: Background,
                      shapes: Graph | None = None) -> ValidationReport:
    """Validate article graphs, each with the part of the catalogue it reaches, in one run.

    ``articles`` are (article IRI, triples) pairs, as :func:`conflictkg.graph.article_graph`
    returns them or as the store gives them back. The findings are those of validating each
    article alone (:class:`ArticleBatch`), but for those about catalogue nodes that the articles
    leave as the catalogue has them: those are the catalogue's check's
    (:func:`validate_background`), found once, not once per article that names the node.
    """
    batch = ArticleBatch.of([(name, list(triples)) for name, triples in articles], background)
    _, report, _ = validate(batch.data, shapes)
    return ValidationReport.from_pyshacl(report, batch.data, batch.article_of, background.class_labels, shapes,
                                         articles=batch.articles, original=batch.original, catalogue=False)


def validate_article(article_iri: str, triples: Iterable[Triple], background: Background,
                     shapes: Graph | None = None) -> ValidationReport:
    """Validate one article's named graph with the part of the catalogue it reaches."""
    return validate_articles([(article_iri, triples)], background, shapes)


def validate_serialized(graphs: Sequence[SerializedGraph], background: Background) -> ValidationReport:
    """Validate serialised article graphs (a build's, or a store's) as the store holds them."""
    return isolating_failures(lambda some: validate_articles(stored_form(some), background), graphs)


def isolating_failures(check: Callable[[Sequence[SerializedGraph]], ValidationReport],
                       graphs: Sequence[SerializedGraph]) -> ValidationReport:
    """``check`` of ``graphs``; if it fails, of each graph alone.

    One article that cannot be validated (the validator fails on it) is a violation of its
    own, and the others are still validated.
    """
    try:
        return check(graphs)
    except Exception:  # noqa: BLE001 - find the article, report it below
        if len(graphs) == 1:
            raise
    report = ValidationReport()
    for graph in graphs:
        try:
            report.merge(check([graph]))
        except Exception as exc:  # noqa: BLE001 - one article must not stop the validation of the rest
            [(name, triples)] = stored_form([graph])
            report.merge(_unvalidated(name, triples, exc))
    return report


def _unvalidated(name: str, triples: list[Triple], exc: Exception) -> ValidationReport:
    finding = Finding(severity="Violation", focus=name, focus_label=f"article {_identifier(name, triples)}",
                      article=_identifier(name, triples), evidence="",
                      message_en=f"The article's graph could not be validated ({type(exc).__name__}: {exc}).",
                      message_ar="تعذّر التحقق من رسم المقال.", shape=UNVALIDATED)
    report = ValidationReport(articles=1)
    result = BNode()
    report.add(finding, [(result, RDF.type, SH.ValidationResult), (result, SH.focusNode, URIRef(name)),
                         (result, SH.resultSeverity, SH.Violation),
                         (result, SH.resultMessage, Literal(finding.message_en, lang="en"))])
    return report


# ---------------------------------------------------------------------------- validators

VALIDATORS = ("sparql", "pyshacl")
"""``sparql``: the shapes compiled to SPARQL and run by Oxigraph (:mod:`conflictkg.shacl_sparql`),
the default; ``pyshacl``: pySHACL, the validator of record. Both give the same report."""
DEFAULT_VALIDATOR = "sparql"


class Validator(Protocol):
    """What checks article graphs and the catalogue: either validator, one interface.

    ``check_articles`` leaves the findings about catalogue nodes that the articles do not change
    to ``check_catalogue``: a store's (or a build's) report is both, merged.
    """

    def check_articles(self, graphs: Sequence[SerializedGraph]) -> ValidationReport: ...
    def check_catalogue(self) -> ValidationReport: ...


class CatalogueOnce:
    """``check_catalogue`` of a validator: the catalogue checked the first time it is asked for,
    and that report given again after (the catalogue does not change while a validator lives)."""

    @cached_property
    def catalogue_report(self) -> ValidationReport:
        return self._check_catalogue()

    def check_catalogue(self) -> ValidationReport:
        """The catalogue's findings: a copy of :attr:`catalogue_report`, the caller's to merge into."""
        return self.catalogue_report.copy()

    def _check_catalogue(self) -> ValidationReport:
        raise NotImplementedError


@dataclass
class PyshaclValidator(CatalogueOnce):
    """pySHACL, in batches of articles (:class:`ArticleBatch`)."""

    background: Background

    def check_articles(self, graphs: Sequence[SerializedGraph]) -> ValidationReport:
        return validate_serialized(graphs, self.background)

    def _check_catalogue(self) -> ValidationReport:
        return validate_background(self.background)


class SparqlValidator(CatalogueOnce):
    """The shapes compiled to SPARQL and run by Oxigraph (:class:`~conflictkg.shacl_sparql.SparqlShapes`),
    their results turned into findings as pySHACL's are; pySHACL checks what they cannot (shapes
    the compiler does not know, graphs that state a class hierarchy of their own)."""

    def __init__(self, background: Sequence[SerializedGraph], base: str = DEFAULT_BASE, shapes: Graph | None = None):
        self.shapes = shapes if shapes is not None else load_shapes()
        self.sparql = SparqlShapes(self.shapes, background, base, schema_predicates=_SCHEMA_PREDICATES,
                                   wording_predicates=WORDING_PREDICATES)
        self.background_graphs, self.base = list(background), base

    @cached_property
    def background(self) -> Background:
        """pySHACL's background, read from the same graphs the first time pySHACL is needed."""
        return Background.from_triples(stored_form(self.background_graphs), self.base)

    @cached_property
    def class_labels(self) -> dict[URIRef, str]:
        """The names of the ontology's classes (a finding's label when its node has none)."""
        ontology = [graph for graph in self.background_graphs if graph.name == iris.ontology_graph_iri(self.base)]
        return Background.from_triples(stored_form(ontology), self.base).class_labels

    def check_articles(self, graphs: Sequence[SerializedGraph]) -> ValidationReport:
        return isolating_failures(self._check_articles, graphs)

    def _check_articles(self, graphs: Sequence[SerializedGraph]) -> ValidationReport:
        found = self.sparql.check(graphs)
        if found is None:
            return validate_serialized(graphs, self.background)
        report = self._findings(found)
        if self.sparql.left_to_pyshacl:
            report.merge(validate_articles(stored_form(graphs), self.background, self.sparql.pyshacl_shapes()))
        report.articles = len(graphs)
        return report

    def _check_catalogue(self) -> ValidationReport:
        found = self.sparql.check_catalogue()
        if found is None:
            return validate_background(self.background)
        report = self._findings(found, CATALOGUE)
        if self.sparql.left_to_pyshacl:
            report.merge(validate_background(self.background, self.sparql.pyshacl_shapes()))
        return report

    def _findings(self, found: dict[str, tuple[Graph, Graph]], article: str | None = None) -> ValidationReport:
        """The findings of each view's report graph; ``article`` None: the view's article's identifier."""
        report = ValidationReport()
        for view, (results, data) in found.items():
            report.merge(ValidationReport.from_pyshacl(results, data, article or _identifier(view, list(data)),
                                                       self.class_labels, self.shapes))
        return report


def make_validator(name: str, background: Sequence[SerializedGraph], base: str = DEFAULT_BASE) -> Validator:
    """The validator ``name`` (one of :data:`VALIDATORS`), given the catalogue's and the
    ontology's named graphs as N-Quads."""
    if name == "pyshacl":
        return PyshaclValidator(Background.from_triples(stored_form(background), base))
    if name == "sparql":
        return SparqlValidator(background, base)
    raise ValueError(f"unknown validator {name!r}: one of {', '.join(VALIDATORS)}")


# ---------------------------------------------------------------------------- on many cores

BATCH_SIZE = 32
"""Articles validated in one run: its set-up is shared, its graph stays small."""

_worker_validators: dict[str, Validator] = {}


def start_validation_worker(background: Sequence[SerializedGraph], base: str = DEFAULT_BASE,
                            validator: str = DEFAULT_VALIDATOR) -> None:
    """A validation worker's start: the background read once by the parent, sent as N-Quads."""
    _worker_validators[validator] = make_validator(validator, background, base)


def worker_validator(base: str = DEFAULT_BASE, validator: str = DEFAULT_VALIDATOR) -> Validator:
    """This process's validator: what it was started with, or (in a build's workers) one made
    from the catalogue and ontology the build writes, in the form the store will give back."""
    if validator not in _worker_validators:
        from conflictkg.build import background_nquads

        start_validation_worker(background_nquads(base), base, validator)
    return _worker_validators[validator]


def validate_batch(graphs: Sequence[SerializedGraph], base: str = DEFAULT_BASE,
                   validator: str = DEFAULT_VALIDATOR) -> ValidationReport:
    """The work of a validation worker, and a build's check of each batch (``build --validate``)."""
    return worker_validator(base, validator).check_articles(graphs)


def build_check(graphs: Sequence[SerializedGraph], base: str = DEFAULT_BASE,
                validator: str = DEFAULT_VALIDATOR) -> ValidationReport:
    """A build's check of each batch (``build --validate``): its articles' findings and the
    catalogue's. The worker's validator checks the catalogue once and hands the same findings
    back with every batch (a report holds each finding once, however often it is merged), so
    the build's own process needs no validator of its own, nor a check of its own at the end."""
    checker = worker_validator(base, validator)
    report = checker.check_articles(graphs)
    report.merge(checker.check_catalogue())
    return report


def catalogue_report(base: str = DEFAULT_BASE, validator: str = DEFAULT_VALIDATOR) -> ValidationReport:
    """The catalogue's findings, by this process's validator (made once): a build that checked
    no batch (every article unchanged) still reports the catalogue."""
    return worker_validator(base, validator).check_catalogue()


def article_graph_names(store: ArticleStore, base: str = DEFAULT_BASE) -> list[str]:
    """The named graphs that hold one article each (not the catalogue, ontology or links)."""
    return [name for name in store.graph_names() if iris.is_article_iri(name, base)]


def _serialized_batches(store: ArticleStore, names: list[str], size: int) -> Iterator[list[SerializedGraph]]:
    iterator = iter(names)
    while batch := list(islice(iterator, size)):
        yield store.serialized_graphs(batch)


def validate_store(store: ArticleStore, base: str = DEFAULT_BASE, *, jobs: int = 1,
                   on_article: Callable[[str], None] | None = None,
                   validator: str = DEFAULT_VALIDATOR) -> ValidationReport:
    """Validate the catalogue once, then every article graph of the store, on ``jobs`` cores.

    The article graphs go in batches to the build's workers (:class:`~conflictkg.parallel.LocalEngine`),
    each started with the background this process read from the store.
    """
    from conflictkg.parallel import LocalEngine

    background = background_nquads_of(store, base)
    checker = make_validator(validator, background, base)
    report = ValidationReport()
    if jobs == 1:
        engine, task = LocalEngine(1), checker.check_articles
    else:
        engine = LocalEngine(jobs, warm_up=partial(start_validation_worker, background, base, validator))
        task = partial(validate_batch, base=base, validator=validator)
    catalogue = None
    with engine:
        batches = engine.map_batches(task, _serialized_batches(store, article_graph_names(store, base), BATCH_SIZE))
        for graphs, batch_report in batches:
            if catalogue is None:  # here, while the workers go on with the next batches
                catalogue = checker.check_catalogue()
            report.merge(batch_report)
            if on_article:
                for graph in graphs:
                    on_article(graph.name)
    report.merge(catalogue or checker.check_catalogue())
    return report


def _render(report: ValidationReport, fmt: str, verbose: bool = False) -> str:
    if fmt == "turtle":
        return report.report_graph().serialize(format="turtle")
    if fmt == "json":
        return report.json()
    return report.text(verbose)


def validate_command(store: Path, fmt: str, verbose: bool = False, jobs: int = 1,
                     validator: str = DEFAULT_VALIDATOR) -> int:
    """``conflictkg validate``: print the report; 0 when nothing is violated, 1 otherwise."""
    from conflictkg.store import open_existing_store

    with open_existing_store(store) as graph_store:
        report = validate_store(graph_store, jobs=jobs, validator=validator)
    return print_report(report, fmt, verbose)


def print_report(report: ValidationReport, fmt: str = "text", verbose: bool = False) -> int:
    """Print a report as ``conflictkg validate`` does; its exit status (1 on a violation)."""
    say(_render(report, fmt, verbose))
    return 0 if report.conforms else 1


"""Records to triples in the core vocabulary: one named graph per article.

Knows nothing of spaCy: it reads :mod:`conflictkg.nlp.records` and writes rdflib terms.
Every IRI is minted by :mod:`conflictkg.iris`, so the same input always gives the same graph.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from conflictkg import iris
from conflictkg.namespaces import CK, CK_FROM, DEFAULT_BASE, DIRECT_EDGE, ITSRDF, NIF, SCHEMA
from conflictkg.nlp.records import (AllegianceRecord, ControlRecord, EventRecord, Extraction,
                                    FigureRecord, Mention, Span)
from conflictkg.read import Article

Triple = tuple[Node, Node, Node]
_SAFE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=1 << 16)
def _int(value: int) -> Literal:
    # xsd:integer: Oxigraph returns integer subtypes as xsd:integer anyway (ARCHITECTURE.md).
    # Cached: every span writes two offsets, and an rdflib Literal costs more than the triple.
    return Literal(str(int(value)), datatype=XSD.integer)


# The terms every span writes, built once: an rdflib namespace builds a new term on each
# attribute access (a closed one, like RDF and CK, takes about a microsecond), and spans are most
# of an article's triples.
# A span says each thing once (ontology/README.md, "What the graph does not repeat"): one
# rdf:type (ck:Mention; the ontology makes it a nif:Phrase) and one link to its article
# (nif:referenceContext: the article is its own nif:Context; ck:article would say it again).
_TYPE, _MENTION = RDF.type, CK.Mention
_BEGIN_INDEX, _END_INDEX, _ANCHOR_OF = NIF.beginIndex, NIF.endIndex, NIF.anchorOf
_REFERENCE_CONTEXT = NIF.referenceContext
_EVIDENCE, _DERIVED_FROM = CK.evidence, PROV.wasDerivedFrom
# … and those every event writes for each of its parties and instruments.
_ROLES, _PARTICIPANT, _INSTRUMENT = (CK.initiator, CK.target, CK.supporter), CK.participant, CK.instrument
_MENTIONS, _IDENTIFIES = CK.mentions, ITSRDF.taIdentRef


class ArticleGraphWriter:
    """Collects the triples of one article's named graph."""

    def __init__(self, article: Article, base: str = DEFAULT_BASE):
        self.article = article
        self.base = base
        self.iri = URIRef(iris.article_iri(article.id, base))
        self.triples: list[Triple] = []
        self.named: set[tuple[str, str]] = set()   # (entity, words) whose span is written

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.append((s, p, o))

    # ------------------------------------------------------------------ article
    def write_article(self) -> None:
        a, article = self.iri, self.article
        for cls in (CK.Article, SCHEMA.NewsArticle, NIF.Context):
            self.add(a, _TYPE, cls)
        self.add(a, DCTERMS.identifier, Literal(article.id))
        self.add(a, DCTERMS.language, Literal(article.language))
        self.add(a, NIF.isString, Literal(article.text))
        self.add(a, CK.contentHash, Literal(article.content_hash))
        if article.title:
            self.add(a, DCTERMS.title, Literal(article.title, lang=article.language))
        if article.published:
            self.add(a, SCHEMA.datePublished, _date(article.published))
        if article.url:
            url = URIRef(article.url) if _SAFE_URL.match(article.url) else Literal(article.url, datatype=XSD.anyURI)
            self.add(a, SCHEMA.url, url)
        if article.source:
            self.add(a, SCHEMA.publisher, Literal(article.source))

    # ------------------------------------------------------------------ evidence
    def span(self, span: Span) -> URIRef:
        node = URIRef(iris.span_iri(str(self.iri), span.begin, span.end))
        self.add(node, _TYPE, _MENTION)
        self.add(node, _BEGIN_INDEX, _int(span.begin))
        self.add(node, _END_INDEX, _int(span.end))
        self.add(node, _ANCHOR_OF, Literal(span.text))
        self.add(node, _REFERENCE_CONTEXT, self.iri)
        return node

    def evidence(self, subject: URIRef, spans: list[Span]) -> None:
        self.add(subject, _DERIVED_FROM, self.iri)
        for span in spans:
            self.add(subject, _EVIDENCE, self.span(span))

    def write_mention(self, mention: Mention) -> None:
        """``ck:mentions`` and, for the first time the article names the entity in these words,
        the span that names it: the same words naming the same entity again say nothing new.
        Mentions come in the order of the text (:func:`article_graph`)."""
        entity = URIRef(mention.entity)
        self.add(self.iri, _MENTIONS, entity)
        wording = (mention.entity, mention.span.text)
        if wording not in self.named:
            self.named.add(wording)
            self.add(self.span(mention.span), _IDENTIFIES, entity)
        if mention.minted:
            self.add(entity, _TYPE, CK[mention.entity_class])
            self.add(entity, RDFS.label, Literal(mention.label, lang="ar"))
            self.add(entity, CK.minted, Literal(True))
            if mention.within:
                self.add(entity, CK.within, URIRef(mention.within))

    # ------------------------------------------------------------------ facts
    def write_event(self, event: EventRecord) -> None:
        anchor = min(event.evidence)
        e = URIRef(iris.event_iri(str(self.iri), event.type, anchor.begin))
        self.add(e, _TYPE, CK.Event)
        self.add(e, _TYPE, CK[event.type])
        self.evidence(e, event.evidence)
        for role, actors in zip(_ROLES, (event.initiators, event.targets, event.supporters)):
            for actor in actors:
                self.add(e, role, URIRef(actor))
                self.add(e, _PARTICIPANT, URIRef(actor))
        if event.location:
            self.add(e, CK.location, URIRef(event.location))
        for instrument in event.instruments:
            self.add(e, _INSTRUMENT, CK[instrument])
        if event.date:
            self.add(e, CK.date, _date(event.date))
        else:
            if event.earliest:
                self.add(e, CK.earliest, _date(event.earliest))
            if event.latest:
                self.add(e, CK.latest, _date(event.latest))
        if event.date_unresolved:
            self.add(e, CK.dateUnresolved, Literal(event.date_unresolved, lang="ar"))
        for reporter in event.reported_by:
            self.add(e, CK.reportedBy, URIRef(reporter))
        self.add(e, CK.modality, CK[event.modality])
        if event.claimed_by:
            self.add(e, CK.claimedBy, URIRef(event.claimed_by))
        for figure in event.figures:
            self.write_figure(e, figure)

    def write_figure(self, event: URIRef, figure: FigureRecord) -> None:
        f = URIRef(iris.figure_iri(str(event), figure.outcome, figure.span.begin))
        self.add(event, CK.figure, f)
        self.add(f, _TYPE, CK.Figure)
        if figure.running_total:
            self.add(f, _TYPE, CK.CumulativeToll)
            if figure.earliest:
                self.add(f, CK.earliest, _date(figure.earliest))
            if figure.latest:
                self.add(f, CK.latest, _date(figure.latest))
        self.add(f, CK.outcome, CK[figure.outcome])
        self.add(f, CK.count, _int(figure.count))
        self.add(f, CK.qualifier, CK[figure.qualifier])
        if figure.population:
            self.add(f, CK.population, CK[figure.population])
        if figure.affiliation:
            self.add(f, CK.affiliation, URIRef(figure.affiliation))
        self.add(f, _EVIDENCE, self.span(figure.span))

    def write_allegiance(self, fact: AllegianceRecord) -> None:
        node = URIRef(iris.statement_iri(str(self.iri), "allegiance", fact.source, fact.kind, fact.target))
        source, target, kind = URIRef(fact.source), URIRef(fact.target), CK[fact.kind]
        self.add(node, _TYPE, CK.Allegiance)
        self.add(node, CK_FROM, source)
        self.add(node, CK.kind, kind)
        self.add(node, CK.to, target)
        self.add(source, DIRECT_EDGE[kind], target)
        if fact.earliest:
            self.add(node, CK.earliest, _date(fact.earliest))
        if fact.latest:
            self.add(node, CK.latest, _date(fact.latest))
        self.evidence(node, fact.evidence)

    def write_control(self, fact: ControlRecord) -> None:
        node = URIRef(iris.statement_iri(str(self.iri), "control", fact.controller, fact.territory))
        self.add(node, _TYPE, CK.TerritorialControl)
        self.add(node, CK.controller, URIRef(fact.controller))
        self.add(node, CK.territory, URIRef(fact.territory))
        if fact.as_of:
            self.add(node, CK.asOf, _date(fact.as_of))
        self.evidence(node, fact.evidence)


def article_graph(article: Article, extraction: Extraction, base: str = DEFAULT_BASE
                  ) -> tuple[URIRef, list[Triple]]:
    """The name and the triples of an article's graph."""
    writer = ArticleGraphWriter(article, base)
    writer.write_article()
    for mention in sorted(extraction.mentions, key=lambda m: m.span):
        writer.write_mention(mention)
    for event in extraction.events:
        writer.write_event(event)
    for allegiance in extraction.allegiances:
        writer.write_allegiance(allegiance)
    for control in extraction.controls:
        writer.write_control(control)
    return writer.iri, list(dict.fromkeys(writer.triples))

"""Every shape, seen at work: break one statement of a real built graph, and exactly that shape reports it.

The graph is written by the real writer (``conflictkg.graph.article_graph``) from records cut
from an Arabic article written for these tests, stored in Oxigraph and read back (so literals
are in the canonical form the store gives), then validated with the catalogue it reaches.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

import pytest
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from conflictkg.build import background_graphs
from conflictkg.graph import Triple, article_graph
from conflictkg.namespaces import CK, CK_FROM, GEO, ITSRDF, NIF, SCHEMA
from conflictkg.nlp.records import (AllegianceRecord, ControlRecord, EventRecord, Extraction,
                                    FigureRecord, Mention, Span)
from conflictkg.read import Article
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import Background, ValidationReport, stored_form, validate_article

ARABIC = re.compile("[\u0600-\u06ff]")
CKS = "https://w3id.org/conflictkg/shapes#"
ID = "https://w3id.org/conflictkg/id/"
ACTOR, PLACE = f"{ID}actor/", f"{ID}place/"

TEXT = ("غارات روسية على نوى\n\n"
        "شنت طائرات حربية روسية يوم الأحد غارات على مدينة نوى في ريف درعا الغربي، ما أسفر عن مقتل "
        "سبعة مدنيين على الأقل، بحسب المرصد السوري لحقوق الإنسان. "
        "وقصفت كتيبة شهداء نوى بقذائف الهاون حي البستان خلال الأسبوع الماضي. "
        "وأعلن جيش خالد بن الوليد مبايعته لتنظيم الدولة الإسلامية منذ عام 2016. "
        "ويسيطر الجيش السوري الحر على معبر نصيب.")
PUBLISHED = dt.date(2018, 7, 24)

AIR_FORCE = ACTOR + "russian-aerospace-forces"
OBSERVATORY = ACTOR + "syrian-observatory-for-human-rights"
JAISH_KHALID = ACTOR + "jaish-khalid-bin-al-walid"
ISLAMIC_STATE = ACTOR + "islamic-state"
FSA = ACTOR + "free-syrian-army"
NAWA = PLACE + "nawa"
NASIB_CROSSING = PLACE + "nasib-crossing"
MINTED_BRIGADE = ACTOR + "m-brigade-nawa-martyrs"
MINTED_QUARTER = PLACE + "m-bustan-quarter"


def span(phrase: str, text: str = TEXT) -> Span:
    begin = text.index(phrase)
    return Span(begin, begin + len(phrase), phrase)


def mention(phrase: str, entity: str, kind: str, cls: str, minted: bool = False) -> Mention:
    return Mention(span(phrase), entity, kind, cls, phrase, minted=minted)


def make_article(article_id: str = "nawa-strikes", text: str = TEXT) -> Article:
    return Article(id=article_id, text=text, title="غارات روسية على نوى", published=PUBLISHED,
                   url=f"https://example.org/{article_id}", source="tests")


def make_extraction(*, allegiance_target: str = ISLAMIC_STATE) -> Extraction:
    """What a full extractor would find in TEXT: two events, a figure, an allegiance, a control fact."""
    strike = EventRecord(
        type="AirStrike", evidence=[span("شنت طائرات حربية روسية يوم الأحد غارات")],
        initiators=[AIR_FORCE], location=NAWA, instruments=["Warplane"], date=dt.date(2018, 7, 22),
        reported_by=[OBSERVATORY],
        figures=[FigureRecord("Killed", 7, span("مقتل سبعة مدنيين على الأقل"), qualifier="AtLeast",
                              population="Civilians")])
    shelling = EventRecord(
        type="Shelling", evidence=[span("وقصفت كتيبة شهداء نوى بقذائف الهاون حي البستان")],
        initiators=[MINTED_BRIGADE], location=MINTED_QUARTER, instruments=["Mortar"],
        earliest=dt.date(2018, 7, 16), latest=dt.date(2018, 7, 22))
    pledge = AllegianceRecord(JAISH_KHALID, "PledgedAllegiance", allegiance_target,
                              [span("أعلن جيش خالد بن الوليد مبايعته لتنظيم الدولة الإسلامية")],
                              earliest=dt.date(2016, 1, 1), latest=PUBLISHED)
    control = ControlRecord(FSA, NASIB_CROSSING, [span("يسيطر الجيش السوري الحر على معبر نصيب")], as_of=PUBLISHED)
    mentions = [
        mention("نوى", NAWA, "place", "City"),
        mention("ريف درعا الغربي", PLACE + "daraa-western-countryside", "place", "Region"),
        mention("المرصد السوري لحقوق الإنسان", OBSERVATORY, "actor", "Organization"),
        mention("كتيبة شهداء نوى", MINTED_BRIGADE, "actor", "ArmedGroup", minted=True),
        mention("حي البستان", MINTED_QUARTER, "place", "Neighbourhood", minted=True),
        mention("جيش خالد بن الوليد", JAISH_KHALID, "actor", "ArmedGroup"),
        mention("تنظيم الدولة الإسلامية", ISLAMIC_STATE, "actor", "ArmedGroup"),
        mention("الجيش السوري الحر", FSA, "actor", "ArmedGroup"),
        mention("معبر نصيب", NASIB_CROSSING, "place", "BorderCrossing"),
    ]
    return Extraction(mentions=mentions, events=[strike, shelling], allegiances=[pledge], controls=[control])


@lru_cache(maxsize=1)
def background() -> Background:
    return Background.from_triples(background_graphs())


def written(article: Article | None = None, extraction: Extraction | None = None) -> tuple[str, list[Triple]]:
    name, triples = article_graph(article or make_article(), extraction or make_extraction())
    return str(name), triples


def stored(name: str, triples: list[Triple]) -> list[Triple]:
    """The triples as Oxigraph gives them back (canonical literals)."""
    store = OxigraphStore(None)
    store.replace_graphs([(name, triples)])
    [(_, given)] = stored_form(store.serialized_graphs([name]))
    return given


def check(triples: list[Triple], name: str | None = None) -> ValidationReport:
    name = name or written()[0]
    return validate_article(name, stored(name, triples), background())


# ---------------------------------------------------------------------------- nodes of the graph

ARTICLE = URIRef(written()[0])
STRIKE = URIRef(f"{ARTICLE}/event/AirStrike-{TEXT.index('شنت')}")
SHELLING = URIRef(f"{ARTICLE}/event/Shelling-{TEXT.index('وقصفت')}")
FIGURE = URIRef(f"{STRIKE}/figure/Killed-{TEXT.index('مقتل')}")


def node_of(triples: list[Triple], cls: URIRef) -> URIRef:
    [node] = {s for s, p, o in triples if p == RDF.type and o == cls}
    return node


def mention_node(phrase: str) -> URIRef:
    s = span(phrase)
    return URIRef(f"{ARTICLE}/span/{s.begin}-{s.end}")


# Each break takes the triples of the intact graph and returns them with one statement broken.
Break = Callable[[list[Triple]], list[Triple]]


def without(*patterns) -> Break:
    """Drop every triple matching one of the (s, p, o) patterns (None matches anything)."""
    def matches(triple, pattern):
        return all(want is None or want == got for want, got in zip(pattern, triple))
    return lambda triples: [t for t in triples if not any(matches(t, p) for p in patterns)]


def adding(*extra: Triple) -> Break:
    return lambda triples: triples + list(extra)


def replacing(subject, predicate, new_object) -> Break:
    return lambda triples: without((subject, predicate, None))(triples) + [(subject, predicate, new_object)]


def allegiance(triples):
    return node_of(triples, CK.Allegiance)


def control(triples):
    return node_of(triples, CK.TerritorialControl)


def on_allegiance(make: Callable[[URIRef], Break]) -> Break:
    return lambda triples: make(allegiance(triples))(triples)


def on_control(make: Callable[[URIRef], Break]) -> Break:
    return lambda triples: make(control(triples))(triples)


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


UNTYPED = URIRef(ID + "actor/nobody-knows")
NAWA_IRI, FSA_IRI = URIRef(NAWA), URIRef(FSA)
NAWA_MENTION = mention_node("نوى")
BRIGADE, QUARTER = URIRef(MINTED_BRIGADE), URIRef(MINTED_QUARTER)

BREAKS: dict[str, tuple[Break, str]] = {
    # articles.ttl
    "article without identifier": (without((ARTICLE, DCTERMS.identifier, None)), "Article-identifier"),
    "article without text": (without((ARTICLE, NIF.isString, None)), "Article-text"),
    "publication date as a string": (replacing(ARTICLE, SCHEMA.datePublished, Literal("2018-07-24")),
                                     "Article-datePublished"),
    "article without publication date": (without((ARTICLE, SCHEMA.datePublished, None)),
                                         "Article-datePublished-missing"),
    "article without language": (without((ARTICLE, DCTERMS.language, None)), "Article-language"),
    "article without content hash": (without((ARTICLE, CK.contentHash, None)), "Article-contentHash"),
    "article with two URLs": (adding((ARTICLE, SCHEMA.url, URIRef("https://example.org/other"))), "Article-url"),
    "article mentions an untyped node": (adding((ARTICLE, CK.mentions, UNTYPED)), "Article-mentions"),
    # mentions.ttl
    "mention begins after it ends": (replacing(NAWA_MENTION, NIF.beginIndex, Literal(TEXT.index("نوى") + 9)),
                                     "Mention-begin"),
    "mention without end": (without((NAWA_MENTION, NIF.endIndex, None)), "Mention-end"),
    "mention without text": (without((NAWA_MENTION, NIF.anchorOf, None)), "Mention-anchor"),
    "mention of an untyped article": (replacing(NAWA_MENTION, NIF.referenceContext, UNTYPED), "Mention-article"),
    "mention without its article": (without((NAWA_MENTION, NIF.referenceContext, None)), "Mention-article"),
    "mention of two entities": (adding((NAWA_MENTION, ITSRDF.taIdentRef, FSA_IRI)), "Mention-entity"),
    "mention ends past the text": (replacing(NAWA_MENTION, NIF.endIndex, Literal(len(TEXT) + 5)),
                                   "Mention-offsets-inside-text"),
    "mention shifted by one": (lambda t: replacing(NAWA_MENTION, NIF.endIndex, Literal(TEXT.index("نوى") + 4))(
        replacing(NAWA_MENTION, NIF.beginIndex, Literal(TEXT.index("نوى") + 1))(t)), "Mention-anchor-matches-text"),
    "statement from two articles": (adding((STRIKE, PROV.wasDerivedFrom, UNTYPED)), "Statement-article"),
    "statement without evidence": (on_control(lambda c: without((c, CK.evidence, None))), "Statement-evidence"),
    # events.ttl
    "event not typed ck:Event": (without((STRIKE, RDF.type, CK.Event)), "Event-isEvent"),
    "event without type class": (without((STRIKE, RDF.type, CK.AirStrike)), "Event-type"),
    "event with two type classes": (adding((STRIKE, RDF.type, CK.Shelling)), "Event-type"),
    "event date as a string": (replacing(STRIKE, CK.date, Literal("2018-07-22")), "Event-date"),
    "event with two earliest bounds": (adding((SHELLING, CK.earliest, date("2018-07-17"))), "Event-earliest"),
    "event with two latest bounds": (adding((SHELLING, CK.latest, date("2018-07-21"))), "Event-latest"),
    "event bounds swapped": (lambda t: replacing(SHELLING, CK.latest, date("2018-07-16"))(
        replacing(SHELLING, CK.earliest, date("2018-07-22"))(t)), "Event-bounds-order"),
    "event without a time": (without((STRIKE, CK.date, None)), "EventTimeShape"),
    "event located at an actor": (replacing(STRIKE, CK.location, URIRef(AIR_FORCE)), "Event-location"),
    "event without place": (without((STRIKE, CK.location, None)), "Event-location-missing"),
    "participant is a place": (adding((STRIKE, CK.participant, NAWA_IRI)), "Event-participant"),
    "initiator is a place": (replacing(STRIKE, CK.initiator, NAWA_IRI), "Event-initiator"),
    "target is a place": (adding((STRIKE, CK.target, NAWA_IRI)), "Event-target"),
    "supporter is a place": (adding((STRIKE, CK.supporter, NAWA_IRI)), "Event-supporter"),
    "reported by a place": (replacing(STRIKE, CK.reportedBy, NAWA_IRI), "Event-reportedBy"),
    "claimed by a place": (adding((STRIKE, CK.claimedBy, NAWA_IRI)), "Event-claimedBy"),
    "modality outside its set": (replacing(STRIKE, CK.modality, CK.Killed), "Event-modality"),
    "instrument outside its set": (replacing(STRIKE, CK.instrument, CK.Killed), "Event-instrument"),
    "figure that is no ck:Figure": (adding((STRIKE, CK.figure, UNTYPED)), "Event-figure"),
    "event dated after its article": (replacing(STRIKE, CK.date, date("2018-07-25")), "Event-not-after-its-article"),
    "event without initiator": (without((STRIKE, CK.initiator, None)), "Event-initiator-missing"),
    # figures.ttl
    "figure of no event": (without((STRIKE, CK.figure, FIGURE)), "Figure-event"),
    "outcome outside its set": (replacing(FIGURE, CK.outcome, CK.Civilians), "Figure-outcome"),
    "negative count": (replacing(FIGURE, CK["count"], Literal(-7)), "Figure-count"),
    "figure without qualifier": (without((FIGURE, CK.qualifier, None)), "Figure-qualifier"),
    "population outside its set": (replacing(FIGURE, CK.population, CK.Killed), "Figure-population"),
    "affiliation is a place": (adding((FIGURE, CK.affiliation, NAWA_IRI)), "Figure-affiliation"),
    "figure without evidence": (without((FIGURE, CK.evidence, None)), "Figure-evidence"),
    "cumulative toll without the day it was given": (adding((FIGURE, RDF.type, CK.CumulativeToll)),
                                                     "CumulativeToll-latest"),
    "cumulative toll that begins after it ends": (adding((FIGURE, RDF.type, CK.CumulativeToll),
                                                         (FIGURE, CK.latest, date("2015-01-01")),
                                                         (FIGURE, CK.earliest, date("2018-01-01"))),
                                                  "CumulativeToll-earliest"),
    # allegiances.ttl
    "allegiance from nobody": (on_allegiance(lambda a: without((a, CK_FROM, None))), "Allegiance-from"),
    "allegiance to nobody": (on_allegiance(lambda a: without((a, CK.to, None))), "Allegiance-to"),
    "allegiance of unknown kind": (on_allegiance(lambda a: replacing(a, CK.kind, CK.Killed)), "Allegiance-kind"),
    "allegiance with two earliest dates": (on_allegiance(lambda a: adding((a, CK.earliest, date("2016-02-01")))),
                                           "Allegiance-earliest"),
    "allegiance with two latest dates": (on_allegiance(lambda a: adding((a, CK.latest, date("2018-07-01")))),
                                         "Allegiance-latest"),
    "allegiance dates swapped": (on_allegiance(lambda a: lambda t: replacing(a, CK.latest, date("2016-01-01"))(
        replacing(a, CK.earliest, date("2018-07-24"))(t))), "Allegiance-bounds-order"),
    # (the catalogue itself says that Jaish Khalid pledged allegiance to the Islamic State, so
    # the edge of another kind is taken away: the one of ck:MemberOf was never written)
    "allegiance without its direct edge": (on_allegiance(lambda a: replacing(a, CK.kind, CK.MemberOf)),
                                           "Allegiance-direct-edge"),
    # control.ttl
    "controller is a place": (on_control(lambda c: replacing(c, CK.controller, NAWA_IRI)), "Control-controller"),
    "territory is an actor": (on_control(lambda c: replacing(c, CK.territory, FSA_IRI)), "Control-territory"),
    "control date as a string": (on_control(lambda c: replacing(c, CK.asOf, Literal("2018-07-24"))), "Control-asOf"),
    "control without date": (on_control(lambda c: without((c, CK.asOf, None))), "Control-asOf-missing"),
    "control dated after its article": (on_control(lambda c: replacing(c, CK.asOf, date("2018-08-01"))),
                                        "Control-not-after-its-article"),
    # actors.ttl
    "actor without Arabic label": (lambda t: without((BRIGADE, RDFS.label, None))(t)
                                   + [(BRIGADE, RDFS.label, Literal("Nawa Martyrs Brigade", lang="en"))], "Actor-label-ar"),
    "actor part of a place": (adding((BRIGADE, CK.partOf, NAWA_IRI)), "Actor-partOf"),
    "actor sameAs a non-Wikidata IRI": (adding((BRIGADE, OWL.sameAs, URIRef("https://example.org/brigade"))),
                                        "Actor-sameAs"),
    "minted flag as a string": (replacing(BRIGADE, CK.minted, Literal("yes")), "Actor-minted"),
    "state force of a town": (adding((URIRef(AIR_FORCE), CK.country, NAWA_IRI)), "StateForce-country"),
    # places.ttl
    "place without Arabic label": (without((QUARTER, RDFS.label, None)), "Place-label-ar"),
    "place within an actor": (adding((QUARTER, CK.within, FSA_IRI)), "Place-within"),
    "place sameAs a Wikidata property": (adding((QUARTER, OWL.sameAs, URIRef("http://www.wikidata.org/entity/P31"))),
                                         "Place-sameAs"),
    "coordinates as a string": (adding((QUARTER, GEO.hasGeometry, URIRef(f"{QUARTER}-geometry")),
                                       (URIRef(f"{QUARTER}-geometry"), GEO.asWKT, Literal("POINT(36 32.8)"))),
                                "Place-geometry"),
    "place within itself": (adding((QUARTER, CK.within, QUARTER)), "Place-not-within-itself"),
}

WARNINGS = {"Article-datePublished-missing", "Event-location-missing", "Event-initiator-missing",
            "Control-asOf-missing"}


def shapes_reported(report: ValidationReport) -> set[str]:
    return {f.shape.removeprefix(CKS) for f in report.findings}


def test_the_intact_graph_conforms_without_a_single_warning():
    name, triples = written()
    report = check(triples, name)
    assert report.findings == [], report.text()
    assert {node_of(triples, CK.Figure), STRIKE, SHELLING} <= {s for s, _, _ in triples}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_one_broken_statement_is_reported_by_exactly_its_shape(case: str):
    broken, shape = BREAKS[case]
    report = check(broken(written()[1]))
    assert shapes_reported(report) == {shape}, report.text()
    expected = "Warning" if shape in WARNINGS else "Violation"
    assert {f.severity for f in report.findings} == {expected}
    assert report.conforms == (expected == "Warning")
    assert all(f.message_en and not ARABIC.search(f.message_en) and ARABIC.search(f.message_ar) for f in report.findings)


def test_an_allegiance_written_from_an_actor_to_itself_is_reported():
    name, triples = written(extraction=make_extraction(allegiance_target=JAISH_KHALID))
    report = check(triples, name)
    assert shapes_reported(report) == {"Allegiance-not-to-itself"}, report.text()


def test_evidence_from_another_article_is_reported():
    other_text = "قصف مدفعي على معبر نصيب صباح اليوم."
    other_name, other_triples = written(make_article("other", other_text), Extraction(
        mentions=[mention_in(other_text, "معبر نصيب", NASIB_CROSSING)]))
    name, triples = written()
    foreign = next(s for s, p, o in other_triples if p == RDF.type and o == CK.Mention)
    report = check(triples + other_triples + [(STRIKE, CK.evidence, foreign)], name)
    assert shapes_reported(report) == {"Statement-evidence-from-its-article"}, report.text()


def mention_in(text: str, phrase: str, entity: str) -> Mention:
    return Mention(span(phrase, text), entity, "place", "BorderCrossing", phrase)


def test_a_planned_event_may_be_dated_after_its_article():
    extraction = make_extraction()
    extraction.events[0].date, extraction.events[0].modality = dt.date(2018, 8, 1), "Planned"
    name, triples = written(extraction=extraction)
    assert check(triples, name).findings == []


def test_offsets_count_characters_not_bytes_or_utf16_units():
    # An astral character (U+1F4A5, two UTF-16 units, four UTF-8 bytes) before the span: SPARQL
    # SUBSTR and Python slicing both count it as one character, so the anchor still matches.
    text = "💥 " + TEXT
    extraction = Extraction(mentions=[mention_in(text, "معبر نصيب", NASIB_CROSSING)])
    name, triples = written(make_article("astral", text), extraction)
    assert check(triples, name).findings == []
    shifted = [(s, p, Literal(int(o) + 1) if p in (NIF.beginIndex, NIF.endIndex) else o) for s, p, o in triples]
    assert shapes_reported(check(shifted, name)) == {"Mention-anchor-matches-text"}


def test_every_shape_of_the_shapes_files_has_a_breaking_test():
    from conflictkg.validate import load_shapes
    from rdflib.namespace import SH

    shapes = load_shapes()
    tested = {shape for _, shape in BREAKS.values()} | {"Allegiance-not-to-itself", "Statement-evidence-from-its-article"}
    with_constraints = {str(s).removeprefix(CKS) for s in set(shapes.subjects(RDF.type, SH.PropertyShape))
                        | set(shapes.subjects(RDF.type, SH.SPARQLConstraint)) if str(s).startswith(CKS)}
    with_constraints.add("EventTimeShape")
    assert with_constraints == tested

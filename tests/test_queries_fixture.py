"""A small graph with every kind of fact, written through the real graph writer.

The query, endpoint and export tests build their graph from records made by hand over short
Arabic articles written for these tests, so that what they check does not move with the
extractor: three articles, two reports of the same strike that
disagree on the toll, an allegiance, a territorial control statement, a claim, a minted actor.
The tests in this file check that the fixture's spans are honest slices of its texts.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.build import background_graphs
from conflictkg.graph import article_graph
from conflictkg.iris import minted_entity_iri
from conflictkg.nlp.records import (AllegianceRecord, ControlRecord, EventRecord, Extraction,
                                    FigureRecord, Mention, Span)
from conflictkg.read import Article
from conflictkg.linking import link_same_happenings
from conflictkg.store.oxigraph import OxigraphStore

ACTOR = "https://w3id.org/conflictkg/id/actor/"
PLACE = "https://w3id.org/conflictkg/id/place/"
RUSSIAN_AIR = ACTOR + "russian-aerospace-forces"
RUSSIA = PLACE + "russia"                      # a Country: an actor with a Wikidata QID (Q159)
SOHR = ACTOR + "syrian-observatory-for-human-rights"
JKBW = ACTOR + "jaish-khalid-bin-al-walid"
ISLAMIC_STATE = ACTOR + "islamic-state"
FSA = ACTOR + "free-syrian-army"
NAWA, TASIL, DARAA = PLACE + "nawa", PLACE + "tasil", PLACE + "daraa-governorate"
ANSAR = minted_entity_iri("actor", "كتيبة انصار الحق")   # a name the catalogue lacks

STRIKE_TEXT = ("غارات روسية على نوى\n\nقتل 12 مدنياً في غارات شنتها الطائرات الروسية على مدينة نوى "
               "في ريف درعا يوم الاثنين، بحسب المرصد السوري لحقوق الإنسان.")
TOLL_TEXT = ("ارتفاع حصيلة نوى\n\nارتفع عدد القتلى المدنيين في غارات روسيا على نوى يوم الاثنين "
             "إلى 15 قتيلاً، وفق ناشطين محليين.")
YARMOUK_TEXT = ("جيش خالد في حوض اليرموك\n\nأعلن جيش خالد بن الوليد الذي بايع تنظيم الدولة الإسلامية "
                "سيطرته على بلدة تسيل بعد اشتباكات مع الجيش السوري الحر بمشاركة كتيبة أنصار الحق "
                "= \"قائد\" @ميداني.")


def span(text: str, words: str, occurrence: int = 1) -> Span:
    """The span of the n-th occurrence of ``words`` in ``text``."""
    begin = -1
    for _ in range(occurrence):
        begin = text.index(words, begin + 1)
    return Span(begin, begin + len(words), words)


def mention(text: str, words: str, entity: str, kind: str, entity_class: str, minted: bool = False) -> Mention:
    return Mention(span(text, words), entity, kind, entity_class, words, minted)


def strike_article() -> tuple[Article, Extraction]:
    text = STRIKE_TEXT
    article = Article(id="fx-nawa-strike", text=text, title=text.split("\n")[0], published=dt.date(2018, 7, 24),
                      url="https://example.org/fx/nawa-strike", source="fixture wire")
    event = EventRecord(
        type="AirStrike", evidence=[span(text, "غارات", 2)], initiators=[RUSSIAN_AIR], location=NAWA,
        instruments=["Warplane"], date=dt.date(2018, 7, 23), reported_by=[SOHR],
        figures=[FigureRecord("Killed", 12, span(text, "12 مدنياً"), population="Civilians")])
    return article, Extraction(
        mentions=[mention(text, "الطائرات الروسية", RUSSIAN_AIR, "actor", "StateForce"),
                  mention(text, "نوى", NAWA, "place", "City", ),
                  mention(text, "درعا", DARAA, "place", "Governorate"),
                  mention(text, "المرصد السوري لحقوق الإنسان", SOHR, "actor", "Organization")],
        events=[event])


def toll_article() -> tuple[Article, Extraction]:
    text = TOLL_TEXT
    article = Article(id="fx-nawa-toll", text=text, title=text.split("\n")[0], published=dt.date(2018, 7, 25),
                      url="https://example.org/fx/nawa-toll", source="fixture daily")
    event = EventRecord(
        type="AirStrike", evidence=[span(text, "غارات")], initiators=[RUSSIA], location=NAWA,
        date=dt.date(2018, 7, 23),
        figures=[FigureRecord("Killed", 15, span(text, "15 قتيلاً"), population="Civilians")])
    return article, Extraction(
        mentions=[mention(text, "روسيا", RUSSIA, "actor", "Country"), mention(text, "نوى", NAWA, "place", "City")],
        events=[event])


def yarmouk_article() -> tuple[Article, Extraction]:
    text = YARMOUK_TEXT
    article = Article(id="fx-yarmouk", text=text, title=text.split("\n")[0], published=dt.date(2017, 2, 21),
                      url="https://example.org/fx/yarmouk", source="fixture wire")
    taken = EventRecord(
        type="TerritoryTaken", evidence=[span(text, "سيطرته")], initiators=[JKBW], targets=[FSA],
        location=TASIL, earliest=dt.date(2017, 2, 19), latest=dt.date(2017, 2, 21),
        modality="Claimed", claimed_by=JKBW)
    clash = EventRecord(
        type="ArmedClash", evidence=[span(text, "اشتباكات")], initiators=[JKBW], targets=[FSA],
        supporters=[ANSAR], location=TASIL, earliest=dt.date(2017, 2, 19), latest=dt.date(2017, 2, 21))
    return article, Extraction(
        mentions=[mention(text, "جيش خالد بن الوليد", JKBW, "actor", "ArmedGroup"),
                  mention(text, "تنظيم الدولة الإسلامية", ISLAMIC_STATE, "actor", "ArmedGroup"),
                  mention(text, "بلدة تسيل", TASIL, "place", "Town"),
                  mention(text, "الجيش السوري الحر", FSA, "actor", "ArmedGroup"),
                  mention(text, "كتيبة أنصار الحق = \"قائد\" @ميداني", ANSAR, "actor", "ArmedGroup",
                          minted=True)],
        events=[taken, clash],
        allegiances=[AllegianceRecord(JKBW, "PledgedAllegiance", ISLAMIC_STATE, [span(text, "بايع")],
                                      earliest=dt.date(2016, 5, 1))],
        controls=[ControlRecord(JKBW, TASIL, [span(text, "سيطرته")], as_of=dt.date(2017, 2, 20))])


FIXTURE_ARTICLES = (strike_article, toll_article, yarmouk_article)


def fixture_graphs() -> list[tuple[str, list]]:
    """The background graphs and the fixture articles' graphs, as the build would store them."""
    graphs = background_graphs()
    for make in FIXTURE_ARTICLES:
        name, triples = article_graph(*make())
        graphs.append((str(name), triples))
    return graphs


def fixture_store() -> OxigraphStore:
    """The fixture graph in an in-memory Oxigraph store, with the links a build makes."""
    store = OxigraphStore(None)
    store.replace_graphs(fixture_graphs())
    link_same_happenings(store)
    return store


@pytest.mark.parametrize("make", FIXTURE_ARTICLES, ids=lambda make: make.__name__)
def test_fixture_spans_are_slices_of_their_article(make):
    article, extraction = make()
    spans = [m.span for m in extraction.mentions]
    spans += [s for e in extraction.events for s in e.evidence]
    spans += [f.span for e in extraction.events for f in e.figures]
    spans += [s for a in extraction.allegiances for s in a.evidence]
    assert spans and all(article.text[s.begin:s.end] == s.text for s in spans)


def test_fixture_store_holds_every_kind_of_fact():
    from conflictkg.build import summarise

    counts = summarise(fixture_store())
    assert counts["articles"] == 3 and counts["events"] == 4
    assert counts["allegiances"] == 1 and counts["controls"] == 1

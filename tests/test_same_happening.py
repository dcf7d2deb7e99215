"""Events that different articles report about one happening are linked (ck:sameHappeningAs)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write_jsonl

from conflictkg.build import background_graphs, build_corpus
from conflictkg.linking import Hierarchy, ReportedEvent, same_happening_pairs
from conflictkg.nlp.records import EventRecord
from conflictkg.store.oxigraph import OxigraphStore

PLACE = "https://w3id.org/conflictkg/id/place/"
NAWA, DARAA_GOV, TAFAS = PLACE + "nawa", PLACE + "daraa-governorate", PLACE + "tafas"
GOV, RUS = ("https://w3id.org/conflictkg/id/actor/syrian-government-forces",
            "https://w3id.org/conflictkg/id/actor/russian-aerospace-forces")
AIR = "https://w3id.org/conflictkg/ontology#AirStrike"
AIR_FORCE = "https://w3id.org/conflictkg/id/actor/syrian-arab-air-force"
NONE = Hierarchy({})


def event(name: str, article: str, place: str = NAWA, first: str = "2018-07-02", last: str | None = None,
          initiators: tuple[str, ...] = (), type_: str = AIR) -> ReportedEvent:
    return ReportedEvent(name, type_, place, article, dt.date.fromisoformat(first),
                         dt.date.fromisoformat(last or first), frozenset(initiators))


def test_same_type_place_and_day_in_two_articles_are_linked():
    pairs = same_happening_pairs([event("a", "A", initiators=(GOV,)), event("b", "B")], NONE)
    assert pairs == {("a", "b")}


def test_a_place_within_another_meets_it():
    pairs = same_happening_pairs([event("a", "A"), event("b", "B", place=DARAA_GOV)], Hierarchy({NAWA: {DARAA_GOV}, TAFAS: {DARAA_GOV}}))
    assert pairs == {("a", "b")}


def test_towns_of_one_governorate_are_not_one_place():
    hierarchy = Hierarchy({NAWA: {DARAA_GOV}, TAFAS: {DARAA_GOV}})
    assert not same_happening_pairs([event("a", "A"), event("b", "B", place=TAFAS)], hierarchy)


def test_a_unit_and_its_force_agree_as_initiators():
    hierarchy = Hierarchy({AIR_FORCE: {GOV}})
    pairs = same_happening_pairs([event("a", "A", initiators=(GOV,)), event("b", "B", initiators=(AIR_FORCE,))],
                                 hierarchy)
    assert pairs == {("a", "b")}


def test_a_state_and_its_forces_agree_as_initiators():
    with OxigraphStore(None) as store:
        store.replace_graphs(background_graphs())
        hierarchy = Hierarchy.from_store(store)
    russia, syria = (PLACE + "russia", PLACE + "syria")
    assert same_happening_pairs([event("a", "A", initiators=(russia,)), event("b", "B", initiators=(RUS,))],
                                hierarchy) == {("a", "b")}
    assert same_happening_pairs([event("a", "A", initiators=(syria,)), event("b", "B", initiators=(AIR_FORCE,))],
                                hierarchy) == {("a", "b")}
    assert not same_happening_pairs([event("a", "A", initiators=(syria,)), event("b", "B", initiators=(RUS,))],
                                    hierarchy)


def test_what_must_not_be_linked():
    assert not same_happening_pairs([event("a", "A"), event("b", "A")], NONE)  # one article
    assert not same_happening_pairs([event("a", "A"), event("b", "B", place=TAFAS)], NONE)
    assert not same_happening_pairs([event("a", "A"), event("b", "B", first="2018-07-04")], NONE)
    assert not same_happening_pairs([event("a", "A", initiators=(GOV,)), event("b", "B", initiators=(RUS,))], NONE)
    assert not same_happening_pairs([event("a", "A"), event("b", "B", type_=AIR.replace("AirStrike", "Shelling"))], NONE)


def test_overlapping_spans_meet_but_not_past_the_sorted_start():
    events = [event("a", "A", first="2018-07-01", last="2018-07-03"), event("b", "B", first="2018-07-03"),
              event("c", "C", first="2018-07-05")]
    assert same_happening_pairs(events, NONE) == {("a", "b")}


def test_a_build_links_two_reports_of_one_strike(tmp_path: Path):
    corpus = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "first", "published": "2018-07-03", "title": "براميل متفجرة على نوى",
         "text": "ألقت مروحيات قوات النظام يوم الاثنين براميل متفجرة على بلدة نوى في ريف درعا الغربي."},
        {"id": "second", "published": "2018-07-03", "title": "قصف على نوى",
         "text": "قال ناشطون إن مروحيات النظام ألقت الاثنين براميل متفجرة على بلدة نوى."},
        {"id": "third", "published": "2018-07-03", "title": "قصف على طفس",
         "text": "ألقت مروحيات قوات النظام يوم الاثنين براميل متفجرة على بلدة طفس."},
    ])
    with OxigraphStore(None) as store:
        report = build_corpus([corpus], store)
        rows = store.query("""PREFIX ck: <https://w3id.org/conflictkg/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?a ?b WHERE { ?x ck:sameHappeningAs ?y .
              ?x prov:wasDerivedFrom/dcterms:identifier ?a . ?y prov:wasDerivedFrom/dcterms:identifier ?b }""").rows
    assert report.linked == 1
    assert {tuple(sorted((str(a), str(b)))) for a, b in rows} == {("first", "second")}


def test_background_and_plans_are_never_linked():
    from rdflib import RDF, Literal, URIRef
    from rdflib.namespace import PROV, XSD

    from conflictkg.namespaces import CK
    from conflictkg.linking import link_same_happenings

    def graph(article: str, modality):
        event = URIRef(f"{article}/event/AirStrike-0")
        return article, [(event, RDF.type, CK.Event), (event, RDF.type, CK.AirStrike),
                         (event, CK.location, URIRef(NAWA)), (event, PROV.wasDerivedFrom, URIRef(article)),
                         (event, CK.date, Literal("2018-07-02", datatype=XSD.date)), (event, CK.modality, modality)]

    base = "https://w3id.org/conflictkg/id/article/"
    with OxigraphStore(None) as store:
        store.replace_graphs([graph(base + "now", CK.Asserted), graph(base + "old", CK.Historical),
                              graph(base + "plan", CK.Planned), graph(base + "also-now", CK.Claimed)])
        assert link_same_happenings(store) == 1
        [(a, b)] = store.query("SELECT ?a ?b WHERE { ?a <https://w3id.org/conflictkg/ontology#sameHappeningAs> ?b }").rows
    assert {str(a), str(b)} == {base + "now/event/AirStrike-0", base + "also-now/event/AirStrike-0"}


# ---------------------------------------------------------------------- no mergeable pair left
DEV_ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "articles"

TOLL_CARRIERS = """
PREFIX ck: <https://w3id.org/conflictkg/ontology#>
SELECT DISTINCT ?event WHERE { ?event ck:figure ?toll . ?toll a ck:CumulativeToll }
"""


def _records_by_article(store) -> dict[str, list[EventRecord]]:
    """The stored events as the records one_happening reads, through the exports' reader."""
    from conflictkg.export.store_reader import read_facts
    from conflictkg.nlp.records import FigureRecord, Span

    carriers = {str(row["event"]) for row in store.query(TOLL_CARRIERS).dicts()}
    by_article: dict[str, list[EventRecord]] = {}
    for event in read_facts(store).events:
        record = EventRecord(type=event.type, evidence=[], modality=event.modality,
                             initiators=list(event.initiators), location=event.location,
                             date=event.date, earliest=event.earliest, latest=event.latest)
        # what one_happening asks of figures: are there any, and is one a running total
        record.figures = [FigureRecord(outcome, count, Span(0, 0, ""), population=population)
                          for outcome, count, population in event.figures]
        if event.iri in carriers:
            record.figures.append(FigureRecord("Killed", 1, Span(0, 0, ""), running_total=True))
        for article in event.articles:
            by_article.setdefault(article, []).append(record)
    return by_article


@pytest.mark.skipif(not DEV_ARTICLES.exists(), reason=f"{DEV_ARTICLES} is absent (the shared eval folder "
                                                      "is not part of a user's clone)")
def test_no_article_of_the_dev_set_keeps_two_events_the_merge_rules_would_join(tmp_path):
    from conflictkg.build import build_corpus
    from conflictkg.nlp.events import one_happening
    from conflictkg.store import open_store

    with open_store(tmp_path / "store") as store:
        build_corpus([DEV_ARTICLES], store)
        by_article = _records_by_article(store)
    assert sum(map(len, by_article.values())) > 50     # the dev set's events were read
    joinable = [(article, a.type, a.location, b.location) for article, records in by_article.items()
                for i, a in enumerate(records) for b in records[i + 1:] if one_happening(a, b)]
    assert joinable == []


def _strike(**fields) -> EventRecord:
    return EventRecord(**{"type": "AirStrike", "evidence": [], "date": dt.date(2018, 7, 23), **fields})


PLACE = "https://w3id.org/conflictkg/id/place/"
FORCE = "https://w3id.org/conflictkg/id/actor/"


@pytest.mark.parametrize("a, b, one", [
    (_strike(initiators=[FORCE + "israel"]), _strike(initiators=[FORCE + "israel"], location=PLACE + "damascus"), True),
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "douma"), True),
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "eastern-ghouta"), False),   # within: maybe two
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "harasta"), False),
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "douma", date=dt.date(2018, 7, 10)), False),
    (_strike(initiators=[FORCE + "israel"]), _strike(initiators=[FORCE + "united-states"]), False),
    # a state and its forces are one side: "قصفت إسرائيل المطار" and "طائرتان للجيش الإسرائيلي"
    (_strike(initiators=[PLACE + "israel"]), _strike(initiators=[FORCE + "israel-defense-forces"]), True),
    (_strike(initiators=[PLACE + "russia"], location=PLACE + "douma"),
     _strike(initiators=[FORCE + "russian-aerospace-forces"], location=PLACE + "douma"), True),
    (_strike(initiators=[PLACE + "syria"]), _strike(initiators=[FORCE + "israel-defense-forces"]), False),
    (_strike(initiators=[PLACE + "israel", FORCE + "syrian-government-forces"]),
     _strike(initiators=[FORCE + "israel-defense-forces"]), False),
    # what one report asserts another may call alleged; a plan or a denial is another matter
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "douma", modality="Claimed"), True),
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "douma", modality="Denied"), False),
    (_strike(location=PLACE + "douma", modality="Claimed"), _strike(location=PLACE + "douma", modality="Historical"), False),
    (_strike(location=PLACE + "douma"), _strike(type="Shelling", location=PLACE + "douma"), False),
    # one evacuation per place, whoever each report names; not so one strike
    (_strike(type="Evacuation", location=PLACE + "douma"),
     _strike(type="Evacuation", location=PLACE + "douma", initiators=[FORCE + "syrian-government-forces"]), True),
    (_strike(location=PLACE + "douma"), _strike(location=PLACE + "douma", initiators=[FORCE + "syrian-government-forces"]), False),
    # fighting in one place over those days is one battle, its sides named by one report only
    (_strike(type="ArmedClash", location=PLACE + "douma"),
     _strike(type="ArmedClash", location=PLACE + "douma", initiators=[FORCE + "syrian-government-forces"]), True),
    (_strike(type="ArmedClash", location=PLACE + "douma", initiators=[FORCE + "jaish-al-islam"]),
     _strike(type="ArmedClash", location=PLACE + "douma", initiators=[FORCE + "syrian-government-forces"]), False),
])
def test_one_happening_reads_what_two_finished_events_say(a, b, one):
    from conflictkg.nlp.events import one_happening

    assert one_happening(a, b) is one and one_happening(b, a) is one

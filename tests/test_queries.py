"""The query library: every query is documented, runs on every graph, and answers correctly."""
from __future__ import annotations

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

from conflictkg.build import build_corpus
from conflictkg.query import LibraryQuery, QueryError, library, run_query
from conflictkg.resources import examples_dir
from conflictkg.store.oxigraph import OxigraphStore
from conftest import SEEDS, needs_shared
from test_queries_fixture import (ANSAR, FSA, ISLAMIC_STATE, JKBW, NAWA, RUSSIA, RUSSIAN_AIR, SOHR,
                                  TASIL, fixture_store)

ACTOR = "https://w3id.org/conflictkg/id/actor/"
ARTICLE = "https://w3id.org/conflictkg/id/article/"
CK = "https://w3id.org/conflictkg/ontology#"
GEO = "http://www.opengis.net/ont/geosparql#"
LIBRARY = library()
NAMES = [q.name for q in LIBRARY]


@pytest.fixture(scope="module")
def store():
    return fixture_store()


def _built(paths) -> OxigraphStore:
    store = OxigraphStore(None)
    build_corpus(paths, store)
    return store


@pytest.fixture(scope="module")
def examples_store():
    return _built([examples_dir()])


@pytest.fixture(scope="module")
def seeds_store():
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is absent (the shared corpus is not part of a user's clone)")
    return _built([SEEDS])


def answer(store, query_name: str, /, **values: str) -> list[dict]:
    return run_query(store, next(q for q in LIBRARY if q.name == query_name), values).dicts()


# ------------------------------------------------------------------ the library itself
def test_the_library_has_at_least_fifteen_documented_queries():
    assert len(LIBRARY) >= 15
    for query in LIBRARY:
        assert query.title != query.name and len(query.answers) > 30, query.name
        assert all(p.description for p in query.parameters), query.name


@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_on_the_fixture_graph(store, name):
    result = run_query(store, next(q for q in LIBRARY if q.name == name))
    assert result.variables


@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_on_the_examples_graph(examples_store, name):
    assert run_query(examples_store, next(q for q in LIBRARY if q.name == name)).variables


@needs_shared(SEEDS)
@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_on_the_seeds_graph(seeds_store, name):
    assert run_query(seeds_store, next(q for q in LIBRARY if q.name == name)).variables


# ------------------------------------------------------------------ answers on the fixture
def test_groups_that_pledged_allegiance_to_the_islamic_state_come_with_their_evidence(store):
    rows = answer(store, "pledged-allegiance")
    reported = [r for r in rows if r["article"] is not None]
    assert [(r["group"], str(r["evidence_text"])) for r in reported] == [(URIRef(JKBW), "بايع")]
    assert reported[0]["earliest"] == Literal("2016-05-01", datatype=XSD.date)


def test_ties_to_the_islamic_state_are_followed_at_any_depth(store):
    tied = {r["tied"] for r in answer(store, "tied-to-actor")}
    assert URIRef(JKBW) in tied
    assert URIRef(ACTOR + "liwa-shuhada-al-yarmouk") in tied   # member of JKBW, which pledged to IS
    assert URIRef(ISLAMIC_STATE) not in tied and URIRef(FSA) not in tied


def test_every_event_the_observatory_reported(store):
    rows = answer(store, "events-reported-by")
    assert [(r["location"], str(r["day"])) for r in rows] == [(URIRef(NAWA), "2018-07-23")]
    assert answer(store, "events-reported-by", reporter="actor:islamic-state") == []


def test_conflicting_figures_pair_the_two_reports_of_the_nawa_strike(store):
    rows = answer(store, "conflicting-figures")
    assert len(rows) == 1
    assert sorted([int(rows[0]["count_a"]), int(rows[0]["count_b"])]) == [12, 15]


def test_events_by_type_and_place_follow_within_and_dates(store):
    assert len(answer(store, "events-by-type-and-place", type="AirStrike", place="daraa-governorate")) == 2
    assert answer(store, "events-by-type-and-place", type="AirStrike", **{"from": "2018-07-24"}) == []
    clashes = answer(store, "events-by-type-and-place", type="ck:ArmedClash")
    assert [(r["location"], str(r["day"])) for r in clashes] == [(URIRef(TASIL), "2017-02-19")]


def test_civilian_deaths_by_initiator_and_month(store):
    rows = {(r["initiator"], str(r["month"])): int(r["civilians_killed"])
            for r in answer(store, "civilian-deaths-by-initiator-month")}
    assert rows == {(URIRef(RUSSIAN_AIR), "2018-07"): 12, (URIRef(RUSSIA), "2018-07"): 15}


def test_who_controls_which_place(store):
    rows = answer(store, "territorial-control", place="place:daraa-governorate")
    assert [(r["territory"], r["controller"], str(r["as_of"])) for r in rows] == [
        (URIRef(TASIL), URIRef(JKBW), "2017-02-20")]


def test_actors_with_and_without_wikidata_items(store):
    qids = {r["actor"]: str(r["qid"] or "") for r in answer(store, "actors-wikidata")}
    assert qids[URIRef(RUSSIA)] == "Q159"
    missing = {r["actor"] for r in answer(store, "actors-wikidata", missing_only="yes")}
    assert URIRef(ANSAR) in missing and URIRef(RUSSIA) not in missing


def test_the_evidence_behind_one_event_is_its_arabic_text(store):
    event = answer(store, "events-reported-by")[0]["event"]
    rows = answer(store, "event-evidence", event=f"<{event}>")
    assert {(str(r["text"]), str(r["what"])) for r in rows} == {("غارات", "event"), ("12 مدنياً", "figure: Killed")}


def test_events_per_day_is_a_time_series(store):
    series = [(str(r["day"]), str(r["type"]).split("#")[1], int(r["events"])) for r in answer(store, "events-per-day")]
    assert series == [("2017-02-19", "ArmedClash", 1), ("2017-02-19", "TerritoryTaken", 1),
                      ("2018-07-23", "AirStrike", 2)]


def test_articles_that_mention_an_actor(store):
    rows = answer(store, "articles-mentioning-actor", actor=SOHR)
    assert [str(r["id"]) for r in rows] == ["fx-nawa-strike"]


def test_label_search_finds_arabic_names(store):
    entities = {r["entity"] for r in answer(store, "search-labels", name="خالد بن الوليد")}
    assert URIRef(JKBW) in entities


def test_the_allegiance_network_gives_each_tie_once_with_the_article_behind_it(store):
    pledges = answer(store, "allegiance-network", kind="PledgedAllegiance")
    reported = [(r["from"], r["to"], r["article"]) for r in pledges if r["article"] is not None]
    assert reported == [(URIRef(JKBW), URIRef(ISLAMIC_STATE), URIRef(ARTICLE + "fx-yarmouk"))]
    assert {r["kind"] for r in pledges} == {URIRef(CK + "PledgedAllegiance")}
    every = answer(store, "allegiance-network")
    assert len(every) == len({tuple(r.values()) for r in every}) > len(pledges)


def test_most_mentioned_actors_count_articles_once_per_actor(store):
    counts = [(r["actor"], int(r["articles"])) for r in answer(store, "most-mentioned-actors")]
    assert (URIRef(SOHR), 1) in counts and (URIRef(JKBW), 1) in counts
    assert len(counts) == len({actor for actor, _ in counts})
    assert URIRef(NAWA) not in {actor for actor, _ in counts}          # a city is no actor
    assert answer(store, "most-mentioned-actors", min_articles="2") == []


def test_places_without_coordinates_leave_out_the_mapped_ones(store):
    rows = {r["place"]: int(r["articles"]) for r in answer(store, "places-without-coordinates")}
    assert rows[URIRef(TASIL)] == 1
    assert URIRef(NAWA) not in rows                                     # the catalogue has its point


def test_articles_overview_narrows_by_source_and_date(store):
    by_source = {str(r["id"]): int(r["events"]) for r in answer(store, "articles-overview", source="fixture wire")}
    assert by_source == {"fx-nawa-strike": 1, "fx-yarmouk": 2}
    assert [str(r["id"]) for r in answer(store, "articles-overview", **{"from": "2018-07-25"})] == ["fx-nawa-toll"]


def test_the_evidence_of_every_event_of_one_article(store):
    rows = answer(store, "event-evidence", article=f"<{ARTICLE}fx-yarmouk>")
    assert {str(r["text"]) for r in rows} == {"سيطرته", "اشتباكات"}


def test_an_event_is_mapped_at_the_nearest_enclosing_place_with_a_point():
    def place(name: str, within: str | None, point: str | None) -> list:
        iri = URIRef(f"urn:x:{name}")
        triples = [(iri, URIRef(CK + "within"), URIRef(f"urn:x:{within}"))] if within else []
        if point:
            geometry = URIRef(f"urn:x:{name}-geometry")
            triples += [(iri, URIRef(GEO + "hasGeometry"), geometry), (geometry, URIRef(GEO + "asWKT"), Literal(point))]
        return triples

    event = URIRef("urn:x:strike")
    triples = (place("village", "district", None) + place("district", "province", "POINT(1 1)")
               + place("province", None, "POINT(2 2)")
               + [(event, RDF.type, URIRef(CK + "Event")), (event, RDF.type, URIRef(CK + "AirStrike")),
                  (event, URIRef(CK + "location"), URIRef("urn:x:village"))])
    with OxigraphStore(None) as small:
        small.replace_graphs([("urn:x:graph", triples)])
        [row] = answer(small, "events-on-map")
    assert (row["event"], str(row["wkt"])) == (event, "POINT(1 1)")


# ------------------------------------------------------------------ parameters are terms
@pytest.mark.parametrize("hostile", ['"} ; DROP ALL ; {', "' } INSERT DATA { <a:b> <a:b> <a:b> } #",
                                     'a\\" } ; CLEAR ALL', "x\n} }\r\n#", "\\u0022) } DROP ALL"])
def test_a_parameter_carrying_sparql_stays_a_literal(tmp_path, store, hostile):
    path = tmp_path / "echo.rq"
    path.write_text("# title: Echo\n# param: text string UNDEF the text\n"
                    "SELECT ?echo WHERE { BIND(?text AS ?echo) }\n", encoding="utf-8")
    before = len(store)
    rows = run_query(store, LibraryQuery.from_file(path), {"text": hostile}).rows
    assert rows == [(Literal(hostile, datatype=XSD.string),)]  # Oxigraph: plain literals are xsd:string
    assert len(store) == before


@pytest.mark.parametrize("value", ["<http://a/b> } DROP ALL {", "actor:x>", "http://a/ b", 'ck:"x'])
def test_an_iri_parameter_that_is_not_an_iri_is_refused(value):
    query = next(q for q in LIBRARY if q.name == "pledged-allegiance")
    with pytest.raises(QueryError, match="not an IRI"):
        query.bound({"actor": value})


def test_typed_parameters_are_checked():
    query = next(q for q in LIBRARY if q.name == "events-per-day")
    with pytest.raises(QueryError, match="not a date"):
        query.bound({"from": "2018-02-30"})
    with pytest.raises(QueryError, match="no parameter"):
        query.bound({"form": "2018-02-01"})


def test_parameters_bind_in_the_top_level_group_not_in_a_template(tmp_path, store):
    path = tmp_path / "construct.rq"
    path.write_text("# title: t\n# param: who iri:actor actor:islamic-state the actor\n"
                    "CONSTRUCT { ?group <urn:x:tied> ?who } WHERE { ?group <https://w3id.org/conflictkg/"
                    "ontology#pledgedAllegianceTo> ?who }\n", encoding="utf-8")
    triples = run_query(store, LibraryQuery.from_file(path)).triples
    assert (URIRef(JKBW), URIRef("urn:x:tied"), URIRef(ISLAMIC_STATE)) in triples


# ------------------------------------------------------------------ the seeds' real answers
@needs_shared(SEEDS)
def test_seeds_jaish_khalid_pledged_allegiance_to_the_islamic_state(seeds_store):
    groups = {r["group"] for r in answer(seeds_store, "pledged-allegiance")}
    assert URIRef(JKBW) in groups


@needs_shared(SEEDS)
def test_seeds_an_article_reports_the_pledge_with_its_arabic_evidence(seeds_store):
    rows = [r for r in answer(seeds_store, "pledged-allegiance") if r["group"] == URIRef(JKBW)]
    assert any(r["article"] is not None and r["evidence_text"] for r in rows)


@needs_shared(SEEDS)
def test_seeds_the_observatory_reported_the_24_july_2018_strikes(seeds_store):
    rows = answer(seeds_store, "events-reported-by")
    assert any(str(r["type"]).endswith("#AirStrike") and str(r["day"]) == "2018-07-24" for r in rows)

"""The evidence model says each thing once, and nothing that reads the graph misses what it no longer repeats.

What an article's graph does not write (ontology/README.md, "What the graph does not repeat"):
``ck:article`` beside ``nif:referenceContext``, a mention's ``nif:Phrase`` (the ontology implies
it), and the spans of an entity named again in the same words. ``ontology/implied-triples.ru`` puts back the first two;
every library query and every export must answer the same on a store with and without them,
which fails as soon as any of them reads a triple that is no longer written.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SEEDS, SHARED
from rdflib import RDF, URIRef

from conflictkg.build import build_corpus
from conflictkg.export import WikidataOptions, export_store
from conflictkg.graph import article_graph
from conflictkg.namespaces import CK, ITSRDF, NIF
from conflictkg.nlp.records import EventRecord, Extraction, Mention, Span
from conflictkg.query import library, results_csv, run_query
from conflictkg.read import Article
from conflictkg.resources import examples_dir, ontology_dir
from conflictkg.store.oxigraph import OxigraphStore

DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"
ACTOR = "https://w3id.org/conflictkg/id/actor/"
ISLAMIC_STATE, SOHR = ACTOR + "islamic-state", ACTOR + "syrian-observatory-for-human-rights"

TEXT = ("هجوم لتنظيم الدولة\n\n"
        "قال المرصد إن تنظيم الدولة هاجم مواقع قرب البوكمال. وأضاف المرصد أن التنظيم "
        "انسحب بعد ساعات، وأن تنظيم الدولة خسر عشرة من مقاتليه.")


def span(words: str, occurrence: int = 1) -> Span:
    begin = -1
    for _ in range(occurrence):
        begin = TEXT.index(words, begin + 1)
    return Span(begin, begin + len(words), words)


def mention(words: str, entity: str, occurrence: int = 1) -> Mention:
    return Mention(span(words, occurrence), entity, "actor", "ArmedGroup", words)


def written() -> tuple[URIRef, list]:
    article = Article(id="is-attack", text=TEXT, title="هجوم لتنظيم الدولة", published=dt.date(2018, 7, 24))
    mentions = [mention("تنظيم الدولة", ISLAMIC_STATE, 3), mention("المرصد", SOHR, 2),  # out of order
                mention("تنظيم الدولة", ISLAMIC_STATE, 1), mention("تنظيم الدولة", ISLAMIC_STATE, 2),
                mention("التنظيم", ISLAMIC_STATE), mention("المرصد", SOHR, 1)]
    attack = EventRecord("ArmedClash", evidence=[span("تنظيم الدولة", 2), span("هاجم")], initiators=[ISLAMIC_STATE])
    return article_graph(article, Extraction(mentions=mentions, events=[attack]))


def spans_naming(triples, entity: str) -> list[tuple[int, str]]:
    values = {(s, p): o for s, p, o in triples}
    return sorted((int(values[s, NIF.beginIndex]), str(values[s, NIF.anchorOf]))
                  for s, p, o in triples if p == ITSRDF.taIdentRef and o == URIRef(entity))


def test_an_entity_named_again_in_the_same_words_keeps_the_span_of_the_first_time():
    name, triples = written()
    assert spans_naming(triples, ISLAMIC_STATE) == [(span("تنظيم الدولة", 1).begin, "تنظيم الدولة"),
                                                    (span("التنظيم").begin, "التنظيم")]
    assert spans_naming(triples, SOHR) == [(span("المرصد", 1).begin, "المرصد")]
    assert {(name, CK.mentions, URIRef(ISLAMIC_STATE)), (name, CK.mentions, URIRef(SOHR))} <= set(triples)


def test_every_piece_of_evidence_keeps_its_span_even_in_repeated_words():
    _, triples = written()
    values = {(s, p): o for s, p, o in triples}
    evidence = [o for s, p, o in triples if p == CK.evidence]
    assert sorted((int(values[e, NIF.beginIndex]), int(values[e, NIF.endIndex]), str(values[e, NIF.anchorOf]))
                  for e in evidence) == sorted([(s.begin, s.end, s.text) for s in (span("تنظيم الدولة", 2), span("هاجم"))])


def test_a_span_says_its_type_and_its_article_once():
    name, triples = written()
    spans = {s for s, p, o in triples if p == NIF.anchorOf}
    for node in spans:
        about = [(p, o) for s, p, o in triples if s == node]
        assert [o for p, o in about if p == RDF.type] == [CK.Mention]
        assert [o for p, o in about if p == NIF.referenceContext] == [name]
        assert CK.article not in {p for p, _ in about}


# ---------------------------------------------------------------------------- nothing reads what is gone


def answers(store: OxigraphStore, folder: Path) -> dict[str, str]:
    """Every library query's rows (default parameters, rows sorted) and every export's text."""
    found = {}
    for query in library():
        header, *rows = results_csv(run_query(store, query)).splitlines()
        found[f"query {query.name}"] = "\n".join([header, *sorted(rows)])
    folder.mkdir()
    for fmt, views in (("csv", [None]), ("geojson", [None]), ("html", [None]), ("quickstatements", [None]),
                       ("gexf", ["actors", "events", "hostility"]), ("graphml", ["actors", "events", "hostility"])):
        for view in views:
            path = folder / f"{fmt}-{view}"
            export_store(store, fmt, path, view, WikidataOptions())
            found[f"export {fmt} {view}"] = path.read_text(encoding="utf-8")
    return found


def with_implied_triples(store: OxigraphStore) -> OxigraphStore:
    """A copy of ``store`` with what ontology/implied-triples.ru puts back."""
    copy = OxigraphStore(None)
    copy.store.extend(store.store)
    copy.store.update((ontology_dir() / "implied-triples.ru").read_text(encoding="utf-8"))
    return copy


def count(store: OxigraphStore, pattern: str) -> int:
    return int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}").rows[0][0])


SOURCES = [pytest.param([examples_dir()], id="examples"),
           pytest.param([SEEDS, DEV_ARTICLES], id="seeds-and-dev", marks=pytest.mark.skipif(
               not DEV_ARTICLES.exists(), reason=f"{DEV_ARTICLES} is absent (the shared folder is not part of a clone)"))]


@pytest.mark.parametrize("sources", SOURCES)
def test_queries_and_exports_answer_the_same_with_the_implied_triples_put_back(sources, tmp_path):
    with OxigraphStore(None) as built:
        build_corpus(sources, built)
        restored = with_implied_triples(built)
        for pattern in ("?m <https://w3id.org/conflictkg/ontology#article> ?a", f"?m a <{NIF.Phrase}>"):
            assert count(built, pattern) == 0 < count(restored, pattern), pattern
        lighter, heavier = answers(built, tmp_path / "lighter"), answers(restored, tmp_path / "heavier")
    assert sum(len(text.splitlines()) > 1 for name, text in lighter.items() if name.startswith("query")) >= 15
    for name in lighter:
        assert lighter[name] == heavier[name], name

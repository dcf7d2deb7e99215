"""Incremental builds: a rebuild touches only the articles whose text or metadata changed,
replaces their graphs whole (no triple of the old version left behind) and duplicates nothing."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CLASH_TEXT, STRIKE_TEXT, write_jsonl

from conflictkg.build import build_corpus
from conflictkg.iris import article_iri, links_graph_iri
from conflictkg.store.oxigraph import OxigraphStore

SHELLING_TEXT = ("قصف مدفعي على جاسم\n\nقصفت قوات النظام بالمدفعية مدينة جاسم في ريف درعا الشمالي، "
                 "وأفاد المرصد السوري لحقوق الإنسان بمقتل مدنيين اثنين.")
CHANGED_TEXT = ("قصف على الحراك\n\nاستهدفت طائرات حربية روسية بلدة الحراك في ريف درعا الشرقي، "
                "وقال الدفاع المدني السوري إن خمسة مدنيين قتلوا.")


def corpus_records() -> list[dict]:
    return [{"id": "strike", "published": "2018-07-24", "text": STRIKE_TEXT},
            {"id": "clash", "published": "2017-02-15", "text": CLASH_TEXT},
            {"id": "shelling", "published": "2018-06-28", "text": SHELLING_TEXT}]


def graphs_of(store: OxigraphStore, path: Path) -> dict[str, set[str]]:
    """Each named graph's lines of the exported N-Quads."""
    store.export(path)
    graphs: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        graphs[line.rsplit(" ", 2)[-2].strip("<>")].add(line)
    return dict(graphs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_changing_one_article_changes_only_its_graph(tmp_path: Path, jobs: int):
    records = corpus_records()
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([corpus], store, jobs=jobs)
        before = graphs_of(store, tmp_path / "before.nq")
        records[1] = {**records[1], "text": CHANGED_TEXT}
        write_jsonl(corpus, records)
        report = build_corpus([corpus], store, jobs=jobs)
        after = graphs_of(store, tmp_path / "after.nq")
    assert (report.built, report.unchanged) == (1, 2)
    changed = article_iri("clash")
    changed_graphs = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed_graphs - {links_graph_iri()} == {changed}
    # The links graph changes only in its record of the articles it was computed from.
    assert {line for line in before[links_graph_iri()] ^ after[links_graph_iri()]
            if "linkedArticlesHash" not in line} == set()
    # Replaced whole: exactly what a fresh build of the new text gives, nothing of the old one.
    with OxigraphStore(tmp_path / "fresh") as fresh:
        build_corpus([corpus], fresh)
        assert after == graphs_of(fresh, tmp_path / "fresh.nq")
    assert not any("الجيش السوري الحر" in line for line in after[changed])


def test_a_changed_publication_date_alone_rebuilds_the_article(tmp_path: Path):
    records = corpus_records()
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([corpus], store)
        records[0] = {**records[0], "published": "2018-07-25"}
        write_jsonl(corpus, records)
        report = build_corpus([corpus], store)
        [(date,)] = store.query(f"""SELECT ?d WHERE {{ <{article_iri('strike')}> <http://schema.org/datePublished> ?d }}""").rows
    assert (report.built, report.unchanged) == (1, 2)
    assert str(date) == "2018-07-25"


def test_rebuilding_an_unchanged_corpus_writes_nothing(tmp_path: Path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", corpus_records())
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([corpus], store)
        size = len(store)
        report = build_corpus([corpus], store, jobs=2)
        assert (report.built, report.unchanged) == (0, 3)
        assert len(store) == size

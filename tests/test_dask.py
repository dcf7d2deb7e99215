"""The Dask engine on a LocalCluster: the same quads as the local build, shards cleaned up,
and incremental rebuilds that touch only what changed."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLASH_TEXT, STRIKE_TEXT, write_jsonl

from conflictkg.build import build_corpus
from conflictkg.distributed import DaskEngine, write_nquads_shard
from conflictkg.iris import article_iri, links_graph_iri
from conflictkg.read import Article
from conflictkg.resources import examples_dir
from conflictkg.store.oxigraph import OxigraphStore

pytest.importorskip("distributed")

ARTICLES = [{"id": f"d{i}", "published": "2018-05-1" + str(i % 10), "text": text + f" ({i})"}
            for i, text in enumerate([CLASH_TEXT, STRIKE_TEXT] * 4)]


def exported_lines(store: OxigraphStore, path: Path) -> list[str]:
    store.export(path)
    return sorted(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    shards = tmp_path_factory.mktemp("shards")
    with DaskEngine("local", workers=2, shard_folder=shards) as engine:
        yield engine


def test_dask_gives_exactly_the_quads_of_the_local_build(cluster: DaskEngine, tmp_path: Path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", ARTICLES)
    inputs = [examples_dir(), corpus]
    with OxigraphStore(tmp_path / "local") as store:
        build_corpus(inputs, store)
        local = exported_lines(store, tmp_path / "local.nq")
    with OxigraphStore(tmp_path / "dask") as store:
        report = build_corpus(inputs, store, engine=cluster, batch_size=3)
        distributed = exported_lines(store, tmp_path / "dask.nq")
    assert report.built == 7 + len(ARTICLES)
    assert distributed == local and len(local) > 1000
    assert list(cluster.shard_folder.iterdir()) == []  # every shard loaded, then removed


def test_dask_rebuild_changes_only_the_changed_article(cluster: DaskEngine, tmp_path: Path):
    records = list(ARTICLES)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    with OxigraphStore(tmp_path / "s") as store:
        build_corpus([corpus], store, engine=cluster, batch_size=3)
        before = set(exported_lines(store, tmp_path / "before.nq"))
        records[3] = {**records[3], "text": CLASH_TEXT + " وتجددت الاشتباكات مساء."}
        write_jsonl(corpus, records)
        report = build_corpus([corpus], store, engine=cluster, batch_size=3)
        after = set(exported_lines(store, tmp_path / "after.nq"))
    assert (report.built, report.unchanged) == (1, len(records) - 1)
    changed = f"<{article_iri('d3')}> ."
    # Besides the article's own graph, only the cross-article links of its events may change.
    links = f"<{links_graph_iri()}> ."
    d3_event = f"<{article_iri('d3')}/event/"
    # (and the links graph's record of which articles it was computed from: ck:linkedArticlesHash).
    assert {line for line in before ^ after
            if not line.endswith(changed) and not (line.endswith(links) and d3_event in line)
            and "linkedArticlesHash" not in line} == set()
    assert before - after and after - before


def test_a_shard_holds_each_graph_at_its_recorded_place(tmp_path: Path):
    articles = [Article(id=f"s{i}", text=text) for i, text in enumerate([STRIKE_TEXT, CLASH_TEXT])]
    shard = write_nquads_shard(articles, "https://w3id.org/conflictkg/id/", str(tmp_path))
    graphs = shard.read()
    assert [g.name for g in graphs] == [article_iri("s0"), article_iri("s1")]
    for graph in graphs:
        lines = graph.nquads.decode("utf-8").splitlines()
        assert lines and all(line.endswith(f"<{graph.name}> .") for line in lines)
    assert not list(tmp_path.glob("*.part"))
    shard.remove()
    assert list(tmp_path.iterdir()) == []

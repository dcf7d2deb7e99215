"""What a run derives from the data files is kept between runs, and never read stale."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conflictkg.build import background_graphs, background_nquads
from conflictkg.catalogue import catalogue_files, entries_from_graph, load_catalogue, load_catalogue_graph
from conflictkg.store.nquads import serialize_graph


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFLICTKG_CACHE", str(folder))
    return folder


def test_the_catalogue_read_from_the_cache_is_the_catalogue_parsed(cache: Path):
    parsed = tuple(entries_from_graph(load_catalogue_graph()))
    load_catalogue.cache_clear()
    assert load_catalogue() == parsed          # made, and stored
    load_catalogue.cache_clear()
    assert load_catalogue() == parsed          # read back from the cache
    assert len(list(cache.glob("catalogue-*"))) == 1


def test_a_changed_catalogue_file_is_read_afresh(cache: Path, tmp_path: Path):
    folder = tmp_path / "catalogue"
    shutil.copytree(catalogue_files()[0].parent, folder)
    before = load_catalogue(folder)
    target = next(entry for entry in before if entry.label_ar and entry.label_en)
    label = f'"{target.label_en}"@en'
    source = next(path for path in folder.glob("*.ttl") if label in path.read_text(encoding="utf-8"))
    source.write_text(source.read_text(encoding="utf-8").replace(label, '"A name changed here"@en', 1),
                      encoding="utf-8")
    load_catalogue.cache_clear()
    after = {entry.iri: entry for entry in load_catalogue(folder)}
    assert after[target.iri].label_en == "A name changed here"
    assert len(list(cache.glob("catalogue-*"))) == 2


def test_the_background_graphs_from_the_cache_are_those_computed(cache: Path):
    computed = [serialize_graph(name, triples) for name, triples in background_graphs()]
    assert background_nquads() == computed     # made, and stored
    assert background_nquads() == computed     # read back
    assert len(list(cache.glob("background-*"))) == 2


def test_an_unwritable_cache_changes_nothing(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CONFLICTKG_CACHE", str(blocker / "cache"))
    assert background_nquads() == [serialize_graph(name, triples) for name, triples in background_graphs()]

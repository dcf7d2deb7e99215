"""The build end to end: deterministic graphs, bad inputs reported, the store never damaged."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLD, SCORER, SEEDS, STRIKE_TEXT, needs_shared, write_jsonl
from rdflib import Dataset

from conflictkg.build import build_corpus
from conflictkg.cli import main
from conflictkg.resources import examples_dir
from conflictkg.store.oxigraph import OxigraphStore


def quads(path: Path) -> set:
    ds = Dataset()
    ds.parse(path, format="nquads")
    return {(s, p, o, getattr(c, "identifier", c)) for s, p, o, c in ds.quads()}


def test_building_twice_gives_an_identical_graph(tmp_path: Path):
    outputs = []
    for run in ("one", "two"):
        with OxigraphStore(tmp_path / run) as store:
            build_corpus([examples_dir()], store)
            store.export(tmp_path / f"{run}.nq")
        outputs.append(sorted((tmp_path / f"{run}.nq").read_text(encoding="utf-8").splitlines()))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100


def test_rebuild_skips_unchanged_and_replaces_changed(tmp_path: Path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": STRIKE_TEXT}, {"id": "b", "text": "نص آخر"}])
    with OxigraphStore(tmp_path / "s") as store:
        assert build_corpus([path], store).built == 2
        again = build_corpus([path], store)
        assert (again.built, again.unchanged) == (0, 2)
        write_jsonl(path, [{"id": "a", "text": STRIKE_TEXT + " تعديل"}, {"id": "b", "text": "نص آخر"}])
        changed = build_corpus([path], store)
        assert (changed.built, changed.unchanged) == (1, 1)
        [(text,)] = store.query("""SELECT ?t WHERE { ?a <http://purl.org/dc/terms/identifier> "a" ;
                                   <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }""").rows
        assert str(text).endswith("تعديل")


def test_cli_build_reports_bad_inputs_and_keeps_the_good(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STRIKE_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(b"\xe9t\xe9")
    write_jsonl(folder / "lines.jsonl", [{"id": "ok", "text": STRIKE_TEXT + " ٢"}, "{broken"])
    store = tmp_path / "store"
    # Something already stored must survive a build with bad inputs.
    first = CliRunner().invoke(main, ["build", str(folder / "good.txt"), "--store", str(store)])
    assert first.exit_code == 0, first.output
    result = CliRunner().invoke(main, ["build", str(folder), str(tmp_path / "missing.txt"),
                                       "--store", str(store), "--export", str(tmp_path / "g.nq")])
    assert result.exit_code == 1
    for name in ("empty.txt", "latin1.txt", "lines.jsonl:2", "missing.txt"):
        assert sum(name in line for line in result.output.splitlines()) == 1, (name, result.output)
    ids = {str(q[2]) for q in quads(tmp_path / "g.nq") if str(q[1]).endswith("/identifier")}
    assert ids == {"good", "ok"}


def test_every_command_exists_and_takes_store():
    runner = CliRunner()
    for command in ("build", "validate", "query", "export", "serve", "evaluate"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--store" in result.output, command


@needs_shared(SEEDS)
def test_seeds_build_and_the_scorer_finds_both(tmp_path: Path):
    graph = tmp_path / "seeds.trig"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--store", str(tmp_path / "s"), "--export", str(graph)])
    assert result.exit_code == 0, result.output
    if not SCORER.exists():
        return
    scored = subprocess.run([sys.executable, str(SCORER), str(graph), str(GOLD), "--json"],
                            capture_output=True, text=True, check=True)
    assert json.loads(scored.stdout)["missing_documents"] == []


def test_every_reading_command_names_a_missing_store(tmp_path: Path):
    missing = str(tmp_path / "no-store")
    gold = tmp_path / "gold.json"
    gold.write_text('{"catalogue": "cat.json", "documents": []}', encoding="utf-8")
    (tmp_path / "cat.json").write_text('{"entities": {}, "places": {}}', encoding="utf-8")
    for args in (["validate"], ["query", "articles-overview"], ["export", "csv", str(tmp_path / "x.csv")],
                 ["evaluate", str(gold)], ["serve", "--port", "0"]):
        result = CliRunner().invoke(main, [*args, "--store", missing])
        assert result.exit_code == 2, (args, result.output)
        assert "no store" in result.output and missing in result.output, (args, result.output)



class _FailingStore(OxigraphStore):
    """Refuses its second batch of articles, as a full disk would."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.batches = 0

    def load_article_graphs(self, graphs):
        graphs = list(graphs)
        if graphs and "/article/" in graphs[0].name:
            self.batches += 1
            if self.batches == 2:
                raise OSError("No space left on device")
        super().load_article_graphs(graphs)


def test_a_store_that_fails_stops_the_build_and_only_stored_articles_are_announced(tmp_path: Path):
    # The store is written on a thread of its own: its failure must still reach the build.
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": f"a{n}", "text": STRIKE_TEXT} for n in range(5)])
    announced = []
    store = _FailingStore(tmp_path / "s")
    try:
        with pytest.raises(OSError, match="No space left"):
            build_corpus([path], store, batch_size=2, on_article=lambda article: announced.append(article.id))
    finally:
        store.close()
    assert announced == ["a0", "a1"]

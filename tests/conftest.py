"""Shared fixtures: small Arabic articles written for the tests, and the shared eval folder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.json"
SCORER = SHARED / "eval" / "score.py"

STRIKE_TEXT = ("غارات على نوى\n\nقصفت طائرات حربية روسية بلدة نوى في ريف درعا يوم الاثنين، "
               "وفق المرصد السوري لحقوق الإنسان.")
CLASH_TEXT = ("اشتباكات في درعا البلد\n\nاندلعت اشتباكات بين الجيش السوري الحر وقوات النظام "
              "في حي المنشية بمدينة درعا.")


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def text_corpus(tmp_path: Path) -> Path:
    """A folder of two plain-text articles with a meta.jsonl beside them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "strike.txt").write_text(STRIKE_TEXT, encoding="utf-8")
    (folder / "clash.txt").write_text(CLASH_TEXT, encoding="utf-8")
    write_jsonl(folder / "meta.jsonl", [
        {"id": "strike", "published": "2018-07-24", "source": "test", "url": "https://example.org/strike"},
        {"id": "clash", "published": "2017-02-15"},
    ])
    return folder


def extractor_at(published):
    """extract(text): the extraction of one article published on ``published`` (one extractor,
    shared by a test module's calls)."""
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article

    extractor = Extractor()
    return lambda text: extractor.extract(Article(id="t", text=text, published=published))


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (the shared eval/corpus folder "
                                                        "is not part of a user's clone)")


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """The bundled example articles built once into an Oxigraph folder, as `make run` does."""
    from conflictkg.build import build_corpus
    from conflictkg.resources import examples_dir
    from conflictkg.store import open_store

    folder = tmp_path_factory.mktemp("examples") / "store"
    with open_store(folder) as store:
        build_corpus([examples_dir()], store)
    return folder

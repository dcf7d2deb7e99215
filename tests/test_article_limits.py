"""Issue #18: one long article cannot stall a build, and the size limits are the real ones."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from conflictkg.build import build_corpus
from conflictkg.nlp.extract import Extractor
from conflictkg.parallel import LocalEngine
from conflictkg.read import MAX_CHARACTERS, Article, ReadOptions, ReadProblem, read_articles
from conflictkg.store.oxigraph import OxigraphStore
from test_crash_safety import ACTORS, PLACES
from test_crash_safety import TEMPLATES as CRASH_TEMPLATES

# Sentences written for the tests (shared with the crash-safety corpus), and one more with a
# relative clause: every one an event with its actors and places, the densest text for the rules.
TEMPLATES = [*CRASH_TEMPLATES, "وفي {place}، التي يسيطر عليها {actor}، سقط {n} جرحى."]


def dense_text(chars: int, seed: int = 18) -> str:
    rng = random.Random(seed)
    sentences, size = [], 0
    while size < chars:
        actor, other = rng.sample(ACTORS, 2)
        place = rng.choice(PLACES)
        other_place = rng.choice(PLACES)
        sentence = rng.choice(TEMPLATES).format(actor=actor, other=other, place=place, other_place=other_place,
                                                n=rng.randint(2, 90))
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)[:chars]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_an_article_past_the_time_limit_is_named_and_its_batch_is_built(tmp_path: Path, extractor: Extractor):
    corpus = tmp_path / "corpus.jsonl"
    records = [{"id": "short1", "text": dense_text(400, seed=1)},
               {"id": "endless", "text": dense_text(80_000)},  # a minute or more before issue #18's fix
               {"id": "short2", "text": dense_text(400, seed=2)}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    started = time.monotonic()
    with OxigraphStore(tmp_path / "store") as store, LocalEngine(1, extractor=extractor, article_seconds=2) as engine:
        report = build_corpus([corpus], store, engine=engine)
    assert time.monotonic() - started < 30
    assert report.built == 2
    [problem] = report.problems
    assert problem.origin == f"{corpus}:2" and "2 s" in problem.problem and "--article-seconds" in problem.problem


def test_a_text_over_the_pipeline_character_limit_is_refused_when_read(tmp_path: Path):
    """spaCy refuses texts over its max_length; the reader says so, naming the article, before
    any extraction time is spent (--max-bytes is the byte limit, this is the character one)."""
    corpus = tmp_path / "long.jsonl"
    fits = "ق" * (MAX_CHARACTERS - 10)
    corpus.write_text(json.dumps({"id": "over", "text": "ق" * (MAX_CHARACTERS + 1)}) + "\n"
                      + json.dumps({"id": "fits", "text": fits}) + "\n", encoding="utf-8")
    results = list(read_articles([corpus], ReadOptions(max_bytes=10 * MAX_CHARACTERS)))
    assert [r.id for r in results if isinstance(r, Article)] == ["fits"]
    [problem] = [r for r in results if isinstance(r, ReadProblem)]
    assert problem.origin == f"{corpus}:1" and f"{MAX_CHARACTERS:,}-character limit" in problem.problem


def test_the_character_limit_is_the_pipeline_limit(extractor: Extractor):
    assert extractor.nlp.max_length >= MAX_CHARACTERS

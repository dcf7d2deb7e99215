"""Validating one new article against the full store versus alone.

A new article (one the store does not hold) is extracted, then validated twice with
:func:`conflictkg.validate.validate_article`: with the background (catalogue + schema) read from
the full built store, and alone, with the background from the catalogue files. What the store
costs is the background's loading and the size of what the article reaches; the target is at
most twice the cost of validating it alone.

    python -m bench.validation --store DIR [--article N] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import statistics
import time
from pathlib import Path

from bench.recording import CORPUS, corpus_or_exit, load_average, write_result
from conflictkg.build import background_graphs
from conflictkg.graph import article_graph
from conflictkg.nlp.extract import Extractor
from conflictkg.read import ReadOptions, article_from_record
from conflictkg.store.oxigraph import OxigraphStore


def new_article(corpus: Path, line: int):
    """The article on a given line of the corpus (pick one beyond what the store holds)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as source:
        record = json.loads(next(itertools.islice(source, line, None)))
    article, _ = article_from_record(record, default_id=f"bench-{line}", body=None,
                                     origin=f"{corpus}:{line + 1}", options=ReadOptions())
    return article


def timed_median(work, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="an Oxigraph folder a build made")
    parser.add_argument("--article", type=int, default=30_000, help="corpus line of the new article")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    try:
        from conflictkg.validate import Background, validate_article
    except ImportError as exc:
        print(f"skipped: the validator is not ready ({exc})")
        return
    corpus = corpus_or_exit(args.corpus)
    before = load_average()
    article = new_article(corpus, args.article)
    name, triples = article_graph(article, Extractor().extract(article))
    started = time.perf_counter()
    alone_background = Background.from_triples(background_graphs())
    alone_setup = time.perf_counter() - started
    alone = timed_median(lambda: validate_article(str(name), triples, alone_background))
    with OxigraphStore(args.store, read_only=True) as store:
        started = time.perf_counter()
        store_background = Background.from_store(store)
        store_setup = time.perf_counter() - started
        full = timed_median(lambda: validate_article(str(name), triples, store_background))
        quads = len(store)
    result = {"article": article.id, "article_triples": len(triples), "store": str(args.store),
              "store_quads": quads, "alone": {"setup_s": round(alone_setup, 2), "validate_s": round(alone, 3)},
              "full_store": {"setup_s": round(store_setup, 2), "validate_s": round(full, 3)},
              "ratio": round(full / alone, 2)}
    table = "\n".join([
        f"New article {article.id} ({len(triples)} triples); store {args.store} ({quads:,} quads).", "",
        "| | background set-up (once per run) | validating the article (median of 3) |", "|---|---:|---:|",
        f"| alone (catalogue files) | {alone_setup:.2f} s | {alone:.3f} s |",
        f"| against the full store | {store_setup:.2f} s | {full:.3f} s |", "",
        f"**Ratio: {full / alone:.2f}×** (target ≤ 2×)."])
    write_result("validation", result, before, table, module="bench.validation", argv=argv)


if __name__ == "__main__":
    main()

"""Extraction throughput beside bare spaCy tokenisation of the same texts, and where time goes.

One process, one core, the same articles for every measurement:

- ``spacy.blank("ar")`` tokenising the texts: the floor any spaCy pipeline pays;
- the whole per-article path a build worker runs (extract → triples → N-Quads), whose words/s
  as a share of the tokeniser's is the figure that matters (target ≥ 20 %);
- a stage by stage breakdown: reading, tokenising, each pipeline component, writing triples,
  serialising them, loading them into an on-disk Oxigraph store.

The sample takes every k-th article of the corpus so that all sources and sections are in it
(spaCy's tokeniser caches chunks it has seen: repetitive text would flatter it).

    python -m bench.throughput [--articles 2000] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from bench.recording import CORPUS, corpus_or_exit, load_average, write_result
from conflictkg.graph import article_graph
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article, read_articles
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.oxigraph import OxigraphStore

CORPUS_ARTICLES = 30_139


def sample(corpus: Path, count: int) -> tuple[list[Article], float]:
    """Every k-th article of the corpus, and the seconds reading the whole file took."""
    stride = max(1, CORPUS_ARTICLES // count)
    started = time.perf_counter()
    articles = [a for i, a in enumerate(a for a in read_articles([corpus]) if isinstance(a, Article))
                if i % stride == 0][:count]
    return articles, time.perf_counter() - started


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def stage_times(articles: list[Article]) -> dict[str, float]:
    """Seconds each stage of the per-article path takes over the sample."""
    extractor = Extractor()
    nlp = extractor.nlp
    stages: dict[str, float] = {}
    stages["tokenise (make_doc)"], docs = timed(lambda: [extractor._make_doc(a) for a in articles])
    for name, component in nlp.pipeline:
        stages[f"component {name}"], docs = timed(lambda c=component, d=docs: list(c.pipe(d)) if hasattr(c, "pipe") else [c(doc) for doc in d])
    extractions = [extractor._records(doc) for doc in docs]
    stages["records → triples (article_graph)"], graphs = timed(
        lambda: [article_graph(a, e) for a, e in zip(articles, extractions)])
    stages["triples → N-Quads (serialize_graph)"], serialized = timed(
        lambda: [serialize_graph(str(name), triples) for name, triples in graphs])
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        batches = [serialized[i:i + 32] for i in range(0, len(serialized), 32)]
        stages["N-Quads → Oxigraph on disk (load_article_graphs)"], _ = timed(
            lambda: [store.load_article_graphs(batch) for batch in batches])
        store.close()
    return stages


def measure(articles: list[Article]) -> dict:
    texts = [a.text for a in articles]
    words = sum(len(text.split()) for text in texts)
    blank = spacy.blank("ar")
    blank_seconds, _ = timed(lambda: sum(len(doc) for doc in blank.pipe(texts, batch_size=64)))
    extractor = Extractor()

    def full_path():
        for article, extraction in extractor.extract_many(articles, batch_size=64):
            name, triples = article_graph(article, extraction)
            serialize_graph(str(name), triples)

    full_seconds, _ = timed(full_path)
    return {"articles": len(articles), "words": words,
            "blank_tokeniser": rates(blank_seconds, len(articles), words),
            "full_path": rates(full_seconds, len(articles), words),
            "ratio": round(blank_seconds / full_seconds, 3)}


def rates(seconds: float, articles: int, words: int) -> dict:
    return {"seconds": round(seconds, 2), "articles_per_s": round(articles / seconds, 1),
            "words_per_s": round(words / seconds)}


def markdown(result: dict) -> str:
    blank, full = result["blank_tokeniser"], result["full_path"]
    lines = [f"{result['articles']} articles, {result['words']:,} words (every k-th article of the corpus), one core.",
             "", "| | seconds | articles/s | words/s |", "|---|---:|---:|---:|",
             f"| `spacy.blank(\"ar\")` tokenising | {blank['seconds']} | {blank['articles_per_s']:,} | {blank['words_per_s']:,} |",
             f"| extract → triples → N-Quads | {full['seconds']} | {full['articles_per_s']:,} | {full['words_per_s']:,} |",
             "", f"**Ratio: {result['ratio']:.1%}** of bare tokenisation's words/s (target ≥ 20 %).", "",
             f"Reading the whole corpus file (gzip + JSON + cleaning): {result['read_seconds']} s.", "",
             "Where the per-article time goes (stage by stage over the same sample):", "",
             "| stage | seconds | share |", "|---|---:|---:|"]
    total = sum(result["stages"].values())
    lines += [f"| {stage} | {seconds:.2f} | {seconds / total:.0%} |" for stage, seconds in result["stages"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="sample size  [2000]")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    before = load_average()
    articles, read_seconds = sample(corpus, args.articles)
    result = measure(articles)
    result["read_seconds"] = round(read_seconds, 2)
    result["stages"] = {k: round(v, 3) for k, v in stage_times(articles).items()}
    write_result("throughput", result, before, markdown(result), module="bench.throughput", argv=argv)


if __name__ == "__main__":
    main()

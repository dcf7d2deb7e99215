"""The build as users run it, beside bare spaCy tokenisation of the same articles; and where
the time goes.

Each of ``--rounds`` rounds (default 3; the figures are their medians) times, on the same
articles, one after the other:

- ``spacy.blank("ar")`` tokenising the texts: the floor any spaCy pipeline pays. A fresh
  pipeline each round, since a warm tokeniser serves the chunks it has seen from its cache;
- the whole command, ``python -m conflictkg build SAMPLE --store NEW --jobs 1``, as a new
  process: start-up, reading, extraction, the store written and flushed, links made. Wall and
  CPU seconds (the process and the children it waited for). With ``--checkout`` several
  checkouts' commands run in the same round, alternating, for a before/after side by side.

The ratio that matters is the command's words/s as a share of the tokeniser's in the same round
(target ≥ 15 %). The load average is recorded at the start of every round: the machine is shared,
and a load above its cores makes wall times noise (CPU seconds hold up better).

Then, once, the stages of the same path in this process, in CPU seconds (component figures:
they leave out start-up and overlap, so they add up to less than the command's time).

The sample is, by default, the first ``--articles`` articles of the corpus whose text contains
«سوري» (Syria reporting, what the project reads: longer than the corpus average);
``--sample stride`` takes every k-th article of the corpus instead.

    python -m bench.throughput [--articles 1000] [--sample syria|stride] [--rounds 3]
                               [--checkout PATH ...] [--name NAME] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from bench.recording import (SYRIA, add_side_by_side_arguments, checkout_label, corpus_or_exit,
                             load_average, write_result)
from conflictkg.build import background_nquads
from conflictkg.graph import article_graph
from conflictkg.linking import link_same_happenings
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article, read_articles
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.oxigraph import OxigraphStore


def write_sample(corpus: Path, count: int, how: str, target: Path) -> Path:
    """The sample's JSON lines, as they are in the corpus, written to ``target``."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as source:
        lines = source.readlines() if how == "stride" else None
        if lines is not None:
            chosen = lines[::max(1, len(lines) // count)][:count]
        else:
            chosen = []
            for line in source:
                if SYRIA in json.loads(line).get("text", ""):
                    chosen.append(line)
                    if len(chosen) == count:
                        break
    target.write_text("".join(chosen), encoding="utf-8")
    return target


def tokeniser_seconds(texts: list[str]) -> dict:
    """Wall and CPU seconds a fresh ``spacy.blank("ar")`` takes to tokenise the texts."""
    blank = spacy.blank("ar")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in blank.pipe(texts, batch_size=64):
        pass
    return {"wall": round(time.perf_counter() - started, 2), "cpu": round(time.process_time() - cpu, 2)}


def command_seconds(checkout: Path, sample: Path, store: Path, jobs: int = 1) -> dict:
    """Wall and CPU seconds of ``conflictkg build`` from ``checkout``, as a new process."""
    shutil.rmtree(store, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    command = [sys.executable, "-m", "conflictkg", "build", str(sample), "--store", str(store), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=checkout, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(store, ignore_errors=True)
    return {"wall": round(wall, 2), "cpu": round(cpu, 2)}


def rounds(checkouts: list[Path], sample: Path, texts: list[str], count: int, folder: Path) -> list[dict]:
    results = []
    for number in range(count):
        entry = {"round": number + 1, "load_average": load_average(),
                 "tokeniser": tokeniser_seconds(texts), "commands": {}}
        for checkout in checkouts:
            entry["commands"][str(checkout)] = command_seconds(checkout, sample, folder / "store")
        results.append(entry)
        print(json.dumps(entry), flush=True)
    return results


def summary(results: list[dict], checkouts: list[Path], words: int) -> dict:
    tokeniser = statistics.median(r["tokeniser"]["wall"] for r in results)
    out = {"tokeniser": {"wall": tokeniser, "cpu": statistics.median(r["tokeniser"]["cpu"] for r in results),
                         "words_per_s": round(words / tokeniser)}, "commands": {}}
    for checkout in checkouts:
        runs = [r["commands"][str(checkout)] for r in results]
        wall = statistics.median(run["wall"] for run in runs)
        out["commands"][str(checkout)] = {
            "wall": wall, "cpu": statistics.median(run["cpu"] for run in runs),
            "words_per_s": round(words / wall),
            # the share in each round (tokeniser and command timed side by side), then the median
            "ratio": round(statistics.median(r["tokeniser"]["wall"] / r["commands"][str(checkout)]["wall"]
                                             for r in results), 4),
            "ratio_cpu": round(statistics.median(r["tokeniser"]["cpu"] / r["commands"][str(checkout)]["cpu"]
                                                 for r in results), 4)}
    return out


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def stage_times(articles: list[Article]) -> dict[str, float]:
    """CPU seconds each stage of the build's path takes over the sample, in this process."""
    stages: dict[str, float] = {}
    stages["pipeline made (data files read)"], extractor = timed(Extractor)
    nlp = extractor.nlp
    stages["tokenise (make_doc)"], docs = timed(lambda: [extractor._make_doc(a) for a in articles])
    for name, component in nlp.pipeline:
        stages[f"component {name}"], docs = timed(
            lambda c=component, d=docs: list(c.pipe(d)) if hasattr(c, "pipe") else [c(doc) for doc in d])
    extractions = [extractor._records(doc) for doc in docs]
    stages["records → triples (article_graph)"], graphs = timed(
        lambda: [article_graph(a, e) for a, e in zip(articles, extractions)])
    stages["triples → N-Quads (serialize_graph)"], serialized = timed(
        lambda: [serialize_graph(str(name), triples) for name, triples in graphs])
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        stages["catalogue and ontology → store"], _ = timed(
            lambda: store.load_article_graphs(background_nquads(DEFAULT_BASE)))
        batches = [serialized[i:i + 32] for i in range(0, len(serialized), 32)]
        stages["N-Quads → Oxigraph on disk (load_article_graphs)"], _ = timed(
            lambda: [store.load_article_graphs(batch) for batch in batches])
        stages["links (link_same_happenings)"], _ = timed(lambda: link_same_happenings(store, DEFAULT_BASE))
        stages["flush"], _ = timed(store.flush)
        store.close()
    return stages


def markdown(result: dict) -> str:
    words, articles = result["words"], result["articles"]
    lines = [f"{articles:,} articles, {words:,} words ({result['sample']}), "
             f"{result['rounds']} rounds; medians. Each round: a fresh `spacy.blank(\"ar\")` "
             "tokenising the texts, then `conflictkg build SAMPLE --store NEW --jobs 1` as a new "
             "process for each checkout, alternating.", "",
             "| | wall s | CPU s | words/s (wall) | share of the tokeniser's words/s (wall; CPU) |",
             "|---|---:|---:|---:|---:|",
             f"| `spacy.blank(\"ar\")` tokenising | {result['summary']['tokeniser']['wall']} | "
             f"{result['summary']['tokeniser']['cpu']} | "
             f"{result['summary']['tokeniser']['words_per_s']:,} | |"]
    for checkout, figures in result["summary"]["commands"].items():
        lines.append(f"| `conflictkg build --jobs 1` ({result['labels'][checkout]}) | {figures['wall']} | "
                     f"{figures['cpu']} | {figures['words_per_s']:,} | "
                     f"**{figures['ratio']:.1%}**; {figures['ratio_cpu']:.1%} |")
    lines += ["", "Target: ≥ 15 % (wall, whole command, `--jobs 1`).", "", "Rounds (load average at the start of each):", "",
              "| round | load average | tokeniser wall / CPU s | " + " | ".join(
                  f"{result['labels'][c]} wall / CPU s" for c in result["summary"]["commands"]) + " |",
              "|---:|---|---:|" + "---:|" * len(result["summary"]["commands"])]
    for r in result["rounds_detail"]:
        lines.append(f"| {r['round']} | {r['load_average']} | {r['tokeniser']['wall']} / {r['tokeniser']['cpu']} | " + " | ".join(
            f"{run['wall']} / {run['cpu']}" for run in r["commands"].values()) + " |")
    if result.get("stages"):
        total = sum(result["stages"].values())
        lines += ["", "Where the time goes: each stage of the same path once, in this process, CPU seconds "
                  "(start-up and the store writer's overlap with extraction left out):", "",
                  "| stage | CPU s | share |", "|---|---:|---:|"]
        lines += [f"| {stage} | {seconds:.2f} | {seconds / total:.0%} |" for stage, seconds in result["stages"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="sample size  [1000]")
    parser.add_argument("--sample", choices=["syria", "stride"], default="syria",
                        help="the first articles naming Syria, or every k-th article  [syria]")
    parser.add_argument("--rounds", type=int, default=3)
    add_side_by_side_arguments(parser, "throughput", "checkouts whose command to time side by side")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage by stage breakdown")
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    checkouts = [path.resolve() for path in args.checkout]
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        sample = write_sample(corpus, args.articles, args.sample, Path(folder) / "sample.jsonl")
        articles = [a for a in read_articles([sample]) if isinstance(a, Article)]
        texts = [a.text for a in articles]
        words = sum(len(text.split()) for text in texts)
        detail = rounds(checkouts, sample, texts, args.rounds, Path(folder))
    result = {"articles": len(articles), "words": words, "rounds": args.rounds,
              "sample": ("the first articles whose text contains «سوري»" if args.sample == "syria"
                         else "every k-th article of the corpus"),
              "labels": {str(c): checkout_label(c) for c in checkouts},
              "summary": summary(detail, checkouts, words), "rounds_detail": detail}
    if not args.no_stages:
        result["stages"] = {k: round(v, 3) for k, v in stage_times(articles).items()}
    write_result(args.name, result, before, markdown(result), module="bench.throughput", argv=argv)


if __name__ == "__main__":
    main()

"""The whole build of the corpus with ``--jobs 1`` and ``--jobs 2``: wall time, peak memory,
triples, and the speed-up.

Each build is the real command (``python -m conflictkg build … --jobs N``) into a fresh store
in a temporary folder, so what is measured is what a user runs. Peak memory is the largest sum
of the resident set sizes of the build's whole process tree (the parent and its workers),
sampled every 0.2 s; shared pages count once per process, so it errs high.

``--limit N`` builds the first N articles only (a fixed slice, written once to a temporary
file) and extrapolates the full corpus's time from the words per second, saying so.

    python -m bench.build [--jobs 1 2] [--limit 3000] [--keep-store DIR] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.recording import CORPUS, corpus_or_exit, load_average, write_result
from conflictkg.store.oxigraph import OxigraphStore

CORPUS_WORDS = 9_600_000  # ANT v2.1, about 9.6 million words (its README)


def corpus_slice(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The corpus (or its first ``limit`` lines, as a new file) and its words."""
    if limit is None:
        return corpus, CORPUS_WORDS
    target = folder / f"slice-{limit}.jsonl.gz"
    words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as source, gzip.open(target, "wt", encoding="utf-8") as out:
        for line in itertools.islice(source, limit):
            out.write(line)
            words += len(json.loads(line).get("text", "").split())
    return target, words


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


BUILD_SUMMARY = re.compile(r"built (?P<built>\d+) article\(s\), \d+ unchanged, (?P<problems>\d+) problem")


def run_build(inputs: Path, store: Path, jobs: int) -> dict:
    command = [sys.executable, "-m", "conflictkg", "build", str(inputs), "--store", str(store), "--jobs", str(jobs)]
    started = time.perf_counter()
    errors = tempfile.TemporaryFile(mode="w+")
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
    watched, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(watched))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    output = child.stdout.read()
    # Exit 1 also means "some inputs could not be read, the rest was built": only the build's
    # own summary line tells that apart from a crash.
    summary = BUILD_SUMMARY.search(output)
    if child.returncode not in (0, 1) or summary is None:
        errors.seek(0)
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors.read()[-2000:]}")
    with OxigraphStore(store, read_only=True) as built:
        quads = len(built)
    return {"jobs": jobs, "seconds": round(seconds, 1), "peak_rss_mb": round(peak / 2**20),
            "quads": quads, "built": int(summary["built"]), "problems": int(summary["problems"]),
            "articles_per_s": round(int(summary["built"]) / seconds, 1),
            "summary": output.strip().splitlines()[:2],
            "command": " ".join(["conflictkg", *command[3:]])}


def markdown(result: dict) -> str:
    runs = result["runs"]
    lines = [f"Input: {result['input']} ({result['words']:,} words).", "",
             "| jobs | wall time | peak RSS (process tree) | quads | articles built | problems | articles/s | speed-up over --jobs 1 |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base = next((run["seconds"] for run in runs if run["jobs"] == 1), runs[0]["seconds"])
    for run in runs:
        lines.append(f"| {run['jobs']} | {run['seconds']:.0f} s | {run['peak_rss_mb']:,} MB | {run['quads']:,} | "
                     f"{run['built']:,} | {run['problems']} | {run['articles_per_s']:,.1f} | "
                     f"{base / run['seconds']:.2f}× |")
    if result.get("extrapolated_full_corpus_s"):
        lines += ["", "Extrapolated to the whole corpus (9.6 M words) from this slice's words/s "
                  "(start-up, about 10 s, included: errs high): "
                  + ", ".join(f"--jobs {j}: {s / 60:.1f} min" for j, s in result["extrapolated_full_corpus_s"].items())]
    lines += ["", "Targets: whole corpus < 10 min with --jobs 2, peak < 3 GB, --jobs 2 ≥ 1.7× --jobs 1."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, help="build only the first N articles and extrapolate")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep-store", type=Path, help="move the last build's store here (for bench.queries)")
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        inputs, words = corpus_slice(corpus, args.limit, Path(folder))
        runs = []
        for jobs in args.jobs:
            run = run_build(inputs, Path(folder) / f"store-jobs{jobs}", jobs)
            run["load_average_after"] = load_average()
            runs.append(run)
        if args.keep_store:
            shutil.rmtree(args.keep_store, ignore_errors=True)
            shutil.move(str(Path(folder) / f"store-jobs{args.jobs[-1]}"), args.keep_store)
    for run in runs:
        built = int(run["summary"][0].split()[1]) if run["summary"] else 0
        run["articles_per_s"] = round(built / run["seconds"], 1)
    result = {"input": f"{args.corpus.name}" + (f", first {args.limit} articles" if args.limit else ""),
              "words": words, "runs": runs}
    if args.limit:
        result["extrapolated_full_corpus_s"] = {run["jobs"]: round(run["seconds"] * CORPUS_WORDS / words)
                                                for run in runs}
    name = "build" if args.limit is None else f"build-slice-{args.limit}"
    write_result(name, result, before, markdown(result), module="bench.build", argv=argv)


if __name__ == "__main__":
    main()

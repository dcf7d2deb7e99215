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
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import psutil

from bench.recording import CORPUS, REPOSITORY, checkout_label, corpus_or_exit, load_average, write_result
from conflictkg.store.oxigraph import OxigraphStore

def corpus_slice(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The corpus (or its first ``limit`` lines, as a new file) and its words, counted in it
    (whitespace-separated words of each article's text)."""
    target = corpus if limit is None else folder / f"slice-{limit}.jsonl.gz"
    words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as source, ExitStack() as stack:
        out = None if limit is None else stack.enter_context(gzip.open(target, "wt", encoding="utf-8"))
        for line in itertools.islice(source, limit):
            if out is not None:
                out.write(line)
            words += len(json.loads(line).get("text", "").split())
    return target, words


def corpus_words(corpus: Path) -> int:
    return corpus_slice(corpus, None, corpus.parent)[1]


def sample_tree(process: psutil.Process, cpu: dict[int, float]) -> int:
    """The resident set size of the process tree now; each member's CPU seconds so far go to
    ``cpu`` (by pid: the workers are the fork server's children, whose time the build's own
    resource usage never counts)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
            times = member.cpu_times()
            cpu[member.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


BUILD_SUMMARY = re.compile(r"built (?P<built>\d+) article\(s\), \d+ unchanged, (?P<problems>\d+) problem")


def run_build(inputs: Path, store: Path, jobs: int, checkout: Path = REPOSITORY) -> dict:
    command = [sys.executable, "-m", "conflictkg", "build", str(inputs), "--store", str(store), "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    errors = tempfile.TemporaryFile(mode="w+")
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=checkout)
    watched, peak, tree_cpu = psutil.Process(child.pid), 0, {}
    while child.poll() is None:
        try:
            peak = max(peak, sample_tree(watched, tree_cpu))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The build's own time, in full, from the kernel; its workers' as last sampled (errs low by
    # at most the last 0.2 s of each).
    tree_cpu[child.pid] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = child.stdout.read()
    # Exit 1 also means "some inputs could not be read, the rest was built": only the build's
    # own summary line tells that apart from a crash.
    summary = BUILD_SUMMARY.search(output)
    if child.returncode not in (0, 1) or summary is None:
        errors.seek(0)
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors.read()[-2000:]}")
    with OxigraphStore(store, read_only=True) as built:
        quads = len(built)
    cpu = sum(tree_cpu.values())
    return {"jobs": jobs, "checkout": checkout_label(checkout), "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_rss_mb": round(peak / 2**20),
            "quads": quads, "built": int(summary["built"]), "problems": int(summary["problems"]),
            "articles_per_s": round(int(summary["built"]) / seconds, 1),
            "summary": output.strip().splitlines()[:2],
            "command": " ".join(["conflictkg", *command[3:]])}


def markdown(result: dict) -> str:
    runs = result["runs"]
    lines = [f"Input: {result['input']} ({result['words']:,} words).", "",
             "| checkout | jobs | wall time | CPU (process tree) | peak RSS (process tree) | quads | articles built | problems | articles/s | speed-up over --jobs 1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        base = next((r["seconds"] for r in runs if r["jobs"] == 1 and r["checkout"] == run["checkout"]), None)
        lines.append(f"| {run['checkout']} | {run['jobs']} | {run['seconds']:.0f} s | {run['cpu_seconds']:.0f} s | "
                     f"{run['peak_rss_mb']:,} MB | {run['quads']:,} | "
                     f"{run['built']:,} | {run['problems']} | {run['articles_per_s']:,.1f} | "
                     + (f"{base / run['seconds']:.2f}× |" if base else "– |"))
    if result.get("extrapolated_full_corpus_s"):
        lines += ["", f"Extrapolated to the whole corpus ({result['corpus_words']:,} words, counted in it) "
                  "from this slice's words/s (start-up included: errs high): "
                  + ", ".join(f"{j}: {s / 60:.1f} min" for j, s in result["extrapolated_full_corpus_s"].items())]
    lines += ["", "Load average at the start of each build: "
              + "; ".join(f"{run['checkout']} --jobs {run['jobs']}: {run['load_average_before']}" for run in runs) + ".",
              "", "Targets: whole corpus < 4 min with --jobs 2, peak < 1.5 GB, --jobs 2 ≥ 1.7× --jobs 1."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, help="build only the first N articles and extrapolate")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--checkout", type=Path, nargs="+", default=[REPOSITORY],
                        help="checkouts whose command to run side by side  [this one]")
    parser.add_argument("--keep-store", type=Path, help="move the last build's store here (for bench.queries)")
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        inputs, words = corpus_slice(corpus, args.limit, Path(folder))
        runs = []
        for jobs in args.jobs:
            for checkout in (path.resolve() for path in args.checkout):  # alternating, side by side
                load_before = load_average()
                store = Path(folder) / f"store-jobs{jobs}"
                shutil.rmtree(store, ignore_errors=True)
                run = run_build(inputs, store, jobs, checkout)
                run["load_average_before"] = load_before
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
        result["corpus_words"] = corpus_words(corpus)
        result["extrapolated_full_corpus_s"] = {f"{run['checkout']} --jobs {run['jobs']}":
                                                round(run["seconds"] * result["corpus_words"] / words) for run in runs}
    name = "build" if args.limit is None else f"build-slice-{args.limit}"
    write_result(name, result, before, markdown(result), module="bench.build", argv=argv)


if __name__ == "__main__":
    main()

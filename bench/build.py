"""The whole build of the corpus with ``--jobs 1`` and ``--jobs 2``: wall time, peak memory,
triples, and the speed-up.

Each build is the real command (``python -m conflictkg build … --jobs N``) into a fresh store
in a temporary folder, so what is measured is what a user runs. Peak memory is the largest sum
of the resident set sizes of the build's whole process tree (the parent and its workers),
sampled every 0.2 s; shared pages count once per process, so it errs high.

``--limit N`` builds the first N articles only (a fixed slice, written once to a temporary
file) and extrapolates the full corpus's time from the words per second, saying so.
``--sample syria`` makes the slice the first N articles naming Syria (bench.throughput's
sample: the reporting the project reads, longer than the corpus average).

``--rounds N`` repeats the whole set of builds N times (each round: every ``--jobs``, every
``--checkout``, alternating) and reports the medians, beside every round's figures: the machine
is shared, and one slow build says little.

    python -m bench.build [--jobs 1 2] [--limit 3000 [--sample syria]] [--rounds 3] [--checkout BASE .]
                          [--keep-store DIR] [--corpus PATH]
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
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import psutil

from bench.recording import CORPUS, REPOSITORY, SYRIA, checkout_label, corpus_or_exit, load_average, write_result
from conflictkg.store.oxigraph import OxigraphStore

def corpus_slice(corpus: Path, limit: int | None, folder: Path, syria: bool = False) -> tuple[Path, int]:
    """The corpus (or its first ``limit`` lines, as a new file; with ``syria``, its first ``limit``
    articles naming Syria, bench.throughput's sample) and its words, counted in it
    (whitespace-separated words of each article's text)."""
    target = corpus if limit is None else folder / f"slice-{limit}.jsonl.gz"
    words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as source, ExitStack() as stack:
        out = None if limit is None else stack.enter_context(gzip.open(target, "wt", encoding="utf-8"))
        texts = ((line, json.loads(line).get("text", "")) for line in source)
        chosen = ((line, text) for line, text in texts if not syria or SYRIA in text)
        for line, text in itertools.islice(chosen, limit):
            if out is not None:
                out.write(line)
            words += len(text.split())
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


def medians(runs: list[dict]) -> list[dict]:
    """One row per (checkout, jobs): the median wall and CPU time of its rounds, the highest peak."""
    rows = []
    for key in dict.fromkeys((run["checkout"], run["jobs"]) for run in runs):
        same = [run for run in runs if (run["checkout"], run["jobs"]) == key]
        seconds = statistics.median(run["seconds"] for run in same)
        rows.append({"checkout": key[0], "jobs": key[1], "rounds": len(same), "seconds": round(seconds, 1),
                     "cpu_seconds": round(statistics.median(run["cpu_seconds"] for run in same), 1),
                     "peak_rss_mb": max(run["peak_rss_mb"] for run in same),
                     "quads": same[0]["quads"], "built": same[0]["built"], "problems": same[0]["problems"],
                     "articles_per_s": round(same[0]["built"] / seconds, 1)})
    for row in rows:
        one = next((r["seconds"] for r in rows if r["jobs"] == 1 and r["checkout"] == row["checkout"]), None)
        row["speed_up"] = round(one / row["seconds"], 2) if one else None
    return rows


def markdown(result: dict) -> str:
    rounds = result.get("rounds", 1)
    lines = [f"Input: {result['input']} ({result['words']:,} words)."
             + (f" {rounds} rounds; medians (peak: the highest)." if rounds > 1 else ""), "",
             "| checkout | jobs | wall time | CPU (process tree) | peak RSS (process tree) | quads | articles built | problems | articles/s | speed-up over --jobs 1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in result["medians"]:
        lines.append(f"| {row['checkout']} | {row['jobs']} | {row['seconds']:.1f} s | {row['cpu_seconds']:.0f} s | "
                     f"{row['peak_rss_mb']:,} MB | {row['quads']:,} | "
                     f"{row['built']:,} | {row['problems']} | {row['articles_per_s']:,.1f} | "
                     + (f"{row['speed_up']:.2f}× |" if row["speed_up"] else "– |"))
    if result.get("extrapolated_full_corpus_s"):
        lines += ["", f"Extrapolated to the whole corpus ({result['corpus_words']:,} words, counted in it) "
                  "from this slice's words/s (start-up included: errs high): "
                  + ", ".join(f"{j}: {s / 60:.1f} min" for j, s in result["extrapolated_full_corpus_s"].items())]
    lines += ["", "Every build (load average at its start):", "",
              "| round | checkout | jobs | load average | wall time | CPU | peak RSS |", "|---:|---|---:|---|---:|---:|---:|"]
    lines += [f"| {run.get('round', 1)} | {run['checkout']} | {run['jobs']} | {run['load_average_before']} | "
              f"{run['seconds']:.1f} s | {run['cpu_seconds']:.1f} s | {run['peak_rss_mb']:,} MB |" for run in result["runs"]]
    lines += ["", "Targets: whole corpus < 4 min with --jobs 2, peak < 1.5 GB, --jobs 2 ≥ 1.7× --jobs 1."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, help="build only the first N articles and extrapolate")
    parser.add_argument("--sample", choices=["first", "syria"], default="first",
                        help="with --limit: the first articles, or the first naming Syria  [first]")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--checkout", type=Path, nargs="+", default=[REPOSITORY],
                        help="checkouts whose command to run side by side  [this one]")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of builds; medians reported  [1]")
    parser.add_argument("--keep-store", type=Path, help="move the last build's store here (for bench.queries)")
    parser.add_argument("--name", help="result file name [build, or build-syria-N / build-slice-N with --limit]")
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        inputs, words = corpus_slice(corpus, args.limit, Path(folder), syria=args.sample == "syria")
        runs = []
        for number in range(1, args.rounds + 1):
            for jobs in args.jobs:
                for checkout in (path.resolve() for path in args.checkout):  # alternating, side by side
                    load_before = load_average()
                    store = Path(folder) / f"store-jobs{jobs}"
                    shutil.rmtree(store, ignore_errors=True)
                    run = run_build(inputs, store, jobs, checkout)
                    run.update(round=number, load_average_before=load_before, load_average_after=load_average())
                    runs.append(run)
                    print(json.dumps({key: run[key] for key in ("round", "checkout", "jobs", "seconds",
                                                                 "cpu_seconds", "peak_rss_mb")}), flush=True)
        if args.keep_store:
            shutil.rmtree(args.keep_store, ignore_errors=True)
            shutil.move(str(Path(folder) / f"store-jobs{args.jobs[-1]}"), args.keep_store)
    syria = " naming Syria" if args.sample == "syria" else ""
    result = {"input": f"{args.corpus.name}" + (f", first {args.limit} articles{syria}" if args.limit else ""),
              "words": words, "rounds": args.rounds, "medians": medians(runs), "runs": runs}
    if args.limit:
        result["corpus_words"] = corpus_words(corpus)
        result["extrapolated_full_corpus_s"] = {f"{row['checkout']} --jobs {row['jobs']}":
                                                round(row["seconds"] * result["corpus_words"] / words)
                                                for row in result["medians"]}
    name = args.name or ("build" if args.limit is None else f"build-{'syria' if syria else 'slice'}-{args.limit}")
    write_result(name, result, before, markdown(result), module="bench.build", argv=argv)


if __name__ == "__main__":
    main()

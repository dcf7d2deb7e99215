"""Validation against the build, side by side: ``build``, ``build --validate``, ``validate --jobs 1``
and ``validate --jobs 2`` on the same articles, each the real command as a user runs it, the
validating ones with each validator (``--validator sparql``, the default, and ``pyshacl``).

Each round runs the commands one after the other (a fresh store for each build; the
validations read the store of the round's plain build), so a change in the machine's load falls
on all alike; the table gives the median of the rounds, and each command's ratio to the plain
build of its own checkout in the same rounds. Wall time is the whole process;
CPU time is the sum over its process tree (the parent and its workers, sampled every 0.2 s).

    python -m bench.validation_parallel [--data FILE | --articles 1000] [--jobs 2] [--repeat 3]
        [--validators sparql pyshacl] [--checkout DIR ...]

Without ``--data`` the articles are the first ``--articles`` of the corpus whose text contains
«سوري», as ``bench.throughput`` selects them. With several ``--checkout``s (this one and a
baseline, side by side) each round runs every checkout's commands in turn.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.recording import (REPOSITORY, add_side_by_side_arguments, checkout_label, corpus_or_exit,
                             load_average, write_result)


def run(command: list[str], checkout: Path = REPOSITORY) -> dict:
    """Wall and CPU seconds of one command's whole process tree (the code of ``checkout``), its
    exit status and load."""
    load = load_average()
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=checkout)
    cpu: dict[int, float] = {}
    while process.poll() is None:
        for member in [process, *process.children(recursive=True)]:
            try:
                times = member.cpu_times()
                cpu[member.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.2)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 2), "cpu_s": round(sum(cpu.values()), 2), "exit": process.returncode,
            "load_before": load}


VALIDATORS = ("sparql", "pyshacl")


def commands(data: Path, jobs: int, folder: Path, validators=VALIDATORS) -> dict[tuple[str, str], list[str]]:
    """(command, validator) → the command line; the plain build first."""
    cli = [sys.executable, "-m", "conflictkg"]
    built = str(folder / "built")
    lines = {(f"build --jobs {jobs}", "—"): [*cli, "build", str(data), "--store", built, "--jobs", str(jobs)]}
    for validator in validators:
        lines[(f"build --jobs {jobs} --validate", validator)] = [
            *cli, "build", str(data), "--store", str(folder / f"validated-{validator}"), "--jobs", str(jobs),
            "--validate", "--validator", validator]
    for validate_jobs in (1, jobs):
        for validator in validators:
            lines[(f"validate --jobs {validate_jobs}", validator)] = [
                *cli, "validate", "--store", built, "--jobs", str(validate_jobs), "--validator", validator]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a JSON-lines file of articles  [a sample of --corpus]")
    parser.add_argument("--articles", type=int, default=1000, help="without --data: how many Syria articles  [1000]")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--validators", nargs="+", choices=VALIDATORS, default=list(VALIDATORS))
    add_side_by_side_arguments(parser, "validation-parallel", "checkouts whose commands run side by side, each round in turn")
    args = parser.parse_args(argv)
    checkouts = {checkout_label(path.resolve()): path.resolve() for path in args.checkout}
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="bench-validation-data-") as sample_folder:
        data = args.data or _sample(corpus_or_exit(args.corpus), args.articles, Path(sample_folder))
        rounds = [_round(data, args.jobs, args.validators, checkouts) for _ in range(args.repeat)]
    source = args.data.name if args.data else f"the first {args.articles} articles naming Syria"
    median = {name: {key: statistics.median(r[name][key] for r in rounds) for key in ("wall_s", "cpu_s")}
              for name in rounds[0]}
    lines = [f"{source}, median of {args.repeat} round(s); each round runs the {len(rounds[0])} commands in turn "
             f"({', '.join(checkouts)} alternating).", "", *_table(rounds, median), ""]
    for label in checkouts:
        lines += [_summary(median, label, validator, args.jobs) for validator in args.validators]
    write_result(args.name, {"data": source, "checkouts": list(checkouts), "jobs": args.jobs,
                             "rounds": [_keyed_by_text(r) for r in rounds], "median": _keyed_by_text(median)},
                 before, "\n".join(lines), module="bench.validation_parallel", argv=argv)


Name = tuple[str, str, str]  # (checkout, command, validator)


def _round(data: Path, jobs: int, validators: list[str], checkouts: dict[str, Path]) -> dict[Name, dict]:
    """One round: each checkout's commands, the checkouts one after the other, each in a fresh
    folder (its validations read the store of its own plain build)."""
    results: dict[Name, dict] = {}
    for label, checkout in checkouts.items():
        with tempfile.TemporaryDirectory(prefix="bench-validation-") as scratch:
            for (command, validator), line in commands(data, jobs, Path(scratch), validators).items():
                results[(label, command, validator)] = run(line, checkout)
    return results


def _table(rounds: list[dict[Name, dict]], median: dict[Name, dict]) -> list[str]:
    """The markdown table: each command's median, and its ratio to its own checkout's build."""
    rows = ["| checkout | command | validator | wall | CPU (process tree) | wall / build | CPU / build "
            "| wall of each round | load at start | exit |",
            "|---|---|---|---:|---:|---:|---:|---|---|---|"]
    for name in median:
        label, command, validator = name
        build = median[_build_of(median, label)]
        rows.append(f"| {label} | `{command}` | {validator} | {median[name]['wall_s']:.1f} s | "
                    f"{median[name]['cpu_s']:.1f} s | {median[name]['wall_s'] / build['wall_s']:.2f} | "
                    f"{median[name]['cpu_s'] / build['cpu_s']:.2f} | "
                    + " / ".join(f"{r[name]['wall_s']:.1f}" for r in rounds) + " | "
                    + " ".join(str(r[name]["load_before"][0]) for r in rounds) + " | "
                    + " ".join(str(r[name]["exit"]) for r in rounds) + " |")
    return rows


def _build_of(median: dict[Name, dict], label: str) -> Name:
    return next(name for name in median if name[0] == label and name[2] == "—")


def _summary(median: dict[Name, dict], label: str, validator: str, jobs: int) -> str:
    """The goals' ratios for one checkout and validator."""
    build = median[_build_of(median, label)]
    validated = median[(label, f"build --jobs {jobs} --validate", validator)]
    parallel = median[(label, f"validate --jobs {jobs}", validator)]
    single = median[(label, "validate --jobs 1", validator)]
    return (f"- {label}, {validator}: `build --validate` costs **{100 * (validated['wall_s'] / build['wall_s'] - 1):+.0f}%** "
            f"wall time ({100 * (validated['cpu_s'] / build['cpu_s'] - 1):+.0f}% CPU) over the build (goal: under "
            f"+15%); `validate --jobs {jobs}` takes **{parallel['wall_s'] / build['wall_s']:.2f}×** the build's "
            f"wall time and {parallel['cpu_s'] / build['cpu_s']:.2f}× its CPU (goal: at most 1×); `validate --jobs {jobs}` "
            f"is {single['wall_s'] / parallel['wall_s']:.2f}× as fast as `--jobs 1`.")


def _keyed_by_text(results: dict[Name, dict]) -> dict[str, dict]:
    """JSON keys for (checkout, command, validator) names."""
    return {f"{label}: {command} [{validator}]": result for (label, command, validator), result in results.items()}


def _sample(corpus: Path, count: int, folder: Path) -> Path:
    """The first ``count`` articles of the corpus whose text names Syria (``bench.throughput``'s)."""
    from bench.throughput import write_sample

    return write_sample(corpus, count, "syria", folder / f"syria{count}.jsonl")


if __name__ == "__main__":
    main()

"""Validation against the build, side by side: ``build``, ``build --validate``, ``validate --jobs 1``
and ``validate --jobs 2`` on the same articles, each the real command as a user runs it.

Each round runs the four commands one after the other (a fresh store for each build; the
validations read the store of the round's plain build), so a change in the machine's load falls
on all four alike; the table gives the median of the rounds. Wall time is the whole process;
CPU time is the sum over its process tree (the parent and its workers, sampled every 0.2 s).

    python -m bench.validation_parallel [--data FILE] [--jobs 2] [--repeat 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.recording import load_average, write_result

DATA = Path("/work/data/syria1000.jsonl")


def run(command: list[str]) -> dict:
    """Wall and CPU seconds of one command's whole process tree, its exit status and load."""
    load = load_average()
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def commands(data: Path, jobs: int, folder: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "conflictkg"]
    built = str(folder / "built")
    return {
        f"build --jobs {jobs}": [*cli, "build", str(data), "--store", built, "--jobs", str(jobs)],
        f"build --jobs {jobs} --validate": [*cli, "build", str(data), "--store", str(folder / "validated"),
                                            "--jobs", str(jobs), "--validate"],
        "validate --jobs 1": [*cli, "validate", "--store", built, "--jobs", "1"],
        f"validate --jobs {jobs}": [*cli, "validate", "--store", built, "--jobs", str(jobs)],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="a JSON-lines file of articles")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: no articles at {args.data} (pass --data FILE)")
        return
    before = load_average()
    rounds: list[dict[str, dict]] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="bench-validation-") as scratch:
            folder = Path(scratch)
            rounds.append({name: run(command) for name, command in commands(args.data, args.jobs, folder).items()})
            shutil.rmtree(folder, ignore_errors=True)
    names = list(rounds[0])
    median = {name: {key: statistics.median(r[name][key] for r in rounds) for key in ("wall_s", "cpu_s")}
              for name in names}
    build, validated = median[names[0]], median[names[1]]
    rows = [f"| `{name}` | {median[name]['wall_s']:.1f} s | {median[name]['cpu_s']:.1f} s | "
            f"{median[name]['wall_s'] / build['wall_s']:.2f} | "
            + " / ".join(f"{r[name]['wall_s']:.1f}" for r in rounds) + " | "
            + " ".join(str(r[name]["load_before"][0]) for r in rounds) + " |" for name in names]
    lines = [f"{args.data.name}, median of {args.repeat} round(s); each round runs the four commands in turn.", "",
             "| command | wall | CPU (process tree) | wall / build | wall of each round | load at start |",
             "|---|---:|---:|---:|---|---|", *rows, "",
             f"- `build --validate` costs **{100 * (validated['wall_s'] / build['wall_s'] - 1):+.0f}%** wall time "
             f"({100 * (validated['cpu_s'] / build['cpu_s'] - 1):+.0f}% CPU) over the build (goal: under +15%).",
             f"- `validate --jobs {args.jobs}` takes **{median[names[3]]['wall_s'] / build['wall_s']:.2f}×** the "
             f"build's wall time (goal: at most 1×); `--jobs 1` to `--jobs {args.jobs}`: "
             f"{median[names[2]]['wall_s'] / median[names[3]]['wall_s']:.2f}× faster."]
    write_result("validation-parallel", {"data": str(args.data), "jobs": args.jobs, "rounds": rounds,
                                         "median": median},
                 before, "\n".join(lines), module="bench.validation_parallel", argv=argv)


if __name__ == "__main__":
    main()

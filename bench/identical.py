"""Do two checkouts build the same graph? The exports of the same builds, byte for byte.

For each input (the bundled examples, and the first ``--articles`` Syria articles of the corpus)
and each ``--jobs``, every checkout runs the real command, ``python -m conflictkg build INPUT
--store NEW --jobs N --export OUT.trig``, then ``conflictkg export nq``; the TriG and N-Quads
files of every checkout are compared with the first checkout's (the baseline): byte for byte,
and, when the bytes differ, as sorted lines (the same quads written in another order).

A change meant only to make the build faster must leave every file identical.

    python -m bench.identical --checkout BASE . [--articles 300] [--jobs 1 2] [--name NAME]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.recording import (add_side_by_side_arguments, checkout_label, corpus_or_exit, load_average,
                             write_result)
from bench.throughput import write_sample

FORMATS = ("trig", "nq")


def exports(checkout: Path, inputs: list[str], jobs: int, folder: Path) -> dict[str, Path]:
    """Build ``inputs`` with ``checkout``'s command into a new store; its TriG and N-Quads exports."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    store, trig, nquads = folder / "store", folder / "graph.trig", folder / "graph.nq"
    command = [sys.executable, "-m", "conflictkg"]
    subprocess.run([*command, "build", *inputs, "--store", str(store), "--jobs", str(jobs), "--export", str(trig)],
                   env=env, cwd=checkout, check=True, capture_output=True)
    subprocess.run([*command, "export", "nq", str(nquads), "--store", str(store)],
                   env=env, cwd=checkout, check=True, capture_output=True)
    return {"trig": trig, "nq": nquads}


def comparison(baseline: Path, other: Path) -> dict:
    ours, theirs = baseline.read_bytes(), other.read_bytes()
    return {"bytes": len(theirs), "sha256": hashlib.sha256(theirs).hexdigest()[:16],
            "identical": ours == theirs,
            "same_lines": sorted(ours.splitlines()) == sorted(theirs.splitlines())}


def compare_checkouts(checkouts: list[Path], inputs: list[str], jobs: int, folder: Path) -> list[dict]:
    files = []
    for number, checkout in enumerate(checkouts):
        place = folder / f"checkout{number}-jobs{jobs}"
        place.mkdir(parents=True)
        files.append(exports(checkout, inputs, jobs, place))
    return [{"checkout": checkout_label(checkout), "jobs": jobs, "format": fmt,
             **comparison(files[0][fmt], files[number][fmt])}
            for number, checkout in enumerate(checkouts) for fmt in FORMATS]


def markdown(result: dict) -> str:
    lines = [f"Baseline: {result['baseline']}. Each row: that checkout's export against the baseline's, "
             "the same input and --jobs.", "",
             "| input | checkout | jobs | format | bytes | sha256 (first 16) | identical bytes | same quads (sorted lines) |",
             "|---|---|---:|---|---:|---|---|---|"]
    for row in result["rows"]:
        lines.append(f"| {row['input']} | {row['checkout']} | {row['jobs']} | {row['format']} | {row['bytes']:,} | "
                     f"`{row['sha256']}` | {'yes' if row['identical'] else '**no**'} | "
                     f"{'yes' if row['same_lines'] else '**no**'} |")
    verdict = all(row["identical"] for row in result["rows"])
    lines += ["", f"Every export identical to the baseline's: **{'yes' if verdict else 'no'}**."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_side_by_side_arguments(parser, "identical", "checkouts to compare; the first is the baseline")
    parser.add_argument("--articles", type=int, default=300, help="Syria articles of the corpus  [300]")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    checkouts = [path.resolve() for path in args.checkout]
    before = load_average()
    rows = []
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        sample = write_sample(corpus, args.articles, "syria", Path(folder) / "sample.jsonl")
        inputs = {"bundled examples": ["--examples"], f"first {args.articles} Syria articles": [str(sample)]}
        for name, paths in inputs.items():
            for jobs in args.jobs:
                where = Path(folder) / f"{len(rows)}"
                rows += [{"input": name, **row} for row in compare_checkouts(checkouts, paths, jobs, where)]
    result = {"baseline": checkout_label(checkouts[0]), "rows": rows,
              "identical": all(row["identical"] for row in rows)}
    write_result(args.name, result, before, markdown(result), module="bench.identical", argv=argv)
    if not result["identical"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

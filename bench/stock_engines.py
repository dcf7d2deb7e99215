"""Plain pySHACL, the command a user of the exported graph runs (no project code), side by side.

Each case is a set of shapes folders (their ``*.ttl`` files merged into one file, as
``cat shapes/*.ttl`` does) and a TriG export. The cases run in turn, round after round, so that a
change in the machine's load falls on all of them; each run is the whole ``pyshacl`` process
under ``/usr/bin/time`` (wall, user and system CPU, peak memory) and records the load average.

    python -m bench.stock_engines --case before=OLD/shapes:old.trig \\
        --case core=shapes:new.trig --case all=shapes,shapes/text:new.trig [--rounds 3]
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.recording import load_average, write_result

TIME_FORMAT = "%e %U %S %M"   # wall s, user s, system s, peak KB


@dataclass(frozen=True)
class Case:
    label: str
    shapes: list[Path]   # folders whose *.ttl are merged
    data: Path

    @classmethod
    def parse(cls, spec: str) -> Case:
        label, rest = spec.split("=", 1)
        folders, data = rest.rsplit(":", 1)
        return cls(label, [Path(f) for f in folders.split(",")], Path(data))

    def merged_shapes(self, folder: Path) -> Path:
        path = folder / f"{self.label}-shapes.ttl"
        path.write_text("\n".join(p.read_text(encoding="utf-8") for f in self.shapes
                                  for p in sorted(f.glob("*.ttl"))), encoding="utf-8")
        return path


def pyshacl_command() -> str:
    beside = Path(sys.executable).with_name("pyshacl")
    return str(beside) if beside.exists() else shutil.which("pyshacl") or "pyshacl"


def run(shapes: Path, data: Path) -> dict:
    load = load_average()
    done = subprocess.run(["/usr/bin/time", "-f", TIME_FORMAT, pyshacl_command(), "-s", str(shapes), str(data)],
                          capture_output=True, text=True)
    wall, user, system, peak = done.stderr.strip().splitlines()[-1].split()
    results = re.search(r"Results \((\d+)\)", done.stdout)
    return {"wall_s": float(wall), "user_s": float(user), "system_s": float(system), "peak_mb": int(peak) // 1024,
            "results": int(results.group(1)) if results else 0, "exit": done.returncode, "load_before": load}


def table(cases: list[Case], runs: dict[str, list[dict]]) -> str:
    lines = ["| case | shapes | data | wall s (median) | user CPU s (median) | user CPU s (each run) | peak MB | results | load at start |",
             "|---|---|---|---|---|---|---|---|---|"]
    for case in cases:
        done = runs[case.label]
        lines.append(
            f"| {case.label} | {', '.join(f'`{p}`' for p in case.shapes)} | `{case.data.name}` | "
            f"{statistics.median(r['wall_s'] for r in done):.1f} | **{statistics.median(r['user_s'] for r in done):.1f}** | "
            f"{' / '.join(format(r['user_s'], '.1f') for r in done)} | {max(r['peak_mb'] for r in done)} | "
            f"{'/'.join(sorted({str(r['results']) for r in done}))} | {' / '.join(str(r['load_before'][0]) for r in done)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", required=True, metavar="LABEL=FOLDER[,FOLDER]:TRIG")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--name", default="stock-engines", help="result file name in bench/results/")
    args = parser.parse_args(argv)
    cases = [Case.parse(spec) for spec in args.case]
    before = load_average()
    runs: dict[str, list[dict]] = {case.label: [] for case in cases}
    with tempfile.TemporaryDirectory() as scratch:
        merged = {case.label: case.merged_shapes(Path(scratch)) for case in cases}
        for _ in range(args.rounds):
            for case in cases:
                runs[case.label].append(run(merged[case.label], case.data))
                print(case.label, runs[case.label][-1], flush=True)
    write_result(args.name, {"cases": {c.label: {"shapes": [str(p) for p in c.shapes], "data": str(c.data),
                                                 "runs": runs[c.label]} for c in cases}},
                 before, table(cases, runs), module="bench.stock_engines", argv=argv)


if __name__ == "__main__":
    main()

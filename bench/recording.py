"""Where a benchmark's numbers go, and the context that makes them mean something.

Every result file in ``bench/results/`` carries the date, the machine's cores and memory, the
load average before and after the run (the machine is shared: a high load means noisy numbers),
the versions of the packages that matter, and the exact command that produced it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psutil

RESULTS = Path(__file__).resolve().parent / "results"
REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ant" / "ant-2018.jsonl.gz"
SYRIA = "سوري"
"""What a Syria sample's articles contain (Syria reporting: what the project reads, longer than
the corpus average)."""
PACKAGES = ("conflictkg", "spacy", "pyoxigraph", "rdflib", "oxrdflib", "pyshacl", "dask", "distributed")


def corpus_or_exit(path: Path = CORPUS) -> Path:
    """The ANT corpus, or a clear message and exit status 0 when it is absent (a user's clone)."""
    if not path.exists():
        print(f"skipped: the ANT corpus is not at {path} (it is not part of the repository); "
              "pass --corpus PATH to benchmark another JSON-lines corpus")
        raise SystemExit(0)
    return path


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def machine() -> dict:
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
    }


def _version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def command_line(module: str, argv: list[str] | None) -> str:
    """The command that re-runs this benchmark alone, from the repository's root."""
    return shlex.join([".venv/bin/python", "-m", module, *(sys.argv[1:] if argv is None else argv)])


def write_result(name: str, result: dict, load_before: list[float], markdown: str, *,
                 module: str, argv: list[str] | None) -> Path:
    """Write ``results/NAME.json`` (everything) and ``results/NAME.md`` (the table to read)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {"benchmark": name, "command": command_line(module, argv), "machine": machine(),
              "load_average_before": load_before, "load_average_after": load_average(), **result}
    json_path = RESULTS / f"{name}.json"
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = (f"# {name}\n\n`{record['command']}`\n\n{record['machine']['date']} · "
              f"{record['machine']['cores']} cores · {record['machine']['memory_gb']} GB · "
              f"load average before {load_before} after {record['load_average_after']} · "
              + ", ".join(f"{k} {v}" for k, v in record["machine"]["packages"].items() if v) + "\n\n")
    (RESULTS / f"{name}.md").write_text(header + markdown.rstrip() + "\n", encoding="utf-8")
    print(header + markdown)
    return json_path


def add_side_by_side_arguments(parser, name: str, checkout_help: str) -> None:
    """The options of a benchmark that runs checkouts side by side: ``--checkout`` (the
    checkouts, this one by default), ``--name`` (the result file) and ``--corpus``."""
    parser.add_argument("--checkout", type=Path, nargs="+", default=[REPOSITORY], help=f"{checkout_help}  [this one]")
    parser.add_argument("--name", default=name, help=f"result file name  [{name}]")
    parser.add_argument("--corpus", type=Path, default=CORPUS)


def checkout_label(checkout: Path) -> str:
    """A checkout's branch (or "detached") and commit, and whether it has uncommitted changes:
    how side-by-side tables name what they compare."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True).stdout.strip()
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    changed = " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{branch if branch != 'HEAD' else 'detached'} {git('rev-parse', '--short', 'HEAD')}{changed}"

"""Load test of `conflictkg serve`: 50 concurrent clients for 60 s on the examples graph.

Builds the shipped examples into a fresh store, starts `conflictkg serve` on a free loopback
port, and runs the endpoint's load client (tests/test_serve_load_client.py: client threads
posting library queries) in a second process. Writes throughput, latency percentiles and
errors to bench/results/load-<date>.md; exits 1 if any request failed.

    .venv/bin/python bench/load_test.py                      # 50 clients, 60 s
    .venv/bin/python bench/load_test.py --clients 10 --seconds 10
    .venv/bin/python bench/load_test.py --clients 20 --seconds 30 --runaway 2   # beside two runaway clients
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from conflictkg.serve import endpoint_process

ROOT = Path(__file__).resolve().parents[1]
LOAD_CLIENT = ROOT / "tests" / "test_serve_load_client.py"
RESULTS = ROOT / "bench" / "results"


def build_examples(store: Path) -> None:
    subprocess.run([sys.executable, "-m", "conflictkg", "build", "--examples", "--store", str(store)],
                   check=True, capture_output=True, timeout=600)


def run_load(store: Path, clients: int, seconds: float, runaway: int = 0) -> dict:
    """The load client's report (requests, errors, throughput, latency percentiles)."""
    with endpoint_process(store) as base:
        done = subprocess.run([sys.executable, str(LOAD_CLIENT), base, str(clients), str(seconds), str(runaway)],
                              capture_output=True, text=True, timeout=seconds + 300, check=True)
    return json.loads(done.stdout)


def markdown(report: dict, when: dt.datetime, seconds: float) -> str:
    latency = report["latency_ms"]
    return f"""# Load test of `conflictkg serve`, {when:%Y-%m-%d %H:%M}

{report['clients']} concurrent clients (threads in a second process, loopback) for {report['seconds']} s
against `conflictkg serve` on the examples graph (`conflictkg build --examples`); each client posts
library-style SELECT and ASK queries in turn and asks for JSON results. Beside them,
{report.get('runaway_clients', 0)} runaway client(s) send, over and over, a query that runs past the time limit
(their answers are not counted: the figures are the other clients').

| requests | errors | throughput | median | p95 | p99 | max |
|---:|---:|---:|---:|---:|---:|---:|
| {report['requests']} | {report['errors']} | {report['throughput_per_s']} req/s | {latency['median']} ms | {latency['p95']} ms | {latency['p99']} ms | {latency['max']} ms |

Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores shared with
other work while it ran. First errors: {report['first_errors'] or 'none'}.

Reproduce: `.venv/bin/python bench/load_test.py --clients {report['clients']} --seconds {seconds:g} --runaway {report.get('runaway_clients', 0)}`
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runaway", type=int, default=0, help="clients sending a query past any time limit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        build_examples(store)
        report = run_load(store, args.clients, args.seconds, args.runaway)
    when = dt.datetime.now()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"load-{when:%Y-%m-%d}{f'-runaway-{args.runaway}' if args.runaway else ''}.md"
    out.write_text(markdown(report, when, args.seconds), encoding="utf-8")
    print(json.dumps(report), f"\nwritten to {out}", sep="")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

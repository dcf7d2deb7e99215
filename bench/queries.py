"""Every library query (``queries/*.rq``, parameters at their defaults) on a built graph:
median latency in Oxigraph and in rdflib's in-memory engine on the same data.

The store is one a build made (``--store``, e.g. the whole corpus); without one, the script
builds ``--limit`` articles first. rdflib gets the store's export, parsed into a ``Dataset``
whose default graph is the union of the named graphs, as in Oxigraph. rdflib runs each query
fewer times, each run in a forked child that is stopped after ``--rdflib-budget`` seconds
(reported as "over"), so one pathological query cannot stall the whole benchmark.
``--engines oxigraph`` leaves rdflib out: on the whole corpus it does not finish in 30 minutes.
Oxigraph's first run of each query is reported beside its median: the first is what an analyst
waits for, the later ones reuse the caches.

    python -m bench.queries [--store DIR | --limit 3000] [--engines oxigraph rdflib]
                            [--repeat 5] [--name queries] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from bench.build import corpus_slice
from bench.recording import CORPUS, corpus_or_exit, load_average, write_result
from conflictkg.query import library
from conflictkg.store.oxigraph import OxigraphStore


def timed_runs(run, repeat: int, budget: float) -> list[float]:
    """Seconds of up to ``repeat`` runs; fewer when one run exceeds ``budget`` seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
        if times[-1] > budget:
            break
    return times


def _run_in_child(dataset: Dataset, text: str, answer) -> None:
    started = time.perf_counter()
    len(list(dataset.query(text)))
    answer.put(time.perf_counter() - started)


def rdflib_seconds(dataset: Dataset, text: str, budget: float) -> float | None:
    """One run of ``text`` in rdflib, in a forked copy of this process; None past ``budget``."""
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    child = context.Process(target=_run_in_child, args=(dataset, text, answer))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return answer.get() if not answer.empty() else None


def rdflib_dataset(store: OxigraphStore, folder: Path) -> tuple[Dataset, float]:
    export = folder / "graph.nq"
    store.export(export)
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(export, format="nquads")
    return dataset, time.perf_counter() - started


def measure(store: OxigraphStore, dataset: Dataset | None, repeat: int, budget: float) -> list[dict]:
    rows = []
    for query in library():
        text = query.bound()
        oxigraph = timed_runs(lambda: len(store.query(text)), repeat, budget)
        row = {"query": query.name, "results": len(store.query(text)),
               "oxigraph_first_ms": round(oxigraph[0] * 1000, 1),
               "oxigraph_ms": round(statistics.median(oxigraph) * 1000, 1)}
        if dataset is not None:
            rdf = [rdflib_seconds(dataset, text, budget) for _ in range(max(1, repeat // 2))]
            finished = [seconds for seconds in rdf if seconds is not None]
            if len(finished) == len(rdf):
                median = statistics.median(finished)
                row.update({"rdflib_ms": round(median * 1000, 1),
                            "ratio": round(median / statistics.median(oxigraph), 1)})
            else:  # over budget: the ratio is at least this
                row.update({"rdflib_ms": None, "rdflib_over_s": budget,
                            "ratio": round(budget / statistics.median(oxigraph), 1)})
        print(f"{query.name}: {row}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def markdown(result: dict) -> str:
    with_rdflib = result["rdflib_load_s"] is not None
    parsed = f"; rdflib parsed it in {result['rdflib_load_s']:.0f} s" if with_rdflib else ""
    lines = [f"Graph: {result['graph']} ({result['quads']:,} quads){parsed}. Latency with the "
             "parameters at their defaults: Oxigraph's first run and median.", "",
             "| query | results | Oxigraph first | Oxigraph median |"
             + (" rdflib | rdflib ÷ Oxigraph |" if with_rdflib else ""),
             "|---|---:|---:|---:|" + ("---:|---:|" if with_rdflib else "")]
    order = (lambda r: -(r["rdflib_ms"] or float("inf"))) if with_rdflib else (lambda r: -r["oxigraph_ms"])
    for row in sorted(result["queries"], key=order):
        line = (f"| {row['query']} | {row['results']:,} | {row['oxigraph_first_ms']:,} ms | "
                f"{row['oxigraph_ms']:,} ms |")
        if with_rdflib and row["rdflib_ms"] is None:
            line += f" over {row['rdflib_over_s']:g} s (stopped) | over {row['ratio']}× |"
        elif with_rdflib:
            line += f" {row['rdflib_ms']:,} ms | {row['ratio']}× |"
        lines.append(line)
    if result["queries"]:
        under = sum(row["oxigraph_first_ms"] < 2000 and row["oxigraph_ms"] < 2000 for row in result["queries"])
        slowest = max(result["queries"], key=lambda r: r["oxigraph_first_ms"])
        lines += ["", f"Under 2 s, first run and median: {under} of {len(result['queries'])}. Slowest "
                  f"first run: {slowest['query']} ({slowest['oxigraph_first_ms']:,} ms). Targets: "
                  "every query < 2 s; Oxigraph ≥ 20× rdflib on the heaviest."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an Oxigraph folder a build made")
    parser.add_argument("--limit", type=int, default=3000, help="without --store: articles to build first")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-budget", type=float, default=30.0)
    parser.add_argument("--engines", nargs="+", choices=["oxigraph", "rdflib"], default=["oxigraph", "rdflib"])
    parser.add_argument("--name", default="queries", help="the result's file name in bench/results/")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not library():
        print("skipped: queries/ holds no .rq file yet")
        return
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        store_path, graph = args.store, str(args.store)
        if store_path is None:
            inputs, _ = corpus_slice(corpus_or_exit(args.corpus), args.limit, Path(folder))
            store_path, graph = Path(folder) / "store", f"{args.corpus.name}, first {args.limit} articles"
            subprocess.run([sys.executable, "-m", "conflictkg", "build", str(inputs), "--store", str(store_path),
                            "--jobs", "2"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with OxigraphStore(store_path, read_only=True) as store:
            dataset, load_seconds = (rdflib_dataset(store, Path(folder)) if "rdflib" in args.engines
                                     else (None, None))
            rows = measure(store, dataset, args.repeat, args.rdflib_budget)
            quads = len(store)
    result = {"graph": graph, "quads": quads, "queries": rows,
              "rdflib_load_s": None if load_seconds is None else round(load_seconds, 1)}
    write_result(args.name, result, before, markdown(result), module="bench.queries", argv=argv)


if __name__ == "__main__":
    main()

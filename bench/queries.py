"""Every library query (``queries/*.rq``, parameters at their defaults) on a built graph:
median latency in Oxigraph and in rdflib's in-memory engine on the same data.

The store is one a build made (``--store``, e.g. the whole corpus); without one, the script
builds ``--limit`` articles first. rdflib gets the store's export, parsed into a ``Dataset``
whose default graph is the union of the named graphs, as in Oxigraph. rdflib runs each query
fewer times, and stops repeating one that takes longer than ``--rdflib-budget`` seconds.

    python -m bench.queries [--store DIR | --limit 3000] [--repeat 5] [--corpus PATH]
"""
from __future__ import annotations

import argparse
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


def median_seconds(run, repeat: int, budget: float) -> tuple[float, int]:
    """Median of up to ``repeat`` runs; fewer when one run exceeds ``budget`` seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
        if times[-1] > budget:
            break
    return statistics.median(times), len(times)


def rdflib_dataset(store: OxigraphStore, folder: Path) -> tuple[Dataset, float]:
    export = folder / "graph.nq"
    store.export(export)
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(export, format="nquads")
    return dataset, time.perf_counter() - started


def measure(store: OxigraphStore, dataset: Dataset, repeat: int, budget: float) -> list[dict]:
    rows = []
    for query in library():
        text = query.bound()
        oxigraph, _ = median_seconds(lambda: len(store.query(text)), repeat, budget)
        rdf, runs = median_seconds(lambda: len(list(dataset.query(text))), max(1, repeat // 2), budget)
        rows.append({"query": query.name, "results": len(store.query(text)),
                     "oxigraph_ms": round(oxigraph * 1000, 1), "rdflib_ms": round(rdf * 1000, 1),
                     "rdflib_runs": runs, "ratio": round(rdf / oxigraph, 1) if oxigraph else None})
    return rows


def markdown(result: dict) -> str:
    lines = [f"Graph: {result['graph']} ({result['quads']:,} quads); rdflib parsed it in "
             f"{result['rdflib_load_s']:.0f} s. Median latency, parameters at their defaults.", "",
             "| query | results | Oxigraph | rdflib | rdflib ÷ Oxigraph |", "|---|---:|---:|---:|---:|"]
    for row in sorted(result["queries"], key=lambda r: -r["rdflib_ms"]):
        lines.append(f"| {row['query']} | {row['results']:,} | {row['oxigraph_ms']:,} ms | "
                     f"{row['rdflib_ms']:,} ms | {row['ratio']}× |")
    slowest = max(result["queries"], key=lambda r: r["oxigraph_ms"]) if result["queries"] else None
    if slowest:
        lines += ["", f"Slowest in Oxigraph: {slowest['query']} ({slowest['oxigraph_ms']:,} ms). "
                  "Targets: every query < 2 s; Oxigraph ≥ 20× rdflib on the heaviest."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an Oxigraph folder a build made")
    parser.add_argument("--limit", type=int, default=3000, help="without --store: articles to build first")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-budget", type=float, default=30.0)
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
            dataset, load_seconds = rdflib_dataset(store, Path(folder))
            rows = measure(store, dataset, args.repeat, args.rdflib_budget)
            quads = len(store)
    result = {"graph": graph, "quads": quads, "rdflib_load_s": round(load_seconds, 1), "queries": rows}
    write_result("queries", result, before, markdown(result), module="bench.queries", argv=argv)


if __name__ == "__main__":
    main()

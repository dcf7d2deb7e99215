"""Every library query (``queries/*.rq``, parameters at their defaults) on a built graph:
latency in Oxigraph and in rdflib's in-memory engine on the same data, warm with warm.

The store is one a build made (``--store``, e.g. the whole corpus); without one, the script
builds ``--limit`` articles first. rdflib gets the store's export, parsed into a ``Dataset``
whose default graph is the union of the named graphs, as in Oxigraph. Each engine runs each
query ``--repeat`` + 1 times in a row in one process: the first run is cold (what an analyst
waits for), the others warm (caches filled), and each is compared with the same in the other
engine. rdflib's runs of a query go in one forked child, stopped after ``--rdflib-budget``
seconds in all (runs not finished are reported as such), so one pathological query cannot stall
the whole benchmark; its SPARQL engine is set up once before the forks. ``--engines oxigraph``
leaves rdflib out: on the whole corpus it does not finish in 30 minutes.

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


def _run_in_child(dataset: Dataset, text: str, repeat: int, answer) -> None:
    for _ in range(repeat):
        started = time.perf_counter()
        len(list(dataset.query(text)))
        answer.put(time.perf_counter() - started)


def rdflib_runs(dataset: Dataset, text: str, repeat: int, budget: float) -> list[float]:
    """Seconds of up to ``repeat`` runs of ``text`` in rdflib, one after the other in one forked
    copy of this process (the first cold, the rest warm, as Oxigraph's); those not finished
    within ``budget`` seconds in all are left out."""
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    child = context.Process(target=_run_in_child, args=(dataset, text, repeat, answer))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.kill()
        child.join()
    times = []
    while not answer.empty():
        times.append(answer.get())
    return times


def rdflib_dataset(store: OxigraphStore, folder: Path) -> tuple[Dataset, float]:
    export = folder / "graph.nq"
    store.export(export)
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(export, format="nquads")
    seconds = time.perf_counter() - started
    # rdflib imports and sets up its SPARQL engine at the first query: done here, once, so that
    # no forked child pays for it inside its timing.
    len(list(dataset.query("ASK { ?s ?p ?o }")))
    return dataset, seconds


def _median_ms(times: list[float]) -> float | None:
    return round(statistics.median(times) * 1000, 1) if times else None


def measure(store: OxigraphStore, dataset: Dataset | None, repeat: int, budget: float) -> list[dict]:
    """Each query's first (cold) run and the median of the later (warm) runs, in each engine;
    ratios compare warm with warm and cold with cold."""
    rows = []
    for query in library():
        text = query.bound()
        oxigraph = timed_runs(lambda: len(store.query(text)), repeat + 1, budget)
        row = {"query": query.name, "results": len(store.query(text)),
               "oxigraph_first_ms": round(oxigraph[0] * 1000, 1),
               "oxigraph_ms": _median_ms(oxigraph[1:] or oxigraph)}
        if dataset is not None:
            rdf = rdflib_runs(dataset, text, repeat + 1, budget)
            row.update({"rdflib_first_ms": round(rdf[0] * 1000, 1) if rdf else None,
                        "rdflib_ms": _median_ms(rdf[1:]), "rdflib_runs": len(rdf), "rdflib_budget_s": budget,
                        "ratio": (round(statistics.median(rdf[1:]) * 1000 / row["oxigraph_ms"], 1)
                                  if rdf[1:] and row["oxigraph_ms"] else None),
                        "ratio_first": (round(rdf[0] * 1000 / row["oxigraph_first_ms"], 1)
                                        if rdf and row["oxigraph_first_ms"] else None)})
        print(f"{query.name}: {row}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def markdown(result: dict) -> str:
    with_rdflib = result["rdflib_load_s"] is not None
    parsed = f"; rdflib parsed it in {result['rdflib_load_s']:.0f} s" if with_rdflib else ""
    lines = [f"Graph: {result['graph']} ({result['quads']:,} quads){parsed}. Latency with the "
             f"parameters at their defaults, {result['repeat'] + 1} runs of each query in each engine, one "
             "after the other in one process: the first (cold) and the median of the others (warm). "
             "Ratios compare warm with warm (and, in brackets, cold with cold). rdflib runs in a forked "
             "copy of the benchmark whose SPARQL engine has already answered one query; runs past "
             f"{result.get('rdflib_budget_s', '?')} s in all are stopped.", "",
             "| query | results | Oxigraph first | Oxigraph warm |"
             + (" rdflib first | rdflib warm | rdflib ÷ Oxigraph, warm (cold) |" if with_rdflib else ""),
             "|---|---:|---:|---:|" + ("---:|---:|---:|" if with_rdflib else "")]

    def slowest_first(row):
        return -(row.get("rdflib_ms") or row.get("rdflib_first_ms") or float("inf")) if with_rdflib else -row["oxigraph_ms"]

    for row in sorted(result["queries"], key=slowest_first):
        line = (f"| {row['query']} | {row['results']:,} | {row['oxigraph_first_ms']:,} ms | "
                f"{row['oxigraph_ms']:,} ms |")
        if with_rdflib:
            first = f"{row['rdflib_first_ms']:,} ms" if row["rdflib_first_ms"] is not None else \
                f"over {row['rdflib_budget_s']:g} s (stopped)"
            warm = f"{row['rdflib_ms']:,} ms" if row["rdflib_ms"] is not None else "not reached"
            ratio = f"{row['ratio']}×" if row["ratio"] is not None else "–"
            cold = f"{row['ratio_first']}×" if row["ratio_first"] is not None else \
                f"over {round(row['rdflib_budget_s'] * 1000 / row['oxigraph_first_ms'])}×"
            line += f" {first} | {warm} | {ratio} ({cold}) |"
        lines.append(line)
    if result["queries"]:
        under = sum(row["oxigraph_first_ms"] < 2000 and row["oxigraph_ms"] < 2000 for row in result["queries"])
        slowest = max(result["queries"], key=lambda r: r["oxigraph_first_ms"])
        lines += ["", f"Under 2 s, first run and warm: {under} of {len(result['queries'])}. Slowest "
                  f"first run: {slowest['query']} ({slowest['oxigraph_first_ms']:,} ms). Targets: "
                  "every query < 2 s; Oxigraph ≥ 20× rdflib on the heaviest."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an Oxigraph folder a build made")
    parser.add_argument("--limit", type=int, default=3000, help="without --store: articles to build first")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs after the first  [5]")
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
    result = {"graph": graph, "quads": quads, "queries": rows, "repeat": args.repeat,
              "rdflib_budget_s": args.rdflib_budget,
              "rdflib_load_s": None if load_seconds is None else round(load_seconds, 1)}
    write_result(args.name, result, before, markdown(result), module="bench.queries", argv=argv)


if __name__ == "__main__":
    main()

"""How many quads a graph holds, and what they say: exports side by side, by predicate and type.

Builds are made with the CLI (`conflictkg build FILE --store DIR --export NAME.nq`), from any
checkout; this counts their N-Quads exports, so a build of an older commit and one of this
checkout compare on the same articles.

    python -m bench.graph_size --export before=old.nq --export after=new.nq [--name graph-size]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from bench.recording import load_average, write_result

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ARTICLE_GRAPH = "/article/"
SHOWN = 16   # predicates and types listed in the table


def count(path: Path) -> dict:
    """Quads in all, in article graphs, per predicate and per rdf:type object; articles; bytes."""
    predicates, types = Counter(), Counter()
    quads = in_articles = 0
    articles = set()
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        quads += 1
        graph = getattr(quad.graph_name, "value", "")
        if ARTICLE_GRAPH in graph:
            in_articles += 1
            articles.add(graph)
        predicates[quad.predicate.value] += 1
        if quad.predicate.value == RDF_TYPE:
            types[quad.object.value] += 1
    return {"file": str(path), "bytes": path.stat().st_size, "quads": quads, "article_graph_quads": in_articles,
            "articles": len(articles), "predicates": dict(predicates), "types": dict(types)}


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _change(before: int, after: int) -> str:
    return f"{(after - before) / before:+.1%}" if before else ""


def table(results: dict[str, dict]) -> str:
    labels = list(results)
    lines = ["| | " + " | ".join(labels) + (" | change |" if len(labels) == 2 else " |"),
             "|---" * (len(labels) + 1 + (len(labels) == 2)) + "|"]

    def row(name: str, values: list[int]) -> None:
        change = f" | {_change(values[0], values[-1])}" if len(values) == 2 else ""
        lines.append(f"| {name} | " + " | ".join(f"{v:,}" for v in values) + change + " |")

    row("articles", [r["articles"] for r in results.values()])
    row("**quads**", [r["quads"] for r in results.values()])
    row("quads in article graphs", [r["article_graph_quads"] for r in results.values()])
    row("N-Quads bytes", [r["bytes"] for r in results.values()])
    every = Counter()
    for r in results.values():
        every.update(r["predicates"])
    for predicate, _ in every.most_common(SHOWN):
        row(f"`{_short(predicate)}`", [r["predicates"].get(predicate, 0) for r in results.values()])
    types = Counter()
    for r in results.values():
        types.update(r["types"])
    for cls, _ in types.most_common(6):
        row(f"`a {_short(cls)}`", [r["types"].get(cls, 0) for r in results.values()])
    lines += [""] + [f"- {label}: `{r['file']}`" for label, r in results.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", action="append", required=True, metavar="LABEL=PATH",
                        help="an N-Quads export, named (repeat: the first is the baseline)")
    parser.add_argument("--name", default="graph-size", help="result file name in bench/results/")
    args = parser.parse_args(argv)
    before = load_average()
    results = {label: count(Path(path)) for label, path in (e.split("=", 1) for e in args.export)}
    write_result(args.name, {"exports": results}, before, table(results),
                 module="bench.graph_size", argv=argv)


if __name__ == "__main__":
    main()

"""What the graph says, scored side by side on every annotated set, end to end.

    .venv/bin/python -m bench.quality [--label NAME --record] [--sets seeds heldout annotated dev]

Each set is built by the real ``conflictkg build`` into a fresh store, exported, and scored by
the shared scorer's rules (:mod:`conflictkg.scoring`, the same file as ``../shared/eval/score.py``):

- ``seeds``: the two seed articles (``../shared/corpus/seeds``), the texts the rules came from;
- ``heldout``: four reports written for the project (``bench/heldout``);
- ``annotated``: 44 ANT articles drawn at random (``bench/annotated``, seed in its ``draw.py``),
  annotated before the system's output on them was seen: the set to tune on;
- ``dev``: the development set (``../shared/eval/dev``): measured, never tuned on.

Sets whose files are absent (a user's clone has no ``../shared``) are skipped with a word.
With ``--record`` the run is appended to ``results/quality.{md,json}`` (one row per slot and a
column per set, with the command).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.annotated.draw import CORPUS, draw, write_articles
from bench.recording import RESULTS, command_line, load_average, machine
from conflictkg import scoring

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
SLOTS = ("actors", "places", "events", "initiators", "targets", "event_place", "figures",
         "allegiances", "control")


@dataclass(frozen=True)
class AnnotatedSet:
    name: str
    articles: Path | None      # None: drawn from the ANT corpus into a temporary folder
    gold: Path

    def available(self) -> bool:
        return self.gold.exists() and (self.articles.exists() if self.articles else CORPUS.exists())


SETS = {
    "seeds": AnnotatedSet("seeds", SHARED / "corpus" / "seeds", SHARED / "eval" / "seeds.gold.json"),
    "heldout": AnnotatedSet("heldout", HERE / "heldout" / "articles", HERE / "heldout" / "gold.json"),
    "annotated": AnnotatedSet("annotated", None, HERE / "annotated" / "gold.json"),
    "dev": AnnotatedSet("dev", SHARED / "eval" / "dev" / "articles", SHARED / "eval" / "dev" / "dev.gold.json"),
}


def score_set(annotated: AnnotatedSet, work: Path) -> dict:
    articles = annotated.articles
    if articles is None:
        articles = work / f"{annotated.name}-articles"
        write_articles(draw(), articles)
    export = work / f"{annotated.name}.trig"
    conflictkg = Path(sys.executable).with_name("conflictkg")
    subprocess.run([str(conflictkg), "build", str(articles), "--store", str(work / f"{annotated.name}.store"),
                    "--export", str(export)], check=True, capture_output=True)
    gold = json.loads(annotated.gold.read_text(encoding="utf-8"))
    catalogue = json.loads((annotated.gold.parent / gold["catalogue"]).read_text(encoding="utf-8"))
    return scoring.score(scoring.load_graph(export), gold, scoring.Catalogue(catalogue))


def markdown(results: dict[str, dict], label: str, command: str, context: dict) -> str:
    names = list(results)
    lines = [f"## {label}", "", f"`{command}` — {context['date']}, load {context['load_before']}", "",
             "| slot | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for slot in SLOTS:
        cells = [f"{results[n][slot]['f1']:.3f}" for n in names]
        lines.append(f"| {slot} | " + " | ".join(cells) + " |")
    events = [f"P {results[n]['events']['precision']:.2f} R {results[n]['events']['recall']:.2f}" for n in names]
    lines.append("| events P/R | " + " | ".join(events) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current", help="the name of this run in the results file")
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--record", action="store_true", help="append the run to results/quality.{md,json}")
    args = parser.parse_args(argv)
    context = {**machine(), "load_before": load_average()}
    results = {}
    with tempfile.TemporaryDirectory(prefix="conflictkg-quality-") as tmp:
        for name in args.sets:
            if not SETS[name].available():
                print(f"skipped {name}: its articles or gold are absent")
                continue
            results[name] = score_set(SETS[name], Path(tmp))
    command = command_line("bench.quality", argv)
    report = markdown(results, args.label, command, context)
    print(report)
    if not args.record:
        return
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / "quality.md").open("a", encoding="utf-8") as out:
        out.write("\n" + report)
    runs = json.loads((RESULTS / "quality.json").read_text()) if (RESULTS / "quality.json").exists() else []
    runs.append({"label": args.label, "command": command, "context": context,
                 "scores": {n: {s: r[s] for s in SLOTS} for n, r in results.items()}})
    (RESULTS / "quality.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

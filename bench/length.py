"""Extraction time against an article's length: does any reading rule grow faster than the text?

Two kinds of long article, each cut to lengths from 10,000 characters up:

- ``corpus``: real prose, the ANT corpus's articles joined one after another into one article;
- ``dense``: only the sentences of those articles that name an event (a strike, a clash, a
  capture, a death), the densest text for the rules.

Each extraction runs in this process with no time limit; a length is skipped once the one before
it took longer than ``--give-up`` seconds (the next would take longer still). A rule linear in
the length doubles its time when the length doubles: the ``ratio`` column shows each step's.

    python -m bench.length [--lengths 10000,20000,...] [--give-up 120] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from bench.recording import CORPUS, corpus_or_exit, load_average, write_result
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article

LENGTHS = (10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_000_000)
EVENT_WORDS = ("قصف", "غارة", "غارات", "اشتباك", "سيطر", "مقتل", "قتل")


def corpus_text(corpus: Path, chars: int, *, dense: bool = False) -> str:
    """The corpus's articles one after another (``dense``: only their sentences that name an event)."""
    parts, size = [], 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            if dense:
                text = " ".join(s.strip() + "." for s in text.split(".") if any(w in s for w in EVENT_WORDS))
            parts.append(text)
            size += len(text) + 1
            if size >= chars:
                break
    return " ".join(parts)[:chars]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lengths", default=",".join(map(str, LENGTHS)))
    parser.add_argument("--give-up", type=float, default=120.0)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    lengths = [int(n) for n in args.lengths.split(",")]
    load_before = load_average()
    extractor = Extractor()
    extractor.extract(Article(id="warm-up", text=corpus_text(corpus, 2_000)))
    rows = []
    for kind, make in (("corpus", lambda n: corpus_text(corpus, n)),
                       ("dense", lambda n: corpus_text(corpus, n, dense=True))):
        previous = None
        for length in lengths:
            if previous is not None and previous > args.give_up:
                rows.append({"kind": kind, "characters": length, "seconds": None})
                continue
            text = make(length)
            started = time.perf_counter()
            extractor.extract(Article(id=f"{kind}-{length}", text=text))
            seconds = round(time.perf_counter() - started, 2)
            rows.append({"kind": kind, "characters": len(text), "seconds": seconds,
                         "ratio": round(seconds / previous, 1) if previous else None})
            print(rows[-1], flush=True)
            previous = seconds
    table = ["| text | characters | seconds | × previous |", "|---|---:|---:|---:|"]
    table += [f"| {r['kind']} | {r['characters']:,} | {'skipped' if r['seconds'] is None else r['seconds']} | "
              f"{r.get('ratio') or ''} |" for r in rows]
    write_result("length", {"rows": rows, "give_up_seconds": args.give_up}, load_before, "\n".join(table),
                 module="bench.length", argv=argv)


if __name__ == "__main__":
    main()

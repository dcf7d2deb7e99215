"""Every benchmark, one after the other, on the real corpus: ``make bench``.

    python -m bench.run_all [--limit N] [--articles 2000]

Without ``--limit`` the whole corpus is built twice (``--jobs 1``, then ``--jobs 2``): expect
about an hour on two cores. The ``--jobs 2`` store is then queried and used to validate one
new article. rdflib's engine does not get through the queries on the whole corpus in half an
hour, so there Oxigraph is timed alone and the comparison runs on the first 1,000 articles
(bench/results/queries.md). Results go to ``bench/results/`` (see bench/README.md). Run it on
a quiet machine: every result records the load average, and numbers taken under load are noise.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench import build, queries, throughput, validation
from bench.recording import CORPUS, corpus_or_exit


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="build the first N articles instead of the whole corpus")
    parser.add_argument("--articles", type=int, default=1000, help="throughput sample size (Syria articles)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    common = ["--corpus", str(corpus)]
    throughput.main(["--articles", str(args.articles), *common])
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        store = Path(folder) / "store"
        build.main([*(["--limit", str(args.limit)] if args.limit else []), "--keep-store", str(store), *common])
        if args.limit:
            queries.main(["--store", str(store), *common])
        else:
            queries.main(["--store", str(store), "--engines", "oxigraph", "--name", "queries-full-corpus", *common])
            queries.main(["--limit", "1000", "--repeat", "3", "--rdflib-budget", "60", *common])
        validation.main(["--store", str(store), *common])


if __name__ == "__main__":
    main()

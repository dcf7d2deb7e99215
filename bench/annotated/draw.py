"""Draw the articles of the annotated tuning set from the ANT corpus, reproducibly.

    python -m bench.annotated.draw [--corpus ../shared/corpus/ant/ant-2018.jsonl.gz] [--out DIR]

Which articles: Syrian-war reporting (the middleEast and internationalNews categories, naming
Syria and at least one word of violence or of the war's actors), 120 to 900 words, outside the
development set (../shared/eval/dev). The draw is `random.Random(SEED).sample` over the
candidates in corpus order, so the same corpus always gives the same articles. The corpus's
text is never copied into the project: `ids.txt` lists the ids, and `--out` writes the articles
(text files and meta.jsonl, the layout `conflictkg build` reads) to a folder outside it.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

SEED = 20261203
SIZE = 44
HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
CORPUS = SHARED / "corpus" / "ant" / "ant-2018.jsonl.gz"
DEV_META = SHARED / "eval" / "dev" / "articles" / "meta.jsonl"
CATEGORIES = {"middleEast", "internationalNews"}
SYRIA = ("سوريا", "سورية", "السوري")
WAR_WORDS = ("غارة", "غارات", "قصف", "اشتباك", "مقتل", "قتلى", "فصائل", "مسلح", "المعارضة", "تنظيم",
             "الجيش", "قوات")


def is_war_report(article: dict) -> bool:
    text = article.get("title", "") + "\n" + article.get("text", "")
    words = len(text.split())
    return (article.get("category") in CATEGORIES and 120 <= words <= 900
            and any(w in text for w in SYRIA) and sum(w in text for w in WAR_WORDS) >= 2)


def draw(corpus: Path = CORPUS) -> list[dict]:
    dev = {json.loads(line)["id"] for line in DEV_META.read_text(encoding="utf-8").splitlines() if line}
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        candidates = [a for a in map(json.loads, lines) if a["id"] not in dev and is_war_report(a)]
    return random.Random(SEED).sample(candidates, SIZE)


def write_articles(articles: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "meta.jsonl").open("w", encoding="utf-8") as meta:
        for a in articles:
            (out / f"{a['id']}.txt").write_text(a["title"] + "\n\n" + a["text"], encoding="utf-8")
            meta.write(json.dumps({k: a[k] for k in ("id", "published", "url", "source")},
                                  ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help="write the drawn articles here (outside the project)")
    args = parser.parse_args()
    articles = draw(args.corpus)
    (HERE / "ids.txt").write_text("".join(a["id"] + "\n" for a in articles), encoding="utf-8")
    if args.out:
        write_articles(articles, args.out)
    print(f"{len(articles)} articles drawn with seed {SEED}")


if __name__ == "__main__":
    main()

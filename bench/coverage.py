"""How much of the actor and place naming in real Syria reporting the entity stage resolves.

Reads the ANT corpus (``/work/shared/corpus/ant/ant-2018.jsonl.gz``), keeps the Syria articles
(category middleEast or internationalNews, text naming سوريا/سورية/السوري), and collects
*name-like phrases*:

- a cue word (``nlp/data/actor_cues.tsv``, ``place_cues.tsv``; with proclitics) followed by a
  name: a quoted name, or one to four words that stop at punctuation and at the words of
  ``name_stops.tsv``; phrases whose first word is in ``name_rejects.tsv`` are not names;
- a quoted name (« », " ") of one to four words right after ``قوات``/``ميليشيا``/``ميليشيات``
  (Arabic has no capitals; these are the patterns news uses for a proper name).

This phrase finder is deliberately simple and separate from the minting rules in
``conflictkg.nlp``, so it measures them instead of agreeing with them. A phrase *resolves to the
catalogue* when the pipeline's entity stage reports a catalogue mention overlapping its name,
*is minted* when only a minted entity covers it, and is *unresolved* otherwise. (Before the
entity stage had more than one component this was the whole pipeline; the fact stage finds no
names, so measuring the entity stage alone gives the same numbers faster.)

    .venv/bin/python bench/coverage.py [--limit N] [--speed N]

``--speed N`` also times N Syria articles through ``spacy.blank("ar")`` (bare tokenisation), the
entity stage alone and the whole ``make_pipeline()``, in words per second (one process, best
of two passes; the tokenizer caches, so the first pass over each text is what counts).
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictkg.nlp.lexicon import words
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.nlp.language import ENTITY_COMPONENTS, ArabicConflict
from conflictkg.nlp.pipeline import make_pipeline

ANT = Path("/work/shared/corpus/ant/ant-2018.jsonl.gz")
SYRIA_WORDS = ("سوريا", "سورية", "السوري")
SYRIA_CATEGORIES = {"middleEast", "internationalNews"}
WORD = re.compile(r"[^\W_]+")
QUOTES = "\"«»“”"
PROCLITICS = "وفبلك"
FORCE_CUES = {fold(w) for w in ("قوات", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات")}


@dataclass(frozen=True)
class Phrase:
    kind: str     # "actor", "place" or "force"
    name: str     # folded name words
    begin: int    # original offsets of the name
    end: int


def syria_articles(path: Path, limit: int | None) -> Iterator[str]:
    """Texts of the Syria articles of the ANT corpus, in file order."""
    count = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article.get("category") not in SYRIA_CATEGORIES:
                continue
            if not any(word in article["text"] for word in SYRIA_WORDS):
                continue
            yield article["text"]
            count += 1
            if limit and count >= limit:
                return


def _cue_kind(word: str, cues: dict[str, str]) -> str | None:
    """The kind of cue ``word`` is, allowing up to two proclitics in front."""
    for skip in range(min(3, len(word))):
        if skip and word[skip - 1] not in PROCLITICS:
            return None
        if word[skip:] in cues:
            return cues[word[skip:]]
    return None


def find_phrases(text: str, cues: dict[str, str], stops: frozenset[str],
                 rejects: frozenset[str]) -> list[Phrase]:
    folded = fold_with_offsets(text)
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded.text)]
    phrases = []
    for index, (_, cue_end, word) in enumerate(words):
        kind = _cue_kind(word, cues)
        if kind is None or (word.endswith("ه") and text[folded.origin[cue_end - 1]] != "ة"):
            continue  # بلده is "his country", not بلدة: folding ة → ه must not merge them
        name_words = _name_after(folded.text, words, index, cue_end, stops, rejects, kind == "force")
        if name_words:
            begin, end = folded.to_original(name_words[0][0], name_words[-1][1])
            phrases.append(Phrase(kind, " ".join(w[2] for w in name_words), begin, end))
    return phrases


def _name_after(text, words, index, cue_end, stops, rejects, quoted_only):
    following = words[index + 1:index + 7]
    if not following:
        return []
    gap = text[cue_end:following[0][0]]
    quoted = any(q in gap for q in QUOTES)
    if quoted_only and not quoted:
        return []
    if following[0][2] in rejects:
        return []
    name, previous_end = [], cue_end
    for begin, end, word in following:
        gap = text[previous_end:begin]
        if name and gap.strip():
            break  # punctuation, or the closing quote of a quoted name
        if not quoted and (word in stops or (word[0] in "وف" and word[1:] in stops) or len(name) == 4):
            break
        if not quoted and name and word[0] == "و":
            break  # "مدينة درعا والقنيطرة": a second name
        name.append((begin, end, word))
        previous_end = end
    return name[:4]


def measure(texts: Iterator[str]) -> dict:
    cues = {fold(w): "actor" for w in words("actor_cues.tsv")}
    cues.update({fold(w): "place" for w in words("place_cues.tsv")})
    cues.update({w: "force" for w in FORCE_CUES})
    stops = frozenset(fold(w) for w in words("name_stops.tsv"))
    rejects = frozenset(fold(w) for w in words("name_rejects.tsv"))
    nlp = entity_stage()   # the fact stage adds nothing to names and costs most of the time
    counts = collections.Counter()
    unresolved = collections.Counter()
    articles = words = 0
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        articles += 1
        words += len(doc)
        mentions = doc._.mentions or []
        for phrase in find_phrases(doc.text, cues, stops, rejects):
            covering = [m for m in mentions if m.span.begin < phrase.end and phrase.begin < m.span.end]
            if any(not m.minted for m in covering):
                outcome = "catalogue"
            elif covering:
                outcome = "minted"
            else:
                outcome = "unresolved"
                unresolved[(phrase.kind, phrase.name)] += 1
            counts[(phrase.kind, outcome)] += 1
    elapsed = time.perf_counter() - started
    return {"articles": articles, "words": words, "seconds": elapsed, "counts": counts,
            "unresolved": unresolved}


def report(result: dict, command: str) -> str:
    counts = result["counts"]
    lines = [f"- command: `{command}`", f"- date: {dt.date.today().isoformat()}",
             f"- machine: {os.cpu_count()} cores (shared; timings are noisy)",
             f"- articles: {result['articles']}, words: {result['words']}, "
             f"{result['seconds']:.0f} s", "",
             "| phrases | total | catalogue | minted | unresolved |", "|---|---|---|---|---|"]
    for kind in ("actor", "place", "force", "all"):
        kinds = ("actor", "place", "force") if kind == "all" else (kind,)
        row = {o: sum(counts[(k, o)] for k in kinds) for o in ("catalogue", "minted", "unresolved")}
        total = sum(row.values()) or 1
        lines.append(f"| {kind} | {sum(row.values())} | " + " | ".join(
            f"{row[o]} ({100 * row[o] / total:.1f}%)" for o in ("catalogue", "minted", "unresolved")) + " |")
    lines += ["", "Top unresolved phrases (kind, folded name, count):", ""]
    for (kind, name), count in result["unresolved"].most_common(40):
        lines.append(f"- {kind}: {name} ({count})")
    return "\n".join(lines) + "\n"


def words_per_second(nlp, texts: list[str]) -> float:
    """Words per second of ``nlp`` over fresh copies of ``texts`` (spaCy tokens counted)."""
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return words / (time.perf_counter() - started)


def entity_stage():
    nlp = ArabicConflict()
    nlp.add_pipe("sentencizer")
    for name in ENTITY_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def speed(texts: list[str]) -> str:
    import spacy

    rows = []
    for name, make in (("spacy.blank(\"ar\")", lambda: spacy.blank("ar")),
                       ("entity stage", entity_stage), ("make_pipeline()", make_pipeline)):
        nlp = make()
        rate = words_per_second(nlp, texts)   # each pipeline sees the texts for the first time
        rows.append((name, rate))
    bare = rows[0][1]
    lines = [f"Speed over {len(texts)} Syria articles (one process; noisy, shared machine):", "",
             "| pipeline | words/s | share of bare tokenisation |", "|---|---|---|"]
    lines += [f"| {name} | {rate:,.0f} | {100 * rate / bare:.0f}% |" for name, rate in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ANT)
    parser.add_argument("--limit", type=int, default=None, help="only the first N Syria articles")
    parser.add_argument("--speed", type=int, default=0, help="also time N articles (words/s)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"coverage: skipped, the ANT corpus is not at {args.corpus}")
        return 0
    command = "python bench/coverage.py" + (f" --limit {args.limit}" if args.limit else "") \
        + (f" --speed {args.speed}" if args.speed else "")
    print(report(measure(syria_articles(args.corpus, args.limit)), command))
    if args.speed:
        print(speed(list(syria_articles(args.corpus, args.speed))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

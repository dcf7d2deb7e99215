"""Mine the ANT corpus for names the catalogue lacks: title + person, head noun + organisation,
and fixed forms, with how often and in how many articles each occurs.

    PYTHONPATH=src:. .venv/bin/python -m bench.catalogue_mining            # candidates TSV
    PYTHONPATH=src:. .venv/bin/python -m bench.catalogue_mining --coverage # catalogue coverage
    PYTHONPATH=src:. .venv/bin/python -m bench.catalogue_mining --labels   # mined labels' frequency

The patterns are data, ``bench/catalogue_patterns.tsv`` (see its header): *title* words after
which descriptor words are skipped and the next one to three words are a person's name
("وزير الخارجية الروسي سيرغي لافروف"); *head* nouns that begin an organisation's name, counted
with the one to three words after them ("وزارة الخارجية الروسية"); *known* fixed forms
("البيت الأبيض"). Text is folded like the matcher folds it (``conflictkg.nlp.normalize.fold``)
and a proclitic (و ف ب ل ك, لل for ل + the article) is allowed on the first word of a pattern.
A candidate is counted with every prefix of its name (one, two and three words), so
"سيرغي لافروف" and "سيرغي" both appear; the review picks the right length.

Output:

- default: ``bench/results/catalogue-candidates.tsv``: family, folded candidate, the surface form
  first seen, mentions, articles, Syria articles (categories middleEast/internationalNews naming
  سوريا/سورية/السوري, as ``bench/coverage.py``), the three commonest cues (title or head with its
  descriptor words; counted from the candidate's second article on, to keep memory small), the
  entry of the catalogue without ``actors-mined.ttl`` whose name the candidate is (``catalogue``)
  and, if none, the entry of ``actors-mined.ttl`` (``mined``). Only candidates in at least
  ``--min-articles`` articles (default 5) are written.
- ``--coverage``: in the Syria articles, every pattern occurrence (its longest name) is one
  *mined mention*; it is *matched* when the catalogue matcher finds a name overlapping the name
  part (the name after a title; the head and its words; the fixed form). Printed for the catalogue
  without ``actors-mined.ttl`` (before) and with it (after); with ``--write`` also to
  ``bench/results/catalogue-coverage.json``.
- ``--labels``: for every Arabic name of ``ontology/catalogue/actors-mined.ttl``, the mentions and
  articles where the whole catalogue's matcher finds exactly that name for that entry (a name
  inside a longer catalogue name does not count), and the articles where the entry is found by
  any of its names: ``bench/results/catalogue-mined-labels.tsv``.

The corpus is ANT v2.1 (Chouigui, Ben Khiroun, Elayeb 2021, https://antcorpus.github.io).
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDFS, Graph
from rdflib.namespace import SKOS

from conflictkg.catalogue import catalogue_files, entries_from_graph, load_catalogue
from conflictkg.namespaces import CK
from conflictkg.nlp.entities import CatalogueMatcher
from conflictkg.nlp.lexicon import words as lexicon_words
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.resources import catalogue_dir

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PATTERNS = HERE / "catalogue_patterns.tsv"
ANT = Path("/work/shared/corpus/ant/ant-2018.jsonl.gz")
MINED_FILE = "actors-mined.ttl"
# The Syria articles, as bench/coverage.py defines them (not imported: that script imports a
# lexicon helper, ``column``, that conflictkg.nlp.lexicon no longer has).
SYRIA_WORDS = ("سوريا", "سورية", "السوري")
SYRIA_CATEGORIES = {"middleEast", "internationalNews"}
WORD = re.compile(r"[^\W_]+")
SPACE_GAP = re.compile(r"[ \t\u00a0\u200f\u200e]+")                      # inside a title's name
QUOTED_GAP = re.compile(r"[ \t\u00a0\u200f\u200e\"«»“”'‘’\-]+")          # inside an organisation's name
MAX_SKIP = 6
MAX_NAME = 3


@dataclass
class Patterns:
    titles: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)   # first word -> forms
    heads: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    known: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    head_words: set[str] = field(default_factory=set)
    skips: set[str] = field(default_factory=set)
    describers: set[str] = field(default_factory=set)
    stops: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path = PATTERNS) -> "Patterns":
        patterns = cls()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            family, form = line.split("\t")[:2]
            words = tuple(WORD.findall(fold(form)))
            table = {"title": patterns.titles, "head": patterns.heads, "known": patterns.known}.get(family)
            if table is not None:
                table.setdefault(words[0], []).append(words)
                if family == "head":
                    patterns.head_words.add(words[0])
            elif family == "describe":
                patterns.describers.add(words[0])
            elif family == "skip":
                patterns.skips.add(words[0])
            elif family == "stop":
                patterns.stops.add(words[0])
            else:
                raise ValueError(f"{path.name}: unknown family {family!r}")
        for table in (patterns.titles, patterns.heads, patterns.known):
            for forms in table.values():
                forms.sort(key=len, reverse=True)   # the longest form first
        return patterns


@dataclass(frozen=True)
class Occurrence:
    family: str
    cue: str                 # the title or head with its descriptor words (folded)
    names: tuple[str, ...]   # folded candidates, shortest first (prefixes of the longest)
    surfaces: tuple[str, ...]
    begin: int               # original offsets of the longest name's words
    end: int


def first_word_forms(word: str) -> Iterator[tuple[int, str]]:
    """(letters stripped, form): the word and its forms without a proclitic (و ف, then ب ل ك;
    لل → ال, one letter stripped and the article's alif restored)."""
    yield 0, word
    heads = [(0, word)]
    if word[:1] in "وف" and len(word) > 3:
        heads.append((1, word[1:]))
        yield 1, word[1:]
    for skip, head in heads:
        if head[:1] in "بلك" and len(head) > 3:
            yield skip + 1, head[1:]
            if head.startswith("لل"):
                yield skip + 1, "ا" + head[1:]


def is_definite(word: str) -> bool:
    return word.startswith(("ال", "لل", "بال", "وال", "كال", "فال"))


class Miner:
    def __init__(self, patterns: Patterns):
        self.p = patterns

    def occurrences(self, text: str) -> Iterator[Occurrence]:
        folded = fold_with_offsets(text)
        ftext = folded.text
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(ftext)]
        words = [t[2] for t in tokens]
        i = 0
        while i < len(tokens):
            found = self._cue_at(words, tokens, ftext, i)
            if found is None:
                i += 1
                continue
            family, last, skip, form = found
            cue = " ".join([form] + words[i + 1:last + 1])
            if family == "known":
                yield self._occurrence(folded, tokens, family, cue, i, last, whole=True, clitic=(skip, form))
                i = last + 1
                continue
            if family == "title":
                start = self._skip_descriptor(words, tokens, ftext, last + 1)
                if start is None:
                    i = last + 1
                    continue
                cue = " ".join([form] + words[i + 1:start])
                end = self._name_end(words, tokens, ftext, start, first_strict=True)
                if end is not None:
                    yield self._occurrence(folded, tokens, family, cue, start, end)
                i = last + 1
                continue
            # head: the head and up to three words after it
            end = self._name_end(words, tokens, ftext, last + 1, first_strict=False, quoted=True)
            if end is not None:
                yield self._occurrence(folded, tokens, family, cue, i, end, head_words=last - i + 1,
                                       clitic=(skip, form))
            i = last + 1

    def _cue_at(self, words, tokens, ftext, i):
        for skip, form in first_word_forms(words[i]):
            for family, table in (("known", self.p.known), ("title", self.p.titles), ("head", self.p.heads)):
                for pattern in table.get(form, ()):
                    last = i + len(pattern) - 1
                    if last >= len(words) or tuple(words[i + 1:last + 1]) != pattern[1:]:
                        continue
                    if not all(SPACE_GAP.fullmatch(ftext[tokens[k][1]:tokens[k + 1][0]])
                               for k in range(i, last)):
                        continue
                    return family, last, skip, form
        return None

    def _gap_ok(self, tokens, ftext, k, quoted=False) -> bool:
        gap = ftext[tokens[k - 1][1]:tokens[k][0]]
        return bool((QUOTED_GAP if quoted else SPACE_GAP).fullmatch(gap))

    def _skip_descriptor(self, words, tokens, ftext, k):
        """The index where the name starts after a title's descriptor words, or None."""
        skipped = 0
        while k < len(words) and skipped < MAX_SKIP:
            if not self._gap_ok(tokens, ftext, k):
                return None
            forms = [form for _, form in first_word_forms(words[k])]
            if words[k] in self.p.skips:
                k += 2
            elif any(is_definite(f) or f in self.p.head_words or f in self.p.titles or f in self.p.describers
                     for f in forms):
                k += 1
            else:
                break
            skipped += 1
        if k >= len(words) or not self._gap_ok(tokens, ftext, k):
            return None
        return k

    def _usable(self, word: str) -> bool:
        return (len(word) >= 2 and not word.isdigit() and word not in self.p.stops
                and not (word[0] == "و" and (word[1:] in self.p.stops or is_definite(word[1:]))))

    def _name_end(self, words, tokens, ftext, k, first_strict, quoted=False):
        if k >= len(words) or not self._gap_ok(tokens, ftext, k, quoted) or not self._usable(words[k]):
            return None
        if first_strict and (is_definite(words[k]) or words[k] in self.p.head_words):
            return None
        end = k
        while end + 1 < len(words) and end - k + 1 < MAX_NAME:
            nxt = end + 1
            if not self._gap_ok(tokens, ftext, nxt, quoted) or not self._usable(words[nxt]):
                break
            end = nxt
        return end

    def _occurrence(self, folded, tokens, family, cue, start, end, whole=False, head_words=0, clitic=(0, "")):
        """The candidates of one occurrence; a proclitic on the head or fixed form is left out."""
        lengths = [end - start + 1] if whole else range(max(1, head_words + 1), end - start + 2)
        skip, form = clitic
        first = form or tokens[start][2]
        begin = tokens[start][0] + skip
        names, surfaces = [], []
        for n in lengths:
            last = start + n - 1
            names.append(" ".join([first] + [t[2] for t in tokens[start + 1:last + 1]]))
            surfaces.append(folded.to_original(begin, tokens[last][1]))
        b, e = folded.to_original(begin, tokens[end][1])
        return Occurrence(family, cue, tuple(names), tuple(surfaces), b, e)


def articles(path: Path = ANT) -> Iterator[tuple[str, bool]]:
    """(title and text, is a Syria article) for each article of the corpus."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            text = article.get("text") or ""
            syria = article.get("category") in SYRIA_CATEGORIES and any(w in text for w in SYRIA_WORDS)
            yield (article.get("title") or "") + "\n" + text, syria


def catalogue_entries(include_mined: bool):
    graph = Graph()
    for path in catalogue_files(catalogue_dir()):
        if include_mined or path.name != MINED_FILE:
            graph.parse(path, format="turtle")
    return entries_from_graph(graph)


def catalogue_names(include_mined: bool) -> dict[str, str]:
    """folded name -> slug of the catalogue entry with that name."""
    names = {}
    for entry in catalogue_entries(include_mined):
        for name in entry.names_ar + entry.context_names_ar:
            names.setdefault(" ".join(WORD.findall(fold(name))), entry.iri.rsplit("/", 1)[-1])
    return names


def mine(min_articles: int, limit: int | None) -> list[list]:
    miner = Miner(Patterns.read())
    # candidate -> [mentions, articles, syria articles, last article, surface, cues]
    stats: dict[tuple[str, str], list] = {}
    for number, (text, syria) in enumerate(articles()):
        if limit and number >= limit:
            break
        for occ in miner.occurrences(text):
            for name, (b, e) in zip(occ.names, occ.surfaces):
                row = stats.get((occ.family, name))
                if row is None:
                    row = stats[(occ.family, name)] = [0, 0, 0, -1, text[b:e], None]
                row[0] += 1
                if row[3] != number:
                    row[1] += 1
                    row[2] += syria
                    row[3] = number
                if row[1] >= 2:       # cues are kept from a candidate's second article on
                    if row[5] is None:
                        row[5] = collections.Counter()
                    row[5][occ.cue] += 1
    before, after = catalogue_names(include_mined=False), catalogue_names(include_mined=True)
    rows = []
    for (family, name), (mentions, arts, syria, _, surface, cues) in stats.items():
        if arts < min_articles:
            continue
        top = "; ".join(f"{c} ({n})" for c, n in (cues or collections.Counter()).most_common(3))
        mined = after.get(name, "") if name not in before else ""
        rows.append([family, name, surface, mentions, arts, syria, top, before.get(name, ""), mined])
    rows.sort(key=lambda r: (-r[4], r[0], r[1]))
    return rows


def write_candidates(rows: list[list], path: Path) -> None:
    header = ["family", "candidate", "surface", "mentions", "articles", "syria_articles", "top_cues", "catalogue",
              "mined"]
    lines = ["\t".join(header)] + ["\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def matcher(include_mined: bool) -> CatalogueMatcher:
    return CatalogueMatcher(catalogue_entries(include_mined), lexicon_words("context_cues.tsv"))


def coverage(limit: int | None) -> dict:
    miner = Miner(Patterns.read())
    matchers = {"before": matcher(False), "after": matcher(True)}
    counts = {k: collections.Counter() for k in matchers}
    unmatched = collections.Counter()
    syria_articles = 0
    for text, syria in articles():
        if not syria:
            continue
        syria_articles += 1
        if limit and syria_articles > limit:
            break
        occs = list(miner.occurrences(text))
        if not occs:
            continue
        folded = fold_with_offsets(text)
        for label, m in matchers.items():
            spans = [(x.begin, x.end) for x in m.find(folded)]
            for occ in occs:
                hit = any(b < occ.end and occ.begin < e for b, e in spans)
                counts[label][(occ.family, hit)] += 1
                if label == "after" and not hit:
                    unmatched[(occ.family, occ.names[-1])] += 1
    result = {"syria_articles": min(syria_articles, limit or syria_articles)}
    for label, c in counts.items():
        for family in ("title", "head", "known", "all"):
            fams = ("title", "head", "known") if family == "all" else (family,)
            total = sum(c[(f, h)] for f in fams for h in (True, False))
            hit = sum(c[(f, True)] for f in fams)
            result.setdefault(label, {})[family] = {"mentions": total, "matched": hit,
                                                    "share": round(hit / total, 4) if total else 0.0}
    result["top_unmatched_after"] = [[f, n, k] for (f, n), k in unmatched.most_common(60)]
    return result


def label_frequencies(limit: int | None) -> list[list]:
    """For each Arabic name of actors-mined.ttl: articles where it is matched, and where a
    match of exactly that name (not a longer catalogue name around it) is found."""
    graph = Graph()
    graph.parse(catalogue_dir() / MINED_FILE, format="turtle")
    full = CatalogueMatcher(load_catalogue(), lexicon_words("context_cues.tsv"))
    names = {}   # every Arabic name in the file, also the variants it adds to entries of actors.ttl
    for subject, predicate, name in sorted(graph):
        if predicate in (RDFS.label, SKOS.altLabel, CK.contextLabel) and getattr(name, "language", None) == "ar":
            names[" ".join(WORD.findall(fold(str(name))))] = (str(subject).rsplit("/", 1)[-1], str(name))
    seen = collections.Counter()
    mentions = collections.Counter()
    entity_articles = collections.Counter()
    for number, (text, _) in enumerate(articles()):
        if limit and number >= limit:
            break
        folded = fold_with_offsets(text)
        found = set()
        for match in full.find(folded):
            key = " ".join(WORD.findall(fold(text[match.begin:match.end])))
            if key in names and match.entry.iri.endswith("/" + names[key][0]):
                found.add(key)
                mentions[key] += 1
        for key in found:
            seen[key] += 1
        for slug in {names[key][0] for key in found}:
            entity_articles[slug] += 1
    rows = [[slug, name, mentions[key], seen[key], entity_articles[slug]] for key, (slug, name) in names.items()]
    rows.sort(key=lambda r: (r[0], -r[3]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coverage", action="store_true", help="coverage of mined mentions, before/after")
    parser.add_argument("--labels", action="store_true", help="corpus frequency of the mined file's names")
    parser.add_argument("--write", action="store_true", help="with --coverage: write the JSON result")
    parser.add_argument("--min-articles", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--out", type=Path, default=RESULTS / "catalogue-candidates.tsv")
    args = parser.parse_args(argv)
    if args.coverage:
        result = coverage(args.limit)
        text = json.dumps(result, ensure_ascii=False, indent=1)
        if args.write:
            (RESULTS / "catalogue-coverage.json").write_text(text + "\n", encoding="utf-8")
        print(text)
        return 0
    if args.labels:
        rows = label_frequencies(args.limit)
        out = RESULTS / "catalogue-mined-labels.tsv"
        out.write_text("slug\tname\tmentions\tarticles\tentity_articles\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows),
                       encoding="utf-8")
        print(f"{len(rows)} names -> {out}")
        return 0
    rows = mine(args.min_articles, args.limit)
    write_candidates(rows, args.out)
    print(f"{len(rows)} candidates in >= {args.min_articles} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

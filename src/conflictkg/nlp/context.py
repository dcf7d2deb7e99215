"""What every fact component reads about one article, computed once per doc.

:class:`ArticleContext` gathers the text's segments (sentences, with the title apart), the
actors and places named (the entity stage's mentions, plus two readings the facts need:
nationality adjectives after an aircraft or a strike, "مقاتلات روسية", and place anaphora,
"المدينة" for the city last named: ``place_anaphora.tsv``), the date expressions and the numbers,
and answers the questions every reader asks of them, so that each is written once:

- :meth:`~ArticleContext.refs_after`, :meth:`~ArticleContext.refs_before` and the ``nearest_*``
  forms: the mentions within a reach of a position (counted in words), in its clause or not;
- :meth:`~ArticleContext.coordinated_run`: the forces of one coordinated phrase ("X وY"),
  or of one list ("X إلى جانب Y": ``list_words.tsv``);
- :meth:`~ArticleContext.negated`: a negation (``negations.tsv``) right before a position;
- :meth:`~ArticleContext.clause_of`, :meth:`~ArticleContext.segment_of`,
  :meth:`~ArticleContext.words_between`.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from spacy.tokens import Doc

from conflictkg.catalogue import CatalogueEntry, catalogue_index
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.cues import Cue, doc_cues
from conflictkg.nlp.dates import HISTORICAL_DAYS, DateExpression, find_dates
from conflictkg.nlp.document import (BORDER, LOCATIVE, NOT_ANTECEDENT, OPPONENT, doc_text, folded_text, place_word_before,
                                     relation_before, words_before)
from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import COMMAS, QUESTION_MARKS, SEMICOLONS, fold
from conflictkg.nlp.numbers import NumberSpan, numbers_in
from conflictkg.nlp.reaches import AND_RUN_GAP, MEETING_PLACE_REACH, RUN_GAP, SINCE_REACH
from conflictkg.nlp.records import Mention

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(rf"[.!{QUESTION_MARKS}:]\s*$")
# A clause ends at these marks: roles and modality do not reach across them.
_WORD_BEFORE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def relative_pronouns() -> frozenset[str]:
    """الذي، التي، الذين …: the relative pronouns of relative_clauses.tsv, folded."""
    return frozenset(fold(row.form) for row in lexicon("relative_clauses.tsv") if row.kind == "pronoun")


# A dateline: at most 60 characters opening a line, then perhaps an agency in brackets, then a dash.
_DATELINE = re.compile(r"^(?P<where>[^\n()\-—–]{2,60}?)\s*(?P<agency>\([^()\n]{1,25}\))?\s*(?:—|–|-{1,2})", re.M)
DATELINE_WORDS = 6     # "دبي، الإمارات العربية المتحدة": a dateline names a city and its country
# A full stop or comma between two digits is a decimal or thousands mark ("58،8%", "3.5"), no break.
CLAUSE_BREAK = re.compile(rf"[{SEMICOLONS}!{QUESTION_MARKS}\n]|(?<!\d)[.{COMMAS}]|[.{COMMAS}](?!\d)")

ARMED_CLASSES = {"StateForce", "ArmedGroup", "Coalition", "Country"}
# How specific a place class is, when neither place lies within the other.
PEOPLE_EVENTS = frozenset({"Arrest", "Abduction", "Displacement", "Evacuation"})   # what happens to people
PLACE_RANK = {"Country": 0, "Region": 1, "Governorate": 2, "District": 3, "Subdistrict": 4,
              "City": 5, "Town": 6, "Village": 6, "Camp": 7, "Neighbourhood": 7,
              "MilitaryBase": 7, "BorderCrossing": 7}


@lru_cache(maxsize=1)
def _list_words() -> frozenset[str]:
    """Words that join one more force to a list, besides و (``list_words.tsv``)."""
    return frozenset(fold(word) for word in words("list_words.tsv"))


@lru_cache(maxsize=1)
def _place_anaphora() -> dict[str, tuple[str, ...]]:
    """Definite nouns that refer back to the last place of their class (``place_anaphora.tsv``)."""
    return {fold(row.word): row.class_list for row in lexicon("place_anaphora.tsv")}


def place_relation(ctx: "ArticleContext", place: "Ref") -> str | None:
    return relation_before(ctx.text, place.begin)


@dataclass(frozen=True)
class Ref:
    """An actor or place the text names, as the fact components see it."""

    begin: int
    end: int
    entity: str
    entity_class: str
    kind: str              # "actor" or "place"


def catalogue_entry(iri: str) -> CatalogueEntry | None:
    return catalogue_index().by_iri.get(iri)


def side_of(iri: str) -> str:
    """The side an actor fights on (:meth:`CatalogueIndex.side`)."""
    return catalogue_index().side(iri)


def enclosing_places(iri: str) -> list[str]:
    """The places ``iri`` lies within, innermost first (from the catalogue's ck:within)."""
    return catalogue_index().enclosing(iri)[1:]


def more_specific(a: Ref, b: Ref) -> Ref:
    """Of two places, the one that is more specific (inside the other, or of a finer class)."""
    if a.entity in enclosing_places(b.entity):
        return b
    if b.entity in enclosing_places(a.entity):
        return a
    return a if PLACE_RANK.get(a.entity_class, 1) >= PLACE_RANK.get(b.entity_class, 1) else b


def actor_iri(key: str) -> str:
    """A catalogue actor named in a lexicon as "actor/<key>"."""
    return DEFAULT_BASE + key


@lru_cache(maxsize=1)
def _capital_table() -> dict[str, str]:
    return {actor_iri(row.capital): actor_iri(row.government) for row in lexicon("capital_governments.tsv")}


class ArticleContext:
    """One article as the fact components read it (see the module docstring)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text: str = doc_text(doc)
        self.folded = folded_text(doc)
        self.published: dt.date | None = doc.user_data.get("published")
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self._word_starts = [m.start() for m in _WORD.finditer(self.text)]

    @classmethod
    def of(cls, doc: Doc) -> "ArticleContext":
        if "fact_context" not in doc.user_data:
            doc.user_data["fact_context"] = cls(doc)
        return doc.user_data["fact_context"]

    def cues(self, lexicon_file: str) -> list[Cue]:
        return doc_cues(self.doc, lexicon_file)

    # ------------------------------------------------------------------ segments
    @cached_property
    def segments(self) -> list[tuple[int, int]]:
        """Sentences (the sentencizer's, also split at line breaks), in order."""
        pieces = []
        for sent in self.doc.sents:
            start = sent.start_char
            for line in re.finditer(r"[^\n]+", self.text[sent.start_char:sent.end_char]):
                if line.group().strip():
                    pieces.append((start + line.start(), start + line.end()))
        return pieces

    @cached_property
    def _sentence_numbers(self) -> dict[tuple[int, int], int]:
        return {segment: number for number, segment in enumerate(self.segments)}

    def sentence_number(self, segment: tuple[int, int]) -> int | None:
        """Where a sentence (one of :attr:`segments`) stands in the article; None for a span that
        is no sentence. (The readers that look a few sentences back ask it per trigger.)"""
        return self._sentence_numbers.get(segment)

    @cached_property
    def title(self) -> tuple[int, int] | None:
        """The first line when it is a headline (short, no final full stop, more text follows)."""
        first = re.match(r"\s*([^\n]+)\n", self.text)
        if not first or len(first.group(1)) > 200 or _SENTENCE_END.search(first.group(1)):
            return None
        return first.start(1), first.end(1)

    def in_title(self, offset: int) -> bool:
        return self.title is not None and self.title[0] <= offset < self.title[1]

    def segment_of(self, offset: int) -> tuple[int, int]:
        for begin, end in self.segments:
            if begin <= offset < end:
                return begin, end
        return offset, offset

    def clause_of(self, offset: int) -> tuple[int, int]:
        """The stretch around ``offset`` not crossed by a comma or a sentence mark."""
        begin, end = self.segment_of(offset)
        left = [m.end() for m in CLAUSE_BREAK.finditer(self.text, begin, offset)]
        right = CLAUSE_BREAK.search(self.text, offset, end)
        return (left[-1] if left else begin), (right.start() if right else end)

    def words_between(self, begin: int, end: int) -> int:
        """How many words start in ``[begin, end)``."""
        return bisect_left(self._word_starts, end) - bisect_left(self._word_starts, begin)

    def words_between_but_dates(self, begin: int, end: int) -> int:
        """:meth:`words_between`, not counting the words of dates wholly inside: "سيطرت الجمعة
        قوات النظام", "وتشن القوات الحكومية منذ 19 حزيران عملية" keep the verb by its subject."""
        dated = sum(self.words_between(d.begin, d.end) for d in self.dates if begin <= d.begin and d.end <= end)
        return self.words_between(begin, end) - dated

    # ------------------------------------------------------------------ what lies near a position
    def refs_after(self, refs: list[Ref], position: int, reach: int, *, same_clause: bool = False,
                   until: int | None = None) -> list[Ref]:
        """The refs that begin at or after ``position`` with at most ``reach`` words before
        them, in text order; with ``same_clause``, no comma or sentence mark between; with
        ``until``, only those that begin before it."""
        return [r for r in refs if position <= r.begin and (until is None or r.begin < until)
                and self.words_between(position, r.begin) <= reach
                and not (same_clause and CLAUSE_BREAK.search(self.text, position, r.begin))]

    def refs_before(self, refs: list[Ref], position: int, reach: int, *, same_clause: bool = False,
                    since: int | None = None) -> list[Ref]:
        """The refs that end at or before ``position`` with at most ``reach`` words after them,
        in text order (the nearest last); ``same_clause`` and ``since`` as for :meth:`refs_after`."""
        return [r for r in refs if r.end <= position and (since is None or r.begin >= since)
                and self.words_between(r.end, position) <= reach
                and not (same_clause and CLAUSE_BREAK.search(self.text, r.end, position))]

    def nearest_after(self, refs: list[Ref], position: int, reach: int, **where) -> Ref | None:
        found = self.refs_after(refs, position, reach, **where)
        return found[0] if found else None

    def nearest_before(self, refs: list[Ref], position: int, reach: int, **where) -> Ref | None:
        found = self.refs_before(refs, position, reach, **where)
        return found[-1] if found else None

    def coordinated_run(self, refs: list[Ref], gap: int = RUN_GAP, *, joined: bool = False,
                        only_joiners: bool = False) -> list[Ref]:
        """The refs of one coordinated phrase, from ``refs[0]`` on (``refs`` in reading order,
        forwards or backwards): at most ``gap`` words apart, no comma or sentence mark between;
        with ``joined``, each next one also needs و or a list word (``list_words.tsv``) between,
        as in "X إلى جانب Y"; with ``only_joiners``, nothing else may stand between (a subject:
        "X وY قصفتا", not "تقارير من سوريا بأن التنظيم اختطف")."""
        if not refs:
            return []
        run = [refs[0]]
        for ref in refs[1:]:
            prev = run[-1]
            begin, end = (prev.end, ref.begin) if ref.begin >= prev.end else (ref.end, prev.begin)
            if self.words_between(begin, end) > gap or CLAUSE_BREAK.search(self.text, begin, end):
                break
            if joined and not self._joined(begin, end, ref):
                break
            if only_joiners and not self._only_joiners(begin, end):
                break
            run.append(ref)
        return run

    def _only_joiners(self, begin: int, end: int) -> bool:
        between = fold(re.sub(r"[^\w\s]", " ", self.text[begin:end])).split()
        return all(morphology().joins_list(word) or word in _list_words() for word in between)

    def _joined(self, begin: int, end: int, ref: Ref) -> bool:
        """A list word between ("إلى جانب أعضاء من"), or و close by ("X وعناصر من Y"; not the و
        of a new phrase: "دعما لقوات النظام ولمواجهة اقتحام فصائل من المعارضة")."""
        between = fold(self.text[begin:end]).split()
        if set(between) & _list_words():
            return True
        near = any(map(morphology().joins_list, between)) and len(between) <= AND_RUN_GAP
        return near or morphology().joins_list(fold(self.text[ref.begin:ref.begin + 1]))

    def negated(self, position: int, count: int = 2) -> bool:
        """One of the ``count`` words before ``position`` is a negation (``negations.tsv``)."""
        return any(morphology().is_negation(word) for word in words_before(self.text, position, count))

    # ------------------------------------------------------------------ actors and places
    @cached_property
    def actors(self) -> list[Ref]:
        refs = [Ref(m.span.begin, m.span.end, m.entity, m.entity_class, "actor")
                for m in self.mentions if m.kind == "actor"]
        refs.extend(self._adjective_actors(refs))
        return sorted(refs, key=lambda r: r.begin)

    def _adjective_actors(self, named: list[Ref]) -> list[Ref]:
        """"مقاتلات روسية", "القصف الروسي", "السوري والروسي": nationality after an aircraft, a
        trigger or a site that is hit ("مواقع عسكرية سورية"; next to it, or one word on:
        "الطائرات الحربية الروسية"), right after a word of control ("تحت سيطرة تركية"), or
        coordinated right after a named force or such an adjective ("سورية وإيرانية")."""
        sites = [c for c in self.cues("role_cues.tsv") if c.entry.role == "target_site"]
        # "اعتقال البريطانية", "نزوح السوريين": after a happening to people, the nationality is theirs
        triggers = [c for c in self.cues("event_triggers.tsv") if c.entry.type not in PEOPLE_EVENTS]
        anchors = [c.end for c in self.cues("instruments.tsv") + triggers + sites]
        # "تحت سيطرة تركية", "المحتلة إسرائيليا": the holder, only right after a control word
        holders = [c.end for c in self.cues("control_patterns.tsv") if c.entry.force != "before"]
        refs = []
        for cue in self.cues("actor_adjectives.tsv"):
            if any(r.begin <= cue.begin < r.end for r in named):
                continue
            # After a named force, only a coordinated adjective names another ("السوري والروسي");
            # one right after it is part of its name ("القوات الحكومية السورية"), and one a word
            # on qualifies another noun ("القوات التركية والفصائل السورية المتحالفة معها").
            after_force = [r.end for r in named if 0 <= cue.begin - r.end
                           and self.words_between(r.end, cue.begin) == 0
                           and not CLAUSE_BREAK.search(self.text, r.end, cue.begin)]
            if after_force:
                if morphology().joins_list(cue.prefix):
                    refs.append(self._adjective_ref(cue))
                continue
            # "أهداف عسكرية سورية وإيرانية": coordinated right after an adjective read before
            joined = morphology().joins_list(cue.prefix) and any(
                0 <= cue.begin - r.end and self.words_between(r.end, cue.begin) == 0 for r in refs)
            if joined or any(0 <= cue.begin - end and self.words_between(end, cue.begin) <= reach
                             and not CLAUSE_BREAK.search(self.text, end, cue.begin)
                             for ends, reach in ((anchors, 1), (holders, 0)) for end in ends):
                refs.append(self._adjective_ref(cue))
        return refs

    @staticmethod
    def _adjective_ref(cue: Cue) -> Ref:
        """The party a nationality adjective names: a state's forces, or the state itself."""
        entry = catalogue_entry(actor_iri(cue.entry.actor))
        return Ref(cue.begin, cue.end, actor_iri(cue.entry.actor), entry.entity_class if entry else "StateForce", "actor")

    @cached_property
    def parties(self) -> list[Ref]:
        """Who may act or be acted on: the forces named, and countries ("شنت إسرائيل غارات",
        "المدعومة من تركيا") except where a locative word makes them places ("في سوريا",
        "بسوريا": ``place_words.tsv``) or a country name is a force's adjective
        ("مقاتلو المعارضة السورية")."""
        countries = [Ref(p.begin, p.end, p.entity, "Country", "actor") for p in self.places
                     if p.entity_class == "Country"
                     and not any(a.begin < p.end and p.begin < a.end for a in self.actors)]
        return sorted(self.actors + self._not_places(countries) + self.capitals_as_sides, key=lambda r: r.begin)

    @cached_property
    def meeting_places(self) -> frozenset[int]:
        """Where places named as the site of a gathering begin (``meeting_words.tsv``: "مؤتمر
        بروكسل", "مؤتمر دولي اختتم في واشنطن"): where people met, not where the war happens."""
        sites = set()
        for cue in self.cues("meeting_words.tsv"):
            clause_end = self.clause_of(cue.begin)[1]
            sites |= {p.begin for p in self.places if cue.end <= p.begin < clause_end
                      and self.words_between(cue.end, p.begin) <= MEETING_PLACE_REACH}
        return frozenset(sites)

    @cached_property
    def capital_governments(self) -> list[Ref]:
        """Capitals named in the text, read as their governments (``capital_governments.tsv``);
        only the slots that name a party use them (a speaker, an allegiance). Computed once:
        every citing verb of the article asks for them."""
        table = _capital_table()
        return [Ref(p.begin, p.end, table[p.entity], "Country", "actor") for p in self.places if p.entity in table]

    @cached_property
    def capitals_as_governments(self) -> list[Ref]:
        """Capitals that name their governments, not a place where anything happens: a side
        (:attr:`capitals_as_sides`), and a capital right after a citing verb or an allegiance
        form ("نفت أنقرة", "تحالف تدعمه واشنطن": attribution_cues.tsv, allegiance_patterns.tsv).
        Only the sides become parties: a supporter named in passing does not take part."""
        slots = [c.end for name in ("attribution_cues.tsv", "allegiance_patterns.tsv") for c in self.cues(name)]
        after_slot = [capital for capital in self.capital_governments
                      if any(0 <= capital.begin - end and self.words_between(end, capital.begin) == 0 for end in slots)]
        return self.capitals_as_sides + after_slot

    @cached_property
    def capitals_as_sides(self) -> list[Ref]:
        """Capitals named as a side, right after "مع" or "بين" (role_cues.tsv: counterpart,
        between) or joined to such a capital: "الاتفاق مع واشنطن", "بين أنقرة وواشنطن" are the
        governments dealing, not where anything happens (capital_governments.tsv)."""
        slots = [c.end for c in self.cues("role_cues.tsv") if c.entry.role in ("counterpart", "between")]
        sides: list[Ref] = []
        for capital in self.capital_governments:
            after_slot = any(0 <= capital.begin - end and self.words_between(end, capital.begin) == 0
                             for end in slots)
            # "أنقرة وواشنطن": only the conjunction, on the next word, between the two
            joined = any(0 <= capital.begin - side.end and len(self.text[side.end:capital.begin].split()) == 1
                         and morphology().joins_list(fold(self.text[side.end:capital.begin].strip()))
                         for side in sides)
            if after_slot or joined:
                sides.append(capital)
        return sides

    @cached_property
    def parties_and_governments(self) -> list[Ref]:
        """The parties, and capitals read as their governments ("روسيا حليفة دمشق"): what an
        allegiance may link. (An event's parties leave capitals out: "بيروت -" opens a report.)"""
        named = {(a.begin, a.end) for a in self.parties}
        capitals = [c for c in self.capital_governments if (c.begin, c.end) not in named]
        return sorted(self.parties + self._not_places(capitals), key=lambda r: r.begin)

    def _not_places(self, refs: list[Ref]) -> list[Ref]:
        return [r for r in refs if not self.after_locative(r.begin) and not self._adjective_of_a_force(r)]

    def _adjective_of_a_force(self, ref: Ref) -> bool:
        """"مقاتلو المعارضة السورية": one word with the article right after a force is its
        adjective, not the country; "اتهم النظام السوري إسرائيل" names Israel."""
        word = self.text[ref.begin:ref.end].strip()
        return " " not in word and fold(word).startswith(morphology().article) \
            and any(a.end <= ref.begin and not self.text[a.end:ref.begin].strip() for a in self.actors)

    def after_locative(self, position: int) -> bool:
        """The word before ``position`` makes what follows a place (``place_words.tsv``); so
        does "مع" after a border word: "الحدود مع الأردن" is a border, not a side."""
        if place_word_before(self.text, position, 1, LOCATIVE) is not None:
            return True
        return place_word_before(self.text, position, 1, OPPONENT) is not None and \
            place_word_before(self.text, position, 2, BORDER) is not None

    @cached_property
    def places(self) -> list[Ref]:
        """The places named, and those referred back to ("المدينة"); not the dateline's."""
        refs = [Ref(m.span.begin, m.span.end, m.entity, m.entity_class, "place")
                for m in self.mentions if m.kind == "place" and not self.in_dateline(m.span.begin)]
        refs.extend(self._place_anaphora(refs))
        return sorted(refs, key=lambda r: r.begin)

    def relative_antecedent(self, offset: int) -> Ref | None:
        """The place a relative clause at ``offset`` describes: "مدينة الباب التي سيطرت عليها
        القوات" — the place right before the relative pronoun (relative_clauses.tsv) that
        stands right before ``offset`` (a comma may stand before the pronoun); None otherwise."""
        start = max(0, offset - 40)
        words = list(_WORD_BEFORE.finditer(self.text, start, offset))
        if not words or morphology().without_conjunction(fold(words[-1].group())) not in relative_pronouns():
            return None
        pronoun_begin = words[-1].start()
        return next((p for p in reversed(self.places) if p.end <= pronoun_begin
                     and not self.text[p.end:pronoun_begin].strip(f" {COMMAS}")), None)

    @cached_property
    def datelines(self) -> list[tuple[int, int]]:
        """Where the report was filed, opening a line: "دبي، الإمارات العربية المتحدة (CNN)--"
        (a few words before an agency's name in brackets and a dash), "بيروت -" (place names
        and commas only before a dash). Where a reporter sits is no place of what is reported."""
        places = [m.span for m in self.mentions if m.kind == "place"]
        found = []
        for match in _DATELINE.finditer(self.text):
            begin, end = match.span("where")
            if match.group("agency"):
                if len(match.group("where").split()) <= DATELINE_WORDS:
                    found.append((begin, end))
                continue
            inside = [p for p in places if begin <= p.begin and p.end <= end]
            rest = "".join(ch for i, ch in enumerate(self.text[begin:end], begin)
                           if not any(p.begin <= i < p.end for p in inside))
            if inside and not rest.strip(f" {COMMAS}"):
                found.append((begin, end))
        return found

    def in_dateline(self, offset: int) -> bool:
        return any(begin <= offset < end for begin, end in self.datelines)

    def _place_anaphora(self, named: list[Ref]) -> list[Ref]:
        refs = []
        anaphora = _place_anaphora()
        pattern = r"(?<![^\W\d_])%s(%s)(?![^\W\d_])" % (morphology().optional_proclitic(), "|".join(anaphora))
        for match in re.finditer(pattern, self.folded.text):
            begin, end = self.folded.to_original(match.start(1), match.end(1))
            if any(r.begin <= begin < r.end for r in named):
                continue
            target = self._antecedent(anaphora[match.group(1)], named, begin)
            if target is not None:
                refs.append(Ref(begin, end, target.entity, target.entity_class, "place"))
        return refs

    def _antecedent(self, classes: tuple[str, ...], named: list[Ref], before: int) -> Ref | None:
        # a city named only as a direction or a neighbour ("باتجاه مدينة إدلب") is not "المدينة"
        earlier = [r for r in named if r.end <= before and relation_before(self.text, r.begin) not in NOT_ANTECEDENT]
        for ref in reversed(earlier):
            if ref.entity_class in classes:
                return ref
        if "Governorate" in classes:  # "المحافظة" after a city: the city's governorate
            for ref in reversed(earlier):
                for outer in enclosing_places(ref.entity):
                    entry = catalogue_entry(outer)
                    if entry is not None and entry.entity_class == "Governorate":
                        return Ref(ref.begin, ref.end, outer, "Governorate", "place")
        return None

    # ------------------------------------------------------------------ dates and numbers
    @cached_property
    def dates(self) -> list[DateExpression]:
        return [self._running_to_the_report(d) for d in find_dates(self.folded, self.text, self.published)]

    def _running_to_the_report(self, date: DateExpression) -> DateExpression:
        """"منذ اندلاع المواجهات الشهر الماضي": a recent date that a since word (since_words.tsv)
        opens a few words before, in its clause, starts a span that runs to the report. (A long
        span so opened is read by the events as background: "منذ بدء الصراع عام 2011".)"""
        if self.published is None or not date.resolved or date.latest >= self.published \
                or (self.published - date.earliest).days > HISTORICAL_DAYS:
            return date
        clause_begin = self.clause_of(date.begin)[0]
        if any(clause_begin <= cue.begin and cue.end <= date.begin
               and self.words_between(cue.end, date.begin) <= SINCE_REACH for cue in self.cues("since_words.tsv")):
            return replace(date, latest=self.published)
        return date

    @cached_property
    def numbers(self) -> list[NumberSpan]:
        in_dates = [(d.begin, d.end) for d in self.dates]
        return [n for n in numbers_in(self.folded)
                if not any(b <= n.begin < e for b, e in in_dates)]

    def publication_window(self) -> tuple[dt.date | None, dt.date | None]:
        """The days an undated report may be about: the three days up to publication."""
        if self.published is None:
            return None, None
        return self.published - dt.timedelta(days=3), self.published

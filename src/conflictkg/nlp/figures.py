"""Counts of outcomes: "مقتل 43 عنصرا على الأقل من قوات النظام", "30 غارة", "أربعة من المسعفين أصيبوا".

A number is a figure only when it is followed by what it counts (a population or an outcome
noun: مدنيين، عنصرا، شخصا، قتلى، غارة) and something says what happened to them (``figure_outcomes.tsv``): a
word before it (مقتل، إجلاء), after the counted noun (أصيبوا، لقوا مصرعهم), or the counted noun
itself (قتلى، غارة). A number joined to the previous figure by و or بينهم counts the same
outcome ("41 مدنيا بينهم 11 طفلا"). Years, dates and vague quantities are never figures.
A noun that says its own number (``figure_number_nouns.tsv``: a dual, طفلان، عنصرين: 2; an
indefinite singular not after a number, جندي، طفل: 1) is a number and its counted noun in one
word ("بينهم طفلان", "مقتل جندي").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conflictkg.nlp.context import ArticleContext, CLAUSE_BREAK
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.lexicon import FigureOutcome, lexicon
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import QUESTION_MARKS, SEMICOLONS, fold
from conflictkg.nlp.numbers import NEXT_WORD, NumberSpan
from conflictkg.nlp.records import FigureRecord, Span
from conflictkg.nlp.reaches import NOUN_REACH

MORPHOLOGY = morphology()

LARGEST_COUNT = 20_000_000   # displacement counts reach millions (1.5 مليون)
YEARS = (1900, 2100)         # a number in this range with no counted noun is read as a year


@dataclass
class FoundFigure:
    record: FigureRecord
    outcome_at: int          # where the outcome word is (to place the figure's event)


def find_figures(ctx: ArticleContext) -> list[FoundFigure]:
    """Every figure in the article, in text order."""
    figures: list[FoundFigure] = []
    counting = {cue.begin: cue for cue in _number_nouns(ctx)}
    numbers = sorted([n for n in ctx.numbers if n.begin not in counting] +
                     [NumberSpan(c.begin, c.end, c.entry.count, True) for c in counting.values()],
                     key=lambda n: n.begin)
    waiting: tuple[NumberSpan, Cue, Cue | None] | None = None   # a count and noun whose outcome is not yet said
    for number in numbers:
        if not 0 <= number.value <= LARGEST_COUNT:
            continue
        dual = counting.get(number.begin)
        found = _figure_at(ctx, number, figures[-1] if figures else None, dual)
        if found is None:
            noun = dual or _counted_noun(ctx, number)
            waiting = (number, noun, dual) if noun is not None else None
            continue
        if waiting is not None and _coordinated(ctx, waiting[1].end, number.begin):
            # "أربعة جنود وثلاثة من ميليشيا القرى أصيبوا": both counts take the outcome said after
            first = _figure_at(ctx, waiting[0], None, waiting[2], outcome=(found.record.outcome, found.outcome_at))
            if first is not None:
                figures.append(first)
        waiting = None
        figures.append(found)
    return figures


def _coordinated(ctx: ArticleContext, end: int, begin: int) -> bool:
    """Only و between a counted noun and the next number ("جنود وثلاثة")."""
    between = fold(ctx.text[end:begin]).strip()
    if between:
        return MORPHOLOGY.joins_list(between)
    return MORPHOLOGY.joins_list(fold(ctx.text[begin:begin + 1]))


def _number_nouns(ctx: ArticleContext) -> list[Cue]:
    """The nouns that say their own number; a singular only indefinite ("الجندي" refers back)
    and not the noun of a number before it ("21 طفل")."""
    after_number = {n.end for n in ctx.numbers}
    return [cue for cue in ctx.cues("figure_number_nouns.tsv") if cue.entry.count != 1 or not (
        cue.definite or any(0 <= cue.begin - end and ctx.words_between(end, cue.begin) == 0 for end in after_number))]


def _figure_at(ctx: ArticleContext, number: NumberSpan, previous: FoundFigure | None,
               dual: Cue | None = None, outcome: tuple[str, int] | None = None) -> FoundFigure | None:
    noun = dual or _counted_noun(ctx, number)
    if noun is None and not (_counts_people_unnamed(ctx, number) or _counts_people_of(ctx, number)
                             or _toll_follows(ctx, number)
                             or (previous is not None and _after_versus(ctx, number))):
        return None       # "خرج بعد ثلاثة أشهر": a count says what it counts
    outcome = outcome or _outcome(ctx, number, noun, previous)
    if outcome is None:
        return None
    name, at = outcome
    end = max(number.end, noun.end if noun else 0)
    population = noun.entry.population if noun and (noun is dual or _is_population(noun)) else None
    record = FigureRecord(outcome=name, count=number.value, span=Span(number.begin, end, ctx.text[number.begin:end]),
                          qualifier=_qualifier(ctx, number, noun), population=population,
                          affiliation=_affiliation(ctx, noun.end if noun else number.end))
    return FoundFigure(record, at)


def _is_population(cue: Cue) -> bool:
    return cue.entry in lexicon("figure_populations.tsv")


def _counted_noun(ctx: ArticleContext, number: NumberSpan) -> Cue | None:
    """The noun a number counts: a population word or an outcome noun right after it."""
    candidates = ctx.cues("figure_populations.tsv") + [
        c for c in ctx.cues("figure_outcomes.tsv") if c.entry.position == "noun"]
    after = [c for c in candidates if c.begin >= number.end
             and ctx.words_between(number.end, c.begin) <= NOUN_REACH
             and not CLAUSE_BREAK.search(ctx.text, number.end, c.begin)
             and _only_linking_words(ctx.text[number.end:c.begin])]
    return min(after, key=lambda c: c.begin) if after else None


def _counts_people_unnamed(ctx: ArticleContext, number: NumberSpan) -> bool:
    """"مقتل 3 في اشتباكات", "مقتل 3 وإصابة 5": a number right after a word of killing or
    wounding, then a word of ``figure_words.tsv`` (closing) or و, counts people left unnamed."""
    if YEARS[0] <= number.value <= YEARS[1]:
        return False      # "قتل 2018": with no noun, a number of this size is a year
    right_before = any(cue.end <= number.begin and ctx.words_between(cue.end, number.begin) == 0
                       and cue.entry.position in ("before", "either") and cue.entry.outcome in ("Killed", "Injured")
                       for cue in ctx.cues("figure_outcomes.tsv"))
    if not right_before:
        return False
    following = NEXT_WORD.match(ctx.text, number.end)
    if following is None:
        return False
    word = fold(following.group(1))
    return MORPHOLOGY.joins_list(word) or word in _figure_words("closing")


def _toll_follows(ctx: ArticleContext, number: NumberSpan) -> bool:
    """"ليرتفع إلى 117 عدد قتلى القوات": a number (not a year) right before the toll it is,
    a word of killing or wounding that may stand on either side of its count."""
    if YEARS[0] <= number.value <= YEARS[1]:
        return False
    return any(cue.begin >= number.end and ctx.words_between(number.end, cue.begin) == 0
               and cue.entry.position == "either" and cue.entry.outcome in ("Killed", "Injured")
               for cue in ctx.cues("figure_outcomes.tsv"))


def _after_versus(ctx: ArticleContext, number: NumberSpan) -> bool:
    """"… مقابل سبعة في صفوف قوات النظام": a count of the other side (figure_words.tsv, versus)."""
    before = fold(ctx.text[max(0, number.begin - 20):number.begin]).split()
    return bool(before) and MORPHOLOGY.without_conjunction(before[-1]) in _figure_words("versus")


def _counts_people_of(ctx: ArticleContext, number: NumberSpan) -> bool:
    """"ثلاثة من ميليشيا القرى قد أصيبوا": a number (not a year) right before a word of
    ``figure_words.tsv`` (partitive) counts people of what follows."""
    if YEARS[0] <= number.value <= YEARS[1]:
        return False
    following = NEXT_WORD.match(ctx.text, number.end)
    return following is not None and fold(following.group(1)) in _figure_words("partitive")


_SENTENCE_BREAK = re.compile(rf"[.{SEMICOLONS}!{QUESTION_MARKS}\n]")


@lru_cache(maxsize=None)
def _figure_words(*roles: str) -> frozenset[str]:
    """``figure_words.tsv``: the words of these roles ("among": بينهم، منهم; "linking": من …)."""
    return frozenset(fold(row.word) for row in lexicon("figure_words.tsv") if row.role in roles)


def _only_linking_words(gap: str) -> bool:
    return all(word in _figure_words("linking") for word in fold(gap).split())


def _outcome(ctx: ArticleContext, number: NumberSpan, noun: Cue | None,
             previous: FoundFigure | None) -> tuple[str, int] | None:
    clause_begin, clause_end = ctx.clause_of(number.begin)
    if noun is not None and isinstance(noun.entry, FigureOutcome) and noun.entry.position == "noun":
        if noun.entry.needs == "firing" and not any(
                clause_begin <= cue.begin < clause_end for cue in ctx.cues("firing_words.tsv")):
            return None     # "تسليم 40 صاروخا": missiles counted, none fired
        return noun.entry.outcome, noun.begin
    for cue in reversed(ctx.cues("figure_outcomes.tsv")):
        if cue.entry.position in ("before", "either") and clause_begin <= cue.begin and cue.end <= number.begin \
                and ctx.words_between(cue.end, number.begin) <= cue.entry.reach:
            return cue.entry.outcome, cue.begin
    after_noun = noun.end if noun else number.end
    clause_end = ctx.clause_of(max(number.begin, after_noun - 1))[1]   # (a sentence may end at "1.")
    for cue in ctx.cues("figure_outcomes.tsv"):
        if cue.entry.position in ("after", "either") and after_noun <= cue.begin < clause_end \
                and ctx.words_between(after_noun, cue.begin) <= 4:
            return cue.entry.outcome, cue.begin
    if previous is not None and _continues(ctx, previous, number):
        return previous.record.outcome, previous.outcome_at
    return None


def _continues(ctx: ArticleContext, previous: FoundFigure, number: NumberSpan) -> bool:
    """"… 43 عنصرا من قوات النظام و61 مقاتلا", "41 مدنيا بينهم 11 طفلا": the same outcome."""
    gap = ctx.text[previous.record.span.end:number.begin]
    if _after_versus(ctx, number) and not _SENTENCE_BREAK.search(gap):
        return True       # "ليرتفع إلى 117 عدد قتلى القوات … منذ …، مقابل 74 لعناصر الفصائل"
    if ctx.words_between(previous.record.span.end, number.begin) > 8:
        return False
    if CLAUSE_BREAK.search(gap):
        # "لقي ثمانية مدنيين مصرعهم، بينهم ثلاث نساء،": an aside that opens with بينهم / منهم
        # still counts the same people, across a comma but not across a sentence end.
        words = fold(gap).split()
        return bool(words) and MORPHOLOGY.without_conjunction(words[-1]) in _figure_words("among", "versus") \
            and not _SENTENCE_BREAK.search(gap)
    folded = fold(gap)
    joined = MORPHOLOGY.joins_list(folded.rstrip()[-1:]) or \
        MORPHOLOGY.joins_list(fold(ctx.text[max(0, number.begin - 1)]))
    return joined or any(MORPHOLOGY.without_conjunction(w) in _figure_words("among", "versus") for w in folded.split())


def _qualifier(ctx: ArticleContext, number: NumberSpan, noun: Cue | None) -> str:
    for cue in ctx.cues("figure_qualifiers.tsv"):
        if cue.entry.position == "before" and cue.end <= number.begin and ctx.words_between(cue.end, number.begin) == 0:
            return cue.entry.qualifier
        after = noun.end if noun else number.end
        if cue.entry.position == "after" and cue.begin >= number.end \
                and ctx.words_between(after, cue.begin) <= 1 and ctx.words_between(number.end, cue.begin) <= 3:
            return cue.entry.qualifier
    return "Exactly"


def _affiliation(ctx: ArticleContext, after: int) -> str | None:
    """The actor whose people were counted: "من قوات النظام", "في صفوف التنظيم"."""
    for cue in ctx.cues("figure_affiliations.tsv"):
        if cue.begin >= after and ctx.words_between(after, cue.begin) <= 3 \
                and not CLAUSE_BREAK.search(ctx.text, after, cue.begin):
            actor = ctx.nearest_after(ctx.actors, cue.end, 1)
            if actor is not None:
                return actor.entity
    return None

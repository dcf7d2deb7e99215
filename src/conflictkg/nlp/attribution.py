"""Who reports a happening (ck:reportedBy), and whether it is asserted, claimed, denied,
planned or background (ck:modality), from the cue words in ``attribution_cues.tsv`` and
``modality_cues.tsv``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from conflictkg.nlp.context import ARMED_CLASSES, ArticleContext, Ref
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.document import accused_act_after, reported_content_words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.dates import HISTORICAL_DAYS
from conflictkg.nlp.normalize import fold
from conflictkg.nlp.reaches import SOURCE_REACH

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Attribution:
    """The source of the statements in one sentence."""

    source: Ref
    claim: bool          # the source is a party to the fighting speaking: a claim


def attributions(ctx: ArticleContext) -> dict[tuple[int, int], list[Attribution]]:
    """Sentence -> the sources it cites, in order."""
    found: dict[tuple[int, int], list[Attribution]] = {}
    last: Ref | None = None
    for cue in ctx.cues("attribution_cues.tsv"):
        source = last if cue.entry.position == "same" else _source(ctx, cue)
        if source is None:
            continue
        for speaker in _with_those_joined(ctx, source):
            claim = cue.entry.claim == "claim" and speaker.entity_class in ARMED_CLASSES
            found.setdefault(ctx.segment_of(cue.begin), []).append(Attribution(speaker, claim))
        last = source
    return found


def _with_those_joined(ctx: ArticleContext, source: Ref) -> list[Ref]:
    """"اتهمت دمشق وموسكو وطهران إسرائيل": the speakers joined by و after the first speak too."""
    following = [a for a in ctx.actors if a.begin >= source.begin]
    if not following or following[0].begin != source.begin:
        return [source]
    run = [source, *ctx.coordinated_run(following, gap=1, joined=True)[1:]]
    # one name may be read twice ("وسوريا": the state and its government): each reading speaks
    return run + [a for a in following if a not in run and any(a.begin < r.end and r.begin < a.end for r in run)]


def _source(ctx: ArticleContext, cue: Cue) -> Ref | None:
    capital = ctx.nearest_after(ctx.capital_governments, cue.end, 0, same_clause=True)
    if capital is not None:        # "نفت أنقرة", "قالت موسكو": the government speaks
        return capital
    if cue.entry.position == "either":
        before = ctx.nearest_before(ctx.actors, cue.begin, 1, same_clause=True)
        if before is not None:
            return before
    # "اتهمت الدول الغربية دمشق بشن هجوم": the accused is no source
    return next((a for a in ctx.refs_after(ctx.actors, cue.end, SOURCE_REACH, same_clause=True)
                 if not _reported_content_between(ctx, cue.end, a.begin) and not accused_act_after(ctx.text, a.end)),
                None)


def _reported_content_between(ctx: ArticleContext, begin: int, end: int) -> bool:
    """"أفاد سكان أن الجيش …": after أن / إن comes what was said, not who said it."""
    stretch = ctx.folded.text[slice(*_folded(ctx, begin, end))]
    return any(morphology().reads_as(word, reported_content_words()) for word in _WORD.findall(stretch))


def _folded(ctx: ArticleContext, begin: int, end: int) -> tuple[int, int]:
    """Folded-text offsets of an original stretch."""
    return bisect_left(ctx.folded.origin, begin), bisect_left(ctx.folded.origin, end)


def modality_of(ctx: ArticleContext, trigger: Cue) -> str:
    """Planned, Denied, Failed or Historical when a cue says so: before the trigger in its
    clause ("تسعى لشن هجوم", "نفت الاتفاق"), or right after it ("اتفاق وشيك", "الضربة المحتملة");
    else Asserted."""
    clause_begin, clause_end = ctx.clause_of(trigger.begin)
    cues = ctx.cues("modality_cues.tsv")
    for cue in reversed(cues):
        if cue.entry.position == "before" and clause_begin <= cue.begin and cue.end <= trigger.begin \
                and ctx.words_between(cue.end, trigger.begin) <= cue.entry.reach:
            return cue.entry.modality
    for cue in cues:
        if cue.entry.position == "after" and trigger.end <= cue.begin < clause_end \
                and ctx.words_between(trigger.end, cue.begin) <= cue.entry.reach:
            return cue.entry.modality
    return "Asserted"


def is_background(ctx: ArticleContext, latest) -> bool:
    """A happening that ended well before the report (a year named, "في 2015")."""
    if ctx.published is None or latest is None:
        return False
    return (ctx.published - latest).days > HISTORICAL_DAYS

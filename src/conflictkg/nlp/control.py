"""Territorial control (``control_patterns.tsv``): "مناطق خاضعة لسيطرة المعارضة في مدينة درعا",
"المنطقة التي يسيطر عليها فصيل جيش خالد بن الوليد", "يسيطر الجيش الحر على نصف المحافظة".
Control is stated as of the publication date; past control ("كانت تسيطر") is not recorded."""
from __future__ import annotations

from conflictkg.nlp.context import CLAUSE_BREAK, ArticleContext, Ref
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.records import ControlRecord, Span

FORCE_REACH = 2       # words between the pattern and the force
PLACE_REACH_BEFORE = 4


def read_controls(ctx: ArticleContext) -> list[ControlRecord]:
    found: dict[tuple[str, str], ControlRecord] = {}
    for cue in ctx.cues("control_patterns.tsv"):
        if _past(ctx, cue):
            continue
        force = _force(ctx, cue)
        place = _place(ctx, cue, force) if force else None
        if force is None or place is None:
            continue
        begin, end = min(force.begin, place.begin, cue.begin), max(force.end, place.end, cue.end)
        evidence = Span(begin, end, ctx.text[begin:end])
        key = (force.entity, place.entity)
        if key in found:
            found[key].evidence.append(evidence)
        else:
            found[key] = ControlRecord(force.entity, place.entity, [evidence], as_of=ctx.published)
    return list(found.values())


def _past(ctx: ArticleContext, cue: Cue) -> bool:
    words = ctx.folded.text[:_folded_index(ctx, cue.begin)].split()[-1:]
    return bool(words) and words[-1].lstrip("و") in ("كانت", "كان", "كانوا")


def _folded_index(ctx: ArticleContext, original: int) -> int:
    from bisect import bisect_left

    return bisect_left(ctx.folded.origin, original)


def _force(ctx: ArticleContext, cue: Cue) -> Ref | None:
    clause = ctx.clause_of(cue.begin)
    after = [a for a in ctx.actors if a.begin >= cue.end and a.begin < clause[1]
             and ctx.words_between(cue.end, a.begin) <= FORCE_REACH]
    if after:
        return after[0]
    before = [a for a in ctx.actors if a.end <= cue.begin and a.begin >= clause[0]
              and ctx.words_between(a.end, cue.begin) <= 1]
    return before[-1] if before else None


def _place(ctx: ArticleContext, cue: Cue, force: Ref) -> Ref | None:
    clause = ctx.clause_of(cue.begin)
    places = [p for p in ctx.places if clause[0] <= p.begin < clause[1] and p.entity_class != "Country"
              and not (force.begin <= p.begin < force.end)]
    before = [p for p in places if p.end <= cue.begin and ctx.words_between(p.end, cue.begin) <= PLACE_REACH_BEFORE]
    after = [p for p in places if p.begin >= max(cue.end, force.end)
             and not CLAUSE_BREAK.search(ctx.text, force.end, p.begin)]
    if before:
        return before[-1]
    return after[0] if after else None

"""Allegiances between forces (``allegiance_patterns.tsv``): "جيش خالد بن الوليد المبايع
للتنظيم", "القصف الروسي دعما لقوات النظام", "فصيل كان تابعا للقاعدة في السابق", "تضم الجبهة فصائل
X" (X MemberOf the front), "Y عمودها الفقري" (Y MemberOf the force before it)."""
from __future__ import annotations

import re

from conflictkg.nlp.context import CLAUSE_BREAK, ArticleContext, Ref, actor_iri, catalogue_entry
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.lexicon import nationality_countries
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import fold
from conflictkg.nlp.records import AllegianceRecord, Span
from conflictkg.nlp.reaches import TARGET_REACH, TARGET_RUN_GAP

_WORD = re.compile(r"\S+")


def read_allegiances(ctx: ArticleContext) -> list[AllegianceRecord]:
    found: dict[tuple[str, str, str], AllegianceRecord] = {}

    def add(key: tuple[str, str, str], begin: int, end: int) -> None:
        evidence = Span(begin, end, ctx.text[begin:end])
        if key in found:
            found[key].evidence.append(evidence)
        else:
            found[key] = AllegianceRecord(*key, [evidence])

    for cue in ctx.cues("allegiance_patterns.tsv"):
        if ctx.negated(cue.begin):
            continue      # "لا ينتمون للجيش الروسي", "لم تقدم دعما"
        for source, kind, target in _statements(ctx, cue):
            if source.entity != target.entity:
                add((source.entity, kind, target.entity), min(source.begin, cue.begin), max(target.end, cue.end))
        for name, leader in _leader_in_name(ctx, cue):
            add((name.entity, "LedBy", leader), name.begin, name.end)
    for cue in ctx.cues("membership_adjectives.tsv"):
        force = _force_right_before(ctx, cue)
        if force is not None and force.entity != actor_iri(cue.entry.actor):
            add((force.entity, cue.entry.kind, actor_iri(cue.entry.actor)), force.begin, cue.end)
    return list(found.values())


def _force_right_before(ctx: ArticleContext, cue: Cue) -> Ref | None:
    """The force whose name ends right before an adjective (``membership_adjectives.tsv``):
    "فصيل "فيلق الرحمن" المعارض"; None when another word stands between or it is of another class."""
    force = next((a for a in ctx.actors if a.end <= cue.begin and not ctx.text[a.end:cue.begin].strip(' "«»')), None)
    if force is None or force.entity_class not in cue.entry.class_list:
        return None
    following = ctx.text[cue.end:cue.end + 30].split()
    if cue.entry.not_before and following and fold(following[0]).startswith(fold(cue.entry.not_before)):
        return None       # "المعارضة للاتفاق": opposed to something, not of the opposition
    return force


def _leader_in_name(ctx: ArticleContext, cue: Cue) -> list[tuple[Ref, str]]:
    """"التحالف الدولي بقيادة الولايات المتحدة" is one name in the catalogue, so no force
    stands after "بقيادة" for the pattern to read: a name written with its leader in it says
    what the catalogue records of who leads it (``ck:ledBy``)."""
    if cue.entry.kind != "LedBy":
        return []
    named = [a for a in ctx.actors if a.begin < cue.begin and cue.end < a.end]
    return [(name, leader) for name in named for leader in _leaders(name.entity)]


def _leaders(entity: str) -> tuple[str, ...]:
    entry = catalogue_entry(entity)
    return entry.led_by if entry else ()


def _statements(ctx: ArticleContext, cue: Cue) -> list[tuple[Ref, str, Ref]]:
    sentence = ctx.segment_of(cue.begin)
    actors = [a for a in ctx.parties_and_governments if sentence[0] <= a.begin < sentence[1]]
    reach = cue.entry.reach
    before = ctx.refs_before(actors, cue.begin, reach)
    # A force may begin inside the pattern: "أحد فصائل المعارضة" names "فصائل المعارضة".
    after = [a for a in actors if a.begin >= cue.begin and a.end > cue.end]
    anchor = cue.end
    if cue.entry.direction == "back":
        # "X، التي تشكل Y عمودها الفقري": Y right before the form, X the force before Y.
        if not before:
            return []
        member = before[-1]
        wholes = [a for a in actors if a.end <= member.begin and a.entity != member.entity]
        return [(member, cue.entry.kind, wholes[-1])] if wholes else []
    if cue.entry.direction == "adjective":
        # "تشن القوات الحكومية بدعم روسي": the force before is supported by the adjective's country
        supporter = _nationality_after(ctx, cue)
        return [(supporter, cue.entry.kind, before[-1])] if supporter and before else []
    if before:
        sources = ctx.coordinated_run(before[::-1])[::-1] if cue.entry.subjects == "run" else [before[-1]]
    elif after and ctx.words_between(cue.end, after[0].begin) <= TARGET_REACH:
        sources, after, anchor = [after[0]], after[1:], after[0].end   # the verb came first
    else:
        return []
    targets = _target_run(ctx, anchor, after, cue.entry.target_reach)
    statements = []
    for source in sources:
        kind, reverse = _reading(ctx, cue, source)
        statements += [(t, kind, source) if reverse else (source, kind, t) for t in targets]
    return statements


# Words after a form of support that may stand before the adjective: "بغطاء جوي روسي".
ADJECTIVE_REACH = 2


def _nationality_after(ctx: ArticleContext, cue: Cue) -> Ref | None:
    """The country of the nationality adjective right after ``cue`` ("بدعم روسي", "بغطاء جوي
    روسي", ``nationalities.tsv``), as a ref spanning the adjective; None when there is none."""
    for word in list(_WORD.finditer(ctx.text, cue.end))[:ADJECTIVE_REACH]:
        if CLAUSE_BREAK.search(ctx.text, cue.end, word.start()):
            return None
        country = nationality_countries().get(morphology().bare_nisba(fold(word.group())))
        if country:
            return Ref(word.start(), word.end(), country, "Country", "place")
    return None


def _target_run(ctx: ArticleContext, anchor: int, after: list[Ref], reach: int = TARGET_REACH) -> list[Ref]:
    if not after or ctx.words_between(anchor, after[0].begin) > reach:
        return []
    return ctx.coordinated_run(after, TARGET_RUN_GAP, joined=True)


def _reading(ctx: ArticleContext, cue: Cue, source: Ref) -> tuple[str, bool]:
    """(kind, reversed) for this occurrence, after "سابقا" and "مقاتلو X" are taken into account."""
    kind, reverse = cue.entry.kind, cue.entry.direction == "reverse"
    clause_end = ctx.clause_of(cue.begin)[1]
    patterns = ctx.cues("allegiance_patterns.tsv")
    for modifier in ctx.cues("allegiance_modifiers.tsv"):
        if modifier.entry.role == "former" and cue.end <= modifier.begin < clause_end \
                and not any(cue.end <= p.begin < modifier.begin for p in patterns):
            kind = "FormerlyAffiliated"   # "سابقا" turns the nearest pattern before it
        if modifier.entry.role == "people" and modifier.begin <= source.begin < modifier.end + 2:
            reverse = not reverse
    return kind, reverse

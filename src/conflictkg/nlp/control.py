"""Territorial control.

Two readings, both written as ``ck:TerritorialControl`` (controller, territory, asOf):

- states of control (``control_patterns.tsv``): "مناطق خاضعة لسيطرة المعارضة في مدينة درعا",
  "المنطقة التي يسيطر عليها فصيل جيش خالد بن الوليد", "يسيطر الجيش الحر على نصف المحافظة",
  "قوات النظام المسيطرة على المدينة", "معقل التنظيم"; as of the publication date. A relative
  clause after a comma refers to the place before it ("في المدينة، التي يسيطر عليها فصيل X").
  Past control ("كانت تسيطر") is not recorded.
- captures (``control_captures.tsv``): an armed force takes or regains a place ("سيطرت قوات
  النظام على بلدة نوى", "استعاد الجيش مدينة …", "دخلت القوات إلى …"); as of the capture's
  date (the TerritoryTaken event's, else the date in the sentence, else publication).

A plural or partial area noun (``control_area_nouns.tsv``: المناطق، قرى، أحياء) between the
pattern and a place means some unnamed part of it: no statement for that place.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from conflictkg.nlp.attribution import modality_of
from conflictkg.nlp.context import ARMED_CLASSES, PLACE_RANK, ArticleContext, Ref, relative_pronouns
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.document import AWAY, place_word_before, words_before
from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import COMMAS, fold
from conflictkg.nlp.records import ControlRecord, EventRecord, Span
from conflictkg.nlp.reaches import (APPOSITION_REACH, AREA_HOLDER_REACH, AREA_PLACE_REACH, AWAY_REACH, CAPTURE_PLACE_REACH, CAPTURE_SUBJECT_REACH,
                                    FORCE_REACH, PLACE_REACH_AFTER)

REPORTED = {"Asserted", "Claimed"}
TOWARDS = frozenset({"destination", "direction"})    # place_words.tsv: إلى، نحو، باتجاه
MORPHOLOGY = morphology()


@lru_cache(maxsize=None)
def _control_words(role: str) -> tuple[str, ...]:
    return tuple(fold(row.word) for row in lexicon("control_words.tsv") if row.role == role)


_PUNCT = re.compile(r"[^\w\s]")


def read_controls(ctx: ArticleContext, events: Iterable[EventRecord] = ()) -> list[ControlRecord]:
    """Control stated (``_states``), captures read here (``_captures``), and the places the
    article's own takeover events say a force took (``events``: the event reader's records)."""
    found: dict[tuple[str, str], ControlRecord] = {}
    statements = [(force.entity, place.entity, _span(ctx, force, place, cue), as_of)
                  for force, place, cue, as_of in [*_states(ctx), *_captures(ctx)]]
    for force, place, evidence, as_of in statements + _takeovers(ctx, events):
        key = (force, place)
        if key in found:
            found[key].evidence.append(evidence)
            if as_of and (found[key].as_of is None or as_of > found[key].as_of):
                found[key].as_of = as_of      # the latest statement holds
        else:
            found[key] = ControlRecord(force, place, [evidence], as_of=as_of)
    return list(found.values())


def _span(ctx: ArticleContext, force: Ref, place: Ref, cue: Cue) -> Span:
    begin, end = min(force.begin, place.begin, cue.begin), max(force.end, place.end, cue.end)
    return Span(begin, end, ctx.text[begin:end])


def _takeovers(ctx: ArticleContext, events: Iterable[EventRecord]) -> list[tuple[str, str, Span, dt.date | None]]:
    """"سيطرت القوات التركية وفصائل موالية لها على مدينة عفرين": whoever the article reports
    taking a place holds it, as of the takeover (reported as fact, in the reporting period, or
    long ago in a span that runs to the report: "سيطرت على المنطقة منذ العام الماضي")."""
    armed = {a.entity for a in ctx.parties if a.entity_class in ARMED_CLASSES}
    return [(force, event.location, event.evidence[0], event.date or event.latest)
            for event in events if event.type == "TerritoryTaken" and _holds_to_date(ctx, event)
            and event.location and not _part_taken(ctx, event.evidence[0], event.location)
            for force in event.initiators if force in armed]


def _holds_to_date(ctx: ArticleContext, event: EventRecord) -> bool:
    return event.modality == "Asserted" or (event.modality == "Historical" and event.date is None
                                            and event.latest is not None and event.latest == ctx.published)


def _part_taken(ctx: ArticleContext, trigger: Span, place: str) -> bool:
    """"سيطرت على عدة قرى في ريف درعا": an area noun between the capture and its place says
    only part of the place was taken."""
    sentence_end = ctx.segment_of(trigger.begin)[1]
    named = next((p for p in ctx.places if p.entity == place and trigger.end <= p.begin < sentence_end), None)
    return named is not None and _part_before(ctx, trigger.end, named)


# ---------------------------------------------------------------------- states of control
def _states(ctx: ArticleContext):
    for cue in ctx.cues("control_patterns.tsv"):
        if _past(ctx, cue) or _destination_areas(ctx, cue):
            continue
        force = _force(ctx, cue)
        place = _place(ctx, cue, force) if force else None
        if force is not None and place is not None and not _was_held(ctx, place, cue):
            for held in _with_those_joined(ctx, place):
                yield force, held, cue, ctx.published


def holder_of_area(ctx: ArticleContext, area: Cue) -> Ref | None:
    """The force an unnamed area is said to be held by right after its noun
    (control_area_nouns.tsv): "المناطق الواقعة تحت سيطرة المعارضة", "البلدات التي تسيطر عليها
    الفصائل"; None when no present control follows it within AREA_HOLDER_REACH words."""
    clause_end = ctx.clause_of(area.begin)[1]
    for cue in ctx.cues("control_patterns.tsv"):
        if area.end <= cue.begin < clause_end and ctx.words_between(area.end, cue.begin) <= AREA_HOLDER_REACH \
                and cue.entry.force != "before" and not _past(ctx, cue):
            return _force(ctx, cue)
    return None


def _destination_areas(ctx: ArticleContext, cue: Cue) -> bool:
    """"السماح بانتقال مقاتليها إلى مناطق خاضعة للمعارضة في شمال سوريا": unnamed areas people
    go to, right before the statement, describe where they go; they say of no place that it is held."""
    return any(area.end <= cue.begin and ctx.words_between(area.end, cue.begin) == 0
               and place_word_before(ctx.text, area.begin, 1, TOWARDS) is not None
               for area in ctx.cues("control_area_nouns.tsv"))


def _past(ctx: ArticleContext, cue: Cue) -> bool:
    """Past or negated control: "كانت تسيطر", "كانتا تحت سيطرة", "لا تسيطر", "لم تعد تسيطر"."""
    words = words_before(ctx.text, cue.begin, 2)
    if not words:
        return False
    last = MORPHOLOGY.without_conjunction(words[-1], shortest=1)
    if last in _control_words("past") or MORPHOLOGY.is_negation(last):
        return True
    return len(words) == 2 and MORPHOLOGY.is_negation(words[0]) and last.startswith(_control_words("no-longer"))


def _was_held(ctx: ArticleContext, place: Ref, cue: Cue) -> bool:
    """"وكانت مدينة دوما تحت سيطرة جيش الإسلام": كان right before the place held (and the word
    that names its kind), the place then the statement of control, is past control too."""
    if place.end > cue.begin:
        return False
    named_from = min((c.begin for c in ctx.cues("place_cues.tsv")      # "بلدة نوى": from بلدة on
                      if c.end <= place.begin and ctx.words_between(c.end, place.begin) == 0), default=place.begin)
    words = words_before(ctx.text, named_from, 1)
    return bool(words) and MORPHOLOGY.without_conjunction(words[-1], shortest=1) in _control_words("past")


def _folded_index(ctx: ArticleContext, original: int) -> int:
    return bisect_left(ctx.folded.origin, original)


def _force(ctx: ArticleContext, cue: Cue) -> Ref | None:
    side = cue.entry.force
    clause = ctx.clause_of(cue.begin)
    after = ctx.nearest_after(ctx.actors, cue.end, FORCE_REACH, until=clause[1])
    if after is not None and side != "before":
        return after
    return ctx.nearest_before(ctx.actors, cue.begin, 1, since=clause[0]) if side != "after" else None


def _place(ctx: ArticleContext, cue: Cue, force: Ref) -> Ref | None:
    clause = ctx.clause_of(cue.begin)
    places = [p for p in ctx.places if p.entity_class != "Country" and not (force.begin <= p.begin < force.end)]
    before = [p for p in places if clause[0] <= p.begin and p.end <= cue.begin
              and ctx.words_between(p.end, min(cue.begin, force.begin)) <= cue.entry.place_reach
              and not _area_between(ctx, p.end, cue.begin)]
    if not before:
        # a noun of control stands in apposition after a bare comma too: "الغوطة الشرقية، معقل الفصائل"
        noun = cue.entry.force == "after"
        before = [p for p in places if p.end <= cue.begin
                  and _appositive(ctx, p.end, min(cue.begin, force.begin), bare_comma=noun)]
    anchor = max(cue.end, force.end)
    area_before = any(c.end <= cue.begin and ctx.words_between(c.end, cue.begin) == 0
                      for c in ctx.cues("control_area_nouns.tsv"))
    reach = AREA_PLACE_REACH if area_before else PLACE_REACH_AFTER
    after = [p for p in places if cue.entry.place_after and anchor <= p.begin < clause[1]
             and ctx.words_between(anchor, p.begin) <= reach
             and not _part_before(ctx, anchor, p) and not _away(ctx, p)]
    if before:
        # "الغوطة الشرقية قرب دمشق التي تسيطر عليها": the place another is named near is the
        # one held ("نزحوا نحو الجولان المحتلة": a place gone towards may be held itself)
        held = [p for p in before if not _away(ctx, p)]
        return held[-1] if held else before[-1]
    return after[0] if after else None


def _appositive(ctx: ArticleContext, begin: int, end: int, bare_comma: bool = False) -> bool:
    """"في المدينة، التي يسيطر عليها", "الغوطة الشرقية، آخر معاقل المعارضة", "دوما التي تقع
    تحت سيطرة": between a place and the statement only a comma and the words of an apposition
    (a relative pronoun, ``control_words.tsv`` "apposition"), at least one of them; with
    ``bare_comma``, a comma alone ("الغوطة الشرقية، معقل الفصائل")."""
    if ctx.words_between(begin, end) > APPOSITION_REACH:    # (cheap: most places are far from it)
        return False
    between = ctx.text[begin:end]
    words = [MORPHOLOGY.without_conjunction(w) for w in _PUNCT.sub(" ", fold(between)).split()]
    allowed = relative_pronouns() | frozenset(_control_words("apposition"))
    if "." in between or not all(w in allowed for w in words):
        return False
    return bool(words) or (bare_comma and bool(re.fullmatch(rf"\s*[{COMMAS}]\s*", between)))


def _with_those_joined(ctx: ArticleContext, place: Ref) -> list[Ref]:
    """The place and those coordinated after it: "سيطرت على بلدتي المسيفرة وكحيل", "تسيطر على
    بلدات A وB وC" state the same of each (not a country, not a place headed towards)."""
    following = [p for p in ctx.places if p.begin >= place.begin and p.entity_class != "Country"]
    return [p for p in ctx.coordinated_run(following, joined=True) if p is place or not _away(ctx, p)]


def _area_between(ctx: ArticleContext, begin: int, end: int) -> bool:
    return any(begin <= c.begin and c.end <= end for c in ctx.cues("control_area_nouns.tsv"))


def _part_before(ctx: ArticleContext, begin: int, place: Ref) -> bool:
    """An area noun between ``begin`` and the place makes it a part of the place ("سيطرت على
    قرى في ريف درعا", "قرى ريف درعا"), except right before settlements, which it then names:
    "استعادت بلدات المسيفرة وكحيل" are those towns."""
    return any(begin <= c.begin and c.end <= place.begin
               and not (ctx.words_between(c.end, place.begin) == 0 and _settlement(place))
               for c in ctx.cues("control_area_nouns.tsv"))


def _settlement(place: Ref) -> bool:
    return PLACE_RANK.get(place.entity_class, 0) >= PLACE_RANK["City"]


def _away(ctx: ArticleContext, place: Ref) -> bool:
    """A place the force heads towards or lies near (قرب X، باتجاه X، محيط X): not taken."""
    return place_word_before(ctx.text, place.begin, AWAY_REACH, AWAY) is not None


# ---------------------------------------------------------------------- captures
def _captures(ctx: ArticleContext):
    states = ctx.cues("control_patterns.tsv")
    actors = [a for a in ctx.parties if a.entity_class in ARMED_CLASSES]   # a state takes places too
    for cue in ctx.cues("control_captures.tsv"):
        if any(s.begin < cue.end and cue.begin < s.end for s in states) or _inside_name(ctx, cue):
            continue
        if any(word in _control_words("state") for word in words_before(ctx.text, cue.begin, 1)):
            continue
        purpose = set(cue.prefix.replace(MORPHOLOGY.article, "")) & set(_control_words("purpose"))
        if purpose or modality_of(ctx, cue) not in REPORTED:
            continue      # "للسيطرة على": a purpose; "تسعى/فشلت/لم": not a capture
        taker = _taker(ctx, cue, actors)
        if taker is None:
            continue
        place = _taken_place(ctx, cue, taker)
        if place is None:
            continue
        for taken in _with_those_joined(ctx, place):
            yield taker, taken, cue, _capture_date(ctx, cue)


def _inside_name(ctx: ArticleContext, cue: Cue) -> bool:
    return any(m.begin < cue.end and cue.begin < m.end for m in ctx.actors + ctx.places)


def _taker(ctx: ArticleContext, cue: Cue, actors: list[Ref]) -> Ref | None:
    """The force right after the cue (a date may stand between: "سيطرت الجمعة قوات النظام"),
    else, for a verb, its subject before it. Not "دخل مقاتلون يدعمون الحكومة": a word between
    the verb and the force that is no date makes the force someone else."""
    clause = ctx.clause_of(cue.begin)
    after = [a for a in actors if cue.end <= a.begin < clause[1]
             and ctx.words_between_but_dates(cue.end, a.begin) <= 1]
    if after:
        return after[0]
    if cue.entry.taker == "after":
        return None
    return ctx.nearest_before(actors, cue.begin, CAPTURE_SUBJECT_REACH, since=clause[0])


def _taken_place(ctx: ArticleContext, cue: Cue, taker: Ref) -> Ref | None:
    """The place taken: the one the capture's relative clause describes ("مدينة الباب التي سيطرت
    عليها القوات"), else the first place after the capture in its clause."""
    antecedent = ctx.relative_antecedent(cue.begin)
    if antecedent is not None:
        return antecedent
    clause = ctx.clause_of(cue.begin)
    anchor = max(cue.end, taker.end) if taker.begin >= cue.end else cue.end
    for place in ctx.places:
        if place.begin < anchor or place.begin >= clause[1] or place.entity_class == "Country":
            continue
        if ctx.words_between(anchor, place.begin) > CAPTURE_PLACE_REACH or _part_before(ctx, anchor, place):
            return None
        if cue.entry.object and fold(cue.entry.object) not in fold(ctx.text[anchor:place.begin]).split():
            return None
        return None if _away(ctx, place) else place
    return None


def _capture_date(ctx: ArticleContext, cue: Cue) -> dt.date | None:
    """The TerritoryTaken event's date, else the nearest date in the sentence, else publication."""
    for event in ctx.doc._.events or []:
        if event.type == "TerritoryTaken" and any(s.begin <= cue.begin < s.end for s in event.evidence):
            return event.date or event.latest or ctx.published
    sentence = ctx.segment_of(cue.begin)
    near = [d for d in ctx.dates if sentence[0] <= d.begin < sentence[1] and d.resolved
            and (ctx.published is None or d.latest <= ctx.published)]   # "by the end of the year": a plan
    if near:
        nearest = min(near, key=lambda d: abs(d.begin - cue.begin))
        return nearest.latest
    return ctx.published

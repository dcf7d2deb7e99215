"""Events: triggers (``event_triggers.tsv``) with their roles, place, date, figures and source.

For each trigger the reading is local to its sentence:

- type: the trigger's class; a "Strike" (قصف، استهدف، أطلق) is an AirStrike when an aircraft or
  barrel bomb is named with it, a Shelling otherwise;
- initiators: the forces named right before the trigger (مقاتلات روسية قصفت), or right after it
  (استهدف الطيران الحربي السوري والروسي؛ اقتحام فصائل من المعارضة), or the first side of
  "بين X و Y"; a trigger with none shares the subject of the previous trigger of its sentence;
- targets: the other forces after the trigger in its clause, the second side of "بين";
- place: the first place after the trigger (not one it heads towards or lies near), refined
  to the most specific place of the phrase ("بلدة نوى في ريف درعا" → Nawa); else the place
  the article last spoke of;
- date: the nearest date expression in the clause, else the sentence; else the publication
  window (:meth:`ArticleContext.publication_window`).

Then reports of one happening become one event (:func:`merge_reports`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.attribution import (HISTORICAL_DAYS, Attribution, attributions, is_background,
                                        modality_of)
from conflictkg.nlp.context import (CLAUSE_BREAK, ArticleContext, Ref, catalogue_entry, enclosing_places, more_specific,
                                    place_relation, relative_pronouns, side_of)
from conflictkg.nlp.control import holder_of_area
from conflictkg.nlp.cues import Cue
from conflictkg.nlp.dates import DateExpression
from conflictkg.nlp.numbers import NEXT_WORD
from conflictkg.nlp.document import accused_act_after, place_word_before, reported_content_words, words_before
from conflictkg.nlp.figures import FoundFigure, find_figures
from conflictkg.nlp.lexicon import EventTrigger, KnownWar, lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import fold
from conflictkg.nlp.place_hierarchy import joined_by_location_words
from conflictkg.nlp.records import ControlRecord, EventRecord, FigureRecord, Mention, Span
from conflictkg.nlp.reaches import (LAUNCHER_REACH, PLACE_CHAIN_GAP, PLACE_MEMORY, PRONOUN_REACH, RELATIVE_REACH,
                                    ROLE_REACH, SINCE_REACH, VICTIM_REACH, WAR_TOLL_REACH)

STRIKE_TYPES = {"air": "AirStrike", "ground": "Shelling", "explosive": "Bombing"}
NOT_REPORTED = {"Planned", "Failed"}   # modality cues after which nothing happened (yet)
CLAIM_OR_FACT = {"Asserted", "Claimed"}
ARABIC_WORD = re.compile(r"[^\W\d_]+")
HOSTILE_TYPES = {"AirStrike", "Shelling", "Bombing", "ArmedClash", "TerritoryTaken"}
VIOLENT_TYPES = HOSTILE_TYPES | {"AttackOnCivilians", "Abduction", "Arrest"}
WIDE_AREAS = {"Country", "Governorate", "Region"}
IN = frozenset({"in"})        # place_words.tsv: "في سوريا", "بسوريا": where it happens
SITES = {"MilitaryBase", "BorderCrossing"}   # one facility: struck once a day, whoever is named
FIGURE_HOST_REACH = 2    # sentences back that a toll with no event of its own may belong to
ONE_SIDED_TYPES = {"AirStrike", "Shelling", "Bombing"}   # the dead are the side hit
# An article speaks of one deal, one evacuation, one flight of people per place: two reports of
# one of these in one place are one happening, whoever each names ("اتفاق منبج").
ONE_PER_PLACE = {"Agreement", "Evacuation", "Displacement"}
NON_FIGHTING = {"Organization"}        # NGOs, monitors, media: never the initiator of violence


@dataclass(frozen=True)
class RunningPeriod:
    """The period of a running total: up to the report (``latest``), from ``earliest`` when
    the text dates the start; ``said``: the words that say it."""

    earliest: dt.date | None
    latest: dt.date
    said: str
    where: str | None = None     # the country of the war it counts, when known (known_wars.tsv)


@dataclass
class Candidate:
    """One trigger's reading, before reports of the same happening are merged."""

    record: EventRecord
    trigger: Cue
    sentence: tuple[int, int]
    own_date: DateExpression | None
    certain_type: bool = True        # False: a bare "قصف" whose weapon is not named, a bare toll
    told_by_toll: bool = False       # no trigger: the dead or wounded counted ("300 قتيل في الغوطة")
    anaphoric: bool = False          # a definite noun ("القصف", "الاشتباكات") referring back
    in_title: bool = False
    place_inferred: bool = False     # the place is the one last spoken of, not named here
    # (earliest, latest): the event that carries running totals over this period (the war, a
    # campaign), never one happening of the period; earliest None when the text does not say
    period: RunningPeriod | None = None
    merged: list["Candidate"] = field(default_factory=list)


class EventReader:
    """Reads the events of one article."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.sources = attributions(ctx)
        self.figures = find_figures(ctx)

    def events(self) -> list[EventRecord]:
        candidates = [c for c in map(self._candidate, map(self._as_read, self.ctx.cues("event_triggers.tsv"))) if c]
        _share_subjects(self.ctx, candidates)
        candidates += self._attach_figures(candidates, self.figures)
        candidates.sort(key=lambda c: c.trigger.begin)
        finished = join_told_twice([(c, self._finish(c)) for c in merge_reports(self.ctx, candidates)])
        return [record for candidate, record in finished if _anchored(candidate)]

    # ------------------------------------------------------------------ one trigger
    def _as_read(self, trigger: Cue) -> Cue:
        """A form that may be a verb is the noun after a preposition ("قتلت في قصف تركي"):
        a verb never follows one (prepositions.tsv)."""
        if trigger.entry.pos != "verb":
            return trigger
        before = words_before(self.ctx.text, trigger.begin, 1)
        if before and fold(before[-1]) in _prepositions():
            return replace(trigger, entry=replace(trigger.entry, pos="noun"))
        return trigger

    def _candidate(self, trigger: Cue) -> Candidate | None:
        ctx = self.ctx
        sentence = ctx.segment_of(trigger.begin)
        event_type, instruments, certain = self._type(trigger, sentence)
        if event_type is None:
            return None
        if (_is_verb(trigger) and self._describes_people(trigger)) or self._in_an_idiom(trigger):
            return None
        if self._an_aim(trigger):
            return None
        modality = modality_of(ctx, trigger)
        if modality in NOT_REPORTED:
            return None
        own_date = self._date(trigger, sentence)
        if own_date is not None and (is_background(ctx, own_date.latest) or self._long_since(own_date)):
            modality = "Historical"
        record = EventRecord(type=event_type, evidence=[_span(ctx, trigger)], instruments=instruments,
                             modality=modality)
        record.initiators, record.targets = self._sides(trigger, event_type)
        if trigger.entry.type in ("Strike", "Attack") and set(instruments) <= _missiles() \
                and set(record.initiators) & _air_strikers():
            # "قصفت إسرائيل مواقع", "ضربات صاروخية أمريكية", "عدوان إسرائيلي على مطار": no weapon
            # but missiles named, and this force strikes from the air
            record.type = "AirStrike"
        anaphoric = trigger.definite and not _is_verb(trigger)
        record.supporters = self._supporters(trigger)
        record.location, inferred = self._place(trigger)
        return Candidate(record, trigger, sentence, own_date, certain,
                         anaphoric=anaphoric,
                         in_title=ctx.in_title(trigger.begin), place_inferred=inferred)

    def _type(self, trigger: Cue, sentence) -> tuple[str | None, list[str], bool]:
        wanted = trigger.entry.type
        named = [c for c in self.ctx.cues("instruments.tsv") if sentence[0] <= c.begin < sentence[1]]
        needs = trigger.entry.needs
        if needs == "instrument" and not named:
            return None, [], False
        if needs not in (None, "instrument") and not any(
                c.entry.group == needs for c in self.ctx.cues("event_context.tsv") if sentence[0] <= c.begin < sentence[1]):
            return None, [], False
        if wanted == "Attack":     # هجوم: an attack of a kind not said; alone, a clash
            return "ArmedClash", [], False
        if wanted != "Strike":
            kinds = {"AirStrike": "air", "Shelling": "ground", "Bombing": "explosive"}.get(wanted)
            return wanted, _instruments(named, kinds), True
        nearest = min(named, key=lambda c: abs(c.begin - trigger.begin), default=None)
        if nearest is None:
            return "Shelling", [], False
        kind = self._carrier(nearest, trigger)
        return STRIKE_TYPES[kind], _instruments(named, kind), True

    def _carrier(self, weapon: Cue, at: Cue) -> str:
        """The kind of strike a weapon makes. A missile is fired from the ground unless an
        aircraft is named in the clause ("طائرتا إف-15 قصفتا المطار بصواريخ")."""
        if weapon.entry.kind != "missile":
            return weapon.entry.kind
        begin, end = self.ctx.clause_of(at.begin)
        aircraft = any(c.entry.kind == "air" and begin <= c.begin < end for c in self.ctx.cues("instruments.tsv"))
        return "air" if aircraft else "ground"

    def _an_aim(self, trigger: Cue) -> bool:
        """"أرسلت مقاتلين للقتال", "ممرات لإجلاء المدنيين": a verbal noun after the preposition
        of aim says what something is for, not what happened; unless a word whose complement is
        a happening governs it ("تعرضت البلدة لقصف": happening_complements.tsv), or a verb of
        defence ("تصدت الدفاعات لهجوم": defence_words.tsv)."""
        if _is_verb(trigger) or not morphology().marks_an_aim(trigger.prefix):
            return False
        clause_begin, _ = self.ctx.clause_of(trigger.begin)
        heads = [(head, head.entry.reach) for head in self.ctx.cues("happening_complements.tsv")]
        heads += [(verb, ROLE_REACH) for verb in self.ctx.cues("defence_words.tsv")]
        # a head governs the first happening after it: "التوصل إلى اتفاق لإجلاء المقاتلين" reaches
        # a deal, whose aim the evacuation is
        triggers = [c.begin for c in self.ctx.cues("event_triggers.tsv")]
        return not any(clause_begin <= head.begin and head.end <= trigger.begin
                       and self.ctx.words_between(head.end, trigger.begin) <= reach
                       and not any(head.end <= t < trigger.begin for t in triggers) for head, reach in heads)

    def _in_an_idiom(self, trigger: Cue) -> bool:
        """"ألقت الشرطة البريطانية القبض على", "في ميدان المعركة": the trigger and a word a few
        words on (or back) say another thing (trigger_idioms.tsv), which a trigger of its own
        reads, or none."""
        idioms = _idioms_of(trigger.entry.form)
        if not idioms:          # most triggers have none: their clause is not read at all
            return False
        ctx = self.ctx
        clause_begin, clause_end = ctx.clause_of(trigger.begin)
        following = [fold(w) for w in ARABIC_WORD.findall(ctx.text, trigger.end, clause_end)]
        preceding = [fold(w) for w in ARABIC_WORD.findall(ctx.text, clause_begin, trigger.begin)][::-1]
        for word, reach, side in idioms:
            near = (following if side == "after" else preceding)[:reach + 1]
            # as written, or under و ("وفي ساحة المعركة"); "وضع" is a word of its own
            if word in near or word in (morphology().without_conjunction(w) for w in near):
                return True
        return False

    def _describes_people(self, trigger: Cue) -> bool:
        """"اللاجئين الذين فروا": a verb right after a relative pronoun whose antecedent is a
        population noun (relative_clauses.tsv) describes people, it reports no happening."""
        ctx = self.ctx
        cues = ctx.cues("relative_clauses.tsv")
        pronoun = next((c for c in cues if c.entry.kind == "pronoun" and c.end <= trigger.begin
                        and ctx.words_between(c.end, trigger.begin) == 0
                        and not CLAUSE_BREAK.search(ctx.text, c.end, trigger.begin)), None)
        if pronoun is None:
            return False
        return any(c.entry.kind == "population" and c.end <= pronoun.begin
                   and ctx.words_between(c.end, pronoun.begin) <= 1
                   and not CLAUSE_BREAK.search(ctx.text, c.end, pronoun.begin) for c in cues)

    def _date(self, trigger: Cue, sentence) -> DateExpression | None:
        """The nearest date of the clause that no other trigger of the clause is nearer to, else
        of the sentence that no other trigger is nearer to: "شنت ضربات على مواقع قبل أسبوعين،
        إثر اتهامه بشن هجوم" dates the strikes, however near the comma's attack stands."""
        clause = self.ctx.clause_of(trigger.begin)
        dates = [d for d in self.ctx.dates if not self._describes_the_war(d) and not self._after_report(d)
                 and not self._long_duration(d) and not self._dates_the_saying(d)]
        when = self._date_of_the_clause_before(trigger, clause, dates)
        if when is not None:
            return when
        for (begin, end), own_clause in ((clause, True), (sentence, False)):
            others = [c for c in self.ctx.cues("event_triggers.tsv") if begin <= c.begin < end
                      and c.begin != trigger.begin and not self._describes(c, trigger)]
            # a long span up to the report dates only what its own clause reports, never the rest
            # of the sentence (a closed past period, "منذ بدء الصراع عام 2011", still may)
            near = [d for d in dates if begin <= d.begin < end
                    and (own_clause or not self._long_since(d) or is_background(self.ctx, d.latest))
                    and all(self._distance(d.begin, d.end, trigger) <= self._distance(d.begin, d.end, o)
                            for o in others)]
            if near:
                return min(near, key=lambda d: self._distance(d.begin, d.end, trigger))
        return None

    def _date_of_the_clause_before(self, trigger: Cue, clause, dates: list[DateExpression]) -> DateExpression | None:
        """"منذ هجوم أغسطس 2013، عندما قصفت …": a clause opened by a word for "when" (when_words.tsv)
        right before its trigger tells what happened at the date of the clause before it."""
        ctx = self.ctx
        opening = words_before(ctx.text, trigger.begin, 1)
        if not opening or ctx.words_between(clause[0], trigger.begin) != 1 or clause[0] == ctx.segment_of(trigger.begin)[0] \
                or morphology().without_conjunction(opening[0]) not in _when_words():
            return None
        before = ctx.clause_of(clause[0] - 1)
        return max((d for d in dates if before[0] <= d.begin < before[1]), key=lambda d: d.begin, default=None)

    def _describes(self, other: Cue, trigger: Cue) -> bool:
        """"بالغارة الجوية التي استهدفت منشأة … في عام 2007": a trigger in a relative clause on
        the trigger tells the same happening; the date near it is the trigger's too."""
        ctx = self.ctx
        if other.begin < trigger.end or ctx.words_between(trigger.end, other.begin) > RELATIVE_REACH \
                or CLAUSE_BREAK.search(ctx.text, trigger.end, other.begin):
            return False
        between = [morphology().without_conjunction(w) for w in fold(ctx.text[trigger.end:other.begin]).split()]
        return bool(between) and between[-1] in relative_pronouns()

    def _dates_the_saying(self, date: DateExpression) -> bool:
        """"قال المرصد يوم الخميس إن …": a date right before أن / إن dates the statement, not
        what it tells."""
        following = NEXT_WORD.match(self.ctx.text, date.end)
        return following is not None and morphology().reads_as(fold(following.group(1)), reported_content_words())

    def _after_report(self, date: DateExpression) -> bool:
        """A date that begins after the report ("حتى عام 2025", "الانتخابات المقررة في 24 حزيران")
        is a term or a plan: it dates no happening the report tells of."""
        return self.ctx.published is not None and date.earliest is not None and date.earliest > self.ctx.published

    def _since_cue(self, date: DateExpression) -> Cue | None:
        """The since word (since_words.tsv) that opens ``date`` when the span reaches back
        more than HISTORICAL_DAYS: "منذ سبع سنوات", "منذ بداية الحرب عام 2011"."""
        ctx = self.ctx
        if ctx.published is None or date.earliest is None \
                or (ctx.published - date.earliest).days <= HISTORICAL_DAYS:
            return None
        clause_begin, _ = ctx.clause_of(date.begin)
        return next((cue for cue in ctx.cues("since_words.tsv") if clause_begin <= cue.begin <= date.begin
                     and ctx.words_between(cue.end, date.begin) <= SINCE_REACH), None)

    def _long_duration(self, date: DateExpression) -> bool:
        """"على مدى خمس سنوات", "خلال نحو أربعة أعوام": how long something has lasted (a siege,
        a campaign's toll), never the date of a happening the report tells of."""
        return date.length_of_time and date.resolved and \
            (date.latest - date.earliest).days > HISTORICAL_DAYS

    def _long_since(self, date: DateExpression) -> bool:
        """A long span up to the report: never the date of a current event; an event it dates
        is background (Historical)."""
        return self._since_cue(date) is not None

    def _describes_the_war(self, date: DateExpression) -> bool:
        """"الحرب المستمرة منذ سبع سنوات", "أعنف قصف منذ 2011": the span says how long the war
        has lasted, or what a comparison reaches back to (since_descriptions.tsv): it dates nothing."""
        since = self._since_cue(date)
        if since is None:
            return False
        ctx = self.ctx
        return any(cue.end <= since.begin and ctx.words_between(cue.end, since.begin) <= cue.entry.reach
                   and not CLAUSE_BREAK.search(ctx.text, cue.end, since.begin)
                   for cue in ctx.cues("since_descriptions.tsv"))

    def _distance(self, begin: int, end: int, trigger: Cue) -> int:
        if end <= trigger.begin:
            return self.ctx.words_between(end, trigger.begin)
        return self.ctx.words_between(trigger.end, begin)

    # ------------------------------------------------------------------ roles
    def _sides(self, trigger: Cue, event_type: str) -> tuple[list[str], list[str]]:
        ctx = self.ctx
        clause = self._reach_of(trigger)
        hit = self._hit(trigger, clause, event_type) - self._adjective_of(trigger)
        excluded = self._not_parties(clause, hit, event_type)
        counterparts = self._after_role(clause, "counterpart")
        actors = [a for a in ctx.parties if clause[0] <= a.begin < clause[1] and a.begin not in excluded]
        between = self._between(trigger, actors)
        if between:
            return between
        after = [a for a in actors if a.begin >= trigger.end]
        defenders = self._defenders(trigger, actors)
        before = [a for a in actors if a.end <= trigger.begin and a.begin not in hit and a not in defenders]
        # "غارات على مواقع التنظيم", "قصفت قوات النظام مواقع الوحدات": a force after a target word
        # is hit, not hitting, and ends the subject it follows
        # "اتفاق مع حكومة دمشق": the counterpart after the trigger is no subject of it
        first_after = [a for a in _until(ctx.coordinated_run(after, only_joiners=True), hit) if a.begin not in counterparts] \
            if after and ctx.words_between_but_dates(trigger.end, after[0].begin) <= ROLE_REACH else []
        last_before = ctx.coordinated_run(before[::-1], only_joiners=True)[::-1] if before and \
            ctx.words_between_but_dates(before[-1].end, trigger.begin) <= ROLE_REACH \
            and not self._a_time_for_another_act(trigger) \
            and not self._what_was_said_between(before[-1].end, trigger.begin) else []
        if _is_verb(trigger) and self._own_forces_before(trigger, before):
            initiators = []       # "أن طائراتها استهدفت X": the speaker's own, X is the target
        elif _is_verb(trigger) and first_after and self._opens_clause(trigger) \
                and ctx.words_between(trigger.end, first_after[0].begin) == 0:
            initiators = first_after   # "اجتمع زعماء الفصائل … وقصفت قوات النظام": verb, then subject
        elif _is_verb(trigger):
            initiators = last_before or first_after
        elif trigger.entry.genitive == "patient":
            initiators = last_before     # "أعلنت الشرطة اعتقال عناصر الحزب": the doer before the noun
        else:
            initiators = first_after or last_before
        initiators = [a for a in initiators if a.begin not in counterparts
                      and not (event_type in VIOLENT_TYPES and a.entity_class in NON_FIGHTING)] \
            or self._accused_of_it(trigger, actors) or self._launched_by(trigger, actors)
        targets = defenders + self._hit_before(trigger, actors, hit) + [a for a in after if a not in initiators] \
            if event_type in HOSTILE_TYPES or event_type == "Agreement" else []
        if trigger.definite and not _is_verb(trigger):
            # "القصف … على X": X is background to a report that refers back; but "الضربات الجوية
            # ضد حماس" names the target in the trigger's own phrase
            targets = defenders + [a for a in targets if a.begin in hit and a.begin >= trigger.end
                                   and ctx.words_between(trigger.end, a.begin) <= ROLE_REACH]
        if event_type == "TerritoryTaken" and not targets:
            targets = self._losers(trigger)
        if event_type in HOSTILE_TYPES and not targets:
            targets = self._holders_of_areas_hit(trigger)
        if trigger.entry.genitive == "patient" and not _is_verb(trigger):
            targets = self._patients(trigger, after) + targets
        return _entities(initiators), [t for t in _entities(targets) if t not in _entities(initiators)]

    def _holders_of_areas_hit(self, trigger: Cue) -> list[Ref]:
        """"الحملة العسكرية الحكومية، التي بدأت الشهر الماضي، على المناطق الواقعة تحت سيطرة
        المعارضة": the areas an attack is aimed at (على، ضد right before an area noun of its
        sentence, no other happening told between) are hit in the force that holds them."""
        ctx = self.ctx
        sentence_end = ctx.segment_of(trigger.begin)[1]
        triggers = [c.begin for c in ctx.cues("event_triggers.tsv") if trigger.end <= c.begin < sentence_end]
        aims = [c.end for c in ctx.cues("role_cues.tsv") if c.entry.role == "target"]
        for area in ctx.cues("control_area_nouns.tsv"):
            if not trigger.end <= area.begin < min(triggers, default=sentence_end):
                continue
            if any(end <= area.begin and ctx.words_between(end, area.begin) == 0 for end in aims):
                holder = holder_of_area(ctx, area)
                return [holder] if holder is not None else []
        return []

    def _patients(self, trigger: Cue, after: list[Ref]) -> list[Ref]:
        """"إجلاء عناصر فيلق الرحمن", "اعتقال أعضاء الحزب": the forces a noun of the act done to
        them governs, right after it (event_triggers.tsv, genitive patient)."""
        ctx = self.ctx
        if not after or ctx.words_between_but_dates(trigger.end, after[0].begin) > ROLE_REACH:
            return []
        return ctx.coordinated_run(after, only_joiners=True)

    def _losers(self, trigger: Cue) -> list[Ref]:
        """"سيطرت القوات التركية على عفرين، إثر انسحاب المقاتلين الأكراد منها": the force the
        takeover's sentence says withdrew, was driven out or lost its hold (role_cues.tsv, loser)
        lost the place: the takeover is against it. Not when that clause names a place of its
        own ("إثر انسحاب التنظيم من مدينة درعا"): the force lost that place."""
        ctx = self.ctx
        lost = self._after_role(ctx.segment_of(trigger.begin), "loser", reach=2,
                                keep=lambda cue: not self._names_a_place_after(cue))
        return [a for a in ctx.parties if a.begin in lost]

    def _names_a_place_after(self, cue: Cue) -> bool:
        clause_end = self.ctx.clause_of(cue.begin)[1]
        return any(cue.end <= p.begin < clause_end for p in self.ctx.places)

    def _what_was_said_between(self, begin: int, end: int) -> bool:
        """"قال مركز إعلامي تابع للمعارضة إن القصف أدى …": أن / إن (reported_content.tsv) between
        a force and the trigger: the force belongs to the saying, the trigger to what was said."""
        return any(morphology().reads_as(fold(word), reported_content_words())
                   for word in ARABIC_WORD.findall(self.ctx.text, begin, end))

    def _a_time_for_another_act(self, trigger: Cue) -> bool:
        """"وتوعدت إيران غداة الهجوم": a happening right after a word of time_references.tsv (a
        date may stand between: "بعد أسبوع على قصف") is a noun ("بعد قصف", never a verb without
        أن) that dates another act; the force before that act is no doer of the happening."""
        ctx = self.ctx
        return any(cue.end <= trigger.begin and ctx.words_between_but_dates(cue.end, trigger.begin) == 0
                   for cue in ctx.cues("time_references.tsv"))

    def _launched_by(self, trigger: Cue, actors: list[Ref]) -> list[Ref]:
        """"شنت طائرات التحالف في اليمن خلال ساعات الصباح غارات": the force right after a
        launching verb (launch_verbs.tsv) of the trigger's sentence, with no other trigger between
        the verb and this one, carries out the happening that is the verb's object (commas may
        stand between: "توصلت روسيا مع فصيل X في حرستا، إلى اتفاق")."""
        if _is_verb(trigger):
            return []
        ctx = self.ctx
        sentence_begin = ctx.segment_of(trigger.begin)[0]
        triggers = [c.begin for c in ctx.cues("event_triggers.tsv")]
        verb = next((v for v in reversed(ctx.cues("launch_verbs.tsv")) if sentence_begin <= v.begin and v.end <= trigger.begin
                     and not any(v.end <= t < trigger.begin for t in triggers)), None)
        if verb is None:
            return []
        clause_begin = ctx.clause_of(trigger.begin)[0]
        forces = actors if verb.begin >= clause_begin else [a for a in ctx.parties if a.begin not in self._cited]
        subject = [a for a in forces if verb.end <= a.begin < trigger.begin
                   and ctx.words_between(verb.end, a.begin) <= LAUNCHER_REACH]
        return ctx.coordinated_run(subject, only_joiners=True)

    def _accused_of_it(self, trigger: Cue, actors: list[Ref]) -> list[Ref]:
        """"هجوم كيميائي اتهمت الدول الغربية دمشق بشنه": the party accused of the happening the
        sentence told (accused_acts.tsv, with a pronoun for it) is said to have done it."""
        sentence_end = self.ctx.segment_of(trigger.begin)[1]
        return [a for a in self.ctx.parties if trigger.end <= a.begin < sentence_end
                and accused_act_after(self.ctx.text, a.end, of_it=True)][:1]

    def _adjective_of(self, trigger: Cue) -> set[int]:
        """Where a nationality adjective right on the trigger begins: it names the doer ("ردت
        على قصف تركي" is Turkish shelling), whatever target word stands before the trigger."""
        return {c.begin for c in self.ctx.cues("actor_adjectives.tsv")
                if c.begin >= trigger.end and self.ctx.words_between(trigger.end, c.begin) == 0}

    @staticmethod
    def _opens_clause(trigger: Cue) -> bool:
        """A verb written with و or ف on it ("وقصفت") opens a clause of its own: a force named
        before it belongs to the clause before."""
        return trigger.prefix[:1] in morphology().conjunctions

    def _hit(self, trigger: Cue, clause, event_type: str) -> set[int]:
        """Where the forces the clause names as hit begin (role_cues.tsv): after a target word
        (على، ضد، مواقع، مقرات …); after a word for fighters (عناصر، مسلحي) only as an object,
        once a subject is named ("هاجم عناصر التنظيم" are the doers); after a
        casualty word (مقتل، مصرع) only in a one-sided attack — in a clash both sides lose men."""
        hit = self._after_role(clause, "target") | self._after_role(clause, "target_site")
        hit |= self._after_role(clause, "target_object", lambda cue: self._object_position(cue, trigger))
        if event_type in ONE_SIDED_TYPES:
            hit |= self._after_role(clause, "victim", reach=VICTIM_REACH)
        return hit

    def _object_position(self, cue: Cue, trigger: Cue) -> bool:
        """After the trigger, and a force already named before it in the clause to be the subject:
        "قصفت قوات النظام عناصر التنظيم", but "هاجمت مجموعة من مسلحي التنظيم" are the doers."""
        clause_begin = self.ctx.clause_of(trigger.begin)[0]
        return cue.begin >= trigger.end and any(clause_begin <= a.begin and a.end <= cue.begin
                                                for a in self.ctx.parties)

    def _defenders(self, trigger: Cue, actors: list[Ref]) -> list[Ref]:
        """"تصدت الدفاعات الجوية لهجوم صاروخي (استهدف …)": the forces that fend off an attack
        (defence_words.tsv), named with the verb before it, are the side it attacks."""
        ctx = self.ctx
        verbs = [c for c in ctx.cues("defence_words.tsv") if c.end <= trigger.begin
                 and ctx.words_between(c.end, trigger.begin) <= ROLE_REACH]
        return [a for a in actors if a.end <= trigger.begin and any(
            a.begin >= v.end or ctx.words_between(a.end, v.begin) <= ROLE_REACH for v in verbs)]

    def _hit_before(self, trigger: Cue, actors: list[Ref], hit: set[int]) -> list[Ref]:
        """"مقتل عناصر من Y بقصف X", "تعرضت مواقع Y لقصف": a noun trigger's forces named as hit
        before it are its targets (before a verb, they are its subject's topic at most)."""
        if _is_verb(trigger):
            return []
        return [a for a in actors if a.end <= trigger.begin and a.begin in hit]

    def _between(self, trigger: Cue, actors: list[Ref]) -> tuple[list[str], list[str]] | None:
        for cue in self.ctx.cues("role_cues.tsv"):
            if cue.entry.role != "between" or cue.begin < trigger.end or self.ctx.words_between(trigger.end, cue.begin) > 3:
                continue
            sides = [a for a in actors if a.begin >= cue.end][:2]
            if len(sides) == 2:
                return [sides[0].entity], [sides[1].entity]
        return None

    def _reach_of(self, trigger: Cue) -> tuple[int, int]:
        """The trigger's clause, ending where the next trigger begins: forces after that are
        the next happening's."""
        begin, end = self.ctx.clause_of(trigger.begin)
        later = [c.begin for c in self.ctx.cues("event_triggers.tsv") if trigger.end <= c.begin < end]
        return begin, min(later, default=end)

    def _not_parties(self, clause, hit: set[int] = frozenset(), event_type: str | None = None) -> set[int]:
        """Where forces that are not parties begin: the sources a sentence cites, the forces
        an act is for (دعما ل), its supporters, who leads a force (بقيادة X), and the people
        counted in a figure — unless the count is of the side hit ("مقتل 5 عناصر من Y بقصف X");
        in a clash the dead of each side are its sides ("ضحايا معركة هجين 176 من Y و325 من Z")."""
        skip = set(self._cited)
        skip |= self._after_role(clause, "beneficiary") | self._after_role(clause, "supporter")
        skip |= self._after_role(clause, "leader", reach=2)
        if event_type != "ArmedClash":
            skip |= self._counted_parties - hit
        return skip

    # The same for every trigger of the article: found once, not per trigger (each is a pass over
    # every force and figure, which made articles dense with events grow with their cube).
    @cached_property
    def _cited(self) -> frozenset[int]:
        return frozenset(source.source.begin for sources in self.sources.values() for source in sources)

    @cached_property
    def _counted_parties(self) -> frozenset[int]:
        return frozenset(a.begin for a in self.ctx.parties if self._counted(a))

    def _after_role(self, clause, role: str, keep=None, reach: int = 1) -> set[int]:
        """Where the forces right after a role word of ``role_cues.tsv`` begin (at most ``reach``
        words on; a force read inside a word, "لهيئة", starts that word)."""
        found = set()
        for cue in self.ctx.cues("role_cues.tsv"):
            if cue.entry.role == role and clause[0] <= cue.begin < clause[1] and (keep is None or keep(cue)):
                found |= {a.begin for a in self.ctx.parties
                          if a.begin >= cue.end and self.ctx.words_between(cue.end, a.begin + 1) - 1 <= reach}
        return found

    def _counted(self, actor: Ref) -> bool:
        """"43 عنصرا من قوات النظام": the force whose people a figure counts."""
        return any(f.record.affiliation == actor.entity and f.record.span.end <= actor.begin
                   and self.ctx.words_between(f.record.span.end, actor.begin) <= 4 for f in self.figures)

    def _supporters(self, trigger: Cue) -> list[str]:
        sentence = self.ctx.segment_of(trigger.begin)
        found = []
        for cue in self.ctx.cues("role_cues.tsv"):
            if cue.entry.role == "supporter" and sentence[0] <= cue.begin < sentence[1]:
                found += [a.entity for a in self.ctx.refs_after(self.ctx.parties, cue.end, 1)[:1]]
        return found

    # ------------------------------------------------------------------ place
    def _place(self, trigger: Cue) -> tuple[str | None, bool]:
        """(place, inferred): inferred when no place is named with the trigger and the place
        is the one the article last spoke of. Never a capital that names its government, nor
        (but for a deal) where a gathering met."""
        ctx = self.ctx
        antecedent = ctx.relative_antecedent(trigger.begin)
        if antecedent is not None:      # "مدينة الباب التي سيطرت عليها القوات": the town
            return antecedent.entity, False
        sentence = ctx.segment_of(trigger.begin)
        no_site = {c.begin for c in ctx.capitals_as_governments}     # "الاتفاق مع واشنطن"
        if trigger.entry.type != "Agreement":
            no_site |= ctx.meeting_places      # "مؤتمر بروكسل": no battle, no flight there
        places = [p for p in ctx.places if sentence[0] <= p.begin < sentence[1] and not self._away(p)
                  and p.begin not in no_site]
        after = [p for p in places if p.begin >= trigger.end and p.entity_class != "Country"]
        before = [p for p in places if p.end <= trigger.begin and p.entity_class != "Country"
                  and ctx.words_between(p.end, trigger.begin) <= PLACE_CHAIN_GAP
                  and not CLAUSE_BREAK.search(ctx.text, p.end, trigger.begin)]
        chain_start = after[:1] or before[-1:]
        if chain_start:
            return self._most_specific_of_phrase(chain_start[0], places).entity, False
        near = [p for p in ctx.places if sentence[0] <= p.begin < sentence[1] and p.begin >= trigger.end
                and p.entity_class != "Country" and place_relation(ctx, p) == "near"]
        if near:     # "قصفت مواقع قرب مدينة إدلب": nothing more specific named
            return near[0].entity, False
        country = [p for p in places if p.entity_class == "Country"
                   and place_word_before(ctx.text, p.begin, 1, IN) is not None]
        # "قصفت إسرائيل أهدافا في سوريا", "بلغ عدد النازحين داخل سوريا 6 ملايين، كما فر …": the
        # country the sentence is in (the first after the trigger, else the nearest before it),
        # not a town told sentences before
        country.sort(key=lambda p: (p.begin < trigger.end, abs(p.begin - trigger.begin)))
        if country:
            return country[0].entity, False
        if ctx.in_title(trigger.begin):
            return None, False
        recent = self._recent_text_start(sentence)
        earlier = [p for p in ctx.places if recent <= p.begin and p.end <= trigger.begin
                   and p.entity_class != "Country" and not ctx.in_title(p.begin) and not self._away(p)
                   and p.begin not in no_site]
        return (earlier[-1].entity, True) if earlier else (None, False)

    def _recent_text_start(self, sentence: tuple[int, int]) -> int:
        """Where the PLACE_MEMORY sentences before ``sentence`` begin."""
        segments = self.ctx.segments
        here = self.ctx.sentence_number(sentence) or 0
        return segments[max(0, here - PLACE_MEMORY)][0] if segments else 0

    def _most_specific_of_phrase(self, first: Ref, places: list[Ref]) -> Ref:
        best, last_end = first, first.end
        for place in places:
            if place.begin <= first.begin:
                continue
            if self.ctx.words_between(last_end, place.begin) > PLACE_CHAIN_GAP or \
                    CLAUSE_BREAK.search(self.ctx.text, last_end, place.begin):
                break
            best, last_end = more_specific(best, place), place.end
        return best

    def _away(self, place: Ref) -> bool:
        """A place the text heads towards or lies near, not where things happen, or one that only
        says where such a place lies ("أتت من قاعدة حميميم الواقعة في شمال غرب سوريا")."""
        if place_relation(self.ctx, place) is not None:
            return True
        described = self._place_it_describes(place)
        return described is not None and place_relation(self.ctx, described) is not None

    def _place_it_describes(self, place: Ref) -> Ref | None:
        """The place named just before ``place`` in its phrase ("قاعدة حميميم الواقعة في شمال غرب
        سوريا", "مدينة الرقة في شمال سوريا"), which ``place`` tells where it lies."""
        ctx = self.ctx
        before = [p for p in ctx.places if p.end <= place.begin
                  and ctx.words_between(p.end, place.begin) <= PLACE_CHAIN_GAP]
        return before[-1] if before and joined_by_location_words(ctx.text[before[-1].end:place.begin]) else None

    # ------------------------------------------------------------------ figures and sources
    def _attach_figures(self, candidates: list[Candidate], figures: list[FoundFigure]) -> list[Candidate]:
        """Each figure goes to the nearest event of its sentence, else (the dead and wounded) to
        the violent event told just before it; a figure with neither reports an event of its
        own (a killing, an evacuation). A running total goes to an event of its
        period, never to a happening of the day (:meth:`_running_period`)."""
        made = []
        for figure in figures:
            sentence = self.ctx.segment_of(figure.outcome_at)
            period = self._running_period(figure)
            if period is not None:
                self._attach_running_total(figure, period, sentence, candidates, made)
                continue
            near = [c for c in candidates + made if c.sentence == sentence and c.period is None]
            # "المعارك في دير الزور التي سبق أن سيطر عليها التنظيم أسفرت عن تسعة قتلى": the dead
            # are the fighting's, not those of the undated background told beside it
            near = [c for c in near if not (c.record.modality == "Historical" and c.own_date is None)] or near
            if near:
                min(near, key=lambda c: abs(c.trigger.begin - figure.outcome_at)).record.figures.append(figure.record)
                continue
            host = self._told_just_before(figure, sentence, candidates)
            if host is not None:
                host.record.figures.append(figure.record)
                continue
            made_one = self._figure_event(figure, sentence)
            if made_one is not None:
                made.append(made_one)
        return made

    def _told_just_before(self, figure: FoundFigure, sentence: tuple[int, int],
                          candidates: list[Candidate]) -> Candidate | None:
        """The dead or wounded counted in a sentence that tells no event ("ليرتفع عدد القتلى
        إلى 305 أشخاص") are those of the violent event told in the sentences just before
        (FIGURE_HOST_REACH), the latest one whose place agrees; None when there is none."""
        if figure.record.outcome not in ("Killed", "Injured"):
            return None
        here = self.ctx.sentence_number(sentence)
        if here is None:
            return None
        before = set(self.ctx.segments[max(0, here - FIGURE_HOST_REACH):here])
        probe = Cue(figure.outcome_at, figure.record.span.end,
                    EventTrigger(figure.record.span.text, _figure_event_type(figure.record)), False)
        place, inferred = self._place(probe)
        own_date = self._date(probe, sentence)
        hosts = [c for c in candidates if c.sentence in before and c.period is None and not c.in_title
                 and c.record.type in VIOLENT_TYPES and c.record.modality == "Asserted"
                 and (place is None or inferred or c.record.location is None or _nested(place, c.record.location))
                 and _same_days(own_date, c.own_date)]
        return max(hosts, key=lambda c: c.trigger.begin, default=None)

    def _figure_event(self, figure: FoundFigure, sentence, event_type: str | None = None,
                      period: RunningPeriod | None = None) -> Candidate | None:
        record = figure.record
        event_type = event_type or _figure_event_type(record, self._munition_kind(record.span))
        trigger = Cue(figure.outcome_at, record.span.end, EventTrigger(record.span.text, event_type), False)
        if modality_of(self.ctx, trigger) in NOT_REPORTED:
            return None
        event = EventRecord(type=event_type, evidence=[record.span], figures=[record])
        event.location, inferred = self._place(trigger)
        if event.location is None and period is not None:
            event.location = period.where
        own_date = None if period else self._date(trigger, sentence)
        if own_date is not None and (is_background(self.ctx, own_date.latest) or self._long_since(own_date)):
            return None
        toll = record.outcome in ("Killed", "Injured")
        return Candidate(event, trigger, sentence, own_date, in_title=self.ctx.in_title(trigger.begin),
                         place_inferred=inferred, period=period, certain_type=not toll, told_by_toll=toll)

    def _munition_kind(self, span: Span) -> str | None:
        """The kind of the weapon a figure counts ("59 صاروخا": ground), None for strikes."""
        named = [c for c in self.ctx.cues("instruments.tsv") if span.begin <= c.begin < span.end]
        return self._carrier(named[0], named[0]) if named else None

    # ------------------------------------------------------------------ running totals
    def _running_period(self, figure: FoundFigure) -> RunningPeriod | None:
        """The period of a running total ("أكثر من نصف مليون قتيل منذ اندلاع الحرب", "ما يرفع
        إلى 892 مدنيا عدد من قتلوا خلال نحو أربعة أعوام"): the figure's clause holds a span of
        time up to the report that reaches back more than HISTORICAL_DAYS, or its sentence a
        word of running_totals.tsv with the war or a date that long ago. None for the figure of
        one happening."""
        ctx = self.ctx
        if ctx.published is None:
            return None
        clause, sentence = ctx.clause_of(figure.outcome_at), ctx.segment_of(figure.outcome_at)
        long_ago = [d for d in ctx.dates if d.resolved and (ctx.published - d.earliest).days > HISTORICAL_DAYS
                    and not self._compares(figure, d.begin)]
        running = [d for d in long_ago if _inside(clause, d.begin) and d.latest >= ctx.published]
        if running:
            return RunningPeriod(min(d.earliest for d in running), ctx.published, running[0].text)
        for cue in ctx.cues("running_totals.tsv"):
            if not _inside(sentence, cue.begin) or self._compares(figure, cue.begin):
                continue
            start = min((d.earliest for d in long_ago if _inside(sentence, d.begin)), default=None)
            if start is not None or self._names_the_war(sentence):
                return self._war_period(start, sentence, ctx.text[cue.begin:cue.end])
        war = self._killed_in_the_war(figure, clause)
        return self._war_period(None, sentence, ctx.text[war.begin:war.end]) if war else None

    def _war_period(self, start: dt.date | None, sentence: tuple[int, int], said: str) -> RunningPeriod:
        """A war's running total up to the report, from ``start`` or when the war began: as the
        article says (:attr:`_war_began`), else as known for the war it names (known_wars.tsv)."""
        known = self._known_war(sentence)
        start = start or self._war_began or (known.began if known else None)
        return RunningPeriod(start, self.ctx.published, said, DEFAULT_BASE + known.country if known else None)

    def _known_war(self, sentence: tuple[int, int]) -> KnownWar | None:
        """The war of known_wars.tsv the article names, in the total's sentence first."""
        named = self.ctx.cues("known_wars.tsv")
        here = next((cue for cue in named if _inside(sentence, cue.begin)), named[0] if named else None)
        return here.entry if here is not None else None

    @cached_property
    def _war_began(self) -> dt.date | None:
        """When the war the article speaks of began, where it says so: a date long ago in a
        clause that names the war ("الحرب التي اندلعت في سوريا في عام 2011"), so that "منذ
        اندلاع الحرب" in its headline is dated too."""
        ctx = self.ctx
        wars = [cue for cue in ctx.cues("since_descriptions.tsv") if cue.entry.kind == "war"]
        return min((d.earliest for d in ctx.dates if d.resolved and ctx.published
                    and (ctx.published - d.latest).days > HISTORICAL_DAYS
                    and any(_inside(ctx.clause_of(d.begin), w.begin) for w in wars)), default=None)

    def _killed_in_the_war(self, figure: FoundFigure, clause: tuple[int, int]) -> Cue | None:
        """"وقتل في النزاع السوري أكثر من 200 صحفي": the war itself is where they died, told
        beside the count in a clause that names no happening: the war's toll, not a day's."""
        ctx = self.ctx
        if any(_inside(clause, c.begin) for c in ctx.cues("event_triggers.tsv")):
            return None
        first, last = min(figure.outcome_at, figure.record.span.begin), figure.record.span.end
        return next((cue for cue in ctx.cues("since_descriptions.tsv") if cue.entry.kind == "war"
                     and _inside(clause, cue.begin) and first <= cue.begin
                     and ctx.words_between(last, cue.begin) <= WAR_TOLL_REACH
                     and place_word_before(ctx.text, cue.begin, 1, IN) is not None), None)

    def _compares(self, figure: FoundFigure, at: int) -> bool:
        """A superlative after the figure governs the span ("قتل 5 في أعنف قصف منذ بداية الحرب"):
        it compares, it does not total."""
        ctx = self.ctx
        return any(cue.entry.kind == "superlative" and figure.record.span.end <= cue.begin and cue.end <= at
                   and ctx.words_between(cue.end, at) <= cue.entry.reach
                   and not CLAUSE_BREAK.search(ctx.text, cue.end, at)
                   for cue in ctx.cues("since_descriptions.tsv"))

    def _names_the_war(self, sentence: tuple[int, int]) -> bool:
        return any(cue.entry.kind == "war" and _inside(sentence, cue.begin)
                   for cue in self.ctx.cues("since_descriptions.tsv"))

    def _attach_running_total(self, figure: FoundFigure, period: RunningPeriod, sentence,
                              candidates: list[Candidate], made: list[Candidate]) -> None:
        """The running totals of a sentence share one event of their period, of the kind the
        sentence speaks of (the strikes of "ضربات جوية … ما يرفع إلى 892 عدد من قتلوا"), with
        the same initiators; with no such trigger (for the dead, no violent one), the kind the
        figure tells of."""
        record = figure.record
        record.running_total, record.earliest, record.latest = True, period.earliest, period.latest
        carrier = next((c for c in made if c.period is not None and c.sentence == sentence), None)
        if carrier is not None:
            carrier.record.figures.append(record)
            return
        # the dead are counted by a violent kind: not by the truce of "وقع الطرفان هدنة"
        violent_only = record.outcome in ("Killed", "Injured")
        told = [c for c in candidates if c.sentence == sentence and c.period is None
                and (not violent_only or c.record.type in VIOLENT_TYPES)]
        nearest = min(told, key=lambda c: abs(c.trigger.begin - figure.outcome_at), default=None)
        carrier = self._figure_event(figure, sentence, nearest.record.type if nearest else None, period)
        if carrier is not None:
            if nearest is not None:
                carrier.record.initiators = list(nearest.record.initiators)
            made.append(carrier)

    def _finish(self, candidate: Candidate) -> EventRecord:
        record = candidate.record
        for part in [candidate, *candidate.merged]:
            for source in self.sources.get(part.sentence, []):
                self._cite(record, source)
        if not record.initiators:
            speaker = next((s for part in [candidate, *candidate.merged] if self._own_forces_act(part)
                            for s in self.sources.get(part.sentence, [])[:1]), None)
            if speaker is not None and speaker.source.entity_class not in NON_FIGHTING:
                # "قال التحالف إن طائراته نفذت …": the speaker's own aircraft act, a claim of its own
                record.initiators = [speaker.source.entity]
                record.targets = [t for t in record.targets if t != speaker.source.entity]
                if record.modality == "Asserted":
                    record.modality, record.claimed_by = "Claimed", speaker.source.entity
        # The first report's own date wins, else the most precise date of a report joined to it:
        # a toll "within less than a week" totals the campaign, it does not widen "Tuesday".
        joined = sorted((c.own_date for c in candidate.merged if c.own_date and c.own_date.resolved),
                        key=lambda d: d.latest - d.earliest)
        _set_dates(self.ctx, record, [candidate.own_date] if candidate.own_date else joined[:1])
        if candidate.period is not None:
            record.date, record.earliest, record.latest = None, candidate.period.earliest, candidate.period.latest
            if record.earliest is None:
                record.date_unresolved = candidate.period.said     # "منذ اندلاع الحرب": begun, not dated
        return record

    def _own_forces_before(self, trigger: Cue, before: list[Ref]) -> bool:
        """A speaker's own forces ("طائراته", "قواتنا": own_forces.tsv) are the nearest
        subject before the trigger, within its clause."""
        ctx = self.ctx
        clause = ctx.clause_of(trigger.begin)
        last_actor = before[-1].end if before else -1
        return any(clause[0] <= cue.begin and cue.end <= trigger.begin and cue.begin >= last_actor
                   and ctx.words_between(cue.end, trigger.begin) <= ROLE_REACH
                   and (cue.entry.person != "pronoun" or self._speaker_pronoun(cue, trigger))
                   for cue in ctx.cues("own_forces.tsv"))

    def _speaker_pronoun(self, cue: Cue, trigger: Cue) -> bool:
        """"أنه/إنها …" is the speaker doing the act: close to the trigger (PRONOUN_REACH words),
        no negation or event-subject verb between (pronoun_breaks.tsv), and no other force
        named before it in the sentence."""
        if self.ctx.words_between(cue.end, trigger.begin) > PRONOUN_REACH:
            return False
        between = fold(self.ctx.text[cue.end:trigger.begin]).split()
        if any(word in _pronoun_breaks() or morphology().is_negation(word, loose=True) for word in between):
            return False
        return self._only_sources_before(cue)

    def _only_sources_before(self, cue: Cue) -> bool:
        """No force but the sentence's sources is named before ``cue`` in its sentence."""
        sentence = self.ctx.segment_of(cue.begin)
        sources = {a.source.begin for a in self.sources.get(sentence, [])}
        return bool(sources) and all(a.begin in sources for a in self.ctx.actors
                                     if sentence[0] <= a.begin and a.end <= cue.begin)

    def _own_forces_act(self, candidate: Candidate) -> bool:
        """The trigger's subject is the speaker's own forces: before it, or right after a verb."""
        trigger, ctx = candidate.trigger, self.ctx
        clause = ctx.clause_of(trigger.begin)
        before = [a for a in ctx.actors if clause[0] <= a.begin and a.end <= trigger.begin]
        if self._own_forces_before(trigger, before):
            return True
        return _is_verb(trigger) and any(
            clause[0] <= cue.begin < clause[1] and cue.begin >= trigger.end
            and ctx.words_between(trigger.end, cue.begin) == 0 for cue in ctx.cues("own_forces.tsv"))

    @staticmethod
    def _cite(record: EventRecord, source: Attribution) -> None:
        if source.source.entity not in record.reported_by:
            record.reported_by.append(source.source.entity)
        if source.claim and record.modality == "Asserted":
            record.modality, record.claimed_by = "Claimed", source.source.entity
        elif record.modality == "Claimed" and record.claimed_by is None:
            record.claimed_by = source.source.entity      # "الهجوم المزعوم", as its source says


# ---------------------------------------------------------------------- merging
def merge_reports(ctx: ArticleContext, candidates: list[Candidate]) -> list[Candidate]:
    """One event per happening. A report joins an earlier one of the same type when nothing
    they say differs (dates overlap, places nest, forces agree) and when they are one
    happening told twice: in one sentence, a headline and its body, a definite noun referring
    back ("القصف", "الاشتباكات"), or the same force striking. Background mentions that refer
    back to nothing, and "هجوم" that joins no event and counts no one, are dropped: they are
    not reports."""
    body = [c for c in candidates if not c.in_title]
    title = [c for c in candidates if c.in_title]
    events: list[Candidate] = []
    for candidate in body + title:
        # A body report refers back to the latest fitting event; a headline sums up the first.
        order = events if candidate.in_title else list(reversed(events))
        host = next((e for e in order if _same_happening(ctx, candidate, e)), None) or _waged_for(candidate, events) \
            or _past_it_refers_to(ctx, candidate, events)
        if host is not None:
            _absorb(host, candidate)
        elif not (candidate.anaphoric and candidate.record.modality == "Historical") \
                and _reports_on_its_own(candidate):
            events.append(candidate)
    return sorted(events, key=lambda c: c.trigger.begin)


def _past_it_refers_to(ctx: ArticleContext, candidate: Candidate, events: list[Candidate]) -> Candidate | None:
    """"في أبريل 2017 قصفت الطائرات … خان شيخون … وحددت المنظمة العنصر القاتل في الهجوم": a definite
    noun with no date of its own, right after a past happening of its kind is told (its sentence
    or the one before), refers back to it, not to a happening of the report's days."""
    if not candidate.anaphoric or candidate.own_date is not None or candidate.record.modality != "Asserted":
        return None
    here = ctx.sentence_number(candidate.sentence)
    if here is None:
        return None
    told = [e for e in events if e.record.modality == "Historical"
            and ctx.sentence_number(e.sentence) is not None and 0 <= here - ctx.sentence_number(e.sentence) <= 1]
    last = max(told, key=lambda e: e.trigger.begin, default=None)
    if last is None or not (last.record.type == candidate.record.type or _vague_match(candidate, last)):
        return None
    return last


def _too_wide_for_one_holder(place: str) -> bool:
    """A governorate, region or country is held in parts by many: its holder is no target."""
    entry = catalogue_entry(place)
    return entry is not None and entry.entity_class in WIDE_AREAS


def _waged_for(candidate: Candidate, events: list[Candidate]) -> Candidate | None:
    """"استعادت قوات النظام … درعا والقنيطرة إثر عملية عسكرية": an offensive told in the sentence
    of a hostile event by the same force is how that event came about, not another one."""
    if candidate.trigger.entry.type != "Attack" or not candidate.record.initiators:
        return None
    return next((e for e in reversed(events) if e.sentence == candidate.sentence and e.record.type in HOSTILE_TYPES
                 and set(e.record.initiators) & set(candidate.record.initiators)), None)


def _reports_on_its_own(candidate: Candidate) -> bool:
    """"هجوم" (an offensive, a military operation) that joins no event is talk of attacks,
    unless it names who attacks and where ("الهجوم الذي تشنه القوات الحكومية على الغوطة"): a
    clash; or counts its dead or wounded ("قتل خمسة من عناصر الأمن في هجوم"): the attack those
    figures tell of, of the kind they tell (fighters killed: a clash; people: an attack on civilians)."""
    if candidate.trigger.entry.type != "Attack":
        return True
    record = candidate.record
    if not record.figures:
        return bool(record.initiators and record.location and not candidate.place_inferred)
    record.type = _figure_event_type(record.figures[0])
    return True


def one_happening(a: EventRecord, b: EventRecord) -> bool:
    """Two finished events of one article that tell one happening: the same type and modality,
    days that overlap, places that nest, no force of one missing from the other when both name
    forces, and either a force in common or the very same place named by both with the same forces
    (for fighting, forces named by one of them only are enough: "يشن النظام عملية … حيث اندلعت
    اشتباكات" and "المعارك" in that province are one battle) (for a strike, at most one of them counting casualties: two tolls of one place and day may
    be two strikes; for a deal, an evacuation or a flight, the same place whoever each names:
    ONE_PER_PLACE). The total of a period never joins a happening of it. The rule that no two
    events of an article may still meet once they are merged."""
    if a.type != b.type or not modalities_meet(a, b) or carries_total(a) != carries_total(b):
        return False
    if not _days_overlap(a, b):
        return False
    if a.location and b.location and not _nested(a.location, b.location):
        return False
    a_sides, b_sides = sides_of(a.initiators), sides_of(b.initiators)
    if a_sides and b_sides and a_sides != b_sides:
        return False
    if a_sides & b_sides:
        return True
    # one place, not one within the other: two deals of one region ("اتفاقين") may be two
    same_place = bool(a.location) and a.location == b.location
    if a.type in ONE_PER_PLACE:
        return same_place     # one deal, evacuation or flight per place, whoever each names
    if a.type == "ArmedClash" and not (a_sides and b_sides):
        return same_place     # the fighting in one place over those days, its sides named once
    return same_place and a_sides == b_sides and not (a.figures and b.figures)


def modalities_meet(a: EventRecord, b: EventRecord) -> bool:
    """Reports of one happening say it with one modality, except that what one sentence asserts
    another may call alleged ("الهجوم الكيميائي على دوما" … "الهجوم المزعوم"): one happening,
    as cautious as its most cautious report (:func:`_absorb`)."""
    return a.modality == b.modality or {a.modality, b.modality} == CLAIM_OR_FACT


def sides_of(forces: list[str]) -> set[str]:
    """The sides the forces fight on (:meth:`CatalogueIndex.side`): a report naming the state
    ("قصفت إسرائيل") and one naming its army ("طائرتان تابعتان للجيش الإسرائيلي") agree."""
    return {side_of(force) for force in forces}


def carries_total(record: EventRecord) -> bool:
    return any(figure.running_total for figure in record.figures)


def _days(record: EventRecord) -> tuple[dt.date | None, dt.date | None]:
    return (record.date or record.earliest), (record.date or record.latest)


def _days_overlap(a: EventRecord, b: EventRecord) -> bool:
    (a_from, a_to), (b_from, b_to) = _days(a), _days(b)
    if None in (a_from, a_to, b_from, b_to):
        return a_from == b_from and a_to == b_to
    return _spans_meet(a_from, a_to, b_from, b_to)


def _same_days(figure_date: DateExpression | None, host_date: DateExpression | None) -> bool:
    """A toll dated by its own words ("غداة مقتل أربعة مدنيين": the day before) belongs only to
    an event dated by its own words to the same days."""
    if figure_date is None or not figure_date.resolved:
        return True
    return host_date is not None and host_date.resolved and \
        figure_date.earliest <= host_date.latest and host_date.earliest <= figure_date.latest


def _spans_meet(a_from: dt.date, a_to: dt.date, b_from: dt.date, b_to: dt.date) -> bool:
    """Two spans of days overlap, a day of slack either side (a report's "yesterday" at midnight)."""
    slack = dt.timedelta(days=1)
    return a_from <= b_to + slack and b_from <= a_to + slack


def join_told_twice(finished: list[tuple[Candidate, EventRecord]]) -> list[tuple[Candidate, EventRecord]]:
    """Events that still tell one happening once merged and dated (:func:`one_happening`:
    a strike told in two sentences with nothing in between to say it was the same) become one,
    until no two meet; the more precise dates win."""
    joined: list[tuple[Candidate, EventRecord]] = []
    for candidate, record in finished:
        host = next(((c, r) for c, r in joined if one_happening(r, record)
                     or _one_site_struck(record, r) or _one_site_struck(r, record)), None)
        if host is None:
            joined.append((candidate, record))
            continue
        _absorb(host[0], candidate)
        _keep_narrower_days(host[1], record)
    return joined if len(joined) == len(finished) else join_told_twice(joined)


def _one_site_struck(unnamed: EventRecord, named: EventRecord) -> bool:
    """"قصفت إسرائيل مطار التيفور" … "طائرات أطلقت صواريخ على مطار التيفور" … "وأسفرت الضربة
    الجوية عن مقتل 14": an event that names no force, at the very site (a base, a crossing) where
    an event of the same type and days names one, is that event told again. (In a town, a second
    strike of the day may be another one: "طائرات أصابت مستشفى في المدينة" stays apart.) A strike that names
    no weapon ("قصف مطار التيفور") may be the air strike named there."""
    if unnamed.initiators or not named.initiators or unnamed.location != named.location:
        return False
    entry = catalogue_entry(unnamed.location) if unnamed.location else None
    same_kind = unnamed.type == named.type or \
        (not unnamed.instruments and {unnamed.type, named.type} <= {"AirStrike", "Shelling"})
    return entry is not None and entry.entity_class in SITES and same_kind \
        and modalities_meet(unnamed, named) and _days_overlap(unnamed, named)


def _keep_narrower_days(host: EventRecord, part: EventRecord) -> None:
    (h_from, h_to), (p_from, p_to) = _days(host), _days(part)
    if None in (h_from, h_to, p_from, p_to) or (p_to - p_from) >= (h_to - h_from):
        return
    host.date, host.earliest, host.latest = part.date, part.earliest, part.latest


def _anchored(event: Candidate) -> bool:
    """A happening of the past is reported when it names who and where. A happening told only
    by nouns ("المعارك", "القصف", "الاشتباكات", "الفرار") is reported when some report of it
    names a participant (its speaker's own forces included), a place of its own,
    a date of its own or a figure; bare, it is the war spoken of in general ("فرار المدنيين من
    المعارك"), not an event. (Read after ``_finish``, which may add the speaker as initiator.)"""
    reports = [event, *event.merged]
    record = event.record
    dated = any(r.own_date is not None and r.own_date.resolved for r in reports)
    if not (record.location or record.initiators or record.targets or record.figures or dated):
        return False    # "قصف" with no one, nowhere, no day and no toll: nothing an analyst can place
    if record.modality == "Historical":
        # background from years ago ("هجوم عام 2013") is kept when it says when, who (or how many
        # it killed: "هجوم كيماوي قتل 70 شخصا في خان شيخون العام الماضي") and where: without all
        # three ("التي سبق أن سيطر عليها التنظيم", "غارات سابقة"), it is the past spoken of, not a
        # happening an analyst can place (the report's days would date it wrongly)
        return dated and bool((record.initiators or record.figures) and record.location)
    if any(_is_verb(r.trigger) for r in reports):
        return True
    # a deal, a flight or an evacuation told by a noun needs at least a place, if only the one
    # last spoken of ("فرار المدنيين" with none is people fleeing the war in general)
    own_place = record.location and (record.type not in HOSTILE_TYPES or not event.place_inferred)
    return bool(record.initiators or record.targets or record.figures or own_place or dated)


def _same_happening(ctx: ArticleContext, new: Candidate, old: Candidate) -> bool:
    if not _compatible(new, old):
        return False
    # the same sides: "الغارات السورية والروسية" and "الطيران الحربي السوري نفذ أمس" may be a
    # campaign and one day of it
    shared_force = bool(new.record.initiators) and sides_of(new.record.initiators) == sides_of(old.record.initiators)
    return (new.sentence == old.sentence or new.in_title or old.in_title or new.anaphoric
            or shared_force or _same_place(new, old))


def _same_place(new: Candidate, old: Candidate) -> bool:
    """Both reports name the place themselves, and it is one place (or one within the other),
    with the same forces and at most one of them counting casualties: one happening told again
    further on. A report that names no force beside a named force's strike may be another one
    (planes hit a hospital in the town the Russian jets bombed): it stays apart; not so for a
    deal, an evacuation or a flight (ONE_PER_PLACE)."""
    a, b = new.record, old.record
    if not (a.location and b.location and not (new.place_inferred or old.place_inferred)
            and _nested(a.location, b.location)):
        return False
    if a.type in ONE_PER_PLACE and b.type in ONE_PER_PLACE:
        return True
    return sides_of(a.initiators) == sides_of(b.initiators) and not (a.figures and b.figures)


def _compatible(new: Candidate, old: Candidate) -> bool:
    a, b = new.record, old.record
    if (new.period is None) != (old.period is None):
        return False      # the total of a period is not one of its happenings
    same_type = a.type == b.type or _vague_match(new, old) or _vague_match(old, new)
    if not same_type or not modalities_meet(a, b):
        return False
    if a.initiators and b.initiators and not sides_of(a.initiators) & sides_of(b.initiators):
        return False
    if a.location and b.location and not (new.place_inferred or old.place_inferred) \
            and not _nested(a.location, b.location):
        return False
    if new.own_date and old.own_date and new.own_date.resolved and old.own_date.resolved:
        return _spans_meet(new.own_date.earliest, new.own_date.latest, old.own_date.earliest, old.own_date.latest)
    return True


def _vague_match(vague: Candidate, other: Candidate) -> bool:
    """A report whose kind is not said ("القصف" with no weapon, "الهجوم") fits a hostile event;
    a headline's bare toll ("300 قتيل في الغوطة") fits any violent one: it sums up the body,
    counting the dead, not saying how they died. (In the body a toll may be another day's:
    "ويأتي ذلك غداة مقتل أربعة مدنيين".)"""
    if vague.certain_type:
        return False
    if vague.told_by_toll:
        return vague.in_title and other.record.type in VIOLENT_TYPES
    if vague.trigger.entry.type == "Attack":
        return other.record.type in HOSTILE_TYPES
    return {vague.record.type, other.record.type} <= {"AirStrike", "Shelling"}


def _nested(a: str, b: str) -> bool:
    return a == b or a in enclosing_places(b) or b in enclosing_places(a)


def _absorb(host: Candidate, part: Candidate) -> None:
    a, b = host.record, part.record
    if not host.certain_type and part.certain_type:
        a.type, host.certain_type = b.type, True
    a.evidence += b.evidence
    for name in ("initiators", "targets", "supporters", "instruments", "reported_by"):
        merged = getattr(a, name) + [x for x in getattr(b, name) if x not in getattr(a, name)]
        setattr(a, name, merged)
    a.targets = [t for t in a.targets if t not in a.initiators]
    a.figures += b.figures
    if b.modality == "Claimed" and a.modality == "Asserted":
        a.modality, a.claimed_by = b.modality, b.claimed_by
    if b.location and (not a.location or host.place_inferred and not part.place_inferred):
        a.location, host.place_inferred = b.location, part.place_inferred
    elif a.type in ONE_PER_PLACE and b.location and not part.place_inferred \
            and a.location in enclosing_places(b.location):
        a.location = b.location    # a deal "في ريف دمشق", then "اتفاق يلدا": the one that says most where
    host.merged.append(part)


# ---------------------------------------------------------------------- small pieces
def _other_force_between(ctx: ArticleContext, previous: Candidate, current: Candidate) -> bool:
    """A force named between two triggers that is not the first one's subject breaks the
    sharing: "القصف الروسي دعما لقوات النظام ولمواجهة اقتحام …"."""
    return any(previous.trigger.end <= a.begin < current.trigger.begin
               and a.entity not in previous.record.initiators for a in ctx.actors)


def _share_subjects(ctx: ArticleContext, candidates: list[Candidate]) -> None:
    """"استعادت قوات النظام … إثر عملية عسكرية ثم اتفاقات تسوية": a noun trigger with no force
    of its own shares the initiators of the trigger before it in the sentence (a verb has a
    subject of its own, if only a pronoun: "بعدما سيطروا")."""
    for previous, current in zip(candidates, candidates[1:]):
        if current.sentence == previous.sentence and not current.record.initiators \
                and not _is_verb(current.trigger) and not _other_force_between(ctx, previous, current):
            current.record.initiators = list(previous.record.initiators)
            current.record.targets = [t for t in current.record.targets if t not in current.record.initiators]


def _set_dates(ctx: ArticleContext, record: EventRecord, dates: list[DateExpression]) -> None:
    resolved = [d for d in dates if d.resolved]
    if resolved:
        earliest, latest = min(d.earliest for d in resolved), max(d.latest for d in resolved)
    elif dates:
        record.date_unresolved = dates[0].text
        return
    else:
        earliest, latest = ctx.publication_window()
    if latest is not None and ctx.published is not None and latest > ctx.published:
        latest = ctx.published        # "في 2018", told in July: it happened by the report's day
    if earliest is not None and earliest == latest:
        record.date = earliest
    else:
        record.earliest, record.latest = earliest, latest


def _figure_event_type(figure: FigureRecord, munition_kind: str | None = None) -> str:
    """The kind of happening a figure tells of when no trigger says it; a count of munitions
    (``munition_kind``: "150 صاروخا" ground, "20 برميلا" air) is a strike of their kind."""
    if figure.outcome == "Strikes" and munition_kind is not None:
        return STRIKE_TYPES[munition_kind]
    if figure.outcome in ("Killed", "Injured"):
        armed = figure.population == "Combatants" or figure.affiliation
        if figure.running_total and figure.population is None:
            return "ArmedClash"     # the dead of a war, fighters and civilians alike
        return "ArmedClash" if armed else "AttackOnCivilians"
    return {"Evacuated": "Evacuation", "Displaced": "Displacement", "Strikes": "AirStrike"}[figure.outcome]


def _inside(span: tuple[int, int], offset: int) -> bool:
    return span[0] <= offset < span[1]


def _until(refs: list[Ref], stop: set[int]) -> list[Ref]:
    """``refs`` up to the first that begins at ``stop``: a subject ends where the hit begins."""
    for i, ref in enumerate(refs):
        if ref.begin in stop:
            return refs[:i]
    return refs


def _entities(refs: list[Ref]) -> list[str]:
    return list(dict.fromkeys(r.entity for r in refs))


def _instruments(named: list[Cue], kind: str | None) -> list[str]:
    """The weapons named of one kind of strike; missiles go with strikes from the ground or air."""
    kinds = {kind, "missile"} if kind in ("air", "ground") else {kind}
    return list(dict.fromkeys(c.entry.instrument for c in named if kind is None or c.entry.kind in kinds))


@lru_cache(maxsize=1)
def _missiles() -> frozenset[str]:
    return frozenset(row.instrument for row in lexicon("instruments.tsv") if row.kind == "missile")


@lru_cache(maxsize=1)
def _pronoun_breaks() -> frozenset[str]:
    return frozenset(fold(word) for word in words("pronoun_breaks.tsv"))


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return frozenset(fold(word) for word in words("prepositions.tsv"))


def _is_verb(trigger: Cue) -> bool:
    """A verb form of the lexicon ("قصفت", "استهدف"); a definite match is always a noun, and so
    is one after a preposition ("بقصف", "لقصف": a verb takes only و and ف before it)."""
    return trigger.entry.pos == "verb" and not trigger.definite and not morphology().has_preposition(trigger.prefix)


def _span(ctx: ArticleContext, cue: Cue) -> Span:
    return Span(cue.begin, cue.end, ctx.text[cue.begin:cue.end])



def targets_from_holders(events: list[EventRecord], controls: list[ControlRecord]) -> None:
    """A reported attack that names no target ("استعاد الجيش السيطرة على مدن الغوطة") is on the
    force the article says holds its place or the area around it ("الغوطة، معقل الفصائل
    المعارضة"), when that is one force other than the attackers. Runs after the control reader."""
    holders: dict[str, set[str]] = {}
    for control in controls:
        holders.setdefault(control.territory, set()).add(control.controller)
    for event in events:
        if event.type not in HOSTILE_TYPES or event.targets or not event.initiators or not event.location \
                or event.modality != "Asserted" or _too_wide_for_one_holder(event.location):
            continue
        # the nearest level held by someone else (the attackers may hold the place once taken)
        others = next((holders[p] - set(event.initiators) for p in [event.location, *enclosing_places(event.location)]
                       if holders.get(p, set()) - set(event.initiators)), set())
        if len(others) == 1:
            event.targets = sorted(others)


def party_mentions(ctx: ArticleContext, events: list[EventRecord]) -> list[Mention]:
    """The nationality adjectives read as forces (ArticleContext.actors) that are an event's
    initiator or target, as mentions of those forces (the adjective is the span that names
    them); the names the entity stage read are mentioned already."""
    parties = {iri for event in events for iri in (*event.initiators, *event.targets)}
    named = {(m.span.begin, m.span.end) for m in ctx.mentions}
    # the adjective with its article, without the conjunction on it ("وإيرانية", "والروسي")
    conjunctions = morphology().conjunctions
    own_begin = {cue.begin: cue.begin + (1 if cue.prefix[:1] in conjunctions else 0)
                 for cue in ctx.cues("actor_adjectives.tsv")}
    found = []
    for ref in ctx.actors:
        entry = catalogue_entry(ref.entity)
        if ref.entity in parties and (ref.begin, ref.end) not in named and entry is not None:
            begin = own_begin.get(ref.begin, ref.begin)
            found.append(Mention(Span(begin, ref.end, ctx.text[begin:ref.end]), ref.entity, "actor",
                                 entry.entity_class, entry.label_ar))
    return found


@lru_cache(maxsize=None)
def _idioms_of(form: str) -> tuple[tuple[str, int, str], ...]:
    """``trigger_idioms.tsv`` rows of a trigger form: (folded word, reach, side)."""
    return tuple((fold(row.word), row.reach, row.side) for row in lexicon("trigger_idioms.tsv") if row.form == form)


@lru_cache(maxsize=1)
def _when_words() -> frozenset[str]:
    return frozenset(fold(w) for w in words("when_words.tsv"))


@lru_cache(maxsize=1)
def _air_strikers() -> frozenset[str]:
    """``air_strikers.tsv``: the forces whose strike with no weapon named is an air strike."""
    return frozenset(DEFAULT_BASE + row.actor for row in lexicon("air_strikers.tsv"))

"""The linguistic data files (``conflictkg/nlp/data/*.tsv``), loaded into typed, frozen records.

A data file is written for a linguist: comment lines (``#``) say what it is for, then rows of
tab-separated fields. One comment line is the **header**: the column names, tab-separated
(``# form	type	needs	pos``). Each file has a record class here (:data:`LEXICONS`) whose
fields are those names, in that order, with their types:

- ``str``: any text; ``int``: a whole number; ``bool``: ``yes`` or ``no``; a date: ``YYYY-MM-DD``;
- a ``Literal[...]``: one of the listed values (an event type, an outcome, a role …);
- a field with a default may be left empty or written ``-``: it then takes the default.

Everything is checked when a file is first read: a header that does not name the record's
fields, a row with too many fields, a missing required value, a number that is not one or a
value outside its list stops the program with :class:`LexiconError`, naming the file and the
line, at start-up (the pipeline loads every file it uses when it is built), never mid-build.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Union

DATA_DIR = Path(__file__).resolve().parent / "data"

EventClass = Literal["AirStrike", "Shelling", "Bombing", "ArmedClash", "TerritoryTaken",
                     "AttackOnCivilians", "Abduction", "Arrest", "Evacuation", "Displacement",
                     "Agreement"]
Outcome = Literal["Killed", "Injured", "Evacuated", "Displaced", "Strikes"]
Population = Literal["Civilians", "Children", "Women", "Combatants", "MedicalWorkers"]
AllegianceKind = Literal["PledgedAllegiance", "Supports", "AlliedWith", "MemberOf", "AffiliatedWith",
                         "LedBy", "FormerlyAffiliated"]
EntityClass = Literal["Country", "StateForce", "ArmedGroup", "Coalition", "Organization", "Person",
                      "Governorate", "District", "Subdistrict", "City", "Town", "Village",
                      "Neighbourhood", "Region", "Camp", "BorderCrossing", "MilitaryBase"]


class LexiconError(ValueError):
    """A data file that does not parse: the message names the file and the line."""


# ---------------------------------------------------------------------- the records
@dataclass(frozen=True)
class Entry:
    """A row of a data file. Subclasses name the file's columns, first column first."""

    @property
    def key(self) -> str:
        """The first column: the word or phrase the row is about."""
        return getattr(self, dataclasses.fields(self)[0].name)


@dataclass(frozen=True)
class Word(Entry):
    """A word or phrase of a plain list, with a note for the reader."""
    word: str
    note: str = ""


@dataclass(frozen=True)
class ActorAdjective(Entry):
    form: str
    actor: str                      # a catalogue actor ("actor/<key>") or a country ("place/<key>")


@dataclass(frozen=True)
class NameCueEntry(Entry):
    cue: str
    entity_class: EntityClass
    includes_cue: bool
    note: str = ""
    quoted_only: bool = False     # the cue introduces a name only in quotes (صحيفة "العرب")


@dataclass(frozen=True)
class AllegianceModifier(Entry):
    form: str
    role: Literal["former", "people"]


@dataclass(frozen=True)
class AllegiancePattern(Entry):
    form: str
    kind: AllegianceKind
    direction: Literal["forward", "back", "reverse", "adjective"]
    reach: int = 3                  # words back from the pattern to the force it describes
    target_reach: int = 3           # words on from the pattern to the force it names
    subjects: Literal["one", "run"] = "one"   # "run": a dual or plural form, every force of the run before it


@dataclass(frozen=True)
class MembershipAdjective(Entry):
    form: str
    kind: AllegianceKind
    actor: str                      # the larger force, as "actor/<key>"
    classes: str                    # the classes of force it describes, separated by spaces
    not_before: str = ""            # a proclitic on the next word that makes it "opposed to" ("للاتفاق")

    @property
    def class_list(self) -> tuple[str, ...]:
        return tuple(self.classes.split())


@dataclass(frozen=True)
class AirStriker(Entry):
    actor: str                      # "actor/<key>" or "place/<key>"
    note: str = ""


@dataclass(frozen=True)
class AttributionCue(Entry):
    form: str
    position: Literal["after", "either", "same"]
    claim: Literal["claim"] | None = None


@dataclass(frozen=True)
class CapitalGovernment(Entry):
    capital: str                    # "place/<key>"
    government: str                 # "actor/<key>"


@dataclass(frozen=True)
class Clitic(Entry):
    form: str
    role: Literal["conjunction", "preposition", "article", "contraction"]
    lists: bool = False             # joins the items of a list (و), not only clauses (ف)
    aim: bool = False               # on a verbal noun, may say what something is for (ل)
    note: str = ""


@dataclass(frozen=True)
class ComplementHead(Entry):
    """A word whose ل-complement is a happening (تعرض لقصف), within ``reach`` words."""
    form: str
    reach: int
    note: str = ""


@dataclass(frozen=True)
class ContextCue(Entry):
    cue: str
    note: str = ""


@dataclass(frozen=True)
class Form(Entry):
    """A phrase of a cue list that needs nothing more than its form."""
    form: str
    note: str = ""


@dataclass(frozen=True)
class ControlCapture(Entry):
    form: str
    note: str = ""
    taker: Literal["after"] | None = None
    object: str = ""                # a word that must stand between the verb and the place


@dataclass(frozen=True)
class ControlPattern(Entry):
    form: str
    note: str = ""
    force: Literal["after", "before", "either"] = "either"
    place_reach: int = 4            # words between the place before the pattern and the pattern
    place_after: bool = True        # no: the place held is never one named after the pattern


@dataclass(frozen=True)
class ControlWord(Entry):
    word: str
    role: Literal["past", "no-longer", "state", "purpose", "apposition"]
    note: str = ""


@dataclass(frozen=True)
class DateWord(Entry):
    word: str
    role: Literal["since", "day", "part-of-day", "past", "year", "in", "of", "over", "about", "ago", "after",
                  "after-on", "month"]
    note: str = ""


@dataclass(frozen=True)
class CalendarPeriod(Entry):
    form: str
    unit: Literal["year", "month"]
    offset: int                     # 0: the year or month of the report; -1: the one before
    alone: bool                     # no: a date only after a part word ("بداية العام")


@dataclass(frozen=True)
class CalendarPart(Entry):
    form: str
    part: Literal["start", "middle", "end"]     # the first, middle or last third


@dataclass(frozen=True)
class LaunchVerb(Entry):
    word: str
    kind: Literal["launch", "admission"]   # its subject carries out its object, or admits doing it
    note: str = ""


@dataclass(frozen=True)
class SamePeriod(Entry):
    form: str
    unit: Literal["year", "month"]


@dataclass(frozen=True)
class DateUnit(Entry):
    form: str
    days: int
    count: int | None = None      # how many units the form itself says (a dual: 2), else counted


@dataclass(frozen=True)
class EventContext(Entry):
    form: str
    group: Literal["agreement", "evacuation", "fleeing"]


@dataclass(frozen=True)
class EventTrigger(Entry):
    form: str
    type: EventClass | Literal["Strike", "Attack"]
    needs: Literal["instrument", "agreement", "evacuation", "fleeing"] | None = None
    pos: Literal["verb", "noun"] = "noun"
    genitive: Literal["agent", "patient"] = "agent"   # what the force right after a noun is


@dataclass(frozen=True)
class PopulationNoun(Entry):
    form: str
    population: Population | None = None


@dataclass(frozen=True)
class NumberNoun(Entry):
    """A noun that says its own number: a dual (طفلان: 2) or a singular (جندي: 1)."""
    form: str
    population: Population | None = None
    count: int = 2


@dataclass(frozen=True)
class FigureWord(Entry):
    word: str
    role: Literal["among", "linking", "closing", "partitive", "versus"]
    note: str = ""


@dataclass(frozen=True)
class FigureOutcome(Entry):
    form: str
    outcome: Outcome
    position: Literal["before", "after", "either", "noun"]
    reach: int = 6                  # words between the outcome word and the number it counts
    needs: Literal["", "firing"] = ""  # firing: counts only where firing_words.tsv says it was fired


@dataclass(frozen=True)
class FigureQualifier(Entry):
    form: str
    qualifier: Literal["Exactly", "AtLeast", "MoreThan", "Approximately"]
    position: Literal["before", "after"]


@dataclass(frozen=True)
class Instrument(Entry):
    form: str
    instrument: str                 # a ck: concept (Warplane, BarrelBomb, …)
    kind: Literal["air", "ground", "explosive", "missile"]


@dataclass(frozen=True)
class TriggerIdiom(Entry):
    """A trigger that a word a few words on (or, ``before``, a few words back) makes an idiom
    of another meaning."""
    form: str
    word: str
    reach: int
    side: Literal["after", "before"] = "after"
    note: str = ""


@dataclass(frozen=True)
class WordVariant(Entry):
    """A word written interchangeably with the others of its group inside a name."""
    word: str
    group: str


@dataclass(frozen=True)
class ModalityCue(Entry):
    form: str
    modality: Literal["Claimed", "Denied", "Failed", "Historical", "Planned"]
    reach: int = 6
    position: Literal["before", "after"] = "before"


@dataclass(frozen=True)
class OrdinalDay(Entry):
    form: str
    day: int


@dataclass(frozen=True)
class Month(Entry):
    form: str
    month: int
    series: Literal["levantine", "egyptian"]


@dataclass(frozen=True)
class NationalityAdjective(Entry):
    adjective: str
    actor: str                      # "actor/<key>" or "place/<key>"


@dataclass(frozen=True)
class Nationality(Entry):
    adjective: str
    country: str                    # "place/<key>"


@dataclass(frozen=True)
class NationalBody(Entry):
    """A head noun whose nationality adjective names one country's body: "الشرطة البريطانية"."""
    head: str
    entity_class: EntityClass       # "Country": the phrase names the state itself (السلطات التركية)
    agreement: Literal["feminine", "masculine"]   # the adjective's form after this head
    note: str = ""
    mention: Literal["phrase", "adjective"] = "phrase"   # "adjective": the head is an act, the state its adjective


@dataclass(frozen=True)
class Negation(Entry):
    word: str
    always: bool        # no: often something else too ("ما")
    note: str = ""


@dataclass(frozen=True)
class NumberLink(Entry):
    word: str
    role: Literal["and", "vague"]
    note: str = ""


@dataclass(frozen=True)
class NumberWord(Entry):
    form: str
    value: str                      # a number (3, 0.5, 1000) or a digit word
    role: Literal["unit", "dual", "fraction", "multiplier"]


@dataclass(frozen=True)
class OwnForces(Entry):
    form: str
    person: Literal["first", "third", "pronoun"]


@dataclass(frozen=True)
class PersonRole(Entry):
    role: str
    kind: Literal["LedBy", "MemberOf", "-"]
    order: Literal["role-org-person", "person-role-org", "role-nationality-person", "role-person", "person-age"]
    note: str = ""


@dataclass(frozen=True)
class PlaceAnaphor(Entry):
    word: str
    classes: str                    # place classes, space-separated, most likely first
    note: str = ""

    @property
    def class_list(self) -> tuple[str, ...]:
        return tuple(self.classes.split())


@dataclass(frozen=True)
class PlaceWord(Entry):
    word: str
    relation: Literal["in", "destination", "direction", "near", "border", "side", "outskirts", "outside",
                      "road", "opponent", "origin", "time", "seat"]
    note: str = ""


@dataclass(frozen=True)
class PronounBreak(Entry):
    word: str
    why: Literal["event-subject"]


@dataclass(frozen=True)
class ReferenceEntry(Entry):
    phrase: str
    classes: str | None = None       # comma-separated entity classes the recent entity may have
    named: str | None = None         # a word the recent entity's name must carry
    fallback: str | None = None      # the catalogue entity when no recent one fits
    needs: str | None = None         # the fallback applies only once this entity is mentioned


@dataclass(frozen=True)
class RelativeClause(Entry):
    form: str
    kind: Literal["pronoun", "population"]


@dataclass(frozen=True)
class RelativeDay(Entry):
    form: str
    first: int                      # days from the publication date to the earliest day
    last: int                       # … and to the latest
    note: str = ""


@dataclass(frozen=True)
class RoleCue(Entry):
    form: str
    role: Literal["supporter", "beneficiary", "between", "counterpart", "target", "target_site", "target_object",
                  "victim", "leader", "loser"]


@dataclass(frozen=True)
class KnownWar(Entry):
    """A war named by a phrase ("النزاع السوري"), the day it is counted from, and its country."""
    form: str
    began: dt.date
    country: str
    note: str = ""


@dataclass(frozen=True)
class SinceDescription(Entry):
    form: str
    kind: Literal["war", "superlative"]
    reach: int = 2


@dataclass(frozen=True)
class WordEnding(Entry):
    ending: str
    kind: Literal["feminine", "nisba"]
    note: str = ""


@dataclass(frozen=True)
class Weekday(Entry):
    form: str
    weekday: int


# Every data file and the record its rows load into.
LEXICONS: dict[str, type[Entry]] = {
    "accused_acts.tsv": Word,
    "actor_adjectives.tsv": ActorAdjective,
    "actor_cues.tsv": NameCueEntry,
    "adjective_names.tsv": Word,
    "allegiance_modifiers.tsv": AllegianceModifier,
    "air_strikers.tsv": AirStriker,
    "allegiance_patterns.tsv": AllegiancePattern,
    "membership_adjectives.tsv": MembershipAdjective,
    "attribution_cues.tsv": AttributionCue,
    "calendar_parts.tsv": CalendarPart,
    "calendar_periods.tsv": CalendarPeriod,
    "capital_governments.tsv": CapitalGovernment,
    "clitics.tsv": Clitic,
    "context_cues.tsv": ContextCue,
    "control_area_nouns.tsv": Form,
    "control_captures.tsv": ControlCapture,
    "control_patterns.tsv": ControlPattern,
    "control_words.tsv": ControlWord,
    "cue_exclusions.tsv": Word,
    "date_units.tsv": DateUnit,
    "date_words.tsv": DateWord,
    "defence_words.tsv": Form,
    "event_context.tsv": EventContext,
    "event_triggers.tsv": EventTrigger,
    "figure_affiliations.tsv": Form,
    "figure_number_nouns.tsv": NumberNoun,
    "figure_outcomes.tsv": FigureOutcome,
    "figure_words.tsv": FigureWord,
    "figure_populations.tsv": PopulationNoun,
    "figure_qualifiers.tsv": FigureQualifier,
    "firing_words.tsv": Word,
    "meeting_words.tsv": Word,
    "government_heads.tsv": Word,
    "government_words.tsv": Word,
    "governorate_cues.tsv": Word,
    "happening_complements.tsv": ComplementHead,
    "instruments.tsv": Instrument,
    "modality_cues.tsv": ModalityCue,
    "launch_verbs.tsv": LaunchVerb,
    "list_words.tsv": Word,
    "months.tsv": Month,
    "ordinal_days.tsv": OrdinalDay,
    "name_joins.tsv": Word,
    "name_word_variants.tsv": WordVariant,
    "name_links.tsv": Word,
    "name_rejects.tsv": Word,
    "person_name_rejects.tsv": Word,
    "name_stops.tsv": Word,
    "nationality_adjectives.tsv": NationalityAdjective,
    "negations.tsv": Negation,
    "nationalities.tsv": Nationality,
    "national_bodies.tsv": NationalBody,
    "neutral_adjectives.tsv": Word,
    "number_links.tsv": NumberLink,
    "number_words.tsv": NumberWord,
    "own_forces.tsv": OwnForces,
    "person_roles.tsv": PersonRole,
    "place_anaphora.tsv": PlaceAnaphor,
    "place_cues.tsv": NameCueEntry,
    "place_words.tsv": PlaceWord,
    "place_within_links.tsv": Word,
    "prepositions.tsv": Word,
    "trigger_idioms.tsv": TriggerIdiom,
    "pronoun_breaks.tsv": PronounBreak,
    "references.tsv": ReferenceEntry,
    "relative_clauses.tsv": RelativeClause,
    "relative_days.tsv": RelativeDay,
    "reported_content.tsv": Word,
    "reporting_verbs.tsv": Word,
    "role_cues.tsv": RoleCue,
    "running_totals.tsv": Word,
    "same_periods.tsv": SamePeriod,
    "known_wars.tsv": KnownWar,
    "since_descriptions.tsv": SinceDescription,
    "since_words.tsv": Word,
    "time_references.tsv": Word,
    "title_links.tsv": Word,
    "weekdays.tsv": Weekday,
    "when_words.tsv": Word,
    "word_endings.tsv": WordEnding,
}


# ---------------------------------------------------------------------- reading
@lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[Entry, ...]:
    """The rows of ``data/<name>`` as records of the file's class in :data:`LEXICONS`."""
    if name not in LEXICONS:
        raise LexiconError(f"{name}: no record class is declared for this data file (LEXICONS)")
    return read_records(DATA_DIR / name, LEXICONS[name])


@lru_cache(maxsize=1)
def nationality_countries() -> dict[str, str]:
    """``nationalities.tsv`` as one table for every reader: the folded adjective stem ("روسي")
    -> the country's IRI."""
    from conflictkg.namespaces import DEFAULT_BASE
    from conflictkg.nlp.normalize import fold
    return {fold(row.adjective): DEFAULT_BASE + row.country for row in lexicon("nationalities.tsv")}


def words(name: str) -> tuple[str, ...]:
    """The first column of a data file: its words or forms, in file order."""
    return tuple(entry.key for entry in lexicon(name))


def load_all() -> None:
    """Read and check every data file (raises :class:`LexiconError` on the first bad one)."""
    for name in LEXICONS:
        lexicon(name)


def read_records(path: Path, record: type[Entry]) -> tuple[Entry, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = _fields(record)
    _check_header(path, lines, [f.name for f in fields])
    hints = typing.get_type_hints(record)
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        values = [value.strip() for value in line.split("\t")]
        if len(values) > len(fields):
            raise LexiconError(f"{path.name}, line {number}: {len(values)} fields, the header names "
                               f"{len(fields)} ({', '.join(f.name for f in fields)})")
        values += [""] * (len(fields) - len(values))
        try:
            rows.append(record(**{f.name: _convert(f, hints[f.name], v) for f, v in zip(fields, values)}))
        except ValueError as error:
            raise LexiconError(f"{path.name}, line {number}: {error}") from None
    return tuple(rows)


def _fields(record: type[Entry]) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(record)


def _check_header(path: Path, lines: list[str], names: list[str]) -> None:
    headers = [(n, line) for n, line in enumerate(lines, 1) if line.startswith("#") and "\t" in line]
    wanted = "\t".join(names)
    if len(headers) != 1 or [w.strip() for w in headers[0][1].lstrip("#").split("\t")] != names:
        found = f"line {headers[0][0]}: {headers[0][1]!r}" if headers else "none"
        raise LexiconError(f"{path.name}: the header must be one comment line '# {wanted}' "
                           f"(found {found})")


def _convert(field: dataclasses.Field, hint, value: str):
    has_default = field.default is not dataclasses.MISSING
    if value in ("", "-"):
        if has_default:
            return field.default
        if value == "":
            raise ValueError(f"{field.name} is required")
    options = _choices(hint)
    if options is not None:
        if value not in options:
            raise ValueError(f"{field.name} {value!r} is not one of {', '.join(sorted(options))}")
        return value
    base = _base_type(hint)
    if base is bool:
        if value not in ("yes", "no"):
            raise ValueError(f"{field.name} must be yes or no, not {value!r}")
        return value == "yes"
    if base is int:
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"{field.name} must be a whole number, not {value!r}") from None
    if base is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{field.name} must be a date YYYY-MM-DD, not {value!r}") from None
    return value


def _choices(hint) -> set[str] | None:
    """The values a ``Literal`` (or a union of them, with None) allows; None for other types."""
    if typing.get_origin(hint) is Literal:
        return set(typing.get_args(hint))
    if typing.get_origin(hint) in (Union, types.UnionType):
        parts = [a for a in typing.get_args(hint) if a is not type(None)]
        if parts and all(typing.get_origin(a) is Literal for a in parts):
            return set().union(*(typing.get_args(a) for a in parts))
    return None


def _base_type(hint) -> type:
    parts = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    return parts[0]

"""One row per event in ACLED's 31 columns, in ACLED's order and with ACLED's meanings.

ACLED's columns come first (``event_id_cnty`` … ``timestamp``); ours follow: the IRIs of the
event, its actors and place, the articles, and the Arabic evidence, so that every row can be
checked against its text. Where ACLED's codebook and this graph differ, the row says so rather
than guess:

- ``event_id_cnty``: the country's ISO alpha-3 letters and twelve digits of a hash of the
  event's IRI, so the same event keeps its id from one export to the next (``XXX`` when the
  event has no country).
- ``event_type``/``sub_event_type``: the sub-event is the ontology's ``skos:notation``
  (``^^ck:acledSubEvent``) of the event's class, read from the graph; its event type and
  ``disorder_type`` are ACLED's codebook grouping of sub-events. A class with two notations
  is told apart by its initiator (state forces regain territory, others overtake it); a class
  without one (displacement) is ACLED's catch-all "Strategic developments / Other".
- ``inter1``/``inter2``/``interaction``: ACLED's numeric actor types from our actor kinds (1 state
  forces in their own country, 8 foreign state forces and organisations, 2 armed groups, 7
  civilians); a person's type is left empty. ``interaction`` is the two codes, lower first
  (``10``… when there is one actor).
- ``fatalities``: the reported number killed; **empty when no figure is reported**, ``0`` only
  when the text reports none.
- ``iso``/``country``/``region``/``admin1..3``: names from the place hierarchy
  (``ck:within``), never ids; ``geo_precision`` 1 for a town or smaller, 2 for a district or
  region, 3 for a governorate or country (and when the coordinates are an enclosing place's).
- ``notes``: a sentence made from the event (what, who, against whom, where, when, figures,
  who reported it). ``tags`` carry the modality when the event is not simply asserted.
- ``timestamp``: the Unix time of the latest publication date of the event's articles.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is prefixed
with ``'`` so that a spreadsheet shows it instead of running it as a formula (OWASP "CSV
injection").
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
from functools import lru_cache
from pathlib import Path

from conflictkg.catalogue import catalogue_index
from conflictkg.export.store_reader import Entity, EventFact, GraphFacts

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
OUR_COLUMNS = ["event_iri", "actor1_iri", "actor2_iri", "location_iri", "articles", "modality", "evidence"]
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS

# ACLED's codebook: each sub-event type's event type, and each event type's disorder type.
SUB_EVENT_TYPES = {
    "Government regains territory": "Battles", "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests", "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments", "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}
DISORDER_TYPES = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                  "Violence against civilians": "Political violence", "Riots": "Political violence",
                  "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
CATCH_ALL = "Other"
STATE_KINDS = {"StateForce", "Country"}
PRECISION = {"Neighbourhood": "1", "Village": "1", "Town": "1", "City": "1", "Camp": "1", "MilitaryBase": "1",
             "BorderCrossing": "1", "Subdistrict": "2", "District": "2", "Region": "2", "Governorate": "3",
             "Country": "3"}
CIVILIANS, STATE, OTHER, ARMED_GROUP = "7", "1", "8", "2"
INTER = {"ArmedGroup": ARMED_GROUP, "Coalition": ARMED_GROUP, "Organization": OTHER}
CIVILIAN_TYPES = {"AttackOnCivilians", "Abduction"}
NON_VIOLENT = {"Agreement", "Evacuation", "Displacement"}
MODALITY_TAGS = {"Claimed": "claimed by a party", "Denied": "denied", "Planned": "planned, not carried out",
                 "Historical": "background: before the reporting period"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATA = Path(__file__).resolve().parent / "data"


def neutralise(cell: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _table(name: str) -> dict[str, list[str]]:
    rows = [line.split("\t") for line in (_DATA / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {row[0]: row[1:] for row in rows}


@lru_cache(maxsize=1)
def countries() -> dict[str, list[str]]:
    """Catalogue country slug → [ISO numeric, ISO alpha-3, ACLED region]."""
    return _table("acled_countries.tsv")


@lru_cache(maxsize=1)
def administering_states() -> dict[str, list[str]]:
    """Place slug → [country slug, note]: the ACLED coding of a place in no country."""
    return _table("acled_administered.tsv")


@lru_cache(maxsize=1)
def publishers() -> dict[str, list[str]]:
    """Article source → [name, ACLED source scale]."""
    return _table("acled_sources.tsv")


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _time_precision(event: EventFact) -> str:
    """ACLED's: 1 the day is known, 2 within a week, 3 within a month or wider."""
    if event.date:
        return "1"
    if event.earliest and event.latest:
        return "2" if (event.latest - event.earliest).days <= 7 else "3"
    return "3" if event.first_day else ""


def _is_state(facts: GraphFacts, actor: str) -> bool:
    entity = facts.entities.get(actor)
    return bool(entity and entity.kind in STATE_KINDS)


def acled_types(event: EventFact, facts: GraphFacts) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) from the ontology's notations for the class."""
    kind = facts.event_classes.get(event.type)
    notations = [n for n in (kind.acled if kind else ()) if n in SUB_EVENT_TYPES]
    if len(notations) > 1 and "Government regains territory" in notations:
        state = any(_is_state(facts, a) for a in event.initiators)
        notations = ["Government regains territory" if state else "Non-state actor overtakes territory"]
    elif len(notations) > 1 and "Remote explosive/landmine/IED" in notations:
        notations = ["Remote explosive/landmine/IED"]      # a suicide attack is not told apart yet
    sub_event = notations[0] if notations else CATCH_ALL
    event_type = SUB_EVENT_TYPES[sub_event]
    return DISORDER_TYPES[event_type], event_type, sub_event


def _country(facts: GraphFacts, place: str | None) -> Entity | None:
    """The country holding the place; for a place of contested sovereignty, which the graph puts
    in no country (the occupied Golan), the country ACLED codes it under (acled_administered.tsv)."""
    enclosing = list(facts.enclosing(place))
    country = next((p for p in enclosing if p.kind == "Country"), None)
    if country is not None:
        return country
    administered = administering_states()
    held = next((p for p in enclosing if _slug(p.iri) in administered), None)
    if held is None:
        return None
    iri = f"{held.iri.rsplit('/', 1)[0]}/{administered[_slug(held.iri)][0]}"
    return facts.place(iri) or _catalogue_country(iri)


def _catalogue_country(iri: str) -> Entity | None:
    """A catalogue country the graph itself does not involve, by its IRI."""
    entry = catalogue_index().by_iri.get(iri)
    return Entity(iri, "Country", True, label_en=entry.label_en, label_ar=entry.label_ar) if entry else None


def _inter(facts: GraphFacts, actor: str | None, country: Entity | None) -> str:
    entity = facts.entities.get(actor) if actor else None
    if entity is None:
        return ""
    if entity.kind == "Country":
        return STATE if country is not None and country.iri == entity.iri else OTHER
    if entity.kind == "StateForce":
        home = entity.country
        return STATE if home and country is not None and home == country.iri else OTHER
    return INTER.get(entity.kind, "")


def _interaction(inter1: str, inter2: str) -> str:
    if not inter1:
        return ""
    if not inter2:
        return inter1 + "0"
    return "".join(sorted((inter1, inter2)))


def event_id(event: EventFact, country: Entity | None) -> str:
    """ACLED-like id, stable across exports: the country's letters and twelve digits of the IRI's hash."""
    letters = countries().get(_slug(country.iri), ["", "XXX"])[1] if country else "XXX"
    digits = int(hashlib.sha256(event.iri.encode("utf-8")).hexdigest(), 16) % 10 ** 12
    return f"{letters}{digits:012d}"


def _admin(chain: list[Entity], kind: str) -> str:
    return next((p.label_en or p.label_ar for p in chain if p.kind == kind), "")


def _coordinates(chain: list[Entity]) -> tuple[str, str, str]:
    """(latitude, longitude, geo_precision): the place's own point, else the nearest enclosing one's."""
    for depth, place in enumerate(chain):
        if place.point:
            precision = PRECISION.get(chain[0].kind, "3") if depth == 0 else "3"
            return f"{place.point[1]:.4f}", f"{place.point[0]:.4f}", precision
    return "", "", PRECISION.get(chain[0].kind, "") if chain else ""


def _fatalities(event: EventFact) -> str:
    """The number killed; empty when the text reports no figure of the dead."""
    return str(event.fatalities) if any(outcome == "Killed" for outcome, _, _ in event.figures) else ""


def _figures_text(event: EventFact) -> str:
    words = {"Killed": "killed", "Injured": "injured", "Evacuated": "evacuated", "Displaced": "displaced",
             "Strikes": "strikes"}
    parts = []
    for outcome, count, population in event.figures:
        who = f" {population.lower()}" if population else ""
        parts.append(f"{count}{who} {words.get(outcome, outcome.lower())}")
    return ", ".join(parts)


def notes(event: EventFact, facts: GraphFacts, chain: list[Entity]) -> str:
    """A sentence saying what happened: what, who, against whom, where, when, figures, who reported it."""
    kind = facts.event_classes.get(event.type)
    what = (kind.label_en if kind and kind.label_en else event.type)
    sentence = what
    if event.initiators:
        sentence += " by " + " and ".join(facts.label(a) for a in event.initiators)
    if event.supporters:
        sentence += ", backed by " + " and ".join(facts.label(a) for a in event.supporters)
    if event.targets:
        joined = " and ".join(facts.label(a) for a in event.targets)
        sentence += (" with " if event.type in NON_VIOLENT else " against ") + joined
    if chain:
        sentence += " in " + ", ".join(p.label for p in chain if p.kind != "Country" or p is chain[0])
        country = _country(facts, chain[0].iri)
        if country is not None and country is not chain[0]:
            sentence += f", {country.label}"
    if event.date:
        sentence += f" on {event.date.isoformat()}"
    elif event.earliest or event.latest:
        sentence += f" between {event.earliest or '…'} and {event.latest or '…'}"
    sentence += "."
    if figures := _figures_text(event):
        sentence += f" Reported figures: {figures}."
    if event.reporters:
        sentence += " According to " + " and ".join(facts.label(r) for r in event.reporters) + "."
    if event.modality in MODALITY_TAGS:
        sentence += f" ({MODALITY_TAGS[event.modality].capitalize()}.)"
    return sentence


def _sources(event: EventFact, facts: GraphFacts) -> tuple[str, str]:
    names, scales = [], []
    for article in event.articles:
        fact = facts.articles.get(article)
        if fact and fact.publisher:
            name, scale = publishers().get(fact.publisher, [fact.publisher, "Other"])
            names.append(name)
            scales.append(scale)
    if event.reporters:
        scales.append("Other")
    names = [facts.label(r) for r in event.reporters] + names
    return "; ".join(dict.fromkeys(names)), "-".join(dict.fromkeys(scales))


def _timestamp(event: EventFact, facts: GraphFacts) -> str:
    days = [facts.articles[a].published for a in event.articles if a in facts.articles and facts.articles[a].published]
    if not days:
        return ""
    return str(int(dt.datetime.combine(max(days), dt.time(), dt.timezone.utc).timestamp()))


def event_row(event: EventFact, facts: GraphFacts) -> dict[str, str]:
    disorder, event_type, sub_event = acled_types(event, facts)
    chain = facts.enclosing(event.location)
    country = _country(facts, event.location)
    iso, _, region = countries().get(_slug(country.iri), ["", "", ""]) if country else ("", "", "")
    actor1 = event.initiators[0] if event.initiators else None
    actor2 = event.targets[0] if event.targets else None
    inter1, inter2 = _inter(facts, actor1, country), _inter(facts, actor2, country)
    civilian = event.type in CIVILIAN_TYPES
    actor2_name = facts.label(actor2)
    if civilian and not actor2:
        actor2_name = f"Civilians ({country.label})" if country else "Civilians"
        inter2 = CIVILIANS
    latitude, longitude, precision = _coordinates(chain)
    source, scale = _sources(event, facts)
    return {
        "event_id_cnty": event_id(event, country), "event_date": event.first_day.isoformat() if event.first_day else "",
        "year": str(event.first_day.year) if event.first_day else "", "time_precision": _time_precision(event),
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event,
        "actor1": facts.label(actor1),
        "assoc_actor_1": "; ".join(facts.label(a) for a in event.initiators[1:] + event.supporters),
        "inter1": inter1, "actor2": actor2_name, "assoc_actor_2": "; ".join(facts.label(a) for a in event.targets[1:]),
        "inter2": inter2, "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian or inter2 == CIVILIANS else "",
        "iso": iso, "region": region, "country": country.label if country else "",
        "admin1": _admin(chain, "Governorate"), "admin2": _admin(chain, "District"),
        "admin3": _admin(chain, "Subdistrict"), "location": chain[0].label if chain else "",
        "latitude": latitude, "longitude": longitude, "geo_precision": precision,
        "source": source, "source_scale": scale, "notes": notes(event, facts, chain),
        "fatalities": _fatalities(event), "tags": MODALITY_TAGS.get(event.modality, ""),
        "timestamp": _timestamp(event, facts),
        "event_iri": event.iri, "actor1_iri": actor1 or "", "actor2_iri": actor2 or "",
        "location_iri": event.location or "", "articles": " ".join(event.articles), "modality": event.modality,
        "evidence": " … ".join(event.evidence),
    }


def write_acled_csv(facts: GraphFacts, path: Path) -> int:
    """Write the CSV; returns the number of events written."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for event in facts.events:
            writer.writerow({k: neutralise(v) for k, v in event_row(event, facts).items()})
    return len(facts.events)

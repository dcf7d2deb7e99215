"""One row per event in ACLED's column names, for spreadsheets and for comparison with ACLED.

ACLED's columns come first (event_date … fatalities); ours follow: the IRIs of the event, its
actors and place, the articles, and the Arabic evidence, so that every row can be checked
against its text. A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) is prefixed with ``'`` so that a spreadsheet shows it instead of running it as a
formula (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from conflictkg.export.store_reader import EventFact, GraphFacts

ACLED_COLUMNS = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                 "actor2", "admin1", "admin2", "location", "latitude", "longitude", "source", "notes",
                 "fatalities"]
OUR_COLUMNS = ["event_iri", "actor1_iri", "actor2_iri", "location_iri", "articles", "modality", "evidence"]
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS

# Event class -> (ACLED event type, sub-event type); the sub-events are the ontology's
# ck:acledSubEvent notations (VOCABULARY.md), checked by tests/test_export_csv.py.
ACLED_TYPES = {
    "AirStrike": ("Explosions/Remote violence", "Air/drone strike"),
    "Shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "Bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "ArmedClash": ("Battles", "Armed clash"),
    "TerritoryTaken": ("Battles", "Non-state actor overtakes territory"),
    "AttackOnCivilians": ("Violence against civilians", "Attack"),
    "Abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "Arrest": ("Strategic developments", "Arrests"),
    "Evacuation": ("Strategic developments", "Non-violent transfer of territory"),
    "Agreement": ("Strategic developments", "Agreement"),
    "Displacement": ("Strategic developments", "Other"),
}
STATE_KINDS = {"StateForce", "Country"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _acled_date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _time_precision(event: EventFact) -> str:
    """ACLED's: 1 the day is known, 2 within a week, 3 within a month or wider."""
    if event.date:
        return "1"
    if event.earliest and event.latest:
        return "2" if (event.latest - event.earliest).days <= 7 else "3"
    return "3" if event.first_day else ""


def _sub_event(event: EventFact, facts: GraphFacts) -> tuple[str, str]:
    event_type, sub_event = ACLED_TYPES.get(event.type, ("", ""))
    if event.type == "TerritoryTaken" and any(
            facts.entities.get(a) and facts.entities[a].kind in STATE_KINDS for a in event.initiators):
        sub_event = "Government regains territory"
    return event_type, sub_event


def _admin(facts: GraphFacts, place: str | None, kind: str) -> str:
    if not place:
        return ""
    if facts.entities.get(place) and facts.entities[place].kind == kind:
        return facts.label(place)
    return next((facts.label(a) for a, k in facts.ancestors.get(place, []) if k == kind), "")


def event_row(event: EventFact, facts: GraphFacts) -> dict[str, str]:
    event_type, sub_event = _sub_event(event, facts)
    actor1 = event.initiators[0] if event.initiators else None
    actor2 = event.targets[0] if event.targets else None
    place = facts.entities.get(event.location) if event.location else None
    point = place.point if place else None
    sources = [facts.label(r) for r in event.reporters] + [
        facts.articles[a].publisher for a in event.articles if a in facts.articles and facts.articles[a].publisher]
    return {
        "event_date": _acled_date(event.first_day), "time_precision": _time_precision(event),
        "event_type": event_type, "sub_event_type": sub_event,
        "actor1": facts.label(actor1), "assoc_actor_1": "; ".join(facts.label(a) for a in event.initiators[1:] + event.supporters),
        "actor2": facts.label(actor2), "admin1": _admin(facts, event.location, "Governorate"),
        "admin2": _admin(facts, event.location, "District"), "location": facts.label(event.location),
        "latitude": f"{point[1]:.4f}" if point else "", "longitude": f"{point[0]:.4f}" if point else "",
        "source": "; ".join(dict.fromkeys(sources)),
        "notes": f"{event.type} reported {'; '.join(facts.articles[a].id for a in event.articles if a in facts.articles)}",
        "fatalities": str(event.fatalities),
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

"""QuickStatements v1 commands for Wikidata (https://www.wikidata.org/wiki/Help:QuickStatements).

- a new item (``CREATE``, then ``LAST`` lines) for each actor without a QID that the articles
  involve, and for each event: labels and aliases in Arabic and English, P31 (instance of);
  for events P710 (participant) and P276 (location) where those have QIDs, P585 (point in time)
  or P580/P582 (start/end) for a range, P1120 (number of deaths);
- statements on items that already have a QID: allegiance (P945) and member of (P463) ties
  between two actors with QIDs, as the articles report them;
- every statement carries a reference to its article: S854 (reference URL), S813 (retrieved),
  S1476 (title, as monolingual text); dates carry day precision (``/11``).

P31 values are only QIDs checked against Wikidata (below) or the ontology's ``skos:closeMatch``:
nothing invents a QID. Strings are made safe for the v1 syntax, which splits commands on tabs,
newlines and ``|`` and has no escape character: those become spaces or ``¦``. Double quotes
inside a string are kept: v1 reads a string from its first quote to its last (scholia #2178).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from conflictkg.export.store_reader import ArticleFact, Entity, EventFact, GraphFacts

# Actor kind -> P31 value: human, country, organization, armed organization, military unit.
ACTOR_CLASSES = {"Person": "Q5", "Country": "Q6256", "Organization": "Q43229", "ArmedGroup": "Q17149090",
                 "Coalition": "Q17149090", "StateForce": "Q176799"}
OCCURRENCE = "Q1190554"   # P31 of an event whose class has no closer Wikidata match
TIE_PROPERTIES = {"PledgedAllegiance": "P945", "Supports": "P945", "MemberOf": "P463"}
DESCRIPTIONS = {"Person": "person in the Syrian civil war", "ArmedGroup": "armed group in the Syrian civil war",
                "StateForce": "state force in the Syrian civil war", "Coalition": "coalition in the Syrian civil war",
                "Organization": "organization reporting on the Syrian civil war", "Country": "country"}


def qs_string(text: str) -> str:
    """A v1 string value: quoted, on one line, without the characters v1 splits on."""
    return '"' + " ".join(str(text).replace("|", "¦").split()) + '"'


def qs_time(day: dt.date) -> str:
    return f"+{day.isoformat()}T00:00:00Z/11"


def _reference(article: ArticleFact | None, retrieved: dt.date) -> list[str]:
    parts = ["S813", qs_time(retrieved)]
    if article is None:
        return parts
    if article.url:
        parts = ["S854", qs_string(article.url)] + parts
    if article.title:
        parts += ["S1476", f"ar:{qs_string(article.title)}"]
    return parts


def _line(*parts: str) -> str:
    return "\t".join(parts)


def _labels(labels_en: list[str], labels_ar: list[str]) -> Iterator[str]:
    """Label then aliases, per language; the first non-empty name is the label."""
    for language, names in (("en", labels_en), ("ar", labels_ar)):
        names = list(dict.fromkeys(n for n in names if n and n.strip()))
        if names:
            yield _line("LAST", f"L{language}", qs_string(names[0]))
            for alias in names[1:]:
                yield _line("LAST", f"A{language}", qs_string(alias))


def actor_item(actor: Entity, article: ArticleFact | None, retrieved: dt.date) -> list[str]:
    lines = ["CREATE", *_labels([actor.label_en, *actor.aliases_en], [actor.label_ar, *actor.aliases_ar])]
    if actor.kind in DESCRIPTIONS:
        lines.append(_line("LAST", "Den", qs_string(DESCRIPTIONS[actor.kind])))
    if actor.kind in ACTOR_CLASSES:
        lines.append(_line("LAST", "P31", ACTOR_CLASSES[actor.kind], *_reference(article, retrieved)))
    return lines


def _event_labels(event: EventFact, facts: GraphFacts) -> tuple[str, str]:
    kind = facts.event_classes.get(event.type)
    day = event.first_day.isoformat() if event.first_day else ""
    place = facts.entities.get(event.location) if event.location else None
    english = " ".join(filter(None, [kind.label_en if kind else event.type,
                                     f"in {place.label_en}" if place and place.label_en else "", day]))
    arabic = " ".join(filter(None, [kind.label_ar if kind else "",
                                    f"في {place.label_ar}" if place and place.label_ar else "", day]))
    return english, arabic


def event_item(event: EventFact, facts: GraphFacts, retrieved: dt.date) -> list[str]:
    article = facts.articles.get(event.articles[0]) if event.articles else None
    reference = _reference(article, retrieved)
    english, arabic = _event_labels(event, facts)
    kind = facts.event_classes.get(event.type)
    lines = ["CREATE", *_labels([english], [arabic]),
             _line("LAST", "P31", (kind.qid if kind and kind.qid else OCCURRENCE), *reference)]
    for actor in event.participants:
        if facts.entities.get(actor) and facts.entities[actor].qid:
            lines.append(_line("LAST", "P710", facts.entities[actor].qid, *reference))
    if event.location and facts.entities.get(event.location) and facts.entities[event.location].qid:
        lines.append(_line("LAST", "P276", facts.entities[event.location].qid, *reference))
    if event.date:
        lines.append(_line("LAST", "P585", qs_time(event.date), *reference))
    else:
        if event.earliest:
            lines.append(_line("LAST", "P580", qs_time(event.earliest), *reference))
        if event.latest:
            lines.append(_line("LAST", "P582", qs_time(event.latest), *reference))
    if event.fatalities:
        lines.append(_line("LAST", "P1120", str(event.fatalities), *reference))
    return lines


def tie_statements(facts: GraphFacts, retrieved: dt.date) -> list[str]:
    """Reported ties between two actors that both have QIDs, as statements on the first."""
    lines = []
    for tie in facts.allegiances:
        source, target = facts.entities.get(tie.source), facts.entities.get(tie.target)
        if tie.article and tie.kind in TIE_PROPERTIES and source and target and source.qid and target.qid:
            lines.append(_line(source.qid, TIE_PROPERTIES[tie.kind], target.qid,
                               *_reference(facts.articles.get(tie.article), retrieved)))
    return lines


def _first_article(facts: GraphFacts, entity: str) -> ArticleFact | None:
    for iri in sorted(facts.mentions, key=lambda a: (facts.articles[a].published or dt.date.max, a)
                      if a in facts.articles else (dt.date.max, a)):
        if entity in facts.mentions[iri] and iri in facts.articles:
            return facts.articles[iri]
    return None


def quickstatements(facts: GraphFacts, retrieved: dt.date | None = None) -> list[str]:
    """Every command, in order: new actors, new events, statements on existing items."""
    retrieved = retrieved or dt.date.today()
    lines: list[str] = []
    for iri, actor in sorted(facts.actors.items()):
        if not actor.qid:
            lines += actor_item(actor, _first_article(facts, iri), retrieved)
    for event in facts.events:
        lines += event_item(event, facts, retrieved)
    return lines + tie_statements(facts, retrieved)


def write_quickstatements(facts: GraphFacts, path: Path, retrieved: dt.date | None = None) -> int:
    lines = quickstatements(facts, retrieved)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)

"""QuickStatements v1 commands for Wikidata (https://www.wikidata.org/wiki/Help:QuickStatements).

What is written is what a Wikidata editor would accept from news extraction; the rest goes to a
review file with the reason it was left out.

- **Statements on existing items only**, by default: a tie that an article reports between two
  actors whose QIDs are reviewed (the catalogue's ``owl:sameAs``, or a row with a QID in
  ``ontology/wikidata/reconciliation.tsv``) becomes a claim on the first, with the property
  whose Wikidata definition fits both ends (``ontology/wikidata/properties.json``: each
  property's subject and value types). Ties no property fits (support, alliance, leadership,
  a former tie) are left out, never forced onto a near property: P945 "allegiance" is serving
  a power, not backing it.
- **No new item** unless asked. ``create_missing`` creates an item for an actor without a QID
  only after looking its names up in the reconciliation list: a listed name with a verified
  QID is used as that item; a listed name without one exists on Wikidata already and is left
  for review. ``create_events`` creates event items (labels, P31, P710, P276, P585 or
  P580/P582, P1120); news events rarely deserve an item of their own, so by default they don't.
- **Every claim keeps its reference** to its article: S854 (reference URL), S813 (retrieved),
  S1476 (title, as monolingual text); dates carry day precision (``/11``).

P31 values are only QIDs of the fixture or the ontology's ``skos:closeMatch``: nothing invents a
QID. Strings are made safe for the v1 syntax, which splits commands on tabs, newlines and ``|``
and has no escape character: those become spaces or ``¦``. Double quotes inside a string are
kept: v1 reads a string from its first quote to its last (scholia #2178).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from conflictkg.export.store_reader import AllegianceFact, ArticleFact, Entity, EventFact, GraphFacts
from conflictkg.nlp.normalize import fold
from conflictkg.resources import ontology_dir

OCCURRENCE = "Q1190554"   # P31 of an event whose class has no closer Wikidata match
DESCRIPTIONS = {"Person": "person in the Syrian civil war", "ArmedGroup": "armed group in the Syrian civil war",
                "StateForce": "state force in the Syrian civil war", "Coalition": "coalition in the Syrian civil war",
                "Organization": "organization reporting on the Syrian civil war", "Country": "country"}
REVIEW_COLUMNS = ["what", "iri", "label", "detail", "reason"]


# ---------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class WikidataProperty:
    pid: str
    label: str
    description: str
    subject_type: frozenset[str]
    value_type: frozenset[str]
    value_type_excluded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class WikidataModel:
    """The fixture of Wikidata property definitions the export is allowed to write with."""

    properties: dict[str, WikidataProperty]
    kind_class: dict[str, str]                 # our actor kind -> Wikidata class (P31 of a new item)
    superclasses: dict[str, frozenset[str]]    # class -> itself and every class above it
    ties: dict[str, tuple[list[str], str]]     # allegiance kind -> (candidate properties, why none)

    def classes_of(self, kind: str) -> frozenset[str]:
        cls = self.kind_class.get(kind)
        return self.superclasses.get(cls, frozenset({cls})) if cls else frozenset()

    def accepts(self, pid: str, subject_kind: str, value_kind: str) -> bool:
        """Whether the property's subject and value type constraints both hold."""
        prop = self.properties[pid]
        subject, value = self.classes_of(subject_kind), self.classes_of(value_kind)
        return bool(subject & prop.subject_type and value & prop.value_type and not value & prop.value_type_excluded)

    def property_for(self, tie_kind: str, subject_kind: str, value_kind: str) -> tuple[str | None, str]:
        """The first candidate property that fits both ends, or None and the reason."""
        candidates, reason = self.ties.get(tie_kind, ([], f"no Wikidata property is mapped for {tie_kind}"))
        for pid in candidates:
            if self.accepts(pid, subject_kind, value_kind):
                return pid, ""
        if not candidates:
            return None, reason
        names = ", ".join(f"{pid} {self.properties[pid].label}" for pid in candidates)
        return None, f"{names}: no property fits a {subject_kind} → {value_kind} tie"


def _ancestors(classes: dict[str, dict], cls: str) -> frozenset[str]:
    found, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(classes.get(current, {}).get("subclass_of", []))
    return frozenset(found)


@lru_cache(maxsize=2)
def load_model(path: Path | None = None) -> WikidataModel:
    data = json.loads((path or ontology_dir() / "wikidata" / "properties.json").read_text(encoding="utf-8"))
    properties = {pid: WikidataProperty(pid, p["label"], p["description"], frozenset(p["subject_type"]),
                                        frozenset(p["value_type"]), frozenset(p.get("value_type_excluded", ())))
                  for pid, p in data["properties"].items()}
    ties = {kind: (list(t["properties"]), t.get("reason", "")) for kind, t in data["ties"].items()}
    superclasses = {cls: _ancestors(data["classes"], cls) for cls in data["classes"]}
    return WikidataModel(properties, dict(data["kinds"]), superclasses, ties)


@dataclass(frozen=True)
class KnownItem:
    """A row of the reconciliation list: a name that is on Wikidata, with its QID if verified."""

    qid: str
    kind: str
    name_en: str
    name_ar: str
    source: str


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[-‐'’`]", " ", fold(name).casefold()).split())


@lru_cache(maxsize=2)
def load_reconciliation(path: Path | None = None) -> dict[str, KnownItem]:
    """Every English and Arabic name of the list, normalised, → its row."""
    text = (path or ontology_dir() / "wikidata" / "reconciliation.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    names: dict[str, KnownItem] = {}
    for row in rows:
        item = KnownItem(row["qid"].strip(), row["kind"], row["name_en"], row["name_ar"], row["source"])
        for name in (item.name_en, item.name_ar):
            if name:
                names[_name_key(name)] = item
    return names


def reconcile(entity: Entity, known: dict[str, KnownItem]) -> KnownItem | None:
    """The reconciliation row one of the entity's names matches, if any."""
    for name in (entity.label_en, entity.label_ar, *entity.aliases_en, *entity.aliases_ar):
        if name and (item := known.get(_name_key(name))):
            return item
    return None


# ---------------------------------------------------------------------------- v1 syntax


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


# ---------------------------------------------------------------------------- the plan


@dataclass
class LeftOut:
    what: str      # "item", "event" or "claim"
    iri: str
    label: str
    detail: str
    reason: str


@dataclass
class Plan:
    """What the export would write, and what it leaves out and why."""

    lines: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)      # labels of the new items
    claims: list[str] = field(default_factory=list)       # "Q159 P463 Q…" for each claim on an existing item
    left_out: list[LeftOut] = field(default_factory=list)

    def summary(self) -> str:
        reasons = Counter((item.what, item.reason) for item in self.left_out)
        lines = [f"{len(self.lines)} QuickStatements line(s): {len(self.created)} new item(s), "
                 f"{len(self.claims)} claim(s) on existing items, {len(self.left_out)} left out"]
        lines += [f"  left out: {count} {what}(s): {reason}" for (what, reason), count in reasons.most_common()]
        return "\n".join(lines)

    def report(self) -> str:
        """The dry-run report: the summary, then each new item, claim and left-out entry."""
        parts = [self.summary()]
        parts += [f"create\t{label}" for label in self.created]
        parts += [f"claim\t{claim}" for claim in self.claims]
        parts += ["\t".join(["leave out", e.what, e.label, e.detail, e.reason]) for e in self.left_out]
        return "\n".join(parts)

    def review_tsv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(REVIEW_COLUMNS)
        for entry in self.left_out:
            writer.writerow([" ".join(str(getattr(entry, c)).split()) for c in REVIEW_COLUMNS])
        return out.getvalue()


def actor_item(actor: Entity, article: ArticleFact | None, retrieved: dt.date,
               model: WikidataModel | None = None) -> list[str]:
    model = model or load_model()
    lines = ["CREATE", *_labels([actor.label_en, *actor.aliases_en], [actor.label_ar, *actor.aliases_ar])]
    if actor.kind in DESCRIPTIONS:
        lines.append(_line("LAST", "Den", qs_string(DESCRIPTIONS[actor.kind])))
    if actor.kind in model.kind_class:
        lines.append(_line("LAST", "P31", model.kind_class[actor.kind], *_reference(article, retrieved)))
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


def _first_article(facts: GraphFacts, entity: str) -> ArticleFact | None:
    for iri in sorted(facts.mentions, key=lambda a: (facts.articles[a].published or dt.date.max, a)
                      if a in facts.articles else (dt.date.max, a)):
        if entity in facts.mentions[iri] and iri in facts.articles:
            return facts.articles[iri]
    return None


class QuickStatementsWriter:
    """Builds the :class:`Plan` for a graph: reconciles names, maps ties, collects what is left out."""

    def __init__(self, facts: GraphFacts, retrieved: dt.date, create_missing: bool = False,
                 create_events: bool = False, model: WikidataModel | None = None,
                 known: dict[str, KnownItem] | None = None):
        self.facts, self.retrieved = facts, retrieved
        self.create_missing, self.create_events = create_missing, create_events
        self.model = model or load_model()
        self.known = known if known is not None else load_reconciliation()
        self.plan = Plan()
        self.qids = {iri: self._reviewed_qid(entity) for iri, entity in facts.entities.items()}

    def _reviewed_qid(self, entity: Entity) -> str:
        if entity.qid:
            return entity.qid
        row = reconcile(entity, self.known) if entity.is_actor else None
        return row.qid if row else ""

    def _leave_out(self, what: str, iri: str, detail: str, reason: str) -> None:
        self.plan.left_out.append(LeftOut(what, iri, self.facts.label(iri), detail, reason))

    def items(self) -> None:
        for iri, actor in sorted(self.facts.actors.items()):
            if self.qids.get(iri):
                continue
            row = reconcile(actor, self.known)
            if row is not None:
                self._leave_out("item", iri, row.source, "on Wikidata already (reconciliation list); "
                                "its QID must be reviewed and added to the catalogue before any statement")
            elif not self.create_missing:
                self._leave_out("item", iri, actor.kind, "no reviewed QID; not created without --create-missing")
            else:
                self.plan.lines += actor_item(actor, _first_article(self.facts, iri), self.retrieved, self.model)
                self.plan.created.append(actor.label)

    def events(self) -> None:
        for event in self.facts.events:
            if self.create_events:
                self.plan.lines += event_item(event, self.facts, self.retrieved)
                self.plan.created.append(_event_labels(event, self.facts)[0])
            else:
                self._leave_out("event", event.iri, event.type,
                                "events get no Wikidata item by default (--create-events)")

    def ties(self) -> None:
        for tie in self.facts.allegiances:
            if tie.article:
                self._tie(tie)

    def _tie(self, tie: AllegianceFact) -> None:
        source, target = self.facts.entities.get(tie.source), self.facts.entities.get(tie.target)
        detail = f"{tie.kind} → {self.facts.label(tie.target)}"
        if not (source and target and self.qids.get(tie.source) and self.qids.get(tie.target)):
            self._leave_out("claim", tie.source, detail, "one end has no reviewed QID")
            return
        pid, reason = self.model.property_for(tie.kind, source.kind, target.kind)
        if pid is None:
            self._leave_out("claim", tie.source, detail, reason)
            return
        subject, value = self.qids[tie.source], self.qids[tie.target]
        self.plan.lines.append(_line(subject, pid, value,
                                     *_reference(self.facts.articles.get(tie.article), self.retrieved)))
        self.plan.claims.append(f"{subject} {pid} {value}")

    def build(self) -> Plan:
        self.items()
        self.events()
        self.ties()
        return self.plan


def plan_quickstatements(facts: GraphFacts, retrieved: dt.date | None = None, create_missing: bool = False,
                         create_events: bool = False) -> Plan:
    """New items (only when asked), then claims on existing items; and what is left out."""
    return QuickStatementsWriter(facts, retrieved or dt.date.today(), create_missing, create_events).build()


def quickstatements(facts: GraphFacts, retrieved: dt.date | None = None, create_missing: bool = False,
                    create_events: bool = False) -> list[str]:
    """Every command, in order."""
    return plan_quickstatements(facts, retrieved, create_missing, create_events).lines


def review_path(path: Path) -> Path:
    """Where the review file of a QuickStatements file goes: beside it, ``<name>.review.tsv``."""
    return path.with_name(path.name + ".review.tsv")

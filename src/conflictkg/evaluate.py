"""Score the store against gold annotations: ``conflictkg evaluate GOLD.json [--store DIR]``.

The gold format (``conflictkg-gold/1``) annotates documents by hand: their actors and places,
events (type, initiators, targets, place, date span, figures), allegiances and control, all
named by the keys of a reference catalogue (a JSON file named by the gold's ``catalogue``,
beside it). A graph node meets a key when it links to the key's Wikidata QID, or when one of
its labels equals one of the key's names after folding (case, Arabic letter variants,
diacritics, punctuation, a leading "the"/"al").

Events are matched as the shared scorer does: a predicted event meets a gold event of the
same document when its type is allowed, its date span overlaps the gold span with one day of
slack, and its place or one of its initiators is right; each gold event takes its best match
once. ``events_family`` also accepts a type of the same family. Figures compare the
(outcome, count) pairs of a document. The store is read through SPARQL only.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from conflictkg.namespaces import CK_IRI, WD

PREFIXES = f"""
PREFIX ck: <{CK_IRI}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <http://schema.org/>
"""
SLOTS = ("actors", "places", "events", "events_family", "initiators", "targets", "event_place",
         "figures", "allegiances", "allegiance_family", "control")
# A prediction of another type in the same family counts for "events_family" only.
EVENT_FAMILIES = {
    "AirStrike": "RemoteViolence", "Shelling": "RemoteViolence", "Bombing": "RemoteViolence",
    "ArmedClash": "Battle", "TerritoryTaken": "Battle",
    "AttackOnCivilians": "ViolenceAgainstCivilians", "Abduction": "ViolenceAgainstCivilians",
    "Evacuation": "Movement", "Displacement": "Movement",
    "Agreement": "Strategic", "Arrest": "Strategic",
}
KIND_FAMILIES = {
    "MemberOf": "membership", "AffiliatedWith": "membership", "PartOf": "membership",
    "PledgedAllegiance": "membership", "LedBy": "membership",
    "Supports": "support", "AlliedWith": "support", "FormerlyAffiliated": "former",
}
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold_name(text: str) -> str:
    """A name as the gold compares it: case, letter variants, diacritics, punctuation, article."""
    folded = _DIACRITICS.sub("", unicodedata.normalize("NFKC", str(text)).casefold()).translate(_LETTERS)
    folded = re.sub(r"[\"'`’‘\-_.,()،]", " ", folded)
    folded = re.sub(r"\b(the|al)\s+", "", folded)
    return " ".join(folded.split())


def local_name(iri: Node | str) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _date(value: Node | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------- counting
@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


# ---------------------------------------------------------------------- the reference keys
class GoldCatalogue:
    """The reference keys a gold file names, found by QID or by a shared folded name."""

    def __init__(self, data: dict):
        self.by_qid: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.entity_keys = set(data.get("entities", {}))
        self.place_keys = set(data.get("places", {}))
        for section in ("entities", "places"):
            for key, item in data.get(section, {}).items():
                if item.get("qid"):
                    self.by_qid[item["qid"]] = key
                for name in item.get("names", []):
                    self.by_name.setdefault(fold_name(name), key)

    def keys_for(self, qids: set[str], labels: set[str]) -> set[str]:
        keys = {self.by_qid[q] for q in qids if q in self.by_qid}
        return keys or {self.by_name[n] for n in map(fold_name, labels) if n in self.by_name}


# ---------------------------------------------------------------------- reading the store
@dataclass
class PredictedEvent:
    types: set[str]
    initiators: set[str]
    targets: set[str]
    places: set[str]
    span: tuple[dt.date, dt.date] | None
    figures: list[tuple[set[str], int | None]]


class StoreReader:
    """What the store says about each document, as gold keys."""

    def __init__(self, store, catalogue: GoldCatalogue):
        self.store, self.catalogue = store, catalogue
        self._keys: dict[Node, set[str]] = {}

    def _rows(self, sparql: str, **bindings: Node) -> list[tuple]:
        # Terms are written into the text as N-Triples terms (escaped by rdflib): Oxigraph only
        # substitutes variables that the SELECT projects.
        for name, term in bindings.items():
            sparql = re.sub(rf"\?{name}\b", lambda _: term.n3(), sparql)
        return list(self.store.query(PREFIXES + sparql).rows)

    def _objects(self, subject: Node, path: str) -> list[Node]:
        return [row[0] for row in self._rows(f"SELECT ?o WHERE {{ ?s {path} ?o }}", s=subject)]

    def keys(self, node: Node) -> set[str]:
        if node not in self._keys:
            links = self._objects(node, "owl:sameAs|skos:exactMatch|schema:sameAs")
            qids = {str(o)[len(str(WD)):] for o in links if str(o).startswith(str(WD))}
            labels = {str(o) for o in self._objects(node, "rdfs:label|skos:prefLabel|skos:altLabel")}
            self._keys[node] = self.catalogue.keys_for(qids, labels)
        return self._keys[node]

    def keys_of(self, nodes) -> set[str]:
        return set().union(*(self.keys(n) for n in nodes)) if nodes else set()

    def article(self, doc_id: str) -> Node | None:
        rows = self._rows("SELECT ?a WHERE { ?a dcterms:identifier ?id . FILTER(STR(?id) = ?doc) }",
                          doc=Literal(doc_id))
        return rows[0][0] if rows else None

    def mentioned(self, article: Node) -> set[str]:
        return self.keys_of(self._objects(article, "ck:mentions"))

    def events(self, article: Node) -> list[PredictedEvent]:
        nodes = [r[0] for r in self._rows(
            "SELECT DISTINCT ?e WHERE { ?e a ck:Event ; prov:wasDerivedFrom ?a }", a=article)]
        return [self._event(e) for e in nodes]

    def _event(self, event: Node) -> PredictedEvent:
        days = [d for d in map(_date, self._objects(event, "ck:date")) if d]
        lows = [d for d in map(_date, self._objects(event, "ck:earliest")) if d] or days
        highs = [d for d in map(_date, self._objects(event, "ck:latest")) if d] or days
        figures = []
        for figure in self._objects(event, "ck:figure"):
            counts = self._objects(figure, "ck:count")
            figures.append(({local_name(o) for o in self._objects(figure, "ck:outcome")},
                            int(counts[0]) if counts else None))
        return PredictedEvent(
            types={local_name(t) for t in self._objects(event, "a")} - {"Event"},
            initiators=self.keys_of(self._objects(event, "ck:initiator")),
            targets=self.keys_of(self._objects(event, "ck:target")),
            places=self.keys_of(self._objects(event, "ck:location")),
            span=(min(lows), max(highs)) if lows and highs else None,
            figures=figures)

    def allegiances(self, article: Node) -> set[tuple[str, str, str]]:
        rows = self._rows("""SELECT ?x ?k ?y WHERE { ?g a ck:Allegiance ; ck:from ?x ; ck:kind ?k ;
                             ck:to ?y ; prov:wasDerivedFrom ?a }""", a=article)
        return {(kx, local_name(k), ky) for x, k, y in rows for kx in self.keys(x) for ky in self.keys(y)}

    def controls(self, article: Node) -> set[tuple[str, str]]:
        rows = self._rows("""SELECT ?x ?p WHERE { ?c a ck:TerritorialControl ; ck:controller ?x ;
                             ck:territory ?p ; prov:wasDerivedFrom ?a }""", a=article)
        return {(kx, kp) for x, p in rows for kx in self.keys(x) for kp in self.keys(p)}


# ---------------------------------------------------------------------- matching
def _overlaps(span, earliest: str, latest: str, slack_days: int = 1) -> bool:
    if span is None:
        return False
    slack = dt.timedelta(days=slack_days)
    return span[0] <= dt.date.fromisoformat(latest) + slack and span[1] >= dt.date.fromisoformat(earliest) - slack


def _place_right(pred: PredictedEvent, gold: dict) -> bool:
    return bool(pred.places & {gold["place"], *gold.get("place_alt", [])})


def match_strength(pred: PredictedEvent, gold: dict, by_family: bool) -> int:
    """0: no match; otherwise higher is better (place, initiator, target right)."""
    allowed = {gold["type"], *gold.get("type_alt", [])}
    if by_family:
        families = {EVENT_FAMILIES.get(t) for t in allowed} - {None}
        type_ok = bool({EVENT_FAMILIES.get(t) for t in pred.types} & families)
    else:
        type_ok = bool(pred.types & allowed)
    if not type_ok or not _overlaps(pred.span, *gold["date"]):
        return 0
    place = _place_right(pred, gold)
    initiator = bool(pred.initiators & set(gold.get("initiators", [])))
    if not (place or initiator):
        return 0
    target = bool(pred.targets & set(gold.get("targets", []) + gold.get("alt_targets", [])))
    return 1 + place + initiator + target


def _score_events(tallies: dict[str, Tally], preds: list[PredictedEvent], golds: list[dict]) -> None:
    for by_family, slot in ((False, "events"), (True, "events_family")):
        used: set[int] = set()
        for gold in golds:
            scored = [(match_strength(p, gold, by_family), i) for i, p in enumerate(preds) if i not in used]
            best, index = max(scored, key=lambda s: (s[0], -s[1]), default=(0, None))
            if best == 0:
                if not gold.get("optional"):
                    tallies[slot].add(fn=1)
                continue
            used.add(index)
            if not gold.get("optional"):
                tallies[slot].add(tp=1)
            if not by_family:
                _score_arguments(tallies, preds[index], gold)
        tallies[slot].add(fp=len(preds) - len(used))


def _score_arguments(tallies: dict[str, Tally], pred: PredictedEvent, gold: dict) -> None:
    for role in ("initiators", "targets"):
        wanted, alternatives, found = set(gold.get(role, [])), set(gold.get("alt_" + role, [])), getattr(pred, role)
        if wanted or found:
            missed = 0 if found & alternatives else len(wanted - found)
            tallies[role].add(tp=len(found & (wanted | alternatives)), fp=len(found - wanted - alternatives),
                              fn=missed)
    right = _place_right(pred, gold)
    tallies["event_place"].add(tp=int(right), fn=int(not right))


def _score_figures(tally: Tally, preds: list[PredictedEvent], golds: list[dict]) -> None:
    wanted = {(f["outcome"], f["count"]) for e in golds for f in e.get("figures", [])}
    found = {(o, count) for p in preds for outcomes, count in p.figures for o in outcomes if count is not None}
    tally.add(tp=len(found & wanted), fp=len(found - wanted), fn=len(wanted - found))


def _score_allegiances(tallies: dict[str, Tally], found: set[tuple], golds: list[dict]) -> None:
    required, accepted = set(), set()
    hit = 0
    for a in golds:
        readings = {(source, a["kind"], a["to"]) for source in [a["from"], *a.get("alt_from", [])]}
        accepted |= readings
        if not a.get("optional"):
            required.add((a["from"], a["kind"], a["to"]))
            hit += bool(readings & found)
    tallies["allegiances"].add(tp=hit, fn=len(required) - hit, fp=len(found - accepted))

    def family(triples):
        return {(x, KIND_FAMILIES.get(k, k), y) for x, k, y in triples}
    tallies["allegiance_family"].add(tp=len(family(required) & family(found)),
                                     fn=len(family(required) - family(found)),
                                     fp=len(family(found) - family(accepted)))


def _score_control(tally: Tally, found: set[tuple], golds: list[dict]) -> None:
    accepted, required = set(), []
    for c in golds:
        readings = {(c["actor"], place) for place in [c["place"], *c.get("alt_places", [])]}
        accepted |= readings
        if not c.get("optional"):
            required.append(readings)
    hit = sum(bool(readings & found) for readings in required)
    tally.add(tp=hit, fn=len(required) - hit, fp=len(found - accepted))


def score_store(store, gold: dict, catalogue: GoldCatalogue) -> dict:
    """Precision, recall and F1 per slot, with the documents the store lacks."""
    reader = StoreReader(store, catalogue)
    tallies = {slot: Tally() for slot in SLOTS}
    missing = []
    for doc in gold["documents"]:
        article = reader.article(doc["doc"])
        if article is None:
            missing.append(doc["doc"])
        mentioned = reader.mentioned(article) if article is not None else set()
        for slot, known in (("actors", catalogue.entity_keys), ("places", catalogue.place_keys)):
            wanted, found = set(doc[slot]), mentioned & known
            tallies[slot].add(tp=len(found & wanted), fp=len(found - wanted), fn=len(wanted - found))
        preds = reader.events(article) if article is not None else []
        _score_events(tallies, preds, doc["events"])
        _score_figures(tallies["figures"], preds, doc["events"])
        _score_allegiances(tallies, reader.allegiances(article) if article is not None else set(),
                           doc["allegiances"])
        _score_control(tallies["control"], reader.controls(article) if article is not None else set(),
                       doc["control"])
    result: dict = {slot: tally.scores() for slot, tally in tallies.items()}
    result["missing_documents"] = missing
    return result


def load_gold(path: Path) -> tuple[dict, GoldCatalogue]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    catalogue = json.loads((path.parent / gold["catalogue"]).read_text(encoding="utf-8"))
    return gold, GoldCatalogue(catalogue)


def evaluate_command(store: Path, gold: Path, as_json: bool) -> int:
    from conflictkg.store import open_existing_store

    gold_data, catalogue = load_gold(gold)
    with open_existing_store(store) as graph_store:
        result = score_store(graph_store, gold_data, catalogue)
    print(json.dumps(result, indent=2) if as_json else format_table(result))
    return 0


def format_table(result: dict) -> str:
    lines = [f"{'slot':<18} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for slot in SLOTS:
        s = result[slot]
        lines.append(f"{slot:<18} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                     f"{s['tp']:>4} {s['fp']:>3} {s['fn']:>3}")
    if result["missing_documents"]:
        lines.append("documents not found in the store: " + ", ".join(result["missing_documents"]))
    return "\n".join(lines)

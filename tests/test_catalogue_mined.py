"""The actors mined from the ANT corpus (ontology/catalogue/actors-mined.ttl): every name is found
by the pipeline in a sentence written here, the file only adds, and every name is one the corpus
uses (bench/results/catalogue-mined-labels.tsv, written by bench/catalogue_mining.py --labels)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from conflictkg.nlp.pipeline import make_pipeline

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "ontology" / "catalogue"
MINED = CATALOGUE / "actors-mined.ttl"
LABELS = ROOT / "bench" / "results" / "catalogue-mined-labels.tsv"
CK = "https://w3id.org/conflictkg/ontology#"
ACTOR = "https://w3id.org/conflictkg/id/actor/"
MIN_ARTICLES = 5


def _graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


MINED_GRAPH = _graph(MINED)


def _arabic_names() -> list[tuple[str, str]]:
    pairs = []
    for subject, predicate, name in MINED_GRAPH:
        if predicate in (RDFS.label, SKOS.altLabel) and isinstance(name, Literal) and name.language == "ar":
            pairs.append((str(subject), str(name)))
    return sorted(pairs)


NAMES = _arabic_names()


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def found(nlp, text: str) -> list[tuple[str, str]]:
    return [(m.span.text, m.entity) for m in nlp(text)._.mentions]


def test_the_file_has_the_expected_size() -> None:
    declared = set(MINED_GRAPH.subjects(RDF.type, None))
    assert 150 <= len(declared) <= 400, len(declared)


@pytest.mark.parametrize("iri, name", NAMES, ids=[f"{i.rsplit('/', 1)[-1]}:{n}" for i, n in NAMES])
def test_every_mined_name_is_found_in_a_sentence(nlp, iri: str, name: str) -> None:
    text = f"وقال {name} في بيان صدر مساء اليوم إن الوضع يتطلب الحذر"
    assert (name, iri) in found(nlp, text)


@pytest.mark.parametrize("iri, name", NAMES[::7], ids=[f"{i.rsplit('/', 1)[-1]}:{n}" for i, n in NAMES[::7]])
def test_a_mined_name_is_found_with_a_proclitic(nlp, iri: str, name: str) -> None:
    text = f"وأشار المتحدث إلى أن الرسالة وصلت ل{name} قبل أيام"
    assert iri in {entity for _, entity in found(nlp, text)}


@pytest.mark.parametrize("text, wrong, right", [
    # the African Union is not the African football confederation
    ("قرر الاتحاد الأفريقي لكرة القدم نقل البطولة", ACTOR + "african-union",
     ACTOR + "confederation-of-african-football"),
    # the daughter is not the father
    ("غادرت يوليا سكريبال المستشفى", ACTOR + "sergei-skripal", ACTOR + "yulia-skripal"),
    # the Iranian Kurdish party is not the Iraqi one
    ("أعلن الحزب الديمقراطي الكردستاني الإيراني مقتل عناصره", ACTOR + "kurdistan-democratic-party",
     ACTOR + "kurdistan-democratic-party-of-iran"),
    # "صحيفة الوطن" is the Syrian paper, unless a longer name says which other one
    ("ونشرت صحيفة الوطن المصرية مقالا عن الانتخابات", ACTOR + "al-watan-syria", ACTOR + "el-watan-egypt"),
    ("ونقلت صحيفة الوطن العمانية عن مسؤول قوله", ACTOR + "al-watan-syria", ACTOR + "al-watan-oman"),
])
def test_a_longer_name_blocks_the_shorter_entity(nlp, text: str, wrong: str, right: str) -> None:
    entities = {entity for _, entity in found(nlp, text)}
    assert right in entities and wrong not in entities


@pytest.mark.parametrize("text", [
    "ولد الشيخ في قرية صغيرة قرب المدينة",          # ولد الشيخ: "the sheikh was born", not the envoy
    "زار السياح هضبة الأهرام أمس",                  # the pyramids, not the newspaper
    "أقيم سوق عكاظ في الطائف",                      # the fair, not the newspaper
    "وقال إن الشرطة الدولية تتعاون مع السلطات",       # any international police, not Interpol
])
def test_ordinary_words_are_not_mined_names(nlp, text: str) -> None:
    entities = {entity for _, entity in found(nlp, text)}
    assert not {e for e in entities if (e.rsplit("/", 1)[-1] in
                                        {"ismail-ould-cheikh-ahmed", "al-ahram", "okaz", "interpol"})}


def test_the_file_declares_only_new_entities() -> None:
    """An entity typed here is typed in no other catalogue file; an untyped subject is an entry
    of another file that this file only gives spelling variants (skos:altLabel)."""
    others = Graph()
    for path in sorted(CATALOGUE.glob("*.ttl")):
        if path != MINED:
            others.parse(path, format="turtle")
    declared = set(MINED_GRAPH.subjects(RDF.type, None))
    for subject in declared:
        assert (subject, RDF.type, None) not in others, f"{subject} is already in the catalogue"
    for subject in set(MINED_GRAPH.subjects()) - declared:
        assert (subject, RDF.type, None) in others, f"{subject}: variants of an entity no file declares"
        assert set(MINED_GRAPH.predicates(subject)) == {SKOS.altLabel}, f"{subject}: more than variants"


def test_the_file_uses_only_the_properties_of_actors_ttl() -> None:
    allowed = set(_graph(CATALOGUE / "actors.ttl").predicates())
    assert set(MINED_GRAPH.predicates()) <= allowed


def _label_rows() -> list[dict]:
    with LABELS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_name_is_seen_in_the_corpus_and_every_entity_recurs() -> None:
    """Regenerate the TSV with bench/catalogue_mining.py --labels after editing the file."""
    rows = {(row["slug"], row["name"]): row for row in _label_rows()}
    for iri, name in NAMES:
        row = rows.get((iri.rsplit("/", 1)[-1], name))
        assert row is not None, f"{name} is not in {LABELS.name}: rerun the --labels count"
        assert int(row["articles"]) >= 1, f"{name} ({iri}) is never found in the corpus"
    for subject in set(MINED_GRAPH.subjects(RDF.type, None)):
        slug = str(subject).rsplit("/", 1)[-1]
        counts = {int(row["entity_articles"]) for (s, _), row in rows.items() if s == slug}
        assert counts and max(counts) >= MIN_ARTICLES, f"{slug} is found in fewer than {MIN_ARTICLES} articles"

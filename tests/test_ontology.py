"""Checks ontology/conflictkg.ttl: it loads in rdflib and Oxigraph, it defines every term of
``conflictkg.namespaces.CK`` and nothing else in the ck: namespace, every term is labelled
in English and Arabic and commented, properties have domains and ranges, and the event types
carry the ACLED / PLOVER / CAMEO codes of the table in VOCABULARY.md.  Also checks that the catalogue
files in ontology/catalogue/ use only ck: terms the ontology declares.
"""
from __future__ import annotations

import re
import sys
import warnings
from itertools import combinations
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

ROOT = Path(__file__).resolve().parents[1]
try:
    from conflictkg.namespaces import CK, CK_IRI, DIRECT_EDGE, EVENT_TYPES
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(ROOT / "src"))
    from conflictkg.namespaces import CK, CK_IRI, DIRECT_EDGE, EVENT_TYPES

ONTOLOGY = ROOT / "ontology" / "conflictkg.ttl"
CATALOGUE = sorted((ROOT / "ontology" / "catalogue").glob("*.ttl"))
ONTOLOGY_IRI = URIRef("https://w3id.org/conflictkg/ontology")

# ck: terms declared by the ontology that the code's CK namespace need not list (none now).
ONTOLOGY_ONLY: set[str] = set()

# Object/datatype properties deliberately left without rdfs:domain, and why.
NO_DOMAIN = {
    "evidence": "any derived statement can carry evidence: events, allegiances, territorial "
                "control, and possibly figures or minted entities; a domain would mistype them",
}

DECLARATION_TYPES = {
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.NamedIndividual, SKOS.Concept, SKOS.ConceptScheme, RDFS.Datatype,
}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
ARABIC = re.compile("[\u0600-\u06FF]")


class XSD:  # plain constants: rdflib's XSD namespace warns when pytest inspects the module
    _NS = "http://www.w3.org/2001/XMLSchema#"
    date = URIRef(_NS + "date")
    integer = URIRef(_NS + "integer")
    string = URIRef(_NS + "string")
    boolean = URIRef(_NS + "boolean")

ACLED, PLOVER, CAMEO = CK_IRI + "acledSubEvent", CK_IRI + "ploverCode", CK_IRI + "cameoCode"
# VOCABULARY.md's table.  ACLED names are spelt as ACLED's codebook spells sub_event_type
# (the table abbreviates "Remote explosive/landmine/IED" and writes "Violence against
# civilians: Attack" for the sub-event type "Attack" of that event type).
CODES = {
    "AirStrike": ({"Air/drone strike"}, {"ASSAULT/aerial"}, {"195"}),
    "Shelling": ({"Shelling/artillery/missile attack"}, {"ASSAULT/heavy-weapons"}, {"194"}),
    "Bombing": ({"Remote explosive/landmine/IED", "Suicide bomb"}, {"ASSAULT/explosives"}, {"183"}),
    "ArmedClash": ({"Armed clash"}, {"ASSAULT/firearms"}, {"190"}),
    "TerritoryTaken": ({"Government regains territory", "Non-state actor overtakes territory"},
                       {"ASSAULT (territory)"}, {"192"}),
    "AttackOnCivilians": ({"Attack"}, {"ASSAULT/targeted"}, {"18x"}),
    "Abduction": ({"Abduction/forced disappearance"}, {"ASSAULT/abduct"}, {"181"}),
    "Arrest": ({"Arrests"}, {"COERCE/arrest"}, {"173"}),
    "Evacuation": ({"Non-violent transfer of territory"}, {"RETREAT/withdraw"}, {"0874"}),
    "Displacement": (set(), set(), set()),
    "Agreement": ({"Agreement"}, {"AGREE"}, {"057"}),
}

VALUE_SETS = {
    "Outcome": ["Killed", "Injured", "Evacuated", "Displaced", "Strikes"],
    "Qualifier": ["Exactly", "AtLeast", "MoreThan", "Approximately"],
    "Population": ["Civilians", "Children", "Women", "Combatants", "MedicalWorkers"],
    "Modality": ["Asserted", "Claimed", "Denied", "Historical", "Planned"],
    "AllegianceKind": ["PledgedAllegiance", "Supports", "AlliedWith", "MemberOf",
                       "AffiliatedWith", "LedBy", "FormerlyAffiliated"],
}


def ck(name: str) -> URIRef:
    return URIRef(CK_IRI + name)


def is_ck(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(CK_IRI)


@pytest.fixture(scope="module")
def g() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    s = pyoxigraph.Store()
    s.load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE)
    return s


def ck_names() -> set[str]:
    return set(CK.__annotations__) | set(CK._extras)


def declared(g: Graph) -> dict[URIRef, set[URIRef]]:
    """ck: IRIs that the ontology declares, with their declaration types."""
    out: dict[URIRef, set[URIRef]] = {}
    for s, t in g.subject_objects(RDF.type):
        if is_ck(s) and (t in DECLARATION_TYPES or (is_ck(t) and t in declared_classes(g))):
            out.setdefault(s, set()).add(t)
    return out


def declared_classes(g: Graph) -> set[URIRef]:
    return {c for c in g.subjects(RDF.type, OWL.Class) if is_ck(c)}


def of_type(g: Graph, *types) -> set[URIRef]:
    return {s for t in types for s in g.subjects(RDF.type, t) if is_ck(s)}


# --- loading ---------------------------------------------------------------------------

CLASS_COUNT = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }"
CK_CLASS_COUNT = ("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> "
                  f'FILTER(STRSTARTS(STR(?c), "{CK_IRI}")) }}')


def test_parses_in_rdflib_and_oxigraph_alike(g, store):
    assert len(g) == len(store)
    for query in (CLASS_COUNT, CK_CLASS_COUNT):
        rdflib_n = int(next(iter(g.query(query)))[0])
        oxi_n = int(next(iter(store.query(query)))["n"].value)
        assert rdflib_n == oxi_n > 0


def test_ontology_header(g):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    DCT = "http://purl.org/dc/terms/"
    assert g.value(ONTOLOGY_IRI, URIRef(DCT + "title")) is not None
    assert g.value(ONTOLOGY_IRI, URIRef(DCT + "description")) is not None
    assert g.value(ONTOLOGY_IRI, URIRef(DCT + "license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert str(g.value(ONTOLOGY_IRI, URIRef(DCT + "creator"))) == "conflictkg"


# --- CK and the ontology cannot drift ------------------------------------------------------

def test_every_ck_term_is_declared(g):
    decl = declared(g)
    missing = sorted(n for n in ck_names() if ck(n) not in decl)
    assert not missing, f"in conflictkg.namespaces.CK but not declared in the ontology: {missing}"


def test_every_declared_term_is_in_ck(g):
    extra = sorted(str(t)[len(CK_IRI):] for t in declared(g)
                   if str(t)[len(CK_IRI):] not in ck_names() | ONTOLOGY_ONLY)
    assert not extra, f"declared in the ontology but not in conflictkg.namespaces.CK: {extra}"
    stale = sorted(n for n in ONTOLOGY_ONLY if n in ck_names())
    if stale:
        warnings.warn(f"now in CK, drop from ONTOLOGY_ONLY: {stale}")


def test_ontology_only_terms_are_declared(g):
    decl = declared(g)
    assert not sorted(n for n in ONTOLOGY_ONLY if ck(n) not in decl)


def test_every_ck_iri_used_is_declared(g):
    decl = declared(g)
    used = {t for triple in g for t in triple if is_ck(t)}
    assert not sorted(used - set(decl)), "ck: IRIs used in the ontology but not declared"


# --- labels, comments, domains, ranges ----------------------------------------------------

def test_labels_in_english_and_arabic_and_comments(g):
    problems = []
    for term in declared(g):
        labels = list(g.objects(term, RDFS.label))
        en = [lab for lab in labels if isinstance(lab, Literal) and lab.language == "en"]
        ar = [lab for lab in labels if isinstance(lab, Literal) and lab.language == "ar"]
        if not en:
            problems.append(f"{term}: no @en rdfs:label")
        if not ar or not all(ARABIC.search(str(lab)) for lab in ar):
            problems.append(f"{term}: no Arabic @ar rdfs:label")
        comments = [c for c in g.objects(term, RDFS.comment)
                    if isinstance(c, Literal) and c.language == "en" and len(str(c)) > 10]
        if not comments:
            problems.append(f"{term}: no English rdfs:comment")
    assert not problems, "\n".join(problems)


def test_properties_have_domain_and_range(g):
    problems = []
    for p in of_type(g, OWL.ObjectProperty, OWL.DatatypeProperty):
        name = str(p)[len(CK_IRI):]
        if g.value(p, RDFS.domain) is None and name not in NO_DOMAIN:
            problems.append(f"{name}: no rdfs:domain and no reason in NO_DOMAIN")
        if g.value(p, RDFS.range) is None:
            problems.append(f"{name}: no rdfs:range")
    assert not problems, "\n".join(problems)
    for name in NO_DOMAIN:
        assert g.value(ck(name), RDFS.domain) is None, f"{name} has a domain now: drop it from NO_DOMAIN"


def test_object_and_datatype_properties_are_typed_consistently(g):
    obj, dat = of_type(g, OWL.ObjectProperty), of_type(g, OWL.DatatypeProperty)
    assert not obj & dat
    for p in dat:
        rng = g.value(p, RDFS.range)
        assert rng in {XSD.date, XSD.integer, XSD.string, XSD.boolean, RDFS.Literal}, (p, rng)
    for p in obj:
        rng = g.value(p, RDFS.range)
        assert not str(rng).startswith(XSD._NS), (p, rng)


@pytest.mark.parametrize("name,rng", [
    ("count", XSD.integer), ("date", XSD.date), ("earliest", XSD.date), ("latest", XSD.date),
    ("asOf", XSD.date), ("contentHash", XSD.string), ("minted", XSD.boolean),
])
def test_datatype_ranges(g, name, rng):
    assert (ck(name), RDF.type, OWL.DatatypeProperty) in g
    assert g.value(ck(name), RDFS.range) == rng


def test_property_characteristics(g):
    assert (CK.within, RDF.type, OWL.TransitiveProperty) in g
    assert (CK.alliedWith, RDF.type, OWL.SymmetricProperty) in g
    assert (CK.sameHappeningAs, RDF.type, OWL.SymmetricProperty) in g
    assert (CK.contextLabel, RDF.type, OWL.AnnotationProperty) in g
    assert (CK.contextLabel, RDFS.subPropertyOf, SKOS.hiddenLabel) in g
    for role in (CK.initiator, CK.target, CK.supporter):
        assert (role, RDFS.subPropertyOf, CK.participant) in g


# --- classes --------------------------------------------------------------------------------

def test_class_hierarchy(g):
    def sub(c, sup):
        return (c, RDFS.subClassOf, sup) in g
    assert sub(CK.Country, CK.Actor) and sub(CK.Country, CK.Place)
    for c in ("StateForce", "ArmedGroup", "Coalition", "Organization", "Person"):
        assert sub(ck(c), CK.Actor), c
    for c in ("Governorate", "District", "Subdistrict", "City", "Town", "Village",
              "Neighbourhood", "Camp", "MilitaryBase", "Region", "BorderCrossing"):
        assert sub(ck(c), CK.Place), c
    NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert sub(CK.Mention, URIRef(NIF + "Phrase"))


def test_event_types_are_disjoint_subclasses_and_concepts(g):
    assert len(EVENT_TYPES) == 11
    disjoint = set()
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(node, OWL.members)))
        disjoint |= {frozenset(pair) for pair in combinations(members, 2)}
    for a, b in combinations(EVENT_TYPES, 2):
        assert frozenset((a, b)) in disjoint, (a, b)
    for t in EVENT_TYPES:
        assert (t, RDFS.subClassOf, CK.Event) in g
        assert (t, RDF.type, SKOS.Concept) in g
        assert (t, SKOS.inScheme, CK.EventTypeScheme) in g
        langs = {lab.language for lab in g.objects(t, SKOS.prefLabel)}
        assert {"en", "ar"} <= langs, t
        assert g.value(t, SKOS.definition) is not None, t


@pytest.mark.parametrize("name", sorted(CODES))
def test_event_type_codes(g, name):
    notations = list(g.objects(ck(name), SKOS.notation))
    got = {dt: {str(n) for n in notations if str(n.datatype) == dt} for dt in (ACLED, PLOVER, CAMEO)}
    assert len(notations) == sum(len(v) for v in got.values()), "notation of unknown datatype"
    acled, plover, cameo = CODES[name]
    assert (got[ACLED], got[PLOVER], got[CAMEO]) == (acled, plover, cameo)


def test_a_few_codes_exactly(g):
    assert Literal("195", datatype=URIRef(CAMEO)) in set(g.objects(CK.AirStrike, SKOS.notation))
    assert Literal("0874", datatype=URIRef(CAMEO)) in set(g.objects(CK.Evacuation, SKOS.notation))
    assert Literal("057", datatype=URIRef(CAMEO)) in set(g.objects(CK.Agreement, SKOS.notation))
    assert Literal("Air/drone strike", datatype=URIRef(ACLED)) in set(g.objects(CK.AirStrike, SKOS.notation))
    assert Literal("COERCE/arrest", datatype=URIRef(PLOVER)) in set(g.objects(CK.Arrest, SKOS.notation))
    for dt in (ACLED, PLOVER, CAMEO):
        assert (URIRef(dt), RDF.type, RDFS.Datatype) in g


@pytest.mark.parametrize("cls", sorted(VALUE_SETS))
def test_value_sets_are_closed(g, cls):
    one_of = g.value(ck(cls), OWL.oneOf)
    assert one_of is not None
    members = list(Collection(g, one_of))
    assert members == [ck(m) for m in VALUE_SETS[cls]]
    for m in members:
        assert (m, RDF.type, ck(cls)) in g
        assert (m, RDF.type, OWL.NamedIndividual) in g


def test_direct_edges_match_namespaces(g):
    edge = URIRef(CK_IRI + "directEdge")
    got = {k: g.value(k, edge) for k in g.subjects(RDF.type, CK.AllegianceKind)}
    assert got == DIRECT_EDGE
    for p in DIRECT_EDGE.values():
        assert (p, RDF.type, OWL.ObjectProperty) in g


def test_instrument_scheme(g):
    scheme = ck("InstrumentScheme")
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    names = {"FighterJet", "Helicopter", "Drone", "BarrelBomb", "Artillery", "Mortar", "Rocket",
             "SurfaceToSurfaceMissile", "CarBomb", "SuicideBomber", "Landmine", "Warplane"}
    assert concepts == {ck(n) for n in names}
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in g
        assert {"en", "ar"} <= {lab.language for lab in g.objects(c, SKOS.prefLabel)}
    assert g.value(CK.instrument, RDFS.range) == SKOS.Concept


# --- catalogue --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CATALOGUE or [None], ids=lambda p: p.name if p else "none")
def test_catalogue_uses_only_declared_ck_terms(g, path):
    if path is None:
        pytest.skip("no ontology/catalogue/*.ttl yet (another engineer is writing them)")
    cat = Graph().parse(path, format="turtle")
    classes = of_type(g, OWL.Class)
    properties = of_type(g, *PROPERTY_TYPES)
    decl = set(declared(g))
    problems = []
    for s, p, o in cat:
        if is_ck(p) and p not in properties:
            problems.append(f"undeclared ck: property {p}")
        if p == RDF.type and is_ck(o) and o not in classes:
            problems.append(f"undeclared ck: class {o}")
        for t in (s, o):
            if is_ck(t) and t not in decl:
                problems.append(f"undeclared ck: term {t}")
    assert not problems, f"{path.name}:\n" + "\n".join(sorted(set(problems)))

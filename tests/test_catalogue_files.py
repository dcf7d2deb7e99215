"""Checks on the background catalogue in ontology/catalogue/*.ttl (rdflib only)."""
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

CK = Namespace("https://w3id.org/conflictkg/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
ACTOR = "https://w3id.org/conflictkg/id/actor/"
PLACE = "https://w3id.org/conflictkg/id/place/"
WD = "http://www.wikidata.org/entity/"

CATALOGUE = Path(__file__).resolve().parent.parent / "ontology" / "catalogue"
TTL_FILES = sorted(CATALOGUE.glob("*.ttl"))

ACTOR_CLASSES = {CK.StateForce, CK.ArmedGroup, CK.Coalition, CK.Organization, CK.Person}
PLACE_CLASSES = {CK.Country, CK.Governorate, CK.District, CK.Subdistrict, CK.City, CK.Town,
                 CK.Village, CK.Neighbourhood, CK.Region, CK.BorderCrossing, CK.Camp, CK.MilitaryBase}
RELATIONS = [CK.within, CK.partOf, CK.country, CK.memberOf, CK.pledgedAllegianceTo, CK.supports,
             CK.alliedWith, CK.affiliatedWith, CK.ledBy, CK.formerlyAffiliatedWith]
GOLAN = URIRef(PLACE + "golan-heights")
SYRIA = URIRef(PLACE + "syria")

# Pairs of entities that may share a normalised Arabic label, with the reason.
# Pairs of entities allowed to share an Arabic name, with the reason. None is: the matcher links
# a shared name to both entities at once, which the shapes reject (issue 15: عمان, Oman and Amman).
ALLOWED_SHARED: dict[frozenset[str], str] = {}

TASHKEEL = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
CLITIC_ARTICLE = re.compile(r"^(?:[وبكف]ال|لل)")
# First words that only look like clitic + ال (the letters belong to the name), with the reason.
CLITIC_LOOKALIKES = {
    "فاليري": "Valery (a Russian first name), not ف + الـ",
    "بالاو": "Palau (the country), not ب + الـ",
    "باليكسير": "Balıkesir (a Turkish city), not ب + الـ",
}


def normalise_ar(text):
    text = unicodedata.normalize("NFC", text)
    text = TASHKEEL.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def graphs():
    out = {}
    for path in TTL_FILES:
        g = Graph()
        g.parse(path, format="turtle")
        out[path.name] = g
    return out


@pytest.fixture(scope="module")
def merged(graphs):
    g = Graph()
    for sub in graphs.values():
        for t in sub:
            g.add(t)
    return g


def typed_entities(g):
    return {s for s, o in g.subject_objects(RDF.type) if str(o).startswith(str(CK))}


def local(iri):
    return str(iri).rsplit("/", 1)[-1]


def test_files_exist():
    names = {p.name for p in TTL_FILES}
    assert {"actors.ttl", "places.ttl"} <= names


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_parses(path):
    g = Graph()
    g.parse(path, format="turtle")
    assert len(g) > 0


def test_classes_are_known(merged):
    for s, o in merged.subject_objects(RDF.type):
        assert o in ACTOR_CLASSES | PLACE_CLASSES, f"{s} has unknown class {o}"


def test_iri_namespaces(merged):
    for s in typed_entities(merged):
        classes = set(merged.objects(s, RDF.type))
        slug = local(s)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), s
        if classes & ACTOR_CLASSES:
            assert str(s).startswith(ACTOR), f"{s}: actors use actor: IRIs"
        else:
            assert str(s).startswith(PLACE), f"{s}: places and countries use place: IRIs"


def test_exactly_one_en_and_ar_label(merged):
    for s in typed_entities(merged):
        labels = list(merged.objects(s, RDFS.label))
        en = [l for l in labels if isinstance(l, Literal) and l.language == "en"]
        ar = [l for l in labels if isinstance(l, Literal) and l.language == "ar"]
        assert len(en) == 1, f"{s}: {len(en)} @en labels"
        assert len(ar) == 1, f"{s}: {len(ar)} @ar labels"
        assert len(labels) == 2, f"{s}: labels in other languages"


def test_places_have_within(merged):
    places = {s for s in typed_entities(merged) if str(s).startswith(PLACE)}
    for s in places:
        if CK.Country in set(merged.objects(s, RDF.type)) or s == GOLAN:
            continue
        targets = list(merged.objects(s, CK.within))
        assert targets, f"{s} has no ck:within"
        # the matcher reads one enclosing place; state only the direct one (ck:within is transitive)
        assert len(targets) == 1, f"{s} has {len(targets)} ck:within values"
        for t in targets:
            assert t in places, f"{s} ck:within {t}, which is not a catalogue place"


def test_within_has_no_cycles(merged):
    for s in typed_entities(merged):
        seen, todo = set(), [s]
        while todo:
            x = todo.pop()
            for t in merged.objects(x, CK.within):
                assert t != s, f"ck:within cycle through {s}"
                if t not in seen:
                    seen.add(t)
                    todo.append(t)


def test_relation_targets_exist(merged):
    entities = typed_entities(merged)
    for rel in RELATIONS:
        for s, o in merged.subject_objects(rel):
            assert s in entities, f"{s} ({rel}) is not a catalogue entity"
            assert o in entities, f"{s} {rel} {o}: target not defined in the catalogue"
    for s, o in merged.subject_objects(CK.country):
        assert CK.Country in set(merged.objects(o, RDF.type)), f"{s} ck:country {o} is not a ck:Country"
    for s in entities:
        if CK.StateForce in set(merged.objects(s, RDF.type)):
            assert list(merged.objects(s, CK.country)) or list(merged.objects(s, CK.affiliatedWith)), \
                f"state force {s} has no ck:country"


def test_same_as_targets(merged):
    seen = {}
    for s, o in merged.subject_objects(OWL.sameAs):
        assert str(o).startswith(WD) and re.fullmatch(r"Q\d+", str(o)[len(WD):]), f"{s} owl:sameAs {o}"
        assert o not in seen, f"{o} used by {s} and {seen[o]}"
        seen[o] = s


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_every_same_as_has_verification_comment(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if "owl:sameAs" in line:
            j = i
            while j > 0 and not lines[j].startswith(("actor:", "place:")):
                j -= 1
            assert j > 0 and lines[j - 1].startswith("# QID verified:"), f"{path.name}:{i + 1}: no '# QID verified:' comment"


def within_syria(g, s):
    seen, todo = set(), [s]
    while todo:
        x = todo.pop()
        if x == SYRIA:
            return True
        for t in g.objects(x, CK.within):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return False


def test_geometry(merged):
    n = 0
    for s, geom in merged.subject_objects(GEO.hasGeometry):
        wkts = list(merged.objects(geom, GEO.asWKT))
        assert len(wkts) == 1, f"{s}: {len(wkts)} WKT literals"
        wkt = wkts[0]
        assert wkt.datatype == GEO.wktLiteral, f"{s}: WKT without geo:wktLiteral"
        m = re.fullmatch(r"POINT\((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)", str(wkt))
        assert m, f"{s}: bad WKT {wkt}"
        lon, lat = float(m.group(1)), float(m.group(2))
        assert -180 <= lon <= 180 and -90 <= lat <= 90, f"{s}: {wkt}"
        if within_syria(merged, s):
            assert 35 <= lon <= 43 and 32 <= lat <= 37.5, f"{s} is in Syria but {wkt} is not"
        n += 1
    assert n > 50


def arabic_names(g, s):
    for p in (RDFS.label, SKOS.altLabel, CK.contextLabel):
        for o in g.objects(s, p):
            if isinstance(o, Literal) and o.language == "ar":
                yield p, str(o)


def test_arabic_labels_are_clean(merged):
    for s in typed_entities(merged):
        for p, text in arabic_names(merged, s):
            assert text == text.strip() and "  " not in text, f"{s}: spacing in {text!r}"
            assert not TASHKEEL.search(text), f"{s}: tashkeel or tatweel in {text!r}"
            if text.split()[0] not in CLITIC_LOOKALIKES:
                assert not CLITIC_ARTICLE.match(text), f"{s}: {text!r} starts with a clitic before ال"
            # a name the Arabic press writes in Latin capitals ("CNN") may stand as it is written
            assert re.search("[\u0621-\u064A]", text) or re.fullmatch("[A-Z]{3,6}", text), \
                f"{s}: @ar name without Arabic letters {text!r}"


def test_no_orthographic_duplicates_within_entity(merged):
    for s in typed_entities(merged):
        seen = {}
        for p, text in arabic_names(merged, s):
            key = normalise_ar(text)
            assert key not in seen, f"{s}: {text!r} and {seen[key]!r} differ only in spelling the matcher folds"
            seen[key] = text


def test_no_shared_arabic_names(merged):
    owners = defaultdict(set)
    for s in typed_entities(merged):
        for p, text in arabic_names(merged, s):
            owners[normalise_ar(text)].add(local(s))
    clashes = []
    for key, ents in owners.items():
        if len(ents) > 1 and frozenset(ents) not in ALLOWED_SHARED:
            clashes.append(f"{key}: {sorted(ents)}")
    assert not clashes, "shared Arabic names:\n" + "\n".join(clashes)


def test_context_labels_are_not_also_alt_labels(merged):
    for s in typed_entities(merged):
        alts = {normalise_ar(str(o)) for o in merged.objects(s, SKOS.altLabel)}
        for o in merged.objects(s, CK.contextLabel):
            assert normalise_ar(str(o)) not in alts, f"{s}: {o} is both altLabel and contextLabel"


def test_counts(merged):
    ents = typed_entities(merged)
    actors = [s for s in ents if str(s).startswith(ACTOR)]
    places = [s for s in ents if str(s).startswith(PLACE)]
    assert len(actors) >= 150, len(actors)
    assert len(places) >= 400, len(places)
    governorates = [s for s in places if CK.Governorate in set(merged.objects(s, RDF.type)) and within_syria(merged, s)]
    assert len(governorates) == 14


def test_required_entities(merged):
    required = ["actor:syrian-government-forces", "actor:russian-aerospace-forces", "actor:syrian-opposition",
                "actor:hayat-tahrir-al-sham", "actor:islamic-state", "actor:al-qaeda",
                "actor:syrian-observatory-for-human-rights", "actor:rami-abdulrahman",
                "place:syria", "place:daraa", "place:daraa-governorate", "place:al-manshiyeh",
                "place:golan-heights", "place:bosra", "place:yarmouk-basin"]
    ents = typed_entities(merged)
    for r in required:
        prefix, slug = r.split(":")
        iri = URIRef((ACTOR if prefix == "actor" else PLACE) + slug)
        assert iri in ents, r


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_every_verification_comment_has_its_same_as(path):
    """A '# QID verified:' comment without the QID leaves the entity unlinked: the exports would
    then offer to create on Wikidata an item that exists there (issue 15: al-Qaeda, the Islamic State)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("# QID verified:"):
            continue
        start = i + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start < len(lines) and lines[start].startswith(("actor:", "place:")):
            end = start
            while not lines[end].rstrip().endswith(" ."):
                end += 1
            assert "owl:sameAs wd:Q" in "\n".join(lines[start:end + 1]), f"{path.name}:{start + 1}: verified but no owl:sameAs"


@pytest.mark.parametrize("force, side", [
    ("actor/israel-defense-forces", "place/israel"),        # a state's forces: the state
    ("actor/russian-aerospace-forces", "place/russia"),     # a unit of them: through ck:partOf
    ("place/israel", "place/israel"),                       # the state itself
    ("actor/hayat-tahrir-al-sham", "actor/hayat-tahrir-al-sham"),   # a group: itself
])
def test_the_side_of_an_actor_is_its_state_or_its_largest_whole(force, side):
    from conflictkg.catalogue import catalogue_index

    base = "https://w3id.org/conflictkg/id/"
    assert base + force in catalogue_index().by_iri
    assert catalogue_index().side(base + force) == base + side

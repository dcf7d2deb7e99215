"""The regional gazetteer (ontology/catalogue/places-region.ttl): the subdivisions and main cities
of the wars the news reports beside Syria's, and the cities where the corpus reports attacks.
Every name is found by the pipeline as its place in a sentence written here; every place lies in
a country the ACLED export codes; every name is one the ANT corpus uses
(bench/results/gazetteer-labels.tsv); a name that is also an ordinary word is read only with its
cue word, and a name two places share names neither."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from conflictkg.catalogue import CatalogueIndex, load_catalogue
from conflictkg.export.acled import countries
from conflictkg.namespaces import CK
from conflictkg.nlp.pipeline import make_pipeline

ROOT = Path(__file__).resolve().parent.parent
REGION = ROOT / "ontology" / "catalogue" / "places-region.ttl"
LABELS = ROOT / "bench" / "results" / "gazetteer-labels.tsv"
PLACE = "https://w3id.org/conflictkg/id/place/"

GRAPH = Graph().parse(REGION, format="turtle")


def _names(predicate) -> list[tuple[str, str]]:
    return sorted((str(s), str(o)) for s, o in GRAPH.subject_objects(predicate)
                  if isinstance(o, Literal) and o.language == "ar")


REGION_PLACES = {str(s) for s in GRAPH.subjects(RDF.type, None)}
NAMES = _names(RDFS.label) + _names(SKOS.altLabel)
CONTEXT_NAMES = _names(CK.contextLabel)
# Names kept although the corpus never writes them: the full name of a governorate and of the
# capital of a Turkish province (the gazetteer lists every first-level subdivision).
STRUCTURAL = {str(s) for s in GRAPH.subjects(RDF.type, CK.Governorate)} | {
    str(s) for s in GRAPH.subjects(CK.within, None) if (s, CK.within, None) in GRAPH
    and str(GRAPH.value(s, CK.within)) == PLACE + "turkey" and (s, RDF.type, CK.City) in GRAPH}


def _ids(pairs):
    return [f"{iri.rsplit('/', 1)[-1]}:{name}" for iri, name in pairs]


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def places(nlp, text: str) -> list[tuple[str, str]]:
    return [(m.span.text, m.entity) for m in nlp(text)._.mentions if m.kind == "place"]


def test_the_file_has_the_expected_size():
    declared = set(GRAPH.subjects(RDF.type, None))
    assert 400 <= len(declared) <= 700, len(declared)
    yemen = [s for s in GRAPH.subjects(RDF.type, CK.Governorate) if str(GRAPH.value(s, CK.within)) == PLACE + "yemen"]
    assert len(yemen) == 22            # 21 governorates and the capital's municipality


@pytest.mark.parametrize("iri, name", NAMES, ids=_ids(NAMES))
def test_every_name_is_found_as_its_place(nlp, iri, name):
    assert (name, iri) in places(nlp, f"ووقعت اشتباكات عنيفة في {name} مساء أمس")


@pytest.mark.parametrize("iri, name", NAMES[::9], ids=_ids(NAMES[::9]))
def test_a_name_is_found_under_a_proclitic(nlp, iri, name):
    assert iri in {entity for _, entity in places(nlp, f"وعاد النازحون ل{name} بعد توقف القتال")}


@pytest.mark.parametrize("iri, name", CONTEXT_NAMES, ids=_ids(CONTEXT_NAMES))
def test_a_context_name_is_read_in_quotes_only(nlp, iri, name):
    assert (name, iri) in places(nlp, f"ووقعت اشتباكات عنيفة في «{name}» مساء أمس")
    assert iri not in {entity for _, entity in places(nlp, f"وقال إن {name} كانت واضحة للجميع")}


def test_every_place_lies_in_a_country_the_acled_export_codes():
    index = CatalogueIndex(load_catalogue())
    coded = countries()
    for subject in set(GRAPH.subjects(RDF.type, None)):
        chain = [index.by_iri[iri] for iri in index.enclosing(str(subject)) if iri in index.by_iri]
        country = next((entry for entry in chain if entry.entity_class == "Country"), None)
        assert country is not None, f"{subject} lies in no country"
        assert country.iri.rsplit("/", 1)[-1] in coded, f"{country.iri} has no row in acled_countries.tsv"


def test_every_name_is_one_the_corpus_uses():
    with LABELS.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)
        found = {(PLACE + slug, name): int(count) for slug, name, count in rows}
    for iri, name in NAMES + CONTEXT_NAMES:
        assert (iri, name) in found, f"{name} ({iri}) was not counted"
        assert found[iri, name] > 0 or iri in STRUCTURAL, f"{name} ({iri}) never occurs in the corpus"


@pytest.mark.parametrize("text", [
    "قم بالضغط على الزر ثم اختر الصورة.",              # قم: "do!", not Qom
    "وكسبها الفريق في الدقيقة الأخيرة.",                 # ك + سبها: "won it", not Sabha
    "وسرت شائعات عن استقالة الوزير.",                   # سرت: "spread", not Sirte
    "ورفض الطلب بحجة أن الوثائق ناقصة.",                # حجة: "pretext", not Hajjah
    "واستغلوا الدين لخدمة مآرب سياسية.",                # مآرب: "aims", not Marib
    "وقالت الناشطة توكل كرمان إن الحرب يجب أن تتوقف.",   # a person, not Kerman
    "وقالت منظمة الفاو إن إنتاج القمح تراجع.",            # the FAO, not al-Faw
    "وسجل رايان بابل هدف التعادل.",                     # a footballer, not Babil
    "وطلي الجدار باللون الرمادي.",                      # grey, not Ramadi
    "وشوهد طائر الكرك في المحمية.",                     # a crane, not Karak
    "وسجل والكوت هدفا في الشوط الثاني.",                 # a footballer, not Kut
    "وانتشرت القبعات الزرقاء في المنطقة العازلة.",       # blue, not Zarqa
    "وقالت إن العقبة الرئيسية هي التمويل.",              # the obstacle, not Aqaba
    "ووصل الوفد إلى طرابلس صباح الأحد.",                # Lebanon's or Libya's: neither
    "وشهدت الجوف معارك عنيفة.",                         # Yemen's or Saudi Arabia's: neither
    "وقال فإن الأمر لم يحسم بعد.",                      # فإن: "then", not Van
    "وولد في مسقط رأسه عام 1950.",                      # birthplace, not Muscat
])
def test_words_that_only_look_like_a_place_name_none(nlp, text):
    found = [entity for _, entity in places(nlp, text) if entity in REGION_PLACES]
    assert not found, found


@pytest.mark.parametrize("text, name, place", [
    ("وقصفت الطائرات قطاع غزة ليلا", "قطاع غزة", "gaza-strip"),
    ("وقصفت الطائرات مدينة غزة ليلا", "مدينة غزة", "gaza-city"),
    ("ودخلت القوات محافظة الحديدة أمس", "محافظة الحديدة", "hodeidah-governorate"),
    ("ودخلت القوات مدينة الحديدة أمس", "مدينة الحديدة", "hodeidah"),
    ("وسقط صاروخ على بنت جبيل أمس", "بنت جبيل", "bint-jbeil"),
    ("وتقع جونيه في جبل لبنان", "جبل لبنان", "mount-lebanon-governorate"),
    ("وزار الرئيس إقليم كردستان العراق", "إقليم كردستان العراق", "kurdistan-region"),
])
def test_the_longer_name_is_the_place(nlp, text, name, place):
    assert (name, PLACE + place) in places(nlp, text)


@pytest.mark.parametrize("text, name, place", [
    ("وقصفت الطائرات ريف تعز أمس", "تعز", "taiz-governorate"),
    ("ووصلت التعزيزات إلى محافظتي صعدة والحديدة", "صعدة", "saada-governorate"),
    ("وقصفت الطائرات مدينة تعز أمس", "مدينة تعز", "taiz"),
])
def test_a_capital_after_a_governorate_cue_is_its_governorate(nlp, text, name, place):
    """The governorates named after their capital (محافظة تعز) are read like Syria's (ريف درعا)."""
    assert (name, PLACE + place) in places(nlp, text)

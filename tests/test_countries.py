"""Every sovereign state is in the catalogue (ontology/catalogue/places.ttl): each is found as a
place where the news locates something in it and as an actor where it acts, under every Arabic
name the catalogue gives it; a nationality adjective in a title makes the title holder a member of
its state; and the words that only look like a country's name (مالي "financial", كلاوس, ولاية
جورجيا …) name none."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.catalogue import load_catalogue
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
COUNTRIES = [entry for entry in load_catalogue() if entry.entity_class == "Country"]


@pytest.fixture(scope="module")
def extract():
    extractor = Extractor()

    def read(text):
        return extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24)))
    return read


def _mentions(result) -> list[tuple[str, str, str]]:
    return [(m.span.text, m.entity.removeprefix(ID), m.kind) for m in result.mentions]


def test_every_member_state_of_the_united_nations_is_catalogued():
    """193 members, Palestine (an observer state), Kosovo, Taiwan and the Vatican."""
    assert len(COUNTRIES) == 197
    assert {"place/japan", "place/north-korea", "place/kosovo", "place/taiwan", "place/vatican-city",
            "place/new-zealand", "place/serbia", "place/venezuela"} <= {c.iri.removeprefix(ID) for c in COUNTRIES}


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.iri.rsplit("/", 1)[-1])
def test_a_country_in_which_something_happens_is_a_place(extract, country):
    name = country.label_ar
    found = _mentions(extract(f"وقتل ثلاثة أشخاص في انفجار في مدينة في {name} أمس."))
    assert found == [(name, country.iri.removeprefix(ID), "place")]


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.iri.rsplit("/", 1)[-1])
def test_a_country_that_accuses_is_an_actor(extract, country):
    name = country.label_ar
    found = _mentions(extract(f"واتهمت {name} الحكومة بخرق الاتفاق."))
    assert (name, country.iri.removeprefix(ID), "actor") in found


@pytest.mark.parametrize("country, name", [(c, n) for c in COUNTRIES for n in c.names_ar],
                         ids=lambda v: v if isinstance(v, str) else v.iri.rsplit("/", 1)[-1])
def test_every_name_of_a_country_names_that_country(extract, country, name):
    """No longer name of another entity swallows it ("جمهورية كوريا الديمقراطية" is North Korea,
    not "جمهورية كوريا" and a word more)."""
    found = _mentions(extract(f"ووصل الوفد إلى {name} صباح الأحد."))
    assert [entity for _, entity, _ in found] == [country.iri.removeprefix(ID)], name


@pytest.mark.parametrize("title, country", [
    ("وزير الخارجية الياباني", "place/japan"),
    ("رئيس الوزراء الهندي", "place/india"),
    ("وزير الدفاع الأسترالي", "place/australia"),
    ("الرئيس الصربي", "place/serbia"),
    ("وزيرة الخارجية الفنزويلية", "place/venezuela"),
    ("السفير الباكستاني", "place/pakistan"),
    ("المندوب الكوبي", "place/cuba"),
    ("وزيرة الخارجية السويدية", "place/sweden"),
])
def test_a_nationality_in_a_title_makes_its_holder_a_member_of_the_state(extract, title, country):
    facts = extract(f"وقال {title} سالم عبد الرحيم إن المحادثات ستستمر.").allegiances
    assert len(facts) == 1
    fact = facts[0]
    state = fact.source if fact.kind == "LedBy" else fact.target
    assert state == ID + country


@pytest.mark.parametrize("text", [
    "وقدمت الحكومة الدعم المالي للمزارعين.",          # مالي: "financial"
    "وحصل المجلس على دعم مالي بقيمة مليون دولار.",
    "وافتتحت الوزارة مدرسة بنين في الحي.",             # بنين: "boys"
    "وقال كلاوس شميت إن الاجتماع تأجل.",             # ك + لاوس: a first name
    "وقال إن ذلك سيفتح صندوق باندورا.",               # ب + أندورا: Pandora
    "وضرب الإعصار ولاية جورجيا الأمريكية.",           # the US state
    "وسجل بليز هدفا في الشوط الثاني.",                 # a first name
    "وتحصن المسلحون في الجبل الأسود قرب القرية.",      # a black mountain
    "وتعمل البعثة في الكونغو منذ سنوات.",              # which Congo?
])
def test_words_that_only_look_like_a_country_name_none(extract, text):
    found = _mentions(extract(text))
    assert not [entity for _, entity, _ in found if entity.startswith("place/")], found


@pytest.mark.parametrize("text, country", [
    ("وقال رئيس جمهورية مالي إن", "place/mali"),
    ("ونقلت وكالة «مالي» للأنباء", "place/mali"),
    ("وقالت حكومة جمهورية الجبل الأسود إن", "place/montenegro"),
    ("وقال رئيس جمهورية الكونغو الديمقراطية إن", "place/democratic-republic-of-the-congo"),
    ("وقال رئيس الكونغو برازافيل إن", "place/republic-of-the-congo"),
    ("وأعلنت غينيا بيساو أن", "place/guinea-bissau"),
    ("وأعلنت غينيا أن", "place/guinea"),
])
def test_an_ambiguous_name_is_read_in_its_longer_or_cued_form(extract, text, country):
    assert [entity for _, entity, _ in _mentions(extract(text))] == [country]


def test_northern_ireland_is_not_ireland(extract):
    found = _mentions(extract("وشارك ممثلون عن أيرلندا الشمالية وأيرلندا في المؤتمر."))
    assert [entity for _, entity, _ in found] == ["place/northern-ireland", "place/ireland"]

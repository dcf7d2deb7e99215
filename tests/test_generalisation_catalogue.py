"""Air forces and aircraft of the foreign forces, and names the reporting uses that the
catalogue lacked: each phrasing resolves to the right catalogue actor (rule in
ontology/catalogue/README.md: an air force is its own entity, ck:partOf its force)."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.context import catalogue_entry
from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"


@pytest.fixture(scope="module")
def mentioned():
    extractor = Extractor()

    def read(text):
        return [m.entity for m in extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).mentions]
    return read


@pytest.mark.parametrize("phrase, actor, force", [
    ("الطيران التركي", "turkish-air-force", "turkish-forces"),
    ("المقاتلات التركية", "turkish-air-force", "turkish-forces"),
    ("الطائرات التركية", "turkish-air-force", "turkish-forces"),
    ("الطائرات الحربية التركية", "turkish-air-force", "turkish-forces"),
    ("الطيران الإسرائيلي", "israeli-air-force", "israel-defense-forces"),
    ("المقاتلات الإسرائيلية", "israeli-air-force", "israel-defense-forces"),
    ("الطيران الأمريكي", "us-air-force", "us-forces"),
    ("الطيران الأميركي", "us-air-force", "us-forces"),
    ("المقاتلات الأمريكية", "us-air-force", "us-forces"),
    ("الطيران العراقي", "iraqi-air-force", "iraqi-forces"),
    ("المقاتلات العراقية", "iraqi-air-force", "iraqi-forces"),
    ("الطائرات العراقية", "iraqi-air-force", "iraqi-forces"),
    ("الطيران الأردني", "jordanian-air-force", "jordanian-armed-forces"),
    ("الطيران الروسي", "russian-aerospace-forces", "russian-armed-forces"),
    ("الطائرات السورية", "syrian-arab-air-force", "syrian-government-forces"),
])
def test_an_air_force_is_its_own_entity_part_of_its_force(mentioned, phrase, actor, force):
    assert mentioned(f"وقصف {phrase} مواقع في ريف درعا.")[:1] == [ID + "actor/" + actor]
    assert catalogue_entry(ID + "actor/" + actor) is not None and force   # partOf: checked below


def test_air_forces_are_part_of_their_forces():
    from pathlib import Path

    from rdflib import Graph, Namespace, URIRef
    ck = Namespace("https://w3id.org/conflictkg/ontology#")
    graph = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "catalogue" / "actors.ttl")
    for branch, force in [("turkish-air-force", "turkish-forces"), ("israeli-air-force", "israel-defense-forces"),
                          ("us-air-force", "us-forces"), ("iraqi-air-force", "iraqi-forces"),
                          ("jordanian-air-force", "jordanian-armed-forces"),
                          ("russian-aerospace-forces", "russian-armed-forces"),
                          ("syrian-arab-air-force", "syrian-government-forces")]:
        assert (URIRef(ID + "actor/" + branch), ck.partOf, URIRef(ID + "actor/" + force)) in graph, branch


@pytest.mark.parametrize("text, entity", [
    ("وقالت إن مقاتلات التحالف الدولي قصفت مواقع التنظيم.", "actor/us-led-coalition"),
    ("وقال جيش الفتح إنه سيطر على المدينة.", "actor/army-of-conquest"),
    ("وقالت كتائب القسام إن مقاتليها أطلقوا صواريخ.", "actor/al-qassam-brigades"),
    ("وقالت حركة الشباب إنها نفذت الهجوم.", "actor/al-shabaab"),
    ("واعتقلت الشرطة أعضاء في جماعة أنصار الدولة.", "actor/jamaah-ansharut-daulah"),
    ("وقتل مدنيون في مدينة تلعفر.", "place/tal-afar"),
    ("وقتل مدنيون في تل عفر.", "place/tal-afar"),
    ("وقتل مدنيون في مدينة القصير.", "place/al-qusayr"),
    ("وقتل مدنيون في بلدة جنديرس.", "place/jindires"),
    ("وقالت جماعة الإخوان المسلمين إن", "actor/muslim-brotherhood"),
])
def test_names_the_catalogue_lacked(mentioned, text, entity):
    assert ID + entity in mentioned(text)


def test_bare_coalition_aircraft_are_the_us_led_coalition(mentioned):
    assert ID + "actor/us-led-coalition" in mentioned("وقالت إن طائرات التحالف قصفت مواقع التنظيم في البوكمال.")


def test_coalition_aircraft_in_a_report_on_yemen_are_the_saudi_led_coalition(mentioned):
    text = "قصفت طائرات التحالف العربي بقيادة السعودية مواقع الحوثيين. وقالت إن طائرات التحالف قصفت صنعاء."
    assert mentioned(text).count(ID + "actor/saudi-led-coalition") == 2

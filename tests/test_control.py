"""Territorial control, each pattern of control_patterns.tsv."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
IS, OPPOSITION, FSA, GOV = (ID + "actor/islamic-state", ID + "actor/syrian-opposition",
                            ID + "actor/free-syrian-army", ID + "actor/syrian-government-forces")
NAWA, DARAA, DARAA_GOV = ID + "place/nawa", ID + "place/daraa", ID + "place/daraa-governorate"
P = ID + "place/"
OPP, GHOUTA, DOUMA = OPPOSITION, P + "eastern-ghouta", P + "douma"


@pytest.fixture(scope="module")
def controls():
    extractor = Extractor()

    def read(text):
        found = extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).controls
        assert all(c.as_of == dt.date(2018, 7, 24) and c.evidence for c in found)
        return {(c.controller, c.territory) for c in found}
    return read


@pytest.mark.parametrize("text, expected", [
    ("قصفت الطائرات بلدة نوى الواقعة تحت سيطرة تنظيم الدولة الإسلامية.", (IS, NAWA)),
    ("قصفت الطائرات مناطق خاضعة لسيطرة المعارضة السورية في مدينة درعا.", (OPPOSITION, DARAA)),
    ("قصفت الطائرات بلدة نوى الخاضعة للمعارضة السورية.", (OPPOSITION, NAWA)),
    ("قصفت الطائرات بلدة نوى التي يسيطر عليها تنظيم الدولة الإسلامية.", (IS, NAWA)),
    ("ويسيطر الجيش السوري الحر على بلدة نوى.", (FSA, NAWA)),
    ("وتعد بلدة نوى معقل تنظيم الدولة الإسلامية.", (IS, NAWA)),
    ("ونزح الآلاف نحو هضبة الجولان المحتلة إسرائيليا.", (P + "israel", P + "golan-heights")),
    ("ونزح الآلاف نحو بلدة نوى المحتلة من قبل تنظيم الدولة الإسلامية.", (IS, NAWA)),
    ("وتقع مدينة عفرين تحت سيطرة تركية منذ آذار.", (ID + "actor/turkish-forces", P + "afrin")),
    ("وتقع بلدة نوى في سوريا تحت سيطرة مسلحي المعارضة.", (OPP, NAWA)),
    ("وباتت القوات الحكومية وحلفاؤها يسيطرون على معظم الغوطة الشرقية.", (GOV, GHOUTA)),
])
def test_control_patterns(controls, text, expected):
    assert expected in controls(text)


@pytest.mark.parametrize("word", ["إلى", "نحو", "باتجاه"])
def test_areas_people_go_to_say_of_no_place_that_it_is_held(controls, word):
    # the areas are where fighters go, not a hold on the region named after them
    assert controls(f"وسمح الاتفاق بانتقال المقاتلين {word} مناطق خاضعة للمعارضة في شمال سوريا.") == set()
    # areas hit, not gone to, are still held where the text places them
    assert (OPPOSITION, DARAA) in controls("قصفت الطائرات مناطق خاضعة للمعارضة في مدينة درعا.")


def test_the_city_refers_back_to_the_city_named(controls):
    found = controls("اندلعت اشتباكات في مدينة درعا. وأطلقت المعارضة السورية قذائف على أجزاء تسيطر عليها قوات النظام في المدينة.")
    assert (GOV, DARAA) in found


def test_the_governorate_of_the_city_named(controls):
    found = controls("اندلعت اشتباكات في مدينة درعا. ويسيطر الجيش السوري الحر على نصف المحافظة.")
    assert (FSA, DARAA_GOV) in found


@pytest.mark.parametrize("text", [
    "ونزح الآلاف نحو الجولان السوري المحتل.",                                # the occupier unnamed
    "وفرضت العقوبات على الشركات الخاضعة للعقوبات الأمريكية في دمشق.",       # an adjective a word on
])
def test_an_occupied_or_subject_place_with_no_holder_named_has_no_control(controls, text):
    assert controls(text) == set()


def test_past_control_is_not_recorded(controls):
    assert controls("وانسحبت المعارضة السورية التي كانت تسيطر على بلدة نوى.") == set()


def test_every_control_pattern_fires():
    for row in lexicon("control_patterns.tsv"):
        assert CueLexicon([row]).find_in(f"البلدة {row.form} التنظيم"), row.form


@pytest.mark.parametrize("text, expected", [
    # a stronghold or a pocket in apposition to the place, after a comma or a relative clause
    ("شن الجيش هجوما على الغوطة الشرقية، آخر معاقل المعارضة المسلحة قرب دمشق.", (OPP, GHOUTA)),
    ("قصفت الطائرات سوريا. وهددت دمشق بعملية في مدينة دوما، آخر جيوب الفصائل المعارضة.", (OPP, DOUMA)),
    ("قصفت الطائرات سوريا. الهجوم على بلدة دوما التي تقع تحت سيطرة مسلحي المعارضة.", (OPP, DOUMA)),
    # a state takes a place too
    ("وكانت تركيا قد احتلت مدينة عفرين في نهاية عملية عسكرية.", (P + "turkey", P + "afrin")),
])
def test_control_in_apposition_and_by_states(controls, text, expected):
    assert expected in controls(text)


@pytest.mark.parametrize("text, expected", [
    ("ووصلت القافلة إلى مناطق سيطرة قوات عملية درع الفرات في الشمال السوري.",
     {(ID + "actor/syrian-national-army", P + "northern-syria")}),
    ("وانسحب المقاتلون إلى منطقة سيطرة الفصائل المعارضة في ريف إدلب.", {(OPP, P + "idlib-governorate")}),
    ("وغادرت القافلة مدينة الرقة إلى مناطق سيطرة قوات النظام.", set()),   # left from, not held
])
def test_areas_of_control_hold_the_place_named_for_them(controls, text, expected):
    assert controls(text) == expected


def test_a_comma_alone_does_not_put_the_place_before_it_under_control(controls):
    assert (OPP, P + "idlib") not in controls("قصفت الطائرات مدينة إدلب، ويسيطر مقاتلو المعارضة على حماة.")


@pytest.mark.parametrize("text, expected", [
    ("ويعيش في الغوطة الشرقية، معقل الفصائل المعارضة الأخير قرب دمشق، 400 ألف شخص.", (OPP, GHOUTA)),
    ("ويواصل الجيش العمليات العسكرية في دوما آخر معقل للمعارضة بالمنطقة.", (OPP, DOUMA)),
    ("ولم يبق سوى دوما الجيب الأخير الخاضع لسيطرة مسلحي المعارضة.", (OPP, DOUMA)),
    ("وتشن قوات النظام حملة على الغوطة الشرقية المحاصرة، معقل الفصائل المعارضة الأخير قرب دمشق.", (OPP, GHOUTA)),
    ("وتستعد القوات لعملية في دوما، آخر منطقة لا تزال تحت سيطرة المعارضة في الغوطة الشرقية.", (OPP, DOUMA)),
])
def test_a_stronghold_after_a_bare_comma_and_the_opposition_named_by_a_word_of_control(controls, text, expected):
    assert expected in controls(text)


@pytest.mark.parametrize("text, expected", [
    ("وتقع مدينة الباب التي سيطرت عليها القوات التركية في ريف حلب.", (ID + "actor/turkish-forces", P + "al-bab")),
    ('وترابط القوات الأميركية في منبج التي انتزعتها "وحدات حماية الشعب" من تنظيم داعش.',
     (ID + "actor/peoples-protection-units", P + "manbij")),
])
def test_a_capture_in_a_relative_clause_takes_the_place_it_describes(controls, text, expected):
    assert expected in controls(text) and not any(place == P + "aleppo-governorate" for _, place in controls(text))


def test_a_place_named_as_near_the_held_one_is_not_held(controls):
    found = controls("وشنت القوات الحكومية حملة قصف تستهدف الغوطة الشرقية قرب دمشق التي تسيطر عليها المعارضة.")
    assert found == {(OPP, GHOUTA)}


def test_a_capture_is_never_as_of_a_day_after_the_report():
    """"بحلول نهاية العام": a plan's date is no capture's date; the report's day is."""
    found = Extractor().extract(Article(id="t", text="سيطرت قوات النظام على بلدة نوى، وتأمل السيطرة على المحافظة بحلول نهاية عام 2018.",
                                        published=dt.date(2018, 7, 24))).controls
    assert found and all(c.as_of is None or c.as_of <= dt.date(2018, 7, 24) for c in found)


# ------------------------------------------------------------------ places joined, towns named
@pytest.mark.parametrize("text", [
    "وسيطرت قوات النظام على بلدتي المسيفرة وكحيل.",
    "واستعادت قوات النظام بلدات المسيفرة وكحيل.",
    "وتسيطر قوات النظام على المسيفرة وكحيل.",
])
def test_each_place_joined_to_the_one_taken_or_held_is_taken_or_held(controls, text):
    assert {(GOV, P + "al-musayfirah"), (GOV, P + "kahil")} <= controls(text)


@pytest.mark.parametrize("text", [
    "وسيطرت قوات النظام على قرى ريف درعا.",           # villages of a region: a part of it
    "وسيطرت قوات النظام على قرى في محافظة درعا.",
])
def test_a_plural_of_settlements_before_a_wider_place_is_a_part_of_it(controls, text):
    assert controls(text) == set()


def test_a_decimal_comma_breaks_no_clause(controls):
    assert (GOV, DARAA_GOV) in controls("وأوضح المرصد أن قوات النظام باتت تسيطر على 58،8% من مساحة محافظة درعا.")


def test_the_wresting_of_a_place_by_a_force_is_its_capture(controls):
    assert (ID + "actor/turkish-forces", P + "afrin") in controls("ومنذ انتزاع القوات التركية مدينة عفرين، تكررت التهديدات.")


_IN_THE_HANDS = [row for row in lexicon("control_patterns.tsv") if not row.place_after]


@pytest.mark.parametrize("row", _IN_THE_HANDS, ids=lambda row: row.form)
def test_a_place_in_the_hands_of_a_force_is_held_by_it(controls, row):
    assert controls(f"ولا تزال بلدة نوى {row.form} تنظيم الدولة الإسلامية.") == {(IS, NAWA)}, row.form


@pytest.mark.parametrize("row", _IN_THE_HANDS, ids=lambda row: row.form)
def test_what_falls_into_the_hands_of_a_force_in_a_place_says_nothing_of_the_place(controls, row):
    assert controls(f"ووقع عشرات المدنيين في الأسر {row.form} تنظيم الدولة الإسلامية في بلدة نوى.") == set(), row.form


@pytest.mark.parametrize("text", [
    "وكانت بلدة نوى تحت سيطرة تنظيم الدولة الإسلامية.",
    "وكان معبر نصيب بأيدي الفصائل المسلحة.",
    "وكانت بلدة نوى الخاضعة لسيطرة تنظيم الدولة الإسلامية.",
])
def test_a_place_that_was_held_is_not_held_now(controls, text):
    assert controls(text) == set()

"""Territorial control beyond the seeds: captures (سيطر على، بسط سيطرته، استعاد، دخل، انتزع)
give a control statement dated by the capture; relative clauses after a place; areas with no
place named give none; plans, failures, negations and past control give none. Sentences
written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
GOV, IS, HTS, OPP = (ID + "actor/syrian-government-forces", ID + "actor/islamic-state",
                     ID + "actor/hayat-tahrir-al-sham", ID + "actor/syrian-opposition")
TURKEY, JKBW, SDF = ID + "actor/turkish-forces", ID + "actor/jaish-khalid-bin-al-walid", ID + "actor/syrian-democratic-forces"
NAWA, DARAA, IDLIB, AFRIN, MANBIJ = (ID + "place/nawa", ID + "place/daraa", ID + "place/idlib", ID + "place/afrin",
                                     ID + "place/manbij")
PUBLISHED = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def controls():
    extractor = Extractor()

    def read(text):
        found = extractor.extract(Article(id="t", text=text, published=PUBLISHED)).controls
        assert all(c.evidence for c in found)
        return {(c.controller, c.territory): c.as_of for c in found}
    return read


@pytest.mark.parametrize("text, expected", [
    ("سيطرت قوات النظام على بلدة نوى.", (GOV, NAWA)),
    ("وسيطرت قوات النظام الجمعة على بلدة نوى بعد معارك عنيفة.", (GOV, NAWA)),
    ("قوات النظام سيطرت على بلدة نوى بعد انسحاب المعارضة.", (GOV, NAWA)),
    ("بسطت هيئة تحرير الشام سيطرتها على مدينة إدلب.", (HTS, IDLIB)),
    ("أحكمت قوات النظام سيطرتها على بلدة نوى.", (GOV, NAWA)),
    ("استعادت قوات النظام السيطرة على مدينة درعا.", (GOV, DARAA)),
    ("واستعاد الجيش السوري مدينة درعا من المعارضة.", (GOV, DARAA)),
    ("تمكنت قوات النظام من السيطرة على بلدة نوى.", (GOV, NAWA)),
    ("دخلت القوات التركية إلى مدينة عفرين.", (TURKEY, AFRIN)),
    ("ودخلت القوات التركية مدينة عفرين صباح الأحد.", (TURKEY, AFRIN)),
    ("انتزع تنظيم الدولة الإسلامية بلدة نوى من المعارضة.", (IS, NAWA)),
    ("وجاء ذلك بعد سيطرة قوات النظام على بلدة نوى.", (GOV, NAWA)),
    ("واستولى تنظيم الدولة الإسلامية على بلدة نوى.", (IS, NAWA)),
])
def test_a_capture_is_control(controls, text, expected):
    assert expected in controls(text)


def test_a_capture_is_dated_by_its_event(controls):
    assert controls("سيطرت قوات النظام على بلدة نوى يوم الاثنين.")[(GOV, NAWA)] == dt.date(2018, 7, 23)


@pytest.mark.parametrize("text", [
    "تسعى قوات النظام للسيطرة على بلدة نوى.",
    "فشلت قوات النظام في السيطرة على بلدة نوى.",
    "تحاول قوات النظام السيطرة على بلدة نوى منذ أسابيع.",
    "باتت قوات النظام على وشك استعادة بلدة نوى.",
    "سيطرت قوات النظام على عدة قرى في ريف درعا.",
    "سيطرت قوات النظام على الطريق المؤدي إلى بلدة نوى.",
    "تقدمت قوات النظام باتجاه بلدة نوى.",
    "دخل مقاتلون يدعمون قوات النظام إلى مدينة عفرين.",
    "دخل اتفاق وقف إطلاق النار حيز التنفيذ في درعا.",
    "هاجم التنظيم البلدة منذ استعادة قوات النظام مدينة درعا.",
])
def test_no_control_from_plans_failures_or_unnamed_areas(controls, text):
    found = controls(text)
    assert (GOV, NAWA) not in found and (TURKEY, AFRIN) not in found and (GOV, ID + "place/daraa-governorate") not in found
    assert (GOV, AFRIN) not in found and (IS, DARAA) not in found


@pytest.mark.parametrize("text, expected", [
    ("اندلعت اشتباكات في مدينة درعا. وقصفت الطائرات أحياء في المدينة، التي يسيطر عليها فصيل جيش خالد بن الوليد.",
     (JKBW, DARAA)),
    ("قصفت الطائرات مدينة إدلب، التي تسيطر عليها هيئة تحرير الشام.", (HTS, IDLIB)),
    ("وتقع مدينة منبج، التي تسيطر عليها قوات سوريا الديمقراطية، شرق حلب.", (SDF, MANBIJ)),
    ("وقالت قوات النظام المسيطرة على مدينة درعا إنها صدت الهجوم.", (GOV, DARAA)),
    ("وتعد مدينة إدلب معقل هيئة تحرير الشام.", (HTS, IDLIB)),
])
def test_relative_clauses_and_controlling_forces(controls, text, expected):
    assert expected in controls(text)


@pytest.mark.parametrize("text", [
    "وقصفت الطائرات بلدة نوى والمناطق الخاضعة لسيطرة المعارضة.",
    "وتقع المناطق الخاضعة لسيطرة المعارضة شمال بلدة نوى.",
    "وباتت المعارضة لا تسيطر على بلدة نوى.",
    "وكانت بلدة نوى ومدينة درعا كانتا تحت سيطرة المعارضة.",
    "ونزح السكان نحو مناطق أخرى تسيطر عليها المعارضة قرب بلدة نوى.",
])
def test_no_control_for_unnamed_areas_negation_or_the_past(controls, text):
    assert (OPP, NAWA) not in controls(text)


def test_every_capture_form_fires():
    for row in lexicon("control_captures.tsv"):
        sample = " ".join(w.rstrip("*") + ("ها" if w.endswith("*") else "") for w in row.form.split())
        assert CueLexicon([row]).find_in(f"ثم {sample} قوات النظام على البلدة"), row.form


def test_every_area_noun_fires():
    for row in lexicon("control_area_nouns.tsv"):
        assert CueLexicon([row]).find_in(f"على {row.form} في ريف درعا"), row.form

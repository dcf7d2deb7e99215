"""Targets against initiators: what is hit (positions, bases, convoys, fighters of a party, the dead
of a one-sided attack) names the target, never a second initiator. Sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.lexicon import lexicon

A = "https://w3id.org/conflictkg/id/actor/"
GOV, YPG, SDF, TURKEY = (A + "syrian-government-forces", A + "peoples-protection-units",
                         A + "syrian-democratic-forces", A + "turkish-forces")
RUSSIA, HTS, IS, OPP = (A + "russian-aerospace-forces", A + "hayat-tahrir-al-sham", A + "islamic-state",
                        A + "syrian-opposition")
IRAN, TURKISH_AIR = A + "iranian-forces", A + "turkish-air-force"


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


def sides(extract, text):
    events = extract(text).events
    assert events, text
    return events[0].initiators, events[0].targets


# ------------------------------------------------------------------ a target noun ends the subject
@pytest.mark.parametrize("text, initiators, targets", [
    ("قصفت قوات النظام مواقع الوحدات الكردية في ريف حلب.", [GOV], [YPG]),
    ("قصفت القوات التركية مواقع الوحدات الكردية قرب عفرين.", [TURKEY], [YPG]),
    ("استهدفت المقاتلات التركية مقرات قوات سوريا الديمقراطية قرب منبج.", [TURKISH_AIR], [SDF]),
    ("استهدف الطيران الروسي تجمعات هيئة تحرير الشام في ريف إدلب.", [RUSSIA], [HTS]),
    ("هاجم تنظيم الدولة نقاط قوات النظام في البادية.", [IS], [GOV]),
    ("قصفت المدفعية التركية معاقل وحدات حماية الشعب في عفرين.", [TURKEY], [YPG]),
    # the force coordinated with the hit one is hit too, not a subject
    ("قصفت قوات النظام مواقع الوحدات الكردية وقوات سوريا الديمقراطية في ريف حلب.", [GOV], [YPG, SDF]),
])
def test_a_party_after_a_target_noun_is_the_target(extract, text, initiators, targets):
    assert sides(extract, text) == (initiators, targets)


# ------------------------------------------------------------------ other common target patterns
@pytest.mark.parametrize("text, initiators, targets", [
    # "على مواقع ل X": a force read inside its word ("لهيئة") is still right after the target word
    ("شنت الطائرات الروسية غارات على مواقع لهيئة تحرير الشام في ريف إدلب.", [RUSSIA], [HTS]),
    ("استهدف الطيران التركي رتلا لقوات النظام بغارة في ريف إدلب.", [TURKISH_AIR], [GOV]),
    # passive: no subject, the party whose positions were hit is the target
    ("استهدفت مواقع قوات النظام في ريف حماة بقذائف الهاون.", [], [GOV]),
    # the positions hit named before a noun trigger
    ("تعرضت مواقع قوات النظام لقصف مدفعي من فصائل المعارضة في ريف حماة.", [OPP], [GOV]),
])
def test_common_target_patterns(extract, text, initiators, targets):
    assert sides(extract, text) == (initiators, targets)


# ------------------------------------------------------------------ the dead of a one-sided attack
@pytest.mark.parametrize("text, initiators, targets", [
    ("مقتل عناصر من قوات النظام بقصف مدفعي في ريف حماة.", [], [GOV]),
    ("مقتل عشرة عناصر من قوات النظام بقصف لفصائل المعارضة في ريف حماة.", [OPP], [GOV]),
    ("أسفرت غارة للطيران الروسي عن مقتل عشرة عناصر من هيئة تحرير الشام في ريف إدلب.", [RUSSIA], [HTS]),
])
def test_the_dead_of_a_strike_are_the_side_hit(extract, text, initiators, targets):
    assert sides(extract, text) == (initiators, targets)


def test_a_trigger_after_a_preposition_is_a_noun(extract):
    # "بقصف" is the shelling, not "he shelled": the force before it is no subject of it
    initiators, targets = sides(extract, "مقتل عناصر من هيئة تحرير الشام بقصف مدفعي في ريف إدلب.")
    assert HTS not in initiators and targets == [HTS]


# ------------------------------------------------------------------ non-regression
@pytest.mark.parametrize("text", ["قوات النظام والميليشيات الإيرانية قصفت بلدة نوى.",
                                  "قصفت قوات النظام والميليشيات الإيرانية بلدة نوى."])
def test_a_real_two_force_subject_stays_two_initiators(extract, text):
    assert sides(extract, text) == ([GOV, IRAN], [])


def test_fighters_right_after_a_verb_are_its_subject(extract):
    # "هاجم عناصر التنظيم": the fighters are the doers; the positions they attack are the target
    assert sides(extract, "هاجم عناصر تنظيم الدولة مواقع قوات النظام في البادية.") == ([IS], [GOV])


def test_the_dead_of_a_clash_make_no_target(extract):
    # both sides lose men in a clash: "مقتل عناصر من X" says nothing of who was attacked
    initiators, targets = sides(extract, "أسفرت الاشتباكات بين قوات النظام وتنظيم الدولة عن مقتل عناصر من قوات النظام.")
    assert initiators == [GOV] and GOV not in targets


def test_a_position_with_a_pronoun_belongs_to_the_pronoun(extract):
    # "مواقعها": not the next force's positions; the two forces stay one subject
    initiators, _ = sides(extract, "قصفت قوات النظام والميليشيات الإيرانية من مواقعها بلدة نوى.")
    assert initiators == [GOV, IRAN]


# ------------------------------------------------------------------ every data row fires
def _rows(role):
    return [row.form for row in lexicon("role_cues.tsv") if row.role == role]


@pytest.mark.parametrize("form", _rows("target_site"))
def test_every_target_noun_fires(extract, form):
    initiators, targets = sides(extract, f"قصفت قوات النظام {form} الوحدات الكردية في ريف حلب.")
    assert initiators == [GOV] and targets == [YPG], form


@pytest.mark.parametrize("form", _rows("target_site"))
def test_a_nationality_adjective_on_a_site_names_its_owner_as_the_target(extract, form):
    """"قصفت إسرائيل مواقع عسكرية سورية": the positions are the Syrian forces'."""
    initiators, targets = sides(extract, f"قصفت إسرائيل {form} عسكرية سورية قرب دمشق.")
    assert initiators == [A.replace("actor/", "place/") + "israel"] and targets == [GOV], form


def test_coordinated_nationality_adjectives_on_a_site_name_each_owner(extract):
    _, targets = sides(extract, "قصفت إسرائيل أهدافا عسكرية سورية وإيرانية قرب دمشق.")
    assert targets == [GOV, A + "iranian-forces"]


def test_a_nationality_adjective_away_from_a_site_names_no_target(extract):
    # the adjective qualifies the opposition, not a site: no Syrian forces hit
    _, targets = sides(extract, "قصفت إسرائيل بلدة نوى التي تسيطر عليها المعارضة السورية.")
    assert GOV not in targets


@pytest.mark.parametrize("form", _rows("target_object"))
def test_every_fighters_word_fires_as_an_object(extract, form):
    initiators, targets = sides(extract, f"قصفت قوات النظام {form} الوحدات الكردية في ريف حلب.")
    assert initiators == [GOV] and targets == [YPG], form


@pytest.mark.parametrize("form", _rows("victim"))
def test_every_casualty_word_fires(extract, form):
    initiators, targets = sides(extract, f"أسفرت غارة للطيران الروسي عن {form} عناصر من هيئة تحرير الشام في ريف إدلب.")
    assert initiators == [RUSSIA] and targets == [HTS], form


def test_fighters_with_no_subject_before_them_are_the_doers(extract):
    initiators, targets = sides(extract, "هاجمت مجموعة من مسلحي تنظيم الدولة حاجزا في البادية.")
    assert IS in initiators and IS not in targets

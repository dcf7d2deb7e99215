"""Allegiance patterns, capitals as governments, and the event-level cases that need code owned
elsewhere (written as strict xfail with the change they need). Sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon

ID = "https://w3id.org/conflictkg/id/"
A, P = ID + "actor/", ID + "place/"
NFL, AHRAR, FAYLAQ, HTS, NUSRA = (A + "national-front-for-liberation", A + "ahrar-al-sham", A + "faylaq-al-sham",
                                  A + "hayat-tahrir-al-sham", A + "al-nusra-front")
SDF, YPG, GOV, OPP, RUAF = (A + "syrian-democratic-forces", A + "peoples-protection-units",
                            A + "syrian-government-forces", A + "syrian-opposition", A + "russian-aerospace-forces")
TURKEY, RUSSIA, IRAN, USA = P + "turkey", P + "russia", P + "iran", P + "united-states"
COALITION = A + "us-led-coalition"


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


def _allegiances(extraction):
    return {(a.source, a.kind, a.target) for a in extraction.allegiances}


# ------------------------------------------------------------------ 5. allegiances
@pytest.mark.parametrize("text, expected", [
    ("تضم الجبهة الوطنية للتحرير فصائل حركة أحرار الشام وفيلق الشام.",
     {(AHRAR, "MemberOf", NFL), (FAYLAQ, "MemberOf", NFL)}),
    ("والجبهة الوطنية للتحرير التي تضم حركة أحرار الشام تقاتل في إدلب.", {(AHRAR, "MemberOf", NFL)}),
    ("وتضم هيئة تحرير الشام فصائل أبرزها جبهة النصرة.", {(NUSRA, "MemberOf", HTS)}),
    ("ويضم تحالف قوات سوريا الديمقراطية وحدات حماية الشعب الكردية.", {(YPG, "MemberOf", SDF)}),
    ("قوات سوريا الديمقراطية، التي تشكل وحدات حماية الشعب الكردية عمودها الفقري، تقدمت شرقا.",
     {(YPG, "MemberOf", SDF)}),
    ("وحدات حماية الشعب الكردية التي تشكل العمود الفقري لقوات سوريا الديمقراطية", {(YPG, "MemberOf", SDF)}),
    ("وتشكل وحدات حماية الشعب الكردية العمود الفقري لقوات سوريا الديمقراطية.", {(YPG, "MemberOf", SDF)}),
    ("حركة أحرار الشام المنضوية تحت الجبهة الوطنية للتحرير", {(AHRAR, "MemberOf", NFL)}),
    ("حركة أحرار الشام المنضوية في الجبهة الوطنية للتحرير", {(AHRAR, "MemberOf", NFL)}),
    ("وتنضوي حركة أحرار الشام في الجبهة الوطنية للتحرير.", {(AHRAR, "MemberOf", NFL)}),
    ("حركة أحرار الشام أحد أبرز فصائل الجبهة الوطنية للتحرير", {(AHRAR, "MemberOf", NFL)}),
    ("وفيلق الشام من أبرز فصائل الجبهة الوطنية للتحرير.", {(FAYLAQ, "MemberOf", NFL)}),
    ("هاجمت قوات النظام بدعم من الطيران الروسي بلدة نوى.", {(RUAF, "Supports", GOV)}),
    ("فصائل المعارضة المدعومة من تركيا", {(TURKEY, "Supports", OPP)}),
    ("فصائل المعارضة مدعومة من تركيا", {(TURKEY, "Supports", OPP)}),
    ("قصفت الطائرات الروسية دعما لقوات النظام بلدة نوى.", {(RUAF, "Supports", GOV)}),
    ("وقالت إيران حليفة النظام السوري إنها لن تنسحب.", {(IRAN, "AlliedWith", GOV)}),
    ("وقالت روسيا حليفة دمشق إنها تدعم الحل السياسي.", {(RUSSIA, "AlliedWith", GOV)}),
    ("وقوات سوريا الديمقراطية التي تقودها وحدات حماية الشعب الكردية", {(SDF, "LedBy", YPG)}),
    ("وقوات سوريا الديمقراطية بقيادة وحدات حماية الشعب الكردية", {(SDF, "LedBy", YPG)}),
])
def test_allegiance_patterns(extract, text, expected):
    assert expected <= _allegiances(extract(text))


def test_the_coalition_is_led_by_the_united_states_in_the_catalogue(extract):
    # "التحالف الدولي بقيادة الولايات المتحدة" is a name of the coalition (one mention); the
    # catalogue states ck:ledBy place:united-states, so nothing is lost in the text reading.
    mentions = extract("وقصف التحالف الدولي بقيادة الولايات المتحدة مواقع التنظيم.").mentions
    assert [m.entity for m in mentions if m.kind == "actor"] == [COALITION]


@pytest.mark.parametrize("text", ["وتشكل الهجمات تهديدا لحركة أحرار الشام.", "وتضم المدينة آلاف النازحين.",
                                  "وقال قائد في حركة أحرار الشام إن الدعم التركي مستمر.",
                                  "وقالت موسكو إن القتلى لا ينتمون للجيش الروسي.",
                                  "وقالت الولايات المتحدة إن المنشأة كانت تضم مفاعلا يبنيه النظام السوري.",
                                  "وانتقدت الولايات المتحدة وحلفاؤها، وهو ما رفضته روسيا، القرار.",
                                  "وقصف التحالف الدولي الذي تقوده الولايات المتحدة في سوريا مواقع التنظيم."])
def test_no_allegiance_from_ordinary_sentences(extract, text):
    assert not {a for a in _allegiances(extract(text)) if a[0] != COALITION or a[2] != USA}


def test_every_new_allegiance_form_fires():
    for row in lexicon("allegiance_patterns.tsv"):
        sample = " ".join(w.rstrip("*") for w in row.form.split())
        assert CueLexicon([row]).find_in(f"الفصيل {sample} الجبهة"), row.form


# ------------------------------------------------------------------ 7. capitals as speakers
@pytest.mark.parametrize("text, speaker", [
    ("نفت أنقرة أن تكون طائراتها قصفت مدينة عفرين.", TURKEY),
    ("وقالت موسكو إن طائراتها قصفت مواقع التنظيم في ريف درعا.", RUSSIA),
    ("وأعلنت دمشق أن قوات النظام سيطرت على بلدة نوى.", GOV),
    ("واتهمت واشنطن قوات النظام بقصف بلدة نوى بالبراميل المتفجرة.", USA),
])
def test_a_capital_that_speaks_is_its_government(extract, text, speaker):
    events = extract(text).events
    assert events and all(speaker in e.reported_by for e in events)


def test_a_capital_where_someone_is_stays_a_place(extract):
    events = extract("وقال مراسل في دمشق إن الطائرات قصفت بلدة نوى.").events
    assert events and not any(e.reported_by for e in events)


def test_every_capital_names_a_catalogue_place():
    from conflictkg.nlp.context import catalogue_entry
    for capital, government in ((r.capital, r.government) for r in lexicon("capital_governments.tsv")):
        assert catalogue_entry(ID + capital) is not None, capital
        assert catalogue_entry(ID + government) is not None, government


def test_a_speaking_capital_is_mentioned_as_the_government(extract):
    mentions = extract("وقالت موسكو إن طائراتها قصفت مواقع التنظيم في ريف درعا.").mentions
    assert RUSSIA in {m.entity for m in mentions if m.kind == "actor"}
    assert P + "moscow" not in {m.entity for m in mentions}


@pytest.mark.parametrize("text", [
    "واتهمت دمشق وموسكو وطهران إسرائيل بشن ضربة جوية استهدفت مطار التيفور.",
    "وقالت دمشق وموسكو وطهران إن الطائرات الإسرائيلية قصفت مطار التيفور.",
])
def test_capitals_joined_to_a_speaking_one_speak_too_and_strike_nothing(extract, text):
    extraction = extract(text)
    actors = {m.entity for m in extraction.mentions if m.kind == "actor"}
    assert {GOV, RUSSIA, IRAN} <= actors and P + "moscow" not in {m.entity for m in extraction.mentions}
    [strike] = extraction.events
    assert {GOV, RUSSIA, IRAN} <= set(strike.reported_by)
    assert not {GOV, RUSSIA, IRAN} & set(strike.initiators)


def test_a_capital_right_after_that_is_the_state_said_to_do_something(extract):
    mentions = extract("وقال مسؤول إن واشنطن تعتقد أن إسرائيل قصفت مطار التيفور.").mentions
    assert USA in {m.entity for m in mentions if m.kind == "actor"}
    assert P + "washington" not in {m.entity for m in mentions}


@pytest.mark.parametrize("row", lexicon("government_heads.tsv"), ids=lambda row: row.word)
def test_a_capital_after_a_head_of_government_is_the_state(extract, row):
    mentions = extract(f"وتوصلت الفصائل إلى اتفاق مع {row.word} أنقرة في مدينة عفرين.").mentions
    assert TURKEY in {m.entity for m in mentions if m.kind == "actor"}, row.word
    assert P + "ankara" not in {m.entity for m in mentions}, row.word


@pytest.mark.parametrize("row", lexicon("accused_acts.tsv"), ids=lambda row: row.word)
def test_a_capital_accused_of_an_act_is_the_state_and_no_source(extract, row):
    extraction = extract(f"واتهمت الدول الغربية دمشق {row.word} هجوم على بلدة نوى.")
    assert GOV in {m.entity for m in extraction.mentions if m.kind == "actor"}, row.word
    assert all(GOV not in e.reported_by for e in extraction.events), row.word


def test_the_one_accused_of_a_happening_told_before_did_it(extract):
    [attack] = extract("وقع هجوم كيميائي مفترض اتهمت الدول الغربية دمشق بشنه في بلدة نوى.").events
    assert attack.initiators == [GOV] and attack.location == P + "nawa"


def test_the_counterpart_of_a_deal_is_no_subject_of_it(extract):
    [deal] = [e for e in extract("وتوصلت وحدات حماية الشعب إلى اتفاق مع حكومة دمشق في مدينة عفرين.").events
              if e.type == "Agreement"]
    assert GOV not in deal.initiators and deal.location == P + "afrin"


def test_countries_joined_to_a_speaking_one_are_no_initiators(extract):
    [strike] = extract("اتهمت روسيا وسوريا إسرائيل بالمسؤولية عن الغارة على مطار التيفور.").events
    assert strike.initiators == [P + "israel"] and RUSSIA in strike.reported_by


def test_a_speaking_capital_is_not_the_place_of_events(extract):
    events = extract("قالت موسكو إن طائراتها قصفت مواقع التنظيم.").events
    assert events and all(e.location != P + "moscow" for e in events)


def test_a_speaking_capital_is_the_initiator_of_its_own_strikes(extract):
    events = extract("قالت موسكو إن طائراتها قصفت مواقع التنظيم في ريف درعا.").events
    assert events and RUSSIA in events[0].initiators


# ------------------------------------------------------------------ 8. event level (events.py, context.py)
@pytest.mark.parametrize("text", ["قصفت الطائرات الروسية مواقع في محيط مدينة إدلب.",
                                  "قصفت الطائرات الروسية مواقع على أطراف مدينة إدلب."])
def test_a_place_around_which_it_happened_is_the_location(extract, text):
    events = extract(text).events
    assert events and events[0].location == P + "idlib"


@pytest.mark.parametrize("text", ["قصفت الطائرات الروسية مواقع قرب مدينة إدلب.",
                                  "قصفت الطائرات الروسية مواقع بالقرب من مدينة إدلب."])
def test_a_place_near_which_it_happened_is_the_location(extract, text):
    events = extract(text).events
    assert events and events[0].location == P + "idlib"


def test_the_city_does_not_refer_to_a_city_named_as_a_direction(extract):
    text = "اندلعت اشتباكات في مدينة درعا، وتقدمت قوات النظام باتجاه مدينة إدلب. وقصفت الطائرات أحياء المدينة."
    events = extract(text).events
    assert events[-1].location == P + "daraa"


def test_the_speaker_of_its_own_strikes_is_the_initiator(extract):
    events = extract("قال التحالف الدولي إن طائراته نفذت 12 ضربة على مواقع التنظيم قرب البوكمال.").events
    assert events and events[0].initiators == [COALITION] and events[0].modality == "Claimed" \
        and events[0].claimed_by == COALITION and events[0].location == P + "albu-kamal"


def test_the_speaker_of_its_own_strikes_is_the_claimant(extract):
    events = extract("قال التحالف الدولي إن طائراته نفذت 12 ضربة على مواقع التنظيم.").events
    assert events and events[0].modality == "Claimed" and events[0].claimed_by == COALITION
    assert [(f.outcome, f.count) for f in events[0].figures] == [("Strikes", 12)]

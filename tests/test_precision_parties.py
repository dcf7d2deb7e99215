"""Precision on unseen phrasings: speaking capitals, a speaker's own forces, reporters that are
not initiators, places near which things happen, "المدينة" after a direction. Sentences written
for these tests."""
from __future__ import annotations


import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.document import ELSEWHERE, LOCATIVE, place_word_before, relation_before
from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon

ID = "https://w3id.org/conflictkg/id/"
A, P = ID + "actor/", ID + "place/"
GOV, COALITION, IRC, SOHR = (A + "syrian-government-forces", A + "us-led-coalition",
                             A + "international-rescue-committee", A + "syrian-observatory-for-human-rights")
TURKEY, RUSSIA, IRAN, USA = P + "turkey", P + "russia", P + "iran", P + "united-states"


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


# ------------------------------------------------------------------ speaking capitals
@pytest.mark.parametrize("text, government, city", [
    ("ونفت أنقرة أن تكون طائراتها قصفت مدينة عفرين.", TURKEY, P + "ankara"),
    ("وأعلنت طهران أنها سترد على الهجوم.", IRAN, P + "tehran"),
    ("واتهمت واشنطن قوات النظام بقصف بلدة نوى.", USA, P + "washington"),
    ("وأكدت موسكو أن الهدنة صامدة في ريف درعا.", RUSSIA, P + "moscow"),
    ("وذكرت دمشق أن الجيش استعاد بلدة نوى.", GOV, P + "damascus"),
])
def test_a_capital_after_a_citing_verb_is_its_government(extract, text, government, city):
    mentions = extract(text).mentions
    assert government in {m.entity for m in mentions if m.kind == "actor"}
    assert city not in {m.entity for m in mentions}


@pytest.mark.parametrize("text, city", [
    ("وصل الوفد إلى موسكو أمس.", P + "moscow"),
    ("وقال مراسل في دمشق إن الطائرات قصفت بلدة نوى.", P + "damascus"),
])
def test_a_capital_elsewhere_stays_a_place(extract, text, city):
    assert city in {m.entity for m in extract(text).mentions if m.kind == "place"}


@pytest.mark.parametrize("text", ["وقالت موسكو إن طائراتها قصفت مواقع التنظيم.",
                                  "وأعلنت أنقرة أن مقاتلاتها استهدفت مواقع الوحدات الكردية.",
                                  "وقالت واشنطن إن طائراتها شنت غارات على مواقع التنظيم."])
def test_a_speaking_capital_is_never_the_location(extract, text):
    events = extract(text).events
    assert events and not any(e.location in (P + "moscow", P + "ankara", P + "washington") for e in events)


# ------------------------------------------------------------------ the speaker's own forces
@pytest.mark.parametrize("text, speaker", [
    ("وقالت موسكو إن طائراتها قصفت مواقع التنظيم في ريف درعا.", RUSSIA),
    ("وأعلنت أنقرة أن مقاتلاتها استهدفت مواقع الوحدات الكردية في عفرين.", TURKEY),
    ("وقالت الولايات المتحدة إن مقاتلاتها قصفت مواقع التنظيم قرب البوكمال.", USA),
    ("وأكد التحالف الدولي أن طائراته شنت غارات على مواقع التنظيم في البوكمال.", COALITION),
    ("وقال التحالف الدولي في بيان إن طيرانه نفذ 8 ضربات على التنظيم.", COALITION),
    ("وأعلن الجيش السوري أن وحداته سيطرت على بلدة نوى.", GOV),
    ("وذكرت وزارة الدفاع الروسية أن طائراتها قصفت مستودعا في إدلب.", None),
])
def test_the_speaker_of_its_own_forces_is_the_initiator(extract, text, speaker):
    events = extract(text).events
    assert events
    if speaker is not None:
        assert events[0].initiators == [speaker] and events[0].claimed_by == speaker
    else:   # whoever the catalogue makes of the ministry, it is both speaker and initiator
        assert events[0].initiators and events[0].initiators[0] in events[0].reported_by


@pytest.mark.parametrize("text, speaker", [
    ("وقالت هيئة تحرير الشام إنها سيطرت على بلدة نوى.", A + "hayat-tahrir-al-sham"),
    ("وأعلن الجيش السوري الحر أنه استهدف مواقع قوات النظام بالصواريخ.", A + "free-syrian-army"),
    ("وقالت روسيا إنها قصفت مواقع التنظيم في ريف إدلب.", RUSSIA),
    ("وأكدت قوات سوريا الديمقراطية بأنها سيطرت على بلدة هجين.", A + "syrian-democratic-forces"),
])
def test_a_speaker_saying_it_acted_is_the_initiator_and_claimant(extract, text, speaker):
    events = extract(text).events
    assert events and events[0].initiators == [speaker] and events[0].modality == "Claimed" \
        and events[0].claimed_by == speaker


def test_a_pronoun_after_another_force_is_not_the_speaker(extract):
    events = extract("وقال المرصد إن قوات النظام تقدمت وإنها قصفت بلدة نوى.").events
    assert events and events[-1].initiators == [GOV]


@pytest.mark.parametrize("text", [
    "وأكد الجيش الإسرائيلي أنه جرت مواجهات على الحدود.",
    "وقالت هيئة تحرير الشام إنها لا تعرف من قصف بلدة سرمدا.",
    "وأعلن الجيش السوري الحر أنه وقعت اشتباكات في بلدة نوى.",
])
def test_a_pronoun_that_is_not_the_subject_of_the_act_gives_no_initiator(extract, text):
    assert all(not e.initiators for e in extract(text).events)


def test_every_pronoun_break_fires(extract):
    from conflictkg.nlp.events import _pronoun_breaks
    from conflictkg.nlp.normalize import fold
    for word in (row.word for row in lexicon("pronoun_breaks.tsv")):
        assert fold(word) in _pronoun_breaks()
        events = extract(f"وقالت هيئة تحرير الشام إنها {word} قصفت بلدة سرمدا.").events
        assert all(A + "hayat-tahrir-al-sham" not in e.initiators for e in events), word


def test_another_force_named_as_subject_stays_the_initiator(extract):
    events = extract("وقال المرصد إن قوات النظام قصفت بلدة نوى.").events
    assert events and events[0].initiators == [GOV] and SOHR in events[0].reported_by


def test_every_own_forces_form_fires():
    for row in lexicon("own_forces.tsv"):
        assert CueLexicon([row]).find_in(f"وقال {row.form.lstrip('=')} قصفت"), row.form


# ------------------------------------------------------------------ reporters are not initiators
@pytest.mark.parametrize("text, reporter", [
    ("أعلنت لجنة الإنقاذ الدولية أن غارة جوية أصابت مستشفى في بلدة نوى.", IRC),
    ("وأفادت لجنة الإنقاذ الدولية بأن قصفا استهدف مستشفى في بلدة نوى.", IRC),
    ("وقال المرصد السوري لحقوق الإنسان إن غارة استهدفت بلدة نوى.", SOHR),
    ("وذكر المرصد أن قذائف صاروخية استهدفت بلدة نوى.", SOHR),
    ("وأكد المرصد أن الطائرات قصفت بلدة نوى.", SOHR),
    ("استهدفت غارة جوية بلدة نوى، حسب المرصد السوري لحقوق الإنسان.", SOHR),
])
def test_a_reporter_is_not_the_initiator(extract, text, reporter):
    events = extract(text).events
    assert events and all(reporter not in e.initiators for e in events)
    assert any(reporter in e.reported_by for e in events)


@pytest.mark.parametrize("text", ["وقصف المرصد السوري لحقوق الإنسان بلدة نوى.",
                                  "واستهدفت لجنة الإنقاذ الدولية بلدة نوى بالقذائف."])
def test_an_organisation_is_never_the_initiator_of_violence(extract, text):
    for event in extract(text).events:
        assert SOHR not in event.initiators and IRC not in event.initiators


# ------------------------------------------------------------------ near, towards
@pytest.mark.parametrize("text, place", [
    ("قصفت الطائرات الروسية مواقع قرب مدينة إدلب.", P + "idlib"),
    ("واستهدف قصف مدفعي مواقع بالقرب من مدينة درعا.", P + "daraa"),
    ("ونفذت الطائرات غارات على مواقع على مقربة من البوكمال.", P + "albu-kamal"),
    ("قصفت الطائرات بلدة نوى قرب مدينة درعا.", P + "nawa"),
])
def test_a_place_near_which_it_happened_is_the_location_when_nothing_closer_is_named(extract, text, place):
    events = extract(text).events
    assert events and events[0].location == place


@pytest.mark.parametrize("text", [
    "دارت اشتباكات في مدينة درعا، ثم تقدمت القوات نحو مدينة إدلب. وسقطت قذائف على المدينة.",
    "دارت اشتباكات في مدينة درعا، وتمركزت القوات قرب مدينة إدلب. وقصفت الطائرات المدينة.",
])
def test_the_city_is_not_one_named_as_a_direction_or_a_neighbour(extract, text):
    assert extract(text).events[-1].location == P + "daraa"


def test_every_place_word_fires():
    for row in lexicon("place_words.tsv"):
        text = f"قصفت الطائرات مواقع {row.word} "
        assert place_word_before(text, len(text), 1, frozenset({row.relation})) == row.relation, row.word
        expected = row.relation if row.relation in ELSEWHERE else None
        assert relation_before(text, len(text)) == expected, row.word


def test_place_words_are_read_under_their_proclitics():
    text = "تمركزت القوات وبالقرب من "
    assert relation_before(text, len(text)) == "near"
    assert place_word_before("وصلت التعزيزات وفي ", len("وصلت التعزيزات وفي "), 1, LOCATIVE) == "in"


def test_the_seat_of_a_source_is_no_place_of_what_it_reports(extract):
    [event] = extract("وأفاد المرصد السوري ومقره في بريطانيا بمقتل 37 عنصرا من قوات النظام في قصف على مدينة درعا.").events
    assert event.location == P + "daraa"
    [toll] = extract("وأفاد المرصد السوري ومقره في بريطانيا بمقتل 37 عنصرا من قوات النظام.").events
    assert toll.location != P + "united-kingdom"


def test_where_a_launch_base_lies_is_no_place_of_the_strikes(extract):
    [strike] = extract("وقال المرصد إن المقاتلات التي شنت الغارات على مدينة درعا أتت من قاعدة حميميم الواقعة "
                       "في شمال غرب سوريا.").events
    assert strike.location == P + "daraa"
    # with no place of their own, the strikes are placed nowhere (and, bare, are no event)
    strikes = extract("وقال المرصد إن المقاتلات التي شنت الغارات السبت أتت من قاعدة حميميم الواقعة في شمال غرب سوريا.").events
    assert all(s.location is None for s in strikes)

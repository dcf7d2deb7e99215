"""A nationality adjective after a named force: part of its name, or of the noun it qualifies,
unless coordinated ("السوري والروسي"). Sentences written for these tests."""
from __future__ import annotations

import datetime as dt
from dataclasses import astuple

import pytest
from conftest import extractor_at

from conflictkg.nlp.lexicon import lexicon


A = "https://w3id.org/conflictkg/id/actor/"
GOV, TURKEY_F, RU_F, RUAF = (A + "syrian-government-forces", A + "turkish-forces", A + "russian-armed-forces",
                             A + "russian-aerospace-forces")


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


@pytest.mark.parametrize("text, force", [
    ("وقصفت القوات الروسية السورية بلدة نوى.", RU_F),
    ("وقصفت القوات الحكومية السورية بلدة نوى.", GOV),
    ("وهاجمت القوات التركية والفصائل السورية المتحالفة معها مدينة عفرين.", TURKEY_F),
    ("وقصف الجيش التركي والفصائل السورية الموالية له مدينة عفرين.", TURKEY_F),
    ("وقصفت القوات التركية وفصائل سورية متحالفة معها مدينة عفرين.", TURKEY_F),
    ("وشنت المقاتلات التركية غارات على مواقع قوات سوريا الديمقراطية في سوريا.", A + "turkish-air-force"),
])
def test_an_adjective_after_a_force_names_no_other_actor(extract, text, force):
    events = extract(text).events
    assert events and all(e.initiators == [force] for e in events)


@pytest.mark.parametrize("text, forces", [
    ("استهدف الطيران الحربي السوري والروسي بلدة نوى.", {A + "syrian-arab-air-force", RUAF}),
    ("قصفت مقاتلات روسية وسورية بلدة نوى.", {RUAF, GOV}),
    ("قصفت قوات النظام والروسية بلدة نوى.", {GOV, RUAF}),
])
def test_a_coordinated_adjective_still_names_a_force(extract, text, forces):
    events = extract(text).events
    assert events and set(events[0].initiators) == forces


@pytest.mark.parametrize("text, initiator, target", [
    ("وشنت المقاتلات التركية غارات على مواقع قوات سوريا الديمقراطية.", A + "turkish-air-force",
     A + "syrian-democratic-forces"),
    ("وخاضت قوات سوريا الديمقراطية معارك ضد تنظيم داعش في هجين.", A + "syrian-democratic-forces",
     A + "islamic-state"),
])
def test_a_force_after_a_target_word_is_hit_not_hitting(extract, text, initiator, target):
    events = extract(text).events
    assert events and events[0].initiators == [initiator] and target not in events[0].initiators


def test_every_target_word_fires(extract):
    for form, role in map(astuple, lexicon("role_cues.tsv")):
        if role in ("target", "target_site"):
            events = extract(f"وشنت المقاتلات التركية غارات {form.lstrip('=')} مواقع قوات سوريا الديمقراطية.").events
            assert events and A + "syrian-democratic-forces" not in events[0].initiators, form


# ------------------------------------------------------------------ the parties an adjective names are mentioned
def _mentioned(extract, text):
    return [(m.entity.rsplit("/", 1)[-1], m.span.text) for m in extract(text).mentions if m.kind == "actor"]


def test_a_nationality_adjective_read_as_a_party_is_a_mention_of_it(extract):
    found = _mentioned(extract, "وقصفت الطائرات الإسرائيلية أمس أهدافا عسكرية سورية وإيرانية قرب دمشق.")
    assert ("syrian-government-forces", "سورية") in found and ("iranian-forces", "إيرانية") in found


def test_a_nationality_adjective_on_no_party_mentions_nobody(extract):
    found = _mentioned(extract, "وقال مسؤول روسي إن الوضع في دمشق هادئ.")
    assert not any(entity.startswith("russian") for entity, _ in found)

"""A verb in a relative clause about people ("اللاجئين الذين فروا من …") describes them: it
reports no happening. Sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


@pytest.mark.parametrize("text", [
    "وعاد اللاجئون الذين فروا من بلدة نوى إلى منازلهم.",
    "ويعاني النازحون الذين نزحوا من الغوطة الشرقية من الجوع.",
    "وتحدثت النازحات اللواتي خرجن من مدينة دوما عن الجوع.",
    "وقال المدنيون السوريون الذين خرجوا من دوما إنهم جائعون.",
    "وتستقبل المخيمات العائلات التي هربت من ريف درعا.",
    "ولا يجد سكان البلدة الذين غادروا منازلهم مأوى.",
    "وتطالب الأمم المتحدة بحماية الأطفال الذين نزحوا من إدلب.",
])
def test_a_relative_clause_about_people_reports_no_displacement(extract, text):
    assert not [e for e in extract(text).events if e.type in ("Displacement", "Evacuation")]


@pytest.mark.parametrize("text, kind", [
    ("ونزح آلاف المدنيين من بلدة نوى.", "Displacement"),
    ("ونزحت مئات العائلات من بلدة نوى بعد القصف.", "Displacement"),
    ("وخرج مئات المقاتلين من مدينة دوما في حافلات.", "Evacuation"),
])
def test_a_main_clause_still_reports(extract, text, kind):
    assert kind in {e.type for e in extract(text).events}


def test_fighters_in_a_relative_clause_can_still_act(extract):
    events = extract("وهي الفصائل التي سيطرت على بلدة نوى.").events
    assert "TerritoryTaken" in {e.type for e in events}


def test_every_relative_clause_form_fires():
    rows = lexicon("relative_clauses.tsv")
    for row in rows:
        sample = row.form.rstrip("*")
        assert CueLexicon([row]).find_in(f"وقال {sample} إن"), row.form
    pronouns = [r.form for r in rows if r.kind == "pronoun"]
    assert "الذين" in pronouns and "التي" in pronouns

"""Background history stays apart from the current reports: a Historical event is never merged
with a current one, and a span from long ago up to the report ("منذ سبع سنوات", "منذ بداية الحرب
عام 2011") never dates a current event. Sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon

PUBLISHED = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def extract():
    return extractor_at(PUBLISHED)


@pytest.mark.parametrize("text", [
    "قصفت قوات النظام بلدة نوى أمس. وكانت قوات النظام قد قصفت بلدة نوى في عام 2013.",
    "قصفت قوات النظام بلدة نوى. وكانت قوات النظام قد قصفت البلدة في 2014.",
    "سيطرت قوات النظام على بلدة نوى الثلاثاء، بعد أن سيطر الجيش السوري الحر على بلدة نوى عام 2015.",
    "قصف الطيران الروسي مدينة إدلب اليوم، كما قصف الطيران الروسي مدينة إدلب في شباط 2016.",
])
def test_a_historical_event_is_kept_apart_from_the_current_one(extract, text):
    events = extract(text).events
    modalities = [e.modality for e in events]
    assert "Historical" in modalities and any(m != "Historical" for m in modalities)
    for event in events:
        if event.modality == "Historical":
            assert (event.latest or event.date) < PUBLISHED - dt.timedelta(days=60)
        else:
            assert (event.earliest or event.date) >= PUBLISHED - dt.timedelta(days=3)


@pytest.mark.parametrize("text", [
    "قصفت قوات النظام بلدة نوى أمس. وكانت البلدة قد تعرضت لقصف عنيف في عام 2014.",   # no one named
    "قصفت قوات النظام بلدة نوى أمس. وكانت قوات النظام قد شنت هجمات مماثلة في عام 2014.",  # no place
])
def test_a_past_happening_that_names_no_one_or_no_place_is_background_not_an_event(extract, text):
    assert [e.modality for e in extract(text).events] == ["Asserted"]


@pytest.mark.parametrize("text", [
    "وقصفت قوات النظام بلدة نوى في الحرب المستمرة منذ سبع سنوات.",
    "وقتل خمسة مدنيين في قصف على بلدة نوى، في الحرب التي بدأت منذ سبع سنوات.",
    "وقصفت الطائرات بلدة نوى في أعنف قصف منذ بداية الحرب عام 2011.",
    "وقصفت الطائرات بلدة نوى في أعنف قصف منذ اندلاع النزاع في 2011.",
    "وشنت الطائرات غارات على بلدة نوى، الخاضعة لسيطرة الفصائل طوال سنوات الحرب منذ 2012.",
    "واستهدف القصف بلدة نوى التي تحاصرها قوات النظام على مدى خمس سنوات.",
])
def test_a_span_from_long_ago_never_dates_a_current_event(extract, text):
    events = extract(text).events
    assert events
    for event in events:
        assert event.modality != "Historical"
        assert (event.earliest or event.date) >= PUBLISHED - dt.timedelta(days=3)


@pytest.mark.parametrize("text", [
    "ونزح ملايين السوريين منذ بدء الحرب عام 2011.",
    "وتشن الطائرات الروسية غارات على مواقع المعارضة منذ عام 2015.",
])
def test_an_event_dated_only_by_a_long_span_is_background(extract, text):
    events = extract(text).events
    assert all(e.modality == "Historical" for e in events)


@pytest.mark.parametrize("text, day", [
    ("وتقصف قوات النظام بلدة نوى منذ الثلاثاء.", dt.date(2018, 7, 24)),
    ("وقصفت قوات النظام بلدة نوى الأحد، في الحرب المستمرة منذ سبع سنوات.", dt.date(2018, 7, 22)),
])
def test_a_recent_date_still_dates_the_event(extract, text, day):
    events = extract(text).events
    assert events and (events[0].date == day or events[0].earliest == day)


def test_every_since_description_fires(extract):
    for row in lexicon("since_descriptions.tsv"):
        form, kind = row.form, row.kind
        assert CueLexicon([row]).find_in(f"في {form} المستمرة منذ"), form
        gap = "قصف" if kind == "superlative" else "المستمرة"
        events = extract(f"وقصفت الطائرات بلدة نوى في {form} {gap} منذ سبع سنوات.").events
        assert events and all(e.modality != "Historical" for e in events), form


def test_every_since_word_fires():
    for row in lexicon("since_words.tsv"):
        assert CueLexicon([row]).find_in(f"الحرب {row.word} سبع سنوات"), row.word


def test_a_past_happening_with_its_toll_and_place_is_kept_with_its_date(extract):
    # no one named, but a toll and a place: an analyst can place it, in the year the text gives
    [event] = extract("ردت الدول الثلاث على هجوم كيماوي قتل 40 شخصا في بلدة كفرنبل العام الماضي.").events
    assert event.modality == "Historical" and event.location.endswith("place/kafranbel")
    assert (event.earliest, event.latest) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert [(f.outcome, f.count) for f in event.figures] == [("Killed", 40)]


def test_a_date_a_since_word_opens_runs_to_the_report(extract):
    # "since the fighting broke out last month": the battle's toll runs from then to the report
    [event] = extract("وقتل 120 مقاتلا في معركة هجين منذ اندلاع المواجهات الشهر الماضي.").events
    assert (event.earliest, event.latest) == (dt.date(2018, 6, 1), PUBLISHED)


def test_a_definite_noun_right_after_a_past_happening_refers_back_to_it(extract):
    text = ("في نيسان 2016، قصفت قوات النظام بلدة نوى بالمدفعية ما أدى إلى مقتل 20 شخصا. "
            "وقالت المنظمة إن القصف استهدف سوقا شعبية.")
    [event] = extract(text).events
    assert event.modality == "Historical" and (event.earliest, event.latest) == (dt.date(2016, 4, 1), dt.date(2016, 4, 30))
    assert len(event.evidence) == 2


def test_a_definite_noun_with_a_day_of_its_own_is_a_happening_of_that_day(extract):
    text = ("في نيسان 2016، قصفت قوات النظام بلدة نوى بالمدفعية. "
            "وتجدد القصف على بلدة نوى أمس.")
    modalities = sorted(e.modality for e in extract(text).events)
    assert modalities == ["Asserted", "Historical"]

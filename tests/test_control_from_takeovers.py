"""Issue 14: a place the article reports a force taking is held by that force, as of the
takeover; a takeover planned, claimed or long past is not. Sentences written for the tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at


ID = "https://w3id.org/conflictkg/id/"
PUBLISHED = dt.date(2018, 3, 20)


@pytest.fixture(scope="module")
def read():
    return extractor_at(PUBLISHED)


def test_a_reported_takeover_is_control_as_of_its_day(read):
    found = read("وانتزعت القوات التركية يوم الأحد السيطرة على مدينة عفرين بعد معارك مع الوحدات الكردية.")
    taken = [e for e in found.events if e.type == "TerritoryTaken"]
    assert taken and taken[0].initiators == [ID + "actor/turkish-forces"]
    control = {(c.controller, c.territory): c for c in found.controls}
    record = control[(ID + "actor/turkish-forces", ID + "place/afrin")]
    assert record.as_of == dt.date(2018, 3, 18)
    assert "وانتزعت" in [s.text for s in record.evidence]      # the takeover's own words


def test_a_planned_takeover_gives_no_control(read):
    assert read("وتسعى القوات التركية للسيطرة على مدينة عفرين.").controls == []


def test_a_takeover_long_past_is_control_dated_then(read):
    [record] = read("وكانت القوات التركية قد سيطرت على مدينة عفرين عام 2010.").controls
    assert record.as_of.year == 2010


def test_a_takeover_since_a_past_year_holds_to_the_report(read):
    # taken "since last year": a hold that lasts up to the report, not one that ended then
    [record] = read("وكانت قوات سوريا الديمقراطية قد سيطرت على معظم أنحاء المنطقة الواقعة في محافظة الرقة "
                    "منذ العام الماضي.").controls
    assert record.controller == ID + "actor/syrian-democratic-forces"
    assert record.territory == ID + "place/raqqa-governorate" and record.as_of == PUBLISHED


def test_a_takeover_in_a_past_year_is_not_a_hold_up_to_the_report(read):
    [record] = read("وكانت قوات سوريا الديمقراطية قد سيطرت على مدينة منبج العام الماضي.").controls
    assert record.as_of == dt.date(2017, 12, 31)

"""Date expressions resolved against the publication date (conflictkg.nlp.dates)."""
from __future__ import annotations

from dataclasses import astuple

import datetime as dt

import pytest

from conflictkg.nlp.dates import find_dates, last_weekday
from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.normalize import fold_with_offsets

D = dt.date


def dates(text: str, published: dt.date | None):
    return [(d.text, d.earliest, d.latest) for d in find_dates(fold_with_offsets(text), text, published)]


@pytest.mark.parametrize("text, published, expected", [
    # weekday arithmetic, within a week, across a month end and across a year end
    ("قصفت الطائرات البلدة يوم الثلاثاء", D(2018, 7, 24), ("يوم الثلاثاء", D(2018, 7, 24), D(2018, 7, 24))),
    ("قصفت الطائرات البلدة يوم أمس الاثنين", D(2018, 7, 24), ("يوم أمس الاثنين", D(2018, 7, 23), D(2018, 7, 23))),
    ("اندلعت المعارك مساء الجمعة", D(2018, 8, 2), ("مساء الجمعة", D(2018, 7, 27), D(2018, 7, 27))),
    ("سقطت القذائف السبت", D(2019, 1, 2), ("السبت", D(2018, 12, 29), D(2018, 12, 29))),
    ("وقع الانفجار الخميس الماضي", D(2018, 7, 26), ("الخميس الماضي", D(2018, 7, 19), D(2018, 7, 19))),
    ("والاشتباكات مستمرة منذ الخميس", D(2018, 7, 24), ("منذ الخميس", D(2018, 7, 19), D(2018, 7, 24))),
    # relative days
    ("قتل مدنيان أمس", D(2018, 3, 1), ("أمس", D(2018, 2, 28), D(2018, 2, 28))),
    ("وصلت الحافلات اليوم", D(2018, 3, 1), ("اليوم", D(2018, 3, 1), D(2018, 3, 1))),
    ("يأتي ذلك غداة مقتل خمسة", D(2018, 1, 1), ("غداة", D(2017, 12, 31), D(2017, 12, 31))),
    ("منذ ثلاثة أيام", D(2018, 3, 2), ("منذ ثلاثة أيام", D(2018, 2, 27), D(2018, 3, 2))),
    ("منذ يومين", D(2018, 3, 2), ("منذ يومين", D(2018, 2, 28), D(2018, 3, 2))),
    # a length of time ago: that far back, give or take one unit
    ("شنت ضربات على مواقع قبل أسبوعين", D(2018, 4, 30), ("قبل أسبوعين", D(2018, 4, 9), D(2018, 4, 23))),
    ("قتل قبل ثلاثة أيام", D(2018, 3, 2), ("قبل ثلاثة أيام", D(2018, 2, 26), D(2018, 2, 28))),
    ("سقطت البلدة قبل شهرين", D(2018, 7, 24), ("قبل شهرين", D(2018, 4, 22), D(2018, 6, 23))),
    # day and month in both series, with and without a year
    ("استعادت القوات منذ 19 حزيران/يونيو البلدة", D(2018, 7, 24),
     ("منذ 19 حزيران/يونيو", D(2018, 6, 19), D(2018, 7, 24))),
    ("في 3 آذار 2017", D(2018, 7, 24), ("3 آذار 2017", D(2017, 3, 3), D(2017, 3, 3))),
    ("في ٢٥ ديسمبر", D(2018, 1, 10), ("٢٥ ديسمبر", D(2017, 12, 25), D(2017, 12, 25))),
    ("في 7 تشرين الأول", D(2018, 11, 1), ("7 تشرين الأول", D(2018, 10, 7), D(2018, 10, 7))),
    ("في أيلول 2016", None, ("أيلول 2016", D(2016, 9, 1), D(2016, 9, 30))),
    # the day as an ordinal word
    ("دمر الجيش الراجمات في العاشر من مايو الجاري", D(2018, 5, 22), ("العاشر من مايو", D(2018, 5, 10), D(2018, 5, 10))),
    ("وتشن القوات هجوما منذ التاسع عشر من حزيران/يونيو", D(2018, 7, 2),
     ("منذ التاسع عشر من حزيران/يونيو", D(2018, 6, 19), D(2018, 7, 2))),
    ("في الحادي والعشرين من شهر آذار 2017", None, ("الحادي والعشرين من شهر آذار 2017", D(2017, 3, 21), D(2017, 3, 21))),
    ("حملة فاشلة في 2015", D(2017, 2, 15), ("في 2015", D(2015, 1, 1), D(2015, 12, 31))),
])
def test_date_forms_resolve(text, published, expected):
    assert dates(text, published) == [expected]


@pytest.mark.parametrize("text, published, expected", [
    ("نفذت الطائرات في فبراير/ شباط الماضي غارات", D(2018, 3, 21), ("في فبراير/ شباط الماضي", D(2018, 2, 1), D(2018, 2, 28))),
    ("قصفت الطائرات البلدة في آذار", D(2018, 3, 21), ("في آذار", D(2018, 3, 1), D(2018, 3, 31))),
    ("قصفت الطائرات البلدة في آب", D(2018, 3, 21), ("في آب", D(2017, 8, 1), D(2017, 8, 31))),
    ("قصفت الطائرات البلدة خلال شهر مارس الماضي", D(2018, 3, 21), ("خلال شهر مارس الماضي", D(2017, 3, 1), D(2017, 3, 31))),
    ("والحصار مستمر منذ أيار", D(2018, 3, 21), ("منذ أيار", D(2017, 5, 1), D(2018, 3, 21))),
])
def test_a_month_alone_is_the_latest_such_month(text, published, expected):
    assert dates(text, published) == [expected]


@pytest.mark.parametrize("text", ["مارس الجيش ضغوطا على البلدة", "حتى يتجاوز شهر يوليو موعد الانتخابات"])
def test_a_month_name_with_nothing_to_make_it_a_date_is_none(text):
    assert dates(text, D(2018, 3, 21)) == []


@pytest.mark.parametrize("text", ["قصفت الطائرات البلدة أمس الثلاثاء", "منذ الخميس", "في 19 حزيران"])
def test_relative_dates_without_publication_stay_unresolved(text):
    found = find_dates(fold_with_offsets(text), text, None)
    assert found and all(d.earliest is None and d.latest is None for d in found)


def test_every_month_name_is_read():
    for form, month, _series in map(astuple, lexicon("months.tsv")):
        text = f"في 5 {form} 2018"
        assert dates(text, None) == [(f"5 {form} 2018", D(2018, int(month), 5), D(2018, int(month), 5))], form


def test_every_weekday_name_is_read():
    published = D(2018, 7, 24)
    for form, weekday in map(astuple, lexicon("weekdays.tsv")):
        [(_, earliest, _)] = dates(f"وقع ذلك {form}", published)
        assert earliest.weekday() == int(weekday) and 0 <= (published - earliest).days < 7, form


def test_every_unit_of_time_is_read():
    published = D(2018, 7, 24)
    for row in lexicon("date_units.tsv"):
        form = row.form.rstrip("*")
        text = f"منذ {form}" if row.count else f"منذ خمسة {form}"
        [(_, earliest, latest)] = dates(f"وقع ذلك {text} في البلدة", published)
        assert latest == published and (published - earliest).days == (row.count or 5) * row.days, form


def test_every_ordinal_day_is_read():
    for row in lexicon("ordinal_days.tsv"):
        assert dates(f"وقع ذلك في {row.form} من تموز 2018", None) == \
            [(f"{row.form} من تموز 2018", D(2018, 7, row.day), D(2018, 7, row.day))], row.form


def test_an_ordinal_without_a_month_is_no_date():
    assert dates("وقال إن الهجوم الثاني من نوعه في القرن الحادي والعشرين", D(2018, 7, 24)) == []


def test_before_without_a_length_of_time_is_no_date():
    assert dates("وقال قبل أن يغادر إن القصف توقف", D(2018, 7, 24)) == []


def test_every_relative_day_word_is_read():
    for form, start, stop, _note in map(astuple, lexicon("relative_days.tsv")):
        found = dates(f"وقع ذلك {form} في البلدة", D(2018, 7, 24))
        assert (D(2018, 7, 24) + dt.timedelta(days=int(start)), D(2018, 7, 24) + dt.timedelta(days=int(stop))) \
            in [(e, l) for _, e, l in found], form


def test_last_weekday_on_the_day_itself_and_strictly_before():
    tuesday = D(2018, 7, 24)
    assert last_weekday(tuesday, 1) == tuesday
    assert last_weekday(tuesday, 1, strictly_before=True) == D(2018, 7, 17)


def test_a_number_is_not_a_day_of_a_month_it_cannot_have():
    assert dates("في 31 شباط", D(2018, 7, 24)) == []


@pytest.mark.parametrize("text", ["عمر هذا الموقع الأثري منذ 2500 سنة", "تعود المدينة إلى ما قبل 5000 عام"])
def test_spans_reaching_before_1900_are_history_not_event_dates(text):
    # found or not, no span may reach past the dates a news event can take (nor crash the build)
    assert all(d.earliest is None or d.earliest >= D(1900, 1, 1) for d in find_dates(fold_with_offsets(text), text, D(2018, 5, 1)))


# ---------------------------------------------------------------------- the calendar's years and months
def test_every_calendar_period_is_read():
    published = D(2018, 4, 25)
    for row in lexicon("calendar_periods.tsv"):
        text = row.form if row.alone else f"مطلع {row.form}"
        [(_, earliest, latest)] = dates(f"وقع ذلك {text} في البلدة", published)
        year = published.year + (row.offset if row.unit == "year" else 0)
        month = (published.month + row.offset) if row.unit == "month" else 1
        assert earliest == D(year, month, 1), row.form
        assert latest <= published and latest.year == year, row.form


def test_every_part_of_a_calendar_period_is_read():
    thirds = {"start": (D(2017, 1, 1), D(2017, 5, 1)), "middle": (D(2017, 5, 1), D(2017, 9, 1)),
              "end": (D(2017, 9, 1), D(2018, 1, 1))}
    for row in lexicon("calendar_parts.tsv"):
        [(_, earliest, latest)] = dates(f"قتل في {row.form} العام الماضي", D(2018, 4, 25))
        first, after = thirds[row.part]
        assert first <= earliest <= latest < after, row.form


@pytest.mark.parametrize("text, published, expected", [
    ("سيطرت عليها العام الماضي", D(2018, 4, 25), ("العام الماضي", D(2017, 1, 1), D(2017, 12, 31))),
    ("نزح منذ بداية العام 700 ألف", D(2018, 4, 25), ("منذ بداية العام", D(2018, 1, 1), D(2018, 4, 25))),
    ("قصفت في آذار/مارس من العام الماضي", D(2018, 4, 25), ("آذار/مارس من العام الماضي", D(2017, 3, 1), D(2017, 3, 31))),
    ("قتلوا في أواخر الشهر الماضي", D(2018, 1, 5), ("أواخر الشهر الماضي", D(2017, 12, 21), D(2017, 12, 31))),
    ("اندلعت المعارك هذا الشهر", D(2018, 4, 25), ("هذا الشهر", D(2018, 4, 1), D(2018, 4, 25))),
    ("يقاتل الحزب منذ ثلاثة عقود", D(2018, 4, 25), ("منذ ثلاثة عقود", D(1988, 4, 23), D(2018, 4, 25))),
])
def test_calendar_periods_and_decades(text, published, expected):
    assert dates(text, published) == [expected]


@pytest.mark.parametrize("text", [
    "وقال الأمين العام للأمم المتحدة إن الوضع خطير",     # العام alone: "general"
    "ستنسحب القوات بحلول نهاية العام",                    # a part still to come: a plan
    "أعلن الشهر عن خطة",                                  # الشهر alone
])
def test_a_calendar_word_that_dates_nothing_past(text):
    assert dates(text, D(2018, 4, 25)) == []


@pytest.mark.parametrize("text, expected", [
    ("قتل قبل أسبوع", ("قبل أسبوع", D(2018, 4, 1), D(2018, 4, 15))),        # one week, give or take one
    ("يقاتل منذ شهر", ("منذ شهر", D(2018, 3, 15), D(2018, 4, 15))),
    ("وقالت بعد أسبوع على قصف المطار", ("بعد أسبوع على", D(2018, 4, 1), D(2018, 4, 15))),
    ("وقالت بعد يومين على الهجوم", ("بعد يومين على", D(2018, 4, 12), D(2018, 4, 14))),
])
def test_one_unit_of_time_and_a_time_after_a_happening(text, expected):
    assert dates(text, D(2018, 4, 15)) == [expected]


@pytest.mark.parametrize("text", [
    "وأن يبدأ العمل بها بعد 30 يوما من توقيع الاتفاق",    # a term to come, not a time after a happening
    "وستنسحب القوات بعد أسبوع",
    "وقال إن الأيام المقبلة ستكون صعبة",
])
def test_a_time_after_with_nothing_before_it_is_no_date(text):
    assert dates(text, D(2018, 4, 15)) == []


@pytest.mark.parametrize("text, published, expected", [
    # a day soon after the report is to come (a visit, a deadline), not last year's
    ("يزور الوزير واشنطن في الرابع من يونيو", D(2018, 5, 30), ("الرابع من يونيو", D(2018, 6, 4), D(2018, 6, 4))),
    ("تنتهي المهلة في 10 يناير", D(2017, 12, 28), ("10 يناير", D(2018, 1, 10), D(2018, 1, 10))),
    # far after it: last year's
    ("قصفت الطائرات البلدة في 20 أيلول", D(2018, 5, 30), ("20 أيلول", D(2017, 9, 20), D(2017, 9, 20))),
    # the month right after the report's is to come; "الماضي" says last year's
    ("تبدأ المحادثات في حزيران", D(2018, 5, 30), ("في حزيران", D(2018, 6, 1), D(2018, 6, 30))),
    ("وقع الهجوم في حزيران الماضي", D(2018, 5, 30), ("في حزيران الماضي", D(2017, 6, 1), D(2017, 6, 30))),
])
def test_a_date_soon_after_the_report_is_to_come(text, published, expected):
    assert dates(text, published) == [expected]


def test_the_29th_of_february_is_read_in_a_leap_year_only():
    assert dates("قتل في 29 شباط", D(2016, 3, 10)) == [("29 شباط", D(2016, 2, 29), D(2016, 2, 29))]
    assert dates("قتل في 29 شباط", D(2018, 3, 10)) == []


def test_every_same_period_takes_the_period_of_the_date_before_it():
    for row in lexicon("same_periods.tsv"):
        found = dates(f"قصفت الطائرات البلدة في آذار 2016. وفي {row.form} قتل خمسة.", D(2018, 5, 1))
        expected = (D(2016, 1, 1), D(2016, 12, 31)) if row.unit == "year" else (D(2016, 3, 1), D(2016, 3, 31))
        assert [(e, l) for _, e, l in found] == [(D(2016, 3, 1), D(2016, 3, 31)), expected], row.form


def test_the_same_year_with_no_date_before_it_is_no_date():
    assert dates("وفي ذات العام شن الحزب هجمات.", D(2018, 5, 1)) == []

"""Date expressions in Arabic news, resolved against the article's publication date.

Forms read (names and words from ``data/months.tsv``, ``weekdays.tsv``, ``relative_days.tsv``
and ``date_units.tsv``):

- a day and month, with or without a year: "19 حزيران/يونيو", "3 آذار 2017", "يوم 5 مايو", the day
  also as an ordinal word (``ordinal_days.tsv``): "العاشر من مايو", "التاسع عشر من شهر حزيران";
  a month with a year: "حزيران 2018"; a month alone after في، خلال، شهر or منذ, or before الماضي:
  "في شباط/فبراير الماضي" (the latest such month, before the report's with الماضي); a year:
  "في 2015", "عام 2015";
- a weekday, alone or with أمس/يوم/مساء/فجر…: "الثلاثاء", "يوم أمس الثلاثاء", "مساء الجمعة";
- relative days: أمس، اليوم، أول أمس، غداة، الأسبوع الماضي …;
- a year or month of the calendar named from the report (``calendar_periods.tsv``), whole or a
  part of it (``calendar_parts.tsv``): "العام الماضي", "مطلع العام الجاري", "أواخر الشهر الماضي",
  and a month of such a year: "في آذار من العام الماضي";
- any of these after منذ ("since"), and "منذ ثلاثة أيام", "منذ يومين", "خلال نحو أربعة أعوام": a
  span that runs to the publication day;
- a length of time ago: "قبل أسبوعين", "قبل ثلاثة أيام", "قبل أسبوع" (one), and what follows
  "بعد أسبوع على" (a week after X, said in the report): that long before publication, give or
  take one unit.

A weekday is the latest such day on or before publication (… the one before it, with الماضي).
A day and month without a year is the latest such date on or before publication, unless it
falls within FUTURE_DAYS after it: "في الرابع من يونيو" said on 30 May is to come. Without a
publication date, relative forms stay unresolved (``earliest``/``latest`` None): never guessed.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import COMMAS, FoldedText, fold
from conflictkg.nlp.numbers import number_word_table
from conflictkg.read import EARLIEST_PLAUSIBLE_DATE as EARLIEST_EVENT_DATE

_NOT_LETTER = r"(?<![^\W\d_])"
_END = r"(?![^\W\d_])"
_GAP = rf"\s*(?:[/\-–(){COMMAS}]\s*)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
HISTORICAL_DAYS = 60     # a happening dated this long before the report is background
FUTURE_DAYS = 45         # a day and month this close after the report is to come, not last year's


@dataclass(frozen=True)
class DateExpression:
    """A date expression (offsets in the text as read) and the days it allows."""

    begin: int
    end: int
    text: str
    earliest: dt.date | None
    latest: dt.date | None
    length_of_time: bool = False     # "خلال أربعة أعوام": how long, up to the report

    @property
    def resolved(self) -> bool:
        return self.earliest is not None and self.latest is not None


def _alternation(forms) -> str:
    return "|".join(sorted({re.escape(fold(f)) for f in forms}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables():
    months = {fold(row.form): row.month for row in lexicon("months.tsv")}
    weekdays = {fold(row.form): row.weekday for row in lexicon("weekdays.tsv")}
    relative = {fold(row.form): (row.first, row.last) for row in lexicon("relative_days.tsv")}
    units = {fold(row.form.rstrip("*")): (row.days, row.count) for row in lexicon("date_units.tsv")}
    return months, weekdays, relative, units


@lru_cache(maxsize=1)
def _calendar_tables():
    periods = {fold(row.form): row for row in lexicon("calendar_periods.tsv")}
    parts = {fold(row.form): row.part for row in lexicon("calendar_parts.tsv")}
    return periods, parts


@lru_cache(maxsize=1)
def _ordinal_days() -> dict[str, int]:
    return {fold(row.form): row.day for row in lexicon("ordinal_days.tsv")}


@lru_cache(maxsize=1)
def _date_word_patterns() -> dict[str, str]:
    """Per role of ``date_words.tsv``, a group matching one of its folded words."""
    rows = lexicon("date_words.tsv")
    return {role: f"(?:{_alternation(row.word for row in rows if row.role == role)})" for role in {r.role for r in rows}}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    months, weekdays, relative, units = _tables()
    month = f"(?:{_alternation(months)})"
    word = _date_word_patterns()
    since = rf"(?P<since>{word['since']}\s+)?"
    of_year = rf"(?:{word['of']}\s+)?(?:{word['year']}\s+)?"
    proclitic = morphology().optional_proclitic()
    time_of_day = rf"(?:{word['day']}|{word['part-of-day']})\s+"
    ordinal_day = (rf"(?P<ordinal>{_alternation(_ordinal_days())})\s+(?:{word['of']}\s+)?"
                   rf"(?:{word['month']}\s+)?")
    day_month = (rf"{since}(?:{word['day']}\s+)?(?:(?P<day>[0-3]?\d){_GAP}|{ordinal_day})(?P<month>{month})"
                 rf"(?:{_GAP}(?:{month}))?(?:\s*{of_year}{_YEAR})?")
    month_year = rf"{since}(?P<month>{month})(?:{_GAP}(?:{month}))?\s*{of_year}{_YEAR}"
    # "في شباط/فبراير الماضي", "خلال شهر مارس", "منذ أيار": a month with no day or year, after a
    # word that makes it a date or before الماضي ("مارس" alone is also "he practised")
    month_alone = (rf"(?:(?P<since>{word['since']}\s+)|(?P<in_month>{proclitic}(?:{word['in']})\s+))?(?:{word['month']}\s+)?"
                   rf"(?P<month>{month})(?:{_GAP}(?:{month}))?(?P<past>\s+(?:{word['past']}))?")
    year = rf"{since}(?:{proclitic}(?:{word['in']}|{word['year']})\s+){_YEAR}"
    weekday = (rf"{since}{proclitic}(?:{time_of_day})*"
               rf"(?P<weekday>{_alternation(weekdays)})(?P<past>\s+(?:{word['past']}))?")
    unit = _alternation(form for form, (_, count) in units.items() if count is None)
    one_unit = _alternation(fold(row.form.rstrip("*")) for row in lexicon("date_units.tsv") if row.form.endswith("*"))
    counted_unit = _alternation(form for form, (_, count) in units.items() if count is not None)
    # "منذ ثلاثة أيام", "منذ يومين", "خلال نحو أربعة أعوام": a length of time up to the report;
    # "قبل أسبوعين": a length of time before it
    # "بعد أسبوع على قصف المطار": what follows happened that long before the report
    after_on = rf"(?P<after>{word['after']})"
    ago = (rf"(?:{word['since']}|(?P<over>{word['over']})|(?P<ago>{word['ago']})|{after_on})\s+(?:{word['about']}\s+)?"
           rf"(?:(?P<count>\d+|[^\W\d_]+)\s+(?P<unit>{unit})[^\W\d_]{{0,2}}|(?P<counted>{counted_unit})"
           rf"|(?P<single>{one_unit}))(?(after)\s+(?:{word['after-on']})(?![^\W\d_])|)")
    rel = rf"{since}{proclitic}(?:{time_of_day})?(?P<relative>{_alternation(relative)})"
    periods, parts = _calendar_tables()
    # "العام الماضي", "منذ مطلع العام الجاري", "في آذار من العام الماضي"
    calendar = (rf"{since}{proclitic}(?:(?P<month>{month})(?:{_GAP}(?:{month}))?\s+(?:{word['of']}\s+)?)?"
                rf"(?:(?P<part>{_alternation(parts)})\s+)?(?P<period>{_alternation(periods)})")
    return [(name, re.compile(_NOT_LETTER + body + _END)) for name, body in
            (("day_month", day_month), ("month_year", month_year), ("month_alone", month_alone), ("year", year),
             ("ago", ago), ("weekday", weekday), ("relative", rel), ("calendar", calendar))]


@lru_cache(maxsize=1)
def _required_words() -> dict[str, tuple[str, ...]]:
    """Per pattern, folded words of which one must be in the text for it to match at all
    (no entry: always tried). Checking them first spares most texts most of the scans."""
    months, weekdays, relative, _ = _tables()
    since = tuple(fold(row.word) for row in lexicon("date_words.tsv") if row.role in ("since", "over", "ago", "after"))
    return {"day_month": tuple(months), "month_year": tuple(months), "month_alone": tuple(months), "ago": since,
            "year": ("19", "20"),
            "weekday": tuple(weekdays), "relative": tuple(relative), "calendar": tuple(_calendar_tables()[0])}


def find_dates(folded: FoldedText, text: str, published: dt.date | None) -> list[DateExpression]:
    """Every date expression in the text, resolved as far as ``published`` allows."""
    found = []
    required = _required_words()
    for kind, pattern in _patterns():
        needs = required.get(kind)
        if needs is not None and not any(word in folded.text for word in needs):
            continue
        for match in pattern.finditer(folded.text):
            bounds = _resolve(kind, match, published)
            if bounds is False:
                continue
            begin, end = folded.to_original(match.start(), match.end())
            earliest, latest = bounds or (None, None)
            if match.groupdict().get("since") and published is not None:
                latest = published   # "منذ X": from X until the report
            found.append(DateExpression(begin, end, text[begin:end], earliest, latest,
                                        length_of_time=bool(match.groupdict().get("over"))))
    return _the_same_periods(_longest_first(found + _same_period_mentions(folded, text)))


def _same_period_mentions(folded: FoldedText, text: str) -> list[DateExpression]:
    """"ذات العام", "الشهر نفسه" (same_periods.tsv), unresolved until the dates before are known."""
    periods = _same_period_table()
    if not any(form in folded.text for form in periods):
        return []
    pattern = re.compile(_NOT_LETTER + f"(?:{morphology().optional_proclitic()})(?:{_alternation(periods)})" + _END)
    mentions = []
    for match in pattern.finditer(folded.text):
        begin, end = folded.to_original(match.start(), match.end())
        mentions.append(DateExpression(begin, end, text[begin:end], None, None))
    return mentions


def _the_same_periods(found: list[DateExpression]) -> list[DateExpression]:
    """Each "same year/month" takes the year (month) of the nearest date before it that falls in
    one; with none, it is no date."""
    periods = _same_period_table()
    resolved: list[DateExpression] = []
    for expr in found:
        unit = next((unit for form, unit in periods.items() if fold(expr.text).endswith(form)), None) \
            if expr.earliest is None and expr.latest is None else None
        if unit is None:
            resolved.append(expr)
            continue
        before = next((d for d in reversed(resolved) if d.resolved and _one(unit, d)), None)
        if before is not None:
            first, last = _whole(unit, before.earliest)
            resolved.append(DateExpression(expr.begin, expr.end, expr.text, first, last))
    return resolved


def _one(unit: str, date: DateExpression) -> bool:
    same_year = date.earliest.year == date.latest.year
    return same_year and (unit == "year" or date.earliest.month == date.latest.month)


def _whole(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


@lru_cache(maxsize=1)
def _same_period_table() -> dict[str, str]:
    return {fold(row.form): row.unit for row in lexicon("same_periods.tsv")}


def _longest_first(found: list[DateExpression]) -> list[DateExpression]:
    kept: list[DateExpression] = []
    for expr in sorted(found, key=lambda e: (e.begin - e.end, e.begin)):
        if not any(expr.begin < k.end and k.begin < expr.end for k in kept):
            kept.append(expr)
    return sorted(kept, key=lambda e: e.begin)


def _resolve(kind: str, match: re.Match, published: dt.date | None):
    """(earliest, latest); None when it needs a publication date that is missing; False when
    the match is not a date after all (day 45, an unknown count)."""
    months, weekdays, relative, units = _tables()
    groups = match.groupdict()
    if kind == "day_month":
        day = int(groups["day"]) if groups["day"] else _ordinal_days()[groups["ordinal"]]
        return _day_month(day, months[groups["month"]], groups["year"], published)
    if kind == "month_year":
        year, month = int(groups["year"]), months[groups["month"]]
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if kind == "year":
        year = int(groups["year"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "month_alone" and not (groups["since"] or groups["past"] or _led_in(match)):
        return False
    if published is None:
        return None
    if kind == "month_alone":
        return _last_month(months[groups["month"]], published, strictly_before=bool(groups["past"]))
    if kind == "weekday":
        day = last_weekday(published, weekdays[groups["weekday"]], strictly_before=bool(groups["past"]))
        return day, day
    if kind == "relative":
        start, stop = relative[groups["relative"]]
        return published + dt.timedelta(days=start), published + dt.timedelta(days=stop)
    if kind == "calendar":
        return _calendar_period(groups, published)
    if groups["counted"]:
        unit_days, count = units[groups["counted"]]
    elif groups["single"]:
        (unit_days, _), count = units[groups["single"]], 1     # "قبل أسبوع", "منذ شهر": one
    else:
        (unit_days, _), count = units[groups["unit"]], _count(groups["count"])
    if count is None:
        return False
    days = count * unit_days
    if days > (published - EARLIEST_EVENT_DATE).days:
        return False  # "منذ 2500 سنة": history, not a span an event of the news can take
    if groups["ago"] or groups["after"]:
        then = published - dt.timedelta(days=days)
        return then - dt.timedelta(days=unit_days), min(then + dt.timedelta(days=unit_days), published)
    return published - dt.timedelta(days=days), published


def _calendar_period(groups: dict, published: dt.date):
    """The days of "العام الماضي", "أواخر الشهر الجاري", "آذار من العام الماضي", up to the report;
    False for a bare "العام" with no part word (الأمين العام) or a period still to come."""
    periods, parts = _calendar_tables()
    period, part = periods[groups["period"]], groups["part"] and parts[groups["part"]]
    if not (period.alone or part) or (groups["month"] and period.unit != "year"):
        return False
    if period.unit == "year":
        year = published.year + period.offset
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if groups["month"]:
            month = _tables()[0][groups["month"]]
            first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        month_start = published.replace(day=1)
        first = (month_start - dt.timedelta(days=1)).replace(day=1) if period.offset < 0 else month_start
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if part:
        first, last = _third(first, last, part)
    if first > published:
        return False
    return first, min(last, published)


def _third(first: dt.date, last: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """The first, middle or last third of a year (four months each) or of a month (days 1-10,
    11-20, 21 to its end)."""
    index = ("start", "middle", "end").index(part)
    if first.month != last.month:
        begin = first.replace(month=1 + 4 * index, day=1)
        end_month = 4 * (index + 1)
        return begin, begin.replace(month=end_month, day=calendar.monthrange(begin.year, end_month)[1])
    begin = first.replace(day=1 + 10 * index)
    return begin, (last if index == 2 else first.replace(day=10 * (index + 1)))


def _led_in(match: re.Match) -> bool:
    """The month follows في or خلال ("في آذار", "خلال شهر مارس"), not just "شهر": "حتى يتجاوز شهر
    يوليو" may be a month to come."""
    return bool(match.group("in_month"))


def _last_month(month: int, published: dt.date, strictly_before: bool) -> tuple[dt.date, dt.date]:
    """The latest such month on or before publication ("في آذار"), or before it ("آذار الماضي");
    the month right after the report's is the one to come ("في نيسان" said in March)."""
    next_month = published.month % 12 + 1
    if month == next_month and not strictly_before:
        year = published.year + (published.month == 12)
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    year = published.year if (month < published.month or month == published.month and not strictly_before) \
        else published.year - 1
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    value = number_word_table().get((token,))
    return value[0] if value and value[1] != "fraction" else None   # "منذ نصف ساعة": no day count


def _day_month(day: int, month: int, year: str | None, published: dt.date | None):
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return False
    if year:
        try:
            date = dt.date(int(year), month, day)
        except ValueError:
            return False
        return date, date
    if published is None:
        return None
    # the latest such day no further than FUTURE_DAYS after the report (next year's, this
    # year's or last year's)
    horizon = published + dt.timedelta(days=FUTURE_DAYS)
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:   # 29 February in a common year
            continue
        if date <= horizon:
            return date, date
    return False


def last_weekday(published: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    """The latest day with ``weekday`` on or before ``published`` (strictly before if asked)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)

"""Running totals over a period ("more than half a million killed since the war began") are
cumulative tolls: figures with their period, carried by an event of that period, never the
figure of a happening of the report's day, and left out of every per-event and per-month sum.
The sentences are written for these tests."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import extractor_at

from conflictkg.catalogue import catalogue_index
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.lexicon import lexicon

PUBLISHED = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def extract():
    return extractor_at(PUBLISHED)


def figures(extraction):
    return [(event, figure) for event in extraction.events for figure in event.figures]


def test_a_war_toll_since_it_began_is_a_cumulative_toll_of_the_war(extract):
    ((event, toll),) = figures(extract("قتل أكثر من 300 ألف شخص في سوريا منذ اندلاع الحرب."))
    assert toll.running_total and toll.count == 300000
    assert (toll.earliest, toll.latest) == (None, PUBLISHED)     # the text does not say when it began
    assert event.type == "ArmedClash" and event.date is None and event.latest == PUBLISHED
    assert event.earliest is None and event.date_unresolved == "منذ اندلاع"   # begun, not dated


def test_so_far_with_the_year_the_war_began_dates_the_toll(extract):
    ((event, toll),) = figures(extract(
        "قال المرصد إن الحرب التي اندلعت في سوريا عام 2011 أسفرت حتى الآن عن مقتل أكثر من 400 ألف شخص."))
    assert toll.running_total and (toll.earliest, toll.latest) == (dt.date(2011, 1, 1), PUBLISHED)
    assert event.earliest == dt.date(2011, 1, 1)


def test_a_count_since_a_year_long_ago_is_a_toll_from_that_year(extract):
    """Once dropped as background, now kept as what it is: a total over the years since."""
    ((event, toll),) = figures(extract("وقتل 73 ألف طفل منذ عام 2005 في النزاعات."))
    assert toll.running_total and toll.population == "Children"
    assert (toll.earliest, toll.latest) == (dt.date(2005, 1, 1), PUBLISHED)
    assert event.modality == "Asserted" and event.earliest == dt.date(2005, 1, 1)


def test_a_total_raised_by_a_new_strike_stays_apart_from_the_strike(extract):
    found = figures(extract("أقر التحالف بمقتل خمسة مدنيين في غارة جوية على الرقة أمس، "
                            "ما يرفع إلى 900 مدني عدد من قتلوا خلال نحو أربعة أعوام."))
    by_count = {figure.count: (event, figure) for event, figure in found}
    strike, five = by_count[5]
    carrier, total = by_count[900]
    assert not five.running_total and strike.date == PUBLISHED - dt.timedelta(days=1)
    assert total.running_total and total.earliest == dt.date(2014, 7, 21)
    assert carrier is not strike and carrier.type == "AirStrike"   # the kind the sentence speaks of


@pytest.mark.parametrize("sentence", [
    "وقتل في النزاع السوري أكثر من 200 صحفي.",
    "وقتل أكثر من 200 صحفي في الحرب.",
])
def test_the_dead_of_the_war_itself_are_a_toll_of_the_war(extract, sentence):
    ((event, toll),) = figures(extract(sentence))
    assert toll.running_total and toll.count == 200 and event.latest == PUBLISHED


def test_the_dead_of_a_war_are_no_toll_of_a_truce_told_beside_them(extract):
    ((event, toll),) = figures(extract("وقتل أكثر من 40 ألف شخص في النزاع الذي اندلع عام 1984، "
                                       "وقد اشتد النزاع بعد أن وقع الطرفان هدنة عام 2015."))
    assert toll.running_total and event.type == "ArmedClash"


def test_dead_of_a_happening_told_beside_the_war_are_that_happening_s(extract):
    ((event, figure),) = figures(extract("وقتل 7 مدنيين في قصف على دوما في الحرب المستمرة."))
    assert not figure.running_total and event.type == "Shelling"


@pytest.mark.parametrize("sentence", [
    "قتل 5 أشخاص حتى الآن في قصف على دوما اليوم.",               # one strike's toll so far
    "قتل 12 مدنيا في أعنف قصف منذ بداية الحرب على مدينة دوما.",    # a comparison, not a total
    "قتل 8 مدنيين في غارة على دوما منذ ثلاثة أيام.",                # a recent span dates a happening
    "ارتفعت حصيلة القتلى في الغارات على دوما إلى 28 مدنيا منذ بدء الحملة قبل أسبوع.",  # a campaign's
])
def test_the_toll_of_one_happening_is_no_running_total(extract, sentence):
    found = figures(extract(sentence))
    assert found and not any(figure.running_total for _, figure in found), found


@pytest.mark.parametrize("row", lexicon("running_totals.tsv"), ids=lambda r: r.note)
def test_every_running_total_word_makes_a_cumulative_toll_of_the_war(extract, row):
    ((_, toll),) = figures(extract(f"قتل أكثر من 200 ألف شخص في الحرب {row.word} في سوريا."))
    assert toll.running_total, row.word
    ((_, figure),) = figures(extract(f"قتل 20 شخصا في القصف {row.word} في دوما."))
    assert not figure.running_total, row.word     # without the war: a campaign's or a strike's toll


def test_tolls_are_typed_and_left_out_of_monthly_sums(tmp_path):
    import conflictkg as ck

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("قتل أكثر من 300 ألف مدني في سوريا منذ اندلاع الحرب.\n"
                                  "وقتل 7 مدنيين في غارة روسية على مدينة دوما أمس.\n", encoding="utf-8")
    (folder / "meta.jsonl").write_text(json.dumps({"id": "a", "published": PUBLISHED.isoformat()}) + "\n")
    with ck.open_store(tmp_path / "store", create=True) as kg:
        kg.build(folder)
        tolls = kg.query("cumulative-tolls").records()
        monthly = kg.query("civilian-deaths-by-initiator-month").records()
        flags = {row["count"]: row["cumulative"] for row in kg.query("casualty-figures").records()}
    assert [(row["count"], row["until"]) for row in tolls] == [(300000, PUBLISHED)]
    assert [row["civilians_killed"] for row in monthly] == [7]
    assert flags == {300000: True, 7: False}


def test_a_war_toll_is_dated_from_when_the_article_says_the_war_began(extract):
    text = ("أكثر من 300 ألف قتيل في سوريا منذ اندلاع الحرب\n\n"
            "وقال المرصد إن الحرب التي اندلعت في البلاد عام 2011 دمرت مدنا كاملة.")
    ((event, toll),) = figures(extract(text))
    assert toll.running_total and (toll.earliest, toll.latest) == (dt.date(2011, 1, 1), PUBLISHED)
    assert (event.earliest, event.latest) == (dt.date(2011, 1, 1), PUBLISHED)


def test_a_year_long_ago_that_dates_no_war_does_not_date_the_toll(extract):
    text = ("أكثر من 300 ألف قتيل في سوريا منذ اندلاع الحرب\n\n"
            "وكان الرئيس قد زار المدينة عام 2009.")
    ((event, toll),) = figures(extract(text))
    assert (toll.earliest, toll.latest) == (None, PUBLISHED)


def test_a_toll_is_in_the_country_named_nearest_before_it_not_the_seat_of_its_source(extract):
    ((event, toll),) = figures(extract(
        "وأكد المرصد ومقره في بريطانيا أن الحرب في سوريا أسفرت حتى الآن عن مقتل أكثر من 350 ألف شخص."))
    assert toll.running_total and event.location.endswith("/place/syria")


@pytest.mark.parametrize("row", lexicon("known_wars.tsv"), ids=lambda r: f"{r.began} {r.form}")
def test_the_toll_of_a_known_war_is_counted_from_when_it_began_in_its_country(extract, row):
    ((event, toll),) = figures(extract(f"وقتل أكثر من 200 صحفي في {row.form}."))
    assert toll.running_total and (toll.earliest, toll.latest) == (row.began, PUBLISHED), row.form
    assert (event.earliest, event.latest) == (row.began, PUBLISHED)
    assert event.location == DEFAULT_BASE + row.country and catalogue_index().by_iri[event.location]


def test_a_place_the_toll_names_wins_over_the_country_of_its_war(extract):
    ((event, _),) = figures(extract("وقتل أكثر من 2000 مدني في مدينة حلب منذ اندلاع الحرب السورية."))
    assert event.location == DEFAULT_BASE + "place/aleppo"


def test_a_known_war_named_elsewhere_dates_a_toll_since_the_war_began(extract):
    text = ("أكثر من 300 ألف قتيل منذ اندلاع الحرب\n\n"
            "وقال المرصد إن الحرب السورية دمرت مدنا كاملة.")
    ((event, toll),) = figures(extract(text))
    assert (toll.earliest, event.earliest) == (dt.date(2011, 3, 15), dt.date(2011, 3, 15))


def test_the_war_named_beside_a_toll_dates_it_before_a_war_named_elsewhere(extract):
    text = ("وقال المبعوث إن الحرب السورية لم تنته بعد.\n\n"
            "وقتل أكثر من 10 آلاف مدني في الحرب في اليمن.")
    ((_, toll),) = figures(extract(text))
    assert toll.earliest == dt.date(2015, 3, 26)


def test_the_article_s_own_date_for_the_war_wins_over_the_known_one(extract):
    text = ("أكثر من 300 ألف قتيل منذ اندلاع الحرب\n\n"
            "وقال المرصد إن الحرب السورية التي اندلعت عام 2011 دمرت مدنا كاملة.")
    ((_, toll),) = figures(extract(text))
    assert toll.earliest == dt.date(2011, 1, 1)

"""Numbers and figures: counts in digits and words, qualifiers, outcomes, populations."""
from __future__ import annotations

from dataclasses import astuple

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.normalize import fold_with_offsets
from conflictkg.nlp.numbers import numbers_in
from conflictkg.read import Article

GOV = "https://w3id.org/conflictkg/id/actor/syrian-government-forces"


@pytest.fixture(scope="module")
def figures():
    extractor = Extractor()

    def read(text: str):
        extraction = extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24)))
        return [(f.outcome, f.count, f.qualifier, f.population) for e in extraction.events for f in e.figures]
    return read


@pytest.mark.parametrize("text, value", [
    ("41", 41), ("٤١", 41), ("1,200", 1200), ("أربعة", 4), ("سبعة", 7), ("اربعه", 4),
    ("خمسة وعشرون", 25), ("ثلاثة آلاف", 3000), ("مئة وخمسين", 150), ("أحد عشر", 11),
    ("ستة آلاف و259", 6259), ("ألفان و300", 2300),
])
def test_numbers_in_digits_and_words(text, value):
    assert [n.value for n in numbers_in(fold_with_offsets(text))] == [value]


def test_digits_after_a_number_in_words_below_a_thousand_stay_a_number_of_their_own():
    assert [n.value for n in numbers_in(fold_with_offsets("خمسة و3"))] == [5, 3]


@pytest.mark.parametrize("text", ["عشرات", "مئات", "آلاف", "العديد", "أسرة واحدة"])
def test_vague_quantities_are_not_numbers(text):
    assert numbers_in(fold_with_offsets(text)) == []


def test_every_number_word_is_read():
    for form, value, role in map(astuple, lexicon("number_words.tsv")):
        if role == "fraction":     # "نصف مليون": see test_generalisation_figures.py
            continue
        # A multiplier is read after a unit ("ثلاثة آلاف"); "آلاف" alone is vague ("thousands").
        text, expected = (f"قتل ثلاثة {form} مدنيين", 3 * int(value)) if role == "multiplier" \
            else (f"قتل {form} مدنيين", int(value))
        assert [n.value for n in numbers_in(fold_with_offsets(text))] == [expected], form


@pytest.mark.parametrize("text, expected", [
    ("قتل 7 مدنيين على الأقل في غارة جوية على بلدة نوى.", ("Killed", 7, "AtLeast", "Civilians")),
    ("أسفر القصف على مدينة درعا عن مقتل ما لا يقل عن 12 شخصا.", ("Killed", 12, "AtLeast", None)),
    ("أصيب أكثر من 20 طفلا في قصف مدفعي على بلدة نوى.", ("Injured", 20, "MoreThan", "Children")),
    ("لقي نحو 15 عنصرا مصرعهم في اشتباكات في بلدة نوى.", ("Killed", 15, "Approximately", "Combatants")),
    ("قتل حوالي ثلاثين مقاتلا في معارك في بلدة نوى.", ("Killed", 30, "Approximately", "Combatants")),
    ("وقالت المنظمة إن أربعة من المسعفين أصيبوا في القصف على مدينة درعا.", ("Injured", 4, "Exactly", "MedicalWorkers")),
    ("سقط خمسة قتلى في قصف على مدينة درعا.", ("Killed", 5, "Exactly", None)),
    ("شنت الطائرات الروسية 30 غارة على مدينة درعا.", ("Strikes", 30, "Exactly", None)),
    ("خرج 900 شخص من بلدة بصرى الشام على متن حافلات.", ("Evacuated", 900, "Exactly", None)),
    ("نزح أكثر من 2000 مدني من ريف درعا.", ("Displaced", 2000, "MoreThan", "Civilians")),
    ("قتلت ثلاث نساء في قصف على مدينة درعا.", ("Killed", 3, "Exactly", "Women")),
])
def test_figures_with_outcome_qualifier_population(figures, text, expected):
    assert expected in figures(text)


def test_a_count_without_an_outcome_is_not_a_figure(figures):
    assert figures("وصل 40 صحفيا إلى مدينة درعا لتغطية الاشتباكات.") == []
    assert figures("قتل عشرات المدنيين في قصف على مدينة درعا.") == []


def test_a_toll_and_the_counts_joined_to_it(figures):
    found = figures("وارتفعت حصيلة القتلى المدنيين في القصف على مدينة درعا إلى 41 مدنيا بينهم 11 طفلا.")
    assert ("Killed", 41, "Exactly", "Civilians") in found and ("Killed", 11, "Exactly", "Children") in found


def test_affiliation_of_the_counted(figures):
    extractor = Extractor()
    extraction = extractor.extract(Article(id="t", published=dt.date(2018, 7, 24),
                                           text="وأسفرت الاشتباكات في بلدة نوى عن مقتل 43 عنصرا من قوات النظام."))
    [figure] = [f for e in extraction.events for f in e.figures]
    assert (figure.count, figure.affiliation) == (43, GOV)


def test_every_qualifier_fires(figures):
    for form, qualifier, position in map(astuple, lexicon("figure_qualifiers.tsv")):
        text = f"قتل 9 مدنيين {form} في قصف على مدينة درعا." if position == "after" \
            else f"قتل {form} 9 مدنيين في قصف على مدينة درعا."
        assert any(f[1] == 9 and f[2] == qualifier for f in figures(text)), form


@pytest.mark.parametrize("text, value", [
    ("قصفت الطائرات المطار بثمانية صواريخ", 8), ("بقيت المدينة محاصرة لثلاثة أشهر", 3),
    ("وبخمسة وعشرين صاروخا", 25),
])
def test_a_number_word_may_carry_a_preposition(text, value):
    [number] = numbers_in(fold_with_offsets(text))
    assert number.value == value and not text[number.begin:number.end].startswith(("ب", "ل", "و"))


@pytest.mark.parametrize("text", ["بعض الناس بالأمس", "ولدت في بلدة بلاطة"])
def test_a_word_that_merely_starts_with_a_preposition_is_no_number(text):
    assert numbers_in(fold_with_offsets(text)) == []


def test_every_toll_word_before_a_number_reads_its_outcome(figures):
    tolls = [row for row in lexicon("figure_outcomes.tsv") if row.position == "before" and row.reach > 6]
    for row in tolls:
        text = f"وقصفت الطائرات مدينة درعا، ليرتفع {row.form} في المدينة منذ الصباح إلى 52 شخصا."
        assert (row.outcome, 52) in [f[:2] for f in figures(text)], row.form


@pytest.mark.parametrize("text, count, event_type", [
    ("وأطلق مسلحون أكثر من 40 صاروخا على بلدة نوى.", 40, "Shelling"),
    ("وسقطت 30 قذيفة على أحياء مدينة درعا يوم الثلاثاء.", 30, "Shelling"),
    ("وألقت المروحيات 20 برميلا متفجرا على بلدة نوى.", 20, "AirStrike"),
    ("قصفت طائرتان حربيتان مطار الضمير بستة صواريخ.", 6, "AirStrike"),
])
def test_munitions_fired_are_counted_as_strikes_of_their_kind(text, count, event_type):
    extraction = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 7, 24)))
    assert [(e.type, f.outcome, f.count) for e in extraction.events for f in e.figures] == \
        [(event_type, "Strikes", count)]


@pytest.mark.parametrize("text", [
    "وأعلنت موسكو تسليم 40 صاروخا للجيش السوري.",
    "ويملك الجيش نحو 300 صاروخ بعيد المدى في مخازنه.",
])
def test_munitions_counted_but_not_fired_are_no_figure(figures, text):
    assert figures(text) == []


def test_every_firing_word_lets_munitions_count(figures):
    for row in lexicon("firing_words.tsv"):
        word = row.word.rstrip("*")
        text = f"وقال المرصد إن القوات {word} 12 صاروخا على بلدة نوى."
        assert ("Strikes", 12) in [f[:2] for f in figures(text)], row.word


@pytest.mark.parametrize("text, expected", [
    ("وأسفر القصف على بلدة نوى عن مقتل 3 في الحي الشرقي.", [("Killed", 3)]),
    ("أسفرت الاشتباكات في بلدة نوى عن مقتل 4 وإصابة 7 آخرين.", [("Killed", 4), ("Injured", 7)]),
])
def test_a_count_right_after_its_outcome_word_may_leave_the_people_unnamed(figures, text, expected):
    assert [f[:2] for f in figures(text)] == expected


@pytest.mark.parametrize("text", [
    "قتل 2018 في ذلك العام.",                       # a year, not 2018 dead
    "ووصل مقتل 3 أشهر من الحصار.",                   # a noun follows: months are counted
    "وأسفر القصف عن دمار 3 في الحي.",                # no word of killing or wounding
])
def test_an_unnamed_count_needs_its_outcome_word_right_before_it(figures, text):
    assert figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("وقال المرصد إن أكثر من 20 ألف شخص أجبروا على الفرار من ريف درعا.", ("Displaced", 20000)),
    ("وشرد أكثر من 300 ألف شخص منذ بداية العام في ريف إدلب.", ("Displaced", 300000)),
    ("وقالت الوزارة إن 1200 مسلح وأسرهم غادروا مدينة دوما خلال الساعات الماضية.", ("Evacuated", 1200)),
    ("هاجم مسلحون دورية حدودية في بلدة نوى أصابت خمسة جنود.", ("Injured", 5)),
])
def test_words_of_fleeing_leaving_and_wounding_on_either_side_of_the_count(figures, text, expected):
    assert expected in [f[:2] for f in figures(text)]


def test_every_population_noun_counts_the_dead(figures):
    for row in lexicon("figure_populations.tsv"):
        noun = row.form.rstrip("*")
        found = figures(f"قتل 9 {noun} في قصف على مدينة درعا.")
        expected = None if row.population == "-" else row.population
        assert ("Killed", 9, "Exactly", expected) in found, row.form

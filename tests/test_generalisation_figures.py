"""Generalisation of numbers and figures beyond the seeds: multiplier words, duals, figures in
words after بينهم/منهم, and displacement (people fleeing) with its counts. Sentences written
for these tests, several phrasings per rule."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.normalize import fold_with_offsets
from conflictkg.nlp.numbers import numbers_in


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


def _figures(extraction):
    return {(f.outcome, f.count, f.qualifier, f.population) for e in extraction.events for f in e.figures}


# ------------------------------------------------------------------ 1. multipliers
@pytest.mark.parametrize("text, value", [
    ("4 آلاف", 4000), ("٤ آلاف", 4000), ("250 ألف", 250000), ("250 ألفا", 250000),
    ("250 ألفاً", 250000), ("٢٥٠ ألفًا", 250000), ("ثلاثة آلاف", 3000), ("عشرة آلاف", 10000),
    ("خمسة وعشرين ألفا", 25000), ("مئة ألف", 100000), ("مئتا ألف", 200000), ("مئتا", 200),
    ("ثلاثمئة ألف", 300000), ("ثلاثمائة", 300), ("ثلاثة آلاف وخمسمئة", 3500),
    ("مليون", 1000000), ("مليونان", 2000000), ("1.5 مليون", 1500000), ("١٫٥ مليون", 1500000),
    ("3 ملايين", 3000000), ("29 ألفا و358", 29358), ("ألفي", 2000), ("ألفان", 2000),
    ("خمس عشرة", 15), ("اثنتا عشرة", 12), ("نصف مليون", 500000), ("ربع مليون", 250000),
])
def test_numbers_with_multipliers(text, value):
    assert [n.value for n in numbers_in(fold_with_offsets(text))] == [value]


@pytest.mark.parametrize("text", ["آلاف المدنيين", "عشرات الآلاف", "مئات الآلاف", "ملايين السوريين",
                                  "وآلاف النازحين", "3.5 كيلومتر", "نصف المحافظة"])
def test_vague_thousands_and_measures_are_not_counts(text):
    assert numbers_in(fold_with_offsets(text)) == []


def test_every_number_word_is_read():
    for form, value, role in ((r.form, r.value, r.role) for r in lexicon("number_words.tsv")):
        if role == "fraction":
            assert [n.value for n in numbers_in(fold_with_offsets(f"{form} مليون"))] == [int(float(value) * 10**6)]
            continue
        # a multiplier after a number word and after digits; every other word alone
        if role == "multiplier":
            assert [n.value for n in numbers_in(fold_with_offsets(f"ثلاثة {form}"))] == [3 * int(value)], form
            if int(value) >= 1000:   # digits take ألف، آلاف، مليون (not مئة: "300" is written so)
                assert [n.value for n in numbers_in(fold_with_offsets(f"3 {form}"))] == [3 * int(value)], form
        else:
            assert [n.value for n in numbers_in(fold_with_offsets(form))] == [int(value)], form


@pytest.mark.parametrize("text, figure", [
    ("قتل 4 آلاف مدني في الغوطة الشرقية خلال الحملة.", ("Killed", 4000, "Exactly", "Civilians")),
    ("نزح أكثر من 250 ألف شخص من ريف درعا.", ("Displaced", 250000, "MoreThan", None)),
    ("أجبر القصف نحو ثلاثة آلاف مدني على النزوح من بلدة نوى.", None),
    ("نزح نحو ثلاثة آلاف مدني من بلدة نوى.", ("Displaced", 3000, "Approximately", "Civilians")),
    ("وأفادت الأمم المتحدة بأن 1.5 مليون شخص نزحوا من إدلب.", ("Displaced", 1500000, "Exactly", None)),
    ("تسببت المعارك في نزوح ٢٥٠ ألف شخص من محافظة درعا.", ("Displaced", 250000, "Exactly", None)),
])
def test_counts_with_multipliers_are_figures(extract, text, figure):
    found = _figures(extract(text))
    if figure is not None:
        assert figure in found
    else:
        assert all(f[1] != 3 for f in found)     # never "3" for ثلاثة آلاف


@pytest.mark.parametrize("text", ["نزح آلاف المدنيين من بلدة نوى.", "فر عشرات الآلاف من سكان ريف درعا.",
                                  "ووفرت المنظمة 200 خيمة للنازحين.", "بلغت قيمة الصفقة 700 مليون دولار."])
def test_vague_and_uncounted_are_not_figures(extract, text):
    assert _figures(extract(text)) == set()


# ------------------------------------------------------------------ 2. words and duals after بينهم
@pytest.mark.parametrize("text, expected", [
    ("قتل 12 مدنيا بينهم ثلاثة أطفال في قصف على بلدة نوى.", {("Killed", 3, "Exactly", "Children")}),
    ("قتل خمسة مدنيين بينهم طفلان في غارة على نوى.", {("Killed", 2, "Exactly", "Children")}),
    ("قتل سبعة أشخاص بينهم امرأتان وطفل في غارة على نوى.", {("Killed", 2, "Exactly", "Women")}),
    ("أصيب 7 أشخاص بينهم خمس نساء في قصف على بلدة نوى.", {("Injured", 5, "Exactly", "Women")}),
    ("قتل ستة مقاتلين بينهم عنصران من قوات النظام في اشتباكات في درعا.",
     {("Killed", 2, "Exactly", "Combatants")}),
    ("أصيب عشرة مدنيين منهم أربعة أطفال وامرأتان في قصف على درعا.",
     {("Injured", 4, "Exactly", "Children"), ("Injured", 2, "Exactly", "Women")}),
    ("لقي ثمانية مدنيين مصرعهم، بينهم ثلاث نساء، في غارة على بلدة نوى.", {("Killed", 3, "Exactly", "Women")}),
    ("قتل جنديان في انفجار عبوة ناسفة في درعا.", {("Killed", 2, "Exactly", "Combatants")}),
])
def test_figures_in_words_and_duals_after_among_them(extract, text, expected):
    assert expected <= _figures(extract(text))


@pytest.mark.parametrize("row", lexicon("figure_number_nouns.tsv"), ids=lambda row: row.form)
def test_every_noun_that_says_its_number_is_a_figure(extract, row):
    figures = _figures(extract(f"قتل عشرة مدنيين بينهم {row.form} في قصف على درعا."))
    assert ("Killed", row.count, "Exactly", row.population) in figures, row.form


@pytest.mark.parametrize("text, expected", [
    ("قتل جندي تركي في هجوم في عفرين.", {("Killed", 1, "Exactly", "Combatants")}),
    ("أدى القصف إلى مقتل 11 مدنيا، بينهم طفل.", {("Killed", 11, "Exactly", "Civilians"), ("Killed", 1, "Exactly", "Children")}),
])
def test_a_singular_counts_one(extract, text, expected):
    assert expected <= _figures(extract(text))


@pytest.mark.parametrize("text", [
    "وقال الجندي إن القصف أدى إلى مقتل الطفل.",          # definite: one already spoken of
    "وقتل 21 طفل في القصف على درعا.",                    # the noun of the number before it
])
def test_a_singular_that_refers_back_or_follows_a_number_counts_nothing_more(extract, text):
    assert all(count != 1 for _, count, _, _ in _figures(extract(text)))


# ------------------------------------------------------------------ 3. fleeing
@pytest.mark.parametrize("text, count", [
    ("فر أكثر من 250 ألف شخص من ريف درعا.", 250000),
    ("أكثر من 20 ألف شخص فروا من المدينة.", 20000),
    ("هرب نحو ألفي شخص من بلدة نوى.", 2000),
    ("فرت 300 عائلة من بلدة نوى.", 300),
    ("أكثر من 1.5 مليون شخص نزحوا من ريف درعا.", 1500000),
    ("وأدى القصف إلى فرار نحو خمسة آلاف مدني من بلدة نوى.", 5000),
    ("نزح قرابة 60 ألف شخص إلى الحدود الأردنية.", 60000),
    ("قتل 1500 مدني بينما فر ما لا يقل عن 50 ألف آخرين من الغوطة الشرقية.", 50000),
])
def test_fleeing_with_counts(extract, text, count):
    events = extract(text).events
    assert any(e.type == "Displacement" and any(f.outcome == "Displaced" and f.count == count for f in e.figures)
               for e in events), [(e.type, e.figures) for e in events]


@pytest.mark.parametrize("text", ["فر آلاف الأشخاص من بلدة نوى.", "وهرب عشرات العائلات من ريف درعا."])
def test_fleeing_without_a_count_is_a_displacement(extract, text):
    assert [e.type for e in extract(text).events] == ["Displacement"]


@pytest.mark.parametrize("text", ["هرب قائد الفصيل إلى تركيا.", "ووفرت المنظمة الخيام في المخيم.",
                                  "فر كثير من السكان في الأيام الأولى من الصراع."])
def test_fleeing_verbs_need_people_counted(extract, text):
    assert not [e for e in extract(text).events if e.type == "Displacement"]


@pytest.mark.parametrize("text", ["خرجت 20 حافلة تقل مقاتلين من بلدة نوى.",
                                  "غادرت حافلات تقل 400 مقاتل وعائلاتهم بلدة نوى."])
def test_leaving_by_bus_is_an_evacuation(extract, text):
    assert "Evacuation" in [e.type for e in extract(text).events]


@pytest.mark.parametrize("text, expected", [
    # a number with no noun of its own, then من: people of what follows
    ("وقالت الوكالة إن ثلاثة من ميليشيا القرى أصيبوا بجروح في هجوم على قاعدة.", {("Injured", 3, "Exactly", None)}),
    # two counts joined by و take the outcome said after the second
    ("وقالت الوكالة إن أربعة جنود وثلاثة من ميليشيا القرى قد أصيبوا بجروح في هجوم على قاعدة.",
     {("Injured", 4, "Exactly", "Combatants"), ("Injured", 3, "Exactly", None)}),
])
def test_counts_of_people_named_by_what_follows_and_joined_counts(extract, text, expected):
    assert expected <= _figures(extract(text))


@pytest.mark.parametrize("text", [
    "وانسحب ثلاثة من قادة الفصائل من المفاوضات في درعا.",     # no outcome said of them
    "وقال إن عام 2018 من أصعب الأعوام على المدنيين في درعا.",    # a year
])
def test_a_partitive_count_needs_an_outcome_and_is_no_year(extract, text):
    assert _figures(extract(text)) == set()


@pytest.mark.parametrize("row", [r for r in lexicon("figure_words.tsv") if r.role == "partitive"], ids=lambda r: r.note)
def test_every_partitive_word_counts_people(extract, row):
    assert ("Killed", 5, "Exactly", None) in _figures(extract(f"وقال إن خمسة {row.word} ميليشيا القرى قتلوا في هجوم."))


@pytest.mark.parametrize("row", [r for r in lexicon("figure_words.tsv") if r.role == "versus"], ids=lambda r: r.note)
def test_every_versus_word_counts_the_other_side(extract, row):
    text = f"وأفاد المرصد عن سقوط عشرة قتلى في صفوف الفصائل المسلحة، {row.word} سبعة في صفوف قوات النظام."
    assert {("Killed", 10, "Exactly", None), ("Killed", 7, "Exactly", None)} <= _figures(extract(text)), row.word


def test_a_count_after_versus_needs_a_figure_before_it(extract):
    assert _figures(extract("ويبلغ عدد سكان البلدة عشرة آلاف مقابل سبعة آلاف قبل الحرب.")) == set()


# ------------------------------------------------------------------ a toll after its number
@pytest.mark.parametrize("text, expected", [
    ("وأسفرت الاشتباكات في بلدة نوى عن مقتل خمسة ليرتفع إلى 117 عدد قتلى القوات الحكومية.",
     {("Killed", 117, "Exactly", None)}),
    ("ليرتفع بذلك إلى 40 عدد الجرحى في قصف بلدة نوى.", {("Injured", 40, "Exactly", None)}),
    ("وسقط 132 مدنيا في القصف على بلدة نوى.", {("Killed", 132, "Exactly", "Civilians")}),
    ("وبلغ ضحايا القصف على بلدة نوى 12 شخصا.", {("Killed", 12, "Exactly", None)}),
    ("وقتل في القصف أكثر من 20 صحفيا في بلدة نوى.", {("Killed", 20, "MoreThan", "Civilians")}),
])
def test_a_toll_may_follow_its_number(extract, text, expected):
    assert expected <= _figures(extract(text))


def test_a_count_set_against_another_takes_its_outcome_across_the_clause(extract):
    text = ("وارتفع إلى 117 عدد قتلى القوات الحكومية في المعارك في بلدة نوى منذ بدء الهجوم، "
            "مقابل 74 من عناصر الفصائل.")
    assert {("Killed", 117), ("Killed", 74)} <= {f[:2] for f in _figures(extract(text))}


@pytest.mark.parametrize("text", [
    "وقال إنه في عام 2018 قتل القائد في بلدة نوى.",        # a year before the verb counts no one
    "وسقطت بلدة نوى بيد القوات الحكومية بعد 3 أيام.",      # fell, not killed
])
def test_a_year_or_a_fall_is_no_toll(extract, text):
    assert not {f for f in _figures(extract(text)) if f[0] == "Killed"}

"""Each entry of the word lists the readers share fires where it should: the proclitics and
endings of ``morphology.py`` (clitics.tsv, word_endings.tsv), negations.tsv, place_anaphora.tsv,
control_words.tsv, list_words.tsv, figure_words.tsv, number_links.tsv, reported_content.tsv and
date_words.tsv. The sentences are written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.catalogue import catalogue_index
from conflictkg.nlp.context import ArticleContext
from conflictkg.nlp.control import _captures
from conflictkg.nlp.dates import find_dates
from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.nlp.numbers import numbers_in
from conflictkg.nlp.pipeline import make_pipeline

A = "https://w3id.org/conflictkg/id/actor/"
P = "https://w3id.org/conflictkg/id/place/"
PUBLISHED = dt.date(2018, 7, 24)   # a Tuesday


@pytest.fixture(scope="module")
def extract():
    return extractor_at(PUBLISHED)


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def rows(name, **where):
    return [row for row in lexicon(name) if all(getattr(row, k) == v for k, v in where.items())]


# ---------------------------------------------------------------------- clitics and endings
@pytest.mark.parametrize("row", rows("clitics.tsv", role="conjunction") + rows("clitics.tsv", role="preposition"),
                         ids=lambda r: r.note.split(":")[0])
def test_every_proclitic_is_read_off_a_name(extract, row):
    mentions = extract(f"وصلت تعزيزات {row.form}الجيش السوري الحر إلى المنطقة.").mentions
    assert A + "free-syrian-army" in {m.entity for m in mentions}, row.form


def test_the_article_and_its_contraction_are_read_off_a_word():
    m = morphology()
    assert m.readings(fold("للجيش"))[1] == fold("الجيش")      # لل = ل + ال
    assert m.has_article(fold("وبال")) and m.has_article(fold("لل")) and not m.has_article(fold("وب"))


@pytest.mark.parametrize("row", lexicon("word_endings.tsv"), ids=lambda r: r.kind + r.ending)
def test_every_word_ending_is_recognised(row):
    m = morphology()
    word = fold("الكردي") if row.kind == "nisba" and len(row.ending) == 1 else fold("الكردية")
    assert word.endswith(fold(row.ending))
    assert (m.is_nisba(word) if row.kind == "nisba" else m.is_feminine(word))


def test_a_nisba_adjective_after_a_name_is_not_part_of_a_place_name(extract):
    places = {m.span.text for m in extract("نزح السكان من مخيم اليرموك الجنوبي.").mentions if m.kind == "place"}
    assert "مخيم اليرموك" in places and "مخيم اليرموك الجنوبي" not in places


# ---------------------------------------------------------------------- negations
@pytest.mark.parametrize("row", rows("negations.tsv", always=True), ids=lambda r: r.note)
def test_every_negation_undoes_control_and_allegiance(extract, row):
    assert not extract(f"{row.word} تسيطر قوات النظام على بلدة نوى.").controls
    assert not extract(f"جيش خالد بن الوليد {row.word} المبايع لتنظيم الدولة الإسلامية.").allegiances


@pytest.mark.parametrize("row", lexicon("negations.tsv"), ids=lambda r: r.note)
def test_every_negation_breaks_a_speaker_pronoun_and_its_trigger(extract, row):
    events = extract(f"وقالت هيئة تحرير الشام إنها {row.word} قصفت بلدة سرمدا.").events
    assert all(A + "hayat-tahrir-al-sham" not in e.initiators for e in events), row.word


def test_a_loose_negation_is_not_a_negation_of_control(extract):
    """"ما زالت تسيطر" is "still holds": ما is kept out of the strict list."""
    assert extract("وما زالت تسيطر قوات النظام على بلدة نوى.").controls


def test_the_baseline_sentences_do_state_control_and_allegiance(extract):
    assert extract("تسيطر قوات النظام على بلدة نوى.").controls
    assert extract("جيش خالد بن الوليد المبايع لتنظيم الدولة الإسلامية.").allegiances


# ---------------------------------------------------------------------- place anaphora
def _place_of_class(nlp, classes: tuple[str, ...]):
    """A catalogue place of the first of ``classes`` that has one (the catalogue has no
    village yet), which a plain sentence reads as itself."""
    index = catalogue_index()
    entity_class = next(c for c in classes if any(e.entity_class == c for e in index.by_iri.values()))
    for entry in sorted(index.by_iri.values(), key=lambda e: e.iri):
        if entry.entity_class == entity_class and entry.label_ar:
            ctx = ArticleContext.of(nlp(f"قصفت طائرات حربية {entry.label_ar} أمس."))
            if any(r.entity == entry.iri for r in ctx.places):
                return entry
    raise AssertionError(f"no catalogue place of class {entity_class}")


@pytest.mark.parametrize("row", lexicon("place_anaphora.tsv"), ids=lambda r: r.note)
def test_every_place_anaphor_refers_back_to_its_class(nlp, row):
    place = _place_of_class(nlp, row.class_list)
    text = f"قصفت طائرات حربية {place.label_ar} أمس. وأصابت الغارات مستشفى في {row.word}."
    ctx = ArticleContext.of(nlp(text))
    at = text.rindex(row.word)
    assert any(r.begin == at and r.entity == place.iri for r in ctx.places), row.word


# ---------------------------------------------------------------------- control words
@pytest.mark.parametrize("row", rows("control_words.tsv", role="past"), ids=lambda r: r.note)
def test_every_past_word_undoes_a_state_of_control(extract, row):
    assert not extract(f"{row.word} تسيطر قوات النظام على بلدة نوى.").controls


@pytest.mark.parametrize("row", rows("control_words.tsv", role="no-longer"), ids=lambda r: r.note)
def test_every_no_longer_word_undoes_a_state_of_control(extract, row):
    assert not extract(f"لم {row.word} تسيطر قوات النظام على بلدة نوى.").controls


@pytest.mark.parametrize("row", rows("control_words.tsv", role="state"), ids=lambda r: r.note)
def test_every_state_word_makes_a_capture_word_no_capture(nlp, row):
    def captures(text):
        return list(_captures(ArticleContext.of(nlp(text))))
    assert captures("وسيطرت قوات النظام على بلدة سرمدا.")
    assert not captures(f"وبقيت بلدة سرمدا {row.word} سيطرة قوات النظام."), row.word


@pytest.mark.parametrize("row", rows("control_words.tsv", role="purpose"), ids=lambda r: r.note)
def test_every_purpose_proclitic_makes_a_capture_an_aim(extract, row):
    assert extract("تقدمت قوات النظام وسيطرت على بلدة نوى.").controls
    assert not extract(f"تقدمت قوات النظام {row.word}لسيطرة على بلدة نوى.").controls


@pytest.mark.parametrize("row", rows("control_words.tsv", role="apposition"), ids=lambda r: r.note)
def test_every_apposition_word_keeps_the_place_before_it_under_the_statement(extract, row):
    words = {"لا": "لا تزال", "ما": "ما زالت"}.get(row.word, row.word)    # alone, a negation
    controls = {(c.controller, c.territory) for c in extract(
        f"وقصفت الطائرات مدينة إدلب، {words} تحت سيطرة هيئة تحرير الشام.").controls}
    assert (A + "hayat-tahrir-al-sham", "https://w3id.org/conflictkg/id/place/idlib") in controls, row.word


# ---------------------------------------------------------------------- lists, figures, numbers
@pytest.mark.parametrize("row", lexicon("list_words.tsv"), ids=lambda r: r.note)
def test_every_list_word_joins_forces_of_an_allegiance(extract, row):
    joiner = {"جانب": "إلى جانب", "فضلا": "فضلا عن", "عن": "فضلا عن"}.get(row.word, row.word)
    found = extract(f"قصفت الطائرات الروسية البلدة دعما لقوات النظام {joiner} حزب الله.").allegiances
    assert A + "hezbollah" in {a.target for a in found}, row.word


@pytest.mark.parametrize("row", rows("figure_words.tsv", role="among"), ids=lambda r: r.note)
def test_every_among_word_carries_the_outcome_across_a_comma(extract, row):
    figures = [f for e in extract(f"قتل 12 مدنيا، {row.word} 5 أطفال، بغارات روسية على بلدة نوى.").events
               for f in e.figures]
    assert {(f.outcome, f.count) for f in figures} >= {("Killed", 12), ("Killed", 5)}, row.word


@pytest.mark.parametrize("row", rows("figure_words.tsv", role="linking"), ids=lambda r: r.note)
def test_every_linking_word_may_stand_between_a_number_and_its_noun(extract, row):
    figures = [f for e in extract(f"قتل 12 {row.word} المدنيين بغارات روسية على بلدة نوى.").events
               for f in e.figures]
    assert ("Killed", 12) in {(f.outcome, f.count) for f in figures}, row.word


@pytest.mark.parametrize("row", rows("figure_words.tsv", role="closing"), ids=lambda r: r.note)
def test_every_closing_word_lets_a_count_of_the_dead_go_unnamed(extract, row):
    figures = [f for e in extract(f"وأسفر القصف على بلدة نوى عن مقتل 6 {row.word} الليلة الماضية.").events
               for f in e.figures]
    assert ("Killed", 6) in {(f.outcome, f.count) for f in figures}, row.word


def _numbers(text):
    folded = fold_with_offsets(text)
    return [n.value for n in numbers_in(folded)]


@pytest.mark.parametrize("row", rows("number_links.tsv", role="and"), ids=lambda r: r.note)
def test_every_and_joins_the_parts_of_a_number(row):
    assert _numbers(f"نزح 29 ألفا {row.word}358 شخصا") == [29358]
    assert _numbers(f"قتل خمسة {row.word}عشرون مدنيا") == [25]


@pytest.mark.parametrize("row", rows("number_links.tsv", role="vague"), ids=lambda r: r.note)
def test_every_vague_plural_is_no_count_alone_but_multiplies_after_a_number(row):
    assert _numbers(f"نزح {row.word} المدنيين") == []
    assert _numbers(f"نزح 4 {row.word} مدني")[0] in (4000, 4_000_000)


# ---------------------------------------------------------------------- attribution and dates
@pytest.mark.parametrize("row", lexicon("reported_content.tsv"), ids=lambda r: r.note)
def test_every_reported_content_word_ends_the_source(extract, row):
    events = extract(f"وأفاد ناشطون {row.word} الطائرات الروسية قصفت بلدة نوى.").events
    assert events and all(A + "russian-aerospace-forces" not in e.reported_by for e in events), row.word


def _dates(text):
    return [(d.text, d.earliest, d.latest) for d in find_dates(fold_with_offsets(text), text, PUBLISHED)]


@pytest.mark.parametrize("row", lexicon("date_words.tsv"), ids=lambda r: r.role + ":" + r.note)
def test_every_date_word_is_read_into_the_date(row):
    sentence = {
        "since": f"{row.word} 3 تموز",
        "day": f"{row.word} الأحد",
        "part-of-day": f"{row.word} الأحد",
        "past": f"الأحد {row.word}",
        "year": f"قتل {row.word} 2015",
        "in": f"قتل {row.word} 2015",
        "of": f"تموز {row.word} 2016",
        "over": f"قتل 5 {row.word} أربعة أعوام",
        "about": f"قتل 5 منذ {row.word} ثلاثة أيام",
        "ago": f"قتل 5 {row.word} ثلاثة أيام",
        "after": f"وقالت {row.word} ثلاثة أيام على قصف البلدة",
        "after-on": f"وقالت بعد ثلاثة أيام {row.word} قصف البلدة",
        "month": f"قتل 5 في العاشر من {row.word} أيار",
    }[row.role]
    (found,) = _dates(sentence)
    assert row.word in found[0], (row.word, found)


@pytest.mark.parametrize("row", rows("date_words.tsv", role="year"), ids=lambda r: r.note)
def test_every_year_word_joins_a_day_and_month_to_its_year(row):
    """Each word of an alternation carries its own space: "14 نيسان من عام 2001" is one date."""
    (found,) = _dates(f"في 14 نيسان من {row.word} 2001 قصفت الطائرات")
    assert found[1] == found[2] == dt.date(2001, 4, 14), (row.word, found)

"""The entity stage on sentences written for the tests: clitics, longest match, cue words."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.iris import minted_entity_iri
from conflictkg.nlp.entities import CueNameReader
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import Entry, lexicon
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.nlp.pipeline import make_pipeline
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
SAA = ID + "actor/syrian-government-forces"
FSA = ID + "actor/free-syrian-army"
HTS = ID + "actor/hayat-tahrir-al-sham"


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def mentions(nlp, text: str) -> list[tuple[str, str]]:
    return [(m.span.text, m.entity) for m in nlp(text)._.mentions]


@pytest.mark.parametrize("text, surface", [
    ("تقدم والجيش السوري نحو البلدة", "الجيش السوري"),
    ("رحب بالجيش السوري الأهالي", "الجيش السوري"),
    ("انضم للجيش السوري مقاتلون", "لجيش السوري"),       # لل = ل + the article; the span keeps ال's lam
    ('بايع عناصر لـ"هيئة تحرير الشام" القائد', "هيئة تحرير الشام"),
    ("قاتل بـ هيئة تحرير الشام مئات", "هيئة تحرير الشام"),
    ("فالجيش السوري لم يتقدم", "الجيش السوري"),
])
def test_proclitics_are_stripped_and_offsets_cover_the_surface(nlp, text: str, surface: str) -> None:
    doc = nlp(text)
    found = [m for m in doc._.mentions if m.entity in (SAA, HTS)]
    assert len(found) == 1
    span = found[0].span
    assert span.text == surface == text[span.begin:span.end]


def test_longest_match_wins(nlp) -> None:
    found = mentions(nlp, "هاجم الجيش السوري الحر مواقع في البلدة")
    assert found == [("الجيش السوري الحر", FSA)]


def test_the_folded_form_matches_the_catalogue_name(nlp) -> None:
    assert (("الجيـــش السوريّ", SAA)) in mentions(nlp, "قال الجيـــش السوريّ إنه تقدم")


# ------------------------------------------------------------------ names after cue words
def cue_rows(file: str) -> list[Entry]:
    return list(lexicon(file))


@pytest.mark.parametrize("row", cue_rows("actor_cues.tsv"), ids=lambda r: r.key)
def test_every_actor_cue_mints_the_name_after_it(nlp, row) -> None:
    cue, entity_class, includes_cue = row.cue, row.entity_class, row.includes_cue
    quoted = '"صقور الزرزور"' if row.quoted_only else "صقور الزرزور"
    text = f"هاجم مقاتلو {cue} {quoted} مواقع قرب البلدة"
    name = f"{cue} صقور الزرزور" if includes_cue else "صقور الزرزور"
    minted = [m for m in nlp(text)._.mentions if m.minted]
    assert [(m.span.text, m.entity_class, m.kind, m.label) for m in minted] == \
        [(name, entity_class, "actor", name)]
    assert minted[0].entity == minted_entity_iri("actor", fold(name))


@pytest.mark.parametrize("row", cue_rows("place_cues.tsv"), ids=lambda r: r.key)
def test_every_place_cue_mints_the_name_after_it(nlp, row) -> None:
    cue, entity_class, includes_cue = row.cue, row.entity_class, row.includes_cue
    text = f"قصفت الطائرات {cue} عين الزرزور يوم الأحد"
    name = f"{cue} عين الزرزور" if includes_cue else "عين الزرزور"
    minted = [m for m in nlp(text)._.mentions if m.minted]
    assert [(m.span.text, m.entity_class, m.kind) for m in minted] == [(name, entity_class, "place")]


@pytest.mark.parametrize("row", [r for r in cue_rows("actor_cues.tsv") if r.quoted_only], ids=lambda r: r.key)
def test_a_quoted_only_cue_reads_no_name_without_quotes(nlp, row) -> None:
    # "موقع عسكري", "وكالة الأمم المتحدة للاجئين": a common noun, not a paper or a website
    assert not [m for m in nlp(f"قصفت الطائرات {row.cue} الزرزور العسكري قرب البلدة")._.mentions if m.minted]


def test_a_quoted_name_is_read_to_its_closing_quote(nlp) -> None:
    minted = [m for m in nlp('أعلن فصيل "أسود الزرزور الأحرار" مسؤوليته')._.mentions if m.minted]
    assert [m.span.text for m in minted] == ["أسود الزرزور الأحرار"]


def test_a_cue_before_a_catalogue_name_confirms_it(nlp) -> None:
    found = nlp("سيطر فصيل هيئة تحرير الشام على المدينة")._.mentions
    assert [(m.entity, m.minted) for m in found] == [(HTS, False)]


def test_a_minted_name_repeated_without_its_cue_is_the_same_entity(nlp) -> None:
    found = [m for m in nlp("قصفت الطائرات بلدة عين الزرزور. وفر سكان عين الزرزور")._.mentions]
    assert len(found) == 2 and found[0].entity == found[1].entity


@pytest.mark.parametrize("text, name", [
    ("فر المدنيون إلى بلدة نحلة الزرزور الخاضعة لسيطرة الفصائل", "نحلة الزرزور"),
    ("في قرية الزرزور السورية", "الزرزور"),
    ("وسط مدينة الزرزور، قال", "الزرزور"),
    ("إلى بلدة الزرزور والزعرور", "الزرزور"),
    ("هاجمت كتيبة أبو الزرزور المواقع", "كتيبة أبو الزرزور"),
])
def test_an_unquoted_name_stops_where_the_name_ends(nlp, text: str, name: str) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.minted] == [name]


@pytest.mark.parametrize("row", cue_rows("name_rejects.tsv"), ids=lambda r: r.key)
def test_a_cue_followed_by_a_rejected_word_mints_nothing(row) -> None:
    reader = CueNameReader.from_data()
    for cue in ("حركة", "بلدة"):
        text = f"ذكر أن {cue} {row.word} الزرزور"
        assert reader.find(fold_with_offsets(text), text) == []


@pytest.mark.parametrize("row", cue_rows("name_stops.tsv"), ids=lambda r: r.key)
def test_a_stop_word_ends_a_name(row) -> None:
    reader = CueNameReader.from_data()
    text = f"في بلدة الزرزور {row.word} الزعرور"
    assert [n.name for n in reader.find(fold_with_offsets(text), text)][0] == "الزرزور"


@pytest.mark.parametrize("row", cue_rows("name_links.tsv"), ids=lambda r: r.key)
def test_a_name_link_joins_the_next_word(row) -> None:
    reader = CueNameReader.from_data()
    text = f"في بلدة الزرزور {row.word} زعرور اليوم"
    assert [n.name for n in reader.find(fold_with_offsets(text), text)] == [fold(f"الزرزور {row.word} زعرور")]


def test_bilda_with_ha_is_not_the_cue_bilda() -> None:
    reader = CueNameReader.from_data()
    text = "قال إن بلده الزرزور لن يتحمل"     # بلده: "his country"
    assert reader.find(fold_with_offsets(text), text) == []


def test_an_unquoted_actor_name_needs_a_definite_word() -> None:
    reader = CueNameReader.from_data()
    text = "قال فصيل زرزور إنه انسحب"
    assert reader.find(fold_with_offsets(text), text) == []


def test_a_preposition_after_a_cue_introduces_no_name() -> None:
    reader = CueNameReader.from_data()
    text = "أقيم مخيم للنازحين قرب الحدود"
    assert reader.find(fold_with_offsets(text), text) == []


OMAN, AMMAN = ID + "place/oman", ID + "place/amman"


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد إلى عمان مساء أمس لبحث الأزمة", set()),                 # which عمان? left unlinked
    ("استقبل وزير خارجية سلطنة عمان نظيره الإيراني", {OMAN}),
    ("عقد الاجتماع الثلاثي في العاصمة الأردنية عمان يوم الأحد", {AMMAN}),
    ("تظاهر المئات وسط مدينة عمان احتجاجا على الأسعار", {AMMAN}),
])
def test_an_ambiguous_name_is_linked_by_its_context_or_not_at_all(nlp, text: str, expected: set[str]) -> None:
    found = mentions(nlp, text)
    assert {entity for _, entity in found} & {OMAN, AMMAN} == expected
    spans = [surface for surface, entity in found if entity in (OMAN, AMMAN)]
    assert len(spans) == len(set(spans)), f"one span linked to two entities: {found}"


@pytest.mark.parametrize("written", ["عبد الله", "عبدالله"])
def test_a_compound_name_matches_joined_or_apart(written):
    """"عبد الفتاح"/"عبدالفتاح", "أبو بكر"/"أبوبكر" (name_joins.tsv): one name, either spelling."""
    from conflictkg.catalogue import CatalogueEntry
    from conflictkg.nlp.entities import CatalogueMatcher
    from conflictkg.nlp.normalize import fold_with_offsets
    person = CatalogueEntry("https://w3id.org/conflictkg/id/actor/x", "Person", "عبد الله الفلاني", "X",
                            ("عبد الله الفلاني",), ())
    other = CatalogueEntry("https://w3id.org/conflictkg/id/actor/y", "Person", "عبدالله الآخر", "Y",
                           ("عبدالله الآخر",), ())
    matcher = CatalogueMatcher([person, other])
    text = f"وقال {written} الفلاني إن {written} الآخر غادر."
    found = [(m.entry.iri.rsplit("/", 1)[-1], text[m.begin:m.end]) for m in matcher.find(fold_with_offsets(text))]
    assert found == [("x", f"{written} الفلاني"), ("y", f"{written} الآخر")]


def test_every_name_join_word_gives_both_spellings():
    from conflictkg.nlp.entities import spellings
    from conflictkg.nlp.lexicon import words
    from conflictkg.nlp.normalize import fold
    for join in map(fold, words("name_joins.tsv")):
        assert set(spellings((join, "كريم", "الاسم"))) == {(join, "كريم", "الاسم"), (join + "كريم", "الاسم")}


# ---------------------------------------------------------------------- names in Latin letters
def _latin_names():
    import re

    from conflictkg.catalogue import load_catalogue

    return [(entry.iri, name) for entry in load_catalogue() for name in entry.names_ar
            if re.fullmatch("[A-Z]{3,6}", name)]


@pytest.mark.parametrize("iri, name", _latin_names(), ids=lambda value: value.rsplit("/", 1)[-1])
def test_a_name_the_press_writes_in_latin_letters_is_matched(iri, name):
    import datetime as dt

    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article

    extraction = Extractor().extract(Article(id="t", text=f"وقال مصدر مطلع لـ{name} إن المفاوضات توقفت.",
                                             published=dt.date(2018, 7, 24)))
    assert iri in {mention.entity for mention in extraction.mentions}, name


def test_latin_names_are_catalogued():
    assert {name for _, name in _latin_names()} >= {"CNN", "BBC", "PKK"}




@pytest.mark.parametrize("row", lexicon("context_cues.tsv"), ids=lambda row: row.note)
def test_every_context_cue_names_the_ambiguous_name_after_it(row):
    text = f"وقال مراسل {row.cue} العربية إن القصف استمر."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).mentions
    assert any(m.entity.endswith("/al-arabiya") for m in found), row.cue


def test_an_ambiguous_name_after_another_word_is_not_read():
    text = "وقال المراسل باللغة العربية إن القصف استمر."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).mentions
    assert not any(m.entity.endswith("/al-arabiya") for m in found)


@pytest.mark.parametrize("text, named", [
    ("ويواصل الجيش العمليات العسكرية في دوما آخر معقل للمعارضة بالمنطقة.", True),   # Douma is in Syria
    ("وقالت المعارضة إن الحكومة رفضت الحوار.", False),                            # no place in Syria
])
def test_the_opposition_is_syrian_where_the_article_names_a_place_in_syria(text, named):
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).mentions
    assert any(m.entity.endswith("/syrian-opposition") for m in found) == named


@pytest.mark.parametrize("row", lexicon("name_word_variants.tsv"), ids=lambda row: row.word)
def test_every_word_of_a_name_is_matched_as_each_of_its_variants(row) -> None:
    from conflictkg.nlp.entities import spellings
    group = {fold(r.word) for r in lexicon("name_word_variants.tsv") if r.group == row.group}
    assert {s[1] for s in spellings(("وكاله", fold(row.word)))} == group


@pytest.mark.parametrize("text, entity", [
    ("وقال مسؤول في وكالة الاستخبارات المركزية الأمريكية إن", "actor/cia"),
    ("وقالت منظمة حظر الأسلحة الكيماوية إن المفتشين وصلوا", "actor/opcw"),
])
def test_a_catalogue_name_written_with_a_variant_word_is_found(nlp, text, entity) -> None:
    assert "https://w3id.org/conflictkg/id/" + entity in {m.entity for m in nlp(text)._.mentions}


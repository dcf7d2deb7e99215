"""A state's bodies named by a head noun and a nationality (national_bodies.tsv), on sentences
written for the tests."""
from __future__ import annotations

import pytest

from conflictkg.nlp.lexicon import lexicon
from conflictkg.nlp.pipeline import make_pipeline

ID = "https://w3id.org/conflictkg/id/"
NORWAY = ID + "place/norway"


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def mentions_of(nlp, text: str) -> list:
    return [m for m in nlp(text)._.mentions if m.kind == "actor"]


def norwegian(agreement: str) -> str:
    return "النرويجية" if agreement == "feminine" else "النرويجي"


@pytest.mark.parametrize("row", lexicon("national_bodies.tsv"), ids=lambda row: row.head)
def test_every_head_with_a_nationality_names_that_countrys_body(nlp, row) -> None:
    phrase = f"{row.head} {norwegian(row.agreement)}"
    found = mentions_of(nlp, f"وأكدت {phrase} في بيان صدر مساء أمس أن الوضع هادئ")
    # an act's head ("الدعم النرويجي") is no part of the mention: the adjective names the state
    assert [m.span.text for m in found] == [norwegian(row.agreement) if row.mention == "adjective" else phrase]
    if row.entity_class == "Country":
        assert (found[0].entity, found[0].minted) == (NORWAY, False)
    else:
        assert (found[0].entity_class, found[0].label, found[0].minted) == (row.entity_class, phrase, True)


@pytest.mark.parametrize("row", lexicon("national_bodies.tsv"), ids=lambda row: row.head)
def test_a_head_without_a_nationality_mints_nothing(nlp, row) -> None:
    found = mentions_of(nlp, f"وأكدت {row.head} المحلية في بيان صدر مساء أمس أن الوضع هادئ")
    assert not [m for m in found if m.minted]


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية النرويجي في مؤتمر صحفي إن بلاده تدعم الحل",     # the minister, not a ministry
    "وقال وزير الدفاع النرويجي إن الطائرات عادت",
    "قالت الشرطة إن التحقيق مستمر",                                      # whose police: not said
    "وقالت الشرطة، النرويجية المنشأ، إن",                               # punctuation between
])
def test_no_body_without_an_agreeing_adjective_right_after_its_head(nlp, text) -> None:
    assert not [m for m in mentions_of(nlp, text) if m.minted and m.entity_class != "Person"]


def test_one_body_whichever_way_the_adjective_and_the_head_are_spelt(nlp) -> None:
    found = mentions_of(nlp, "ذكرت الاستخبارات الأميركية أن المخابرات الأمريكية حذرت الشرطة الفرنسية")
    assert [m.span.text for m in found] == ["الاستخبارات الأميركية", "المخابرات الأمريكية", "الشرطة الفرنسية"]
    assert found[0].entity == found[1].entity != found[2].entity


def test_proclitics_are_not_part_of_the_body(nlp) -> None:
    found = mentions_of(nlp, "وجهت رسالة للشرطة النرويجية وبالحكومة النرويجية ولوزارة الصحة النرويجية")
    assert [m.span.text for m in found] == ["لشرطة النرويجية", "الحكومة النرويجية", "وزارة الصحة النرويجية"]
    assert [m.label for m in found] == ["الشرطة النرويجية", "الحكومة النرويجية", "وزارة الصحة النرويجية"]


def test_a_catalogue_name_as_long_wins(nlp) -> None:
    found = mentions_of(nlp, "وقال الجيش السوري إن وحداته تقدمت")
    assert [(m.span.text, m.entity, m.minted) for m in found] == [
        ("الجيش السوري", ID + "actor/syrian-government-forces", False)]


def test_a_shorter_catalogue_name_inside_gives_way(nlp) -> None:
    """"مجلس الأمن" alone is the UN's; in "مجلس الأمن القومي النرويجي" it is not."""
    found = mentions_of(nlp, "واجتمع مجلس الأمن القومي النرويجي أمس")
    assert [(m.span.text, m.minted) for m in found] == [("مجلس الأمن القومي النرويجي", True)]


def test_a_phrase_references_resolve_is_left_to_them(nlp) -> None:
    found = mentions_of(nlp, "وأعادت الاتفاقية سيطرة الحكومة السورية على البلدة")
    assert [m.entity for m in found] == [ID + "actor/syrian-government-forces"]


def test_the_authorities_of_a_country_are_the_country_as_an_actor(nlp) -> None:
    found = mentions_of(nlp, "وقالت السلطات التركية إنها أوقفت المشتبه به")
    assert [(m.span.text, m.entity, m.kind) for m in found] == [("السلطات التركية", ID + "place/turkey", "actor")]


def test_a_body_is_the_organisation_a_title_names(nlp) -> None:
    doc = nlp("وقال رئيس البرلمان النرويجي كارل هانسن إن الجلسة تأجلت")
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [m.span.text for m in people] == ["كارل هانسن"]
    assert [a.kind for a in doc._.allegiances] == ["LedBy"]


# ------------------------------------------------------------------ indefinite and joined bodies
def _indefinite(row) -> str | None:
    """A head of national_bodies.tsv whose every word has the article, written without it."""
    heads = row.head.split()
    return " ".join(w[2:] for w in heads) if all(w.startswith("ال") for w in heads) else None


INDEFINITE = [row for row in lexicon("national_bodies.tsv") if _indefinite(row) and row.entity_class != "Country"]


@pytest.mark.parametrize("row", INDEFINITE, ids=lambda row: row.head)
def test_an_indefinite_head_and_nationality_name_the_same_body(nlp, row) -> None:
    adjective = norwegian(row.agreement)[2:]
    found = mentions_of(nlp, f"وانتشرت {_indefinite(row)} {adjective} في الشمال، ثم انسحبت {row.head} {norwegian(row.agreement)}")
    assert len(found) == 2 and found[0].entity == found[1].entity, [m.span.text for m in found]


@pytest.mark.parametrize("text", [
    "وهاجمت قوات نرويجية مدعومة من الحلفاء البلدة",    # more words say whose forces
    "وانتشرت قوات نرويجية خاصة في الشمال",              # an indefinite word after: unsure
    "وانتشرت قوات النرويجية في الشمال",                 # definiteness does not agree
    "وانتشرت القوات نرويجية في الشمال",
])
def test_no_indefinite_body_where_the_phrase_goes_on_or_disagrees(nlp, text) -> None:
    assert not [m for m in mentions_of(nlp, text) if m.minted]


def test_an_indefinite_body_is_the_catalogue_s_when_it_names_the_definite_one(nlp) -> None:
    found = mentions_of(nlp, "وانتشرت شرطة عسكرية روسية في البلدة")
    assert [(m.span.text, m.entity, m.minted) for m in found] == [
        ("شرطة عسكرية روسية", ID + "actor/russian-military-police", False)]


@pytest.mark.parametrize("text, first, second", [
    ("وقالت الشرطة النرويجية والدنماركية إن التحقيق مستمر", "الشرطة النرويجية", "الشرطة الدنماركية"),
    ("وانتشرت قوات نرويجية ودنماركية في الشمال", "قوات نرويجية", "قوات دنماركية"),   # labelled as written
])
def test_a_nationality_joined_to_a_body_s_names_another_state_s_body(nlp, text, first, second) -> None:
    found = mentions_of(nlp, text)
    assert [m.label for m in found] == [first, second]
    assert found[0].entity != found[1].entity
    assert found[1].span.text.startswith("ال") or found[1].span.text.startswith("د")


def test_a_joined_nationality_names_the_catalogue_s_body_when_it_has_one(nlp) -> None:
    found = mentions_of(nlp, "وانتشرت القوات النرويجية والروسية في الشمال")
    assert found[-1].entity == ID + "actor/russian-armed-forces"


def test_a_nationality_that_does_not_agree_is_joined_to_nothing(nlp) -> None:
    found = mentions_of(nlp, "وقالت الشرطة النرويجية والدنماركي إن")   # masculine: not the police's
    assert [m.label for m in found] == ["الشرطة النرويجية"]


@pytest.mark.parametrize("text, states", [
    ("وجرت المحادثات برعاية نرويجية ودنماركية في العاصمة", ["norway", "denmark"]),
    ("ورحب المجلس بالدعم النرويجي للمبادرة", ["norway"]),
    ("وانتقد الوزير الموقف النرويجي من الأزمة", ["norway"]),
])
def test_the_state_behind_an_act_is_named_by_its_adjective(nlp, text, states) -> None:
    found = mentions_of(nlp, text)
    assert [m.entity for m in found] == [ID + "place/" + state for state in states]
    assert all(len(m.span.text.split()) == 1 for m in found)      # the act's noun stays free


@pytest.mark.parametrize("text", [
    "وجرت المحادثات برعاية نرويجية كاملة للطرفين",       # more words qualify the act: unsure
    "ورحب المجلس بالدعم النرويجية",                       # the adjective does not agree
    "ورحب المجلس بالدعم المالي",                          # no nationality
])
def test_no_state_behind_an_act_without_an_agreeing_nationality(nlp, text) -> None:
    assert mentions_of(nlp, text) == []

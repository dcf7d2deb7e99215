"""Resolution in context, on sentences written for the tests."""
from __future__ import annotations

import pytest

from conflictkg.catalogue import CatalogueIndex, catalogue_index, load_catalogue
from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.pipeline import make_pipeline

ID = "https://w3id.org/conflictkg/id/"
SAA = ID + "actor/syrian-government-forces"
IS = ID + "actor/islamic-state"
SOHR = ID + "actor/syrian-observatory-for-human-rights"
OPPOSITION = ID + "actor/syrian-opposition"
RAMI = ID + "actor/rami-abdulrahman"
SYRIA = ID + "place/syria"
DARAA = ID + "place/daraa"
DARAA_GOV = ID + "place/daraa-governorate"
QUNEITRA_GOV = ID + "place/quneitra-governorate"
SOUTH = ID + "place/southern-syria"


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def entity_at(nlp, text: str, phrase: str, occurrence: int = -1) -> str | None:
    """The entity of the mention covering the given occurrence of ``phrase``."""
    starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
    begin = starts[occurrence]
    found = [m.entity for m in nlp(text)._.mentions if m.span.begin <= begin + 2 and begin < m.span.end]
    return found[0] if found else None


# ------------------------------------------------------------------ references.tsv
@pytest.mark.parametrize("text, phrase, expected", [
    ("سيطر تنظيم الدولة الإسلامية على التلال. وهاجم التنظيم الحاجز", "التنظيم", IS),
    ("هاجم تنظيم داعش القرية. وقال التنظيم المتطرف إنه", "التنظيم المتطرف", IS),
    ("تبنى تنظيم داعش الهجوم. وأعلن التنظيم الإرهابي", "التنظيم الإرهابي", IS),
    ("تبنى تنظيم داعش الهجوم. ونشر التنظيم الجهادي", "التنظيم الجهادي", IS),
    ("تبنى تنظيم داعش الهجوم. ونشر التنظيم المتشدد", "التنظيم المتشدد", IS),
    ("قتل خمسة مدنيين بحسب المرصد", "المرصد", SOHR),
    ("وقال إن النظام يحاصر البلدة", "النظام", SAA),
    ("اتهم النظام السوري بقصف البلدة", "النظام السوري", SAA),
    ("قصفت قوات نظام الأسد الحي", "نظام الأسد", SAA),
    ("في سوريا قالت الحكومة إنها", "الحكومة", SAA),
    ("رفضت الحكومة السورية الاتهام", "الحكومة السورية", SAA),
    ("ونفت السلطات السورية الاتهام", "السلطات السورية", SAA),
    ("في سوريا أطلق الجيش صواريخ", "الجيش", SAA),
    ("في سوريا انسحبت الفصائل من البلدة", "الفصائل", OPPOSITION),
    ("في سوريا قالت المعارضة إنها", "المعارضة", OPPOSITION),
    ("في سوريا انسحب المقاتلين المعارضين من البلدة", "المقاتلين المعارضين", OPPOSITION),
    ("في سوريا خرج مقاتلين معارضين من البلدة", "مقاتلين معارضين", OPPOSITION),
    ("في سوريا قال مقاتلون معارضون إن", "مقاتلون معارضون", OPPOSITION),
    ("في سوريا انسحب المسلحين المعارضين من البلدة", "المسلحين المعارضين", OPPOSITION),
    ("في سوريا خرج مسلحين معارضين من البلدة", "مسلحين معارضين", OPPOSITION),
    ("في لبنان قال مقاتلون معارضون إن", "مقاتلون معارضون", None),    # not in Syria: no one known
    ("قصفت الطائرات مدينة درعا، وقال سكان المحافظة إن", "المحافظة", DARAA_GOV),
    ("قصفت الطائرات مدينة درعا، وقال سكان المدينة إن", "المدينة", DARAA),
    ("في سوريا قالت إن طائرات التحالف قصفت البلدة", "طائرات التحالف", ID + "actor/us-led-coalition"),
    ("وأغارت مقاتلات التحالف على مواقع التنظيم", "مقاتلات التحالف", ID + "actor/us-led-coalition"),
    ("قصفت طائرات التحالف العربي بقيادة السعودية صنعاء، ثم عادت مقاتلات التحالف", "مقاتلات التحالف",
     ID + "actor/saudi-led-coalition"),
    ("تبنى تنظيم داعش الهجوم. وأعلن هذا التنظيم", "هذا التنظيم", IS),
    ("انسحب جيش الإسلام من البلدة. وقال الفصيل المعارض إن", "الفصيل", ID + "actor/jaish-al-islam"),
    ("سيطر جيش الإسلام على دوما التي تعد معقل هذا الفصيل", "هذا الفصيل", ID + "actor/jaish-al-islam"),
    ("أعلنت حركة أحرار الشام الانسحاب. وقالت الحركة إن", "الحركة", ID + "actor/ahrar-al-sham"),
    ("قصفت جماعة الحوثي جازان. وقالت الجماعة إن", "الجماعة", ID + "actor/houthis"),
    ("قتل خمسة في قصف. وقالت الحركة إن", "الحركة", None),     # no movement named before: nothing
])
def test_a_reference_resolves_in_context(nlp, text: str, phrase: str, expected: str) -> None:
    assert entity_at(nlp, text, phrase) == expected


def test_every_reference_row_is_tested() -> None:
    tested = {"التنظيم", "التنظيم المتطرف", "التنظيم الإرهابي", "التنظيم الجهادي", "التنظيم المتشدد",
              "المرصد", "النظام", "النظام السوري", "نظام الأسد", "الحكومة", "الحكومة السورية", "الجيش",
              "الفصائل", "المعارضة", "المقاتلين المعارضين", "مقاتلين معارضين",
              "مقاتلون معارضون", "المسلحين المعارضين", "مسلحين معارضين", "المحافظة", "المدينة", "البلدة", "القرية", "المخيم",
              "طائرات التحالف", "مقاتلات التحالف", "هذا التنظيم", "الفصيل", "هذا الفصيل", "الحركة", "الجماعة",
              "السلطات السورية"}
    assert set(words("references.tsv")) <= tested


@pytest.mark.parametrize("cue, reference", [("بلدة", "البلدة"), ("قرية", "القرية"), ("مخيم", "المخيم")])
def test_a_place_reference_is_the_place_named_before(nlp, cue: str, reference: str) -> None:
    text = f"قصفت الطائرات {cue} عين الزرزور، وفر سكان {reference} إلى الحقول"
    doc = nlp(text)
    minted = [m for m in doc._.mentions if m.minted]
    assert len(minted) == 2 and minted[0].entity == minted[1].entity
    assert minted[1].span.text == reference


def test_the_army_is_the_army_named_last(nlp) -> None:
    text = "قصف الجيش التركي القرية. وقال الجيش إنه دمر أهدافا"
    assert entity_at(nlp, text, "الجيش", 1) != SAA


def test_a_reference_followed_by_a_nisba_adjective_names_something_else(nlp) -> None:
    """Not the Syrian government the bare reference would be: Iraq's (national_bodies.tsv)."""
    text = "في سوريا وقالت الحكومة العراقية إن"
    mention = next(m for m in nlp(text)._.mentions if m.span.text == "الحكومة العراقية")
    assert mention.entity != SAA and mention.minted


def test_the_fallback_needs_its_context(nlp) -> None:
    assert entity_at(nlp, "قالت الحكومة إن الانتخابات ستجري", "الحكومة") is None


# ------------------------------------------------------------------ governorates and capitals
@pytest.mark.parametrize("text, phrase, expected", [
    ("قصفت الطائرات درعا أمس", "درعا", DARAA),
    ("قصفت الطائرات مدينة درعا أمس", "درعا", DARAA),
    ("قصفت الطائرات ريف درعا أمس", "درعا", DARAA_GOV),
    ("قصفت الطائرات محافظة درعا أمس", "درعا", DARAA_GOV),
    ("في ريف درعا الشرقي", "درعا", DARAA_GOV),
    ("سيطرت القوات على محافظتي درعا والقنيطرة", "درعا", DARAA_GOV),
    ("سيطرت القوات على محافظتي درعا والقنيطرة", "القنيطرة", QUNEITRA_GOV),
    ("عادت المؤسسات إلى مدن وبلدات درعا", "درعا", DARAA_GOV),
])
def test_a_capital_or_its_governorate(nlp, text: str, phrase: str, expected: str) -> None:
    assert entity_at(nlp, text, phrase) == expected


@pytest.mark.parametrize("word", words("governorate_cues.tsv"))
def test_every_governorate_cue_scopes_the_capital(nlp, word) -> None:
    assert entity_at(nlp, f"قصفت الطائرات {word} درعا أمس", "درعا") == DARAA_GOV


def test_every_governorate_has_a_capital_in_the_catalogue() -> None:
    index = CatalogueIndex(load_catalogue())
    syria = next(e.iri for e in load_catalogue() if e.iri.endswith("/place/syria"))
    governorates = {e.iri for e in load_catalogue() if e.entity_class == "Governorate" and syria in index.enclosing(e.iri)}
    with_capital = set(index.governorate_of_capital.values())
    # Rif Dimashq has no capital of its own name; every other governorate of Syria does (the
    # regional gazetteer's may not: محافظة إب, whose city is only "مدينة إب").
    assert len(governorates - with_capital) <= 1


@pytest.mark.parametrize("text", ["في جنوب سوريا", "في الجنوب السوري"])
def test_southern_syria_is_the_region_and_not_also_syria(nlp, text: str) -> None:
    assert [m.entity for m in nlp(text)._.mentions] == [SOUTH]


@pytest.mark.parametrize("text, is_syria", [
    ("شنت طائرات سورية روسية غارات", False),
    ("عاد اللاجئون إلى سورية", True),
    ("قال إن سورية ترفض", True),
])
def test_suriya_after_a_noun_is_the_adjective(nlp, text: str, is_syria: bool) -> None:
    assert (SYRIA in [m.entity for m in nlp(text)._.mentions]) is is_syria


# ------------------------------------------------------------------ people and organisations
def test_a_director_leads_the_organisation(nlp) -> None:
    doc = nlp("وقال مدير المرصد رامي عبد الرحمن إن القصف مستمر")
    assert [(a.source, a.kind, a.target) for a in doc._.allegiances] == [(SOHR, "LedBy", RAMI)]
    assert doc._.allegiances[0].evidence[0].text == "مدير المرصد رامي عبد الرحمن"


def test_a_named_commander_is_a_member_and_is_minted(nlp) -> None:
    doc = nlp("وأكد سالم عبد الله القيادي البارز في المعارضة المسلحة أن")
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [(p.span.text, p.minted) for p in people] == [("سالم عبد الله", True)]
    assert [(a.source, a.kind, a.target) for a in doc._.allegiances] == [(people[0].entity, "MemberOf", OPPOSITION)]


@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order != "role-person" and r.kind != "-"],
                         ids=lambda r: r.role)
def test_every_role_links_a_person(nlp, row) -> None:
    role, kind, order = row.role, row.kind, row.order
    party = SOHR
    if order == "role-org-person":
        text = f"وقال {role} المرصد سالم عبد الله إن"
    elif order == "person-role-org":
        text = f"وقال سالم عبد الله {role} في المرصد إن"
    else:
        text, party = f"وقال {role} الأردني سالم عبد الله إن", ID + "place/jordan"
    facts = nlp(text)._.allegiances
    assert [a.kind for a in facts] == [kind]
    assert party in (facts[0].source, facts[0].target)


@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order == "role-person"],
                         ids=lambda r: r.role)
def test_every_occupation_names_a_person_and_no_allegiance(nlp, row) -> None:
    doc = nlp(f"وقال {row.role} السوري سالم عبد الله إن القصف استمر")
    assert [(m.span.text, m.entity_class) for m in doc._.mentions if m.minted] == [("سالم عبد الله", "Person")]
    assert doc._.allegiances == []


@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order == "role-person"],
                         ids=lambda r: r.role)
def test_an_occupation_in_an_organisation_makes_the_person_its_member(nlp, row) -> None:
    facts = nlp(f"وقال {row.role} في المرصد سالم عبد الله إن القصف استمر")._.allegiances
    assert [(a.kind, a.target) for a in facts] == [("MemberOf", SOHR)], row.role


@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order == "role-person"],
                         ids=lambda r: r.role)
def test_a_rank_or_occupation_between_a_title_s_body_and_the_name_keeps_the_allegiance(nlp, row) -> None:
    doc = nlp(f"وقال المتحدث باسم المرصد السوري لحقوق الإنسان {row.role} سالم عبد الله إن القصف استمر")
    people = [m for m in doc._.mentions if m.minted]
    assert [p.span.text for p in people] == ["سالم عبد الله"], row.role
    assert [(a.source, a.kind, a.target) for a in doc._.allegiances] == [(people[0].entity, "MemberOf", SOHR)]


@pytest.mark.parametrize("text", [
    "وقال الصحفي إن القصف استمر",                  # no name
    "وقال الباحث في المرصد إن القصف استمر",          # an organisation, but no name
    "وأسقطت المقاتلة الروسية سو-24 فوق المدينة",   # a fighter jet, not a fighter
])
def test_an_occupation_with_no_name_after_it_names_nobody(nlp, text) -> None:
    assert not [m for m in nlp(text)._.mentions if m.minted]


@pytest.mark.parametrize("text, kind", [
    ("وقال سالم عبد الله، مدير المرصد، إن", "LedBy"),          # the title set off by a comma
    ("وقالت سلمى عبد الله، المتحدثة باسم المرصد، إن", "MemberOf"),
])
def test_a_title_after_the_name_and_a_comma_links_the_person(nlp, text, kind) -> None:
    facts = nlp(text)._.allegiances
    assert [a.kind for a in facts] == [kind] and SOHR in (facts[0].source, facts[0].target)


def test_a_comma_before_the_title_sets_off_a_name_not_any_word(nlp) -> None:
    assert nlp("وأعلنت الحكومة، المتحدث باسم المرصد، أمس")._.allegiances == []


@pytest.mark.parametrize("row", lexicon("nationalities.tsv"), ids=lambda r: r.adjective)
def test_every_nationality_makes_a_title_holder_a_member_of_its_country(nlp, row) -> None:
    for adjective in (f"ال{row.adjective}", f"ال{row.adjective}ة"):
        facts = nlp(f"وقالت وزيرة الخارجية {adjective} سلمى عبد الله إن")._.allegiances
        assert [(a.kind, a.target) for a in facts] == [("MemberOf", ID + row.country)], adjective


@pytest.mark.parametrize("text, facts", [
    ("وقال وزير الطاقة الإسرائيلي سالم عبد الله إن", [("MemberOf", "place/israel")]),
    ("وقال الرئيس التركي سالم عبد الله إن", [("LedBy", "place/turkey")]),
    ("وقال الرئيس إن الجيش سيواصل", []),                  # no nationality: whose president?
    ("وقال الرئيس السوري إن الجيش سيواصل", []),           # no name
    ("وقال وزير الخارجية في الحكومة سالم عبد الله إن", []),  # not a nationality
])
def test_a_national_title_links_only_a_named_person(nlp, text, facts) -> None:
    found = nlp(text)._.allegiances
    assert [(a.kind, (a.target if a.kind == "MemberOf" else a.source).removeprefix(ID)) for a in found] == facts


@pytest.mark.parametrize("word", words("reporting_verbs.tsv"))
def test_a_reporting_verb_is_not_part_of_the_name(nlp, word) -> None:
    doc = nlp(f"و{word} سالم عبد الله القيادي في المعارضة المسلحة إن")
    assert [m.span.text for m in doc._.mentions if m.entity_class == "Person"] == ["سالم عبد الله"]


def test_allegiances_of_other_components_are_kept(nlp) -> None:
    doc = nlp.make_doc("وقال مدير المرصد رامي عبد الرحمن إن")
    sentinel = object()
    doc._.allegiances = [sentinel]
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert doc._.allegiances[0] is sentinel and len(doc._.allegiances) >= 2


def test_no_person_is_minted_without_a_boundary_before_the_name(nlp) -> None:
    doc = nlp("نقلت تصريحات سالم عبد الله القيادي في المعارضة المسلحة")
    assert not [m for m in doc._.mentions if m.entity_class == "Person"]


def test_one_catalogue_index_serves_matching_references_and_facts():
    from conflictkg.nlp.context import catalogue_entry, enclosing_places

    index = catalogue_index()
    assert index is catalogue_index()
    nawa = index.entry("place/nawa")
    assert catalogue_entry(nawa.iri) is nawa
    assert enclosing_places(nawa.iri) == index.enclosing(nawa.iri)[1:] and enclosing_places(nawa.iri)
    with pytest.raises(KeyError, match="no catalogue entry named 'place/atlantis'"):
        index.entry("place/atlantis")


@pytest.mark.parametrize("word", words("title_links.tsv"))
def test_every_title_link_joins_a_role_to_its_organisation(nlp, word) -> None:
    facts = nlp(f"وقال سالم عبد الله المسؤول {word} المرصد إن")._.allegiances
    assert [(a.kind, a.target) for a in facts] == [("MemberOf", SOHR)]


@pytest.mark.parametrize("text, party", [
    ("وقال نائب وزير الخارجية الروسي، سالم عبد الله إن", ID + "place/russia"),
    ("وقال الناطق باسم المرصد، سالم عبد الله إن", SOHR),
])
def test_a_comma_may_stand_between_a_title_and_the_name(nlp, text, party) -> None:
    facts = nlp(text)._.allegiances
    assert [(a.kind, a.target) for a in facts] == [("MemberOf", party)]


def test_a_comma_then_no_name_links_nobody(nlp) -> None:
    assert nlp("وقال الرئيس السوري، إن الجيش سيواصل")._.allegiances in (None, [])


def test_a_fallback_holds_when_its_condition_is_named_later_in_the_article():
    """"المعارضة" is the Syrian opposition in an article that names Syria or a place in it,
    before or after; in one that names neither it is no one in particular."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "قصفت الطائرات بلدة دوما التي تقع تحت سيطرة مسلحي المعارضة. وتتواصل المعارك في سوريا."
    mentions = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 4, 10))).mentions
    assert "https://w3id.org/conflictkg/id/actor/syrian-opposition" in {m.entity for m in mentions}
    alone = "قصفت الطائرات بلدة في الشمال تقع تحت سيطرة مسلحي المعارضة."
    mentions = Extractor().extract(Article(id="t", text=alone, published=dt.date(2018, 4, 10))).mentions
    assert "https://w3id.org/conflictkg/id/actor/syrian-opposition" not in {m.entity for m in mentions}


@pytest.mark.parametrize("text, expected", [
    ("في تطور يعزز سيطرة نظام الرئيس بشار الأسد على المنطقة.", ("syria", "LedBy", "bashar-al-assad")),
    ("غداة تصريحات للرئيس بشار الأسد هدد فيها باستخدام القوة.", ("syria", "LedBy", "bashar-al-assad")),
    ("وهو منافس شرس للرئيس أردوغان في الانتخابات.", ("turkey", "LedBy", "recep-tayyip-erdogan")),
])
def test_a_title_without_nationality_before_a_known_person_is_his_office_in_his_state(text, expected):
    """The state comes from the catalogue (the person's ck:memberOf a Country)."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 6, 1))).allegiances
    assert expected in {(a.source.rsplit("/", 1)[-1], a.kind, a.target.rsplit("/", 1)[-1]) for a in found}


def test_a_title_before_an_unknown_person_without_nationality_says_nothing():
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "وقال الرئيس فلان الفلاني إن الوضع هادئ."
    assert not Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 6, 1))).allegiances


def test_a_title_names_the_catalogue_person_its_words_already_name():
    """The name after a title is a catalogue person matched by part of it ("ماتيس"): the
    allegiance is his, never a minted person the graph does not hold."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "وقال وزير الدفاع الأمريكي جيم ماتيس إن القوات باقية."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 4, 15)))
    held = {m.entity for m in found.mentions}
    assert found.allegiances and all(a.source in held for a in found.allegiances)
    assert found.allegiances[0].source.endswith("/james-mattis")


@pytest.mark.parametrize("text", [
    "وقال مدير المرصد في لندن سالم عبد الله إن القصف استمر",
    "وقال ممثل المرصد في سوريا سالم عبد الله إن القصف استمر",
])
def test_the_place_of_a_post_may_stand_between_the_organisation_and_the_person(nlp, text) -> None:
    doc = nlp(text)
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [p.span.text for p in people] == ["سالم عبد الله"]
    assert [(a.target if a.kind == "MemberOf" else a.source) for a in doc._.allegiances] == [SOHR]


def test_a_place_towards_which_is_no_post(nlp) -> None:
    assert nlp("وقال مدير المرصد إلى دمشق سالم عبد الله إن")._.allegiances == []


# ------------------------------------------------------------------ a definite family name
@pytest.mark.parametrize("text, name", [
    ("وقال رئيس البرلمان النرويجي عاطف الخالدي، إن الجلسة تأجلت", "عاطف الخالدي"),
    ("ويرى العميد المتقاعد سامر الحمدان أن الهدنة هشة", "سامر الحمدان"),
    ("وقال الكاتب محمد العلي في مقال نشره أمس", "محمد العلي"),
])
def test_a_name_may_end_in_a_definite_family_name(nlp, text, name) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"] == [name]


@pytest.mark.parametrize("text", [
    "وقال الصحفي أحمد مظهر السوري إن",          # a nationality is no family name
    "التقى الصحفي أحمد الحسن وزيرا سابقا",      # no boundary after the definite word
    "وقال اللواء الخامس إن مقاتليه تقدموا",      # a rank's word alone, or a brigade
    "وقال العميد إن القوات تقدمت",               # a title with no name after it
])
def test_no_person_is_read_into_a_definite_word_that_does_not_end_a_name(nlp, text) -> None:
    people = [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"]
    assert not [p for p in people if p.split()[-1].startswith("ال")]


# ------------------------------------------------------------------ where a name ends
@pytest.mark.parametrize("text, name", [
    # a first name that folds like a preposition (علي / على) is still a name
    ("وصرح الطبيب علي الزعبي في حديث للصحفيين", "علي الزعبي"),
    ("وقالت الباحثة علياء مراد على هامش المؤتمر", "علياء مراد"),
    # another mention ends the name: the outlet is not part of it
    ("ويقول الباحث كمال أبو سعد لسكاي نيوز عربية إن الأزمة طويلة", "كمال أبو سعد"),
    # a verb of what befell someone ends the name
    ("وذكرت الناشطة ليلى حداد أن المصورة الفنلندية هانا كورهونن قتلت في غارة", "هانا كورهونن"),
    ("وقال الصحفي رامي نصار أصيب في القصف", "رامي نصار"),
    # a definite word behind و starts a phrase of its own; two joined titles
    ("بحسب الكاتب والباحث الأردني فادي منصور والمقيم في عمان", "فادي منصور"),
])
def test_a_name_ends_where_another_phrase_begins(nlp, text, name) -> None:
    people = [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"]
    assert name in people
    assert all(len(p.split()) <= len(name.split()) for p in people if name in p)


@pytest.mark.parametrize("text", [
    "وقال الطبيب على الهاتف إن المصابين كثر",         # على is the preposition here
    "وأضاف الكاتب والمحلل السياسي أن الحل بعيد",      # joined titles, no name
    "وقال الباحث بالمركز إن الدراسة اكتملت",           # a preposition on a definite word
])
def test_no_person_is_read_where_the_words_are_no_name(nlp, text) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"] == []


# ------------------------------------------------------------------ titles of bodies and places the graph does not know
@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order == "role-org-person" and r.kind == "-"],
                         ids=lambda r: r.role)
def test_every_local_office_names_its_holder_and_no_allegiance(nlp, row) -> None:
    doc = nlp(f"وقال {row.role} قضاء الشيخ مسكين، سالم عبد الله، إن الطرق مقطوعة")
    assert [m.span.text for m in doc._.mentions if m.minted] == ["سالم عبد الله"]
    assert doc._.allegiances == []


@pytest.mark.parametrize("text, name", [
    ("وصرح المتحدث باسم الكتيبة حازم الصالح بأن الهجوم صد", "حازم الصالح"),
    ("وقال مدير ناحية الصفا، نادر الخطيب، إن الأهالي نزحوا", "نادر الخطيب"),
    ("وأوضح رئيس مجلس الأعيان فهد منصور في بيان أن", "فهد منصور"),
    ("وقالت مديرة جمعية الهلال للتنمية الريفية، سلوى يوسف، إن", "سلوى يوسف"),
    ("وقال ممثل المفوضية في سوريا سجاد مالك إن القافلة وصلت", "سجاد مالك"),      # the post's place between
    # words of the body's name that read like a name, set off from the person by a comma or the post
    ("وقال منسق الدبلوماسية الأميركية لمكافحة الإرهاب، ناثان سيلز، للصحافيين إن", "ناثان سيلز"),
    ("وقال ممثل مفوضية المتحدة لشؤون اللاجئين في سوريا سجاد مالك إن القافلة وصلت", "سجاد مالك"),
])
def test_a_title_before_a_body_the_graph_does_not_know_still_names_the_person(nlp, text, name) -> None:
    doc = nlp(text)
    assert [m.span.text for m in doc._.mentions if m.minted and m.entity_class == "Person"] == [name]
    assert doc._.allegiances == []


@pytest.mark.parametrize("text", [
    "وقال مدير المستشفى إن الجرحى كثر",                 # no name after the body
    "وقال رئيس البلدية في بيان إن المياه قطعت",          # a preposition, not a name
    "وأكد مدير المكتب 12 حالة جديدة",                    # a number
    "وقال قائد الكتيبة، إن الهجوم صد",                  # a comma and no name
])
def test_a_title_before_an_unknown_body_names_nobody_without_a_name(nlp, text) -> None:
    assert [m for m in nlp(text)._.mentions if m.minted and m.entity_class == "Person"] == []


@pytest.mark.parametrize("text, name, country", [
    ("وكان فريد حداد، السفير الكندي لدى الأردن، قد قال", "فريد حداد", "canada"),
    ("وقال ليو يانغ، وزير الخارجية الصيني، إن بلاده", "ليو يانغ", "china"),
    ("وقال جون سميث، رئيس وزراء كندا، إن", "جون سميث", "canada"),
])
def test_a_name_set_off_before_a_title_with_a_nationality_is_that_state_s(nlp, text, name, country) -> None:
    doc = nlp(text)
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [p.span.text for p in people] == [name]
    assert [(a.source, a.kind, a.target) for a in doc._.allegiances] == [
        (people[0].entity, "MemberOf", ID + "place/" + country)]


def test_a_country_named_after_a_title_is_its_state(nlp) -> None:
    doc = nlp("وقال وزير خارجية كندا جون سميث إن")
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [p.span.text for p in people] == ["جون سميث"]
    assert [(a.kind, a.target) for a in doc._.allegiances] == [("MemberOf", ID + "place/canada")]


@pytest.mark.parametrize("text, name", [
    ("وقال سمير داود، المستشار السابق في الحكومة، إن", "سمير داود"),
    ("وكان كريم سالم، المتحدث باسم اللجنة، قد أعلن", "كريم سالم"),
])
def test_a_name_set_off_before_a_title_names_the_person(nlp, text, name) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"] == [name]


@pytest.mark.parametrize("text", [
    "وفي مدينة حلب، مدير المستشفى قال إن",               # a place before the comma, not a person
    "وقال التقرير، المستشار السابق في الحكومة، إن",      # a definite word is no name
    "وقال سمير داود المستشار السابق إن",                # no comma: no apposition
])
def test_no_name_is_set_off_where_the_words_before_are_no_name(nlp, text) -> None:
    minted = [m.span.text for m in nlp(text)._.mentions if m.minted and m.entity_class == "Person"]
    assert minted == []


# ------------------------------------------------------------------ a name before an age
@pytest.mark.parametrize("row", [r for r in lexicon("person_roles.tsv") if r.order == "person-age"],
                         ids=lambda r: r.role)
def test_every_unit_of_age_names_the_person_before_it(nlp, row) -> None:
    doc = nlp(f"وأفرجت السلطات عن سامي الحوراني (19 {row.role}) بعد شهر من اعتقاله")
    assert [m.span.text for m in doc._.mentions if m.minted and m.entity_class == "Person"] == ["سامي الحوراني"]
    assert doc._.allegiances == []


@pytest.mark.parametrize("text, name", [
    ("وقالت هالة منصور (40 عاما) إن بيتها دمر", "هالة منصور"),
    ("واعتقلت الشرطة الممرض كريم يوسف داود (35 عاما) أمس", "كريم يوسف داود"),
])
def test_an_age_in_brackets_names_the_whole_name_before_it(nlp, text, name) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.minted and m.entity_class == "Person"] == [name]


@pytest.mark.parametrize("text", [
    "وأصيب طفل (12 عاما) في القصف",                       # one word: no name
    "ووصل سامي الحوراني (19) إلى المستشفى",                # a number with no unit of age
    "وقد استقبل سامي (19 عاما) الوفد",                    # one name word after a verb behind و
    "وغادر البلدة، سامي الحوراني (19 عاما) وعائلته",       # after punctuation: where it starts is unsure
    "واستمر حصار المدينة (5 سنوات) دون انقطاع",             # the years of a siege: no person
])
def test_no_person_is_read_before_an_age_where_no_name_is_sure(nlp, text) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.minted and m.entity_class == "Person"] == []


@pytest.mark.parametrize("word", ["عشية", "غداة", "قبيل", "بعيد", "إثر", "عقب", "حين", "عندما", "ضمن"])
def test_a_time_word_after_a_name_ends_it(nlp, word) -> None:
    doc = nlp(f"وقال وزير الخارجية النرويجي ماهر الخطيب {word} الاجتماع إن")
    assert [m.span.text for m in doc._.mentions if m.entity_class == "Person"] == ["ماهر الخطيب"]


# ------------------------------------------------------------------ lists of people after a title
@pytest.mark.parametrize("text, names", [
    ("ووقع النواب جمال حداد، وسهى ناصر، وكريم عواد وآخرون، على الرسالة", ["جمال حداد", "سهى ناصر", "كريم عواد"]),
    ("واعتقلت السلطات الصحفيين رامي سلوم، وهادي الأحمد أمس", ["رامي سلوم", "هادي الأحمد"]),
    ("وقال الكاتب فادي منصور، ونادر سليم، إن", ["فادي منصور", "نادر سليم"]),
])
def test_people_joined_after_a_title_are_each_named(nlp, text, names) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"] == names


def test_only_an_occupation_names_a_list(nlp) -> None:
    """A title of office names one holder: the next person joined by و holds his own
    ("وزير الخارجية النرويجي X، وY" is no list of Norway's ministers)."""
    doc = nlp("وقال وزير الخارجية النرويجي سالم عبد الله، وكريم عواد، إن")
    people = [m for m in doc._.mentions if m.entity_class == "Person"]
    assert [p.span.text for p in people] == ["سالم عبد الله"]
    assert [a.source for a in doc._.allegiances] == [people[0].entity]


@pytest.mark.parametrize("text, name", [
    ("وأصيب الضابط السابق والجاسوس الروسي فيكتور سيدوف وابنته ماشا في الهجوم", "فيكتور سيدوف"),
    ("وقال الصحفي رامي سلوم وزوجته إن", "رامي سلوم"),
    ("وقال الصحفي رامي سلوم، وزوجته هالة، إن", "رامي سلوم"),   # kinship is no name
])
def test_a_name_does_not_run_on_past_and(nlp, text, name) -> None:
    assert [m.span.text for m in nlp(text)._.mentions if m.entity_class == "Person"] == [name]


# ------------------------------------------------------------------ words no person's name is made of
def _minted_people(affiliations, text):
    from conflictkg.nlp.normalize import fold_with_offsets
    mentions, _ = affiliations.resolve(fold_with_offsets(text), text, [])
    return [m.span.text for m in mentions if m.minted]


@pytest.fixture(scope="module")
def affiliations_with_and_without_common_words():
    import copy

    from conflictkg.nlp.references import PersonAffiliations
    with_list = PersonAffiliations.from_data()
    without = copy.copy(with_list)
    without.common_words = frozenset()
    return with_list, without


@pytest.mark.parametrize("row", lexicon("person_name_rejects.tsv"), ids=lambda row: row.word)
def test_a_common_word_is_never_read_as_a_person_s_name(affiliations_with_and_without_common_words, row):
    with_list, without = affiliations_with_and_without_common_words
    # as a name's last word, or as its first ("وراجمات الصواريخ" after a title)
    texts = [f"وقال الناشط سالم {row.word} إن القصف استمر", f"وقال الناشط {row.word} الخطيب إن القصف استمر"]
    read = [text for text in texts if any(row.word in name for name in _minted_people(without, text))]
    assert read, row.word                        # without the row, the words are read as a name
    assert not any(row.word in name for text in read for name in _minted_people(with_list, text)), row.word


def test_a_name_of_rare_words_is_still_read():
    from conflictkg.nlp.references import PersonAffiliations
    assert _minted_people(PersonAffiliations.from_data(), "وقال الناشط سالم الخطيب إن القصف استمر") == ["سالم الخطيب"]

"""Events: each trigger family, roles, place, date, one event per happening, and what is not
an event (plans, threats, denials, background)."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
GOV, RUSSIA_AIR, IS = ID + "actor/syrian-government-forces", ID + "actor/russian-aerospace-forces", ID + "actor/islamic-state"
OPPOSITION, FSA = ID + "actor/syrian-opposition", ID + "actor/free-syrian-army"
NAWA, DARAA, BOSRA = ID + "place/nawa", ID + "place/daraa", ID + "place/bosra"
TUESDAY = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def events():
    extractor = Extractor()

    def read(text: str, published: dt.date | None = TUESDAY):
        return extractor.extract(Article(id="t", text=text, published=published)).events
    return read


@pytest.mark.parametrize("text, event_type", [
    ("قصفت طائرات حربية روسية بلدة نوى.", "AirStrike"),
    ("شنت الطائرات الحربية غارات على بلدة نوى.", "AirStrike"),
    ("ألقت المروحيات براميل متفجرة على بلدة نوى.", "AirStrike"),
    ("استهدف الطيران المروحي بلدة نوى.", "AirStrike"),
    ("قصفت قوات النظام بالمدفعية بلدة نوى.", "Shelling"),
    ("أطلقت قوات النظام صواريخ أرض-أرض على بلدة نوى.", "Shelling"),
    ("سقوط قذائف هاون على مدينة درعا.", "Shelling"),
    ("انفجرت سيارة مفخخة في مدينة درعا.", "Bombing"),
    ("وقع تفجير انتحاري في مدينة درعا.", "Bombing"),
    ("اندلعت اشتباكات عنيفة في بلدة نوى.", "ArmedClash"),
    ("اقتحمت فصائل المعارضة حي المنشية في مدينة درعا.", "ArmedClash"),
    ("دارت معارك في بلدة نوى.", "ArmedClash"),
    ("سيطرت قوات النظام على بلدة نوى.", "TerritoryTaken"),
    ("استعادت قوات النظام بلدة نوى.", "TerritoryTaken"),
    ("ارتكبت قوات النظام مجزرة في بلدة نوى.", "AttackOnCivilians"),
    ("أعدم تنظيم الدولة الإسلامية خمسة مدنيين في بلدة نوى.", "AttackOnCivilians"),
    ("اختطف مسلحون طبيبا في مدينة درعا.", "Abduction"),
    ("اعتقلت قوات النظام عشرات الشبان في مدينة درعا.", "Arrest"),
    ("بدأت عملية إجلاء المقاتلين من بلدة بصرى الشام.", "Evacuation"),
    ("خرجت دفعة من المقاتلين من بلدة بصرى الشام على متن حافلات.", "Evacuation"),
    ("تسبب القصف في نزوح آلاف المدنيين من بلدة نوى.", "Displacement"),
    ("توصلت قوات النظام إلى اتفاق تسوية مع فصائل المعارضة في بلدة نوى.", "Agreement"),
    ("أعلنت هدنة في مدينة درعا.", "Agreement"),
])
def test_trigger_families(events, text, event_type):
    assert event_type in {e.type for e in events(text)}


def test_every_trigger_fires():
    from conflictkg.nlp.cues import CueLexicon

    for row in lexicon("event_triggers.tsv"):
        form = row.form.replace("*", "")
        assert CueLexicon([row]).find_in(f"قال المصدر إن {form} وقع."), row.form


@pytest.mark.parametrize("row", lexicon("instruments.tsv"), ids=lambda row: row.form)
def test_every_instrument_gives_a_strike_its_kind(events, row):
    kinds = {"air": "AirStrike", "ground": "Shelling", "explosive": "Bombing", "missile": "Shelling"}
    found = events(f"وقصفت {row.form.rstrip('*')} مواقع في بلدة نوى يوم الثلاثاء.")
    assert kinds[row.kind] in [e.type for e in found]


@pytest.mark.parametrize("text, event_type", [
    ("قتل خمسة من عناصر الأمن في هجوم في بلدة نوى.", "ArmedClash"),
    ("وأسفر هجوم بالأسلحة الكيميائية في مدينة دوما عن مقتل 40 شخصا.", "AttackOnCivilians"),
])
def test_an_attack_that_counts_its_dead_is_an_event_of_the_kind_they_tell(events, text, event_type):
    assert [e.type for e in events(text)] == [event_type]


def test_an_attack_spoken_of_without_figures_is_no_event(events):
    assert events("وتعهد القائد بشن هجوم على مدينة إدلب.") == []


@pytest.mark.parametrize("text, place", [
    ("وقسم الهجوم الذي تشنه القوات الحكومية على الغوطة الشرقية المنطقة إلى ثلاثة أجزاء.", "eastern-ghouta"),
    ("وتشن القوات الحكومية منذ 19 حزيران عملية عسكرية في ريف درعا.", "daraa-governorate"),
])
def test_an_offensive_that_names_who_and_where_is_a_clash(events, text, place):
    [event] = events(text)
    assert (event.type, event.initiators, event.location.rsplit("/", 1)[-1]) == \
        ("ArmedClash", [GOV], place)


def test_an_offensive_waged_since_a_day_lasts_from_that_day(events):
    [event] = events("وتشن القوات الحكومية منذ 19 حزيران عملية عسكرية في ريف درعا.")
    assert (event.earliest, event.latest) == (dt.date(2018, 6, 19), TUESDAY)


@pytest.mark.parametrize("text", [
    "وحذرت الأمم المتحدة من هجوم للقوات الحكومية على محافظة إدلب.",
    "وتخشى المعارضة هجوما للقوات الحكومية على محافظة إدلب.",
    "وتستعد القوات الحكومية لشن هجوم على محافظة إدلب.",
    "وقالت المعارضة إن هجوما قد يقع على محافظة إدلب.",            # no one attacks
])
def test_an_offensive_warned_of_feared_or_prepared_is_no_event(events, text):
    assert events(text) == []


def test_roles_place_and_date_of_a_strike(events):
    [event] = events("قصفت مقاتلات روسية مناطق خاضعة لسيطرة المعارضة السورية في بلدة نوى يوم أمس الاثنين.")
    assert event.type == "AirStrike"
    assert event.initiators == [RUSSIA_AIR]
    assert OPPOSITION in event.targets
    assert event.location == NAWA
    assert event.date == dt.date(2018, 7, 23)
    assert "FighterJet" in event.instruments


def test_verb_first_coordinated_initiators(events):
    [event] = events("استهدف الطيران الحربي السوري والروسي الثلاثاء مواقع تنظيم الدولة الإسلامية في بلدة نوى.")
    assert RUSSIA_AIR in event.initiators and IS in event.targets


def test_clash_between_two_sides(events):
    [event] = events("اندلعت اشتباكات بين الجيش السوري الحر وقوات النظام في حي المنشية بمدينة درعا.")
    assert (event.initiators, event.targets) == ([FSA], [GOV])
    assert event.location == ID + "place/al-manshiyeh"


def test_most_specific_place_of_the_phrase(events):
    [event] = events("قصفت قوات النظام بلدة نوى في ريف درعا.")
    assert event.location == NAWA
    [event] = events("وفي ريف درعا الغربي، قصفت قوات النظام بلدة نوى.")
    assert event.location == NAWA


def test_a_destination_is_not_the_place(events):
    [event] = events("خرج 500 مقاتل من بلدة بصرى الشام على متن حافلات إلى محافظة إدلب.")
    assert event.location == BOSRA


def test_undated_event_takes_the_publication_window(events):
    [event] = events("قصفت قوات النظام بلدة نوى.")
    assert (event.earliest, event.latest) == (TUESDAY - dt.timedelta(days=3), TUESDAY)


def test_relative_date_without_publication_is_unresolved(events):
    [event] = events("قصفت قوات النظام بلدة نوى أمس الثلاثاء.", published=None)
    assert event.date is None and event.earliest is None and event.date_unresolved


def test_title_and_body_are_one_event(events):
    found = events("غارات روسية على بلدة نوى\n\nشنت الطائرات الحربية الروسية الثلاثاء غارات على بلدة نوى في ريف درعا.")
    assert len(found) == 1 and len(found[0].evidence) >= 2


def test_a_definite_noun_refers_back_to_its_event(events):
    found = events("قصفت طائرات روسية بلدة نوى الاثنين. وأسفر القصف عن مقتل خمسة مدنيين.")
    assert len(found) == 1
    assert [(f.outcome, f.count) for f in found[0].figures] == [("Killed", 5)]


def test_two_forces_two_events(events):
    found = events("أطلقت فصائل المعارضة قذائف الهاون على مدينة درعا. وأطلقت قوات النظام صواريخ على مدينة درعا.")
    assert sorted(tuple(e.initiators) for e in found) == sorted([(OPPOSITION,), (GOV,)])


@pytest.mark.parametrize("text", [
    "تسعى قوات النظام إلى السيطرة على بلدة نوى.",        # an aim
    "هددت روسيا بقصف بلدة نوى.",                         # a threat
    "تخطط قوات النظام لاقتحام بلدة نوى.",                # a plan
    "وتنص الاتفاقات على إجلاء المقاتلين من بلدة نوى.",    # the terms of a deal
])
def test_plans_and_threats_are_not_events(events, text):
    assert events(text) == []


def test_a_denial_is_not_asserted(events):
    found = events("ونفت روسيا أن تكون طائراتها قصفت بلدة نوى.")
    assert found and all(e.modality == "Denied" for e in found)


def test_background_is_historical(events):
    found = events("وكانت فصائل المعارضة قد اقتحمت بلدة نوى في 2015.")
    assert found and all(e.modality == "Historical" for e in found)


def test_a_background_reference_alone_is_dropped(events):
    assert events("ولم تشهد المدينة الدمار الذي سببه القصف الجوي في 2015.") == []


def test_a_toll_told_after_its_strike_is_the_strikes(events):
    found = events("قصفت الطائرات الحربية مدينة دوما يوم الثلاثاء. وقال المرصد إن 12 مدنيا قتلوا في المدينة.")
    assert [(e.type, [(f.outcome, f.count) for f in e.figures]) for e in found] == [("AirStrike", [("Killed", 12)])]


@pytest.mark.parametrize("text", [
    # another place: another happening
    "قصفت الطائرات الحربية مدينة دوما يوم الثلاثاء. وقال المرصد إن 12 مدنيا قتلوا في مدينة درعا.",
    # told three sentences later: too far to be the same
    "قصفت الطائرات الحربية مدينة دوما يوم الثلاثاء. ووقعت الحكومة اتفاقا تجاريا مع الأردن. "
    "وتابع الوزير حديثه عن الاقتصاد. وقال المرصد إن 12 مدنيا قتلوا.",
])
def test_a_toll_of_another_place_or_far_from_the_strike_stays_apart(events, text):
    strike = next(e for e in events(text) if e.type == "AirStrike")
    assert strike.figures == []


@pytest.mark.parametrize("text", [
    "اجتمع زعماء الفصائل في إدلب وقصفت قوات النظام بلدة نوى.",
    "رفضت المعارضة المقترح الروسي في إدلب فقصفت قوات النظام بلدة نوى.",
])
def test_a_verb_with_its_conjunction_takes_the_force_right_after_it_as_subject(events, text):
    [strike] = [e for e in events(text) if e.location == NAWA]
    assert strike.initiators == [GOV]


def test_a_force_before_a_bare_verb_stays_its_subject(events):
    [event] = events("وقالت مصادر إن قوات النظام قصفت بلدة نوى.")
    assert event.initiators == [GOV]


GHOUTA_HELD = "يعيش في الغوطة الشرقية، معقل الفصائل المعارضة الأخير قرب دمشق، آلاف المدنيين. "


def test_an_attack_naming_no_target_hits_the_holder_of_its_place(events):
    [taken] = events(GHOUTA_HELD + "واستعاد الجيش السوري السيطرة على مدينة حرستا في الغوطة الشرقية.")
    assert (taken.type, taken.initiators, taken.targets) == ("TerritoryTaken", [GOV], [OPPOSITION])


@pytest.mark.parametrize("text", [
    # the attackers hold the place themselves: no one else to hit
    "وتسيطر قوات النظام على مدينة درعا. وقصفت قوات النظام مدينة درعا بالمدفعية.",
    # two holders named: which one was hit is not said
    "ويسيطر تنظيم الدولة الإسلامية على مدينة درعا. وتسيطر هيئة تحرير الشام على مدينة درعا. "
    "وقصفت قوات النظام مدينة درعا بالمدفعية.",
    # the holder is in another place
    GHOUTA_HELD + "وقصفت قوات النظام مدينة درعا بالمدفعية.",
])
def test_an_attack_whose_holder_is_not_one_other_force_keeps_no_target(events, text):
    strikes = [e for e in events(text) if e.type in ("Shelling", "AirStrike")]
    assert strikes and all(e.targets == [] for e in strikes)


@pytest.mark.parametrize("text, initiators", [
    ("وألقت المخابرات التركية القبض على أحد المشتبه بهم في مدينة إسطنبول.", [ID + "actor/turkish-intelligence"]),
    ("وتم القبض على ثلاثة مشتبه بهم في مدينة إسطنبول.", []),
])
def test_an_arrest_told_with_its_subject_between_verb_and_object(events, text, initiators):
    assert [(e.type, e.initiators) for e in events(text) if e.type == "Arrest"] == [("Arrest", initiators)]


def test_an_arrest_demanded_is_no_arrest(events):
    assert [e for e in events("وطالبت المنظمة بالقبض على المسؤولين عن الهجمات.") if e.type == "Arrest"] == []


@pytest.mark.parametrize("text", [
    "خبر عاجل\nدبي، الإمارات العربية المتحدة (CNN)-- قصفت الطائرات الحربية مدينة حلب يوم الثلاثاء.",
    "خبر عاجل\nبيروت - قصفت الطائرات الحربية مدينة حلب يوم الثلاثاء.",
])
def test_the_dateline_is_no_place_or_party_of_what_is_reported(events, text):
    [strike] = events(text)
    assert (strike.location, strike.initiators) == (ID + "place/aleppo", [])


def test_a_dash_inside_a_sentence_is_no_dateline():
    from conflictkg.nlp.context import ArticleContext
    extractor = Extractor()
    doc = extractor.nlp(extractor._make_doc(Article(id="t", published=TUESDAY,
                                                    text="وقالت مصادر إن حلب - التي تعرضت لقصف - تعاني.")))
    assert ArticleContext.of(doc).datelines == []


def test_a_relative_clause_happens_at_the_place_it_describes(events):
    [taken] = events("وتقع مدينة الباب التي سيطرت عليها القوات التركية في ريف حلب.")
    assert taken.location == ID + "place/al-bab"


def test_a_country_after_a_border_is_no_side(events):
    [taken] = events("واستعادت القوات الحكومية السيطرة على بلدات عدة قرب الحدود مع الأردن.")
    assert taken.targets == []
    [clash] = events("واندلعت اشتباكات مع تركيا في بلدة نوى.")     # no border word: Turkey is a side
    assert clash.targets == [ID + "actor/turkish-forces"]


@pytest.mark.parametrize("row", lexicon("air_strikers.tsv"), ids=lambda row: row.actor)
def test_a_strike_by_a_force_that_strikes_from_the_air_is_an_air_strike(events, row):
    from conflictkg.nlp.context import catalogue_entry
    name = catalogue_entry(ID + row.actor).label_ar
    strikes = [e for e in events(f"وقصفت {name} مواقع عسكرية في ريف دمشق.") if ID + row.actor in e.initiators]
    assert [e.type for e in strikes] == ["AirStrike"], name


@pytest.mark.parametrize("text, event_type", [
    ("وقالت موسكو إن مقاتلتين إسرائيليتين قصفتا المطار بصواريخ موجهة.", "AirStrike"),  # the carrier named
    ("وأطلقت طائرات حربية ثمانية صواريخ على مطار المزة.", "AirStrike"),
    ("وقصفت القوات الحكومية بلدة نوى بالصواريخ.", "Shelling"),             # no carrier: from the ground
    ("وأطلقت الفصائل 30 صاروخا على بلدة نوى.", "Shelling"),
    ("وشنت الولايات المتحدة ضربات صاروخية على مواقع في ريف دمشق.", "AirStrike"),  # a force of the air
])
def test_a_missile_strikes_from_the_carrier_named_with_it(events, text, event_type):
    assert [e.type for e in events(text)] == [event_type]


@pytest.mark.parametrize("text, event_type", [
    ("وقصفت إسرائيل مواقع في قطاع غزة بالمدفعية.", "Shelling"),     # the weapon named decides
    ("وقصفت قوات النظام بلدة نوى.", "Shelling"),                    # a force of the ground
])
def test_a_strike_with_its_weapon_or_by_another_force_keeps_its_kind(events, text, event_type):
    assert [e.type for e in events(text)] == [event_type]


def test_a_toll_of_another_day_stays_apart_from_the_strike_before_it(events):
    found = events("قصفت الطائرات الحربية مدينة دوما يوم الثلاثاء. ويأتي ذلك غداة مقتل أربعة مدنيين في المدينة.")
    strike = next(e for e in found if e.type == "AirStrike")
    assert strike.figures == []


def test_an_offensive_told_with_the_takeover_it_brought_is_that_takeover(events):
    found = events("واستعادت قوات النظام الجزء الأكبر من محافظة درعا إثر عملية عسكرية في محافظة القنيطرة.")
    assert [e.type for e in found] == ["TerritoryTaken"]


def test_the_holder_of_a_governorate_is_no_target(events):
    [taken] = events("ويسيطر تنظيم الدولة الإسلامية على مناطق في محافظة درعا. "
                     "واستعادت قوات النظام السيطرة على محافظة درعا.")
    assert taken.targets == []


@pytest.mark.parametrize("text, target", [
    ("وقال التلفزيون إن الدفاعات الجوية السورية تصدت لهجوم صاروخي استهدف قاعدة الشعيرات.", "syrian-air-defence"),
    ("وتصدت فصائل المعارضة لهجوم شنته قوات النظام على بلدة نوى.", "syrian-opposition"),
    ("وصدت الفصائل هجوما لقوات النظام على بلدة نوى.", "syrian-opposition"),
])
def test_the_force_that_fends_off_an_attack_is_its_target_not_its_initiator(events, text, target):
    [attack] = events(text)
    assert ID + "actor/" + target in attack.targets and ID + "actor/" + target not in attack.initiators


def test_a_force_named_before_an_attack_with_no_defence_word_is_still_its_initiator(events):
    [attack] = events("وقالت المصادر إن قوات النظام شنت هجوما على بلدة نوى.")
    assert attack.initiators == [ID + "actor/syrian-government-forces"]


@pytest.mark.parametrize("row", lexicon("defence_words.tsv"), ids=lambda row: row.form)
def test_every_defence_word_makes_the_defender_a_target(events, row):
    [attack] = events(f"وقالت المصادر إن قوات النظام {row.form} لهجوم لتنظيم الدولة على بلدة نوى.")
    assert attack.initiators == [ID + "actor/islamic-state"], row.form
    assert attack.targets == [ID + "actor/syrian-government-forces"], row.form


@pytest.mark.parametrize("text, event_type, initiator", [
    ("وتصدت الدفاعات الجوية لعدوان إسرائيلي على مطار المزة.", "AirStrike", "place/israel"),   # from the air
    ("واستمر العدوان التركي على مدينة عفرين.", "ArmedClash", "actor/turkish-forces"),
])
def test_an_aggression_that_names_who_and_where_is_an_attack(events, text, event_type, initiator):
    [attack] = events(text)
    assert (attack.type, attack.initiators) == (event_type, [ID + initiator])


@pytest.mark.parametrize("text", [
    "وهدد الرئيس الأمريكي بقصف سوريا بعد الهجوم.",
    "وتحدث الرئيس عن إمكانية شن ضربة عسكرية ضد سوريا.",
    "وقال إن احتمال شن ضربات جوية على دمشق قائم.",
    "وتريد موسكو ضمانات بألا يقصف مسلحو المعارضة المناطق السكنية في دمشق.",
])
def test_threats_and_possibilities_are_no_events(events, text):
    assert events(text) == []


@pytest.mark.parametrize("text, place", [
    ("وقصفت طائرات إسرائيلية مطار التيفور بصواريخ انطلاقا من الأراضي اللبنانية.", "t4-airbase"),
    ("وقصفت طائرتان إسرائيليتان المطار بين الساعة الثالثة والرابعة بتوقيت موسكو.", None),
])
def test_a_launch_base_or_a_time_zone_is_not_where_a_strike_happened(events, text, place):
    [strike] = events(text)
    assert strike.location == (place and ID + "place/" + place)


@pytest.mark.parametrize("text, targets", [
    # the target in the phrase of a definite noun is its own
    ("وشنت إسرائيل سلسلة واسعة من الضربات الجوية ضد حماس في قطاع غزة.", ["actor/hamas"]),
    ("وتواصلت الغارات على مواقع تنظيم الدولة في ريف دير الزور.", ["actor/islamic-state"]),
    # a force named further on, after the report refers back, is background
    ("وقال القيادي إن القصف الذي طال البلدة أمس لن يمنع الفصائل من الرد على قوات النظام.", []),
])
def test_a_report_that_refers_back_keeps_only_the_target_of_its_own_phrase(events, text, targets):
    found = [e for e in events(text) if e.type in ("AirStrike", "Shelling")]
    assert found and found[0].targets == [ID + t for t in targets]


@pytest.mark.parametrize("text, place", [
    # the country named for the event wins over a town told in a sentence before
    ("قتل جندي في مدينة درعا. وقصفت إسرائيل مرارا أهدافا عسكرية في سوريا.", "syria"),
    # a more specific place named for it still wins
    ("وقصفت إسرائيل مواقع في مدينة درعا في سوريا.", "daraa"),
    ("وقصفت الطائرات مواقع قرب مدينة إدلب في سوريا.", "idlib"),
])
def test_a_country_named_with_in_is_the_place_when_nothing_finer_is(events, text, place):
    strikes = [e for e in events(text) if e.type == "AirStrike"]
    assert strikes and strikes[-1].location == ID + "place/" + place


def test_a_country_named_without_in_is_no_place(events):
    strikes = [e for e in events("قتل جندي في مدينة درعا. وقصفت الطائرات مواقع تابعة لإيران.") if e.type == "AirStrike"]
    assert strikes and strikes[0].location != ID + "place/iran"


@pytest.mark.parametrize("row", lexicon("actor_adjectives.tsv"), ids=lambda row: row.form)
def test_every_actor_adjective_names_who_struck(events, row):
    word = "ال" + row.form.rstrip("*") if row.form.endswith("*") else row.form
    found = events(f"وتواصل القصف {word} على بلدة نوى يوم الثلاثاء.")
    assert found and found[0].initiators == [ID + row.actor], row.form


def test_two_nationality_adjectives_on_one_trigger_are_both_sides(events):
    [strike] = events("وجاء ذلك بعد ليلة تبادل القصف الإسرائيلي الإيراني في الجولان.")
    assert strike.initiators == [ID + "place/israel", ID + "actor/iranian-forces"]


def test_an_ambush_is_a_clash_of_whoever_laid_it(events):
    [ambush] = events("وقتل 27 عنصرا من الحشد الشعبي في كمين لتنظيم داعش في منطقة الحويجة.")
    assert ambush.type == "ArmedClash" and ID + "actor/islamic-state" in ambush.initiators


def test_a_nationality_after_a_happening_to_people_is_theirs_not_a_force(events):
    [arrest] = events("وأعلنت الشرطة في لندن اعتقال البريطانية بعد عودتها من سوريا.")
    assert ID + "actor/british-forces" not in arrest.initiators


def test_a_strike_with_no_one_nowhere_and_no_toll_is_no_event(events):
    assert events("وقصفت الطائرات بعد منتصف الليل.") == []
    [strike] = events("وقصفت الطائرات بعد منتصف الليل مما أدى إلى مقتل ثلاثة مدنيين.")   # a toll to keep
    assert strike.figures

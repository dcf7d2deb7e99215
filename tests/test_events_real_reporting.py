"""Issue 13: what real reporting needs from the event reader. Sentences written for the tests."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
GOV = ID + "actor/syrian-government-forces"
NAWA, DARAA = ID + "place/nawa", ID + "place/daraa"
PUBLISHED = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def events():
    extractor = Extractor()

    def read(text: str):
        return extractor.extract(Article(id="t", text=text, published=PUBLISHED)).events
    return read


# ------------------------------------------------------------------ a bare noun is no event
@pytest.mark.parametrize("text", [
    "وقال الرجل إن عائلته فرت من المعارك قبل سنوات.",
    "ويخشى السكان من عودة القصف.",
    "وتحدث التقرير عن القتال الدائر منذ سنوات.",
])
def test_fighting_named_only_by_a_bare_noun_is_no_event(events, text):
    assert not [e for e in events(text) if e.type in {"ArmedClash", "AirStrike", "Shelling", "Bombing"}]


@pytest.mark.parametrize("text, event_type", [
    ("معارك عنيفة في بلدة نوى.", "ArmedClash"),                 # a place of its own
    ("قصف لقوات النظام على بلدة نوى.", "Shelling"),            # a participant
    ("وتجددت الاشتباكات يوم الأحد.", "ArmedClash"),             # a verb reports it
    ("قصف صباح الاثنين.", "Shelling"),                        # a date of its own
])
def test_a_noun_with_an_anchor_is_an_event(events, text, event_type):
    assert event_type in {e.type for e in events(text)}


@pytest.mark.parametrize("text", [
    "وتحدث التقرير عن معاناة الأسر بعد الفرار من الحرب.",
    "وأشار إلى أن عمليات الإجلاء تحتاج إلى تنسيق دولي.",
])
def test_a_flight_or_an_evacuation_named_only_by_a_noun_with_no_place_is_no_event(events, text):
    assert not [e for e in events(text) if e.type in {"Displacement", "Evacuation"}]


@pytest.mark.parametrize("text, event_type", [
    ("وتواصل فرار المدنيين من بلدة نوى.", "Displacement"),
    ("وبدأت عمليات الإجلاء من مدينة دوما.", "Evacuation"),
])
def test_a_flight_or_an_evacuation_with_its_place_is_an_event(events, text, event_type):
    assert event_type in {e.type for e in events(text)}


# ------------------------------------------------------------------ one happening told again
def test_an_unattributed_strike_on_the_same_place_told_again_further_on_is_one_event(events):
    text = ("استهدف قصف مدفعي بلدة نوى صباح الاثنين. "
            "وأفاد ناشطون بأن السكان لجأوا إلى الملاجئ. "
            "وقال مصدر محلي إن قصفا مدفعيا استهدف بلدة نوى.")
    shelling = [e for e in events(text) if e.type == "Shelling"]
    assert len(shelling) == 1 and shelling[0].location == NAWA and shelling[0].date == dt.date(2018, 7, 23)


def test_an_unattributed_strike_beside_a_named_one_in_the_same_town_stays_apart(events):
    text = ("قصفت مقاتلات روسية أحياء في مدينة درعا يوم الاثنين. "
            "وقال مسعفون إن طائرات أصابت مستشفى ميدانيا في مدينة درعا وأصيب أربعة أشخاص.")
    assert len([e for e in events(text) if e.type == "AirStrike"]) == 2


def test_an_unattributed_strike_told_by_a_definite_noun_is_the_named_one_of_its_place(events):
    text = ("قصفت طائرات إسرائيلية مطار التيفور العسكري فجر الاثنين. "
            "وقال مصدر إن طائرات من طراز إف-15 أطلقت عدة صواريخ على مطار التيفور. "
            "وأسفرت الضربة الجوية على مطار التيفور عن مقتل 14 عنصرا.")
    [strike] = [e for e in events(text) if e.type == "AirStrike"]
    assert strike.initiators == [ID + "place/israel"] and strike.location == ID + "place/t4-airbase"


def test_two_forces_striking_one_town_are_two_events(events):
    text = ("قصفت قوات النظام بالمدفعية بلدة نوى يوم الاثنين. "
            "وفي وقت لاحق قصفت فصائل المعارضة بالمدفعية بلدة نوى.")
    assert len([e for e in events(text) if e.type == "Shelling"]) == 2


# ------------------------------------------------------------------ countries act, or are places
ISRAEL, TURKEY, SYRIA = ID + "place/israel", ID + "place/turkey", ID + "place/syria"


@pytest.mark.parametrize("text, initiator", [
    ("شنت إسرائيل غارات على مواقع عسكرية قرب العاصمة السورية.", ISRAEL),
    ("وقالت مصادر محلية إن إسرائيل قصفت مطارا عسكريا في ريف حمص.", ISRAEL),
    ("استهدفت غارات إسرائيلية مطارا عسكريا في ريف حمص.", ISRAEL),        # the state, by its adjective
    ("اتهم الجيش السوري إسرائيل بقصف مطار عسكري في ريف حمص.", ISRAEL),     # the accused, right after a force
])
def test_a_country_that_acts_is_the_initiator(events, text, initiator):
    assert any(initiator in e.initiators for e in events(text))


@pytest.mark.parametrize("text, initiators", [
    ("وأفادت تقارير من سوريا بأن تنظيم الدولة الإسلامية اختطف العشرات في بلدة نوى.", [ID + "actor/islamic-state"]),
    ("وهاجمت قوات النظام وحزب الله بلدة نوى يوم الأحد.", [GOV, ID + "actor/hezbollah"]),
])
def test_only_a_conjunction_joins_the_forces_of_one_subject(events, text, initiators):
    [event] = events(text)
    assert sorted(event.initiators) == sorted(initiators)


def test_a_country_adjective_right_after_a_force_is_its_adjective_not_a_party(events):
    (event,) = events("وقصف مقاتلو المعارضة السورية مواقع للجيش في ريف حماة.")
    assert SYRIA not in event.initiators + event.targets


@pytest.mark.parametrize("text", [
    "قتل عشرة مدنيين في سوريا بغارة جوية.",
    "قتل عشرة مدنيين بسوريا في غارة جوية.",
    "بيروت - شنت طائرات حربية غارات على بلدة نوى.",
])
def test_a_country_or_capital_as_a_place_never_initiates(events, text):
    assert all(not e.initiators for e in events(text))


def test_a_country_beside_a_front_line_is_no_target(events):
    text = "استهدفت طائرات حربية الجيب الواقع في جنوب سوريا بمحاذاة الأردن."
    assert all(ID + "place/jordan" not in e.targets for e in events(text))


def test_one_deal_per_place_whoever_each_report_names():
    """Two reports of a deal in one place are one deal, and it keeps the most specific place."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = ("توصلت تركيا والولايات المتحدة إلى اتفاق بشأن منطقة منبج يوم الأحد. "
            "وقال مسؤول محلي إن اتفاقا جرى التوصل إليه في مدينة منبج.")
    events = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 5, 30))).events
    deals = [e for e in events if e.type == "Agreement"]
    assert len(deals) == 1 and deals[0].location.endswith("/manbij")


def test_two_strikes_in_one_place_by_different_forces_stay_apart():
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = ("قصفت الطائرات الروسية مدينة إدلب صباح الاثنين. "
            "وفي وقت لاحق قصفت طائرات التحالف الدولي مدينة إدلب.")
    events = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 5, 30))).events
    assert len([e for e in events if e.type == "AirStrike"]) == 2


def test_a_date_after_the_report_dates_no_happening():
    """"حتى عام 2025" is the term of a deal, not its date: an event is never dated after its report."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "وقعت الحكومة والفصائل اتفاقا في مدينة درعا يستمر حتى عام 2025."
    published = dt.date(2018, 5, 25)
    events = Extractor().extract(Article(id="t", text=text, published=published)).events
    assert events and all((e.date or e.earliest) <= published for e in events)


@pytest.mark.parametrize("leader", ["بقيادة", "تحت قيادة"])
def test_who_leads_a_force_is_no_party_of_its_act(leader):
    """"الجيش الليبي بقيادة المشير خليفة حفتر": Haftar leads the army; he is not what it fights."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = f"واقترب حسم معركة درنة التي يخوضها الجيش الليبي {leader} المشير خليفة حفتر."
    events = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 6, 19))).events
    assert events and all(not any(t.endswith("/khalifa-haftar") for t in e.targets) for e in events)


# ------------------------------------------------------------------ a capital as a side is no place
@pytest.mark.parametrize("text", [
    "وقعت الفصائل في مدينة منبج الاتفاق مع واشنطن.",
    "وجرى التوصل إلى اتفاق بين أنقرة وواشنطن في مدينة منبج.",
])
def test_a_capital_named_as_a_side_is_its_government_not_the_place(events, text):
    places = {e.location for e in events(text) if e.type == "Agreement"}
    assert places == {ID + "place/manbij"}, places


@pytest.mark.parametrize("text", [
    "واندلعت معارك بين قوات النظام وقوات سوريا الديموقراطية (تحالف تدعمه واشنطن) في بلدة نوى.",
    "واندلعت معارك بين قوات النظام وفصائل المعارضة المدعومة من أنقرة في بلدة نوى.",
])
def test_a_capital_after_a_form_of_allegiance_is_no_place(events, text):
    [event] = events(text)
    assert event.location == NAWA


@pytest.mark.parametrize("row", lexicon("meeting_words.tsv"), ids=lambda row: row.word)
def test_where_a_gathering_met_is_no_place_of_the_war(events, row):
    word = row.word.rstrip("*")
    text = f"وقال المسؤول خلال {word} في جنيف إن الطائرات قصفت مواقع المعارضة يوم الأحد."
    assert [e.location for e in events(text)] == [None], row.word


def test_a_deal_is_made_where_its_gathering_met(events):
    [deal] = events("وتوصلت الأطراف إلى اتفاق خلال مؤتمر في جنيف يوم الأحد.")
    assert deal.location == ID + "place/geneva"


def test_a_capital_after_a_verb_of_motion_is_still_a_place(events):
    (event,) = [e for e in events("وبحث الوفد الاتفاق مع المسؤولين في واشنطن.") if e.type == "Agreement"]
    assert event.location == ID + "place/washington"


# ------------------------------------------------------------------ an aim is no happening
@pytest.mark.parametrize("text", [
    "وأرسلت الحكومة مئات المقاتلين إلى بلدة نوى للقتال.",
    "وفتحت السلطات ممرات في بلدة نوى لإجلاء المدنيين.",
    "وقال إن التنظيم خطط لاستهداف حافلة في بلدة نوى.",
    "وتجمعت القوات في محيط بلدة نوى للهجوم عليها.",
])
def test_a_verbal_noun_after_the_preposition_of_aim_is_no_event(events, text):
    assert events(text) == []


@pytest.mark.parametrize("row", lexicon("happening_complements.tsv"), ids=lambda row: row.form)
def test_every_head_of_a_happening_keeps_the_event_after_it(events, row):
    head = row.form.rstrip("*")
    subject = " ".join(["أحياء"] * (row.reach - 1))   # as many words between as the row allows
    [event] = events(f"وقالت المصادر إن {head} {subject} لقصف مدفعي على بلدة نوى يوم الأحد.".replace("  ", " "))
    assert (event.type, event.location) == ("Shelling", NAWA), row.form


@pytest.mark.parametrize("text", [
    "وأعلنت الحكومة التوصل إلى اتفاق في بلدة نوى لإجلاء مقاتلي المعارضة.",
    "وأعلنت الحكومة التوصل إلى اتفاق لإجلاء مقاتلي المعارضة من بلدة نوى.",
])
def test_a_head_governs_the_first_happening_after_it_not_the_aim_of_that_one(events, text):
    assert "Evacuation" not in {e.type for e in events(text)}


def test_a_head_too_far_from_the_noun_no_longer_governs_it(events):
    assert events("وقالت المصادر إن نتيجة الاجتماع كانت ايجابية لقصف بلدة نوى.") == []


def test_a_verb_of_defence_governs_the_preposition_too(events):
    [attack] = events("وتصدت الدفاعات الجوية السورية لهجوم صاروخي على مطار المزة.")
    assert attack.type in {"AirStrike", "Shelling"}


# ------------------------------------------------------------------ what is yet to come
@pytest.mark.parametrize("row", [r for r in lexicon("modality_cues.tsv")
                                 if r.position == "after" and r.modality == "Planned"], ids=lambda row: row.form)
def test_every_word_after_a_trigger_that_makes_it_a_plan_leaves_no_event(events, row):
    word = row.form.rstrip("*")
    assert events(f"وتحدثت المصادر عن هجوم {word} لقوات النظام على بلدة نوى.") == [], row.form
    assert events(f"وتحدثت المصادر عن هجوم عسكري {word} لقوات النظام على بلدة نوى.") == [], row.form


def test_a_plan_word_further_on_leaves_the_happening_alone(events):
    [attack] = events("وشنت قوات النظام هجوما على بلدة نوى، وسط مخاوف من تصعيد وشيك.")
    assert attack.location == NAWA


@pytest.mark.parametrize("text", [
    "ونفيا التقارير عن اتفاق مع الحكومة في بلدة نوى.",
    "ونفوا التقارير عن اتفاق مع الحكومة في بلدة نوى.",
])
def test_a_denial_by_two_or_more_is_a_denial(events, text):
    [deal] = events(text)
    assert deal.modality == "Denied"


# ------------------------------------------------------------------ what is alleged
@pytest.mark.parametrize("row", [r for r in lexicon("modality_cues.tsv")
                                 if r.position == "after" and r.modality == "Claimed"], ids=lambda row: row.form)
def test_every_word_that_calls_an_attack_alleged_makes_it_a_claim_of_the_source(events, row):
    word = row.form.rstrip("*")
    [attack] = events(f"وقالت وزارة الدفاع الروسية إن الهجوم الكيميائي {word} على بلدة نوى لم يقع.")
    assert (attack.type, attack.modality, attack.location) == ("AttackOnCivilians", "Claimed", NAWA), row.form


@pytest.mark.parametrize("text", [
    "وقتل عشرات المدنيين في هجوم كيماوي على بلدة نوى يوم السبت.",
    "ونددت الأمم المتحدة بالهجمات بالأسلحة الكيميائية على بلدة نوى.",
    "وأصيب العشرات بحالات اختناق في هجوم بالغاز على بلدة نوى.",
])
def test_a_chemical_attack_strikes_civilians_even_when_it_names_no_one(events, text):
    assert [(e.type, e.location) for e in events(text)] == [("AttackOnCivilians", NAWA)]


def test_an_attack_asserted_then_called_alleged_is_one_claimed_happening(events):
    text = ("وشنت قوات النظام هجوما كيماويا على بلدة نوى يوم السبت. "
            "وقالت روسيا إن الهجوم الكيماوي المزعوم على بلدة نوى مفبرك.")
    attacks = [e for e in events(text) if e.type == "AttackOnCivilians"]
    assert len(attacks) == 1 and attacks[0].modality == "Claimed" and len(attacks[0].evidence) == 2


# ------------------------------------------------------------------ dates of the clause
def test_a_date_before_a_comma_dates_its_own_clause_not_the_nearer_trigger_after_it(events):
    text = "وشنت الطائرات الأمريكية غارات على مواقع النظام قبل أسبوعين، إثر هجوم كيماوي على بلدة نوى."
    strikes = [e for e in events(text) if e.type == "AirStrike"]
    assert strikes and strikes[0].latest <= PUBLISHED - dt.timedelta(days=7)


# ------------------------------------------------------------------ a headline's toll
def test_a_toll_in_the_headline_is_the_toll_of_the_happening_the_body_tells(events):
    text = ("30 قتيلا في بلدة نوى\n"
            "وقصفت قوات النظام بلدة نوى بالمدفعية يوم الأحد، وقال ناشطون إن القصف استمر ساعات.")
    [shelling] = events(text)
    assert shelling.type == "Shelling" and [f.count for f in shelling.figures] == [30]


# ------------------------------------------------------------------ an aid convoy leaving
def test_an_aid_convoy_leaving_evacuates_no_one(events):
    found = events("وغادرت قافلة المساعدات بلدة نوى مساء الأحد بسبب القصف.")
    assert "Evacuation" not in {e.type for e in found}


def test_a_convoy_of_fighters_leaving_is_an_evacuation(events):
    assert "Evacuation" in {e.type for e in events("وغادرت قافلة تقل مقاتلين وعائلاتهم بلدة نوى يوم الأحد.")}


# ------------------------------------------------------------------ a subject, a date, a verb
def test_a_date_between_a_subject_and_its_trigger_does_not_part_them(events):
    [clash] = events("وتشن القوات الحكومية منذ 19 حزيران بدعم روسي عملية عسكرية في محافظة درعا.")
    assert clash.initiators == [GOV]


@pytest.mark.parametrize("row", lexicon("prepositions.tsv"), ids=lambda row: row.word)
def test_a_form_that_may_be_a_verb_is_the_noun_after_a_preposition(row):
    from conflictkg.nlp.context import ArticleContext
    from conflictkg.nlp.events import EventReader
    from conflictkg.nlp.pipeline import make_pipeline

    ctx = ArticleContext.of(make_pipeline()(f"وقالت المصادر إن قوات النظام ردت {row.word} قصف تركي على بلدة نوى."))
    [trigger] = [c for c in ctx.cues("event_triggers.tsv") if c.entry.pos == "verb"]
    assert EventReader(ctx)._as_read(trigger).entry.pos == "noun", row.word


def test_after_in_the_subject_before_is_no_initiator_of_the_noun(events):
    strikes = events("وقالت المصادر إن المقاتل قتل في قصف تركي على بلدة نوى.")
    assert [e.initiators for e in strikes] == [[ID + "actor/turkish-forces"]]


# ------------------------------------------------------------------ idioms
@pytest.mark.parametrize("row", [r for r in lexicon("trigger_idioms.tsv") if r.word == "القبض"], ids=lambda row: row.form)
def test_a_verb_with_the_word_of_its_idiom_is_no_trigger_of_its_own(events, row):
    found = events(f"و{row.form} الشرطة المحلية {row.word} على ثلاثة أشخاص يحملون براميل متفجرة في بلدة نوى.")
    assert "AirStrike" not in {e.type for e in found}, row.form


def test_a_verb_of_an_idiom_without_its_word_still_reports(events):
    assert "AirStrike" in {e.type for e in events("وألقت الطائرات براميل متفجرة على بلدة نوى.")}


_FIGHT_IDIOMS = [r for r in lexicon("trigger_idioms.tsv") if r.form in ("قتال", "معركة", "معارك", "مواجهات")]
_DEAL_IDIOMS = [r for r in lexicon("trigger_idioms.tsv") if r.form == "تسوية"]
_BEFORE_ITS_WORD = {"صفوف": "في", "جانب": "إلى"}


def _idiom_sentence(row) -> str:
    if row.side == "after":
        return f"وقال إن المئات توجهوا إلى بلدة نوى لل{row.form} {_BEFORE_ITS_WORD[row.word]} {row.word} تنظيم الدولة الإسلامية."
    return f"وقال القائد إن مقاتليه انتصروا على تنظيم الدولة الإسلامية في {row.word} ال{row.form} في بلدة نوى."


@pytest.mark.parametrize("row", _FIGHT_IDIOMS, ids=lambda row: f"{row.word} {row.form}")
def test_fighting_in_an_idiom_is_no_clash(events, row):
    # "القتال في صفوف التنظيم" says who belongs to whom; "في ميدان المعركة" is a figure of speech
    assert "ArmedClash" not in {e.type for e in events(_idiom_sentence(row))}, row.form


def test_fighting_with_no_idiom_word_is_a_clash(events):
    assert "ArmedClash" in {e.type for e in events("واندلعت معارك عنيفة مع تنظيم الدولة الإسلامية في بلدة نوى.")}


# ------------------------------------------------------------------ the day of a statement
def test_a_date_right_before_that_dates_the_statement_not_the_happening(events):
    [strike] = events("وقال المرصد يوم الاثنين إن الطائرات قصفت بلدة نوى.")
    assert strike.date is None and strike.latest == PUBLISHED      # not Monday 23 July: the saying's day


def test_a_campaign_told_by_two_forces_and_one_day_of_it_by_one_stay_apart(events):
    text = ("ارتفعت حصيلة القتلى جراء الغارات السورية والروسية على بلدة نوى إلى 28 مدنيا منذ بدء الحملة. "
            "ونفذ الطيران الحربي السوري أمس نحو ثلاثين غارة على بلدة نوى.")
    assert len([e for e in events(text) if e.type == "AirStrike"]) == 2


@pytest.mark.parametrize("verb", ["استولت", "استولى"])
def test_seizing_a_place_is_taking_it(events, verb):
    [taken] = events(f"و{verb} الجيش على بلدة نوى يوم الأحد.")
    assert (taken.type, taken.location) == ("TerritoryTaken", NAWA)


def test_the_base_strikers_came_from_is_no_place_of_the_strikes(events):
    text = ("وشنت الطائرات 25 غارة على بلدة نوى يوم السبت. "
            "وقال المرصد إن المقاتلات المستخدمة لشن الغارات أتت من قاعدة حميميم.")
    assert {e.location for e in events(text)} == {NAWA}


@pytest.mark.parametrize("word", ["على", "ضد"])
def test_the_nationality_on_a_trigger_names_its_doer_after_a_target_word_too(events, word):
    [shelling] = events(f"وقالت المصادر إن قوات النظام ردت {word} قصف تركي على بلدة نوى.")
    assert shelling.initiators == [ID + "actor/turkish-forces"]


# ------------------------------------------------------------------ the place of an event that names none
def test_a_flight_in_a_sentence_about_a_country_is_in_that_country(events):
    # the country the sentence is in ("داخل سوريا"), not the conference town of the lead
    text = ("اجتمع المانحون في مدينة جنيف الثلاثاء.\n"
            "وبلغ عدد النازحين داخل سوريا نحو ستة ملايين شخص، كما فر أكثر من خمسة ملايين إلى خارج البلاد.")
    flights = [e for e in events(text) if e.type == "Displacement"]
    assert flights and {e.location for e in flights} == {ID + "place/syria"}


def test_the_place_last_spoken_of_is_forgotten_after_a_few_sentences(events):
    text = ("قصفت قوات النظام بلدة نوى أمس.\n"
            "وقال سكان إن الوضع صعب.\nوأضافوا أن المساعدات لم تصل.\nوطالبوا بفتح الطرق.\n"
            "وتحدثوا عن غياب الأدوية.\nونزح مئات المدنيين الثلاثاء.")
    [flight] = [e for e in events(text) if e.type == "Displacement"]
    assert flight.location is None
    near = events("قصفت قوات النظام بلدة نوى أمس.\nونزح مئات المدنيين الثلاثاء.")
    assert [e.location for e in near if e.type == "Displacement"] == [NAWA]


_CONSEQUENCES = [r for r in lexicon("modality_cues.tsv") if r.modality == "Planned"
                 and any(word in r.form for word in ("يؤدي", "تؤدي", "يتسبب", "تتسبب", "يسفر", "تسفر"))]


@pytest.mark.parametrize("row", _CONSEQUENCES, ids=lambda row: row.form)
def test_what_something_will_or_may_lead_to_is_no_happening(events, row):
    # "سيتسبب بموجة نزوح": a warning of what may come, not a flight that happened
    assert events(f"وقال المسؤول إن الهجوم على بلدة نوى {row.form} إلى نزوح آلاف المدنيين.") == [], row.form


def test_what_something_led_to_is_a_happening(events):
    [flight] = events("وقال المسؤول إن القصف على بلدة نوى أدى إلى نزوح آلاف المدنيين.")[-1:]
    assert flight.type == "Displacement" and flight.modality == "Asserted"


# ------------------------------------------------------------------ who lost the place taken
_LOSER_WORDS = [r for r in lexicon("role_cues.tsv") if r.role == "loser"]


@pytest.mark.parametrize("row", _LOSER_WORDS, ids=lambda row: row.form)
def test_the_force_that_lost_the_place_is_the_target_of_the_takeover(events, row):
    link = "وأصبحت خارجة" if row.form.startswith("من ") else "وذلك بعد"
    text = f"سيطرت قوات النظام على بلدة نوى يوم الأحد، {link} {row.form} تنظيم الدولة الإسلامية."
    taken = [e for e in events(text) if e.type == "TerritoryTaken"]
    assert taken and all(e.targets == [ID + "actor/islamic-state"] for e in taken), row.form
    assert all(e.initiators == [GOV] for e in taken), row.form


def test_a_takeover_that_names_its_target_keeps_it(events):
    text = "سيطرت قوات النظام على بلدة نوى بعد طرد هيئة تحرير الشام منها، إثر انسحاب تنظيم الدولة الإسلامية."
    [taken] = [e for e in events(text) if e.type == "TerritoryTaken"]
    assert taken.targets == [ID + "actor/hayat-tahrir-al-sham"]


def test_a_force_that_lost_another_place_is_no_target_of_the_takeover(events):
    text = "سيطرت قوات النظام على بلدة نوى، إثر انسحاب تنظيم الدولة الإسلامية من مدينة درعا."
    [taken] = [e for e in events(text) if e.type == "TerritoryTaken"]
    assert taken.targets == []


def test_a_withdrawal_beside_a_clash_makes_no_side_of_it(events):
    text = "اندلعت اشتباكات عنيفة في بلدة نوى يوم الأحد، إثر انسحاب تنظيم الدولة الإسلامية من قرية مجاورة."
    assert all(ID + "actor/islamic-state" not in e.targets for e in events(text))


# ------------------------------------------------------------------ a happening named as a time
_TIME_WORDS = lexicon("time_references.tsv")


@pytest.mark.parametrize("row", _TIME_WORDS, ids=lambda row: row.word)
def test_a_force_acting_at_the_time_of_a_happening_is_not_its_doer(events, row):
    # "وتوعدت إيران غداة الهجوم بالانتقام": Iran vowed; it did not attack
    found = events(f"وتوعدت إيران {row.word} الهجوم على بلدة نوى بالانتقام.")
    assert all(ID + "place/iran" not in e.initiators for e in found), row.word


def test_a_happening_with_its_own_doer_after_a_time_word_keeps_it(events):
    [strike] = events("وتوعدت إيران بالانتقام بعد قصف إسرائيلي على بلدة نوى.")
    assert strike.initiators == [ID + "place/israel"]


def test_a_strike_that_names_no_weapon_at_a_base_is_the_air_strike_told_there(events):
    text = ("وشنت طائرات إسرائيلية غارات جوية على مطار التيفور العسكري الاثنين.\n"
            "وقال مسؤولون إيرانيون بعد يوم على قصف مطار التيفور إنهم سيردون.")
    strikes = [e for e in events(text) if e.type in ("AirStrike", "Shelling")]
    assert [(e.type, e.initiators) for e in strikes] == [("AirStrike", [ID + "place/israel"])]


@pytest.mark.parametrize("row", _DEAL_IDIOMS, ids=lambda row: row.word)
def test_settling_the_status_of_fighters_is_no_deal_of_its_own(events, row):
    found = events(f"وأعلنت السلطات تسوية {row.word} 300 مقاتل في بلدة نوى يوم الأحد.")
    assert "Agreement" not in {e.type for e in found}, row.word
    assert "Agreement" in {e.type for e in events("وأعلنت السلطات التوصل إلى تسوية في بلدة نوى يوم الأحد.")}


def test_a_deal_in_a_draft_resolution_is_not_reached(events):
    assert events("وتجري مشاورات حول مشروع القرار المتعلق بالهدنة في بلدة نوى منذ الأحد.") == []


@pytest.mark.parametrize("row", lexicon("when_words.tsv"), ids=lambda row: row.word)
def test_a_when_clause_takes_the_date_of_the_clause_it_explains(events, row):
    [strike] = [e for e in events(f"وذكّر التقرير بهجوم آب 2013، {row.word} قصفت قوات النظام بلدة نوى.")
                if e.type == "Shelling"]
    assert (strike.earliest, strike.latest, strike.modality) == (dt.date(2013, 8, 1), dt.date(2013, 8, 31), "Historical")



@pytest.mark.parametrize("text", [
    "وقال إنه إذا قصفت قوات النظام بلدة نوى فسترد الفصائل.",
    "وهدد بالرد في حال شنت الطائرات غارات على بلدة نوى.",
    "وقال إن الروس لا يريدون اتفاقا مختلفا في بلدة نوى.",
    "ولو انتهكت الحكومة الاتفاق في بلدة نوى لانهار كل شيء.",
])
def test_a_condition_or_a_wish_is_no_happening(events, text):
    assert events(text) == []


def test_a_happening_told_with_a_clause_of_reason_is_reported(events):
    # "إذ" (as, since) is no condition
    assert [e.type for e in events("وقصفت الطائرات بلدة نوى إذ قتل خمسة مدنيين.")] == ["AirStrike"]


def test_a_force_of_the_saying_is_not_the_doer_of_what_was_said(events):
    # the media centre belongs to the opposition; the shelling it reports is not the opposition's
    [strike] = events("وقال مركز إعلام درعا التابع للمعارضة السورية إن القصف الجوي أدى إلى مقتل 42 مدنيا.")
    assert strike.initiators == []
    [strike] = events("وقالت المصادر إن قوات النظام قصفت بلدة نوى.")
    assert strike.initiators == [GOV]


@pytest.mark.parametrize("row", [r for r in lexicon("event_triggers.tsv") if r.form.endswith("انفجار*") and r.type == "Attack"],
                         ids=lambda row: row.form)
def test_the_sound_of_explosions_is_no_bombing(events, row):
    sound = row.form.rstrip("*")
    assert events(f"وسمع {sound}ات قرب بلدة نوى مساء الأحد.") == [], row.form
    strikes = events(f"وقصفت الطائرات الروسية بلدة نوى الأحد، وسمع {sound}ات في البلدة.")
    assert [e.type for e in strikes] == ["AirStrike"], row.form


@pytest.mark.parametrize("row", [r for r in lexicon("launch_verbs.tsv") if r.kind == "launch"], ids=lambda row: row.word)
def test_the_subject_of_a_launching_verb_carries_out_its_object(events, row):
    # verb, subject, then words of place and time, then the happening: "شنت طائرات X في … غارات"
    text = f"و{row.word} طائرات التحالف الدولي في شرق البلاد خلال الساعات الأولى من صباح الأحد غارات على بلدة نوى."
    found = [e for e in events(text) if e.type == "AirStrike"]
    assert found and found[0].initiators == [ID + "actor/us-led-coalition"], row.word


@pytest.mark.parametrize("verb", ["توصلت", "أبرمت"])
def test_the_side_that_reached_a_deal_is_its_party_across_commas(events, verb):
    text = f"و{verb} روسيا أمس مع حركة أحرار الشام في مدينة حرستا، بعد أسابيع من الحصار، إلى اتفاق لوقف القتال."
    [deal] = [e for e in events(text) if e.type == "Agreement"]
    assert deal.initiators == [ID + "place/russia"], verb


def test_a_launching_verb_of_the_sentence_before_is_no_doer(events):
    text = "وتوصلت روسيا إلى تفاهمات مع الأردن. وأعلن مسؤولون في درعا اتفاقا لوقف القتال في بلدة نوى."
    deals = [e for e in events(text) if e.type == "Agreement"]
    assert deals and all(ID + "place/russia" not in e.initiators for e in deals)


def test_a_launching_verb_whose_subject_is_no_force_names_no_doer(events):
    # the verb's subject is "الطائرات", no force the graph knows; the faction only speaks
    text = "وقالت هيئة تحرير الشام إن الطائرات شنت خلال الساعات الأولى من صباح الأحد غارات على بلدة نوى."
    assert all(ID + "actor/hayat-tahrir-al-sham" not in e.initiators for e in events(text))


@pytest.mark.parametrize("row", [r for r in lexicon("trigger_idioms.tsv") if r.form == "خروج"], ids=lambda row: row.word)
def test_a_safe_exit_offered_is_no_departure(events, row):
    offer = "بالخروج الآمن" if row.word == "الآمن" else "بتسليم السلاح مقابل خروج آمن"
    found = events(f"وعرض الجيش الروسي على المسلحين في بلدة نوى المحاصرة ما وصفه {offer}.")
    assert "Evacuation" not in {e.type for e in found}, row.word
    left = events("وبدأ خروج الدفعة الأولى من المسلحين وعائلاتهم من بلدة نوى في الحافلات يوم الأحد.")
    assert "Evacuation" in {e.type for e in left}


@pytest.mark.parametrize("row", [r for r in lexicon("launch_verbs.tsv") if r.kind == "admission"], ids=lambda row: row.word)
def test_who_admits_a_happening_carried_it_out(events, row):
    text = f"و{row.word} التحالف الدولي بقيادة الولايات المتحدة الجمعة بمقتل تسعة مدنيين في ضربات جوية على بلدة نوى."
    [strike] = [e for e in events(text) if e.type == "AirStrike"]
    assert strike.initiators == [ID + "actor/us-led-coalition"], row.word



# ------------------------------------------------------------------ a noun done to the force after it
_PATIENT_NOUNS = [r for r in lexicon("event_triggers.tsv") if r.genitive == "patient"]


@pytest.mark.parametrize("row", _PATIENT_NOUNS, ids=lambda row: row.form)
def test_the_force_after_a_noun_done_to_it_is_its_target_and_the_doer_comes_before(events, row):
    noun = row.form.rstrip("*")
    text = f"وواصلت القوات الحكومية اليوم {noun} عناصر جيش الإسلام في مدينة دوما."
    found = [e for e in events(text) if e.type == row.type]
    assert found and all(e.targets == [ID + "actor/jaish-al-islam"] for e in found), row.form
    assert all(ID + "actor/jaish-al-islam" not in e.initiators for e in found), row.form


def test_the_force_after_a_noun_it_does_is_its_doer(events):
    [shelling] = [e for e in events("وتواصل اليوم قصف قوات النظام على مدينة دوما.") if e.type == "Shelling"]
    assert shelling.initiators == [GOV] and not shelling.targets


def test_the_evacuated_fighters_lost_the_place_taken_after_they_left(events):
    text = "استعادت القوات الحكومية السيطرة على مدينة الرستن بعد إجلاء المقاتلين المعارضين منها."
    [taken] = [e for e in events(text) if e.type == "TerritoryTaken"]
    assert taken.initiators == [GOV] and taken.targets == [ID + "actor/syrian-opposition"]


# ------------------------------------------------------------------ areas held by the side hit
@pytest.mark.parametrize("text", [
    "وتواصل القصف الجوي الروسي على المناطق التي تسيطر عليها هيئة تحرير الشام في ريف درعا.",
    "وأدى القصف الجوي الروسي، الذي بدأ أمس، على القرى الخاضعة لسيطرة هيئة تحرير الشام إلى دمار كبير.",
    "وتواصل القصف الروسي ضد البلدات الواقعة تحت سيطرة هيئة تحرير الشام في ريف إدلب.",
])
def test_an_attack_on_areas_held_by_a_force_hits_that_force(events, text):
    [strike] = [e for e in events(text) if e.type in ("AirStrike", "Shelling")]
    assert strike.targets == [ID + "actor/hayat-tahrir-al-sham"], text


@pytest.mark.parametrize("text", [
    # held once, not now
    "وتواصل القصف الجوي الروسي على المناطق التي كانت تسيطر عليها هيئة تحرير الشام في ريف درعا.",
    # the areas are another happening's: people fled to them
    "وأدى القصف الجوي الروسي إلى نزوح الآلاف نحو المناطق الخاضعة لسيطرة هيئة تحرير الشام.",
    # areas named, not aimed at
    "وتواصل القصف الجوي الروسي في ريف درعا قرب المناطق الخاضعة لسيطرة هيئة تحرير الشام.",
])
def test_areas_held_by_a_force_but_not_aimed_at_now_name_no_target(events, text):
    strikes = [e for e in events(text) if e.type in ("AirStrike", "Shelling")]
    assert strikes and all(ID + "actor/hayat-tahrir-al-sham" not in e.targets for e in strikes), text


# ------------------------------------------------------------------ background with no date of its own
@pytest.mark.parametrize("cue", ["سبق أن", "سبق وأن"])
def test_a_takeover_told_as_background_without_a_date_is_no_event(events, cue):
    text = f"وتدور المعارك في محافظة دير الزور التي {cue} سيطر عليها تنظيم الدولة الإسلامية، وأسفرت عن تسعة قتلى."
    found = events(text)
    assert "TerritoryTaken" not in {e.type for e in found}
    [fight] = [e for e in found if e.type == "ArmedClash"]
    assert [(f.outcome, f.count) for f in fight.figures] == [("Killed", 9)]     # the fighting's dead


def test_a_dated_happening_of_the_past_keeps_its_toll(events):
    text = "وفي أغسطس 2013 قصفت القوات الحكومية بلدة زملكا ما أدى إلى مقتل نحو 1400 شخص."
    [past] = [e for e in events(text) if e.modality == "Historical"]
    assert past.earliest == dt.date(2013, 8, 1) and [f.count for f in past.figures] == [1400]

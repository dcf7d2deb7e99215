"""Allegiances between forces, each pattern of allegiance_patterns.tsv."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/actor/"
JKBW, IS, GOV, RUSSIA_AIR = ID + "jaish-khalid-bin-al-walid", ID + "islamic-state", ID + "syrian-government-forces", ID + "russian-aerospace-forces"
HTS, QAEDA, FSA, OPPOSITION = ID + "hayat-tahrir-al-sham", ID + "al-qaeda", ID + "free-syrian-army", ID + "syrian-opposition"


@pytest.fixture(scope="module")
def allegiances():
    extractor = Extractor()

    def read(text):
        found = extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).allegiances
        return {(a.source, a.kind, a.target) for a in found}
    return read


@pytest.mark.parametrize("text, expected", [
    ("سيطر فصيل جيش خالد بن الوليد المبايع لتنظيم الدولة الإسلامية على البلدة.", (JKBW, "PledgedAllegiance", IS)),
    ("وكان جيش خالد بن الوليد قد بايع تنظيم الدولة الإسلامية.", (JKBW, "PledgedAllegiance", IS)),
    ("ويأتي القصف الروسي دعما لقوات النظام.", (RUSSIA_AIR, "Supports", GOV)),
    ("هاجمت هيئة تحرير الشام المدعومة من تنظيم القاعدة البلدة.", (QAEDA, "Supports", HTS)),
    ("وتعد هيئة تحرير الشام حليفة تنظيم القاعدة.", (HTS, "AlliedWith", QAEDA)),
    ("وينتمي الجيش السوري الحر إلى المعارضة السورية.", (FSA, "MemberOf", OPPOSITION)),
    ("ويسيطر الجيش السوري الحر، أحد فصائل المعارضة السورية، على البلدة.", (FSA, "MemberOf", OPPOSITION)),
    ("هاجمت هيئة تحرير الشام التابعة لتنظيم القاعدة البلدة.", (HTS, "AffiliatedWith", QAEDA)),
    ("وهي هيئة تحرير الشام التي كانت تابعة لتنظيم القاعدة.", (HTS, "FormerlyAffiliated", QAEDA)),
    ("وهيئة تحرير الشام المرتبطة بتنظيم القاعدة في السابق.", (HTS, "FormerlyAffiliated", QAEDA)),
    ("هاجمت المعارضة السورية بقيادة هيئة تحرير الشام البلدة.", (OPPOSITION, "LedBy", HTS)),
])
def test_allegiance_patterns(allegiances, text, expected):
    assert expected in allegiances(text)


def test_members_of_a_front_turn_the_direction(allegiances):
    found = allegiances("وينتمي مقاتلو المعارضة السورية إلى فصائل الجيش السوري الحر إلى جانب أعضاء من هيئة تحرير الشام.")
    assert {(FSA, "MemberOf", OPPOSITION), (HTS, "MemberOf", OPPOSITION)} <= found


def test_a_far_force_is_not_the_subject_of_an_attributive_pattern(allegiances):
    assert allegiances("ويسيطر الجيش السوري الحر على نصف المحافظة لكن جماعات تابعة لتنظيم الدولة الإسلامية لها وجود.") == set()


def test_every_allegiance_pattern_fires():
    for row in lexicon("allegiance_patterns.tsv"):
        assert CueLexicon([row]).find_in(f"الفصيل {row.form.replace('*', '')} التنظيم"), row.form


# ------------------------------------------------------------------ support told from the receiving side (issue 14)
BASE = "https://w3id.org/conflictkg/id/"
USA, YPG, SDF = BASE + "place/united-states", ID + "peoples-protection-units", ID + "syrian-democratic-forces"
IRAN, HEZBOLLAH = BASE + "place/iran", ID + "hezbollah"


@pytest.mark.parametrize("text, fact", [
    ("وتلقت وحدات حماية الشعب الكردية دعما من الولايات المتحدة.", (USA, "Supports", YPG)),
    ("وقالت قوات سوريا الديمقراطية التي تدعمها واشنطن إنها تقدمت.", (USA, "Supports", SDF)),
    ("وتقدم إيران دعما لحزب الله منذ سنوات.", (IRAN, "Supports", HEZBOLLAH)),
])
def test_support_is_read_from_the_giver_to_the_receiver(allegiances, text, fact):
    found = allegiances(text)
    assert fact in found
    assert (fact[2], fact[1], fact[0]) not in found       # never the other way round


def test_a_conjunction_that_opens_a_new_phrase_does_not_join_a_list():
    """"دعما لقوات النظام ولمواجهة اقتحام فصائل من المعارضة": the opposition is what the strike
    confronts, not a second force it supports."""
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "ويأتي القصف الروسي في سوريا دعما لقوات النظام ولمواجهة اقتحام فصائل من المعارضة حي المنشية."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 4, 10))).allegiances
    supported = {a.target.rsplit("/", 1)[-1] for a in found if a.kind == "Supports"}
    assert "syrian-government-forces" in supported and "syrian-opposition" not in supported


def test_a_dual_verb_takes_every_force_of_the_run_before_it():
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "وجرت المباحثات مع ممثلي روسيا وإيران اللتين تدعمان النظام السوري."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 4, 10))).allegiances
    pairs = {(a.source.rsplit("/", 1)[-1], a.kind, a.target.rsplit("/", 1)[-1]) for a in found}
    assert {("russia", "Supports", "syrian-government-forces"),
            ("iran", "Supports", "syrian-government-forces")} <= pairs


def test_a_singular_verb_takes_only_the_nearest_force():
    import datetime as dt
    from conflictkg.nlp.extract import Extractor
    from conflictkg.read import Article
    text = "وقاتلت قوات النظام وحزب الله الذي تدعم إيران مقاتليه في سوريا."
    found = Extractor().extract(Article(id="t", text=text, published=dt.date(2018, 4, 10))).allegiances
    assert all(a.source.rsplit("/", 1)[-1] != "syrian-government-forces" for a in found)


def _names_with_their_leader():
    """Catalogue names that carry a word of leadership (بقيادة، تقوده) and whose entry says who leads."""
    from conflictkg.catalogue import load_catalogue
    from conflictkg.nlp.normalize import fold
    leading = CueLexicon([row for row in lexicon("allegiance_patterns.tsv") if row.kind == "LedBy"])
    return [(entry, name) for entry in load_catalogue() if entry.led_by
            for name in entry.names_ar if leading.find_in(fold(name))]


@pytest.mark.parametrize("entry, name", _names_with_their_leader(), ids=lambda x: getattr(x, "label_en", x))
def test_a_name_written_with_its_leader_says_who_leads_it(allegiances, entry, name):
    found = allegiances(f"وقال {name} في بيان إنه قصف مواقع للتنظيم.")
    assert {(entry.iri, "LedBy", leader) for leader in entry.led_by} <= found


def test_the_leader_in_a_name_is_found_for_both_coalitions():
    assert {entry.iri.rsplit("/", 1)[-1] for entry, _ in _names_with_their_leader()} >= \
        {"us-led-coalition", "saudi-led-coalition"}


def test_a_name_without_its_leader_says_nothing_of_who_leads_it(allegiances):
    assert allegiances("وقال التحالف الدولي في بيان إنه قصف مواقع للتنظيم.") == set()


@pytest.mark.parametrize("row", lexicon("membership_adjectives.tsv"), ids=lambda row: row.form)
def test_every_membership_adjective_places_a_faction_in_the_larger_force(allegiances, row):
    found = allegiances(f'وانسحب فصيل "جيش الإسلام" {row.form} من المدينة بعد المفاوضات.')
    assert (ID + "jaish-al-islam", row.kind, "https://w3id.org/conflictkg/id/" + row.actor) in found


@pytest.mark.parametrize("text", [
    "وتقاتل هيئة تحرير الشام المعارضة للاتفاق في إدلب.",          # opposed to the deal
    "وانسحب فصيل جيش الإسلام من المدينة المعارضة للحكومة.",        # the adjective is the town's
    "وقالت المتحدثة باسم الأمم المتحدة المعارضة إن القصف مستمر.",   # not an armed group
])
def test_a_membership_adjective_elsewhere_places_no_one(allegiances, text):
    assert not any(kind == "MemberOf" and target.endswith("/syrian-opposition") for _, kind, target in allegiances(text))


@pytest.mark.parametrize("row", [r for r in lexicon("allegiance_patterns.tsv") if r.direction == "adjective"],
                         ids=lambda row: row.form)
def test_every_form_of_support_with_a_nationality_names_the_supporter(allegiances, row):
    found = allegiances(f"وتقدمت قوات سوريا الديمقراطية {row.form} أمريكي في ريف دير الزور.")
    assert (USA, "Supports", SDF) in found


@pytest.mark.parametrize("text", [
    "وتقدمت القوات الحكومية بدعم من الطيران في ريف درعا.",        # no nationality
    "وتقدمت القوات الحكومية بدعم، وقال مسؤول روسي إن الهجوم مستمر.",  # the adjective is another clause's
])
def test_a_form_of_support_without_its_nationality_names_no_supporter(allegiances, text):
    assert not any(kind == "Supports" for _, kind, _ in allegiances(text))

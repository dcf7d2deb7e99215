"""QuickStatements v1: every line checked against the command syntax, what the lines say, and what
is never written (new items unless asked, claims no Wikidata property means)."""
from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

from conflictkg.export.store_reader import AllegianceFact, Entity, read_facts
from conflictkg.export.quickstatements import (KnownItem, QuickStatementsWriter, load_model, plan_quickstatements,
                                               qs_string, quickstatements)
from test_queries_fixture import ISLAMIC_STATE, JKBW, RUSSIA, fixture_store

RETRIEVED = dt.date(2024, 5, 1)

# The v1 grammar, as Help:QuickStatements gives it: CREATE; or ENTITY TAB COMMAND TAB VALUE
# [TAB (P|S)nnn TAB VALUE]…, where ENTITY is LAST or a QID, COMMAND a label/alias/description
# (L/A/D + language) or a property, and VALUE an item, a quoted string, a monolingual string,
# a time with precision, or a number.
ITEM = r"Q\d+"
STRING = r'"[^\t\n|]*"'
MONOLINGUAL = r'[a-z]{2,3}:"[^\t\n|]*"'
TIME = r"\+\d{4}-\d{2}-\d{2}T00:00:00Z/(9|10|11)"
NUMBER = r"[+-]?\d+(\.\d+)?"
VALUE = f"(?:{ITEM}|{STRING}|{MONOLINGUAL}|{TIME}|{NUMBER})"
TERM_LINE = re.compile(rf'^(LAST|{ITEM})\t[LAD](en|ar)\t{STRING}$')
STATEMENT_LINE = re.compile(rf"^(LAST|{ITEM})\tP\d+\t{VALUE}(\t[PS]\d+\t{VALUE})*$")


@pytest.fixture(scope="module")
def facts():
    return read_facts(fixture_store())


@pytest.fixture(scope="module")
def lines(facts):
    """Everything the export can write: new actors and events included."""
    return quickstatements(facts, RETRIEVED, create_missing=True, create_events=True)


def test_every_line_is_v1_syntax(lines):
    assert lines
    for number, line in enumerate(lines, 1):
        assert line == "CREATE" or TERM_LINE.match(line) or STATEMENT_LINE.match(line), f"line {number}: {line!r}"
    assert lines[0] == "CREATE"


def test_by_default_nothing_is_created_and_each_omission_is_reported(facts):
    plan = plan_quickstatements(facts, RETRIEVED)
    assert "CREATE" not in plan.lines and not plan.created
    left = {(e.what, e.iri) for e in plan.left_out}
    assert ("item", JKBW) in left                                  # an actor without a QID
    assert {e.iri for e in facts.events} <= {iri for what, iri in left if what == "event"}
    assert "left out" in plan.summary() and plan.review_tsv().startswith("what\tiri\tlabel")


def test_a_new_actor_has_arabic_and_english_labels_aliases_and_p31_with_a_reference(lines):
    block = lines[lines.index('LAST\tLen\t"Jaish Khalid bin al-Walid"') - 1:]
    block = block[:block.index("CREATE", 1)]
    assert 'LAST\tLar\t"جيش خالد بن الوليد"' in block and 'LAST\tAar\t"جيش خالد"' in block
    assert ('LAST\tP31\tQ17149090\tS854\t"https://example.org/fx/yarmouk"\tS813\t+2024-05-01T00:00:00Z/11'
            '\tS1476\tar:"جيش خالد في حوض اليرموك"') in block


def test_actors_with_a_qid_get_no_new_item(lines):
    assert 'LAST\tLen\t"Russia"' not in lines and 'LAST\tLen\t"Islamic State"' not in lines


def test_an_event_item_has_participants_place_date_and_deaths(lines):
    start = lines.index('LAST\tLar\t"غارة جوية في نوى 2018-07-23"', lines.index('LAST\tLar\t"غارة جوية في نوى 2018-07-23"') + 1)
    block = lines[start:start + 6]
    reference = '\tS854\t"https://example.org/fx/nawa-toll"\tS813\t+2024-05-01T00:00:00Z/11\tS1476\tar:"ارتفاع حصيلة نوى"'
    assert "LAST\tP710\tQ159" + reference in block           # Russia, by its QID
    assert "LAST\tP585\t+2018-07-23T00:00:00Z/11" + reference in block
    assert "LAST\tP1120\t15" + reference in block


def test_a_date_range_is_start_and_end(lines):
    assert any(line.startswith("LAST\tP580\t+2017-02-19T00:00:00Z/11\t") for line in lines)
    assert any(line.startswith("LAST\tP582\t+2017-02-21T00:00:00Z/11\t") for line in lines)


def _with_tie(facts, source: Entity, kind: str, target: Entity):
    facts = copy.deepcopy(facts)
    for entity in (source, target):
        facts.entities.setdefault(entity.iri, entity)
    facts.allegiances[:] = [AllegianceFact(source.iri, kind, target.iri,
                                           article="https://w3id.org/conflictkg/id/article/fx-nawa-toll")]
    return plan_quickstatements(facts, RETRIEVED)


PLACE, ACTOR = "https://w3id.org/conflictkg/id/place/", "https://w3id.org/conflictkg/id/actor/"
SYRIA = Entity(PLACE + "syria", "Country", True, "Syria", "سوريا", "Q858")
JORDAN = Entity(PLACE + "jordan", "Country", True, "Jordan", "الأردن", "Q810")
ASSAD = Entity(ACTOR + "bashar-al-assad", "Person", True, "Bashar al-Assad", "بشار الأسد", "Q44329")
UN = Entity(ACTOR + "united-nations", "Organization", True, "United Nations", "الأمم المتحدة", "Q1065")
ARAB_LEAGUE = Entity(ACTOR + "arab-league", "Organization", True, "Arab League", "جامعة الدول العربية", "Q7172")
IS = Entity(ISLAMIC_STATE, "ArmedGroup", True, "Islamic State", "تنظيم الدولة الإسلامية", "Q2429253")
GROUP = Entity(ACTOR + "some-group", "ArmedGroup", True, "Some group", "جماعة ما", "Q900001")
ARMY = Entity(ACTOR + "some-army", "StateForce", True, "Some army", "جيش ما", "Q900002")
FIGHTER = Entity(ACTOR + "some-fighter", "Person", True, "Some fighter", "مقاتل ما", "Q900003")
RUSSIA_ITEM = Entity(RUSSIA, "Country", True, "Russia", "روسيا", "Q159")


@pytest.mark.parametrize("source,kind,target,expected", [
    (SYRIA, "MemberOf", ARAB_LEAGUE, "Q858\tP463\tQ7172"),        # a country in an organisation
    (FIGHTER, "MemberOf", GROUP, "Q900003\tP463\tQ900001"),       # a person in a group
    (FIGHTER, "MemberOf", SYRIA, "Q900003\tP945\tQ858"),          # a person serving a state
    (FIGHTER, "MemberOf", ARMY, "Q900003\tP7779\tQ900002"),       # a person in a military unit
    (ARMY, "MemberOf", SYRIA, "Q900002\tP945\tQ858"),             # a unit serving a state
    (GROUP, "PledgedAllegiance", IS, "Q900001\tP945\tQ2429253"),  # bay'a to another power
    (ASSAD, "AffiliatedWith", GROUP, "Q44329\tP1416\tQ900001"),
    (RUSSIA_ITEM, "Supports", ASSAD, None),
    (UN, "Supports", JORDAN, None),                                  # the issue's two false P945 claims
    (SYRIA, "PledgedAllegiance", ASSAD, None),
    (GROUP, "AlliedWith", IS, None),
    (IS, "LedBy", FIGHTER, None),
    (GROUP, "FormerlyAffiliated", IS, None),
    (SYRIA, "MemberOf", JORDAN, None),
])
def test_each_tie_maps_only_to_a_property_that_means_it(facts, source, kind, target, expected):
    plan = _with_tie(facts, source, kind, target)
    claims = [line for line in plan.lines if line.startswith(source.qid + "\t")]
    if expected is None:
        assert not claims
        assert [(e.what, e.iri) for e in plan.left_out if e.what == "claim"] == [("claim", source.iri)]
    else:
        assert len(claims) == 1 and claims[0].startswith(expected + "\tS854\t")   # every claim keeps its reference
        assert STATEMENT_LINE.match(claims[0])


KINDS = ["Person", "Country", "Organization", "ArmedGroup", "Coalition", "StateForce"]
TIE_KINDS = ["PledgedAllegiance", "Supports", "AlliedWith", "MemberOf", "AffiliatedWith", "LedBy", "FormerlyAffiliated"]


@pytest.mark.parametrize("kind", TIE_KINDS)
def test_no_property_is_used_against_its_wikidata_definition(kind):
    """Against the fixture of Wikidata's definitions: a property is chosen only where both its
    subject and its value type constraints hold; P945 never has a country or an organisation as
    subject, and never a person as value."""
    model = load_model()
    for subject in KINDS:
        for value in KINDS:
            pid, reason = model.property_for(kind, subject, value)
            if pid is None:
                assert reason
                continue
            prop = model.properties[pid]
            assert model.classes_of(subject) & prop.subject_type and model.classes_of(value) & prop.value_type
            if pid == "P945":
                assert subject not in ("Country", "Organization") and value not in ("Person", "Organization")


def test_the_fixture_holds_wikidatas_own_definitions():
    model = load_model()
    assert model.properties["P945"].description == "country (or other power) that a person or group serves"
    assert model.properties["P463"].label == "member of" and model.properties["P1416"].label == "affiliation"
    assert "Q5" not in model.properties["P945"].value_type and "Q6256" not in model.properties["P945"].subject_type


def test_create_missing_reconciles_names_first(facts):
    known = {"jaish khalid bin al walid": KnownItem("", "ArmedGroup", "Jaish Khalid bin al-Walid", "", "exists")}
    plan = QuickStatementsWriter(facts, RETRIEVED, create_missing=True, known=known).build()
    assert 'LAST\tLen\t"Jaish Khalid bin al-Walid"' not in plan.lines       # on Wikidata already: never created
    assert any(e.iri == JKBW and "reconciliation" in e.reason for e in plan.left_out)
    assert plan.created and "Jaish Khalid bin al-Walid" not in plan.created  # the minted actor is created

    known = {"جيش خالد بن الوليد": KnownItem("Q900009", "ArmedGroup", "", "جيش خالد بن الوليد", "verified")}
    plan = QuickStatementsWriter(facts, RETRIEVED, create_missing=True, known=known).build()
    assert "Q900009\tP945\tQ2429253" in "\n".join(plan.lines)              # a verified QID is used, not created


def test_the_shipped_reconciliation_list_blocks_the_issues_people(facts):
    for name in ("Abu Bakr al-Baghdadi", "Abu Mohammad al-Jolani", "Adel al-Jubeir", "Abdullah Öcalan"):
        person = Entity(ACTOR + name.lower().replace(" ", "-"), "Person", True, name, "")
        f = copy.deepcopy(facts)
        f.entities[person.iri] = person
        plan = plan_quickstatements(f, RETRIEVED, create_missing=True)
        assert name not in plan.created and any(e.iri == person.iri for e in plan.left_out), name


def test_dry_run_writes_nothing_and_reports(tmp_path):
    from conflictkg.export import WikidataOptions, export_store

    out = tmp_path / "qs.txt"
    report = export_store(fixture_store(), "quickstatements", out, wikidata=WikidataOptions(dry_run=True))
    assert not list(tmp_path.iterdir())
    assert "0 new item(s)" in report and "leave out\tevent" in report and "leave out\titem" in report
    message = export_store(fixture_store(), "quickstatements", out)
    review = (tmp_path / "qs.txt.review.tsv").read_text(encoding="utf-8")
    assert "CREATE" not in out.read_text(encoding="utf-8") and "Jaish Khalid bin al-Walid" in review
    assert "review file" in message


@pytest.mark.parametrize("text,expected", [('a\tb', '"a b"'), ("a\nb\r\nc", '"a b c"'), ("x|y||z", '"x¦y¦¦z"'),
                                           ('قال "القائد"', '"قال "القائد""')])
def test_strings_cannot_break_a_command(text, expected):
    assert qs_string(text) == expected


def test_a_hostile_label_stays_one_valid_line(facts):
    # The minted actor's label holds quotes, "=" and "@".
    hostile = [line for line in quickstatements(facts, RETRIEVED, create_missing=True) if "أنصار الحق" in line]
    assert hostile == ['LAST\tLar\t"كتيبة أنصار الحق = "قائد" @ميداني"']

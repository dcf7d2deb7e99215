"""QuickStatements v1: every line checked against the command syntax, and what the lines say."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conflictkg.export.store_reader import AllegianceFact, read_facts
from conflictkg.export.quickstatements import qs_string, quickstatements
from test_queries_fixture import RUSSIA, fixture_store

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
    return quickstatements(facts, RETRIEVED)


def test_every_line_is_v1_syntax(lines):
    assert lines
    for number, line in enumerate(lines, 1):
        assert line == "CREATE" or TERM_LINE.match(line) or STATEMENT_LINE.match(line), f"line {number}: {line!r}"
    assert lines[0] == "CREATE"


def test_a_new_actor_has_arabic_and_english_labels_aliases_and_p31_with_a_reference(lines):
    block = lines[lines.index('LAST\tLen\t"Jaish Khalid bin al-Walid"') - 1:]
    block = block[:block.index("CREATE", 1)]
    assert 'LAST\tLar\t"جيش خالد بن الوليد"' in block and 'LAST\tAar\t"جيش خالد"' in block
    assert ('LAST\tP31\tQ17149090\tS854\t"https://example.org/fx/yarmouk"\tS813\t+2024-05-01T00:00:00Z/11'
            '\tS1476\tar:"جيش خالد في حوض اليرموك"') in block


def test_actors_with_a_qid_get_no_new_item(lines):
    assert 'LAST\tLen\t"Russia"' not in lines


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


def test_a_reported_tie_between_known_items_is_a_statement_on_the_existing_item(facts):
    syria = "https://w3id.org/conflictkg/id/place/syria"
    facts.entities.setdefault(syria, type(facts.entities[RUSSIA])(syria, "Country", True, "Syria", "سوريا", "Q858"))
    facts.allegiances.append(AllegianceFact(RUSSIA, "Supports", syria,
                                            article="https://w3id.org/conflictkg/id/article/fx-nawa-toll"))
    lines = quickstatements(facts, RETRIEVED)
    assert lines[-1].startswith("Q159\tP945\tQ858\tS854\t")
    assert STATEMENT_LINE.match(lines[-1])


@pytest.mark.parametrize("text,expected", [('a\tb', '"a b"'), ("a\nb\r\nc", '"a b c"'), ("x|y||z", '"x¦y¦¦z"'),
                                           ('قال "القائد"', '"قال "القائد""')])
def test_strings_cannot_break_a_command(text, expected):
    assert qs_string(text) == expected


def test_a_hostile_label_stays_one_valid_line(facts):
    # The minted actor's label holds quotes, "=" and "@".
    hostile = [line for line in quickstatements(facts, RETRIEVED) if "أنصار الحق" in line]
    assert hostile == ['LAST\tLar\t"كتيبة أنصار الحق = "قائد" @ميداني"']

"""Issue 13: what real reporting needs from the event reader. Sentences written for the tests."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
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

"""Issue 14: allegiances as real reporting states them. Sentences written for the tests."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
USA, YPG, SDF = ID + "place/united-states", ID + "actor/peoples-protection-units", ID + "actor/syrian-democratic-forces"
IRAN, HEZBOLLAH = ID + "place/iran", ID + "actor/hezbollah"


@pytest.fixture(scope="module")
def allegiances():
    extractor = Extractor()

    def read(text: str):
        found = extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).allegiances
        return {(a.source, a.kind, a.target) for a in found}
    return read


@pytest.mark.parametrize("text, fact", [
    ("وتلقت وحدات حماية الشعب الكردية دعما من الولايات المتحدة.", (USA, "Supports", YPG)),
    ("وقالت قوات سوريا الديمقراطية التي تدعمها واشنطن إنها تقدمت.", (USA, "Supports", SDF)),
    ("وتقدم إيران دعما لحزب الله منذ سنوات.", (IRAN, "Supports", HEZBOLLAH)),
])
def test_support_is_read_from_the_giver_to_the_receiver(allegiances, text, fact):
    found = allegiances(text)
    assert fact in found
    assert (fact[2], fact[1], fact[0]) not in found       # never the other way round

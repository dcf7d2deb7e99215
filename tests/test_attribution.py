"""Attribution (ck:reportedBy) and claims (ck:Claimed, ck:claimedBy)."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article

ID = "https://w3id.org/conflictkg/id/"
SOHR, GOV = ID + "actor/syrian-observatory-for-human-rights", ID + "actor/syrian-government-forces"


@pytest.fixture(scope="module")
def events():
    extractor = Extractor()
    return lambda text: extractor.extract(Article(id="t", text=text, published=dt.date(2018, 7, 24))).events


@pytest.mark.parametrize("text", [
    "قصفت قوات النظام بلدة نوى، وفق المرصد السوري لحقوق الإنسان.",
    "قصفت قوات النظام بلدة نوى، بحسب المرصد السوري لحقوق الإنسان.",
    "قصفت قوات النظام بلدة نوى، حسب المرصد السوري لحقوق الإنسان.",
    "قصفت قوات النظام بلدة نوى، وفقا للمرصد السوري لحقوق الإنسان.",
    "قصفت قوات النظام بلدة نوى، نقلا عن المرصد السوري لحقوق الإنسان.",
    "أفاد المرصد السوري لحقوق الإنسان أن قوات النظام قصفت بلدة نوى.",
    "قال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت بلدة نوى.",
    "ذكر المرصد السوري لحقوق الإنسان أن قوات النظام قصفت بلدة نوى.",
    "المرصد السوري لحقوق الإنسان يقول إن قوات النظام قصفت بلدة نوى.",
])
def test_citing_cues(events, text):
    [event] = events(text)
    assert event.reported_by == [SOHR]
    assert event.modality == "Asserted"
    assert GOV in event.initiators and SOHR not in event.initiators


def test_the_same_source_again(events):
    found = events("قصفت قوات النظام بلدة نوى، وفق المرصد السوري لحقوق الإنسان. "
                   "واندلعت اشتباكات في مدينة درعا، بحسب المصدر ذاته.")
    assert all(e.reported_by == [SOHR] for e in found) and len(found) == 2


def test_a_party_speaking_makes_a_claim(events):
    [event] = events("أعلن الجيش السوري أن قواته سيطرت على بلدة نوى.")
    assert event.modality == "Claimed" and event.claimed_by == GOV


def test_what_follows_that_is_not_the_source(events):
    [event] = events("وأفاد سكان أن قوات النظام قصفت بلدة نوى.")
    assert event.reported_by == [] and event.initiators == [GOV]


def test_every_attribution_cue_fires():
    for row in lexicon("attribution_cues.tsv"):
        assert CueLexicon([row]).find_in(f"وهذا {row.form.replace('*', '')} المصدر"), row.form


def test_every_modality_cue_fires():
    for row in lexicon("modality_cues.tsv"):
        assert CueLexicon([row]).find_in(f"وهذا {row.form.lstrip('=').replace('*', '')} القصف"), row.form

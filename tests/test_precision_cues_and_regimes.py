"""Precision of two readings: a claim cue is the verb زعم, never the noun زعيم/زعماء (leader,
leaders) that begins with its letters; and "قوات النظام" followed by a nationality is that
country's forces, not the Syrian government that "قوات النظام" alone means. Sentences written
for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extractor_at

from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.lexicon import lexicon, words

ID = "https://w3id.org/conflictkg/id/"
A, P = ID + "actor/", ID + "place/"
GOV, TURKISH, IRAQI, HTS, FSA = (A + "syrian-government-forces", A + "turkish-forces",
                                 A + "iraqi-forces", A + "hayat-tahrir-al-sham", A + "free-syrian-army")


@pytest.fixture(scope="module")
def extract():
    return extractor_at(dt.date(2018, 7, 24))


def _attribution_cues(text: str) -> list[str]:
    return [c.form for c in CueLexicon.from_file("attribution_cues.tsv").find_in(text)]


def _actors(record) -> dict[str, str]:
    return {m.span.text: m.entity for m in record.mentions if m.kind == "actor"}


# ------------------------------------------------------------------ زعم: the verb, not the noun
@pytest.mark.parametrize("text", ["وزعمت الهيئة أن مقاتليها صدوا الهجوم.", "وزعموا أنهم أسقطوا طائرة.",
                                  "زعم المتحدث أن القصف توقف.", "ويزعم الفصيل أنه استعاد التلة.",
                                  "وهم يزعمون أن المعبر مفتوح.", "وتزعم الحركة أن قادتها نجوا."])
def test_verb_forms_of_zaama_are_claim_cues(text):
    assert any("زعم" in form for form in _attribution_cues(text)), text


@pytest.mark.parametrize("text", ["اجتمع زعماء الفصائل في المدينة.", "ووصل الزعماء إلى القاعة.",
                                  "والتقى زعيم الحركة بالوفد.", "وصل الزعيم إلى الحدود.",
                                  "تنافسوا على زعامة التحالف.", "وتحدث زعماؤهم إلى الأهالي.",
                                  "واستقبل المبعوث زعمائهم أمس."])
def test_the_nouns_for_leader_are_no_claim_cue(text):
    assert not any("زعم" in form for form in _attribution_cues(text)), text


@pytest.mark.parametrize("text, cue", [("أحيا السكان الذكرى السنوية للمجزرة.", None),
                                       ("وتبقى ذكريات الحصار حاضرة.", None),
                                       ("روى ذكرياته عن الحصار.", None), ("في ذكراه الأولى.", None),
                                       ("ذكرت مصادر محلية أن القصف استمر.", "ذكر")])
def test_the_anniversary_is_no_reporting_cue(text, cue):
    assert any("ذكر" in form for form in _attribution_cues(text)) == (cue is not None), text


def test_every_exclusion_row_refuses_a_word_an_open_form_would_take():
    """Each row of cue_exclusions.tsv stops a match that some open-ended form makes without it."""
    open_forms = [row for name in ("attribution_cues.tsv", "modality_cues.tsv", "event_triggers.tsv")
                  for row in lexicon(name) if row.form.endswith("*") and " " not in row.form]
    for word in words("cue_exclusions.tsv"):
        written = word.rstrip("*") + "ء" if word.endswith("*") else word   # زعما* -> زعماء
        stems = [row for row in open_forms if written.startswith(row.form.rstrip("*"))]
        assert stems, word
        assert not CueLexicon(stems).find_in(f"وصل {written} أمس"), word


def test_leaders_meeting_is_no_claim(extract):
    events = extract("اجتمع زعماء الفصائل في إدلب وقصفت قوات النظام بلدة نوى.").events
    assert events and all(e.modality != "Claimed" and e.claimed_by is None for e in events)
    assert events[0].initiators == [GOV]


@pytest.mark.parametrize("text, claimant", [
    ("وزعمت هيئة تحرير الشام أنها سيطرت على بلدة نوى.", HTS),
    ("وتزعم هيئة تحرير الشام أنها سيطرت على بلدة نوى.", HTS),
    ("ويزعم الجيش السوري الحر أنه استهدف مواقع قوات النظام بالصواريخ.", FSA),
])
def test_verb_forms_of_zaama_still_give_a_claim(extract, text, claimant):
    events = extract(text).events
    assert events and events[0].modality == "Claimed" and events[0].claimed_by == claimant


# ------------------------------------------------------------------ النظام + a nationality
@pytest.mark.parametrize("text, phrase, actor", [
    ("قصفت قوات النظام التركي مواقع الوحدات الكردية في عفرين.", "قوات النظام التركي", TURKISH),
    ("وقصفت القوات الحكومية العراقية مواقع التنظيم قرب البوكمال.", "القوات الحكومية العراقية", IRAQI),
    ("وانتشر الجيش النظامي التركي على الحدود.", "الجيش النظامي التركي", TURKISH),
    ("وتقدمت القوات النظامية العراقية نحو الحدود.", "القوات النظامية العراقية", IRAQI),
    ("وقصف الجيش الحكومي التركي القرية.", "الجيش الحكومي التركي", TURKISH),
    ("وانسحبت قوات الحكومة العراقية من المعبر.", "قوات الحكومة العراقية", IRAQI),
    ("وقصفت قوات النظام المصري مواقع المسلحين في سيناء.", "قوات النظام المصري", P + "egypt"),
])
def test_a_government_word_with_a_nationality_is_that_country(extract, text, phrase, actor):
    actors = _actors(extract(text))
    assert actors.get(phrase) == actor
    assert GOV not in actors.values()


def test_the_regime_forces_with_a_nationality_initiate_as_that_country(extract):
    event = extract("قصفت قوات النظام التركي قرية في ريف عفرين.").events[0]
    assert event.initiators == [TURKISH]


@pytest.mark.parametrize("text", ["قصفت قوات النظام بلدة نوى.", "قصفت قوات النظام السوري بلدة نوى.",
                                  "وقصفت القوات الحكومية بلدة نوى.", "وتقدمت قوات النظام الموالية لدمشق."])
def test_the_regime_forces_alone_are_still_the_syrian_government(extract, text):
    assert GOV in _actors(extract(text)).values()


@pytest.mark.parametrize("adjective, key", [(r.adjective, r.actor) for r in lexicon("nationality_adjectives.tsv")])
def test_every_nationality_adjective_names_its_country(extract, adjective, key):
    for written in (f"قوات النظام ال{adjective}", f"القوات الحكومية ال{adjective}ة"):
        actors = _actors(extract(f"وانتشرت {written} قرب الحدود."))
        assert actors.get(written) == ID + key, written


@pytest.mark.parametrize("word", words("government_words.tsv"))
def test_every_government_word_takes_a_nationality(extract, word):
    names = {"النظام": "قوات النظام", "الحكومة": "قوات الحكومة", "النظامي": "الجيش النظامي",
             "النظامية": "القوات النظامية", "الحكومي": "الجيش الحكومي", "الحكومية": "القوات الحكومية"}
    feminine = word.endswith("ة")
    written = f"{names[word]} {'التركية' if feminine else 'التركي'}"
    assert _actors(extract(f"وانتشرت {written} قرب الحدود.")).get(written) == TURKISH

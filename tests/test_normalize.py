"""Folding (NORM) and its offset map: each normalisation case of issue 3, and its properties."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictkg.nlp.language import ArabicConflict
from conflictkg.nlp.normalize import fold, fold_with_offsets


@pytest.mark.parametrize("written, folded", [
    ("قَصَفَتْ", "قصفت"),                 # diacritics
    ("الجيـــش", "الجيش"),                # tatweel
    ("أحرار", "احرار"), ("إدلب", "ادلب"), ("آلاف", "الاف"), ("ٱلشام", "الشام"),  # alef variants
    ("نوى", "نوي"),                        # alef maqsura
    ("هيئة", "هييه"),                      # ta marbuta, hamza on ya
    ("مؤسسة", "موسسه"),                    # hamza on waw
    ("٤٣ قتيلا", "43 قتيلا"),              # Arabic-Indic digits
    ("۶۱ مقاتلا", "61 مقاتلا"),            # Persian digits
    ("١٢٫٥", "12.5"),                      # Arabic decimal separator
    ("ISIS", "isis"),                       # Latin case
    ("هيئة\u200fتحرير", "هييه تحرير"),     # a direction mark between words is a space
    ("الجيش\u200cالحر", "الجيشالحر"),       # a joining mark inside a word is dropped
])
def test_fold_case(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_norm_of_the_conflict_language_is_the_folded_form() -> None:
    doc = ArabicConflict()("قصفت الطائرات بلدةَ نوى")
    assert [t.norm_ for t in doc] == ["قصفت", "الطايرات", "بلده", "نوي"]


def test_offsets_point_at_the_original_characters() -> None:
    text = "قَصَفَ الجيـــشُ درعا"
    folded = fold_with_offsets(text)
    begin = folded.text.index("درعا")
    start, stop = folded.to_original(begin, begin + len("درعا"))
    assert text[start:stop] == "درعا"
    begin = folded.text.index("الجيش")
    start, stop = folded.to_original(begin, begin + len("الجيش"))
    assert text[start:stop] == "الجيـــشُ"  # tatweel inside and the damma on the last letter


arabic_text = st.text(alphabet=st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئ ـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩۰۱۲ \u200f\u200c\"«»")), max_size=60)


@given(arabic_text)
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(arabic_text)
def test_offset_map_is_monotonic_and_points_at_the_original(text: str) -> None:
    folded = fold_with_offsets(text)
    assert folded.text == fold(text)
    assert list(folded.origin) == sorted(set(folded.origin))
    for position, origin in enumerate(folded.origin):
        assert fold(text[origin]) == folded.text[position]


@given(arabic_text)
def test_spans_end_after_their_last_letter_and_its_marks(text: str) -> None:
    folded = fold_with_offsets(text)
    for position in range(len(folded.text)):
        start, stop = folded.to_original(position, position + 1)
        assert start == folded.origin[position] < stop
        assert fold(text[start:stop]) == folded.text[position]


@given(st.one_of(arabic_text, st.text(max_size=40)))
def test_the_fast_and_the_plain_fold_agree(text: str) -> None:
    from conflictkg.nlp.normalize import _fold_with_offsets_by_character

    assert fold_with_offsets(text) == _fold_with_offsets_by_character(text)


@given(arabic_text, st.integers(min_value=0, max_value=70))
def test_an_empty_folded_slice_is_an_empty_original_slice(text: str, position: int) -> None:
    folded = fold_with_offsets(text)
    position = min(position, len(folded.text))
    start, stop = folded.to_original(position, position)
    assert start == stop


def test_a_hashtag_folds_to_its_words():
    text = "في محافظة #البيضاء و#الساحل_الغربي"
    folded = fold_with_offsets(text)
    assert folded.text == "في محافظه  البيضاء و الساحل الغربي"
    begin = folded.text.index("البيضاء")
    assert text[folded.origin[begin]:folded.origin[begin] + 7] == "البيضاء"

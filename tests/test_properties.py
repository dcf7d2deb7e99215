"""Properties that must hold for any input (hypothesis): folding, IRI minting and the readers.

- Folding is idempotent, and its offset map is what every span in the graph relies on: it is
  strictly increasing, in range, and maps each folded slice back to an original slice that
  folds to exactly that slice.
- IRIs minted for any Arabic, Latin or mixed string are valid IRIs (pyoxigraph accepts them),
  distinct names never share one, and a second process (another hash seed) mints the same.
- The readers turn any bytes, as a .txt, .jsonl or .jsonl.gz file, into articles and problems:
  they never raise, and every article they give is clean text.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictkg import iris
from conflictkg.nlp.normalize import fold, fold_with_offsets
from conflictkg.read import Article, ReadOptions, ReadProblem, read_articles

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What Arabic news text is made of, and what hostile text adds: letters and their variants,
# diacritics, tatweel, Arabic-Indic and Persian digits, direction marks and joiners, Latin,
# punctuation, and anything else Unicode has (except lone surrogates, which no reader lets in).
ARABIC_PIECES = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىةٱ") + [
    "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640",   # tashkeel, dagger alif, tatweel
    "٠", "١", "٩", "۴", "٫", "٬", "0", "7",                                  # digits and separators
    "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202b", "\u2066", "\ufeff",  # marks and joiners
    " ", "\n", "«", "»", "-", "،", "A", "b", "İ", "ẞ", "Σ",
]
arabic_text = st.lists(st.sampled_from(ARABIC_PIECES), max_size=60).map("".join)
any_text = st.one_of(arabic_text, st.text(max_size=60), st.tuples(arabic_text, st.text(max_size=20)).map("".join))


# --------------------------------------------------------------------------- the normaliser

@PROPERTY
@given(any_text)
def test_folding_is_idempotent(text: str):
    assert fold(fold(text)) == fold(text)


@PROPERTY
@given(any_text)
def test_offset_map_is_increasing_in_range_and_points_at_what_folds_to_it(text: str):
    folded = fold_with_offsets(text)
    assert folded.text == fold(text)
    assert len(folded.origin) == len(folded.text) and folded.original_length == len(text)
    assert all(a < b for a, b in zip(folded.origin, folded.origin[1:]))
    assert all(0 <= index < len(text) for index in folded.origin)
    for char, index in zip(folded.text, folded.origin):
        assert fold(text[index]) == char


@PROPERTY
@given(any_text, st.data())
def test_a_span_found_in_folded_text_maps_to_an_original_slice_that_folds_to_it(text: str, data):
    folded = fold_with_offsets(text)
    if not folded.text:
        return
    begin = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(begin + 1, len(folded.text)))
    start, stop = folded.to_original(begin, end)
    assert 0 <= start < stop <= len(text)
    assert fold(text[start:stop]) == folded.text[begin:end]
    # A found name starts on a character that is really there; past its last letter it may only
    # take the marks written on that letter, never a character that folds to something.
    assert fold(text[start]) == folded.text[begin]
    last_letter = folded.origin[end - 1]
    assert fold(text[last_letter]) == folded.text[end - 1] and fold(text[last_letter + 1:stop]) == ""


def test_an_empty_folded_slice_maps_to_an_empty_original_slice():
    folded = fold_with_offsets("اااا\u200c")   # folds to four letters; the ZWNJ is dropped
    start, stop = folded.to_original(4, 4)
    assert start == stop
    middle = fold_with_offsets("ا\u064eب")      # a fatha between the two letters
    assert middle.to_original(1, 1)[0] <= middle.to_original(1, 1)[1]


# --------------------------------------------------------------------------- IRI minting

def minted_iris(name: str) -> list[str]:
    """Every kind of IRI a name (as an id, an actor or place name, a statement part) can mint."""
    article = iris.article_iri(name)
    return [article, iris.minted_entity_iri("actor", fold(name)), iris.minted_entity_iri("place", fold(name)),
            iris.statement_iri(article, "allegiance", name, "PledgesAllegiance", name),
            iris.span_iri(article, 3, 9), iris.event_iri(article, "AirStrike", 3)]


@PROPERTY
@given(any_text)
def test_any_name_mints_valid_iris(name: str):
    for iri in minted_iris(name):
        assert ox.NamedNode(iri).value == iri  # pyoxigraph parses and refuses invalid IRIs


@PROPERTY
@given(any_text, any_text)
def test_distinct_names_never_share_an_iri(first: str, second: str):
    if first != second:
        assert iris.article_iri(first) != iris.article_iri(second)
    if fold(first) != fold(second):
        assert iris.minted_entity_iri("actor", fold(first)) != iris.minted_entity_iri("actor", fold(second))
    # The same name as an actor and as a place is two entities.
    assert iris.minted_entity_iri("actor", fold(first)) != iris.minted_entity_iri("place", fold(first))


MINT_IN_ANOTHER_PROCESS = """
import json, sys
from conflictkg import iris
from conflictkg.nlp.normalize import fold
names = json.load(sys.stdin)
json.dump([[iris.article_iri(n), iris.minted_entity_iri("actor", fold(n)),
            iris.statement_iri(iris.article_iri(n), "control", n, n)] for n in names], sys.stdout)
"""


def test_iris_are_the_same_in_another_process():
    rng = random.Random(8)
    names = ["".join(rng.choices(ARABIC_PIECES, k=rng.randint(1, 30))) for _ in range(300)]
    here = [[iris.article_iri(n), iris.minted_entity_iri("actor", fold(n)),
             iris.statement_iri(iris.article_iri(n), "control", n, n)] for n in names]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # a different str hash than this process
    done = subprocess.run([sys.executable, "-c", MINT_IN_ANOTHER_PROCESS], input=json.dumps(names),
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    assert json.loads(done.stdout) == here
    assert len({row[1] for row in here}) == len({fold(n) for n in names})


# --------------------------------------------------------------------------- the readers

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8)
article_record = st.fixed_dictionaries(
    {}, optional={"id": json_value, "text": json_value | any_text, "title": json_value,
                  "published": json_value | st.dates().map(str), "url": json_value, "source": json_value})
json_line = st.one_of(article_record.map(lambda r: json.dumps(r, ensure_ascii=False)),
                      article_record.map(json.dumps), json_value.map(json.dumps), any_text,
                      any_text.map(lambda t: json.dumps({"text": t})[:-2] + '\\udc00"}'))  # a lone surrogate
jsonl_bytes = st.one_of(
    st.binary(max_size=600),
    st.lists(json_line, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    st.lists(json_line, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-16")))
text_bytes = st.one_of(st.binary(max_size=600), any_text.map(str.encode),
                       any_text.map(lambda t: t.encode("utf-16")),
                       any_text.map(lambda t: f"<html><body><p>{t}</p><script>{t}</script></body></html>".encode()))


def read_file(name: str, data: bytes) -> list[Article | ReadProblem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_articles([path], ReadOptions(max_bytes=400)))


def assert_articles_or_problems(results: list) -> None:
    assert results, "every input gives at least an article or a problem"
    for result in results:
        assert isinstance(result, (Article, ReadProblem))
        if isinstance(result, Article):
            assert result.text and result.text == result.text.strip()
            assert unicodedata.is_normalized("NFC", result.text)
            assert not any(ord(c) < 0x20 and c not in "\n\t" for c in result.text)
            result.text.encode("utf-8")  # no lone surrogate slipped through
            assert ox.NamedNode(iris.article_iri(result.id))
            assert len(result.content_hash) == 64
        else:
            assert result.origin and result.problem


@PROPERTY
@given(text_bytes)
def test_any_bytes_as_a_text_file_give_an_article_or_a_problem(data: bytes):
    assert_articles_or_problems(read_file("input.txt", data))


@PROPERTY
@given(jsonl_bytes)
def test_any_bytes_as_json_lines_give_articles_or_problems(data: bytes):
    assert_articles_or_problems(read_file("input.jsonl", data))


@PROPERTY
@given(jsonl_bytes, st.integers(0, 1000), st.booleans())
def test_any_bytes_as_gzipped_json_lines_give_articles_or_problems(data: bytes, cut: int, corrupt: bool):
    packed = gzip.compress(data)
    if corrupt:  # a flipped byte inside the stream, or a file cut short
        packed = packed[:cut % len(packed)] + bytes([packed[cut % len(packed)] ^ 0xFF]) + packed[cut % len(packed) + 1:]
    else:
        packed = packed[:max(1, len(packed) - cut)]
    assert_articles_or_problems(read_file("input.jsonl.gz", packed))

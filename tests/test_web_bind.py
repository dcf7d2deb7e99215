"""/library/bind: the page's form binds a library query's parameters as the command line does."""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from conflictkg.serve import endpoint_process
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import fixture_graphs


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bind") / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    with endpoint_process(folder) as url:
        yield url


def bind(base: str, *pairs: tuple[str, str]) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{base}/library/bind?{urlencode(pairs)}", timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_parameters_are_bound_as_terms(base):
    status, text = bind(base, ("query", "events-by-type-and-place"), ("param", "type=Shelling"),
                        ("param", "from=2018-07-01"))
    assert status == 200
    assert ('VALUES (?type ?place ?from ?to) { (<https://w3id.org/conflictkg/ontology#Shelling> UNDEF '
            '"2018-07-01"^^<http://www.w3.org/2001/XMLSchema#date> UNDEF) }') in text


@pytest.mark.parametrize("pairs,message", [
    ((("query", "events-by-type-and-place"), ("param", "type=Airstrike")), "nearest: ck:AirStrike"),
    ((("query", "pledged-allegiance"), ("param", "actor=actor:no-such-group")), "actor:no-such-group names nothing"),
    ((("query", "events-per-day"), ("param", "from=yesterday")), "not a date"),
    ((("query", "who-struck-where"),), "no query 'who-struck-where' in the library"),
    ((("query", "../../queries/events-per-day.rq"),), "in the library"),
    ((), "give exactly one query=NAME"),
])
def test_a_bad_value_is_a_400_that_says_why(base, pairs, message):
    status, text = bind(base, *pairs)
    assert status == 400 and message in text

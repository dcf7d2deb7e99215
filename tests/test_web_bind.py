"""/library/bind: the page's form binds a library query's parameters as the command line does."""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from test_web_page import page  # noqa: F401 (the endpoint over the fixture graph, without a browser)


def bind(base: str, *pairs: tuple[str, str]) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{base}/library/bind?{urlencode(pairs)}", timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_parameters_are_bound_as_terms(page):  # noqa: F811
    status, text = bind(page, ("query", "events-by-type-and-place"), ("param", "type=Shelling"),
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
def test_a_bad_value_is_a_400_that_says_why(page, pairs, message):  # noqa: F811
    status, text = bind(page, *pairs)
    assert status == 400 and message in text

"""The offline picture: one HTML page holding its data and its script, nothing fetched.

How it behaves in a browser (drawing, filters, search, hover) is tested in headless Chromium in
tests/test_picture_browser.py; this file checks the page itself."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re

import pytest

from conflictkg.export import export_store
from conflictkg.export.picture import _day_span, _json_for_script
from test_queries_fixture import fixture_store


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "picture.html"
    export_store(fixture_store(), "html", path)
    return path.read_text(encoding="utf-8")


def page_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))


def test_the_page_carries_the_network_the_events_and_the_places(page):
    data = page_data(page)
    labels = {n["label"] for n in data["nodes"]} | {n["label_ar"] for n in data["nodes"]}
    assert {"Jaish Khalid bin al-Walid", "جيش خالد بن الوليد"} <= labels
    assert len(data["events"]) == 4 and all(e["type"] for e in data["events"])
    assert {e["relation"] for e in data["edges"]} >= {"PledgedAllegiance", "co-participation"}
    assert all(-1.01 <= n["x"] <= 1.01 and -1.01 <= n["y"] <= 1.01 for n in data["nodes"])
    assert any(p["label"] == "Nawa" for p in data["places"])


def test_the_page_works_offline(page):
    assert "<link" not in page and not re.search(r'(src|href)\s*=', page)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1  # the only script that runs is the one whose hash the policy allows
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"default-src 'none'; script-src 'sha256-{digest}'" in page


def test_labels_cannot_break_out_of_the_data(page):
    hostile = 'قائد "</script><script>alert(1)</script> <!-- & \u2028'
    text = _json_for_script({"label": hostile})
    assert "<" not in text and ">" not in text and json.loads(text) == {"label": hostile}
    assert any(n["label"] == 'كتيبة أنصار الحق = "قائد" @ميداني' for n in page_data(page)["nodes"])


def test_the_timeline_span_leaves_out_outlying_days():
    days = [dt.date(2018, 1, 1) + dt.timedelta(days=n) for n in range(300)] + [dt.date(1976, 5, 1), dt.date(2025, 1, 1)]
    assert _day_span(days) == ("2018-01-03", "2018-10-25")  # 1% cut at each end: 3 of 302 days
    assert _day_span([dt.date(1976, 5, 1), dt.date(2018, 1, 1)]) == ("1976-05-01", "2018-01-01")


def test_the_first_view_of_the_timeline_follows_the_articles_dates():
    days = [dt.date(2003, 1, 1), dt.date(2018, 3, 5), dt.date(2018, 9, 1)]
    published = [dt.date(2018, 2, 10), dt.date(2018, 10, 13)]
    assert _day_span(days, published) == ("2018-01-10", "2018-10-13")

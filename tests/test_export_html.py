"""The offline picture: one HTML page with the actor network and the event timeline, nothing fetched."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from conflictkg.export import export_store
from test_queries_fixture import fixture_store


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "picture.html"
    export_store(fixture_store(), "html", path)
    return path.read_text(encoding="utf-8")


def test_the_page_draws_the_network_and_the_timeline(page):
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 2
    network, timeline = (etree.fromstring(svg) for svg in svgs)   # each is well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in network.iter(f"{ns}text")]
    assert "Jaish Khalid bin al-Walid" in texts and "جيش خالد بن الوليد" in texts
    assert len(list(network.iter(f"{ns}circle"))) == 7
    assert len(list(timeline.iter(f"{ns}rect"))) == 4          # one mark per event


def test_the_page_works_offline(page):
    assert "<script" not in page and "<link" not in page
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "default-src 'none'" in page


def test_labels_are_escaped(page):
    assert "كتيبة أنصار الحق = &quot;قائد&quot; @ميداني" in page   # the minted actor's label, quotes escaped

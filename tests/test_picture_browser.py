"""The offline picture in headless Chromium: it loads, draws, filters, searches and explains."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from test_web_page import CHROMEDRIVER, CHROMIUM, browser  # noqa: F401 (the browser fixture)

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="Debian's chromium and chromium-driver are not installed")


@pytest.fixture(scope="module")
def picture(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("picture") / "picture.html"
    result = CliRunner().invoke(main, ["export", "html", str(path), "--store", str(example_store)])
    assert result.exit_code == 0, result.output
    return path


def open_page(browser, picture):  # noqa: F811
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1400, 2400)  # the whole page in view: the pointer reaches every canvas
    browser.get(picture.as_uri())
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.body.dataset.ready") == "true")


def shown(browser, canvas: str, what: str) -> int:  # noqa: F811
    return int(browser.execute_script(f"return document.getElementById('{canvas}').dataset.{what}"))


def test_the_page_is_self_contained(picture):
    page = picture.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)\s*=\s*"', page)
    assert "default-src 'none'; script-src 'sha256-" in page
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))
    assert {"Jaish Khalid bin al-Walid", "جيش خالد بن الوليد"} <= {n["label"] for n in data["nodes"]} | {n["label_ar"] for n in data["nodes"]}
    assert "hostility" in {e["relation"] for e in data["edges"]}


def test_it_loads_and_draws_without_errors(browser, picture):  # noqa: F811
    open_page(browser, picture)
    data_nodes = browser.execute_script("return DATA.nodes.length")
    assert shown(browser, "network", "nodes") == data_nodes > 5
    assert shown(browser, "network", "edges") > 3
    assert shown(browser, "timeline", "events") >= 10
    assert shown(browser, "map", "events") >= 5
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def test_the_timeline_axis_has_readable_ticks_over_the_real_dates(browser, picture):  # noqa: F811
    open_page(browser, picture)
    ticks = browser.execute_script("return document.getElementById('timeline').dataset.ticks").split()
    assert len(ticks) >= 4 and "2017-04" in ticks and "2018-07" in ticks


def test_filters_by_kind_and_by_dates(browser, picture):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, picture)
    everything = shown(browser, "network", "nodes")
    browser.find_element(By.CSS_SELECTOR, "input.kind[value='ArmedGroup']").click()
    fewer = shown(browser, "network", "nodes")
    assert 0 < fewer < everything
    browser.find_element(By.CSS_SELECTOR, "input.kind[value='ArmedGroup']").click()
    assert shown(browser, "network", "nodes") == everything
    browser.execute_script("""const f = document.getElementById('from'), t = document.getElementById('to');
        f.value = '2018-07-01'; t.value = '2018-07-31';
        f.dispatchEvent(new Event('change')); t.dispatchEvent(new Event('change'));""")
    assert 0 < shown(browser, "timeline", "events") < 13
    assert shown(browser, "network", "nodes") < everything


def test_search_and_hover_say_what_a_node_and_a_tie_are(browser, picture):  # noqa: F811
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, picture)
    browser.find_element(By.ID, "search").send_keys("خالد")
    canvas = browser.find_element(By.ID, "network")
    x, y = browser.execute_script("""const n = DATA.nodes.find((n) => n.search.includes('خالد'));
        return toScreen(n);""")
    box = canvas.rect
    ActionChains(browser).move_to_element_with_offset(canvas, x - box["width"] / 2, y - box["height"] / 2).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and "Jaish Khalid bin al-Walid" in tip.text and "ArmedGroup" in tip.text

"""The query page in headless Chromium: choose a library query, run it, read the answer."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from conflictkg.serve import endpoint_process
from conflictkg.store.oxigraph import OxigraphStore
from test_queries_fixture import fixture_graphs

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="Debian's chromium and chromium-driver are not installed")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page") / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs(fixture_graphs())
    with endpoint_process(folder) as base:
        yield base


def test_a_library_query_runs_from_the_page(browser, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page + "/")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#example option")) > 15)
    Select(browser.find_element(By.ID, "example")).select_by_value("pledged-allegiance")
    assert "VALUES (?actor)" in browser.find_element(By.ID, "query").get_property("value")
    browser.find_element(By.ID, "run").click()
    wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#result-table tbody tr"))
    cells = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#result-table tbody td")]
    assert "Jaish Khalid bin al-Walid" in cells and "جيش خالد بن الوليد" in cells and "بايع" in cells
    assert "row(s)" in browser.find_element(By.ID, "status").text


def test_the_page_shows_a_refusal(browser, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page + "/")
    box = browser.find_element(By.ID, "query")
    box.clear()
    box.send_keys("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 20).until(lambda b: "403" in b.find_element(By.ID, "status").text)
    assert "SERVICE is refused" in browser.find_element(By.ID, "status").text

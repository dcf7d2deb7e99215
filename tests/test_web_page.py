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


def choose(browser, page, name: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page + "/")
    WebDriverWait(browser, 20).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#example option")) > 15)
    Select(browser.find_element(By.ID, "example")).select_by_value(name)


def run_and_wait(browser, done):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 20).until(done)


def test_a_form_binds_the_parameters_and_labels_stand_beside_iris(browser, page):
    from selenium.webdriver.common.by import By

    choose(browser, page, "events-by-type-and-place")
    inputs = {i.get_attribute("name"): i for i in browser.find_elements(By.CSS_SELECTOR, "#params input")}
    assert set(inputs) == {"type", "place", "from", "to"}
    assert inputs["from"].get_attribute("type") == "date" and inputs["type"].get_attribute("placeholder") == "ck:AirStrike"
    inputs["type"].send_keys("AirStrike")
    run_and_wait(browser, lambda b: "row(s)" in b.find_element(By.ID, "status").text)
    assert "(?type ?place ?from ?to) { (<https://w3id.org/conflictkg/ontology#AirStrike> UNDEF UNDEF UNDEF) }" \
        in browser.find_element(By.ID, "query").get_property("value")
    labelled = {c.get_attribute("title"): c.find_element(By.CLASS_NAME, "label").text
                for c in browser.find_elements(By.CSS_SELECTOR, "#result-table td.uri") if c.find_elements(By.CLASS_NAME, "label")}
    assert labelled, "no IRI cell shows a label"
    assert any(iri.endswith("/place/nawa") and label == "Nawa" for iri, label in labelled.items()), labelled


def test_a_value_naming_nothing_is_shown_with_the_nearest(browser, page):
    from selenium.webdriver.common.by import By

    choose(browser, page, "pledged-allegiance")
    browser.find_element(By.ID, "param-actor").send_keys("actor:islamic-stat")
    run_and_wait(browser, lambda b: "parameters:" in b.find_element(By.ID, "status").text)
    status = browser.find_element(By.ID, "status").text
    assert "actor:islamic-stat names nothing in the graph" in status and "actor:islamic-state" in status
    assert not browser.find_elements(By.CSS_SELECTOR, "#result-table")


def test_results_download_as_csv(browser, page, tmp_path):
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    choose(browser, page, "pledged-allegiance")
    browser.find_element(By.ID, "csv").click()
    WebDriverWait(browser, 20).until(lambda b: "CSV ready" in b.find_element(By.ID, "status").text)
    saved = tmp_path / "pledged-allegiance.csv"
    for _ in range(100):
        if saved.exists():
            break
        time.sleep(0.1)
    text = saved.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "group,group_en,group_ar,earliest,article,evidence_text"
    assert "جيش خالد بن الوليد" in text

"""The offline picture at scale, in headless Chromium: build N Syria articles of the ANT corpus,
export the picture, open it, and record how long it takes to draw, what it draws, what the
filters leave, and a screenshot.

    .venv/bin/python -m bench.picture [--articles 300] [--jobs 2] [--keep-store DIR]

Writes ``results/picture-N.{md,json}`` and ``results/picture-N.png``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.recording import CORPUS, RESULTS, corpus_or_exit, load_average, write_result

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# The Syria articles as bench/coverage.py selects them (the 300-article build).
SYRIA_WORDS = ("سوريا", "سورية", "السوري")
SYRIA_CATEGORIES = {"middleEast", "internationalNews"}


def syria_records(corpus: Path, limit: int) -> list[dict]:
    """The first ``limit`` Syria articles of the corpus (as bench.coverage selects them)."""
    records = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("category") in SYRIA_CATEGORIES and any(w in record["text"] for w in SYRIA_WORDS):
                records.append(record)
                if len(records) == limit:
                    break
    return records


def conflictkg(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "conflictkg", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def browse(page: Path, screenshot: Path) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="ck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1400,2300",
                 "--disable-background-networking", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        started = time.perf_counter()
        driver.get(page.as_uri())
        WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
        loaded = time.perf_counter() - started

        def drawn() -> dict:
            return driver.execute_script("""const d = (id) => document.getElementById(id).dataset;
                return {nodes: +d('network').nodes, edges: +d('network').edges, timeline_events: +d('timeline').events,
                        map_events: +d('map').events, ticks: d('timeline').ticks};""")

        result = {"load_seconds": round(loaded, 2), "data": driver.execute_script(
            "return {nodes: DATA.nodes.length, edges: DATA.edges.length, events: DATA.events.length, "
            "first: DATA.first, last: DATA.last}"), "drawn": drawn()}
        driver.save_screenshot(str(screenshot))
        started = time.perf_counter()
        driver.execute_script("document.querySelector(\"input.kind[value='Person']\")?.click()")
        result["without_people"] = drawn()
        result["filter_seconds"] = round(time.perf_counter() - started, 3)
        driver.execute_script("document.querySelector(\"input.kind[value='Person']\")?.click();"
                              "const f = document.getElementById('from'), t = document.getElementById('to');"
                              "f.value = '2018-03-01'; t.value = '2018-03-31';"
                              "f.dispatchEvent(new Event('change')); t.dispatchEvent(new Event('change'));")
        result["march_2018"] = drawn()
        result["severe_console_messages"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        return result
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep-store", type=Path)
    args = parser.parse_args(argv)
    corpus = corpus_or_exit(args.corpus)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="ck-picture-") as folder:
        work = Path(folder)
        records = syria_records(corpus, args.articles)
        with gzip.open(work / "articles.jsonl.gz", "wt", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        store = args.keep_store or work / "store"
        build_seconds = conflictkg("build", str(work / "articles.jsonl.gz"), "--store", str(store), "--jobs", str(args.jobs))
        page = work / "picture.html"
        export_seconds = conflictkg("export", "html", str(page), "--store", str(store))
        screenshot = RESULTS / f"picture-{args.articles}.png"
        RESULTS.mkdir(parents=True, exist_ok=True)
        browser = browse(page, screenshot)
        result = {"articles": len(records), "build_seconds": round(build_seconds, 1),
                  "export_seconds": round(export_seconds, 1), "page_bytes": page.stat().st_size,
                  "screenshot": screenshot.name, **browser}
    d, drawn = result["data"], result["drawn"]
    markdown = f"""| measure | value |
|---|---|
| articles built | {result['articles']} ({result['build_seconds']} s, --jobs {args.jobs}) |
| export html | {result['export_seconds']} s, {result['page_bytes']:,} bytes |
| in the page | {d['nodes']} actors, {d['edges']} ties, {d['events']} events, timeline {d['first']} – {d['last']} |
| drawn on load | {drawn['nodes']} actors, {drawn['edges']} ties, {drawn['timeline_events']} events on the timeline, {drawn['map_events']} on the map |
| load to drawn | {result['load_seconds']} s |
| timeline ticks | {drawn['ticks']} |
| without people | {result['without_people']['nodes']} actors, {result['without_people']['edges']} ties ({result['filter_seconds']} s) |
| March 2018 only | {result['march_2018']['nodes']} actors, {result['march_2018']['edges']} ties, {result['march_2018']['timeline_events']} events |
| console errors | {len(result['severe_console_messages'])} |

![the picture]({result['screenshot']})
"""
    write_result(f"picture-{args.articles}", result, load_before, markdown, module="bench.picture", argv=argv)


if __name__ == "__main__":
    main()

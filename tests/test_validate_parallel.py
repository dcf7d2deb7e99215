"""Validation in batches, on several cores, and during a build: always the findings of validating
each article alone, with the catalogue it reaches."""
from __future__ import annotations

import dataclasses
import datetime as dt

from click.testing import CliRunner
from rdflib import URIRef
from conftest import write_jsonl
from test_shapes import (CKS, FSA, JAISH_KHALID, MINTED_QUARTER, NAWA, PLACE, PUBLISHED, TEXT, background,
                         make_article, make_extraction, stored, written)

from conflictkg.build import background_graphs, build_corpus
from conflictkg.cli import main
from conflictkg.namespaces import CK
from conflictkg.parallel import LocalEngine
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import (UNVALIDATED, ValidationReport, build_check, validate_articles,
                                 validate_serialized, validate_store)
import conflictkg.validate as validation


def articles_with_violations() -> list[tuple[str, list]]:
    """Three articles, two of them wrong only in what they say about nodes they share with others.

    ``a-no-edge`` lacks the direct edge of a pledge the catalogue does not know, which
    ``b-two-withins`` writes for the same two actors; ``b-two-withins`` puts the minted quarter, which every article mints, within two
    places. Validated together without care, each would hide or spread the other's problem.
    """
    a_name, a = written(make_article("a-no-edge"), make_extraction(allegiance_target=FSA))
    a = [t for t in a if not (t[0] == URIRef(JAISH_KHALID) and t[2] == URIRef(FSA))]
    b_name, b = written(make_article("b-two-withins"), make_extraction(allegiance_target=FSA))
    quarter = URIRef(MINTED_QUARTER)
    b += [(quarter, CK.within, URIRef(NAWA)), (quarter, CK.within, URIRef(PLACE + "daraa-governorate"))]
    c = written(make_article("c-intact"), make_extraction())
    return [(a_name, stored(a_name, a)), (b_name, stored(b_name, b)), c]


def summary(report: ValidationReport) -> list[tuple]:
    return [dataclasses.astuple(finding) for finding in report.findings]


def alone(articles) -> ValidationReport:
    report = ValidationReport()
    for article in articles:
        report.merge(validate_articles([article], background()))
    return report


def test_a_batch_finds_what_each_article_alone_finds():
    articles = articles_with_violations()
    together = validate_articles(articles, background())
    assert summary(together) == summary(alone(articles))
    found = {(f.article, f.shape) for f in together.violations}
    assert found == {("a-no-edge", CKS + "Allegiance-direct-edge"), ("b-two-withins", CKS + "Place-within")}
    [within] = [f for f in together.violations if f.shape == CKS + "Place-within"]
    assert within.focus == str(MINTED_QUARTER)  # the node itself, not the article's copy of it
    assert together.articles == 3


def test_one_and_two_jobs_find_the_same(tmp_path):
    with OxigraphStore(tmp_path / "store") as store:
        store.replace_graphs(background_graphs() + articles_with_violations())
        one, two = validate_store(store, jobs=1), validate_store(store, jobs=2)
    assert summary(one) == summary(two)
    assert {(f.article, f.shape) for f in one.violations} == {
        ("a-no-edge", CKS + "Allegiance-direct-edge"), ("b-two-withins", CKS + "Place-within")}
    assert one.articles == two.articles == 3


class LateExtractor:
    """An extractor that dates the air strike after the article was published (a violation)."""

    def extract(self, article):
        extraction = make_extraction()
        extraction.events[0].date = article.published + dt.timedelta(days=3)
        return extraction

    def extract_many(self, articles, batch_size=32):
        return [(article, self.extract(article)) for article in articles]


def test_a_build_that_validates_finds_what_validate_finds_later(tmp_path):
    title, body = TEXT.split("\n\n", 1)
    corpus = write_jsonl(tmp_path / "articles.jsonl", [
        {"id": name, "published": PUBLISHED.isoformat(), "title": title, "text": body} for name in ("strike", "clash")])
    during = ValidationReport()
    with OxigraphStore(tmp_path / "store") as store:
        with LocalEngine(1, extractor=LateExtractor(), check=build_check) as engine:
            build_corpus([corpus], store, engine=engine, on_checked=during.merge)
        later_one, later_two = validate_store(store, jobs=1), validate_store(store, jobs=2)
    assert summary(during) == summary(later_one) == summary(later_two)
    assert {(f.article, f.shape) for f in during.violations} == {
        ("strike", CKS + "Event-not-after-its-article"), ("clash", CKS + "Event-not-after-its-article")}


def test_the_command_validates_as_it_builds_and_reports_like_validate(tmp_path):
    store = str(tmp_path / "store")
    built = CliRunner().invoke(main, ["build", "--examples", "--store", store, "--jobs", "2", "--validate"])
    assert built.exit_code == 0, built.output
    checked = CliRunner().invoke(main, ["validate", "--store", store, "--jobs", "2"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.strip() and checked.output.strip() in built.output
    assert "7 article(s) and the catalogue checked: 0 violation(s)" in built.output


def test_a_build_that_builds_nothing_still_checks_the_catalogue(tmp_path, monkeypatch):
    """The workers bring the catalogue's findings with each batch; with no batch (every article
    unchanged) the build's own process checks the catalogue, once."""
    store = str(tmp_path / "store")
    calls = []
    catalogue_report = validation.catalogue_report
    monkeypatch.setattr(validation, "catalogue_report", lambda **kw: calls.append(kw) or catalogue_report(**kw))
    first = CliRunner().invoke(main, ["build", "--examples", "--store", store, "--validate"])
    assert first.exit_code == 0, first.output
    assert calls == []
    again = CliRunner().invoke(main, ["build", "--examples", "--store", store, "--validate"])
    assert again.exit_code == 0, again.output
    assert len(calls) == 1 and "0 violation(s)" in again.output


def test_validate_refuses_a_dask_build_and_verbose_alone():
    for args in (["--engine", "dask", "--validate"], ["--verbose"]):
        result = CliRunner().invoke(main, ["build", "--examples", *args])
        assert result.exit_code == 2 and "--validate" in result.output


def test_an_article_that_cannot_be_validated_does_not_stop_the_rest(monkeypatch):
    articles = articles_with_violations()
    run_shapes = validation.validate

    def fails_on_b(data, shapes=None):
        if any("b-two-withins" in str(s) for s in data.subjects()):
            raise RecursionError("too deep")
        return run_shapes(data, shapes)

    monkeypatch.setattr(validation, "validate", fails_on_b)
    report = validate_serialized([serialize_graph(name, triples) for name, triples in articles], background())
    assert {(f.article, f.shape) for f in report.violations} == {
        ("a-no-edge", CKS + "Allegiance-direct-edge"), ("b-two-withins", UNVALIDATED)}
    [failed] = [f for f in report.violations if f.shape == UNVALIDATED]
    assert "RecursionError: too deep" in failed.message_en
    assert report.articles == 3 and not report.conforms

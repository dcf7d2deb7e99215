"""A problem of the catalogue is reported once, by the catalogue's check, however many articles
name the node; an article that changes a catalogue node still has that node checked as it sees
it. Both validators, alone and over a store."""
from __future__ import annotations

from functools import lru_cache

import pytest
from rdflib import RDFS, URIRef
from test_shapes import CKS, NAWA, make_article, make_extraction, written

from conflictkg import iris
from conflictkg.build import background_graphs
from conflictkg.namespaces import CK, DEFAULT_BASE
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import CATALOGUE, VALIDATORS, make_validator, validate_store

CATALOGUE_GRAPH = iris.catalogue_graph_iri(DEFAULT_BASE)


def without_nawa_labels(graphs):
    """The background with Nawa's labels taken out of the catalogue: one finding of its own."""
    return [(name, [t for t in triples if not (name == CATALOGUE_GRAPH and t[0] == URIRef(NAWA) and t[1] == RDFS.label)])
            for name, triples in graphs]


@lru_cache(maxsize=1)
def broken_background():
    return without_nawa_labels(background_graphs())


def articles_naming_nawa(count: int = 3):
    """``count`` articles whose air strike is in Nawa (a catalogue place they do not describe)."""
    return [written(make_article(f"nawa-{number}"), make_extraction()) for number in range(count)]


def nawa_label_findings(report):
    return [(f.article, f.focus) for f in report.findings if f.shape == CKS + "Place-label-ar"]


@pytest.mark.parametrize("validator", VALIDATORS)
def test_checking_articles_leaves_an_unchanged_catalogue_node_to_the_catalogue(validator):
    checker = make_validator(validator, [serialize_graph(name, triples) for name, triples in broken_background()])
    articles = checker.check_articles([serialize_graph(name, triples) for name, triples in articles_naming_nawa()])
    assert nawa_label_findings(articles) == [] and articles.articles == 3
    assert nawa_label_findings(checker.check_catalogue()) == [(CATALOGUE, NAWA)]


@pytest.mark.parametrize("validator", VALIDATORS)
def test_the_catalogue_is_checked_once_and_its_report_kept(validator):
    checker = make_validator(validator, [serialize_graph(name, triples) for name, triples in broken_background()])
    first = checker.check_catalogue()
    first.results.clear()  # the caller's copy: what it does with it does not change the kept report
    assert checker.catalogue_report is checker.catalogue_report
    assert nawa_label_findings(checker.check_catalogue()) == [(CATALOGUE, NAWA)]


@pytest.mark.parametrize("validator", VALIDATORS)
def test_an_article_that_changes_a_catalogue_node_has_it_checked_as_it_sees_it(validator):
    checker = make_validator(validator, [serialize_graph(name, triples) for name, triples in broken_background()])
    name, triples = written(make_article("nawa-relabelled"), make_extraction())
    # The article describes Nawa itself: Nawa, as this article sees it, is this article's to check.
    relabelled = [*triples, (URIRef(NAWA), CK.within, URIRef(NAWA.replace("nawa", "daraa-governorate")))]
    others = articles_naming_nawa(2)
    report = checker.check_articles([serialize_graph(n, t) for n, t in [*others, (name, relabelled)]])
    assert nawa_label_findings(report) == [("nawa-relabelled", NAWA)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_store_reports_a_catalogue_problem_once(tmp_path, jobs):
    with OxigraphStore(tmp_path / "store") as store:
        store.replace_graphs(broken_background() + articles_naming_nawa())
        reports = [validate_store(store, jobs=jobs, validator=validator) for validator in VALIDATORS]
    for report in reports:
        assert nawa_label_findings(report) == [(CATALOGUE, NAWA)] and report.articles == 3
    assert [f.as_dict() for f in reports[0].findings] == [f.as_dict() for f in reports[1].findings]


def test_a_catalogue_finding_keeps_its_words():
    checker = make_validator("sparql", [serialize_graph(name, triples) for name, triples in broken_background()])
    [finding] = [f for f in checker.check_catalogue().findings if f.shape == CKS + "Place-label-ar"]
    # Nawa has no label left: the finding names its kind, and says what is wrong in both languages.
    assert (finding.severity, finding.focus_label, finding.evidence) == ("Violation", "مدينة / City", "")
    assert finding.message_en and finding.message_ar

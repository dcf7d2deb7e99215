"""`conflictkg validate` and its Python API: built graphs that conform, reports an analyst can act
on, incremental validation article by article, and a second validator (pyrudof) that agrees."""
from __future__ import annotations

import json
from functools import lru_cache

import pyrudof
import pytest
from click.testing import CliRunner
from conftest import SEEDS, needs_shared
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from test_shapes import (ARTICLE, BREAKS, CKS, FIGURE, STRIKE, background, check, make_article,
                         make_extraction, stored, written)

from conflictkg.build import background_graphs, build_corpus
from conflictkg.cli import main
from conflictkg.namespaces import CK
from conflictkg.resources import examples_dir
from conflictkg.store.memory import MemoryStore
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import (CATALOGUE, Background, _graph, load_shapes, offending_node, validate,
                                 validate_article, validate_background, validate_store)


def test_the_example_corpus_conforms(tmp_path):
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([examples_dir()], store)
        report = validate_store(store)
    assert report.articles == 7
    assert report.conforms and report.violations == [], report.text()


@needs_shared(SEEDS)
def test_the_seeds_conform(tmp_path):
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([SEEDS], store)
        report = validate_store(store)
    assert report.articles == 2
    assert report.violations == [], report.text()


def test_a_memory_store_and_oxigraph_give_the_same_findings():
    name, triples = written()
    broken = [t for t in triples if t[1] != CK.location] + [(FIGURE, CK["count"], Literal(-1))]
    reports = []
    for store in (MemoryStore(), OxigraphStore(None)):
        store.replace_graphs(background_graphs() + [(name, broken)])
        reports.append({(f.focus, f.shape) for f in validate_store(store).findings})
    # the figure's count (twice: one value too many, one negative) and the two events' places
    assert reports[0] == reports[1] and len(reports[0]) == 3


def test_a_finding_names_its_node_article_evidence_and_message():
    name, triples = written()
    weakened = [t for t in triples if not (t[0] == STRIKE and t[1] in (CK.initiator, CK.date))]
    report = check(weakened + [(STRIKE, CK.date, Literal("2018-07-22"))], name)
    [violation] = report.violations
    assert violation.focus == str(STRIKE)
    assert violation.focus_label == "غارة جوية / Air strike"
    assert violation.article == "nawa-strikes"
    assert violation.evidence == "شنت طائرات حربية روسية يوم الأحد غارات"
    assert violation.message_en.startswith("An event has at most one ck:date")
    assert "xsd:date" in violation.message_ar and "للحدث" in violation.message_ar
    [warning] = report.warnings
    assert warning.message_en.startswith("The event names no initiator")
    text = report.text()
    assert text.index("VIOLATION") < text.index("WARNING") and "«شنت طائرات" in text


def test_the_kglab_shaped_api_returns_conforms_graph_and_text():
    name, triples = written()
    data = background().context_for(_graph([t for t in triples if t[1] != CK.qualifier]))
    conforms, report_graph, report_text = validate(data)
    assert conforms is False and "Figure" in report_text
    assert len(list(report_graph.subjects(RDF.type, SH.ValidationResult))) == 1


def test_warnings_alone_conform():
    name, triples = written()
    report = check([t for t in triples if t[1] != CK.location], name)
    assert report.conforms and len(report.warnings) == 2 and not report.violations


def test_an_article_is_validated_with_its_own_graph_and_the_catalogue_it_reaches():
    name, triples = written()
    context = background().context_for(_graph(stored(name, triples)))
    catalogue_subjects = set(background().catalogue.subjects())
    reached = {s for s in context.subjects() if s in catalogue_subjects}
    # Nawa, its district, governorate and country are there; Aleppo is not.
    assert {URIRef("https://w3id.org/conflictkg/id/place/" + p) for p in
            ("nawa", "izraa-district", "daraa-governorate", "syria")} <= reached
    assert URIRef("https://w3id.org/conflictkg/id/place/aleppo") not in reached
    assert len(reached) < len(set(background().catalogue.subjects(RDF.type))) / 5


def test_one_broken_article_does_not_touch_the_report_of_another():
    store = OxigraphStore(None)
    good = written(make_article("good"), make_extraction())
    bad_name, bad_triples = written(make_article("bad"), make_extraction())
    bad_triples = [t for t in bad_triples if t[1] != CK.modality]
    store.replace_graphs(background_graphs() + [good, (bad_name, bad_triples)])
    report = validate_store(store)
    assert {(f.article, f.shape.removeprefix(CKS)) for f in report.findings} == {("bad", "Event-modality")}
    assert report.articles == 2


def test_a_catalogue_problem_is_found_once_in_the_background_pass():
    catalogue = Graph() + background().catalogue
    nawa = URIRef("https://w3id.org/conflictkg/id/place/nawa")
    catalogue.remove((nawa, RDFS.label, None))
    changed = Background(catalogue, background().schema, background().class_labels)
    [finding] = validate_background(changed).findings
    assert (finding.focus, finding.article, finding.shape) == (str(nawa), CATALOGUE, CKS + "Place-label-ar")


# ---------------------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def broken_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("validate") / "store"
    name, triples = written()
    with OxigraphStore(path) as store:
        store.replace_graphs(background_graphs() + [(name, [t for t in triples if t[1] != CK.qualifier])])
    return path


def test_cli_exit_status_is_one_on_a_violation_and_text_names_it(broken_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(broken_store)])
    assert result.exit_code == 1, result.output
    assert "VIOLATION in article nawa-strikes" in result.output and "«مقتل سبعة مدنيين على الأقل»" in result.output


def test_cli_json_lists_the_findings(broken_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(broken_store), "--format", "json"])
    [finding] = json.loads(result.output)
    assert finding["shape"] == CKS + "Figure-qualifier" and finding["article"] == "nawa-strikes"
    assert finding["focus"] == str(FIGURE) and finding["severity"] == "Violation"


def test_cli_turtle_writes_one_shacl_report(broken_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(broken_store), "--format", "turtle"])
    graph = Graph().parse(data=result.output, format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)
    [result_node] = graph.objects(report, SH.result)
    assert graph.value(result_node, SH.focusNode) == FIGURE


def test_cli_exit_status_is_zero_on_a_conforming_store(tmp_path):
    with OxigraphStore(tmp_path / "store") as store:
        store.replace_graphs(background_graphs() + [written()])
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0 and "the graph conforms" in result.output


def test_cli_without_a_store_says_so(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and not (tmp_path / "nowhere").exists()


# ---------------------------------------------------------------------------- a second validator


def pyshacl_results(report) -> set[tuple[str, str, str]]:
    """(focus node, shape, severity); a SPARQL constraint counted under its node shape, as pyrudof does."""
    shapes = load_shapes()
    owner = {str(c): str(s) for s, c in shapes.subject_objects(SH.sparql)}
    return {(f.focus, owner.get(f.shape, f.shape), f.severity) for f in report.findings}


@lru_cache(maxsize=1)
def shapes_turtle() -> str:
    return load_shapes().serialize(format="turtle")


def pyrudof_results(data: Graph) -> set[tuple[str, str, str]]:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_shacl(shapes_turtle())
    rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    shapes = load_shapes()
    results = set()
    for r in rudof.validate_shacl().violations:
        shape = str(r.source_shape).strip("<>")
        value = URIRef(str(r.value).strip("<>")) if r.value is not None and str(r.value).startswith(("<", "http")) else None
        focus, _ = offending_node(shapes, URIRef(shape), URIRef(str(r.focus_node).strip("<>")), value)
        results.add((str(focus), shape, str(r.severity)))
    return results


CROSS_CHECKED = sorted(BREAKS) + ["intact"]


@pytest.mark.parametrize("case", CROSS_CHECKED)
def test_pyrudof_agrees_with_pyshacl(case: str):
    name, triples = written()
    broken = triples if case == "intact" else BREAKS[case][0](triples)
    data = background().context_for(_graph(stored(name, broken)))
    ours = pyshacl_results(validate_article(name, stored(name, broken), background()))
    assert pyrudof_results(data) == ours
    assert ours or case == "intact"


def test_pyrudof_agrees_on_the_catalogue():
    assert pyrudof_results(background().catalogue_data()) == set()
    assert validate_background(background()).findings == []


def test_background_from_store_equals_background_from_the_build():
    store = MemoryStore()
    store.replace_graphs(background_graphs())
    from_store = Background.from_store(store)
    assert len(from_store.catalogue) == len(background().catalogue)
    assert set(from_store.schema) == set(background().schema)
    assert from_store.class_labels[CK.AirStrike] == "غارة جوية / Air strike"
    assert str(ARTICLE).endswith("/article/nawa-strikes")


@pytest.fixture(scope="module")
def warned_store(tmp_path_factory):
    """Five articles whose two events have no place: ten warnings of one shape, no violation."""
    path = tmp_path_factory.mktemp("warned") / "store"
    graphs = background_graphs()
    for number in range(5):
        name, triples = written(make_article(f"nawa-{number}"))
        graphs.append((name, [t for t in triples if t[1] != CK.location]))
    with OxigraphStore(path) as store:
        store.replace_graphs(graphs)
    return path


def test_warnings_are_summarised_by_shape_unless_verbose(warned_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(warned_store)])
    assert result.exit_code == 0, result.output
    assert result.output.count("WARNING ×10: Event-location-missing") == 1
    assert result.output.count("e.g. article nawa-") == 3 and "… and 7 more" in result.output
    assert "WARNING in article" not in result.output
    verbose = CliRunner().invoke(main, ["validate", "--store", str(warned_store), "--verbose"])
    assert verbose.exit_code == 0 and verbose.output.count("WARNING in article nawa-") == 10

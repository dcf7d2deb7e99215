"""The shapes compiled to SPARQL (``--validator sparql``, the default) find exactly what pySHACL,
the validator of record, finds: on every broken graph of test_shapes.py, on articles that share
nodes, on the seeds, the dev set and real articles, and on small graphs written here that break
each SHACL construct the compiler knows once (and conform without the break)."""
from __future__ import annotations

import dataclasses
from functools import lru_cache

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import SEEDS, SHARED, needs_shared
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from test_shapes import BREAKS, stored, written
from test_shapes_anywhere import ANT, _real_slice
from test_validate_parallel import articles_with_violations

from conflictkg.build import background_graphs, background_nquads, build_corpus
from conflictkg.cli import main
from conflictkg.namespaces import CK
from conflictkg.shacl_sparql import _ANY_PREDICATE, UnsupportedShape, _named_by_hand, compile_shapes
from conflictkg.store.nquads import serialize_graph
from conflictkg.store.oxigraph import OxigraphStore
from conflictkg.validate import (Background, PyshaclValidator, SparqlValidator, ValidationReport, load_shapes,
                                 make_validator, stored_form, validate_articles, validate_store)

DEV = SHARED / "eval" / "dev" / "articles"


@lru_cache(maxsize=1)
def validators() -> tuple[SparqlValidator, PyshaclValidator]:
    background = background_nquads()
    return make_validator("sparql", background), make_validator("pyshacl", background)


def findings(report: ValidationReport) -> list[tuple]:
    return [dataclasses.astuple(finding) for finding in report.findings]


def both(articles: list[tuple[str, list]]) -> tuple[ValidationReport, ValidationReport]:
    graphs = [serialize_graph(name, triples) for name, triples in articles]
    sparql, pyshacl = validators()
    return sparql.check_articles(graphs), pyshacl.check_articles(graphs)


# ---------------------------------------------------------------------------- the project's shapes


def test_every_shape_of_the_project_is_compiled():
    constraints, left = compile_shapes(load_shapes())
    assert left == {}
    compiled = {str(c.constraint or c.shape) for c in constraints}
    assert "https://w3id.org/conflictkg/shapes#Mention-anchor-matches-text" in compiled
    assert "https://w3id.org/conflictkg/shapes#EventTimeShape" in compiled


@pytest.mark.parametrize("case", sorted(BREAKS) + ["intact"])
def test_both_validators_find_the_same_in_a_broken_article(case: str):
    name, triples = written()
    broken = triples if case == "intact" else BREAKS[case][0](triples)
    sparql, pyshacl = both([(name, stored(name, broken))])
    assert findings(sparql) == findings(pyshacl)
    assert (case == "intact") != bool(sparql.findings)
    assert isomorphic(sparql.report_graph(), pyshacl.report_graph())


def test_both_validators_see_each_article_alone():
    sparql, pyshacl = both(articles_with_violations())
    assert findings(sparql) == findings(pyshacl) and len(sparql.violations) == 2
    assert sparql.articles == pyshacl.articles == 3


def test_both_validators_find_the_same_in_the_catalogue():
    sparql, pyshacl = validators()
    assert findings(sparql.check_catalogue()) == findings(pyshacl.check_catalogue()) == []


def _stores_agree(tmp_path, sources) -> ValidationReport:
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus(sources, store)
        sparql, pyshacl = validate_store(store), validate_store(store, validator="pyshacl")
    assert findings(sparql) == findings(pyshacl)
    assert isomorphic(sparql.report_graph(), pyshacl.report_graph())
    return sparql


@needs_shared(SEEDS)
def test_both_validators_agree_on_the_seeds(tmp_path):
    assert _stores_agree(tmp_path, [SEEDS]).articles == 2


@needs_shared(DEV)
def test_both_validators_agree_on_the_dev_set(tmp_path):
    assert _stores_agree(tmp_path, [DEV]).articles > 10


@needs_shared(ANT)
def test_both_validators_agree_on_150_real_articles(tmp_path):
    report = _stores_agree(tmp_path, [_real_slice(tmp_path / "slice.jsonl", 150)])
    assert report.articles == 150 and report.warnings


def test_the_command_runs_either_validator_and_prints_the_same(tmp_path):
    name, triples = written()
    with OxigraphStore(tmp_path / "store") as store:
        store.replace_graphs(background_graphs() + [(name, [t for t in triples if t[1] != RDF.type or t[0] != URIRef(name)])])
    outputs = [CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "store"), "--validator", v, "--format", "json"])
               for v in ("sparql", "pyshacl")]
    assert outputs[0].exit_code == outputs[1].exit_code == 1
    assert outputs[0].output == outputs[1].output and "Mention-article" in outputs[0].output


# ---------------------------------------------------------------------------- each construct, by hand

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
@prefix n: <http://example.org/article/> .
"""
EX = "http://example.org/"
ARTICLE = f"{EX}article"
CATALOGUE_IRI = "https://w3id.org/conflictkg/id/graph/catalogue"
ONTOLOGY_IRI = "https://w3id.org/conflictkg/id/graph/ontology"
# The ontology of these tests: ex:Town is a subclass of ex:Place.
ONTOLOGY = [(URIRef(f"{EX}Town"), URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), URIRef(f"{EX}Place"))]
# The catalogue: one place, that the articles below reach.
CATALOGUE = [(URIRef(f"{EX}capital"), RDF.type, URIRef(f"{EX}Place"))]

# construct: (its shape, data that conforms, data that breaks it once); data in Turtle, about n:a
# (the article's own nodes are named under its IRI).
CONSTRUCTS = {
    "targetClass and minCount": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path ex:name ; sh:minCount 1 .",
                                 'n:a a ex:Town ; ex:name "x" .', "n:a a ex:Town ."),
    "targetNode and maxCount": ("ex:S a sh:PropertyShape ; sh:targetNode n:a ; sh:path ex:name ; sh:maxCount 1 .",
                                'n:a ex:name "x" .', 'n:a ex:name "x", "y" .'),
    "inversePath": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Figure ; sh:path [ sh:inversePath ex:figure ] ; sh:maxCount 1 .",
                    "n:a a ex:Figure . n:e1 ex:figure n:a .", "n:a a ex:Figure . n:e1 ex:figure n:a . n:e2 ex:figure n:a ."),
    "sequence path": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path ( ex:geometry ex:wkt ) ; sh:datatype xsd:string .",
                      'n:a a ex:Place ; ex:geometry n:g . n:g ex:wkt "p" .', "n:a a ex:Place ; ex:geometry n:g . n:g ex:wkt 5 ."),
    "class (through the hierarchy)": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:location ; sh:class ex:Place .",
                                      "n:a a ex:Event ; ex:location n:b . n:b a ex:Town .",
                                      "n:a a ex:Event ; ex:location n:b . n:b a ex:Event ."),
    "class from the catalogue": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:location ; sh:class ex:Place .",
                                 "n:a a ex:Event ; ex:location ex:capital .", "n:a a ex:Event ; ex:location ex:nowhere ."),
    "datatype": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:date ; sh:datatype xsd:date .",
                 'n:a a ex:Event ; ex:date "2018-07-22"^^xsd:date .', 'n:a a ex:Event ; ex:date "2018-07-22" .'),
    "datatype, ill-formed": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:date ; sh:datatype xsd:date .",
                             'n:a a ex:Event ; ex:date "2018-07-22"^^xsd:date .', 'n:a a ex:Event ; ex:date "2018-13-45"^^xsd:date .'),
    "in": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:kind ; sh:in ( ex:One ex:Two ) .",
           "n:a a ex:Event ; ex:kind ex:Two .", "n:a a ex:Event ; ex:kind ex:Three ."),
    "nodeKind": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path owl:sameAs ; sh:nodeKind sh:IRI .",
                 "n:a a ex:Place ; owl:sameAs n:b .", 'n:a a ex:Place ; owl:sameAs "b" .'),
    "minInclusive": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Figure ; sh:path ex:count ; sh:minInclusive 0 .",
                     "n:a a ex:Figure ; ex:count 0 .", "n:a a ex:Figure ; ex:count -1 ."),
    "minInclusive, not comparable": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Figure ; sh:path ex:count ; sh:minInclusive 0 .",
                                     "n:a a ex:Figure ; ex:count 3 .", 'n:a a ex:Figure ; ex:count "three" .'),
    "lessThan": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Span ; sh:path ex:begin ; sh:lessThan ex:end .",
                 "n:a a ex:Span ; ex:begin 1 ; ex:end 2 .", "n:a a ex:Span ; ex:begin 2 ; ex:end 2 ."),
    "lessThanOrEquals": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:earliest ; sh:lessThanOrEquals ex:latest .",
                         'n:a a ex:Event ; ex:earliest "2018-01-01"^^xsd:date ; ex:latest "2018-01-01"^^xsd:date .',
                         'n:a a ex:Event ; ex:earliest "2018-01-02"^^xsd:date ; ex:latest "2018-01-01"^^xsd:date .'),
    "pattern": ('ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path owl:sameAs ; sh:pattern "^http://example\\\\.org/Q[0-9]+$" .',
                "n:a a ex:Place ; owl:sameAs ex:Q42 .", "n:a a ex:Place ; owl:sameAs ex:P31 ."),
    "or of node kinds on values": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Article ; sh:path ex:url ; "
                                   "sh:or ( [ sh:nodeKind sh:IRI ] [ sh:datatype xsd:anyURI ] ) .",
                                   'n:a a ex:Article ; ex:url ex:page, "http://x"^^xsd:anyURI .',
                                   'n:a a ex:Article ; ex:url "http://x" .'),
    "or of property shapes on the node": ("ex:S a sh:NodeShape ; sh:targetClass ex:Event ; sh:or ( [ sh:path ex:date ; sh:minCount 1 ] "
                                          "[ sh:property [ sh:path ex:earliest ; sh:minCount 1 ] , [ sh:path ex:latest ; sh:minCount 1 ] ] ) .",
                                          "n:a a ex:Event ; ex:earliest 1 ; ex:latest 2 .", "n:a a ex:Event ; ex:earliest 1 ."),
    "languageIn in a qualified shape": ('ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path rdfs:label ; '
                                        'sh:qualifiedValueShape [ sh:languageIn ( "ar" ) ] ; sh:qualifiedMinCount 1 .',
                                        'n:a a ex:Place ; rdfs:label "نوى"@ar-SY, "Nawa"@en .', 'n:a a ex:Place ; rdfs:label "Nawa"@en .'),
    "languageIn": ('ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path rdfs:label ; sh:languageIn ( "ar" ) .',
                   'n:a a ex:Place ; rdfs:label "نوى"@ar .', 'n:a a ex:Place ; rdfs:label "نوى"@ar, "Nawa"@en .'),
    "qualifiedMaxCount with in": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:type ; "
                                  "sh:qualifiedValueShape [ sh:in ( ex:One ex:Two ) ] ; sh:qualifiedMaxCount 1 .",
                                  "n:a a ex:Event ; ex:type ex:One, ex:Three .", "n:a a ex:Event ; ex:type ex:One, ex:Two ."),
    "hasValue": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Town ; sh:path rdf:type ; sh:hasValue ex:Place .",
                 "n:a a ex:Town, ex:Place .", "n:a a ex:Town ."),
    "minLength": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Span ; sh:path ex:anchor ; sh:minLength 1 .",
                  'n:a a ex:Span ; ex:anchor "x" .', 'n:a a ex:Span ; ex:anchor "" .'),
    "disjoint": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Allegiance ; sh:path ex:from ; sh:disjoint ex:to .",
                 "n:a a ex:Allegiance ; ex:from n:b ; ex:to n:c .", "n:a a ex:Allegiance ; ex:from n:b ; ex:to n:b ."),
    "severity": ("ex:S a sh:PropertyShape ; sh:targetClass ex:Event ; sh:path ex:location ; sh:minCount 1 ; sh:severity sh:Warning .",
                 "n:a a ex:Event ; ex:location n:b .", "n:a a ex:Event ."),
    "SPARQL constraint": ("""ex:S a sh:NodeShape ; sh:targetNode ex:Place ; sh:sparql ex:C .
                          ex:C a sh:SPARQLConstraint ; sh:message "A place within itself."@en ; sh:prefixes ex:decl ;
                              sh:select "SELECT $this ?value WHERE { ?value a $this ; ex:within+ ?value . }" .
                          ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .""",
                          "n:a a ex:Place ; ex:within ex:capital .", "n:a a ex:Place ; ex:within n:b . n:b ex:within n:a ."),
}


def _shapes(shape: str) -> Graph:
    graph = Graph().parse(data=PREFIXES + "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" + shape, format="turtle")
    for node in set(graph.subjects(RDF.type, SH.PropertyShape)) | set(graph.subjects(RDF.type, SH.NodeShape)) \
            | set(graph.subjects(RDF.type, SH.SPARQLConstraint)):
        if (node, SH.message, None) not in graph and (node, SH.sparql, None) not in graph:
            graph.add((node, SH.message, Literal("Broken.", lang="en")))
    return graph


def _run(shapes: Graph, data: str) -> tuple[ValidationReport, ValidationReport]:
    triples = list(Graph().parse(data=PREFIXES + data, format="turtle"))
    background = [serialize_graph(CATALOGUE_IRI, CATALOGUE), serialize_graph(ONTOLOGY_IRI, ONTOLOGY)]
    graphs = [serialize_graph(ARTICLE, triples)]
    sparql = SparqlValidator(background, shapes=shapes)
    pyshacl_background = Background.from_triples(stored_form(background))
    return sparql.check_articles(graphs), validate_articles(stored_form(graphs), pyshacl_background, shapes)


@pytest.mark.parametrize("construct", sorted(CONSTRUCTS))
def test_each_construct_fires_on_its_break_and_not_on_conforming_data(construct: str):
    shape, conforming, broken = CONSTRUCTS[construct]
    shapes = _shapes(shape)
    assert compile_shapes(shapes)[1] == {}
    sparql, pyshacl = _run(shapes, conforming)
    assert findings(sparql) == findings(pyshacl) == []
    sparql, pyshacl = _run(shapes, broken)
    assert len(sparql.findings) == 1, sparql.text()
    assert findings(sparql) == findings(pyshacl)
    assert isomorphic(sparql.report_graph(), pyshacl.report_graph())


def test_a_construct_the_compiler_does_not_know_is_named_and_left_to_pyshacl():
    shapes = _shapes("ex:S a sh:PropertyShape ; sh:targetClass ex:Place ; sh:path rdfs:label ; sh:uniqueLang true .")
    _, left = compile_shapes(shapes)
    [(shape, reason)] = left.items()
    assert shape == URIRef(f"{EX}S") and isinstance(reason, UnsupportedShape)
    assert "sh:uniqueLang" in str(reason) and str(shape) in str(reason)
    sparql, pyshacl = _run(shapes, 'ex:a a ex:Place ; rdfs:label "a"@en, "b"@en .')
    assert len(sparql.findings) == 1 and findings(sparql) == findings(pyshacl)


def test_a_shape_that_is_a_class_is_left_to_pyshacl():
    shapes = _shapes("ex:Place a rdfs:Class, sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .")
    _, left = compile_shapes(shapes)
    assert "implicit class target" in str(left[URIRef(f"{EX}Place")])
    sparql, pyshacl = _run(shapes, "n:a a ex:Place .")
    assert len(sparql.findings) == 1 and findings(sparql) == findings(pyshacl)


def test_an_article_that_states_a_class_hierarchy_is_checked_by_pyshacl():
    shapes = _shapes(CONSTRUCTS["class (through the hierarchy)"][0])
    data = "ex:a a ex:Event ; ex:location ex:b . ex:b a ex:Village . ex:Village rdfs:subClassOf ex:Place ."
    sparql, pyshacl = _run(shapes, data)
    assert findings(sparql) == findings(pyshacl) == []


# ---------------------------------------------------------------------------- what the context leaves out

SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"


def test_an_article_s_context_leaves_out_only_the_statements_no_query_reads():
    sparql, _ = validators()
    assert sparql.sparql.context.unread_predicates == {SKOS_ALT_LABEL, str(CK.contextLabel)}


@pytest.mark.parametrize(("where", "reads_any"), [
    ("?s ex:p ?o", False),
    ("?s ?p ?o", True),                                          # a variable predicate bound by nothing else
    ("?s ex:p ?o FILTER NOT EXISTS { ?s !ex:q ?o }", True),      # a negated property set
    ("?s ex:kind ?k . ?k ex:edge ?e FILTER NOT EXISTS { ?s ?e ?o }", False),  # ?e is a subject or object
    ("?s ex:kind ?k OPTIONAL { ?k ex:edge ?e } ?s ?e ?o", True),  # ... only in an optional part
    ("{ ?s ex:edge ?e } UNION { ?s ex:p ?o } ?s ?e ?x", True),   # ... only in one alternative
    ("?s ex:p* ?o", True),                                       # an empty path matches every term
    ("?s ex:kind ?o . ?s (ex:p/ex:q?) ?o", False),               # ... but here its ends are bound
    ("?s ex:kind ex:k . ?s (ex:p|ex:q*) ?o", True),              # ... and here one is not
    ("VALUES ?c { ex:k } ?s ex:kind ?k . ?k ex:p* ?c", False),   # ... nor here: one is a value named
    ("VALUES (?c ?d) { (ex:k UNDEF) } ?s ex:kind ?k . ?k ex:p* ?d", True),
])
def test_a_query_that_may_read_a_statement_of_any_predicate_keeps_the_whole_context(where: str, reads_any: bool):
    named = _named_by_hand([f"PREFIX ex: <{EX}> SELECT ?s WHERE {{ {where} }}"])
    assert (_ANY_PREDICATE in named) == reads_any
    assert reads_any or {f"{EX}p", f"{EX}kind"} & named  # the IRIs it names are read


def test_an_article_that_has_an_unread_predicate_as_a_node_gets_the_whole_context():
    """A variable predicate (the allegiance's direct edge) takes its values from the view's
    subjects and objects: an article that makes an unread predicate one may have it read."""
    sparql = validators()[0].sparql
    name, triples = written()
    plain = ox.Store()
    plain.load(serialize_graph(name, triples).nquads, format=ox.RdfFormat.N_QUADS)
    naming = ox.Store()
    naming.load(serialize_graph(name, [*triples, (URIRef(name), CK.kind, URIRef(SKOS_ALT_LABEL))]).nquads,
                format=ox.RdfFormat.N_QUADS)
    assert not sparql._names_unread_predicates(plain, [name])
    assert sparql._names_unread_predicates(naming, [name])
    reached = sparql._reached(_with_nodes(sparql, triples, name), [name])
    assert SKOS_ALT_LABEL not in sparql._context_nquads(reached).decode()
    assert SKOS_ALT_LABEL in sparql._context_nquads(reached, whole=True).decode()


def _with_nodes(sparql, triples, name) -> ox.Store:
    store = ox.Store()
    store.load(sparql._catalogue_nodes + serialize_graph(name, triples).nquads, format=ox.RdfFormat.N_QUADS)
    return store

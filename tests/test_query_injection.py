"""Query parameters are RDF terms, never SPARQL: `conflictkg query --param` on hostile values.

The store holds the catalogue and ontology plus one actor whose Arabic label carries each
hostile value. Searching for the value through `search-labels` must find exactly that actor
(so the value reached the engine as a literal, character for character), and the store must be
unchanged afterwards. A value for an IRI parameter that is not an IRI is refused in one line.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Literal, URIRef

from conflictkg.build import background_graphs
from conflictkg.cli import main
from conflictkg.namespaces import CK
from conflictkg.store.oxigraph import OxigraphStore

HOSTILE_VALUES = [
    '"} ; DROP ALL ; {"',
    "'} ; DROP ALL ; {'",
    '""" ; CLEAR ALL ; INSERT DATA { <x:a> <x:b> <x:c> } ; """',
    'جيش" } } UNION { ?entity ?p ?o } #',
    "\\u0022 } ; DROP ALL ; { \\u0022",   # SPARQL's \u escapes, typed literally
    'سطر\n} ; DROP ALL ; {\r\\',
    "<https://example.org/x> } ; DELETE WHERE { ?s ?p ?o } ; {",
]
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def actor_named(value: str) -> URIRef:
    return URIRef(f"https://example.org/actor/{HOSTILE_VALUES.index(value)}")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("injection") / "store"
    hostile = [triple for value in HOSTILE_VALUES for triple in (
        (actor_named(value), RDF.type, CK.ArmedGroup),
        (actor_named(value), RDFS.label, Literal(f"فصيل {value} المسلح", lang="ar")))]
    with OxigraphStore(path) as graph_store:
        graph_store.replace_graphs([*background_graphs(), ("https://example.org/graph/hostile", hostile)])
    return path


def all_quads(path: Path) -> set:
    with OxigraphStore(path, read_only=True) as graph_store:
        return set(graph_store.query(ALL_QUADS).rows)


def run_query(store: Path, *args: str):
    return CliRunner().invoke(main, ["query", *args, "--store", str(store)])


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_string_parameter_carrying_sparql_is_a_literal(store: Path, value: str):
    before = all_quads(store)
    result = run_query(store, "search-labels", "--param", f"name={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert [row["entity"]["value"] for row in rows] == [str(actor_named(value))]
    assert all_quads(store) == before


@pytest.mark.parametrize("value", [
    "<https://example.org/x> } ; DROP ALL ; { <https://example.org/y>",
    "actor:x> } ; DROP ALL ; { <y",
    'https://example.org/x"',
])
def test_an_iri_parameter_that_is_not_an_iri_is_refused_in_one_line(store: Path, value: str):
    before = all_quads(store)
    result = run_query(store, "articles-mentioning-actor", "--param", f"actor={value}")
    assert result.exit_code != 0
    assert "is not an IRI" in result.output and "Traceback" not in result.output
    assert all_quads(store) == before

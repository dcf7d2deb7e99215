"""`conflictkg export geojson`: events and places as RFC 7946 points, with what an analyst filters on."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.schemas import schema_errors

# RFC 7946's FeatureCollection of Point features, as JSON Schema (after geojson.org/schema,
# restricted to the geometry this export writes).
POINT_COLLECTION = {
    "type": "object", "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {"$ref": "#/$defs/feature"}},
    },
    "$defs": {
        "feature": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "properties": {"type": ["object", "null"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"],
                             "properties": {"type": {"const": "Point"},
                                            "coordinates": {"type": "array", "items": {"type": "number"},
                                                            "minItems": 2, "maxItems": 3}}},
            },
        },
    },
}


@pytest.fixture(scope="module")
def collection(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("geojson") / "events.geojson"
    result = CliRunner().invoke(main, ["export", "geojson", str(path), "--store", str(example_store)])
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def events(collection) -> dict[str, dict]:
    return {f["id"]: f for f in collection["features"] if f["properties"]["feature"] == "event"}


def test_the_file_is_a_geojson_feature_collection_of_points(collection):
    assert schema_errors(collection, POINT_COLLECTION) == []
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert 35 < longitude < 43 and 32 < latitude < 38, feature["id"]  # Syria, [lon, lat] order


def test_every_event_of_the_map_query_is_on_the_map(collection, example_store):
    result = CliRunner().invoke(main, ["query", "events-on-map", "--store", str(example_store), "--format", "json"])
    mapped = {b["event"]["value"] for b in json.loads(result.output)["results"]["bindings"]}
    assert mapped and set(events(collection)) == mapped


def test_an_event_carries_type_dates_place_actors_figures_and_evidence(collection):
    nawa = next(f for f in events(collection).values() if f["properties"]["place_en"] == "Nawa")
    p = nawa["properties"]
    assert p["type"] == "AirStrike" and p["type_en"] == "Air strike" and p["type_ar"]
    assert p["first_day"] == p["last_day"] == "2017-03-08"
    assert p["located_exactly"] is True and p["place"].endswith("/place/nawa")
    assert [a["label"] for a in p["initiators"]] == ["Syrian government forces"] == p["initiators_en"].split("; ")
    assert any(a["id"] == "ex02_nawa_barrel_bombs" and a["published"] == "2017-03-08" for a in p["articles"])
    assert p["evidence"] and all(isinstance(text, str) and text for text in p["evidence"])
    assert all(isinstance(f["count"], int) for f in p["figures"]) and p["killed"] == sum(
        f["count"] for f in p["figures"] if f["outcome"] == "Killed")


def test_an_event_in_a_place_without_a_point_takes_its_nearest_enclosing_one(collection):
    balad = next(f for f in events(collection).values() if f["properties"]["place_en"] == "Daraa al-Balad")
    assert balad["properties"]["located_exactly"] is False
    assert balad["properties"]["located_by"].endswith("/place/daraa")
    daraa = next(f for f in collection["features"] if f["id"].endswith("/place/daraa"))
    assert balad["geometry"] == daraa["geometry"]


def test_places_with_coordinates_come_with_their_event_counts(collection):
    places = {f["id"].rsplit("/", 1)[-1]: f["properties"] for f in collection["features"]
              if f["properties"]["feature"] == "place"}
    assert places["nawa"]["events"] == 1 and places["nawa"]["label_ar"] and places["nawa"]["kind"]
    assert places["daraa"]["events"] == 2

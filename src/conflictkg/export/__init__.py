"""Exports for Gephi, spreadsheets, Wikidata, people, and other RDF tools.

``export_command`` reads the store once (:mod:`conflictkg.export.store_reader`) and hands the records
to one writer: GEXF and GraphML views (:mod:`.views`, :mod:`.gexf`), ACLED-style CSV
(:mod:`.acled`), GeoJSON for maps (:mod:`.geojson`), QuickStatements (:mod:`.quickstatements`), the offline picture
(:mod:`.picture`). The RDF formats are the store's own dump.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conflictkg.files import atomic_write

RDF_FORMATS = ("trig", "nq", "ttl", "jsonld")
VIEW_FORMATS = ("gexf", "graphml")


def export_store(store, fmt: str, output: Path, view: str | None = None) -> None:
    """Write ``store`` as ``fmt`` to ``output``."""
    if fmt in RDF_FORMATS:
        store.export(output, fmt)
        return
    if view and fmt not in VIEW_FORMATS:
        raise ValueError(f"--view applies to {' and '.join(VIEW_FORMATS)} only")
    from conflictkg.export import acled, geojson, gexf, hostility, picture, quickstatements
    from conflictkg.export.store_reader import read_facts

    facts = read_facts(store)
    writers: dict[str, Callable[[Path], object]] = {
        "gexf": lambda path: gexf.write_gexf(hostility.build_view(facts, view or "actors"), path),
        "graphml": lambda path: gexf.write_graphml(hostility.build_view(facts, view or "actors"), path),
        "csv": lambda path: acled.write_acled_csv(facts, path),
        "quickstatements": lambda path: quickstatements.write_quickstatements(facts, path),
        "html": lambda path: picture.write_picture(facts, path, geojson.read_places(store)),
        "geojson": lambda path: geojson.write_geojson(facts, geojson.read_places(store), path),
    }
    atomic_write(output, writers[fmt])


def export_command(store: Path, fmt: str, output: Path, view: str | None) -> int:
    """``conflictkg export``: write the graph as FORMAT to OUTPUT."""
    from conflictkg.output import say, warn
    from conflictkg.store import open_existing_store

    try:
        with open_existing_store(store) as graph_store:
            export_store(graph_store, fmt, output, view)
    except (ValueError, OSError) as exc:
        warn(f"error: {exc}")
        return 2
    say(f"wrote {output.resolve()}")
    return 0

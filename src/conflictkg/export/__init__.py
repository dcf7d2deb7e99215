"""Exports for Gephi, spreadsheets, Wikidata, people, and other RDF tools.

``export_command`` reads the store once (:mod:`conflictkg.export.store_reader`) and hands the records
to one writer: GEXF and GraphML views (:mod:`.views`, :mod:`.gexf`), ACLED-style CSV
(:mod:`.acled`), GeoJSON for maps (:mod:`.geojson`), QuickStatements (:mod:`.quickstatements`), the offline picture
(:mod:`.picture`). The RDF formats are the store's own dump.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conflictkg.files import atomic_write

RDF_FORMATS = ("trig", "nq", "ttl", "jsonld")
VIEW_FORMATS = ("gexf", "graphml")


def export_store(store, fmt: str, output: Path, view: str | None = None,
                 wikidata: WikidataOptions | None = None) -> str:
    """Write ``store`` as ``fmt`` to ``output``; returns what to tell the user ("" for nothing).

    QuickStatements also write their review file beside ``output`` (what was left out and why);
    with ``wikidata.dry_run`` nothing is written and the returned report says what would be.
    """
    if fmt in RDF_FORMATS:
        store.export(output, fmt)
        return ""
    if view and fmt not in VIEW_FORMATS:
        raise ValueError(f"--view applies to {' and '.join(VIEW_FORMATS)} only")
    from conflictkg.export import acled, geojson, gexf, hostility, picture
    from conflictkg.export.store_reader import read_facts

    facts = read_facts(store)
    if fmt == "quickstatements":
        return _export_quickstatements(facts, output, wikidata or WikidataOptions())
    writers: dict[str, Callable[[Path], object]] = {
        "gexf": lambda path: gexf.write_gexf(hostility.build_view(facts, view or "actors"), path),
        "graphml": lambda path: gexf.write_graphml(hostility.build_view(facts, view or "actors"), path),
        "csv": lambda path: acled.write_acled_csv(facts, path),
        "html": lambda path: picture.write_picture(facts, path, geojson.read_places(store)),
        "geojson": lambda path: geojson.write_geojson(facts, geojson.read_places(store), path),
    }
    atomic_write(output, writers[fmt])
    return ""


@dataclass(frozen=True)
class WikidataOptions:
    """What the QuickStatements export may do beyond claims on existing, reviewed items."""

    create_missing: bool = False   # create items for actors the reconciliation list does not know
    create_events: bool = False    # create an item for every event
    dry_run: bool = False          # write nothing; report what would be created, claimed, left out


def _export_quickstatements(facts, output: Path, options: WikidataOptions) -> str:
    from conflictkg.export import quickstatements

    plan = quickstatements.plan_quickstatements(facts, create_missing=options.create_missing,
                                                create_events=options.create_events)
    if options.dry_run:
        return plan.report()
    atomic_write(output, lambda path: path.write_text(
        "\n".join(plan.lines) + ("\n" if plan.lines else ""), encoding="utf-8"))
    review = quickstatements.review_path(output)
    atomic_write(review, lambda path: path.write_text(plan.review_tsv(), encoding="utf-8"))
    return f"{plan.summary()}\nreview file (what was left out and why): {review.resolve()}"


def export_command(store: Path, fmt: str, output: Path, view: str | None,
                   wikidata: WikidataOptions | None = None) -> int:
    """``conflictkg export``: write the graph as FORMAT to OUTPUT."""
    from conflictkg.output import say, warn
    from conflictkg.store import open_existing_store

    try:
        with open_existing_store(store) as graph_store:
            message = export_store(graph_store, fmt, output, view, wikidata)
    except (ValueError, OSError) as exc:
        warn(f"error: {exc}")
        return 2
    if not (wikidata and wikidata.dry_run):
        say(f"wrote {output.resolve()}")
    if message:
        say(message)
    return 0

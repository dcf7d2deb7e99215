"""Exports for Gephi, spreadsheets, Wikidata, people, and other RDF tools.

``export_command`` reads the store once (:mod:`conflictkg.export.store_reader`) and hands the records
to one writer: GEXF and GraphML views (:mod:`.views`, :mod:`.gexf`), ACLED-style CSV
(:mod:`.acled`), QuickStatements (:mod:`.quickstatements`), the offline picture
(:mod:`.picture`). The RDF formats are the store's own dump.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RDF_FORMATS = ("trig", "nq", "ttl", "jsonld")
VIEW_FORMATS = ("gexf", "graphml")


def _atomic_write(output: Path, write: Callable[[Path], None]) -> None:
    """Write beside ``output`` and rename, so a failed export never leaves half a file."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    os.close(handle)
    try:
        write(Path(name))
        os.replace(name, output)
    finally:
        if os.path.exists(name):
            os.unlink(name)


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
    from conflictkg.export import acled, gexf, picture, views
    from conflictkg.export.store_reader import read_facts

    facts = read_facts(store)
    if fmt == "quickstatements":
        return _export_quickstatements(facts, output, wikidata or WikidataOptions())
    writers: dict[str, Callable[[Path], object]] = {
        "gexf": lambda path: gexf.write_gexf(views.build_view(facts, view or "actors"), path),
        "graphml": lambda path: gexf.write_graphml(views.build_view(facts, view or "actors"), path),
        "csv": lambda path: acled.write_acled_csv(facts, path),
        "html": lambda path: picture.write_picture(facts, path),
    }
    _atomic_write(output, writers[fmt])
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
    _atomic_write(output, lambda path: path.write_text(
        "\n".join(plan.lines) + ("\n" if plan.lines else ""), encoding="utf-8"))
    review = quickstatements.review_path(output)
    _atomic_write(review, lambda path: path.write_text(plan.review_tsv(), encoding="utf-8"))
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

"""The ``conflictkg`` command: build, validate, query, serve, export and evaluate the graph."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.text import Text

from conflictkg import __version__
from conflictkg.output import err, out

DEFAULT_STORE = Path("conflictkg-store")

validator_option = click.option(
    "--validator", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
    help="What checks the shapes: sparql (compiled to SPARQL queries run by Oxigraph, fast) or "
         "pyshacl (pySHACL, the validator of record; slower). Both give the same report.")

store_option = click.option(
    "--store", "store", default=str(DEFAULT_STORE), show_default=True, metavar="STORE",
    help="The graph store: an Oxigraph folder, or a SPARQL 1.1 endpoint as sparql+http://host:port/path/.")


def _run(command) -> None:
    """Run a command body; say plainly, in one line, when its store is not built or cannot be used."""
    from conflictkg.store import StoreNotFound, StoreUnavailable

    try:
        status = command()
    except (StoreNotFound, StoreUnavailable) as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        sys.exit(2)
    sys.exit(status or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="conflictkg")
def main() -> None:
    """Arabic conflict news in, an RDF knowledge graph out.

    Build a graph of actors, places, events, casualty figures and allegiances from Arabic news
    articles, each fact traceable to its article and Arabic text span; then validate it with
    SHACL, query it with SPARQL, serve it, and export it to Gephi, spreadsheets and Wikidata.

    \b
    Typical session:
      conflictkg build articles/ --export graph.trig
      conflictkg validate
      conflictkg query --list
      conflictkg query events-by-type-and-place --param type=AirStrike
    """


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--meta", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON lines of metadata (id, published, url, source, title) for plain-text articles.")
@click.option("--store", "store", default=str(DEFAULT_STORE), show_default=True, metavar="STORE",
              help="The graph store: an Oxigraph folder (created if missing), or a SPARQL 1.1 "
                   "endpoint as sparql+http://host:port/path/.")
@click.option("--export", "export_path", type=click.Path(path_type=Path),
              help="Also write the whole dataset here (.trig, .nq, .ttl or .jsonld).")
@click.option("--examples", is_flag=True, help="Build the example articles shipped with conflictkg.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse articles larger than this many bytes  [default: 10,000,000].")
@click.option("--article-seconds", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Longest time one article may take to read; a slower one is named as a problem "
                   "and skipped (0: no limit; local engine only).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local engine) or LocalCluster workers (dask engine).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: processes on this machine, or a Dask cluster.")
@click.option("--scheduler", default="local", show_default=True, metavar="ADDRESS|local",
              help="Dask engine: a scheduler address (tcp://host:8786), or 'local' to start a "
                   "LocalCluster of --jobs workers.")
@click.option("--shards", "shard_folder", type=click.Path(file_okay=False, path_type=Path),
              help="Dask engine: where workers write their N-Quads shards (shared by every "
                   "machine of a remote cluster)  [default: a temporary folder].")
@click.option("--validate", "validate_graphs", is_flag=True,
              help="Check each article's graph against the SHACL shapes where it is made, and the "
                   "catalogue once; report as `conflictkg validate` does, exit 1 on a violation "
                   "(local engine only).")
@click.option("--verbose", is_flag=True, help="--validate: list every warning, not one summary per shape.")
@validator_option
def build(paths: tuple[str, ...], meta: Path | None, store: str, export_path: Path | None,
          examples: bool, max_bytes: int | None, article_seconds: float, jobs: int, engine: str,
          scheduler: str, shard_folder: Path | None, validate_graphs: bool, verbose: bool, validator: str) -> None:
    """Read articles, extract what they report, and store it as RDF.

    PATHS are plain-text files (one article each, UTF-8; metadata from a meta.jsonl beside
    them or --meta), JSON lines or gzipped JSON lines (id, published, url, source, title,
    text), folders of them, or glob patterns. Unchanged articles are skipped; changed ones
    replace their old graph. Inputs that cannot be read are named, one line each, and the
    exit status is 1; every good article is still built.

    \b
    On several cores:   conflictkg build corpus.jsonl.gz --jobs 4
    On a Dask cluster:  conflictkg build corpus/ --engine dask --scheduler tcp://host:8786 --shards /shared/shards
    """
    from conflictkg.read import DEFAULT_MAX_BYTES, ReadOptions
    from conflictkg.resources import examples_dir

    inputs = list(paths) + ([str(examples_dir())] if examples else [])
    if not inputs:
        raise click.UsageError("give at least one PATH (or --examples)")
    if engine == "local" and (scheduler != "local" or shard_folder):
        raise click.UsageError("--scheduler and --shards are for --engine dask")
    if validate_graphs and engine != "local":
        raise click.UsageError("--validate is for the local engine (run conflictkg validate after a dask build)")
    if verbose and not validate_graphs:
        raise click.UsageError("--verbose goes with --validate")
    files = _article_files_or_exit(inputs, store)
    options = ReadOptions(max_bytes=max_bytes or DEFAULT_MAX_BYTES, meta_path=meta)
    _run(lambda: _build(inputs, files, options, store, export_path, engine, jobs, scheduler, shard_folder,
                        article_seconds, _BuildValidation(validator) if validate_graphs else None, verbose))


def _build(inputs, files: list[Path], options, store: str, export_path: Path | None, engine: str, jobs: int,
           scheduler: str, shard_folder: Path | None, article_seconds: float,
           validation: _BuildValidation | None = None, verbose: bool = False) -> int:
    from conflictkg.build import build_corpus, summarise
    from conflictkg.progress import BuildProgress
    from conflictkg.store import open_store

    with open_store(store) as graph_store, \
            _build_engine(engine, jobs, scheduler, shard_folder, article_seconds, validation) as workers, \
            BuildProgress(err, files) as progress:
        report = build_corpus(
            inputs, graph_store, options=options, engine=workers,
            on_article=progress.advance,
            on_problem=lambda problem: progress.problem(_problem_line(problem)),
            on_checked=validation.merge if validation else None,
        )
        if validation:
            validation.check_catalogue_if_unchecked()
        if export_path:
            graph_store.export(export_path)
        counts = summarise(graph_store)
    _print_build_summary(report, counts, store, export_path)
    status = 1 if report.failed else 0
    if validation:
        status = max(status, validation.print(report.unchanged, verbose))
    return status


class _BuildValidation:
    """``build --validate``: the workers validate each batch of graphs as they make it, and the
    catalogue (:func:`conflictkg.validate.build_check`); the report reads like ``conflictkg validate``'s."""

    def __init__(self, validator: str):
        from conflictkg.validate import ValidationReport

        self.validator = validator
        self.report = ValidationReport()
        self.checked_batches = 0

    def merge(self, found) -> None:
        """What the check of one batch found."""
        self.report.merge(found)
        self.checked_batches += 1

    def check_catalogue_if_unchecked(self) -> None:
        """The catalogue as the build wrote it into the store (the same N-Quads, not read back),
        checked here only when no batch was built to bring its findings."""
        from conflictkg.validate import catalogue_report

        if not self.checked_batches:
            self.report.merge(catalogue_report(validator=self.validator))

    def print(self, unchanged: int, verbose: bool) -> int:
        from conflictkg.validate import print_report

        status = print_report(self.report, "text", verbose)
        if unchanged:
            out.print(f"{unchanged} unchanged article(s) were not checked again (conflictkg validate checks "
                      "the whole store)", soft_wrap=True)
        return status


def _article_files_or_exit(inputs: list[str], store: str) -> list[Path]:
    """The article files the inputs name; when they name none, say why and stop (exit 2)
    before anything is created: no store, no workers."""
    from conflictkg.read import ReadProblem, expand_inputs

    files, problems = [], []
    for item in expand_inputs(inputs):
        (problems if isinstance(item, ReadProblem) else files).append(item)
    if not files:
        for problem in problems:
            err.print(_problem_line(problem), soft_wrap=True)
        err.print(f"error: nothing to build: no article file among the inputs; the store {store} "
                  "was neither created nor changed", markup=False, soft_wrap=True)
        sys.exit(2)
    return files


def _problem_line(problem) -> Text:
    """One unwrapped line per problem or skipped input; the input's own text is never read as
    markup, and its control characters are shown escaped (``str(problem)``)."""
    from conflictkg.read import Skipped

    label = ("skipped:", "dim") if isinstance(problem, Skipped) else ("problem:", "yellow")
    return Text.assemble(label, f" {problem}")


def _build_engine(engine: str, jobs: int, scheduler: str, shard_folder: Path | None, article_seconds: float,
                  validation: _BuildValidation | None = None):
    """The started engine the build runs on (a context manager that stops it)."""
    if engine == "dask":
        from conflictkg.distributed import DaskEngine

        return DaskEngine(scheduler, workers=jobs, shard_folder=shard_folder)
    from conflictkg.parallel import LocalEngine

    check = None
    if validation:
        from functools import partial

        from conflictkg.validate import build_check

        check = partial(build_check, validator=validation.validator)
    return LocalEngine(jobs, article_seconds=article_seconds or None, check=check)


def _print_build_summary(report, counts: dict[str, int], store: str, export_path: Path | None) -> None:
    out.print(f"built {report.built} article(s), {report.unchanged} unchanged, "
              f"{len(report.problems) - report.skipped} problem(s), {report.skipped} input(s) skipped; "
              f"{report.linked} pair(s) of events in different articles linked as one happening",
              soft_wrap=True)
    if report.problems:
        out.print("inputs named: " + ", ".join(f"{n} {kind}" for kind, n in sorted(report.kinds().items())),
                  soft_wrap=True, markup=False)
    out.print("the graph holds: " + ", ".join(f"{n} {k}" for k, n in counts.items()), soft_wrap=True)
    out.print(f"store:  {store if '://' in store else Path(store).resolve()}", soft_wrap=True, markup=False)
    if export_path:
        out.print(f"export: {export_path.resolve()}", soft_wrap=True, markup=False)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="How to write the validation report.")
@click.option("--verbose", is_flag=True, help="text: list every warning, not one summary per shape.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that validate the article graphs.")
@validator_option
def validate(store: Path, fmt: str, verbose: bool, jobs: int, validator: str) -> None:
    """Check the graph against the SHACL shapes; exit 0 only when nothing is violated."""
    from conflictkg.validate import validate_command

    _run(lambda: validate_command(store, fmt, verbose, jobs, validator))


@main.command()
@click.argument("name", required=False)
@store_option
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (as an RDF term, never pasted into the text). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "markdown", "parquet"]),
              default="table", show_default=True,
              help="parquet: typed columns with a label beside each IRI column (needs pandas and "
                   "pyarrow: conflictkg[analysis]) and --output.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results to this file instead of the terminal.")
@click.option("--list", "list_only", is_flag=True, help="List the library's queries with their titles.")
def query(name: str | None, store: Path, params: tuple[str, ...], fmt: str, output: Path | None,
          list_only: bool) -> None:
    """Run a library query by NAME, or any SPARQL FILE.

    \b
    conflictkg query events-by-type-and-place --param type=Shelling --param from=2018-07-01
    conflictkg query strikes-by-initiator --format parquet --output strikes.parquet
    """
    if fmt == "parquet" and not list_only:
        from conflictkg.api import parquet_command

        _run(lambda: parquet_command(store, name, params, output))
    from conflictkg.query import query_command

    _run(lambda: query_command(store, name, params, fmt, list_only, output))


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="A web origin (https://host) whose pages may query the endpoint. Repeatable.")
def serve(store: Path, host: str, port: int, timeout: float, cors_origins: tuple[str, ...]) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with a query page."""
    from conflictkg.serve import serve_command

    _run(lambda: serve_command(store, host, port, timeout, cors_origins))


@main.command()
@click.argument("fmt", metavar="FORMAT",
                type=click.Choice(["gexf", "graphml", "csv", "quickstatements", "html", "geojson",
                                   "trig", "nq", "ttl", "jsonld"]))
@click.argument("output", type=click.Path(path_type=Path))
@store_option
@click.option("--view", type=click.Choice(["actors", "events", "hostility"]),
              help="Which view of the graph (gexf/graphml): actors and their allegiances, events "
                   "with their actors and places, or hostility (who fought whom, when)  [default: actors].")
@click.option("--create-missing", is_flag=True,
              help="quickstatements: create items for actors without a reviewed QID that the "
                   "reconciliation list does not know (default: list them for review).")
@click.option("--create-events", is_flag=True,
              help="quickstatements: create an item for every event (default: none).")
@click.option("--dry-run", is_flag=True,
              help="quickstatements: write nothing; report what would be created, claimed and left out.")
def export(fmt: str, output: Path, store: Path, view: str | None, create_missing: bool, create_events: bool,
           dry_run: bool) -> None:
    """Write the graph as FORMAT to OUTPUT (Gephi, GraphML, ACLED CSV, QuickStatements, GeoJSON for
    maps, an offline HTML picture, RDF).

    QuickStatements hold only claims on existing Wikidata items with reviewed QIDs, unless
    --create-missing or --create-events; OUTPUT.review.tsv lists what was left out and why.

    \b
    conflictkg export geojson events.geojson     # events and places as points, for QGIS or kepler.gl
    """
    from conflictkg.export import WikidataOptions, export_command

    if (create_missing or create_events or dry_run) and fmt != "quickstatements":
        raise click.UsageError("--create-missing, --create-events and --dry-run apply to quickstatements only")
    _run(lambda: export_command(store, fmt, output, view, WikidataOptions(create_missing, create_events, dry_run)))


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold: Path, store: Path, as_json: bool) -> None:
    """Score the graph against GOLD annotations (precision, recall and F1 per slot)."""
    from conflictkg.evaluate import evaluate_command

    _run(lambda: evaluate_command(store, gold, as_json))


if __name__ == "__main__":
    main()

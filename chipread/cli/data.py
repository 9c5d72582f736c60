"""Dataset commands: `export` (every registered format) and `import` (jsonl, doccano, labelstudio, brat)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from chipread.cli import Options, echo_err, given, given_path, pass_options, stopping_cleanly
from chipread.errors import ExportFailed, ImportFailed
from chipread.model import STATUSES


@contextmanager
def _progress(shown: bool, unit: str) -> Iterator[Callable[..., None] | None]:
    """A progress bar on stderr counting `unit`, gone once the work ends; None when it is not to be shown.

    The callback takes (stage, done, total): without a total the bar pulses and the count stands alone.
    """
    if not shown:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def show(stage: str, done: int, total: int | None = None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield show


def _format_names(kind: str) -> list[str]:
    from chipread.export import EXPORTERS, IMPORTERS

    return sorted(EXPORTERS if kind == "export" else IMPORTERS)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    callback=given,
    help="jsonl, doccano, labelstudio, brat, conll, spacy, csv or actors (the actor registry).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    callback=given,
    help="File to write atomically (a folder for brat); - is stdout.",
)
@click.option(
    "--annotator",
    "annotators",
    multiple=True,
    callback=given,
    help="Only this annotator's work (repeatable; default: everyone).",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only articles with this status (repeatable).",
)
@click.option("--label", "labels", multiple=True, callback=given, help="Only spans with this label (repeatable).")
@click.option("--entities", is_flag=True, help="Include the machine-found entities.")
@click.option("--all", "include_all", is_flag=True, help="Also write articles nobody has annotated (no spans).")
@click.option(
    "--split",
    callback=given,
    help="Deterministic split by article, e.g. train=0.8,dev=0.1,test=0.1 (one file per split).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --split.")
@click.option(
    "--skip-damaged",
    is_flag=True,
    help="Leave out (with a note) work in store files that cannot be read, instead of failing.",
)
@click.option(
    "--no-overlaps",
    is_flag=True,
    help="doccano: only non-overlapping spans (longest first), for a project that refuses overlaps.",
)
@click.option(
    "--dedupe",
    type=click.Choice(["drop", "mark"]),
    is_flag=False,
    flag_value="drop",
    default=None,
    help="Wire copies: drop them (keep each story's original; the default with no value) or mark them in meta.copy_of.",
)
@pass_options
def export_cmd(
    opts: Options,
    fmt: str,
    output: str,
    annotators: tuple[str, ...],
    statuses: tuple[str, ...],
    labels: tuple[str, ...],
    entities: bool,
    include_all: bool,
    split: str | None,
    seed: int,
    skip_damaged: bool,
    no_overlaps: bool,
    dedupe: str | None,
) -> None:
    """Write the annotations as a labelled dataset."""
    from chipread.export import ExportOptions, export, parse_split

    if fmt not in _format_names("export"):
        raise ExportFailed(f"unknown export format {fmt!r} (choose from {', '.join(_format_names('export'))})")
    if no_overlaps and fmt != "doccano":
        raise ExportFailed("--no-overlaps is for --format doccano (conll and spacy's doc.ents never overlap)")
    ws = opts.workspace()
    options = ExportOptions(
        annotators=annotators,
        statuses=statuses,
        labels=labels,
        entities=entities,
        include_all=include_all,
        split=parse_split(split) if split else None,
        seed=seed,
        skip_damaged=skip_damaged,
        no_overlaps=no_overlaps,
        dedupe=dedupe,
    )
    # Only on a terminal, and not while the export itself goes to stdout.
    with stopping_cleanly(), _progress(output != "-" and sys.stderr.isatty(), "articles") as show:
        progress = (lambda done, planned: show("exporting", done, planned)) if show else None  # noqa: E731
        report = export(ws, fmt, output, options, progress=progress)
    for line in report.notes:
        echo_err(line)
    if output != "-":
        echo_err(report.summary())


@click.command("import")
@click.argument("file", type=click.Path(), callback=given_path)
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    callback=given,
    help="jsonl, doccano, labelstudio, brat or actors.",
)
@click.option(
    "--annotator",
    "as_annotator",
    callback=given,
    help="Store the spans as this annotator (as the global --annotator does; default: the annotator named in "
    "each record, else yours).",
)
@click.option("--strict", is_flag=True, help="Import nothing if any record (or brat line) is bad.")
@click.option(
    "--map",
    "maps",
    multiple=True,
    callback=given,
    metavar="MAPPING",
    help="brat: a preset (attribution), TYPE=LABEL (TYPE= drops it) or a .toml file with a [brat] table; repeatable.",
)
@click.option(
    "--quote-extent",
    type=click.Choice(["exact", "guidelines"]),
    help="brat: store direct quotations exactly as in the .ann (the default), or as chipread.toml's [guidelines] "
    "says (quotation marks and host punctuation in or out).",
)
@click.option(
    "--join-fragments",
    is_flag=True,
    help="brat: a discontinuous span becomes one span over its gaps (default: one span per fragment).",
)
@pass_options
def import_cmd(
    opts: Options,
    file: Path,
    fmt: str,
    as_annotator: str | None,
    strict: bool,
    maps: tuple[str, ...],
    quote_extent: str | None,
    join_fragments: bool,
) -> None:
    """Read annotations back into the store (articles matched by id, else by text)."""
    from chipread.export import ImportOptions, import_file

    if fmt == "actors":
        _import_actors(opts, file, as_annotator, strict)
        return
    if fmt not in _format_names("import"):
        raise ImportFailed(f"unknown import format {fmt!r} (choose from {', '.join(_format_names('import'))})")
    if fmt != "brat" and (maps or quote_extent or join_fragments):
        used = "--map" if maps else "--quote-extent" if quote_extent else "--join-fragments"
        raise ImportFailed(f"{used} is for --format brat")
    # Writing: the store may not exist yet (an import into a new store creates it).
    # The store may be created; only the annotators written for are locked (by the import itself).
    ws = opts.workspace(write=True, claim=False)
    options = ImportOptions(maps=maps, quote_extent=quote_extent, join_fragments=join_fragments)
    # Two passes over the file: a check, then the writes (a big import says how far it is in each).
    with stopping_cleanly(), _progress(sys.stderr.isatty(), "records") as show:
        # The global --annotator says who is working, as for every command: it applies here too.
        report = import_file(
            ws,
            file,
            fmt,
            annotator=as_annotator or opts.annotator,
            strict=strict,
            options=options,
            progress=show,
        )
    for line in report.problems:
        echo_err(line)
    for line in report.notes:
        echo_err(line)
    click.echo(report.summary())
    if report.problems:
        raise SystemExit(1)


def _import_actors(opts: Options, file: Path, as_annotator: str | None, strict: bool) -> None:
    from chipread.actors.transfer import import_actors

    ws = opts.workspace(write=True, claim=False)
    report = import_actors(ws, file, as_annotator, strict)
    for line in report.problems:
        echo_err(line)
    click.echo(report.summary(file, strict))
    if report.problems:
        raise SystemExit(1)


COMMANDS = [export_cmd, import_cmd]

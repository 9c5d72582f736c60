"""Dataset commands: `export` (every registered format) and `import` (jsonl, doccano, labelstudio, brat)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from chipread.cli import Options, echo_err, pass_options
from chipread.errors import ExportFailed, ImportFailed
from chipread.model import STATUSES


def _progress_line():
    """A callback that keeps one "exported N/M articles" line up to date on a terminal, a few times a second."""
    last = [0.0]

    def show(done: int, planned: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.2 or done == planned:
            last[0] = now
            sys.stderr.write(f"\rexported {done:,}/{planned:,} articles")
            sys.stderr.flush()

    return show


def _format_names(kind: str) -> list[str]:
    from chipread.export import EXPORTERS, IMPORTERS

    return sorted(EXPORTERS if kind == "export" else IMPORTERS)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    help="jsonl, doccano, labelstudio, brat, conll, spacy or csv.",
)
@click.option(
    "-o", "--output", default="-", show_default=True, help="File to write atomically (a folder for brat); - is stdout."
)
@click.option(
    "--annotator", "annotators", multiple=True, help="Only this annotator's work (repeatable; default: everyone)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only articles with this status (repeatable).",
)
@click.option("--label", "labels", multiple=True, help="Only spans with this label (repeatable).")
@click.option("--entities", is_flag=True, help="Include the machine-found entities.")
@click.option("--all", "include_all", is_flag=True, help="Also write articles nobody has annotated (no spans).")
@click.option("--split", help="Deterministic split by article, e.g. train=0.8,dev=0.1,test=0.1 (one file per split).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --split.")
@click.option(
    "--no-overlaps",
    is_flag=True,
    help="doccano: only non-overlapping spans (longest first), for a project that refuses overlaps.",
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
    no_overlaps: bool,
) -> None:
    """Write the annotations as a labelled dataset."""
    from chipread.export import ExportOptions, export, parse_split

    if fmt not in _format_names("export"):
        raise ExportFailed(f"unknown export format {fmt!r} (choose from {', '.join(_format_names('export'))})")
    if no_overlaps and fmt != "doccano":
        raise ExportFailed("--no-overlaps is for --format doccano (conll and spacy's doc.ents never overlap)")
    ws = opts.workspace()
    report = export(
        ws,
        fmt,
        output,
        ExportOptions(
            annotators=annotators,
            statuses=statuses,
            labels=labels,
            entities=entities,
            include_all=include_all,
            split=parse_split(split) if split else None,
            seed=seed,
            no_overlaps=no_overlaps,
        ),
        progress=_progress_line() if output != "-" and sys.stderr.isatty() else None,
    )
    if output != "-" and sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")  # clear the progress line before the summary
    for line in report.notes:
        echo_err(line)
    if output != "-":
        echo_err(report.summary())


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="jsonl", show_default=True, help="jsonl, doccano, labelstudio or brat.")
@click.option(
    "--annotator",
    "as_annotator",
    help="Store the spans as this annotator (default: the annotator named in each record, else yours).",
)
@click.option("--strict", is_flag=True, help="Import nothing if any record (or brat line) is bad.")
@click.option(
    "--map",
    "maps",
    multiple=True,
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

    if fmt not in _format_names("import"):
        raise ImportFailed(f"unknown import format {fmt!r} (choose from {', '.join(_format_names('import'))})")
    if fmt != "brat" and (maps or quote_extent or join_fragments):
        used = "--map" if maps else "--quote-extent" if quote_extent else "--join-fragments"
        raise ImportFailed(f"{used} is for --format brat")
    # Writing: the store may not exist yet (an import into a new store creates it).
    # The store may be created; only the annotators written for are locked (by the import itself).
    ws = opts.workspace(write=True, claim=False)
    options = ImportOptions(maps=maps, quote_extent=quote_extent, join_fragments=join_fragments)
    report = import_file(ws, file, fmt, annotator=as_annotator, strict=strict, options=options)
    for line in report.problems:
        echo_err(line)
    for line in report.notes:
        echo_err(line)
    click.echo(report.summary())
    if report.problems:
        raise SystemExit(1)


COMMANDS = [export_cmd, import_cmd]

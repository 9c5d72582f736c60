"""Team commands: `agree` (agreement between annotators) and `merge` (bring other stores in)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chipread.cli import Options, echo_err, given, given_path, pass_options
from chipread.printable import json_line, printable


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _fig(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@click.command("agree")
@click.option(
    "--annotator",
    "annotators",
    multiple=True,
    callback=given,
    help="Compare only these annotators (repeatable; default: all but the adjudicator).",
)
@click.option(
    "--with",
    "others",
    multiple=True,
    type=click.Path(),
    callback=given_path,
    help="Also compare the annotators of another store (repeatable; read only).",
)
@click.option("--json", "as_json", is_flag=True, help="The whole report as one JSON object.")
@pass_options
def agree_cmd(opts: Options, annotators: tuple[str, ...], others: tuple[Path, ...], as_json: bool) -> None:
    """Agreement between annotators: span F1 (exact, overlap), token kappa and alpha, relations; per article."""
    from chipread.team.adjudicator import adjudicator_name
    from chipread.team.agree import agreement
    from chipread.team.collect import collect

    ws = opts.workspace()
    found = collect(ws, annotators=annotators, others=others, exclude=(adjudicator_name(ws.config),))
    report = agreement(found.articles, found.annotators, ws.labels.names)
    report.warnings = found.warnings
    for line in report.warnings:
        echo_err(f"warning: {line}")
    if as_json:
        click.echo(json_line(report.to_json()))
        return
    console = _console()
    if not report.articles:
        console.print(
            Text(printable(f"no article was annotated by two or more of: {', '.join(found.annotators) or 'nobody'}"))
        )
        return
    console.print(
        Text(f"{len(found.annotators)} annotators, {report.articles} articles annotated by two or more", style="bold")
    )
    table = Table(box=None, header_style="bold")
    for column in ("label", "exact F1", "overlap F1", "kappa", "alpha"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, scores in [*report.average.items(), ("all labels", report.overall)]:
        table.add_row(Text(printable(label)), *(_fig(v) for v in vars(scores).values()))
    table.add_row(Text("relations"), _fig(report.relations.exact_f1), _fig(report.relations.overlap_f1), "", "")
    console.print(table)
    console.print(Text("F1 and kappa: mean over pairs; alpha: all annotators at once.", style="dim"))
    console.print()
    pairs = Table(box=None, header_style="bold")
    for column in ("pair", "articles", "exact F1", "overlap F1", "kappa", "alpha", "relations F1"):
        pairs.add_column(column, justify="left" if column == "pair" else "right")
    for pair in report.pairs:
        pairs.add_row(
            Text(printable(f"{pair.a} · {pair.b}")),
            str(pair.articles),
            *(_fig(v) for v in vars(pair.overall).values()),
            _fig(pair.relations.exact_f1),
        )
    console.print(pairs)
    console.print()
    rows = Table(box=None, header_style="bold", title="per article, least agreement first", title_justify="left")
    for column in ("article", "annotators", "exact F1", "overlap F1", "kappa", "alpha", "relations F1"):
        rows.add_column(
            column,
            justify="left" if column in ("article", "annotators") else "right",
            overflow="fold",  # long handles wrap rather than lose the part that tells them apart
        )
    for row in sorted(report.rows, key=lambda r: (r.scores.overlap_f1 is None, r.scores.overlap_f1 or 0.0)):
        rows.add_row(
            Text(printable(row.handle)),
            str(len(row.annotators)),
            *(_fig(v) for v in vars(row.scores).values()),
            _fig(row.relations_f1),
        )
    console.print(rows)


def _renames(pairs: tuple[str, ...]) -> dict[str, str]:
    from chipread.errors import ChipreadError

    out = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ChipreadError(
                f"--rename takes OLD=NEW (an annotator of the other store and its name here), got {pair!r}"
            )
        out[old.strip()] = new.strip()
    return out


@click.command("merge")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), callback=given_path)
@click.option(
    "--rename",
    "renames",
    multiple=True,
    callback=given,
    help="Bring annotator OLD of the other store in as NEW (repeatable).",
)
@click.option(
    "--union", is_flag=True, help="Union a same-named annotator even when the histories look like two people."
)
@click.option("--dry-run", is_flag=True, help="Say what would be merged; change nothing.")
@pass_options
def merge_cmd(opts: Options, paths: tuple[Path, ...], renames: tuple[str, ...], union: bool, dry_run: bool) -> None:
    """Bring other stores (or an annotator's folder) into this one, all or nothing; conflicts are kept apart."""
    from chipread.store import AnnotationStore
    from chipread.team.merge import merge_stores
    from chipread.workspace import locate

    _, _, root = locate(opts.corpus, opts.db, opts.config)
    with AnnotationStore(root, readonly=dry_run and root.exists()) as store:
        report = merge_stores(store, list(paths), rename=_renames(renames), union=union, dry_run=dry_run)
    for line in report.warnings:
        echo_err(f"warning: {line}")
    for conflict in report.conflicts:
        click.echo(printable(conflict.line()))
    click.echo(printable(report.summary()))


COMMANDS = [agree_cmd, merge_cmd]

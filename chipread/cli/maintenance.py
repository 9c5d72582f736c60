"""Store maintenance: `doctor` finds damaged files and, with --fix, moves them aside and salvages."""

from __future__ import annotations

import click

from chipread.cli import Options, pass_options
from chipread.printable import printable
from chipread.store import doctor


@click.command("doctor")
@click.option("--fix", is_flag=True, help="Move damaged files aside (never deleted) and salvage their records.")
@pass_options
def doctor_cmd(opts: Options, fix: bool) -> None:
    """Check the annotation store for damaged files and flagged spans."""
    from chipread.workspace import locate

    # The store is checked before anything opens it: opening would stop at the first damaged file.
    _, _, root = locate(opts.corpus, opts.db, opts.config)
    problems = doctor.scan(root)
    if not problems:
        click.echo(printable(f"store {root}: no damaged files"))
    for problem in problems:
        click.echo(printable(doctor.fix(problem) if fix else f"{problem.kind}: {problem.path}: {problem.detail}"))
    if problems and not fix:
        click.echo("run `chipread doctor --fix` to move damaged files aside and salvage what still reads")
        raise SystemExit(1)
    ws = opts.workspace()
    for who in ws.store.annotators():
        for row in ws.library(who):
            if row.flagged:
                click.echo(
                    printable(
                        f"{who}: {row.info.handle}: {row.flagged} span(s) that could not be carried over to the "
                        f"article's changed text (flagged, kept)"
                    )
                )


COMMANDS = [doctor_cmd]

"""Store maintenance: `doctor` finds damaged files and, with --fix, moves them aside and salvages."""

from __future__ import annotations

import click

from chipread.cli import Options, pass_options
from chipread.store import doctor


@click.command("doctor")
@click.option("--fix", is_flag=True, help="Move damaged files aside (never deleted) and salvage their records.")
@pass_options
def doctor_cmd(opts: Options, fix: bool) -> None:
    """Check the annotation store for damaged files and flagged spans."""
    from chipread.workspace import Workspace, default_store_path
    from chipread.corpus import default_corpus_path
    from chipread.config import find_config, load_config
    from pathlib import Path

    corpus = opts.corpus or default_corpus_path()
    cfg = load_config(opts.config or find_config(Path(corpus)))
    root = opts.db or cfg.db or default_store_path(Path(corpus))
    problems = doctor.scan(root)
    if not problems:
        click.echo(f"store {root}: no damaged files")
    for problem in problems:
        if fix:
            click.echo(doctor.fix(problem))
        else:
            click.echo(f"{problem.kind}: {problem.path}: {problem.detail}")
    if problems and not fix:
        click.echo("run `chipread doctor --fix` to move damaged files aside and salvage what still reads")
        raise SystemExit(1)
    if not problems or fix:
        ws = Workspace.open(opts.corpus, db=root, annotator=opts.annotator, config=opts.config, write=False)
        try:
            flagged = [(who, row) for who in ws.store.annotators() for row in ws.library(who) if row.flagged]
        finally:
            ws.close()
        for who, row in flagged:
            click.echo(f"{who}: {row.info.handle}: {row.flagged} spans whose text is no longer in the article (flagged, kept)")


COMMANDS = [doctor_cmd]

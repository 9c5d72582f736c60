"""Opening the Textual annotator (imported only when needed: other commands never load Textual)."""

from __future__ import annotations

import click

from chipread.cli import Options, echo_err, given, pass_options


def run_tui(opts: Options, *, review: bool = False, ask_name: bool = False) -> None:
    # A session that asks for its name takes no lock until it has one; the annotator opens what it can
    # (what cannot be read is a line on screen).
    ws = opts.workspace(write=True, claim=not ask_name, tolerant=True)
    if ws.readonly_reason:
        echo_err(ws.readonly_reason)
    from chipread.tui import make_app

    app = make_app(ws, review=review, ask_name=ask_name)
    app.run()
    # A crash inside the app has been shown by Textual; the exit status must say so too.
    if app.return_code:
        raise SystemExit(app.return_code)


@click.command("tui")
@click.option("--ask-name", is_flag=True, hidden=True, help="Ask for the annotator's name first (chipread serve).")
@pass_options
def tui_cmd(opts: Options, ask_name: bool) -> None:
    """Open the annotator (the same as running chipread with no command)."""
    run_tui(opts, ask_name=ask_name)


@click.command("review")
@click.option(
    "--as",
    "adjudicator",
    callback=given,
    help="The adjudicator's name (default: `adjudicator` in the config, else gold).",
)
@pass_options
def review_cmd(opts: Options, adjudicator: str | None) -> None:
    """Adjudicate: go from disagreement to disagreement and settle each into the adjudicator's store."""
    from chipread.team.adjudicator import adjudicator_name
    from chipread.workspace import locate

    _, config, _ = locate(opts.corpus, opts.db, opts.config)
    opts.annotator = adjudicator_name(config, adjudicator)
    run_tui(opts, review=True)


COMMANDS = [tui_cmd, review_cmd]

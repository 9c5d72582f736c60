"""Opening the Textual annotator (imported only when needed: other commands never load Textual)."""

from __future__ import annotations

import click

from chipread.cli import Options, echo_err, pass_options


def run_tui(opts: Options) -> None:
    ws = opts.workspace(write=True, tolerant=True)  # the annotator opens what it can; the app shows the rest
    if ws.readonly_reason:
        echo_err(ws.readonly_reason)
    from chipread.tui import make_app

    app = make_app(ws)
    app.run()
    # A crash inside the app has been shown by Textual; the exit status must say so too.
    if app.return_code:
        raise SystemExit(app.return_code)


@click.command("tui")
@pass_options
def tui_cmd(opts: Options) -> None:
    """Open the annotator (the same as running chipread with no command)."""
    run_tui(opts)


COMMANDS = [tui_cmd]

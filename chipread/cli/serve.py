"""`chipread serve`: the same app in a browser (textual-serve), one process per browser session, on 127.0.0.1 by default."""

from __future__ import annotations

import ipaddress
import shlex
import sys

import click

from chipread.cli import Options, echo_err, given, pass_options


def session_command(opts: Options) -> list[str]:
    """What each browser session runs: this chipread, on the same corpus, store and config, asking who it is."""
    from chipread.workspace import locate

    corpus, _, store = locate(opts.corpus, opts.db, opts.config)
    command = [sys.executable, "-m", "chipread", "--corpus", str(corpus.resolve()), "--db", str(store.resolve())]
    for flag, value in (("--config", opts.config), ("--ner", opts.ner), ("--gazetteer", opts.gazetteer)):
        if value:
            command += [flag, str(value)]
    if opts.annotator:
        return [*command, "--annotator", opts.annotator, "tui"]  # every session is given this name
    return [*command, "tui", "--ask-name"]


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    callback=given,
    help="Address to listen on (anything but loopback is seen by the network).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@pass_options
def serve_cmd(opts: Options, host: str, port: int) -> None:
    """Serve the annotator to a browser; each session asks for its annotator name (or --annotator gives it)."""
    from chipread.tui.serve import serve  # Textual's side of the CLI, like `chipread tui`

    ws = opts.workspace(write=True, claim=False)  # the corpus and store open (one clear line if not) before serving
    command = session_command(opts)
    ws.close()
    if not loopback(host):
        echo_err(f"warning: serving on {host}: chipread has no login; anyone who reaches this address can annotate")
    echo_err(
        f"serving chipread on http://{host}:{port} (from another machine: ssh -L {port}:127.0.0.1:{port} THIS-HOST)"
    )
    serve(shlex.join(command), host, port)


COMMANDS = [serve_cmd]

"""The `chipread` command: global options, error handling, and the subcommands' registration."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from chipread import __version__
from chipread.errors import ChipreadError


@dataclass
class Options:
    """Global options, and the workspace they open (lazily: `--help` must not read a corpus)."""

    corpus: Path | None = None
    db: Path | None = None
    annotator: str | None = None
    config: Path | None = None
    ner: str | None = None
    gazetteer: Path | None = None
    _opened: list = field(default_factory=list)

    def workspace(self, *, write: bool = False, claim: bool = True):
        from chipread.workspace import Workspace

        ws = Workspace.open(
            self.corpus,
            db=self.db,
            annotator=self.annotator,
            config=self.config,
            ner=self.ner,
            gazetteer=self.gazetteer,
            write=write,
            claim=claim,
        )
        self._opened.append(ws)
        if ws.store.backup is not None:
            echo_err(
                f"upgraded the store {ws.store.root} to the current format; the old files are kept in {ws.store.backup}"
            )
        for skipped in ws.corpus.skipped:
            echo_err(f"skipped {skipped.path}: {skipped.reason}")
        for warning in ws.corpus.warnings:
            echo_err(f"warning: {warning}")
        return ws

    def close(self) -> None:
        for ws in self._opened:
            ws.close()


def echo_err(message: str) -> None:
    """One line on stderr; control characters (from file names, article text) are shown escaped, never run."""
    safe = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in message)
    click.echo(f"chipread: {safe}", err=True)


pass_options = click.make_pass_decorator(Options)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    help="Folder of .txt/.md/.html articles or a .jsonl file (default: ./seeds, else the bundled seeds).",
)
@click.option(
    "--db", type=click.Path(path_type=Path), help="Annotation store folder (default: annotations/ beside the corpus)."
)
@click.option(
    "--annotator", help="Who is annotating (default: $CHIPREAD_ANNOTATOR, else the config, else the login name)."
)
@click.option(
    "--config", type=click.Path(path_type=Path), help="Config file (default: chipread.toml in or beside the corpus)."
)
@click.option("--ner", help="Entity recognizer: builtin (default) or spacy:MODEL.")
@click.option(
    "--gazetteer",
    type=click.Path(path_type=Path),
    help="Gazetteer file of names, labels and aliases (default: gazetteer.txt in the corpus).",
)
@click.version_option(__version__, prog_name="chipread")
@click.pass_context
def cli(ctx: click.Context, **options: object) -> None:
    """chipread: read news articles and tag actors, claims and quotes by keyboard.

    With no command, opens the annotator on the corpus.
    """
    opts = Options(**options)  # type: ignore[arg-type]
    ctx.obj = opts
    ctx.call_on_close(opts.close)
    if ctx.invoked_subcommand is None:
        from chipread.cli.tui import run_tui

        run_tui(opts)


def _register() -> None:
    from chipread.cli import browse, data, maintenance, serve, team, tui

    for module in (browse, data, maintenance, serve, team, tui):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure is one clear line and a non-zero exit, never a traceback."""
    debug = bool(os.environ.get("CHIPREAD_DEBUG"))
    if hasattr(signal, "SIGPIPE"):
        # `chipread export | head` ends quietly, like any Unix tool, instead of click's exit 1.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        code = cli.main(args=argv, prog_name="chipread", standalone_mode=False)
    except click.exceptions.Abort:
        echo_err("interrupted")
        code = 130
    except click.UsageError as exc:
        # One line, like every other error, with where to look for the right usage.
        where = exc.ctx.command_path if exc.ctx else "chipread"
        echo_err(f"error: {exc.format_message()} (see `{where} --help`)")
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except ChipreadError as exc:
        if debug:
            raise
        echo_err(f"error: {exc}")  # (escaped: errors quote file names and article text)
        code = exc.exit_code
    except BrokenPipeError:
        # `chipread export | head`: the reader went away; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        echo_err("interrupted")
        code = 130
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback for users
        if debug:
            raise
        echo_err(f"internal error: {type(exc).__name__}: {exc} (set CHIPREAD_DEBUG=1 to see the traceback)")
        code = 70
    sys.exit(code if isinstance(code, int) else 0)

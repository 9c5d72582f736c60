"""The `chipread` command: global options, error handling, and the subcommands' registration."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click

from chipread import __version__
from chipread.errors import ChipreadError, Terminated
from chipread.printable import printable


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

    def workspace(self, *, write: bool = False, claim: bool = True, tolerant: bool = False):
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
            tolerant=tolerant,
        )
        self._opened.append(ws)
        from chipread.tui.keys import check_binding_ids  # no Textual: the ids are plain data

        check_binding_ids(ws.config)
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


@contextmanager
def stopping_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the command as Ctrl-C does: its cleanup runs (an export removes its temporary
    files, an import says what it wrote) before chipread exits with 128 + the signal's number."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    wanted = [sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if sig is not None]
    old = {sig: signal.signal(sig, stop) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def given(ctx: click.Context, param: click.Parameter, value: str | tuple[str, ...] | None) -> object:
    """A value given as "" is a mistake (an unset variable in a script), never "the current folder", "everyone"
    or "the default"; each value of a repeatable option or argument counts."""
    values = value if isinstance(value, tuple) else (value,)
    if any(v is not None and not v.strip() for v in values):
        raise click.BadParameter("is empty", ctx=ctx, param=param)
    return value


def given_path(ctx: click.Context, param: click.Parameter, value: str | tuple[str, ...] | None) -> object:
    """given(), as a Path (click's own Path type would have turned "" into Path("."), the current folder)."""
    value = given(ctx, param, value)
    if isinstance(value, tuple):
        return tuple(Path(v) for v in value)
    return Path(value) if value is not None else None


def echo_err(message: str) -> None:
    """One line on stderr; control characters (from file names, article text) are shown escaped, never run."""
    click.echo(f"chipread: {printable(message)}", err=True)


pass_options = click.make_pass_decorator(Options)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--corpus",
    type=click.Path(),
    callback=given_path,
    help="Folder of .txt/.md/.html articles or a .jsonl file (default: ./seeds, else the bundled seeds).",
)
@click.option(
    "--db",
    type=click.Path(),
    callback=given_path,
    help="Annotation store folder (default: annotations/ beside the corpus).",
)
@click.option(
    "--annotator",
    callback=given,
    help="Who is annotating (default: $CHIPREAD_ANNOTATOR, else the config, else the login name).",
)
@click.option(
    "--config",
    type=click.Path(),
    callback=given_path,
    help="Config file (default: chipread.toml in or beside the corpus).",
)
@click.option("--ner", callback=given, help="Entity recognizer: builtin (default) or spacy:MODEL.")
@click.option(
    "--gazetteer",
    type=click.Path(),
    callback=given_path,
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
    from chipread.cli import actors, browse, data, maintenance, serve, team, tui

    for module in (browse, data, maintenance, serve, team, tui, actors):
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
    except Terminated as exc:
        echo_err(f"stopped by signal {exc.signum}")
        code = 128 + exc.signum
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback for users
        if debug:
            raise
        echo_err(f"internal error: {type(exc).__name__}: {exc} (set CHIPREAD_DEBUG=1 to see the traceback)")
        code = 70
    sys.exit(code if isinstance(code, int) else 0)

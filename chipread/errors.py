"""User-facing errors: each one is a single clear line the CLI and TUI print as is."""

from __future__ import annotations


class ChipreadError(Exception):
    """Base class: str(error) is the one line shown to the user."""

    exit_code = 1


class ConfigError(ChipreadError):
    what = "config"  # the kind of file, as the message names it

    def __init__(self, path: object, key: str | None, problem: str) -> None:
        where = f"{path}" + (f": {key}" if key else "")
        super().__init__(f"bad {self.what} {where}: {problem}")
        self.path, self.key, self.problem = path, key, problem


class GazetteerError(ConfigError):
    """A gazetteer (or an alias file in its format) that cannot be used."""

    what = "gazetteer"


class CorpusError(ChipreadError):
    """The corpus as a whole cannot be opened (missing folder, unreadable jsonl...)."""


class ArticleNotFound(ChipreadError):
    """A reference (id, handle or prefix) that names no article, or more than one."""


class StoreError(ChipreadError):
    """The annotation store cannot do what was asked (not a store, unwritable, a newer schema...)."""


class StoreLocked(StoreError):
    """Another chipread process holds the writer lock for this annotator."""


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreCorrupt(StoreError):
    """A store file does not parse; it is left untouched."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(
            f"store file {path} is damaged ({problem}); it was left untouched. "
            f"Run `chipread doctor --fix` to move it aside and salvage what can be read."
        )
        self.path = path
        self.problem = problem


class SessionError(ChipreadError):
    """An annotation edit that cannot be made (empty span, outside the text, unknown id...)."""


class ImportFailed(ChipreadError):
    """An import file that cannot be read at all (its bad records are reported, not raised)."""


class ImportInterrupted(ImportFailed):
    """An import that stopped while writing (a full disk, Ctrl-C, a signal): the line says what it had written."""

    def __init__(self, cause: BaseException, written: str) -> None:
        if isinstance(cause, KeyboardInterrupt):
            why, self.exit_code = "interrupted", 130
        elif isinstance(cause, Terminated):
            why, self.exit_code = f"stopped by signal {cause.signum}", 128 + cause.signum
        elif isinstance(cause, ChipreadError):
            why = str(cause)
        else:
            why = f"{type(cause).__name__}: {cause}"
        super().__init__(f"{why}; {written}")
        self.cause = cause


class Terminated(BaseException):  # noqa: N818 - like KeyboardInterrupt, it is how the process is asked to stop
    """SIGTERM or SIGHUP during a command that cleans up after itself (export, import): unwinds like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum


class ExportFailed(ChipreadError):
    """An export that cannot be written (bad destination, unknown annotator, split options...)."""


class ActorError(ChipreadError):
    """An actor operation that cannot be made (no such actor, nothing left after a split, a bad date...)."""

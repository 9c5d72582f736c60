"""Export destinations: stdout, a file written atomically while streaming, or a folder swapped in whole."""

from __future__ import annotations

import fcntl
import io
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from chipread.errors import ExportFailed
from chipread.store import fsync_dir

# A marker that says "chipread wrote this folder": only such a folder (or an empty one) is replaced.
FOLDER_MARKER = ".chipread-export"
_BUFFER = 1 << 20


class Target:
    """Where one output file goes. open() gives a binary stream; commit() makes it visible."""

    def open(self) -> BinaryIO:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        pass

    @property
    def name(self) -> str:
        raise NotImplementedError


class StdoutTarget(Target):
    def open(self) -> BinaryIO:
        return sys.stdout.buffer

    def commit(self) -> None:
        sys.stdout.buffer.flush()

    @property
    def name(self) -> str:
        return "-"


class AtomicFile(Target):
    """Streamed into a hidden temp file beside `path`, fsync'd, then renamed over it: never half a file."""

    def __init__(self, path: Path) -> None:
        self.path = resolved(Path(path))
        self.tmp: Path | None = None
        self._handle: io.BufferedWriter | None = None
        self._held: int | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    def open(self) -> BinaryIO:
        check_file_destination(self.path)
        sweep_stale(self.path)
        try:
            # A unique name: two exports to one file (two terminals, or the reader's export twice) never share it.
            self.tmp = _unique(self.path, ".tmp", lambda tmp: os.close(os.open(tmp, _NEW_FILE, 0o666)))
            self._held = hold(self.tmp)  # in use: no other export's sweep removes it
            self._handle = open(self.tmp, "wb", buffering=_BUFFER)  # noqa: SIM115 - closed in finish/abort
        except OSError as exc:
            self.abort()
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self._handle

    def finish(self) -> None:
        """Everything written is on disk in the temp file (the first half of commit)."""
        handle = self._handle
        if handle is None:
            return
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        except OSError as exc:
            self.abort()
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._handle = None

    def commit(self) -> None:
        commit_files([self])

    def abort(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None
        self.release()

    def release(self) -> None:
        self._held = release(self._held)


def commit_files(files: list[AtomicFile]) -> None:
    """Rename every finished temp file over its destination, all or nothing (the files of a --split).

    Each rename is atomic, so a destination always holds the old file or the new one. With
    several files, each old one is first kept under a hard link; if any rename fails or the
    export is interrupted (Ctrl-C), the ones already made are rolled back to the old files, so
    a reader never sees train from this export beside test from the last one.
    """
    for f in files:
        f.finish()
    keep = len(files) > 1
    done: list[tuple[AtomicFile, Path | None]] = []
    held: list[int | None] = []
    current = files[0] if files else None
    try:
        for current in files:
            assert current.tmp is not None
            aside = _keep_old(current.path) if keep else None
            if aside is not None:
                held.append(hold(aside))
            done.append((current, aside))
            os.replace(current.tmp, current.path)
            current.tmp = None
    except BaseException as exc:
        for f, aside in reversed(done):
            if f.tmp is None:  # renamed in: put the old file back (or none, as before)
                try:
                    if aside is not None:
                        os.replace(aside, f.path)
                    else:
                        f.path.unlink(missing_ok=True)
                except OSError:
                    pass  # the export failed already; its error below says so
            elif aside is not None:
                aside.unlink(missing_ok=True)
        for f in files:
            f.abort()
        for fd in held:
            release(fd)
        if isinstance(exc, OSError):
            raise ExportFailed(
                f"cannot write {current.path if current else ''}: {exc.strerror or exc}; "
                f"the files that were there are as they were"
            ) from None
        raise
    for _, aside in done:
        if aside is not None:
            aside.unlink(missing_ok=True)
    for fd in held:
        release(fd)
    for f in files:
        f.release()
    for folder in {f.path.parent for f in files}:
        fsync_dir(folder)


def _keep_old(path: Path) -> Path | None:
    """A hard link to the file at `path` under a hidden unique name (None if there is no file):
    the old file stays in place and can still be put back."""
    if not path.exists():
        return None
    try:
        return _unique(path, ".old", lambda aside: os.link(path, aside))
    except OSError:
        # No hard links here (some network or FUSE file systems): a copy serves as well.
        return _unique(path, ".old", lambda aside: shutil.copy2(path, aside))


# Created only if the name is free; the mode is what open() gives any new file (the umask applies).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL


def _unique(path: Path, suffix: str, make: Callable[[Path], object]) -> Path:
    """A hidden name beside `path` that nothing has, made into something by make(name) (which must
    fail with FileExistsError when the name is taken): `.data.jsonl.3f9a1c2e.tmp`."""
    for _ in range(100):
        name = path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")
        try:
            make(name)
        except FileExistsError:
            continue
        return name
    raise ExportFailed(f"cannot write {path}: no free temporary name beside it")


class AtomicFolder:
    """A folder built under a hidden temp name, then swapped in: the old export stays until the new one is whole."""

    def __init__(self, path: Path) -> None:
        self.path = resolved(Path(path))
        self.tmp: Path | None = None
        self._held: list[int | None] = []

    @property
    def name(self) -> str:
        return str(self.path)

    def open(self) -> Path:
        check_folder_destination(self.path)
        sweep_stale(self.path)
        try:
            self.tmp = _unique(self.path, ".tmp", os.mkdir)
            self._held.append(hold(self.tmp))
            (self.tmp / FOLDER_MARKER).write_text("written by chipread export; replaced by the next export here\n")
        except OSError as exc:
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self.tmp

    def commit(self) -> None:
        assert self.tmp is not None
        old = self.path.with_name(f"{self.tmp.name[:-4]}.old")  # unique as the temp folder is
        try:
            _fsync_tree(self.tmp)
            if self.path.exists():
                os.replace(self.path, old)
                self._held.append(hold(old))
            os.replace(self.tmp, self.path)
            fsync_dir(self.path.parent)
        except BaseException as exc:
            # A folder cannot be renamed over a full one, so there is a moment without it: put the old one back.
            if old.exists() and not self.path.exists():
                os.replace(old, self.path)
            self.abort()
            if isinstance(exc, OSError):
                raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
            raise
        shutil.rmtree(old, ignore_errors=True)
        self._release()

    def abort(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        self._release()

    def _release(self) -> None:
        for fd in self._held:
            release(fd)
        self._held = []


# -- temporary files left by an export that was killed -----------------------------------------------


def hold(path: Path) -> int | None:
    """Mark a temporary file or folder as in use (a lock that dies with the process); None if not possible."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing drops the lock


def sweep_stale(path: Path) -> list[Path]:
    """Remove the temporary files and folders an earlier export to `path` left when it was killed (kill -9,
    a crash): those no running export holds. Returns what was removed."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.(?:tmp|old)")
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name) or entry.is_symlink():
            continue
        fd = hold(Path(entry.path))
        if fd is None:
            continue  # another export is writing it
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
        finally:
            release(fd)
    return removed


def is_stdout(output: str) -> bool:
    """Whether `output` names this process's standard output (/dev/stdout, /dev/fd/1...): streamed, never renamed over."""
    try:
        named, ours = os.stat(output), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino)


def resolved(path: Path) -> Path:
    """Where a destination really is: a link is written through (its target replaced), never replaced itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _not_regular(path: Path) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return (
        f"{path} is {kind}, not a file: an export is written to a temporary file and renamed over its destination; "
        f"to stream it, use -o - and redirect"
    )


def check_file_destination(path: Path) -> None:
    problem = _not_regular(path)
    if problem:
        raise ExportFailed(problem)
    if path.is_dir():
        raise ExportFailed(f"{path} is a folder; give a file name with -o")
    if not path.parent.is_dir():
        raise ExportFailed(f"cannot write {path}: folder {path.parent} does not exist")


def check_folder_destination(path: Path) -> None:
    problem = _not_regular(path)
    if problem:
        raise ExportFailed(problem)
    if not path.parent.is_dir():
        raise ExportFailed(f"cannot write {path}: folder {path.parent} does not exist")
    if path.exists() and not path.is_dir():
        raise ExportFailed(f"{path} is a file; this format writes a folder (give a folder name with -o)")
    if path.is_dir() and any(path.iterdir()) and not (path / FOLDER_MARKER).exists():
        raise ExportFailed(
            f"{path} is a folder that is not empty and was not written by chipread export; choose another -o"
        )


def _fsync_tree(root: Path) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(folder))

"""Export destinations: stdout, a file written atomically while streaming, or a folder swapped in whole."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path
from typing import BinaryIO

from chipread.errors import ExportFailed
from chipread.store.atomic import fsync_dir

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
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self._handle: io.BufferedWriter | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    def open(self) -> BinaryIO:
        check_file_destination(self.path)
        try:
            self._handle = open(self.tmp, "wb", buffering=_BUFFER)  # noqa: SIM115 - closed in commit/abort
        except OSError as exc:
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self._handle

    def commit(self) -> None:
        handle = self._handle
        if handle is None:
            return
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(self.tmp, self.path)
            fsync_dir(self.path.parent)
        except OSError as exc:
            self.abort()
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._handle = None

    def abort(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None
        self.tmp.unlink(missing_ok=True)


class AtomicFolder:
    """A folder built under a hidden temp name, then swapped in: the old export stays until the new one is whole."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")

    @property
    def name(self) -> str:
        return str(self.path)

    def open(self) -> Path:
        check_folder_destination(self.path)
        shutil.rmtree(self.tmp, ignore_errors=True)
        try:
            self.tmp.mkdir()
            (self.tmp / FOLDER_MARKER).write_text("written by chipread export; replaced by the next export here\n")
        except OSError as exc:
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self.tmp

    def commit(self) -> None:
        old = self.path.with_name(f".{self.path.name}.{os.getpid()}.old")
        try:
            _fsync_tree(self.tmp)
            if self.path.exists():
                os.replace(self.path, old)
            os.replace(self.tmp, self.path)
            fsync_dir(self.path.parent)
        except OSError as exc:
            if old.exists() and not self.path.exists():
                os.replace(old, self.path)
            self.abort()
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror or exc}") from None
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def check_file_destination(path: Path) -> None:
    if path.is_dir():
        raise ExportFailed(f"{path} is a folder; give a file name with -o")
    if not path.parent.is_dir():
        raise ExportFailed(f"cannot write {path}: folder {path.parent} does not exist")


def check_folder_destination(path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportFailed(f"cannot write {path}: folder {path.parent} does not exist")
    if path.exists() and not path.is_dir():
        raise ExportFailed(f"{path} is a file; this format writes a folder (give a folder name with -o)")
    if path.is_dir() and any(path.iterdir()) and not (path / FOLDER_MARKER).exists():
        raise ExportFailed(f"{path} is a folder that is not empty and was not written by chipread export; choose another -o")


def _fsync_tree(root: Path) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(folder))

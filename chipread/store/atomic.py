"""Crash-safe file replacement: write a temporary file, fsync it, rename it over, fsync the folder."""

from __future__ import annotations

import os
from pathlib import Path

from chipread.store.paths import fsync_dir, open_file

TMP_SUFFIX = ".tmp"

__all__ = ["TMP_SUFFIX", "atomic_write", "fsync_dir"]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, never a mix.

    The temporary file is created afresh (O_EXCL, no link followed): a leftover or a planted link
    under its name is removed, never written through.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    tmp.unlink(missing_ok=True)
    fd = open_file(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)

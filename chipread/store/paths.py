"""Store files and folders opened without following symbolic links: a link inside a store is refused, never used.

Teams copy store folders and keep them in git, so a relative link travels with them: a link
where a store file or folder belongs could make chipread overwrite or read whatever it points
to. The store root itself is the user's choice (--db) and may be a link; what is inside it may not.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from chipread.errors import StoreCorrupt, StoreError

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    return "a device, pipe or socket"


def link_error(path: Path, expected: str) -> StoreError:
    return StoreError(
        f"{path} is a symbolic link where the store keeps {expected}; chipread does not follow links inside a "
        f"store (`chipread doctor --fix` moves it aside)"
    )


def check_folder(path: Path, expected: str = "a folder") -> bool:
    """Whether the store folder `path` exists; a link or a file in its place is refused by name."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(mode):
        return True
    if stat.S_ISLNK(mode):
        raise link_error(path, expected)
    raise StoreError(f"{path} is {_kind(mode)} where the store keeps {expected}; move it out of the store")


def make_folder(path: Path, expected: str = "a folder") -> None:
    """Create a store folder (not its parents) durably: the new entry is fsync'd in its parent."""
    if check_folder(path, expected):
        return
    try:
        path.mkdir()
    except FileExistsError:
        check_folder(path, expected)  # made by another process meanwhile, or something else is there
        return
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable (the directory entry itself)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_file(
    path: Path, flags: int, mode: int = 0o644, expected: str = "a store file", *, single_link: bool = False
) -> int:
    """os.open without following a link at `path`; only a regular file is accepted.

    single_link: also refuse a file with other hard links (for a file written in place, like the lock).
    """
    try:
        fd = os.open(path, flags | NOFOLLOW | getattr(os, "O_NONBLOCK", 0), mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise link_error(path, expected) from None
        if exc.errno in (errno.EISDIR, errno.ENXIO):
            raise StoreCorrupt(path, f"not a file: the store keeps {expected} here") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (single_link and info.st_nlink > 1):
        os.close(fd)
        what = _kind(info.st_mode) if not stat.S_ISREG(info.st_mode) else "a file with other hard links"
        raise StoreCorrupt(path, f"{what} where the store keeps {expected}; it was not opened")
    return fd


def read_bytes(path: Path, expected: str = "a store file") -> bytes | None:
    """The bytes of a store file; None if there is none."""
    try:
        fd = open_file(path, os.O_RDONLY, expected=expected)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()

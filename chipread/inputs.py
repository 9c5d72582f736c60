"""User-given input files (config, gazetteer, import files): opened with one set of checks, read within one limit.

The limit is the corpus's (decode.MAX_BYTES, 5 MB): no article, config or gazetteer is ever read
without bound, so a path like /dev/zero or a 100 MB "article" is one clear line, not a process
that grows until it is killed. Import files are streamed record by record (any length); each
record's text is held to the same limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from chipread.corpus import decode


class InputRefused(Exception):
    """An input file that cannot be used; str() is the one-line reason (without the path)."""


def limit() -> int:
    return decode.MAX_BYTES  # read at call time: tests lower it


def limit_text() -> str:
    return decode.limit_text()


def too_large(size: int, most: int | None = None) -> str:
    if most is not None and most != limit():
        return f"too large ({size / 1_048_576:.1f} MB; the limit is {most / 1_048_576:g} MB)"
    return f"too large ({size / 1_048_576:.1f} MB; the limit is {limit_text()}, as for every article and input file)"


def open_input(path: Path) -> BinaryIO:
    """A user's file opened for reading: a regular file or a pipe (`<(...)`), never a folder, device or socket."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputRefused("no such file") from None
    except OSError as exc:
        raise InputRefused(exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode):
        raise InputRefused("it is a folder, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputRefused("it is a device, not a file")
    if stat.S_ISSOCK(mode):
        raise InputRefused("it is a socket, not a file")
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputRefused(exc.strerror or str(exc)) from None


def read_limited(path: Path, most: int | None = None) -> bytes:
    """The whole file, if it is within the limit (never reading more than the limit and one byte)."""
    most = limit() if most is None else most
    with open_input(path) as handle:
        try:
            data = handle.read(most + 1)
        except OSError as exc:
            raise InputRefused(exc.strerror or str(exc)) from None
        if len(data) > most:
            size = os.fstat(handle.fileno()).st_size
            raise InputRefused(too_large(max(size, len(data)), most))
    return data

"""One writer per annotator: an OS file lock that dies with its process, so it is never stale."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path

from chipread.errors import ChipreadError
from chipread.store.paths import make_folder, open_file, read_bytes

LOCK_NAME = ".lock"


class WriterLock:
    """An exclusive flock on `<folder>/.lock`, with who holds it written inside.

    The lock file is opened without following links and only when it is a plain file with no
    other hard links: it is truncated and written in place, so it must be nothing but itself.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait: bool = False) -> bool:
        """Take the lock; False if another process holds it (wait=True: block until it is free)."""
        if self._fd is not None:
            return True
        if not self.path.parent.is_dir():
            # (A link in an annotator's place is refused before a lock is taken: AnnotationStore.folder.)
            make_folder(self.path.parent)
        fd = open_file(self.path, os.O_RDWR | os.O_CREAT, 0o644, "its lock file", single_link=True)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            "command": " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv[:3])),
        }
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def holder(self) -> str:
        """Who holds the lock, for the message the second process shows."""
        try:
            info = json.loads(read_bytes(self.path, "its lock file") or b"{}")
            if not isinstance(info, dict):
                raise ValueError
        except (OSError, ValueError, ChipreadError):
            return "another chipread process"
        command = info.get("command") or "chipread"
        return f"{command} (pid {info.get('pid', '?')} on {info.get('host', '?')}, since {info.get('since', '?')})"

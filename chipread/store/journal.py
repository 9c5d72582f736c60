"""All-or-nothing changes to many store files: staged, committed by one atomic write, then moved into place.

A change of many files (a merge) first writes every new file under `_pending/files/` (each one
fsync'd), then commits by writing `_pending/manifest.json` atomically: before that moment nothing
has happened, after it everything will. Applying renames each staged file over its target; a
process killed while applying leaves every file whole (old or new), and the rest is finished by
the next process that takes the lock of the annotator concerned (AnnotationStore.claim), or by the
next merge. An uncommitted stage is thrown away. The store-wide lock `<store>/.lock` is held while
staging and applying, so no one finishes or discards a journal that a live process is writing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from chipread.store.atomic import atomic_write, fsync_dir
from chipread.store.layout import ANNOTATOR_RE
from chipread.store.lock import WriterLock

PENDING = "_pending"
MANIFEST = "manifest.json"
FILES = "files"

Progress = Callable[[str, int], None]


def _entries(root: Path) -> list[str] | None:
    """The committed journal's target paths (relative to the store), or None when nothing is committed."""
    try:
        data = json.loads((root / PENDING / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return [str(p) for p in data["files"]]


def annotators_of(root: Path) -> set[str]:
    """The annotators whose files a committed but unfinished journal still has to move into place."""
    return {p.split("/", 1)[0] for p in _entries(root) or () if ANNOTATOR_RE.match(p.split("/", 1)[0])}


class Journal:
    """One all-or-nothing change: stage() each file, commit(), then apply(). Hold it with `with`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / PENDING
        self.lock = WriterLock(root)
        self.staged: list[str] = []

    def __enter__(self) -> Journal:
        if not self.lock.acquire():
            from chipread.errors import StoreLocked

            raise StoreLocked(f"another chipread is changing several files of {self.root} ({self.lock.holder()})")
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()

    def staged_path(self, relative: str) -> Path:
        return self.folder / FILES / relative

    def stage(self, relative: str, data: bytes | None = None) -> Path:
        """Write the new content of `relative` (or leave it to the caller to write at the returned path)."""
        if not self.staged:
            discard(self.root)  # a stage left by a process that died before committing
        path = self.staged_path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            atomic_write(path, data)
        self.staged.append(relative)
        return path

    def commit(self) -> None:
        """The moment the change happens: the manifest is written whole or not at all."""
        for folder in {self.staged_path(p).parent for p in self.staged}:
            fsync_dir(folder)
        atomic_write(self.folder / MANIFEST, json.dumps({"files": self.staged}, indent=1).encode("utf-8"))

    def apply(self, progress: Progress | None = None) -> None:
        finish(self.root, None, progress)


def discard(root: Path) -> None:
    """Throw away an uncommitted stage."""
    if (root / PENDING).exists() and _entries(root) is None:
        shutil.rmtree(root / PENDING, ignore_errors=True)


def finish(root: Path, annotators: Iterable[str] | None = None, progress: Progress | None = None) -> int:
    """Move a committed journal's files into place: all of them, or those of `annotators` and the store's own.

    The caller holds the writer locks of those annotators. Returns how many files were moved.
    """
    entries = _entries(root)
    if entries is None:
        return 0
    allowed = None if annotators is None else set(annotators)
    moved = 0
    folders: set[Path] = set()
    for relative in entries:
        owner = relative.split("/", 1)[0]
        if allowed is not None and ANNOTATOR_RE.match(owner) and owner not in allowed:
            continue
        staged = root / PENDING / FILES / relative
        target = root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        except FileNotFoundError:
            continue  # moved already (by an earlier, interrupted run)
        folders.add(target.parent)
        moved += 1
        if progress:
            progress("applied", moved)
    for folder in folders:
        fsync_dir(folder)
    if all(not (root / PENDING / FILES / p).exists() for p in entries):
        (root / PENDING / MANIFEST).unlink(missing_ok=True)
        fsync_dir(root / PENDING)
        shutil.rmtree(root / PENDING, ignore_errors=True)
    return moved


def recover(root: Path, annotator: str) -> None:
    """On taking an annotator's lock: finish what a killed merge committed for them, unless a merge is live."""
    if not (root / PENDING).exists():
        return
    lock = WriterLock(root)
    if not lock.acquire():
        return  # a live merge holds it (and holds this annotator's lock, so this is not reached for them)
    try:
        if _entries(root) is None:
            discard(root)
        else:
            finish(root, [annotator])
    finally:
        lock.release()

"""A folder corpus: find the article files in it (recursively) and give each a short, unique handle."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from chipread.corpus.sanitize import clean_line
from chipread.model import Skipped

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
# chipread's own files that may sit in a corpus folder.
IGNORED = frozenset({"chipread.toml", "gazetteer.txt"})


@dataclass(frozen=True, slots=True)
class FileEntry:
    rel: str  # relative path with "/" separators
    size: int
    mtime_ns: int
    fmt: str


def scan(root: Path) -> tuple[list[FileEntry], list[Skipped], list[str]]:
    """Article files under root; files that cannot even be looked at; folders that cannot be listed."""
    files: list[FileEntry] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    base = str(root)
    real_root = os.path.realpath(root)
    # os.scandir and plain strings: a warm open of 10,000 files is mostly this loop.
    pending = [("", base)]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            warnings.append(
                f"{prefix.rstrip('/') or '.'}: folder cannot be read ({exc.strerror}); its files were left out"
            )
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((prefix + name + "/", entry.path))
                    continue
            except OSError:
                continue
            fmt = FORMATS.get(os.path.splitext(name)[1].lower())
            if fmt is None or name.lower() in IGNORED:
                continue
            try:
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), real_root):
                    # A link out of the corpus (passwd.txt -> /etc/passwd) is not an article of it.
                    skipped.append(Skipped(entry.path, "a link to a file outside the corpus folder; not followed"))
                    continue
                stat = entry.stat()
            except OSError as exc:
                skipped.append(Skipped(entry.path, f"cannot read file ({exc.strerror or 'broken link'})"))
                continue
            if not S_ISREG(stat.st_mode):
                continue
            files.append(FileEntry(prefix + name, stat.st_size, stat.st_mtime_ns, fmt))
    return files, skipped, warnings


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def handles(rels: list[str]) -> dict[str, str]:
    """The file stem; the relative path without suffix when stems collide; then with suffix."""
    stems = {rel: _safe(_strip_suffix(rel.rsplit("/", 1)[-1])) for rel in rels}
    counts = Counter(stems.values())
    chosen = {}
    for rel, stem in stems.items():
        chosen[rel] = stem if counts[stem] == 1 else _safe(_strip_suffix(rel))
    counts = Counter(chosen.values())
    for rel, handle in chosen.items():
        if counts[handle] > 1:
            chosen[rel] = _safe(rel)
    # Names that differ only in characters the handle drops (control characters): number them.
    seen: Counter[str] = Counter()
    for rel in sorted(chosen):
        handle = chosen[rel]
        seen[handle] += 1
        if seen[handle] > 1:
            chosen[rel] = f"{handle}~{seen[handle]}"
    return chosen


def _strip_suffix(name: str) -> str:
    head, dot, suffix = name.rpartition(".")
    return head if dot and head and not head.endswith("/") else name


def _safe(name: str) -> str:
    if name.isascii() and name.isprintable() and "  " not in name:
        return name.strip() or "article"
    return clean_line(name) or "article"


def sort_key(handle: str) -> tuple:
    """Natural order: article-2 before article-10."""
    parts = re.split(r"(\d+)", handle.casefold())
    return tuple(int(p) if p.isdigit() else p for p in parts), handle

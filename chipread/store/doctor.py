"""Checking a store for damage, and setting damaged files aside while salvaging what still reads."""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from chipread.errors import StoreCorrupt, StoreError
from chipread.store.article_file import annotations_from_tables, meta_from_tables
from chipread.store.atomic import TMP_SUFFIX, atomic_write
from chipread.store.layout import ANNOTATOR_RE, IMPORTED, MARKER
from chipread.store.lock import WriterLock
from chipread.store.storage import dump_tables, load_tables

_TABLE_LINE = re.compile(r'^"([^"]+)": \{$')
_RECORD_LINE = re.compile(r'^"([^"]+)": (\{.*\}),?$')


@dataclass(frozen=True)
class Problem:
    path: Path
    kind: str  # "damaged" or "leftover"
    detail: str


def store_files(root: Path) -> list[Path]:
    """The files chipread writes in a store, and nothing else that may sit in the folder."""
    files = [root / MARKER] if (root / MARKER).is_file() else []
    if not root.is_dir():
        return files
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and (folder.name == IMPORTED or ANNOTATOR_RE.match(folder.name)):
            files += sorted(
                p for p in folder.iterdir() if p.is_file() and (p.suffix == ".json" or p.name.endswith(TMP_SUFFIX))
            )
    return files


def scan(root: Path) -> list[Problem]:
    """Every damaged store file and every leftover temporary file under `root`."""
    problems: list[Problem] = []
    for path in store_files(root):
        if path.name.endswith(TMP_SUFFIX):
            problems.append(Problem(path, "leftover", "unfinished write from an interrupted process"))
            continue
        if path.name.startswith("."):
            continue
        try:
            if path.parent.name == IMPORTED or path.name == MARKER:
                json.loads(path.read_text(encoding="utf-8"))
            else:
                # Parse and build every record, as opening the article would.
                tables = load_tables(path)
                meta = meta_from_tables(tables, path)
                annotations_from_tables(tables, meta.get("article_id", ""), path.parent.name, path)
        except StoreCorrupt as exc:
            problems.append(Problem(path, "damaged", exc.problem))
        except StoreError as exc:
            problems.append(Problem(path, "damaged", str(exc)))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, "damaged", f"not valid JSON ({exc})"))
    return problems


def salvage(path: Path) -> dict[str, dict[str, object]]:
    """The records of a damaged store file that still parse, line by line (chipread writes one per line)."""
    tables: dict[str, dict[str, object]] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        table = _TABLE_LINE.match(line)
        if table:
            current = table.group(1)
            tables.setdefault(current, {})
            continue
        record = _RECORD_LINE.match(line)
        if record and current is not None:
            try:
                value = json.loads(record.group(2))
            except ValueError:
                continue
            if isinstance(value, dict):
                tables[current][record.group(1)] = value
    return tables


def fix(problem: Problem) -> str:
    """Repair one problem without destroying anything; returns what was done, in one line."""
    folder = problem.path.parent
    if folder.name != IMPORTED and problem.path.name != MARKER:
        lock = WriterLock(folder)
        if not lock.acquire():
            return f"left {problem.path} alone: {folder.name}'s annotations are open in {lock.holder()}"
        try:
            return _fix(problem)
        finally:
            lock.release()
    return _fix(problem)


def _fix(problem: Problem) -> str:
    if problem.kind == "leftover":
        problem.path.unlink(missing_ok=True)
        return f"removed {problem.path} (a write that never completed)"
    aside = _aside_name(problem.path)
    # Copy first: the damaged file is only replaced once its copy is safely beside it.
    shutil.copy2(problem.path, aside)
    if problem.path.parent.name == IMPORTED or problem.path.name == MARKER:
        problem.path.unlink()
        return f"moved {problem.path} to {aside}"
    tables = salvage(aside)
    # An annotator's actor registry (chipread.actors, a "_" file) holds actor records and article dates instead.
    kinds = ("actors", "dates") if problem.path.name.startswith("_") else ("spans", "relations")
    count = sum(len(rows) for name, rows in tables.items() if name in kinds)
    if not count:
        problem.path.unlink()
        return f"moved {problem.path} to {aside}; nothing in it could be read, so that article starts empty"
    atomic_write(problem.path, dump_tables(tables))
    return f"moved {problem.path} to {aside}; salvaged {count} {' and '.join(kinds)} into a new file"


def _aside_name(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    return aside

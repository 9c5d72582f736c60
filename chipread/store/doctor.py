"""Checking a store for damage, and setting damaged files aside while salvaging what still reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from chipread.errors import StoreCorrupt, StoreError
from chipread.model import ArticleState, Relation, Span, text_hash
from chipread.store.article_file import SCHEMA_VERSION, annotations_from_tables, meta_from_tables
from chipread.store.atomic import TMP_SUFFIX, atomic_write, fsync_dir
from chipread.store.file_journal import TOKEN_TABLE, base_of, is_journal, journal_path, replay
from chipread.store.layout import IMPORTED, MARKER, TEXTS, is_annotator_folder
from chipread.store.lock import LOCK_NAME, WriterLock
from chipread.store.migrate import SCHEMA1_FILE
from chipread.store.paths import read_bytes
from chipread.store.storage import dump_tables, load_state, load_tables, read_base, token_of
from chipread.store.store import read_schema, write_marker

_TABLE_LINE = re.compile(r'^"([^"]+)": \{$')
_RECORD_LINE = re.compile(r'^"([^"]+)": (\{.*\}),?$')


@dataclass(frozen=True)
class Problem:
    path: Path
    kind: str  # "damaged", "leftover" or "misplaced" (a link, folder or device where a file belongs)
    detail: str
    root: Path | None = None  # the store it was found in


def store_files(root: Path) -> list[Path]:
    """The entries chipread writes in a store, and nothing else that may sit in the folder.

    Links are listed as they are (never followed); so are folders in a store file's place.
    """
    files = [root / name for name in (MARKER, LOCK_NAME) if os.path.lexists(root / name)]
    if not root.is_dir():
        return files
    for folder in sorted(root.iterdir()):
        if folder.name in (IMPORTED, TEXTS) or is_annotator_folder(folder.name):
            if folder.is_symlink() or not folder.is_dir():
                if folder.is_symlink() or folder.name in (IMPORTED, TEXTS):
                    files.append(folder)
                continue
            suffix = ".txt" if folder.name == TEXTS else ".json"
            files += sorted(
                p
                for p in folder.iterdir()
                if p.suffix == suffix or p.name.endswith(TMP_SUFFIX) or p.name == LOCK_NAME or is_journal(p.name)
            )
    return files


def scan(root: Path) -> list[Problem]:
    """Every damaged store file, misplaced entry and leftover temporary file under `root`."""
    problems: list[Problem] = []
    for path in store_files(root):
        misplaced = _misplaced(root, path)
        if misplaced:
            problems.append(Problem(path, "misplaced", misplaced, root))
            continue
        if path.name.endswith(TMP_SUFFIX):
            problems.append(Problem(path, "leftover", "unfinished write from an interrupted process", root))
            continue
        if path.name.startswith("."):
            continue
        if is_journal(path.name):
            problem = _journal_problem(root, path)
            if problem is not None:
                problems.append(problem)
            continue
        try:
            if path.name == MARKER and path.parent == root:
                read_schema(root)
            elif path.parent.name == TEXTS:
                data = read_bytes(path, "an annotated text") or b""
                if text_hash(data.decode("utf-8")) != path.stem:
                    raise StoreCorrupt(path, "its text does not match its name (the hash of the text)")
            elif path.parent.name == IMPORTED:
                json.loads(read_bytes(path, "an imported article") or b"")
            else:
                # Parse and build every record, as opening the article would.
                tables = load_tables(path)
                meta = meta_from_tables(tables, path)
                annotations_from_tables(tables, meta.get("article_id", ""), path.parent.name, path)
        except StoreCorrupt as exc:
            if Path(str(exc.path)) != journal_path(path):  # a damaged journal is reported as itself
                problems.append(Problem(path, "damaged", exc.problem, root))
        except StoreError as exc:
            problems.append(Problem(path, "damaged", str(exc), root))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            problems.append(Problem(path, "damaged", f"not valid JSON ({exc})", root))
    return problems


STALE = "a journal its store file no longer extends (the file was rewritten since); it is never read"


def _journal_problem(root: Path | None, path: Path) -> Problem | None:
    """A journal that is damaged, or stale; None when it is its file's own (or the file itself is damaged)."""
    try:
        loaded = load_state(base_of(path))
    except StoreCorrupt as exc:
        return Problem(path, "damaged", exc.problem, root) if Path(str(exc.path)) == path else None
    except StoreError:
        return None  # reported with its file
    return Problem(path, "leftover", STALE, root) if loaded.journal.state == "stale" else None


def _misplaced(root: Path, path: Path) -> str | None:
    """What is wrong with an entry that is not a plain file (or, for a store folder, not a plain folder)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = info.st_mode
    if path.name == LOCK_NAME:
        if stat.S_ISLNK(mode):
            return "a symbolic link where the store keeps its lock file (chipread never follows links inside a store)"
        if not stat.S_ISREG(mode):
            return "not a file where the store keeps its lock file"
        if info.st_nlink > 1:
            return "a lock file with other hard links (written in place, it would change them too)"
        return None
    if path.parent == root and path.name != MARKER:
        kind = "a symbolic link" if stat.S_ISLNK(mode) else "not a folder"
        return f"{kind} where the store keeps a folder (chipread never follows links inside a store)"
    if stat.S_ISLNK(mode):
        return "a symbolic link where the store keeps a file (chipread never follows links inside a store)"
    if stat.S_ISDIR(mode):
        return "a folder where the store keeps a file"
    if not stat.S_ISREG(mode):
        return "a device, pipe or socket where the store keeps a file"
    return None


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
            if isinstance(value, dict) and _usable(current, value):
                tables[current][record.group(1)] = value
    return tables


def _usable(table: str, record: dict) -> bool:
    """Whether a salvaged record is one the store can open (a bad one would leave the file damaged)."""
    try:
        if table == "meta":
            meta_from_tables({"meta": {"1": record}})
        elif table in _RECORDS:
            _RECORDS[table](record)
    except (StoreError, KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


_RECORDS = {"spans": Span.from_dict, "relations": Relation.from_dict, "state": ArticleState.from_dict}


def fix(problem: Problem) -> str:
    """Repair one problem without destroying anything; returns what was done, in one line."""
    folder = problem.path.parent
    in_annotator_folder = problem.root is None or folder.parent == problem.root
    lockable = problem.path.name != LOCK_NAME and folder.is_dir() and not folder.is_symlink()
    if in_annotator_folder and lockable and is_annotator_folder(folder.name):
        lock = WriterLock(folder)
        if not lock.acquire():
            return f"left {problem.path} alone: {folder.name}'s annotations are open in {lock.holder()}"
        try:
            return _fix(problem)
        finally:
            lock.release()
    return _fix(problem)


def _fix(problem: Problem) -> str:
    path = problem.path
    if problem.kind == "leftover" and is_journal(path.name):
        # Checked again under the lock: since the scan, a writer may have started a journal of its own there.
        if _journal_problem(problem.root, path) is None:
            return f"left {path} alone: it is its file's journal now"
        path.unlink(missing_ok=True)
        return f"removed {path} ({STALE})"
    if problem.kind == "leftover":
        path.unlink(missing_ok=True)
        return f"removed {path} (a write that never completed)"
    aside = _aside_name(path)
    if problem.kind == "misplaced":
        # Renamed, never followed or opened: a link keeps pointing where it did, under a name chipread ignores.
        os.rename(path, aside)
        fsync_dir(path.parent)
        return f"moved {path} to {aside} ({problem.detail})"
    # Copy first: the damaged file is only replaced once its copy is safely beside it.
    shutil.copy2(path, aside, follow_symlinks=False)
    if path.name == MARKER:
        root = path.parent
        path.unlink()
        schema = _schema_of_files(root)
        write_marker(root, schema)
        return f"moved {path} to {aside}; wrote a new store marker (schema {schema}, as the files say)"
    if path.parent.name in (IMPORTED, TEXTS):
        path.unlink()
        return f"moved {path} to {aside}"
    if is_journal(path.name):
        return _fold_damaged_journal(path, aside)
    tables = salvage(aside)
    folded = _fold_journal(path, tables, token_of(tables.pop(TOKEN_TABLE, None)))
    # An annotator's actor registry (chipread.actors, a "_" file) holds actor records and article dates instead.
    kinds = ("actors", "dates") if path.name.startswith("_") else ("spans", "relations")
    count = sum(len(rows) for name, rows in tables.items() if name in kinds)
    if not count:
        path.unlink()
        _remove_journal(path)
        return f"moved {path} to {aside}; nothing in it could be read, so that article starts empty"
    atomic_write(path, dump_tables(tables))  # no token: a journal left beside it is stale from now on
    _remove_journal(path)
    return f"moved {path} to {aside}; salvaged {count} {' and '.join(kinds)} into a new file{folded}"


def _fold_journal(base: Path, tables: dict, token: str | None) -> str:
    """Apply every line of `base`'s journal that checks out (if it extends this base), keeping a copy of it aside."""
    journal = journal_path(base)
    raw = read_bytes(journal, "a store file's journal")
    if raw is None:
        return ""
    aside = _aside_name(journal)
    shutil.copy2(journal, aside, follow_symlinks=False)
    found = replay(tables, raw, token, journal, lenient=True)
    if found.state != "applied":
        return f" (its journal, never read, moved to {aside})"
    lost = f", {len(found.skipped)} damaged" if found.skipped else ""
    return f" with {found.lines} changes from its journal{lost} (a copy is at {aside})"


def _fold_damaged_journal(journal: Path, aside: Path) -> str:
    """Fold what still reads of a damaged journal into its file, rewritten whole; the journal goes."""
    base = base_of(journal)
    tables, token = read_base(base)
    if tables is None:
        journal.unlink()
        return f"moved {journal} to {aside}; its store file is gone, so nothing was folded"
    found = replay(tables, read_bytes(aside, "a store file's journal"), token, journal, lenient=True)
    atomic_write(base, dump_tables(tables))  # no token: what is left of the journal is stale from now on
    journal.unlink()
    fsync_dir(journal.parent)
    return (
        f"moved {journal} to {aside}; folded its {found.lines} readable changes into {base} "
        f"({len(found.skipped)} damaged lines left out)"
    )


def _remove_journal(base: Path) -> None:
    journal_path(base).unlink(missing_ok=True)


def _schema_of_files(root: Path) -> int:
    """The schema a store's files were written by (the highest any says), for a marker written afresh."""
    if (root / SCHEMA1_FILE).is_file():
        return 1
    found = 0
    for folder in root.iterdir():
        if not is_annotator_folder(folder.name) or folder.is_symlink() or not folder.is_dir():
            continue
        for path in folder.glob("*.json"):
            try:
                schema = meta_from_tables(load_tables(path), path).get("schema", 0)
            except StoreError:
                continue
            found = max(found, schema if isinstance(schema, int) else 0)
    if found == 0:
        return SCHEMA_VERSION  # nothing says otherwise: the current layout
    return min(max(found, 2), SCHEMA_VERSION)


def _aside_name(path: Path) -> Path:
    """Beside it, under a name chipread never reads: no .json ending, and never an annotator's name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = path.name if not is_annotator_folder(path.name) or path.suffix == ".json" else f"_{path.name}"
    aside = path.with_name(f"{base}.damaged-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{base}.damaged-{stamp}-{n}")
    return aside

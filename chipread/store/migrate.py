"""Upgrading older store layouts in place, always keeping a backup of what was there.

Runs under the store's own lock (AnnotationStore takes it), so two first opens never migrate
twice. Everything is read and checked before anything is written; a migration that fails
removes the backup it made (the old files are still in place), so retries never pile them up.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from chipread.errors import StoreCorrupt, StoreError, StoreLocked
from chipread.model import ArticleState, Relation, Span
from chipread.store.article_file import ArticleFile, Change
from chipread.store.atomic import atomic_write, fsync_dir
from chipread.store.layout import check_annotator, file_name, is_annotator_folder
from chipread.store.lock import WriterLock
from chipread.store.paths import check_folder, make_folder, read_bytes
from chipread.store.storage import Tables, dump_tables, load_tables

# Schema 1 was a single stock TinyDB JSONStorage file with tables spans, relations and states.
SCHEMA1_FILE = "db.json"


def needs_migration(root: Path) -> bool:
    return (root / SCHEMA1_FILE).is_file()


def migrate(root: Path, from_schema: int, to_schema: int) -> Path | None:
    """Migrate `root` to `to_schema`; returns the backup folder (None when nothing had to change)."""
    if from_schema == 1:
        return _from_single_file(root)  # writes the current layout directly
    if from_schema in (2, 3) and to_schema == 4:
        # 3 -> 4 changes no file: journals appear beside files as they are written, and a file's
        # first write by schema 4 rewrites it whole (with the new schema in its meta).
        return _injective_names(root) if from_schema == 2 else None
    raise StoreError(f"store {root}: no migration from schema {from_schema} to {to_schema}")


def _backup_folder(root: Path, schema: int) -> Path:
    backup = root / f"backup-schema{schema}-{time.strftime('%Y%m%d-%H%M%S')}"
    n = 1
    while backup.exists():
        n += 1
        backup = root / f"backup-schema{schema}-{time.strftime('%Y%m%d-%H%M%S')}-{n}"
    make_folder(backup, "a backup")
    return backup


# -- schema 1: one db.json ------------------------------------------------------------------------


def _from_single_file(root: Path) -> Path:
    source = root / SCHEMA1_FILE
    try:
        data = json.loads((read_bytes(source, "the schema 1 store") or b"").decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise StoreCorrupt(source, f"cannot migrate: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise StoreCorrupt(source, "cannot migrate: not a TinyDB database (expected an object of tables)")

    grouped: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for table, key_field in (("spans", "id"), ("relations", "id"), ("states", "article_id")):
        rows = data.get(table) or {}
        if not isinstance(rows, dict):
            raise StoreCorrupt(source, f"cannot migrate: table {table!r} is not an object of records")
        for key, record in rows.items():
            try:
                record = _upgrade_record(table, record)
                annotator = check_annotator(record["annotator"])
                article_id, record_key = record["article_id"], record[key_field]
                if not isinstance(article_id, str) or not article_id:
                    raise ValueError("no article id")
                _CHECKS[table](record)  # every field the current store needs, of the right type
            except (KeyError, TypeError, ValueError, AttributeError, StoreError) as exc:
                raise StoreCorrupt(source, f"cannot migrate {table} record {key}: {type(exc).__name__} {exc}") from None
            new_table = "state" if table == "states" else table
            grouped[(annotator, article_id)].append(Change(new_table, str(record_key), None, record))

    backup = _backup_folder(root, 1)
    try:
        shutil.copy2(source, backup / SCHEMA1_FILE)
        fsync_dir(backup)
        for (annotator, article_id), changes in grouped.items():
            folder = root / annotator
            make_folder(folder, f"{annotator}'s annotations folder")
            file = ArticleFile(folder / file_name(article_id))
            file.apply(changes, meta={"article_id": article_id, "annotator": annotator}, record=None)
            file.close()
    except BaseException:
        # db.json is still there and the next open migrates again: this backup would only be a copy.
        shutil.rmtree(backup, ignore_errors=True)
        raise
    source.unlink()
    fsync_dir(root)
    return backup


_CHECKS = {"spans": Span.from_dict, "relations": Relation.from_dict, "states": ArticleState.from_dict}


def _upgrade_record(table: str, record: dict[str, Any]) -> dict[str, Any]:
    record = dict(record)
    record.setdefault("annotator", "unknown")
    if table == "spans":
        record.setdefault("origin", "manual")
        record.setdefault("flag", None)
        record.setdefault("created", "")
        record.setdefault("updated", record["created"])
    if table == "relations":
        record.setdefault("label", "attributed_to")
        record.setdefault("created", "")
    return record


# -- schema 2 -> 3: injective file names ------------------------------------------------------------


def _injective_names(root: Path) -> Path | None:
    """Schema 2 stored an article whose id looks like a hashed name ("x-" and 32 hex digits) under its own
    id, which can be another article's hashed file name: records of two articles could share a file.
    Every such file is split by the article id each record carries, into the files schema 3 names."""
    plan: list[tuple[Path, dict[str, Tables]]] = []
    locks: list[WriterLock] = []
    try:
        for folder in sorted(root.iterdir()):
            if not is_annotator_folder(folder.name) or not (folder.is_dir() or folder.is_symlink()):
                continue
            check_folder(folder, f"{folder.name}'s annotations folder")
            lock = WriterLock(folder)
            if not lock.acquire():
                raise StoreLocked(
                    f"store {root} must be upgraded, but {folder.name}'s annotations are open in {lock.holder()}; "
                    f"close it first"
                )
            locks.append(lock)
            for path in sorted(folder.glob("x-*.json")):
                split = _split_by_article(path, load_tables(path) or {})
                if list(split) != [path.name]:
                    plan.append((path, split))
        if not plan:
            return None
        backup = _backup_folder(root, 2)
        for path, _ in plan:
            make_folder(backup / path.parent.name, "a backup")
            shutil.copy2(path, backup / path.parent.name / path.name)
        for folder in {backup, *(backup / path.parent.name for path, _ in plan)}:
            fsync_dir(folder)
        for path, split in plan:
            for name, tables in split.items():
                target = path.with_name(name)
                if target != path and target.exists():
                    tables = _merged(load_tables(target) or {}, tables)
                atomic_write(target, dump_tables(tables))
            if path.name not in split:
                path.unlink()
                fsync_dir(path.parent)
        return backup
    finally:
        for lock in locks:
            lock.release()


def _split_by_article(path: Path, tables: Tables) -> dict[str, Tables]:
    """The file's records grouped into the files schema 3 names, by the article id of each record."""
    meta_rows = list((tables.get("meta") or {}).values())
    meta = meta_rows[0] if meta_rows and isinstance(meta_rows[0], dict) else {}
    owner = meta.get("article_id") if isinstance(meta.get("article_id"), str) else None
    groups: dict[str, Tables] = {}
    articles: dict[str, str] = {}
    for table in ("spans", "relations", "state"):
        for doc_id, record in (tables.get(table) or {}).items():
            article_id = record.get("article_id") if isinstance(record, dict) else None
            if not isinstance(article_id, str) or not article_id:
                raise StoreCorrupt(path, f"cannot upgrade: a {table} record has no article id")
            name = file_name(article_id)
            articles[name] = article_id
            groups.setdefault(name, {"meta": {}, "spans": {}, "relations": {}, "state": {}})[table][doc_id] = record
    if not groups:
        # No records: the file is the meta's article's (its undo history may still bring work back).
        return {file_name(owner) if owner else path.name: tables}
    if len(groups) == 1 and next(iter(articles.values())) in (owner, None):
        return {next(iter(groups)): tables}  # one article's file, renamed whole (history included)
    # Records of two articles in one file: each gets its own; undo steps could touch either, so
    # the history starts afresh.
    for name, group in groups.items():
        own = articles[name] == owner
        group["meta"]["1"] = {**(meta if own else {}), "article_id": articles[name], "undo_position": 0}
    return groups


def _merged(first: Tables, second: Tables) -> Tables:
    """Two files' tables as one (record doc ids renumbered); the first file's meta stands."""
    out: Tables = {}
    for name in dict.fromkeys([*first, *second]):
        rows = list((first.get(name) or {}).values())
        if name != "meta" or not rows:
            rows += list((second.get(name) or {}).values())
        out[name] = {str(i): row for i, row in enumerate(rows, 1)}
    return out

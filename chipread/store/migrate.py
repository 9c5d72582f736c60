"""Upgrading older store layouts in place, always keeping a backup of what was there."""

from __future__ import annotations

import json
import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from chipread.errors import StoreCorrupt, StoreError
from chipread.store.article_file import ArticleFile, Change
from chipread.store.atomic import fsync_dir
from chipread.store.layout import check_annotator, file_name

# Schema 1 was a single stock TinyDB JSONStorage file with tables spans, relations and states.
SCHEMA1_FILE = "db.json"


def needs_migration(root: Path) -> bool:
    return (root / SCHEMA1_FILE).is_file()


def migrate(root: Path, from_schema: int, to_schema: int) -> Path:
    """Migrate `root` to `to_schema`; returns the backup folder."""
    if from_schema != 1 or to_schema != 2:
        raise StoreError(f"store {root}: no migration from schema {from_schema} to {to_schema}")
    return _from_single_file(root)


def _from_single_file(root: Path) -> Path:
    source = root / SCHEMA1_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreCorrupt(source, f"cannot migrate: {exc}") from None
    backup = root / f"backup-schema1-{time.strftime('%Y%m%d-%H%M%S')}"
    backup.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, backup / SCHEMA1_FILE)
    fsync_dir(backup)

    grouped: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for table, key_field in (("spans", "id"), ("relations", "id"), ("states", "article_id")):
        for record in (data.get(table) or {}).values():
            record = _upgrade_record(table, record)
            new_table = "state" if table == "states" else table
            grouped[(record["annotator"], record["article_id"])].append(
                Change(new_table, str(record[key_field]), None, record)
            )
    for (annotator, article_id), changes in grouped.items():
        folder = root / check_annotator(annotator)
        folder.mkdir(parents=True, exist_ok=True)
        file = ArticleFile(folder / file_name(article_id))
        file.apply(changes, meta={"article_id": article_id, "annotator": annotator}, record=None)
        file.close()
    source.unlink()
    fsync_dir(root)
    return backup


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

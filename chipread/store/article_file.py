"""One annotator's work on one article: a small TinyDB database, changed one atomic write at a time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from chipread.errors import StoreCorrupt, StoreError
from chipread.model import (
    Annotations,
    Article,
    ArticleState,
    Relation,
    Span,
    span_order,
)
from chipread.store.storage import DurableStorage, Tables, load_tables

# 2: one file per annotator and article; 3: file names injective, the annotated texts kept in _texts/;
# 4: a file may have a journal beside it (file_journal) that an older chipread would not read.
SCHEMA_VERSION = 4
HISTORY_LIMIT = 200
TABLES = ("spans", "relations", "state")


@dataclass(frozen=True, slots=True)
class Change:
    """One record's before and after (None = absent): undo applies `before`, redo applies `after`."""

    table: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {"t": self.table, "k": self.key, "b": self.before, "a": self.after}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        return cls(d["t"], d["k"], d.get("b"), d.get("a"))

    def inverse(self) -> Change:
        return Change(self.table, self.key, self.after, self.before)


@dataclass(frozen=True, slots=True)
class Step:
    """An undoable user action: its description and the record changes it made."""

    description: str
    changes: tuple[Change, ...]


def file_meta(article: Article, annotator: str, text_hash: str | None = None) -> dict[str, Any]:
    """What a store file records about its article: enough to find it again after a rename or an edit."""
    return {
        "article_id": article.id,
        "annotator": annotator,
        "handle": article.handle,
        "path": article.path,
        "title": article.title,
        "text_hash": text_hash or article.text_hash,
    }


class ReplaceOnlyTable(Table):
    """A TinyDB table whose records are replaced, never changed in place.

    The storage re-encodes only records that are new objects; an in-place update would be
    written out stale. ArticleFile replaces records by doc_id instead.
    """

    def update(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("records of a chipread store are replaced (remove + insert), not updated in place")

    def upsert(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("records of a chipread store are replaced (remove + insert), not updated in place")


class _TinyDB(TinyDB):
    table_class = ReplaceOnlyTable


def read_article_file(path: Path, article_id: str, annotator: str) -> tuple[Annotations, dict[str, Any]]:
    """(annotations, meta record) of one store file, read without opening it for writing; empty if it does not exist.

    StoreCorrupt names a file that does not parse or holds a damaged record.
    """
    tables = load_tables(path)
    return annotations_from_tables(tables, article_id, annotator, path), meta_from_tables(tables, path)


def annotations_from_tables(
    tables: Tables | None, article_id: str, annotator: str, path: Path | None = None
) -> Annotations:
    """Build Annotations from a store file's raw tables (shared by ArticleFile and fast listing).

    A record that lacks a field or has one of the wrong type makes the file damaged, by name.
    """
    tables = tables or {}
    try:
        spans = tuple(sorted((Span.from_dict(d) for d in tables.get("spans", {}).values()), key=span_order))
        relations = tuple(
            sorted((Relation.from_dict(d) for d in tables.get("relations", {}).values()), key=lambda r: r.id)
        )
        states = list(tables.get("state", {}).values())
        state = ArticleState.from_dict(states[0]) if states else None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreCorrupt(path or "a store file", f"a record is malformed: {type(exc).__name__} {exc}") from None
    return Annotations(article_id, annotator, spans, relations, state)


def meta_from_tables(tables: Tables | None, path: Path | None = None) -> dict[str, Any]:
    """The file's meta record; rebuilt from the records when it was lost (a salvaged file)."""
    tables = tables or {}
    rows = list(tables.get("meta", {}).values())
    if rows and not isinstance(rows[0], dict):
        raise StoreCorrupt(path or "a store file", "its meta record is not an object")
    meta = dict(rows[0]) if rows else {}
    schema = meta.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise StoreCorrupt(path or "a store file", f"its schema {schema!r} is not a version number")
    if schema > SCHEMA_VERSION:
        raise StoreError(
            f"{path or 'a store file'} was written by a newer chipread (schema {schema}); upgrade chipread"
        )
    if not isinstance(meta.get("article_id", ""), str):
        raise StoreCorrupt(path or "a store file", "its article id is not a string")
    position = meta.get("undo_position", 0)
    if not isinstance(position, int) or isinstance(position, bool):
        raise StoreCorrupt(path or "a store file", f"its undo position {position!r} is not a number")
    if not meta.get("article_id"):
        for table in ("spans", "relations", "state"):
            record = next(iter(tables.get(table, {}).values()), None)
            if isinstance(record, dict) and record.get("article_id"):
                meta["article_id"] = record["article_id"]
                break
    return meta


class ArticleFile:
    """The TinyDB file `<store>/<annotator>/<article_id>.json`.

    Tables: `meta` (schema version, article handle/path/title/text hash, undo position),
    `spans`, `relations`, `state` (status) and `history` (undo steps). Records are keyed by
    their own `id` (the article id for `state`); every public change is one atomic file write.
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._storage: DurableStorage | None = None
        self.db = _TinyDB(path, storage=self._make_storage, readonly=readonly)
        # (table, record key) -> TinyDB doc_id, so a change touches one record, not a scan.
        self._doc_ids: dict[str, dict[str, int]] = {}

    def _make_storage(self, path: str, readonly: bool) -> DurableStorage:
        self._storage = DurableStorage(path, readonly=readonly)
        return self._storage

    @property
    def storage(self) -> DurableStorage:
        assert self._storage is not None
        return self._storage

    @property
    def exists(self) -> bool:
        return self.storage.read() is not None

    # -- reading -------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        return meta_from_tables(self.storage.read(), self.path)

    def annotations(self, article_id: str, annotator: str) -> Annotations:
        self.meta()  # refuses a file from a newer chipread
        return annotations_from_tables(self.storage.read(), article_id, annotator, self.path)

    def undo_step(self) -> Step | None:
        return self._step(self._position())

    def redo_step(self) -> Step | None:
        return self._step(self._position() + 1)

    # -- writing -------------------------------------------------------------------------

    def apply(
        self,
        changes: Iterable[Change],
        *,
        meta: dict[str, Any],
        record: str | None,
        description: str = "",
    ) -> None:
        """Apply record changes and update the undo history, as one atomic write.

        record: "push" adds a new undo step (dropping any redo steps), "undo"/"redo" move the
        undo position, None changes records without touching history (imports), "reset" also
        clears the history (after re-anchoring, old steps hold offsets into a text that is gone).
        """
        changes = tuple(changes)
        try:
            with self.storage.batch():
                for change in changes:
                    self._put(change.table, change.key, change.after)
                position = self._position()
                if record == "push":
                    position = self._push(changes, description, position)
                elif record == "undo":
                    position -= 1
                elif record == "redo":
                    position += 1
                elif record == "reset":
                    self.db.table("history").truncate()
                    position = 0
                self._set_meta({**meta, "schema": SCHEMA_VERSION, "undo_position": position})
        except BaseException:
            # Nothing reached the disk (or the write failed): forget what memory says.
            self._reset_caches()
            raise

    def _put(self, table_name: str, key: str, doc: dict[str, Any] | None) -> None:
        table = self.db.table(table_name)
        ids = self._index(table_name)
        doc_id = ids.get(key)
        if doc_id is not None:
            table.remove(doc_ids=[doc_id])
            del ids[key]
        if doc is not None:
            ids[key] = table.insert(Document({**doc, "_key": key}, doc_id=doc_id) if doc_id else {**doc, "_key": key})

    def _index(self, table_name: str) -> dict[str, int]:
        ids = self._doc_ids.get(table_name)
        if ids is None:
            raw = (self.storage.read() or {}).get(table_name, {})
            ids = {doc["_key"]: int(doc_id) for doc_id, doc in raw.items() if "_key" in doc}
            self._doc_ids[table_name] = ids
        return ids

    def _position(self) -> int:
        return int(self.meta().get("undo_position", 0))

    def _step(self, seq: int) -> Step | None:
        if seq <= 0:
            return None
        docs = self.db.table("history").search(where("seq") == seq)
        if not docs:
            return None
        doc = docs[0]
        return Step(doc.get("description", ""), tuple(Change.from_dict(c) for c in doc["changes"]))

    def _push(self, changes: tuple[Change, ...], description: str, position: int) -> int:
        history = self.db.table("history")
        # A new action after undos discards the undone steps, as every editor does.
        history.remove(where("seq") > position)
        seq = position + 1
        history.insert({"seq": seq, "description": description, "changes": [c.to_dict() for c in changes]})
        history.remove(where("seq") <= seq - HISTORY_LIMIT)
        return seq

    def _set_meta(self, meta: dict[str, Any]) -> None:
        table = self.db.table("meta")
        current = self.meta()
        table.truncate()
        table.insert({**current, **meta})

    def _reset_caches(self) -> None:
        self._doc_ids.clear()
        for name in {"meta", "history", *TABLES}:
            self.db.table(name).clear_cache()

    def close(self) -> None:
        self.db.close()

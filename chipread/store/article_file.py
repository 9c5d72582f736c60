"""One annotator's work on one article: a small TinyDB database, changed one atomic write at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from tinydb import TinyDB, where

from chipread.model import Annotations, ArticleState, Relation, Span
from chipread.store.storage import DurableStorage

SCHEMA_VERSION = 2
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
        self.db = TinyDB(path, storage=self._make_storage, readonly=readonly)

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
        docs = self.db.table("meta").all()
        return dict(docs[0]) if docs else {}

    def records(self, table: str) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self.db.table(table).all()]

    def annotations(self, article_id: str, annotator: str) -> Annotations:
        spans = tuple(sorted((Span.from_dict(d) for d in self.records("spans")), key=_span_order))
        relations = tuple(sorted((Relation.from_dict(d) for d in self.records("relations")), key=lambda r: r.id))
        states = self.records("state")
        state = ArticleState.from_dict(states[0]) if states else None
        return Annotations(article_id, annotator, spans, relations, state)

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
        with self.storage.batch():
            try:
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
                self._reset_caches()
                raise

    def _put(self, table_name: str, key: str, doc: dict[str, Any] | None) -> None:
        table = self.db.table(table_name)
        if doc is None:
            table.remove(where("_key") == key)
        else:
            table.upsert({**doc, "_key": key}, where("_key") == key)

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
        for name in self.db.tables() | {"meta", "history", *TABLES}:
            self.db.table(name).clear_cache()

    def close(self) -> None:
        self.db.close()


def _span_order(span: Span) -> tuple[int, int, str, str]:
    return (span.start, -span.end, span.label, span.id)

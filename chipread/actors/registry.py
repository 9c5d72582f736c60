"""One annotator's actor records and the article dates they set: a store file beside their article files.

`<store>/<annotator>/_actors.json` is written exactly as an article file is (chipread.store's
ArticleFile: a small TinyDB file, one atomic fsync'd write per action, its own persistent undo
history) under the same writer lock, so a team still merges by copying folders. Confirm, merge,
split, rename and setting a date are one write and one undo step each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from chipread.errors import ActorError, StoreCorrupt, StoreReadOnly
from chipread.model import new_id, utc_now
from chipread.store import AnnotationStore, ArticleFile, Change, check_annotator

from .model import Actor, ActorRecord

REGISTRY_NAME = "_actors.json"
TABLES = ("actors", "dates")


class RegistryFile(ArticleFile):
    """An ArticleFile whose record tables are `actors` and `dates` (same storage, writes and history)."""

    def _reset_caches(self) -> None:
        super()._reset_caches()
        for name in TABLES:
            self.db.table(name).clear_cache()


class ActorRegistry:
    """The analyst's decisions about actors, for one annotator."""

    def __init__(
        self,
        store: AnnotationStore,
        annotator: str,
        *,
        clock: Callable[[], str] = utc_now,
        make_id: Callable[[], str] = new_id,
    ) -> None:
        self.store = store
        self.annotator = check_annotator(annotator)
        self._clock = clock
        self._make_id = make_id
        self._file: RegistryFile | None = None

    @property
    def path(self):
        return self.store.root / self.annotator / REGISTRY_NAME

    @property
    def readonly(self) -> bool:
        return not self.store.can_write(self.annotator)

    @property
    def file(self) -> RegistryFile:
        readonly = self.readonly
        if self._file is None or self._file.readonly != readonly:
            self._file = RegistryFile(self.path, readonly=readonly)
        return self._file

    # -- reading -------------------------------------------------------------------------

    def _table(self, name: str) -> dict:
        return (self.file.storage.read() or {}).get(name, {})

    def records(self) -> dict[str, ActorRecord]:
        self.file.meta()  # refuses a file from a newer chipread
        try:
            found = (ActorRecord.from_dict(d) for d in self._table("actors").values())
            return {r.id: r for r in sorted(found, key=lambda r: r.id)}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreCorrupt(self.path, f"an actor record is malformed: {type(exc).__name__} {exc}") from None

    def dates(self) -> dict[str, date]:
        out = {}
        try:
            for d in self._table("dates").values():
                out[d["article_id"]] = date.fromisoformat(d["date"])
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreCorrupt(self.path, f"an article date is malformed: {type(exc).__name__} {exc}") from None
        return out

    # -- the analyst's decisions -----------------------------------------------------------

    def confirm(self, actor: Actor) -> ActorRecord:
        """Store a proposed actor (or the new names of a stored one) as the analyst's own."""
        before = self.records().get(actor.id)
        after = self._as_record(actor, before)
        if before == after:
            return after
        self._commit([_change(before, after)], f"confirm {actor.name}")
        return after

    def merge(self, target: Actor, sources: Sequence[Actor]) -> ActorRecord:
        """Make `sources` part of `target`: one record with every name; the sources' records go."""
        sources = [s for s in sources if s.id != target.id]
        if not sources:
            raise ActorError("choose another actor to merge into this one")
        records = self.records()
        before = records.get(target.id)
        record = self._as_record(target, before)
        aliases, pins = list(record.aliases), list(record.pins)
        changes = []
        for source in sources:
            own = self._as_record(source, records.get(source.id))
            aliases += [a for a in own.aliases if a not in aliases]
            pins += [p for p in own.pins if p not in pins]
            if source.id in records:
                changes.append(Change("actors", source.id, records[source.id].to_dict(), None))
        after = ActorRecord(
            record.id,
            record.name,
            record.kind or next((s.kind for s in sources if s.kind), ""),
            tuple(aliases),
            tuple(pins),
            record.created,
            self._clock(),
        )
        changes.insert(0, _change(before, after))
        names = ", ".join(s.name for s in sources)
        self._commit(changes, f"merge {names} into {target.name}")
        return after

    def split(self, actor: Actor, keys: Iterable[str], name: str | None = None) -> ActorRecord:
        """Move the names `keys` (and their spans) out of `actor` into a new actor; both become confirmed."""
        from .names import parse_name

        keys = [k for k in dict.fromkeys(keys) if k in actor.keys]
        if not keys:
            raise ActorError(f"choose which of {actor.name}'s names to split off")
        if len(keys) == len(actor.keys):
            raise ActorError(f"{actor.name} must keep at least one name; split off fewer")
        before = self.records().get(actor.id)
        kept = self._as_record(actor, before)
        moved_spans = {m.span_id for m in actor.mentions if parse_name(m.text).key in keys}
        remaining = [k for k in actor.keys if k not in keys]
        now = self._clock()
        shown = name or self._display(actor, keys)
        new = ActorRecord(
            "a-" + self._make_id(),
            shown,
            parse_name(shown).kind or actor.kind,
            tuple(k for k in keys if k not in actor.shared),
            tuple(p for p in kept.pins if p in moved_spans),
            now,
            now,
        )
        kept_name = kept.name if parse_name(kept.name).key not in keys else self._display(actor, remaining)
        after = ActorRecord(
            kept.id,
            kept_name,
            kept.kind,
            tuple(a for a in kept.aliases if a not in keys),
            tuple(p for p in kept.pins if p not in moved_spans),
            kept.created,
            now,
        )
        self._commit(
            [_change(before, after), Change("actors", new.id, None, new.to_dict())],
            f"split {new.name} off {after.name}",
        )
        return new

    def rename(self, actor: Actor, name: str) -> ActorRecord:
        name = " ".join(name.split())
        if not name:
            raise ActorError("an actor needs a name")
        if not name.isprintable() or len(name) > 200:
            # A name is shown everywhere and exported: no control or format character, one short line.
            raise ActorError("an actor's name must be printable text of at most 200 characters")
        before = self.records().get(actor.id)
        record = self._as_record(actor, before)
        after = ActorRecord(record.id, name, record.kind, record.aliases, record.pins, record.created, self._clock())
        self._commit([_change(before, after)], f"rename {actor.name} to {name}")
        return after

    def set_date(self, article_id: str, value: date | None, label: str = "") -> None:
        """The article's date, set by the analyst (None: forget it and estimate again)."""
        current = self._table("dates")
        before = next((dict(d) for d in current.values() if d.get("article_id") == article_id), None)
        if before is not None:
            before.pop("_key", None)
        after = {"article_id": article_id, "date": value.isoformat(), "set": self._clock()} if value else None
        if before is None and after is None:
            return
        what = f"the date of {label or article_id}"
        description = f"set {what} to {value.isoformat()}" if value else f"clear {what}"
        self._commit([Change("dates", article_id, before, after)], description)

    def import_records(self, incoming: Sequence[ActorRecord], description: str) -> int:
        """Store records read from a file, as one step: the file wins a record with the same id, and a name
        or pinned span another record holds (which lets go of it, and goes if nothing is left)."""
        current = self.records()
        ids = {r.id for r in incoming}
        claimed = {alias for r in incoming for alias in r.aliases}
        pinned = {pin for r in incoming for pin in r.pins}
        changes = []
        for record in incoming:
            before = current.get(record.id)
            after = record if before is None else replace(record, created=before.created)
            changes.append(_change(before, after))
        for other in current.values():
            if other.id in ids:
                continue
            aliases = tuple(a for a in other.aliases if a not in claimed)
            pins = tuple(p for p in other.pins if p not in pinned)
            if (aliases, pins) != (other.aliases, other.pins):
                after = replace(other, aliases=aliases, pins=pins, updated=self._clock())
                changes.append(
                    Change("actors", other.id, other.to_dict(), after.to_dict() if aliases or pins else None)
                )
        if changes:
            self._commit(changes, description)
        return len(incoming)

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> str | None:
        step = self.file.undo_step()
        if step is None:
            return None
        self._write([c.inverse() for c in reversed(step.changes)], record="undo")
        return step.description

    def redo(self) -> str | None:
        step = self.file.redo_step()
        if step is None:
            return None
        self._write(step.changes, record="redo")
        return step.description

    # -- internals ---------------------------------------------------------------------------

    def _as_record(self, actor: Actor, stored: ActorRecord | None) -> ActorRecord:
        """The record `actor` is once confirmed: its names as aliases, except short names several actors
        share ("Wang"), whose spans are pinned instead."""
        from .names import parse_name

        aliases = [k for k in (stored.aliases if stored else ()) if k]
        aliases += [k for k in actor.keys if k not in aliases and k not in actor.shared]
        pins = list(stored.pins if stored else ())
        pins += [m.span_id for m in actor.mentions if parse_name(m.text).key in actor.shared and m.span_id not in pins]
        pins += [p for p in actor.by_context if p not in pins]
        now = self._clock()
        if stored is None:
            return ActorRecord(actor.id, actor.name, actor.kind, tuple(aliases), tuple(pins), now, now)
        if tuple(aliases) == stored.aliases and tuple(pins) == stored.pins:
            return stored
        return ActorRecord(stored.id, stored.name, stored.kind, tuple(aliases), tuple(pins), stored.created, now)

    @staticmethod
    def _display(actor: Actor, keys: Sequence[str]) -> str:
        from .names import parse_name

        shown = sorted(
            ((n, parse_name(text).display) for text, n in actor.surface.items() if parse_name(text).key in keys),
            key=lambda item: (-len(item[1].split()), -item[0], item[1]),
        )
        return shown[0][1] if shown else keys[0]

    def _commit(self, changes: list[Change], description: str) -> None:
        self._write(changes, record="push", description=description)

    def _write(self, changes: list[Change], *, record: str, description: str = "") -> None:
        if self.readonly:
            raise StoreReadOnly(self.store.lock_message(self.annotator, "actor changes refused"))
        meta = {"kind": "actors", "annotator": self.annotator}
        self.file.apply(changes, meta=meta, record=record, description=description)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _change(before: ActorRecord | None, after: ActorRecord) -> Change:
    return Change("actors", after.id, before.to_dict() if before else None, after.to_dict())

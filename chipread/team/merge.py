"""`chipread merge`: bring other stores in, all or nothing, never overwriting anyone's work.

- An annotator this store does not have is added; one it has gets the other store's work unioned
  in by span (and relation) id: a new id is added, the same record is left alone, a record only
  one side edited (the other side's undo history had its version) takes that edit. The same goes
  for each annotator's actor decisions (`_actors.json`: records and article dates, by id); the
  items an adjudicator rejected (`.decisions/`) are unioned. The texts merged work was made on
  (`_texts/`) come along, so it exports exactly after its article changed.
- A conflict is kept apart, never overwritten: the same id edited differently on each side, a
  span deleted here (the undo history says so) that the other store still has, a relation whose
  span was kept apart, a status that differs (a status here other than todo wins). Each conflict
  is listed and kept, with both versions, in `_conflicts/merge-<time>.json` of this store.
- Two stores whose annotator of the same name annotated the same articles independently (no span
  in common) are probably two people: refused, unless renamed (`--rename ana=bruno`) or
  `--union` says it is one person.
- All or nothing: every changed file is staged, committed at once and moved into place under the
  writer locks of every annotator concerned (chipread.store.journal); each article file changed
  gets one undo step ("merge N spans from PATH"), and so does each registry changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from chipread.actors.registry import REGISTRY_NAME, RegistryFile
from chipread.errors import ChipreadError, StoreError
from chipread.export.report import plural
from chipread.model import Relation, Span
from chipread.store import AnnotationStore, ArticleFile, Change, check_annotator
from chipread.store.article_file import annotations_from_tables, meta_from_tables
from chipread.store.journal import Journal, Progress, annotators_of, finish
from chipread.store.layout import ANNOTATOR_RE, IMPORTED, MARKER, TEXTS, file_name
from chipread.store.storage import Tables, dump_tables, load_tables
from chipread.team.adjudicate import DECISIONS, Decisions
from chipread.team.identity import History, disjoint

CONFLICTS = "_conflicts"


@dataclass(frozen=True)
class Conflict:
    """Something the other store has that this one keeps differently: both versions, neither lost."""

    annotator: str
    article_id: str
    handle: str
    record: str  # span, relation or status
    why: str
    here: dict[str, Any] | None
    there: dict[str, Any]
    source: str

    def line(self) -> str:
        there = self.there
        what = there.get("text") or there.get("status") or there.get("name") or there.get("date") or there.get("id", "")
        return f"{self.annotator} · {self.handle}: {self.record} {short(str(what))} {self.why} (kept apart)"

    def key(self) -> str:
        """What makes two records of a conflict the same one (the time and the source path aside)."""
        return json.dumps(
            [self.annotator, self.article_id, self.record, self.why, self.here, self.there], sort_keys=True
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "article_id": self.article_id,
            "handle": self.handle,
            "record": self.record,
            "why": self.why,
            "here": self.here,
            "there": self.there,
            "source": self.source,
        }


def short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


@dataclass
class MergeReport:
    sources: list[str] = field(default_factory=list)
    new_annotators: list[str] = field(default_factory=list)
    files_added: int = 0
    files_changed: int = 0
    spans: int = 0
    relations: int = 0
    statuses: int = 0
    actors: int = 0  # actor records and article dates of the actor registries
    decisions: int = 0  # items adjudicators rejected
    articles: int = 0  # imported articles brought along
    conflicts: list[Conflict] = field(default_factory=list)
    recorded: int = 0  # of the conflicts, how many an earlier merge recorded already (not written again)
    warnings: list[str] = field(default_factory=list)
    conflicts_file: Path | None = None
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would merge" if self.dry_run else "merged"
        parts = [
            f"{verb} {plural(self.spans, 'span')} and {plural(self.relations, 'relation')} from {', '.join(self.sources)}",
            f"{self.files_added} new and {self.files_changed} changed article {'file' if self.files_added + self.files_changed == 1 else 'files'}",
        ]
        if self.new_annotators:
            parts.append(f"new annotators: {', '.join(self.new_annotators)}")
        if self.statuses:
            parts.append(plural(self.statuses, "status", "statuses"))
        if self.actors:
            parts.append(plural(self.actors, "actor decision"))
        if self.decisions:
            parts.append(plural(self.decisions, "adjudication decision"))
        if self.articles:
            parts.append(plural(self.articles, "imported article"))
        line = "; ".join(parts)
        if self.conflicts:
            line += f"; {plural(len(self.conflicts), 'conflict')} kept apart" + (
                f" in {self.conflicts_file}" if self.conflicts_file else ""
            )
            if self.recorded:
                line += f" ({self.recorded} recorded by an earlier merge)"
        return line


# -- reading a source -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Another store, or one annotator's folder out of one."""

    path: Path
    folders: dict[str, Path]  # annotator -> folder
    imported: Path | None
    store: Path | None  # the store it is (or whose annotator folder it is), for its kept texts

    def text(self, digest: str) -> str | None:
        """The exact text this source's work with `digest` was made on, if its store kept it."""
        return self.kept.text(digest) if self.kept is not None and digest else None

    @cached_property
    def kept(self) -> AnnotationStore | None:
        return AnnotationStore(self.store, readonly=True) if self.store is not None else None

    @classmethod
    def open(cls, path: Path) -> Source:
        path = Path(path)
        if (path / MARKER).is_file():
            AnnotationStore(path, readonly=True)  # refuses a newer or damaged marker with one clear line
            folders = {p.name: p for p in sorted(path.iterdir()) if p.is_dir() and ANNOTATOR_RE.match(p.name)}
            return cls(path, folders, path / IMPORTED if (path / IMPORTED).is_dir() else None, path)
        if path.is_dir() and ANNOTATOR_RE.match(path.name) and any(path.glob("*.json")):
            parent = path.parent if (path.parent / MARKER).is_file() else None
            return cls(path, {path.name: path}, None, parent)
        raise ChipreadError(f"{path} is not a chipread store (no {MARKER}) nor an annotator's folder of one")

    def files(self, annotator: str) -> Iterator[tuple[dict[str, Any], Tables]]:
        for path in sorted(self.folders[annotator].glob("*.json")):
            if path.name.startswith("."):
                continue
            tables = load_tables(path)
            meta = meta_from_tables(tables, path)
            if meta.get("article_id"):
                yield meta, tables or {}


# -- the plan ---------------------------------------------------------------------------------


@dataclass
class Target:
    """One article file of this store as the merge will leave it."""

    annotator: str
    article_id: str
    meta: dict[str, Any]
    exists: bool
    spans: dict[str, dict[str, Any]]
    relations: dict[str, dict[str, Any]]
    state: dict[str, Any] | None
    deleted: set[str]  # span and relation ids this file's undo history deleted
    past: dict[str, list[dict[str, Any]]]  # id -> the versions its undo history had
    changes: list[Change] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def handle(self) -> str:
        return str(self.meta.get("handle") or self.article_id[:12])


def _records(tables: Tables, table: str) -> dict[str, dict[str, Any]]:
    return {
        str(doc.get("_key", doc.get("id"))): {k: v for k, v in doc.items() if k != "_key"}
        for doc in tables.get(table, {}).values()
    }


def _applied(tables: Tables, meta: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The changes of the history's applied steps (not those undone), oldest first."""
    position = int(meta.get("undo_position", 0) or 0)
    for step in sorted(tables.get("history", {}).values(), key=lambda d: d.get("seq", 0)):
        if step.get("seq", 0) <= position:
            yield from step.get("changes", ())


RECORDS = ("spans", "relations")


def _deleted(tables: Tables, meta: Mapping[str, Any], kinds: Sequence[str] = RECORDS) -> set[str]:
    """Ids the history's applied steps removed (spans and relations), so a merge does not bring them back."""
    gone: set[str] = set()
    for change in _applied(tables, meta):
        if change.get("t") in kinds:
            if change.get("a") is None and change.get("b") is not None:
                gone.add(change["k"])
            elif change.get("a") is not None:
                gone.discard(change["k"])
    return gone


def _past(tables: Tables, meta: Mapping[str, Any], kinds: Sequence[str] = RECORDS) -> dict[str, list[dict[str, Any]]]:
    """Every version each span and relation had in this file's applied history (to tell who edited it)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for change in _applied(tables, meta):
        if change.get("t") in kinds:
            found.setdefault(change["k"], []).extend(v for v in (change.get("b"), change.get("a")) if v is not None)
    return found


def _load_target(store: AnnotationStore, annotator: str, article_id: str, source_meta: dict[str, Any]) -> Target:
    path = store.root / annotator / file_name(article_id)
    tables = load_tables(path)
    if tables is None:
        meta = {k: v for k, v in source_meta.items() if k not in ("undo_position", "schema")}
        return Target(annotator, article_id, {**meta, "annotator": annotator}, False, {}, {}, None, set(), {})
    meta = meta_from_tables(tables, path)
    annotations_from_tables(tables, article_id, annotator, path)  # a damaged file stops the merge, by name
    states = list(_records(tables, "state").values())
    return Target(
        annotator,
        article_id,
        {k: v for k, v in meta.items() if k not in ("undo_position", "schema")},
        True,
        _records(tables, "spans"),
        _records(tables, "relations"),
        states[0] if states else None,
        _deleted(tables, meta),
        _past(tables, meta),
    )


def _normal(record: dict[str, Any], kind: str, annotator: str) -> dict[str, Any]:
    """A record as this store would write it, under the annotator name it is merged as."""
    parsed = Span.from_dict(record) if kind == "spans" else Relation.from_dict(record)
    return {**parsed.to_dict(), "annotator": annotator}


def _edited_by(here: dict[str, Any], there: dict[str, Any], here_past: list, there_past: list) -> str | None:
    """Which side changed a record both have since they parted: "here", "there", "both", or None (same).

    A side's version that the other side's undo history once had is the older one. With no history
    to tell (trimmed, reset by a re-anchoring) it is a conflict: `updated` is kept to the second, too
    coarse to tell an edit from the creation.
    """
    if here == there:
        return None
    if here in there_past:
        return "there"
    if there in here_past:
        return "here"
    return "both"


ACTOR_TABLES = ("actors", "dates")


@dataclass
class RegistryTarget:
    """One annotator's actor registry (`_actors.json`) as the merge will leave it."""

    annotator: str
    exists: bool
    records: dict[str, dict[str, dict[str, Any]]]  # table -> id -> record
    deleted: set[str]
    past: dict[str, list[dict[str, Any]]]
    changes: list[Change] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, annotator: str) -> RegistryTarget:
        tables = load_tables(path)
        if tables is None:
            return cls(annotator, False, {t: {} for t in ACTOR_TABLES}, set(), {})
        meta = meta_from_tables(tables, path)
        records = {t: _records(tables, t) for t in ACTOR_TABLES}
        return cls(annotator, True, records, _deleted(tables, meta, ACTOR_TABLES), _past(tables, meta, ACTOR_TABLES))


class Merger:
    def __init__(self, store: AnnotationStore, rename: Mapping[str, str], union: bool) -> None:
        self.store = store
        self.rename = dict(rename)
        self.union = union
        self.targets: dict[tuple[str, str], Target] = {}
        self.report = MergeReport()
        self.imported: list[tuple[str, Path]] = []
        self.texts: dict[str, str] = {}  # text hash -> the text merged work was made on, which this store lacks
        self.registries: dict[str, RegistryTarget] = {}
        self.decisions: dict[str, dict[str, Any]] = {}  # "<adjudicator>/.decisions/<file>" -> merged record

    def history(self, annotator: str) -> History:
        """This store's history for `annotator`, with what the merge has added so far."""
        found: dict[str, frozenset[str]] = {}
        for _, _, ann in self.store.iter_files(annotator):
            if ann.spans:
                found[ann.article_id] = frozenset(s.id for s in ann.spans)
        for (who, article_id), target in self.targets.items():
            if who == annotator and target.spans:
                found[article_id] = frozenset(target.spans)
        return found

    def add(self, source: Source) -> None:
        label = str(source.path)
        self.report.sources.append(label)
        known = set(self.store.annotators()) | {who for who, _ in self.targets}
        for name in source.folders:
            target_name = check_annotator(self.rename.get(name, name))
            files = list(source.files(name))
            theirs = {meta["article_id"]: frozenset(_records(t, "spans")) for meta, t in files if _records(t, "spans")}
            if target_name in known and name not in self.rename:
                same = disjoint(target_name, str(self.store.root), self.history(target_name), label, theirs)
                if same is not None:
                    if not self.union:
                        raise ChipreadError(same.message() + ", or --union if they are one person; nothing merged")
                    self.report.warnings.append(same.message())
            elif target_name not in known and target_name not in self.report.new_annotators:
                self.report.new_annotators.append(target_name)
            for meta, tables in files:
                if self._merge_file(target_name, meta, tables, label):
                    self._keep_texts(source, meta, tables)
            self._merge_registry(target_name, source.folders[name] / REGISTRY_NAME, label)
            self._merge_decisions(target_name, source.folders[name] / DECISIONS)
        if source.imported is not None:
            for path in sorted(source.imported.glob("*.json")):
                mine = self.store.root / IMPORTED / path.name
                if not mine.exists() and path.name not in {p.name for _, p in self.imported}:
                    self.imported.append((f"{IMPORTED}/{path.name}", path))

    def _keep_texts(self, source: Source, meta: Mapping[str, Any], tables: Tables) -> None:
        """Bring the texts merged work was made on, so it still exports exactly after its article changed."""
        digests = {meta.get("text_hash")} | {s.get("text_hash") for s in _records(tables, "state").values()}
        for digest in sorted(d for d in digests if d and d not in self.texts):
            if self.store.text(digest) is None and (text := source.text(digest)) is not None:
                self.texts[digest] = text

    def _merge_file(self, annotator: str, meta: dict[str, Any], tables: Tables, source: str) -> bool:
        """Merge one of the other store's article files; True if it brought something in."""
        article_id = meta["article_id"]
        key = (annotator, article_id)
        target = self.targets.get(key)
        if target is None:
            target = self.targets[key] = _load_target(self.store, annotator, article_id, meta)
        annotations_from_tables(tables, article_id, annotator)  # a damaged record stops the merge
        before = len(target.changes)
        their_past = _past(tables, meta)
        for table, mine in (("spans", target.spans), ("relations", target.relations)):
            for record_id, raw in _records(tables, table).items():
                record = _normal(raw, table, annotator)
                kind = table[:-1]
                current = mine.get(record_id)
                if current is not None:
                    edited = _edited_by(
                        _normal(current, table, annotator),
                        record,
                        [_normal(v, table, annotator) for v in target.past.get(record_id, ())],
                        [_normal(v, table, annotator) for v in their_past.get(record_id, ())],
                    )
                    if edited == "there":  # only the other side changed it since they parted: theirs is newer
                        mine[record_id] = record
                        target.changes.append(Change(table, record_id, current, record))
                        self._count(table)
                    elif edited == "both":
                        self._conflict(target, kind, "edited differently on each side", current, record, source)
                elif record_id in target.deleted:
                    self._conflict(target, kind, "was deleted here", None, record, source)
                elif table == "relations" and not (record["head"] in target.spans and record["child"] in target.spans):
                    self._conflict(target, kind, "links a span that was kept apart", None, record, source)
                else:
                    mine[record_id] = record
                    target.changes.append(Change(table, record_id, None, record))
                    self._count(table)
        states = list(_records(tables, "state").values())
        if states:
            theirs = {**states[0], "article_id": article_id, "annotator": annotator}
            here = target.state
            if here is None or (here.get("status") == "todo" and theirs.get("status") != "todo"):
                target.changes.append(Change("state", article_id, here, theirs))
                target.state = theirs
                self.report.statuses += 1
            elif here.get("status") != theirs.get("status"):
                self._conflict(target, "status", f"is {here.get('status')} here", here, theirs, source)
        if len(target.changes) > before:
            target.sources.append(source)
            return True
        return False

    def _merge_registry(self, annotator: str, path: Path, source: str) -> None:
        """Union the other side's actor decisions by id, as spans are: a record both changed is kept apart."""
        tables = load_tables(path)
        if tables is None:
            return
        meta = meta_from_tables(tables, path)
        target = self.registries.get(annotator)
        if target is None:
            target = self.registries[annotator] = RegistryTarget.load(
                self.store.root / annotator / REGISTRY_NAME, annotator
            )
        their_past = _past(tables, meta, ACTOR_TABLES)
        before = len(target.changes)
        for table in ACTOR_TABLES:
            mine = target.records[table]
            kind = table[:-1]
            for record_id, record in _records(tables, table).items():
                current = mine.get(record_id)
                if current is not None and table == "dates" and current.get("date") == record.get("date"):
                    continue  # the same date set on each side (at different times) is one decision
                if current is not None:
                    edited = _edited_by(current, record, target.past.get(record_id, []), their_past.get(record_id, []))
                    if edited == "both":
                        self._conflict_in(
                            annotator, REGISTRY_NAME, kind, "edited differently on each side", current, record, source
                        )
                    if edited != "there":
                        continue
                elif record_id in target.deleted:
                    self._conflict_in(annotator, REGISTRY_NAME, kind, "was deleted here", None, record, source)
                    continue
                mine[record_id] = record
                target.changes.append(Change(table, record_id, current, record))
                self.report.actors += 1
        if len(target.changes) > before:
            target.sources.append(source)

    def _merge_decisions(self, adjudicator: str, folder: Path) -> None:
        """Union the items an adjudicator rejected, per article (a rejection is never dropped by a merge)."""
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            try:
                theirs = json.loads(path.read_text(encoding="utf-8"))
                article_id, rejected = str(theirs["article_id"]), set(theirs.get("rejected", ()))
            except (OSError, ValueError, KeyError, TypeError):
                raise ChipreadError(f"{path} is not an adjudicator's decisions file; nothing merged") from None
            relative = f"{adjudicator}/{DECISIONS}/{path.name}"
            merged = self.decisions.get(relative)
            here = set(merged["rejected"]) if merged else Decisions(self.store.root, adjudicator).rejected(article_id)
            if not rejected <= here:
                self.decisions[relative] = {"article_id": article_id, "rejected": sorted(here | rejected)}
                self.report.decisions += len(rejected - here)

    def _count(self, table: str) -> None:
        if table == "spans":
            self.report.spans += 1
        else:
            self.report.relations += 1

    def _conflict(
        self, target: Target, record: str, why: str, here: dict[str, Any] | None, there: dict[str, Any], source: str
    ) -> None:
        self.report.conflicts.append(
            Conflict(target.annotator, target.article_id, target.handle, record, why, here, there, source)
        )

    def _conflict_in(
        self,
        annotator: str,
        name: str,
        record: str,
        why: str,
        here: dict[str, Any] | None,
        there: dict[str, Any],
        source: str,
    ) -> None:
        self.report.conflicts.append(Conflict(annotator, "", name, record, why, here, there, source))

    # -- writing -------------------------------------------------------------------------------

    def changed(self) -> list[Target]:
        return [t for t in self.targets.values() if t.changes]

    def changed_registries(self) -> list[RegistryTarget]:
        return [r for r in self.registries.values() if r.changes]

    def fresh_conflicts(self) -> list[Conflict]:
        """The conflicts no earlier merge recorded in `_conflicts/` (a re-run does not record them again)."""
        recorded: set[str] = set()
        for path in sorted((self.store.root / CONFLICTS).glob("merge-*.json")):
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))["conflicts"]
                recorded |= {Conflict(**{**c, "source": ""}).key() for c in saved}
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a damaged record is not trusted to hold anything: the conflicts are written again
        return [c for c in self.report.conflicts if c.key() not in recorded]

    def write(self, journal: Journal, progress: Progress | None = None) -> None:
        """Stage every changed file, commit, move them into place (under the locks the caller holds)."""
        report = self.report
        staged = 0
        for target in self.changed():
            relative = f"{target.annotator}/{file_name(target.article_id)}"
            path = journal.stage(relative)
            current = self.store.root / relative
            if target.exists:
                path.write_bytes(dump_tables(load_tables(current) or {}))  # with its journal folded in
            spans = sum(1 for c in target.changes if c.table == "spans")
            description = f"merge {plural(spans, 'span')} from {', '.join(dict.fromkeys(target.sources))}"
            file = ArticleFile(path)
            try:
                file.apply(target.changes, meta=target.meta, record="push", description=description)
            finally:
                file.close()
            staged += 1
            if progress:
                progress("staged", staged)
        for registry in self.changed_registries():
            relative = f"{registry.annotator}/{REGISTRY_NAME}"
            path = journal.stage(relative)
            if registry.exists:
                path.write_bytes(dump_tables(load_tables(self.store.root / relative) or {}))
            description = f"merge {plural(len(registry.changes), 'actor record')} from {', '.join(registry.sources)}"
            file = RegistryFile(path)
            try:
                file.apply(
                    registry.changes,
                    meta={"kind": "actors", "annotator": registry.annotator},
                    record="push",
                    description=description,
                )
            finally:
                file.close()
        for relative, record in self.decisions.items():
            journal.stage(relative, json.dumps(record, indent=1).encode("utf-8"))
        for relative, path in self.imported:
            journal.stage(relative, path.read_bytes())
        for digest, text in self.texts.items():
            journal.stage(f"{TEXTS}/{digest}.txt", text.encode("utf-8"))
        fresh = self.fresh_conflicts()
        if fresh:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
            relative = f"{CONFLICTS}/merge-{stamp}.json"
            body = {
                "merged_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "sources": report.sources,
                "conflicts": [c.to_json() for c in fresh],
            }
            journal.stage(relative, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
            report.conflicts_file = self.store.root / relative
        journal.commit()
        if progress:
            progress("committed", 1)
        journal.apply(progress)


def merge_stores(
    store: AnnotationStore,
    paths: Sequence[Path],
    *,
    rename: Mapping[str, str] | None = None,
    union: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> MergeReport:
    """Merge the stores at `paths` into `store`, all or nothing; the report says what came in and what was kept apart."""
    rename = dict(rename or {})
    sources = [Source.open(Path(p)) for p in paths]
    for source in sources:
        if source.path.resolve() == store.root.resolve():
            raise ChipreadError(f"{source.path} is this store; nothing to merge")
    if dry_run:
        report = _plan(store, sources, rename, union).report
        report.dry_run = True
        return report
    # Every annotator written, and any a killed merge left unfinished, is locked for the whole merge;
    # a new annotator's folder is made (by its lock) only once the merge is sure to go ahead.
    names = {check_annotator(rename.get(n, n)) for s in sources for n in s.folders} | annotators_of(store.root)
    existing = set(store.annotators())
    for name in sorted(names & existing):
        store.require_writer(name, "merge")
    with Journal(store.root) as journal:
        finish(store.root)
        merger = _plan(store, sources, rename, union)
        for name in sorted(names - existing):
            store.require_writer(name, "merge")
            if store.file_paths(name):
                raise ChipreadError(
                    f"{name} began annotating in {store.root} during the merge; nothing merged, run it again"
                )
        if (
            merger.changed()
            or merger.changed_registries()
            or merger.decisions
            or merger.imported
            or merger.texts
            or merger.fresh_conflicts()
        ):
            try:
                merger.write(journal, progress)
            except OSError as exc:
                raise StoreError(f"could not merge into {store.root}: {exc.strerror or exc}") from exc
    return merger.report


def _plan(store: AnnotationStore, sources: Sequence[Source], rename: Mapping[str, str], union: bool) -> Merger:
    merger = Merger(store, rename, union)
    for source in sources:
        merger.add(source)
    changed = merger.changed()
    merger.report.files_added = sum(1 for t in changed if not t.exists)
    merger.report.files_changed = len(changed) - merger.report.files_added
    merger.report.articles = len(merger.imported)
    merger.report.recorded = len(merger.report.conflicts) - len(merger.fresh_conflicts())
    return merger

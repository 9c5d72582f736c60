"""The actors of a workspace: who each actor span is, the actor table, timelines and the analyst's decisions.

One ActorBook serves the CLI, the exports and the TUI: it joins the store index (spans and
statements), the corpus index (copies, estimated dates), the analyst's registry (records, dates)
and the name files, and keeps what it computed until one of them changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.corpus.cache import default_cache_dir
from chipread.errors import ActorError
from chipread.store.atomic import atomic_write
from chipread.store.file_journal import journal_path

from .corpus_index import CorpusIndex, corpus_digest, corpus_index
from .knowledge import ALIASES_FILENAME, Knowledge, load_knowledge
from .model import Actor, ArticleDate, Statement
from .places import fold
from .registry import ActorRegistry
from .store_index import StoreIndex, StoreIndexer, store_versions

if TYPE_CHECKING:
    from chipread.model import ArticleInfo
    from chipread.workspace import Workspace

    from .grouping import Grouping


@dataclass(frozen=True)
class ActorRow:
    """An actor with what the table shows: statements per label, articles, outlets, first and last date."""

    actor: Actor
    counts: dict[str, int]
    articles: int
    outlets: int
    first: ArticleDate | None
    last: ArticleDate | None
    suggestions: tuple[str, ...] = ()
    mentions: int = 0  # actor spans

    @property
    def statements(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Entry:
    """A statement on an actor's timeline."""

    statement: Statement
    date: ArticleDate
    info: ArticleInfo
    speaker: str  # the actor span's text, as this article wrote it


class Dates:
    """An article's date: stated by it, else set by the analyst, else estimated (from a dated original it
    was copied from, else from its text). A statement's date: the day its sentence names, else its article's."""

    def __init__(self, infos: dict[str, ArticleInfo], set_dates: dict[str, date], corpus: CorpusIndex) -> None:
        self.infos = infos
        self.set_dates = set_dates
        self.corpus = corpus
        self._known: dict[str, ArticleDate] = {}

    def article(self, article_id: str) -> ArticleDate:
        found = self._known.get(article_id)
        if found is None:
            found = self._known[article_id] = self._article(article_id)
        return found

    def _article(self, article_id: str) -> ArticleDate:
        info = self.infos.get(article_id)
        if info is not None and info.published is not None:
            return ArticleDate(info.published, "stated")
        if article_id in self.set_dates:
            return ArticleDate(self.set_dates[article_id], "set")
        link = self.corpus.copy_of.get(article_id)
        if link is not None:
            original = self.infos.get(link.original)
            when = (original.published if original is not None else None) or self.set_dates.get(link.original)
            if when is not None:
                name = original.handle if original is not None else link.original
                return ArticleDate(when, "estimated", f"the date of {name}, which it copies")
        estimate = self.corpus.estimates.get(article_id)
        if estimate is not None:
            return ArticleDate(estimate[0], "estimated", estimate[1])
        return ArticleDate(None, "")

    def statement(self, statement: Statement) -> ArticleDate:
        article = self.article(statement.article_id)
        if not statement.when:
            return article
        from .dating import statement_date

        value = statement_date(statement.when, article.value)
        if value == article.value:
            return article
        # An absolute date in the sentence is as sure as the text; a relative one is as sure as its article's date.
        absolute = statement_date(statement.when, None) is not None
        how = "estimated" if article.estimated and not absolute else "stated"
        return ArticleDate(value, how, f"its sentence says {statement.when!r}")


@dataclass
class View:
    """One annotator's actors now."""

    annotator: str
    grouping: Grouping
    index: StoreIndex
    rows: list[ActorRow]
    by_actor: dict[str, list[Statement]]
    dates: Dates


def aliases_path(ws: Workspace) -> Path | None:
    """The actors' alias file: `aliases` in the config, else aliases.txt in the corpus folder if there is one."""
    if ws.config.aliases is not None:
        return ws.config.aliases
    root = Path(ws.corpus.root)
    default = (root if root.is_dir() else root.parent) / ALIASES_FILENAME
    return default if default.is_file() else None


class ActorBook:
    def __init__(self, ws: Workspace, *, cache_dir: Path | None = None, knowledge: Knowledge | None = None) -> None:
        self.ws = ws
        self.cache_dir = cache_dir
        self._knowledge = knowledge
        self._registries: dict[str, ActorRegistry] = {}
        self._indexers: dict[str, StoreIndexer] = {}
        self._corpus: CorpusIndex | None = None
        self._views: dict[str, tuple[tuple, View]] = {}
        self._groupings: dict[str, tuple[tuple, Grouping, StoreIndex]] = {}
        self._summaries: dict[str, Summary] = {}
        self._timelines: dict[str, tuple[str, dict[str, list[list]]]] = {}
        self._infos: dict[str, ArticleInfo] | None = None
        # The TUI builds views in a worker thread while the screen reads them.
        self.lock = threading.RLock()

    # -- parts ---------------------------------------------------------------------------

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = load_knowledge(self.ws.gazetteer_path, aliases_path(self.ws))
        return self._knowledge

    def registry(self, annotator: str | None = None) -> ActorRegistry:
        who = annotator or self.ws.annotator
        with self.lock:
            registry = self._registries.get(who)
            if registry is None:
                registry = self._registries[who] = ActorRegistry(self.ws.store, who)
            return registry

    def corpus(self, progress: Callable[[int], None] | None = None) -> CorpusIndex:
        """Copies and estimated dates (built once per process, from the cache when it is current)."""
        with self.lock:
            if self._corpus is None:
                self._corpus = corpus_index(self.ws, progress=progress, cache_dir=self.cache_dir)
            return self._corpus

    @property
    def infos(self) -> dict[str, ArticleInfo]:
        if self._infos is None:
            self._infos = {info.id: info for info in self.ws.infos()}
        return self._infos

    # -- dates ---------------------------------------------------------------------------

    def dates(self, annotator: str | None = None) -> Dates:
        """Article and statement dates as the annotator sees them (their set dates included)."""
        return Dates(self.infos, self.registry(annotator).dates(), self.corpus())

    def article_date(self, article_id: str, annotator: str | None = None) -> ArticleDate:
        return self.dates(annotator).article(article_id)

    # -- the view ------------------------------------------------------------------------

    def grouping(self, annotator: str | None = None) -> tuple[Grouping, StoreIndex]:
        """Which actor each actor span is, and the index it was made from (no dates: no corpus texts read)."""
        who = annotator or self.ws.annotator
        with self.lock:
            indexer = self._indexers.get(who)
            if indexer is None:
                indexer = self._indexers[who] = StoreIndexer(self.ws, who, self.cache_dir)
            index = indexer.refresh()
            records = self.registry(who).records()
            key = (indexer.generation, tuple((r.id, r.name, r.kind, r.aliases, r.pins) for r in records.values()))
            cached = self._groupings.get(who)
            if cached is None or cached[0] != key:
                # Grouping reads names with chipread.nlp: imported only when a table is really made.
                from .grouping import group

                cached = self._groupings[who] = (key, group(index.mentions, records, self.knowledge), index)
            return cached[1], cached[2]

    def view(self, annotator: str | None = None) -> View:
        """Everything the table and the timelines show, recomputed only when the store or registry changed."""
        who = annotator or self.ws.annotator
        with self.lock:
            grouping, index = self.grouping(who)
            key = (id(grouping), _dates_key(self.registry(who)))
            cached = self._views.get(who)
            if cached is not None and cached[0] == key:
                return cached[1]
            view = self._view(who, grouping, index)
            self._views[who] = (key, view)
            return view

    def _view(self, who: str, grouping: Grouping, index: StoreIndex) -> View:
        by_actor: dict[str, list[Statement]] = {}
        for statement in index.statements:
            seen = set()
            for span_id in statement.actors:
                actor_id = grouping.actor_of.get(span_id)
                if actor_id is not None and actor_id not in seen:
                    seen.add(actor_id)
                    by_actor.setdefault(actor_id, []).append(statement)
        dates = self.dates(who)
        rows = []
        for actor in grouping.actors.values():
            statements = by_actor.get(actor.id, [])
            counts = Counter(s.label for s in statements)
            articles = {m.article_id for m in actor.mentions}
            outlets = {self.infos[a].source for a in articles if a in self.infos and self.infos[a].source}
            when = [dates.statement(s) for s in statements] or [dates.article(a) for a in articles]
            when = [d for d in when if d.value is not None]
            rows.append(
                ActorRow(
                    actor,
                    dict(counts),
                    len(articles),
                    len(outlets),
                    # On the same day a stated date wins over an estimate.
                    min(when, key=lambda d: (d.value, d.estimated)) if when else None,
                    max(when, key=lambda d: (d.value, not d.estimated)) if when else None,
                    tuple(s.reason for s in grouping.suggestions.get(actor.id, ())),
                    len(actor.mentions),
                )
            )
        rows.sort(key=lambda r: (-r.statements, -r.mentions, r.actor.name.casefold(), r.actor.id))
        return View(who, grouping, index, rows, by_actor, dates)

    def summary(self, annotator: str | None = None) -> Summary:
        """The actor table, as `chipread actors` and the actors screen first show it.

        Cached on disk beside the indexes, stamped with everything it is made from (each store file's
        version, the registry's, the corpus's text hashes, the name files'): when nothing changed, the
        table is read back instead of made again (one stat per store file)."""
        who = annotator or self.ws.annotator
        with self.lock:
            stamp = self._stamp(who)
            cached = self._summaries.get(who)
            if cached is not None and cached.stamp == stamp:
                return cached
            path = self._summary_path(who)
            found = _load_summary(path, stamp)
            if found is None:
                view = self.view(who)
                found = Summary(stamp, view.rows, list(view.index.unreadable))
                _save_summary(path, found)
                # The timelines come from the same view: made now, `chipread actors NAME` reads them back.
                raw = _timelines_json(self._timelines_now(who))
                _save_timelines(self._timelines_path(who), stamp, raw)
                self._timelines[who] = (stamp, raw)
            self._summaries[who] = found
            return found

    def _stamp(self, who: str) -> str:
        from chipread import __version__

        registry = self.registry(who).path
        # The registry's journal too: a decision is appended there, the file itself left alone (file_journal).
        files = [registry, journal_path(registry), self.ws.gazetteer_path, aliases_path(self.ws)]
        parts = [
            f"{SUMMARY_VERSION}:{__version__}",
            ",".join(self.ws.labels.actors) + "|" + ",".join(self.ws.labels.heads),
            corpus_digest(list(self.infos.values())),
            json.dumps(store_versions(self.ws, who), sort_keys=True),
            json.dumps([_stat(f) for f in files]),
        ]
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    def _summary_path(self, who: str) -> Path:
        root = str(Path(self.ws.store.root).resolve())
        name = hashlib.sha256(f"{root}\0{who}".encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return (self.cache_dir or default_cache_dir()) / "derived" / f"table-{name}.json"

    def _timelines_path(self, who: str) -> Path:
        table = self._summary_path(who)
        return table.with_name(table.name.replace("table-", "timelines-"))

    def timeline(self, actor_id: str, annotator: str | None = None) -> list[Entry]:
        """The actor's statements in date order (undated last), with their articles.

        Every actor's timeline is made at once and cached like the table (same stamp), so asking for
        one actor after the other, or in the next process, reads them back; only the asked actor's
        entries are turned into objects."""
        who = annotator or self.ws.annotator
        with self.lock:
            stamp = self.summary(who).stamp
            cached = self._timelines.get(who)
            if cached is None or cached[0] != stamp:
                path = self._timelines_path(who)
                raw = _load_timelines(path, stamp)
                if raw is None:
                    raw = _timelines_json(self._timelines_now(who))
                    _save_timelines(path, stamp, raw)
                cached = self._timelines[who] = (stamp, raw)
            entries = _entries(cached[1].get(actor_id, []), self.infos)
            if entries is None:
                # An article of the cache is no longer in the corpus: made again from the store.
                self._timelines.pop(who, None)
                return _entries(_timelines_json(self._timelines_now(who)).get(actor_id, []), self.infos) or []
            return entries

    def _timelines_now(self, who: str) -> dict[str, list[Entry]]:
        view = self.view(who)
        out: dict[str, list[Entry]] = {}
        for actor_id, statements in view.by_actor.items():
            actor = view.grouping.actors.get(actor_id)
            spans = {m.span_id: m.text for m in actor.mentions} if actor is not None else {}
            entries = []
            for statement in statements:
                info = self.infos.get(statement.article_id)
                if info is None:
                    continue
                speaker = next((spans[s] for s in statement.actors if s in spans), "")
                entries.append(Entry(statement, view.dates.statement(statement), info, speaker))
            entries.sort(
                key=lambda e: (e.date.value is None, e.date.value or date.max, e.info.handle, e.statement.start)
            )
            out[actor_id] = entries
        return out

    def find(self, query: str, annotator: str | None = None) -> Actor:
        """An actor by id, name or any of its names (exact, else a unique prefix or part of a name)."""
        actors = [row.actor for row in self.summary(annotator).rows]
        wanted = " ".join(query.split())
        if not wanted:
            raise ActorError("give an actor's name or id")
        folded = fold(wanted)

        @cache
        def keys() -> frozenset[str]:
            from .names import parse_name

            # A name typed in lower case ("mr qin") is read as if capitalised, so titles are stripped alike.
            return frozenset({parse_name(wanted).key, parse_name(wanted.title()).key})

        for test in (
            lambda a: a.id == wanted,
            lambda a: fold(a.name) == folded,
            lambda a: not keys().isdisjoint(a.keys),
            lambda a: a.id.startswith(wanted) or fold(a.name).startswith(folded),
            lambda a: folded in fold(a.name) or any(folded in k for k in a.keys),
        ):
            hits = [a for a in actors if test(a)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                names = ", ".join(sorted(a.name for a in hits)[:5])
                raise ActorError(f"{wanted!r} names {len(hits)} actors: {names}; give more of the name or an id")
        raise ActorError(f"no actor named {wanted!r} (see `chipread actors`)")

    # -- the analyst's decisions (each one write and one undo step) ----------------------------

    def actor(self, actor_id: str, annotator: str | None = None) -> Actor:
        actor = self.view(annotator).grouping.actors.get(actor_id)
        if actor is None:
            raise ActorError(f"no actor {actor_id!r} any more (the store changed); look again")
        return actor

    def confirm(self, actor_id: str) -> str:
        actor = self.actor(actor_id)
        self.registry().confirm(actor)
        return f"confirmed {actor.name}" + (f" ({len(actor.keys)} names)" if len(actor.keys) > 1 else "")

    def merge(self, target_id: str, source_ids: Iterable[str]) -> str:
        target = self.actor(target_id)
        sources = [self.actor(s) for s in source_ids if s != target_id]
        self.registry().merge(target, sources)
        return f"merged {', '.join(s.name for s in sources)} into {target.name}"

    def split(self, actor_id: str, keys: Sequence[str], name: str | None = None) -> str:
        actor = self.actor(actor_id)
        new = self.registry().split(actor, keys, name)
        return f"split {new.name} off {actor.name}"

    def rename(self, actor_id: str, name: str) -> str:
        actor = self.actor(actor_id)
        self.registry().rename(actor, name)
        return f"renamed {actor.name} to {' '.join(name.split())}"

    def accept(self, actor_id: str) -> str:
        """Make the first merge chipread suggests for this actor."""
        view = self.view()
        suggestions = view.grouping.suggestions.get(actor_id)
        if not suggestions:
            raise ActorError("chipread suggests no merge for this actor")
        suggestion = suggestions[0]
        return self.merge(suggestion.target, [actor_id])

    def set_date(self, article_id: str, value: date | None) -> str:
        info = self.infos.get(article_id)
        label = info.handle if info is not None else article_id
        if info is not None and info.published is not None:
            raise ActorError(f"{label} states its date ({info.published.isoformat()}); only undated articles take one")
        self.registry().set_date(article_id, value, label)
        return f"set the date of {label} to {value.isoformat()}" if value else f"cleared the date of {label}"

    def undo(self) -> str | None:
        return self.registry().undo()

    def redo(self) -> str | None:
        return self.registry().redo()

    def close(self) -> None:
        for registry in self._registries.values():
            registry.close()


SUMMARY_VERSION = 3


@dataclass(frozen=True)
class Summary:
    """The actor table and the store files it could not read; `stamp` says what it was made from."""

    stamp: str
    rows: list[ActorRow]
    unreadable: list[str]


def _stat(path: Path | None) -> list[int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _date_json(d: ArticleDate | None) -> list | None:
    return [d.value.isoformat(), d.how, d.why] if d is not None and d.value is not None else None


def _date_of(raw: list | None) -> ArticleDate | None:
    return ArticleDate(date.fromisoformat(raw[0]), raw[1], raw[2]) if raw else None


def _save_summary(path: Path, summary: Summary) -> None:
    rows = []
    for row in summary.rows:
        a = row.actor
        rows.append(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "stored": a.stored,
                "keys": a.keys,
                "new_keys": a.new_keys,
                "surface": a.surface,
                "mentions": len(a.mentions),
                "counts": row.counts,
                "articles": row.articles,
                "outlets": row.outlets,
                "first": _date_json(row.first),
                "last": _date_json(row.last),
                "suggestions": row.suggestions,
            }
        )
    body = {"stamp": summary.stamp, "rows": rows, "unreadable": summary.unreadable}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # no cache: the table is made again next time


def _load_summary(path: Path, stamp: str) -> Summary | None:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("stamp") != stamp:
            return None
        rows = [
            ActorRow(
                Actor(
                    r["id"],
                    r["name"],
                    r["kind"],
                    r["stored"],
                    tuple(r["keys"]),
                    tuple(r["new_keys"]),
                    surface=r["surface"],
                ),
                r["counts"],
                r["articles"],
                r["outlets"],
                _date_of(r["first"]),
                _date_of(r["last"]),
                tuple(r["suggestions"]),
                r["mentions"],
            )
            for r in body["rows"]
        ]
        return Summary(stamp, rows, body["unreadable"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # missing, stale or damaged: made again from the store


def _timelines_json(timelines: dict[str, list[Entry]]) -> dict[str, list[list]]:
    return {
        actor_id: [
            [
                e.statement.article_id,
                e.statement.span_id,
                e.statement.label,
                e.statement.text,
                e.statement.start,
                e.statement.end,
                list(e.statement.actors),
                e.statement.when,
                _date_json(e.date) or [None, e.date.how, e.date.why],
                e.speaker,
            ]
            for e in entries
        ]
        for actor_id, entries in timelines.items()
    }


def _save_timelines(path: Path, stamp: str, raw: dict[str, list[list]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"stamp": stamp, "actors": raw}, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # no cache: made again next time


def _load_timelines(path: Path, stamp: str) -> dict[str, list[list]] | None:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return body["actors"] if body.get("stamp") == stamp and isinstance(body["actors"], dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, stale or damaged: made again from the store


def _entries(rows: list[list], infos: dict[str, ArticleInfo]) -> list[Entry] | None:
    """One actor's cached timeline as entries; None if it is damaged or names an article not in the corpus."""
    entries = []
    try:
        for article_id, span_id, label, text, start, end, actors, when, (day, how, why), speaker in rows:
            info = infos.get(article_id)
            if info is None:
                return None
            value = date.fromisoformat(day) if day else None
            statement = Statement(article_id, span_id, label, text, start, end, tuple(actors), when)
            entries.append(Entry(statement, ArticleDate(value, how, why), info, speaker))
    except (ValueError, TypeError):
        return None
    return entries


def _dates_key(registry: ActorRegistry) -> tuple:
    return tuple(sorted(registry.dates().items()))

"""Every actor span and attributed statement of one annotator, kept in a rebuildable cache beside the corpus's.

The store stays the truth. The cache holds, per store file, what the actors view needs from it
(actor spans; quotes and claims with the actor spans they are attributed to and the date phrase of
their sentence), stamped with the file's inode, size and mtime and the article's text hash: a file
that changed since is read again, a gone one dropped, so answering costs one stat per file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipread.corpus.cache import default_cache_dir
from chipread.errors import ArticleNotFound, ChipreadError
from chipread.store import reanchored
from chipread.store.article_file import annotations_from_tables, meta_from_tables
from chipread.store.atomic import atomic_write
from chipread.store.file_journal import journal_path
from chipread.store.storage import load_tables

from .model import Mention, Statement

if TYPE_CHECKING:
    from chipread.workspace import Workspace

VERSION = 1


@dataclass
class StoreIndex:
    """An annotator's actor mentions and statements across the corpus."""

    mentions: list[Mention]
    statements: list[Statement]
    unreadable: list[str]  # one line per store file that could not be read (named, left out)


def _version(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def store_versions(ws: Workspace, annotator: str) -> dict[str, list[int] | None]:
    """file name -> (inode, size, mtime) of each of the annotator's article files and of its journal, if any.

    A write appends to the journal and leaves the file itself alone: both are part of its version.
    """
    out: dict[str, list[int] | None] = {}
    for entry in ws.store.file_entries(annotator):
        try:
            st = entry.stat()
        except OSError:
            continue  # gone since it was listed
        out[entry.name] = [st.st_ino, st.st_size, st.st_mtime_ns, *(_version(journal_path(Path(entry.path))) or ())]
    return out


def cache_path(ws: Workspace, annotator: str, cache_dir: Path | None = None) -> Path:
    root = str(Path(ws.store.root).resolve())
    name = hashlib.sha256(f"{root}\0{annotator}".encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return (cache_dir or default_cache_dir()) / "derived" / f"actors-{name}.json"


def _stamp(ws: Workspace) -> str:
    labels = ws.labels
    return f"{VERSION}:{','.join(labels.actors)}:{','.join(labels.heads)}"


class StoreIndexer:
    """Keeps one annotator's index in memory and on disk; refresh() reads only what changed since."""

    def __init__(self, ws: Workspace, annotator: str, cache_dir: Path | None = None) -> None:
        self.ws = ws
        self.annotator = annotator
        self.path = cache_path(ws, annotator, cache_dir)
        self.generation = 0  # grows each time the index changes: what depends on it knows to redo
        self._files: dict[str, Any] | None = None
        self._parsed: dict[str, tuple[list[Mention], list[Statement]]] = {}

    def _load(self, stamp: str) -> dict[str, Any]:
        try:
            cached = json.loads(self.path.read_text(encoding="utf-8"))
            return cached["files"] if cached.get("stamp") == stamp else {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}  # missing or damaged: rebuilt from the store

    def refresh(self) -> StoreIndex:
        ws, annotator = self.ws, self.annotator
        stamp = _stamp(ws)
        if self._files is None:
            self._files = self._load(stamp)
            self.generation += 1
        files = self._files
        infos = ws.infos()
        hashes = {info.id: info.text_hash for info in infos}
        moved: dict[tuple[str, str], str] | None = None
        fresh: dict[str, Any] = {}
        unreadable: list[str] = []
        changed = False
        folder = ws.store.root / annotator
        for name, version in store_versions(ws, annotator).items():
            store_file = folder / name
            entry = files.get(name)
            if entry is not None and entry["v"] == version and hashes.get(entry["article"]) == entry["hash"]:
                fresh[name] = entry
                continue
            changed = True
            if moved is None:
                moved = {(who, old): info.id for info in infos for who, old in ws.moved_from(info.id)}
            try:
                entry = _read(ws, annotator, store_file, moved, hashes)
            except ChipreadError as exc:
                unreadable.append(f"left out {store_file}: {exc}")
                continue
            if entry is not None:
                entry["v"] = version
                fresh[name] = entry
                self._parsed.pop(name, None)
        if changed or len(fresh) != len(files):
            self.generation += 1
            self._files = fresh
            for gone in set(self._parsed) - set(fresh):
                del self._parsed[gone]
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                body = json.dumps({"stamp": stamp, "files": fresh}, ensure_ascii=False).encode("utf-8")
                atomic_write(self.path, body)
            except OSError:
                pass  # an unwritable cache means reading the store again next time
        mentions: list[Mention] = []
        statements: list[Statement] = []
        for name, entry in fresh.items():
            parsed = self._parsed.get(name)
            if parsed is None:
                article = entry["article"]
                parsed = self._parsed[name] = (
                    [Mention(article, *m) for m in entry["mentions"]],
                    [Statement(article, s[0], s[1], s[2], s[3], s[4], tuple(s[5]), s[6]) for s in entry["statements"]],
                )
            mentions.extend(parsed[0])
            statements.extend(parsed[1])
        return StoreIndex(mentions, statements, unreadable)


def _read(ws: Workspace, annotator: str, path: Path, moved: dict, hashes: dict[str, str]) -> dict[str, Any] | None:
    """What one store file holds for the actors view (None: it belongs to no article of the corpus)."""
    tables = load_tables(path)
    meta = meta_from_tables(tables, path)
    stored_id = meta.get("article_id")
    if not stored_id:
        return None
    article_id = stored_id if stored_id in hashes else moved.get((annotator, stored_id))
    if article_id is None:
        return None  # work on an article no longer in the corpus (listed by `chipread doctor`)
    ann = annotations_from_tables(tables, stored_id, annotator, path)
    labels = ws.labels
    spans = ann.spans
    text = None
    heads = [s for s in spans if s.label in labels.heads]
    if meta.get("text_hash") != hashes[article_id] or heads:
        try:
            text = ws.get(article_id).text
        except ArticleNotFound:
            return None
        # Carried over from the text the work was made on (the store keeps it), else searched for.
        spans = reanchored(spans, text, ws.text_made_on(meta.get("text_hash", ""), hashes[article_id]))
    live = {s.id: s for s in spans if not s.flag}
    actors = {s.id: s for s in live.values() if s.label in labels.actors}
    attributed: dict[str, list[str]] = {}
    for r in ann.relations:
        if r.head in live and r.child in actors:
            attributed.setdefault(r.head, []).append(r.child)
    statements = []
    if attributed and text is not None:
        from chipread.nlp import split_sentences

        from .dating import date_phrase

        sentences = split_sentences(text)
        for head_id, children in attributed.items():
            s = live[head_id]
            if s.label in labels.heads:
                when = date_phrase(text, sentences, s.start, s.end)
                statements.append([s.id, s.label, s.text, s.start, s.end, sorted(children), when])
    return {
        "article": article_id,
        "hash": hashes[article_id],
        "mentions": [[s.id, s.text, s.start, s.end] for s in actors.values()],
        "statements": statements,
    }

"""A per-corpus SQLite cache of parsed articles, keyed so that an edited file or a rule change is re-read."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

SCHEMA = "1"

# Info rows and texts live in separate tables so a warm open never pages through article texts.
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rel TEXT NOT NULL, line INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    version TEXT NOT NULL, offset INTEGER NOT NULL, status TEXT NOT NULL, id TEXT, digest TEXT, handle TEXT,
    title TEXT, source TEXT, published TEXT, chars INTEGER, reason TEXT, warnings TEXT,
    PRIMARY KEY (rel, line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS texts (
    rel TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL, url TEXT, removed TEXT NOT NULL,
    PRIMARY KEY (rel, line)
);
"""


class Row(NamedTuple):
    """What the cache knows about one file (or one JSONL line) without its text (a tuple: cheap to build)."""

    rel: str
    line: int
    size: int
    mtime_ns: int
    version: str
    offset: int
    status: str  # "ok" or "skip"
    id: str | None
    digest: str | None  # text_hash of the cleaned text (the id, unless a JSONL record chose its own)
    handle: str | None
    title: str | None
    source: str | None
    published: str | None
    chars: int | None
    reason: str | None
    warnings: str | None


def key(rel: str) -> str:
    """A relative path as stored: names that are not valid UTF-8 (surrogate escapes) as hex bytes."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return "\x01hex:" + rel.encode("utf-8", "surrogateescape").hex()


def default_cache_dir() -> Path:
    """$CHIPREAD_CACHE_DIR, else the platform's cache folder (on Linux $XDG_CACHE_HOME/chipread or ~/.cache/chipread)."""
    env = os.environ.get("CHIPREAD_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("chipread", appauthor=False))


def db_path(cache_dir: Path, root: Path) -> Path:
    try:
        key = str(root.resolve())
    except OSError:
        key = str(root.absolute())
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir / f"corpus-{digest}.sqlite3"


class Cache:
    """Every method swallows SQLite errors: a cache that fails is simply no cache."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db: sqlite3.Connection | None = db
        self.path = path

    @classmethod
    def open(cls, cache_dir: Path, root: Path) -> Cache | None:
        path = db_path(cache_dir, root)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for attempt in range(2):
            try:
                return cls(_connect(path), path)
            except sqlite3.DatabaseError:
                # Corrupt or foreign file: discard it and build a fresh cache once.
                if attempt or not _discard(path):
                    return None
            except (sqlite3.Error, OSError):
                return None
        return None

    def rows(self) -> dict[tuple[str, int], Row]:
        try:
            assert self.db is not None
            cursor = self.db.execute(
                "SELECT rel, line, size, mtime_ns, version, offset, status, id, digest, handle, title, source,"
                " published, chars, reason, warnings FROM docs"
            )
            make = Row._make
            return {(row[0], row[1]): make(row) for row in cursor}
        except (sqlite3.Error, AssertionError, ValueError):
            self._fail()
            return {}

    def text(self, rel: str, line: int) -> tuple[str, str | None, list[list[str]]] | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute(
                "SELECT text, url, removed FROM texts WHERE rel = ? AND line = ?", (key(rel), line)
            ).fetchone()
        except (sqlite3.Error, ValueError):
            self._fail()
            return None
        if row is None:
            return None
        try:
            return row[0], row[1], json.loads(row[2])
        except ValueError:
            return None

    def write(self, docs: Iterable[tuple], texts: Iterable[tuple], stale: Iterable[tuple[str, int]] = ()) -> None:
        """Insert or replace rows (docs: Row fields in order; texts: rel, line, text, url, removed json)."""
        if self.db is None:
            return
        docs = [(key(d[0]), *d[1:]) for d in docs]
        texts = [(key(t[0]), *t[1:]) for t in texts]
        stale = [(key(s[0]), s[1]) for s in stale]
        try:
            with self.db:
                self.db.executemany("DELETE FROM docs WHERE rel = ? AND line = ?", stale)
                self.db.executemany("DELETE FROM texts WHERE rel = ? AND line = ?", stale)
                self.db.executemany("INSERT OR REPLACE INTO docs VALUES (" + ",".join("?" * 16) + ")", docs)
                self.db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?, ?)", texts)
        except (sqlite3.Error, ValueError):  # ValueError includes UnicodeError: never let the cache break an open
            self._fail()

    def clear(self, rel: str) -> None:
        """Forget every row of one file (a JSONL file that changed is re-read whole)."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.execute("DELETE FROM docs WHERE rel = ?", (rel,))
                self.db.execute("DELETE FROM texts WHERE rel = ?", (rel,))
        except sqlite3.Error:
            self._fail()

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None

    def _fail(self) -> None:
        # Reads or writes failing mid-way (disk full, corruption found late): stop using the cache,
        # and drop a damaged file so the next open rebuilds it.
        damaged = False
        if self.db is not None:
            try:
                damaged = self.db.execute("PRAGMA quick_check").fetchone()[0] != "ok"
            except sqlite3.Error:
                damaged = True
        self.close()
        if damaged:
            _discard(self.path)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=2.0, isolation_level="DEFERRED", check_same_thread=False)
    try:
        # A cache lost in a crash is rebuilt, so no fsync. The default rollback journal, not WAL: WAL writes
        # every page twice, which a bulk cold open pays for; readers only wait for one batch's commit.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA schema_version").fetchone()  # reads the header: a file that is not a database fails here
        version = None
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = row[0] if row else None
        except sqlite3.OperationalError:
            pass  # no tables yet
        if version != SCHEMA:
            with db:
                db.executescript("DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS meta;")
                db.executescript(_TABLES)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
        return db
    except BaseException:
        db.close()
        raise


def _discard(path: Path) -> bool:
    ok = True
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(path) + suffix).unlink(missing_ok=True)
        except OSError:
            ok = False
    return ok

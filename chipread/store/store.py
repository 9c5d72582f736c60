"""AnnotationStore: a folder of small TinyDB files, one per annotator and article, one writer each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from chipread.errors import StoreCorrupt, StoreError, StoreLocked, StoreReadOnly
from chipread.model import Annotations, Article
from chipread.store import journal, migrate
from chipread.store.article_file import (
    SCHEMA_VERSION,
    ArticleFile,
    annotations_from_tables,
    meta_from_tables,
)
from chipread.store.atomic import atomic_write
from chipread.store.layout import (
    ANNOTATOR_RE,
    IMPORTED,
    MARKER,
    check_annotator,
    file_name,
)
from chipread.store.lock import WriterLock
from chipread.store.storage import load_tables


class AnnotationStore:
    """Annotations under `root/<annotator>/<article_id>.json`.

    One file per annotator keeps a team's work mergeable by copying folders (nobody writes
    anyone else's files); one file per article keeps the cost of a write independent of the
    size of the store. Each annotator folder has its own writer lock.
    """

    def __init__(self, root: Path, *, readonly: bool = False) -> None:
        self.root = Path(root)
        self.readonly = readonly
        self._locks: dict[str, WriterLock] = {}
        self._files: dict[tuple[str, str], ArticleFile] = {}
        # Why this store cannot be written, when the file system says so (read-only, no permission).
        self.unwritable: str | None = None
        # Where the old files went if opening upgraded the store (the CLI says so once).
        self.backup: Path | None = None
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store {self.root} is a file, not a folder (--db takes a folder)")
        self._check_schema()

    # -- schema ----------------------------------------------------------------------------

    def _check_schema(self) -> None:
        marker = self.root / MARKER
        if marker.is_file():
            try:
                info = json.loads(marker.read_text(encoding="utf-8"))
                schema = int(info["schema"])
            except (ValueError, KeyError, TypeError):
                raise StoreCorrupt(marker, "not a chipread store marker") from None
            if schema > SCHEMA_VERSION:
                raise StoreError(
                    f"store {self.root} was written by a newer chipread (schema {schema}, this one reads "
                    f"up to {SCHEMA_VERSION}); upgrade chipread"
                )
            if schema < SCHEMA_VERSION:
                self._migrate(schema)
            return
        if migrate.needs_migration(self.root):
            self._migrate(1)
            return
        if self.root.is_dir() and any(
            not p.name.startswith(".") and not p.name.startswith("README") for p in self.root.iterdir()
        ):
            # Never write into, or "repair", a folder that holds something else.
            raise StoreError(
                f"{self.root} is not a chipread store (it has no {MARKER} and is not empty); choose another --db"
            )
        if not self.readonly:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                self._write_marker()
            except OSError as exc:
                self.unwritable = f"cannot write to {self.root} ({exc.strerror or exc})"

    def _migrate(self, schema: int) -> None:
        if self.readonly:
            raise StoreError(f"store {self.root} has schema {schema} and must be upgraded; open it once for writing")
        self.backup = migrate.migrate(self.root, schema, SCHEMA_VERSION)
        self._write_marker()

    def _write_marker(self) -> None:
        body = {"format": "chipread-store", "schema": SCHEMA_VERSION, "layout": "<annotator>/<article_id>.json"}
        atomic_write(self.root / MARKER, (json.dumps(body, indent=2) + "\n").encode())

    # -- locking ---------------------------------------------------------------------------

    def claim(self, annotator: str) -> bool:
        """Take the writer lock for `annotator`; False if another process has it."""
        check_annotator(annotator)
        if self.readonly:
            return False
        lock = self._locks.get(annotator) or WriterLock(self.root / annotator)
        try:
            if not lock.acquire():
                return False
        except OSError as exc:
            self.unwritable = f"cannot write to {self.root / annotator} ({exc.strerror or exc})"
            return False
        self._locks[annotator] = lock
        # A merge killed after committing left files to move into place: before this writer writes any.
        journal.recover(self.root, annotator)
        return True

    def can_write(self, annotator: str) -> bool:
        lock = self._locks.get(annotator)
        return bool(lock and lock.held)

    def require_writer(self, annotator: str, action: str = "this change") -> None:
        """Claim the lock or fail with a message that says who holds it."""
        if self.readonly:
            raise StoreReadOnly(f"store {self.root} is open read-only")
        if not self.claim(annotator):
            if self.unwritable:
                raise StoreReadOnly(f"{self.unwritable}; {action} refused")
            raise StoreLocked(self.lock_message(annotator, f"{action} refused; close it or choose another --annotator"))

    def lock_message(self, annotator: str, consequence: str = "opened read-only") -> str:
        """Why `annotator` cannot write here, and what follows, in one line."""
        if self.unwritable:
            return f"{self.unwritable}; {consequence}"
        holder = WriterLock(self.root / annotator).holder()
        return f"{annotator}'s annotations in {self.root} are being edited by {holder}; {consequence}"

    # -- article files ---------------------------------------------------------------------

    def annotators(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and ANNOTATOR_RE.match(p.name) and p.name != IMPORTED
        )

    def file_paths(self, annotator: str) -> list[Path]:
        folder = self.root / annotator
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))

    def article_file(self, article_id: str, annotator: str) -> ArticleFile:
        """The (cached) file for one annotator's work on one article; read-only unless claimed."""
        check_annotator(annotator)
        key = (article_id, annotator)
        writable = self.can_write(annotator)
        cached = self._files.get(key)
        if cached is not None and cached.readonly != (not writable):
            cached.close()
            cached = None
        if cached is None:
            folder = self.root / annotator
            cached = ArticleFile(folder / file_name(article_id), readonly=not writable)
            self._files[key] = cached
        return cached

    def load(self, article_id: str, annotator: str) -> Annotations:
        return self.article_file(article_id, annotator).annotations(article_id, annotator)

    def iter_files(self, annotator: str | None = None) -> Iterator[tuple[str, dict[str, Any], Annotations]]:
        """(annotator, meta, annotations) for every stored article file; read-only, streamed."""
        for name in [annotator] if annotator else self.annotators():
            for path in self.file_paths(name):
                # Plain parsing, no TinyDB instance per file: listing 100,000 spans stays fast.
                tables = load_tables(path)
                meta = meta_from_tables(tables, path)
                article_id = meta.get("article_id")
                if not article_id:
                    continue  # a file with no record left says nothing about any article
                yield name, meta, annotations_from_tables(tables, article_id, name, path)

    def article_meta(self, path: Path) -> dict[str, Any]:
        """The meta record of one stored article file (who, which article, its path and handle then)."""
        return meta_from_tables(load_tables(path), path)

    # -- imported articles -------------------------------------------------------------------

    def save_imported_article(self, article: Article) -> None:
        if self.readonly:
            raise StoreReadOnly(f"store {self.root} is open read-only")
        folder = self.root / IMPORTED
        folder.mkdir(parents=True, exist_ok=True)
        record = {
            "id": article.id,
            "handle": article.handle,
            "path": article.path,
            "title": article.title,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "text": article.text,
        }
        atomic_write(folder / file_name(article.id), json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def imported_articles(self) -> list[Article]:
        folder = self.root / IMPORTED
        if not folder.is_dir():
            return []
        articles = []
        for path in sorted(folder.glob("*.json")):
            try:
                d = json.loads(path.read_text(encoding="utf-8"))
                published = date.fromisoformat(d["published"]) if d.get("published") else None
                articles.append(
                    Article(
                        id=d["id"],
                        handle=d.get("handle") or d["id"][:12],
                        path=d.get("path") or str(path),
                        title=d.get("title") or "",
                        text=d["text"],
                        source=d.get("source"),
                        published=published,
                        url=d.get("url"),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise StoreCorrupt(path, f"imported article unreadable: {exc}") from None
        return articles

    def close(self) -> None:
        for file in self._files.values():
            file.close()
        self._files.clear()
        for lock in self._locks.values():
            lock.release()
        self._locks.clear()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

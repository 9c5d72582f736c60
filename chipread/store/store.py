"""AnnotationStore: a folder of small TinyDB files, one per annotator and article, one writer each."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from chipread.errors import StoreCorrupt, StoreError, StoreLocked, StoreReadOnly
from chipread.model import Annotations, Article, text_hash
from chipread.store import journal, migrate
from chipread.store.article_file import (
    SCHEMA_VERSION,
    ArticleFile,
    annotations_from_tables,
    meta_from_tables,
)
from chipread.store.atomic import atomic_write
from chipread.store.layout import (
    IMPORTED,
    MARKER,
    TEXTS,
    check_annotator,
    file_name,
    is_annotator_folder,
    schema2_file_name,
)
from chipread.store.lock import WriterLock
from chipread.store.paths import check_folder, fsync_dir, make_folder, read_bytes
from chipread.store.storage import load_tables


def read_schema(root: Path) -> int | None:
    """The schema in the store's marker (None: no marker); a marker that says nothing usable is damage, by name."""
    marker = root / MARKER
    try:
        data = read_bytes(marker, "its marker")
    except OSError as exc:
        raise StoreError(f"cannot read {marker}: {exc.strerror or exc}") from None
    if data is None:
        return None
    try:
        info = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise StoreCorrupt(marker, "not a chipread store marker (not JSON)") from None
    schema = info.get("schema") if isinstance(info, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise StoreCorrupt(marker, f"not a chipread store marker (schema {schema!r} is not a version number)")
    if schema == 1 and not migrate.needs_migration(root):
        raise StoreCorrupt(marker, f"it says schema 1, but {migrate.SCHEMA1_FILE}, the schema 1 store, is not there")
    return schema


def write_marker(root: Path, schema: int) -> None:
    body = {"format": "chipread-store", "schema": schema, "layout": "<annotator>/<article_id>.json"}
    atomic_write(root / MARKER, (json.dumps(body, indent=2) + "\n").encode())


def _make_root(root: Path) -> None:
    """Create the store folder (and its parents), the new entry durable in its parent folder."""
    if root.is_dir():
        return
    root.parent.mkdir(parents=True, exist_ok=True)
    try:
        root.mkdir()
    except FileExistsError:
        if not root.is_dir():
            raise StoreError(f"store {root} is a file, not a folder (--db takes a folder)") from None
        return
    fsync_dir(root.parent)


class AnnotationStore:
    """Annotations under `root/<annotator>/<article_id>.json`.

    One file per annotator keeps a team's work mergeable by copying folders (nobody writes
    anyone else's files); one file per article keeps the cost of a write independent of the
    size of the store. Each annotator folder has its own writer lock. The texts that work was
    made on are kept once each under `root/_texts/<text hash>.txt` (see keep_text).
    """

    def __init__(self, root: Path, *, readonly: bool = False) -> None:
        self.root = Path(root)
        self.readonly = readonly
        self._locks: dict[str, WriterLock] = {}
        self._files: dict[tuple[str, str], ArticleFile] = {}
        self._kept: set[str] = set()  # text hashes known to be in _texts
        # Why this store cannot be written, when the file system says so (read-only, no permission).
        self.unwritable: str | None = None
        # Where the old files went if opening upgraded the store (the CLI says so once).
        self.backup: Path | None = None
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store {self.root} is a file, not a folder (--db takes a folder)")
        self._check_schema()

    # -- schema ----------------------------------------------------------------------------

    def _check_schema(self) -> None:
        schema = read_schema(self.root)
        self.schema = schema or SCHEMA_VERSION
        if schema == SCHEMA_VERSION:
            return
        if schema in (2, 3) and self.readonly:
            # Read as it is (a colleague's store to merge, a copy): schema 2 differs only in names,
            # schema 3 only in having no journals.
            return
        if schema is not None and schema > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.root} was written by a newer chipread (schema {schema}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade chipread"
            )
        if schema is None and not migrate.needs_migration(self.root):
            self._refuse_foreign()
            if self.readonly:
                return
            try:
                _make_root(self.root)
            except OSError as exc:
                self.unwritable = f"cannot write to {self.root} ({exc.strerror or exc})"
                return
        elif self.readonly:
            raise StoreError(
                f"store {self.root} has schema {schema or 1} and must be upgraded; open it once for writing"
            )
        # Creating or upgrading happens once, under the store's own lock: two first opens at the same
        # moment must not both migrate (the second waits, then finds the work done).
        lock = WriterLock(self.root)
        try:
            lock.acquire(wait=True)
        except OSError as exc:
            self.unwritable = f"cannot write to {self.root} ({exc.strerror or exc})"
            return
        try:
            schema = read_schema(self.root)
            if schema == SCHEMA_VERSION:
                return
            if schema is None and not migrate.needs_migration(self.root):
                self._refuse_foreign()
            else:
                self.backup = migrate.migrate(self.root, schema or 1, SCHEMA_VERSION)
            self._write_marker()
            self.schema = SCHEMA_VERSION
        finally:
            lock.release()

    def _refuse_foreign(self) -> None:
        if self.root.is_dir() and any(
            not p.name.startswith(".") and not p.name.startswith("README") for p in self.root.iterdir()
        ):
            # Never write into, or "repair", a folder that holds something else.
            raise StoreError(
                f"{self.root} is not a chipread store (it has no {MARKER} and is not empty); choose another --db"
            )

    def _write_marker(self) -> None:
        write_marker(self.root, SCHEMA_VERSION)

    # -- locking ---------------------------------------------------------------------------

    def claim(self, annotator: str) -> bool:
        """Take the writer lock for `annotator`; False if another process has it."""
        check_annotator(annotator)
        if self.readonly:
            return False
        lock = self._locks.get(annotator) or WriterLock(self.folder(annotator))
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

    def folder(self, annotator: str) -> Path:
        """The annotator's folder; a link or a file in its place is refused by name."""
        folder = self.root / annotator
        check_folder(folder, f"{annotator}'s annotations folder")
        return folder

    def annotators(self) -> list[str]:
        if not self.root.is_dir():
            return []
        # Links with an annotator's name are listed too: opening them gives the one-line refusal.
        return sorted(
            p.name for p in self.root.iterdir() if is_annotator_folder(p.name) and (p.is_symlink() or p.is_dir())
        )

    def file_paths(self, annotator: str) -> list[Path]:
        folder = self.root / annotator
        return [folder / entry.name for entry in self.file_entries(annotator)]

    def file_entries(self, annotator: str) -> list[os.DirEntry]:
        """The annotator's article files as directory entries, by name (entry.stat() is one call each).

        "_" names are an annotator's other files (their actor registry), never an article's. A plain
        scandir: glob and Path comparisons cost ten times more on a 10,000-file folder."""
        folder = self.root / annotator
        if not self.root.is_dir() or not check_folder(folder, f"{annotator}'s annotations folder"):
            return []
        with os.scandir(folder) as found:
            entries = [e for e in found if e.name.endswith(".json") and not e.name.startswith((".", "_"))]
        return sorted(entries, key=lambda e: e.name)

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
            folder = self.folder(annotator)
            name = schema2_file_name(article_id) if self.schema == 2 else file_name(article_id)
            cached = ArticleFile(folder / name, readonly=not writable)
            self._files[key] = cached
        return cached

    def release(self, article_id: str, annotator: str) -> None:
        """Drop a file from the cache of open files (an import writes each once: holding them all would grow)."""
        file = self._files.pop((article_id, annotator), None)
        if file is not None:
            file.close()

    def load(self, article_id: str, annotator: str) -> Annotations:
        return self.article_file(article_id, annotator).annotations(article_id, annotator)

    def iter_files(
        self, annotator: str | None = None, *, damaged: list[StoreError] | None = None
    ) -> Iterator[tuple[str, dict[str, Any], Annotations]]:
        """(annotator, meta, annotations) for every stored article file; read-only, streamed.

        A file that cannot be read raises its one-line error, or with `damaged` given is added to it
        and passed over (the annotator opens the rest).
        """
        for name in [annotator] if annotator else self.annotators():
            for path in self.file_paths(name):
                # Plain parsing, no TinyDB instance per file: listing 100,000 spans stays fast.
                try:
                    tables = load_tables(path)
                    meta = meta_from_tables(tables, path)
                    article_id = meta.get("article_id")
                    if not article_id:
                        continue  # a file with no record left says nothing about any article
                    found = annotations_from_tables(tables, article_id, name, path)
                except StoreError as exc:
                    if damaged is None:
                        raise
                    damaged.append(exc)
                    continue
                yield name, meta, found

    def article_meta(self, path: Path) -> dict[str, Any]:
        """The meta record of one stored article file (who, which article, its path and handle then)."""
        return meta_from_tables(load_tables(path), path)

    # -- the texts work was made on --------------------------------------------------------------

    def keep_text(self, text: str) -> str:
        """Keep `text` in the store once (content-addressed, durable) before work made on it is written.

        Returns its hash. Spans are offsets into a text: with the text kept, an article whose text
        changes later (an edited file, an upgrade that cleans differently) still has the exact text
        its work was made on, to carry the work over exactly and to export it against.
        """
        digest = text_hash(text)
        if digest in self._kept:
            return digest
        if self.readonly:
            raise StoreReadOnly(f"store {self.root} is open read-only")
        folder = self.root / TEXTS
        make_folder(folder, "the annotated texts")
        if self.text(digest) != text:
            atomic_write(folder / f"{digest}.txt", text.encode("utf-8"))
        self._kept.add(digest)
        return digest

    def text(self, digest: str) -> str | None:
        """The kept text with this hash; None if it was never kept (or its file does not hold it)."""
        if not digest or not self.root.is_dir() or not check_folder(self.root / TEXTS, "the annotated texts"):
            return None
        try:
            data = read_bytes(self.root / TEXTS / f"{digest}.txt", "an annotated text")
            text = data.decode("utf-8") if data is not None else None
        except (StoreError, OSError, UnicodeDecodeError):
            return None  # `chipread doctor` reports a damaged one; the work falls back to searching
        return text if text is not None and text_hash(text) == digest else None

    # -- imported articles -------------------------------------------------------------------

    def save_imported_article(self, article: Article) -> None:
        if self.readonly:
            raise StoreReadOnly(f"store {self.root} is open read-only")
        folder = self.root / IMPORTED
        make_folder(folder, "the imported articles")
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

    def imported_articles(self, *, damaged: list[StoreError] | None = None) -> list[Article]:
        """The articles imports brought; a file that cannot be read raises, or with `damaged` is added to it."""
        folder = self.root / IMPORTED
        if not self.root.is_dir() or not check_folder(folder, "the imported articles"):
            return []
        articles = []
        for path in sorted(folder.glob("*.json")):
            try:
                d = json.loads(read_bytes(path, "an imported article") or b"")
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
            except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, StoreError) as exc:
                error = (
                    exc if isinstance(exc, StoreError) else StoreCorrupt(path, f"imported article unreadable: {exc}")
                )
                if damaged is None:
                    raise error from None
                damaged.append(error)
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

"""The Corpus: article infos in handle order, full articles on demand, refs resolved, parses cached."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from chipread.corpus import cache as cache_module
from chipread.corpus import clean, decode, folder, jsonl
from chipread.corpus.cache import Cache, Row
from chipread.corpus.parse import Parsed, parse_file
from chipread.corpus.pool import parallel_map
from chipread.corpus.sanitize import clean_line
from chipread.errors import ArticleNotFound, CorpusError
from chipread.model import Article, ArticleInfo, Removed, Skipped

_WRITE_BATCH = 500
_AMBIGUOUS_SHOWN = 5


def version_stamp() -> str:
    """What a cached parse depends on besides the file: the rules and the size limit (read at call time)."""
    return f"{clean.CLEANER_VERSION}:{decode.MAX_BYTES}"


@dataclass(slots=True)
class _Entry:
    info: ArticleInfo
    rel: str  # path relative to the root ("" for a JSONL file)
    line: int  # JSONL line number, 0 for files
    offset: int  # JSONL byte offset
    size: int  # of the file when it was opened
    mtime_ns: int
    fmt: str


class Corpus:
    """A folder of article files or a JSONL file, opened. Iterating gives ArticleInfo in handle order."""

    def __init__(
        self, root: Path, entries: list[_Entry], skipped: list[Skipped], warnings: list[str], cache: Cache | None
    ) -> None:
        self.root = root
        self.skipped = skipped
        self.warnings = warnings
        self._entries = entries
        self._by_id = {e.info.id: e for e in entries}
        self._by_handle = {e.info.handle: e for e in entries}
        self._cache = cache
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[ArticleInfo]:
        return (e.info for e in self._entries)

    def __repr__(self) -> str:
        return f"<Corpus {self.root} ({len(self)} articles, {len(self.skipped)} skipped)>"

    def info(self, article_id: str) -> ArticleInfo:
        return self._entry(article_id).info

    def get(self, article_id: str) -> Article:
        """The full article, from the cache or parsed again; ArticleNotFound if there is none (any more)."""
        entry = self._entry(article_id)
        with self._lock:
            return self._load(entry)

    def resolve(self, ref: str) -> ArticleInfo:
        """Exact id, exact handle, file path, then a unique prefix of a handle or an id."""
        ref = ref.strip()
        shown = clean_line(ref)[:80]
        if not ref:
            raise ArticleNotFound("empty article reference")
        for table in (self._by_id, self._by_handle):
            if ref in table:
                return table[ref].info
        for entry in self._entries:
            if ref in (entry.info.path, entry.rel) and entry.rel:
                return entry.info
        matches = [e for e in self._entries if e.info.handle.startswith(ref) or e.info.id.startswith(ref)]
        if not matches:
            folded = ref.casefold()
            matches = [e for e in self._entries if e.info.handle.casefold().startswith(folded)]
        if len(matches) == 1:
            return matches[0].info
        if not matches:
            raise ArticleNotFound(f"no article matches '{shown}' (not an id, a handle or the start of one)")
        names = ", ".join(e.info.handle for e in matches[:_AMBIGUOUS_SHOWN])
        more = f", and {len(matches) - _AMBIGUOUS_SHOWN} more" if len(matches) > _AMBIGUOUS_SHOWN else ""
        raise ArticleNotFound(f"'{shown}' is ambiguous: it matches {len(matches)} articles: {names}{more}")

    def articles(self) -> Iterator[Article]:
        """Every article in handle order, loaded one at a time (never all held at once)."""
        for entry in self._entries:
            try:
                yield self.get(entry.info.id)
            except ArticleNotFound as exc:
                self.warnings.append(str(exc))

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loading one article ---------------------------------------------------------------------

    def _entry(self, article_id: str) -> _Entry:
        entry = self._by_id.get(article_id)
        if entry is None:
            raise ArticleNotFound(f"no article with id '{clean_line(str(article_id))[:80]}' in {self.root}")
        return entry

    def _load(self, entry: _Entry) -> Article:
        path = self.root if entry.line else self.root / entry.rel
        try:
            stat = os.stat(path)
        except OSError:
            raise ArticleNotFound(f"{entry.info.handle}: {path} is gone; reopen the corpus") from None
        unchanged = stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns
        cached = self._cache.text(entry.rel, entry.line) if unchanged and self._cache else None
        if cached is not None:
            text, url, removed = cached
            return _article(
                entry.info, text, url, self._raw(entry, path, stat.st_size), removed, self._warnings_of(entry)
            )
        parsed = self._parse_again(entry, path)
        if parsed.status != "ok" or parsed.id != entry.info.id:
            raise ArticleNotFound(f"{entry.info.handle}: {path} changed since the corpus was opened; reopen the corpus")
        return _article(
            entry.info, parsed.text, parsed.url, parsed.raw, [[r.kind, r.text] for r in parsed.removed], parsed.warnings
        )

    def _raw(self, entry: _Entry, path: Path, size: int) -> str:
        """The page as read, for an article whose cleaned text came from the cache (no cleaning)."""
        try:
            if entry.line:
                return jsonl.record_text(jsonl.read_line(path, entry.offset))
            return decode.read_text(path, size, fmt=entry.fmt)[0]
        except (OSError, decode.Unreadable):
            return ""

    def _parse_again(self, entry: _Entry, path: Path) -> Parsed:
        if entry.line:
            try:
                data = jsonl.read_line(path, entry.offset)
            except OSError as exc:
                raise ArticleNotFound(f"{entry.info.handle}: cannot read {path} ({exc.strerror})") from None
            return jsonl.parse_line((path.stem, entry.line, entry.offset, data, True))
        return parse_file((str(self.root), entry.rel, entry.fmt, entry.size, True))

    def _warnings_of(self, entry: _Entry) -> tuple[str, ...]:
        prefix = f"{entry.rel}: " if not entry.line else f"line {entry.line}: "
        return tuple(w[len(prefix) :] if not entry.line else w for w in self.warnings if w.startswith(prefix))


def _article(
    info: ArticleInfo, text: str, url: str | None, raw: str, removed: list, warnings: tuple[str, ...]
) -> Article:
    return Article(
        id=info.id,
        handle=info.handle,
        path=info.path,
        title=info.title,
        text=text,
        source=info.source,
        published=info.published,
        url=url,
        raw=raw,
        removed=tuple(Removed(kind, piece) for kind, piece in removed),
        warnings=tuple(warnings),
    )


# -- opening ---------------------------------------------------------------------------------------


def open_corpus(path: Path, *, cache_dir: Path | None = None, use_cache: bool = True) -> Corpus:
    """Open a folder of .txt/.md/.html articles (recursively) or a .jsonl file; CorpusError if it cannot be."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    root = path.absolute()
    if not root.is_dir() and root.suffix.lower() != ".jsonl":
        raise CorpusError(f"{path} is not a corpus: expected a folder of .txt, .md or .html files, or a .jsonl file")
    cache = None
    if use_cache:
        cache = Cache.open(Path(cache_dir) if cache_dir is not None else cache_module.default_cache_dir(), root)
    try:
        return _open_folder(root, cache) if root.is_dir() else _open_jsonl(root, cache)
    except BaseException:
        if cache is not None:
            cache.close()
        raise


def _open_folder(root: Path, cache: Cache | None) -> Corpus:
    files, skipped, warnings = folder.scan(root)
    stamp = version_stamp()
    cached = cache.rows() if cache else {}
    rows: dict[str, Row] = {}
    todo = []
    for f in files:
        if f.size > decode.MAX_BYTES:
            reason = f"too large ({f.size / 1_048_576:.1f} MB; the limit is {decode.limit_text()})"
            rows[f.rel] = _skip_row(f.rel, 0, f.size, f.mtime_ns, stamp, reason)
            continue
        row = cached.get((cache_module.key(f.rel), 0))
        if row and row.size == f.size and row.mtime_ns == f.mtime_ns and row.version == stamp:
            rows[f.rel] = row
        else:
            todo.append(f)
    by_rel = {f.rel: f for f in files}
    stored = {cache_module.key(rel) for rel in by_rel}
    stale = [k for k in cached if k[0] not in stored or k[1] != 0]
    if cache and stale:
        cache.write((), (), stale)
    tasks = [(str(root), f.rel, f.fmt, f.size, False) for f in todo]
    for parsed, row in _parse(parse_file, tasks, [(f.size, f.mtime_ns) for f in todo], cache, stamp):
        rows[parsed.rel] = row
    handles = folder.handles([f.rel for f in files])
    entries = []
    for rel in rows:
        f = by_rel[rel]
        entries.append((handles[rel], rows[rel], f))
    base = str(root) + os.sep
    if os.sep == "/":
        return _assemble(root, entries, skipped, warnings, cache, lambda rel, line: base + rel)
    return _assemble(root, entries, skipped, warnings, cache, lambda rel, line: base + rel.replace("/", os.sep))


def _open_jsonl(root: Path, cache: Cache | None) -> Corpus:
    try:
        stat = root.stat()
    except OSError as exc:
        raise CorpusError(f"cannot read {root}: {exc.strerror}") from None
    stamp = version_stamp()
    cached = cache.rows() if cache else {}
    rows = [r for r in cached.values() if r.rel == ""]
    fresh = rows and all(r.size == stat.st_size and r.mtime_ns == stat.st_mtime_ns and r.version == stamp for r in rows)
    if not fresh:
        if cache and cached:
            cache.clear("")
        tasks = jsonl.read_tasks(root)
        results: list[Parsed] = []
        rows = []
        stats = [(stat.st_size, stat.st_mtime_ns)] * len(tasks)
        for parsed, row in _parse(jsonl.parse_line, tasks, stats, None, stamp):
            results.append(parsed)
            rows.append(row)
        error = jsonl.whole_file_error(root, results)
        if error:
            raise error
        if cache:
            for start in range(0, len(rows), _WRITE_BATCH):
                chunk = results[start : start + _WRITE_BATCH]
                cache.write(
                    rows[start : start + _WRITE_BATCH],
                    [(p.rel, p.line, p.text, p.url, p.removed_json or "[]") for p in chunk if p.status == "ok"],
                )
    entries = [(row.handle or f"{root.stem}-{row.line}", row, None) for row in rows]
    return _assemble(root, entries, [], [], cache, lambda rel, line: f"{root}:{line}", stat)


def _parse(
    fn, tasks: list, stats: list[tuple[int, int]], cache: Cache | None, stamp: str
) -> Iterator[tuple[Parsed, Row]]:
    """Parse in a pool; each result becomes a Row, written to the cache in batches as it arrives."""
    docs: list[Row] = []
    texts: list[tuple] = []
    for parsed, (size, mtime_ns) in zip(parallel_map(fn, tasks), stats):
        row = _row(parsed, size, mtime_ns, stamp)
        yield parsed, row
        if cache is not None:
            docs.append(row)
            if parsed.status == "ok":
                texts.append((parsed.rel, parsed.line, parsed.text, parsed.url, parsed.removed_json or "[]"))
            if len(docs) >= _WRITE_BATCH:
                cache.write(docs, texts)
                docs, texts = [], []
    if cache is not None and docs:
        cache.write(docs, texts)


def _row(p: Parsed, size: int, mtime_ns: int, stamp: str) -> Row:
    return Row(
        p.rel,
        p.line,
        size,
        mtime_ns,
        stamp,
        p.offset,
        p.status,
        p.id,
        p.digest,
        p.handle,
        p.title,
        p.source,
        p.published.isoformat() if p.published else None,
        len(p.text) if p.status == "ok" else None,
        p.reason,
        json.dumps(list(p.warnings)) if p.warnings else None,
    )


def _skip_row(rel: str, line: int, size: int, mtime_ns: int, stamp: str, reason: str) -> Row:
    return Row(rel, line, size, mtime_ns, stamp, 0, "skip", None, None, None, None, None, None, None, reason, None)


def _assemble(
    root: Path,
    items: list[tuple[str, Row, folder.FileEntry | None]],
    skipped: list[Skipped],
    warnings: list[str],
    cache: Cache | None,
    path_of,
    jsonl_stat: os.stat_result | None = None,
) -> Corpus:
    """Rows to entries in handle order; skips, duplicates and warnings each reported once."""
    items.sort(key=lambda item: folder.sort_key(item[0]))
    entries: list[_Entry] = []
    same_text: dict[str, str] = {}  # text hash -> handle of the article kept
    same_id: dict[str, str] = {}
    for handle, row, f in items:
        rel = f.rel if f else ""  # the row's rel may be the cache's storable form of the name
        where = path_of(rel, row.line)
        for warning in json.loads(row.warnings) if row.warnings else ():
            warnings.append(warning if row.line else f"{rel}: {warning}")
        if row.status != "ok" or not row.id:
            skipped.append(Skipped(where, row.reason or "could not be read"))
            continue
        digest = row.digest or row.id
        if digest in same_text:
            skipped.append(Skipped(where, f"duplicate of {same_text[digest]}"))
            continue
        if row.id in same_id:
            skipped.append(Skipped(where, f"duplicate id '{clean_line(row.id)[:40]}' (also {same_id[row.id]})"))
            continue
        same_text[digest] = handle
        same_id[row.id] = handle
        info = ArticleInfo(
            id=row.id,
            handle=handle,
            path=where,
            title=row.title or handle,
            source=row.source,
            published=date.fromisoformat(row.published) if row.published else None,
            chars=row.chars or 0,
            text_hash=digest,
        )
        size, mtime = (f.size, f.mtime_ns) if f else (jsonl_stat.st_size, jsonl_stat.st_mtime_ns)  # type: ignore[union-attr]
        entries.append(_Entry(info, rel, row.line, row.offset, size, mtime, f.fmt if f else "txt"))
    _unique_handles(entries)
    return Corpus(root, entries, skipped, warnings, cache)


def _unique_handles(entries: list[_Entry]) -> None:
    # JSONL ids chosen by people can collide with another record's "<stem>-<line>" handle.
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        handle = entry.info.handle
        if handle in seen:
            seen[handle] += 1
            new = f"{handle}~{seen[handle]}"
            info = entry.info
            entries[i] = _Entry(
                replace(info, handle=new),
                entry.rel,
                entry.line,
                entry.offset,
                entry.size,
                entry.mtime_ns,
                entry.fmt,
            )
        else:
            seen[handle] = 1

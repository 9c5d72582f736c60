"""A TinyDB Storage whose write appends the changed records to a journal, durably, and compacts it atomically."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from chipread.errors import StoreCorrupt, StoreError, StoreReadOnly
from chipread.store.atomic import atomic_write
from chipread.store.file_journal import (
    TOKEN_TABLE,
    Delta,
    Replayed,
    Tables,
    apply,
    change_line,
    header,
    holds_a_line,
    journal_path,
    replay,
)
from chipread.store.paths import fsync_dir, make_folder, open_file, read_bytes

__all__ = [
    "COMPACT_AT",
    "DurableStorage",
    "Tables",
    "dump_tables",
    "load_state",
    "load_tables",
    "read_base",
    "token_of",
]

# The journal is folded into its base once it passes this many bytes, or a quarter of the base if
# that is more: a rewrite of B bytes then comes at most once per B/4 bytes appended, so a write
# costs at most about five times its own line in bytes written, for a file of any size, and a
# reader replays at most a quarter more than the base. 64 KB is about fifty tags on a small file.
COMPACT_AT = 64 * 1024


def _sync(fd: int) -> None:
    """The data and the new size on disk; the rest of the inode (times) can wait."""
    getattr(os, "fdatasync", os.fsync)(fd)


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# table name -> record key -> (record object, its encoded line)
LineCache = dict[str, dict[str, tuple[Any, str]]]


def dump_tables(data: Tables, cache: LineCache | None = None, *, token: str | None = None) -> bytes:
    """JSON with one record per line, so a damaged file can still be salvaged line by line.

    `token` is the generation a journal may extend (DurableStorage's compaction only): any other
    writer writes a base with none, so no leftover journal is ever replayed onto it.

    `cache` keeps each record's encoded line beside the record object: a record that is the
    very same object as last time is not encoded again, which keeps a write's cost to what
    changed. This relies on records being replaced, never mutated in place (ReplaceOnlyTable).
    """
    cache = {} if cache is None else cache
    for stale in set(cache) - set(data):
        del cache[stale]
    tables = []
    for name, rows in data.items():
        if name == TOKEN_TABLE:
            continue
        lines = cache.setdefault(name, {})
        out = []
        for key, record in rows.items():
            hit = lines.get(key)
            if hit is None or hit[0] is not record:
                hit = lines[key] = (record, f"{_encode(str(key))}: {_encode(record)}")
            out.append(hit[1])
        if len(lines) > len(rows):
            for gone in set(lines) - set(rows):
                del lines[gone]
        body = ",\n".join(out)
        tables.append(f"{_encode(name)}: {{\n{body}\n}}" if out else f"{_encode(name)}: {{\n}}")
    if token:
        tables.append(f"{_encode(TOKEN_TABLE)}: {{\n{_encode('1')}: {_encode({'base': token})}\n}}")
    return ("{\n" + ",\n".join(tables) + "\n}\n").encode("utf-8")


def _parse(path: Path, raw: bytes) -> Tables:
    if not raw.strip():
        raise StoreCorrupt(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(path, f"not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise StoreCorrupt(path, f"not valid JSON at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise StoreCorrupt(path, "not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt(path, "not a TinyDB database (expected an object of tables)")
    return data


Version = tuple[int, int, int, int, int]


def _key(st: os.stat_result) -> Version:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _lstat(path: Path) -> Version | None:
    try:
        return _key(os.lstat(path))
    except OSError:
        return None


def _read_fd(fd: int) -> bytes:
    with os.fdopen(os.dup(fd), "rb") as handle:
        return handle.read()


@dataclass
class Loaded:
    """A store file as it is on disk: its base with its journal replayed."""

    tables: Tables | None  # None: there is no file
    token: str | None  # the base's generation token (None: written by someone else, or no base)
    journal: Replayed
    base: Version | None  # what was read, to tell later whether the file changed
    journal_version: Version | None
    base_size: int


def load_state(path: Path) -> Loaded:
    """Read the base and its journal as one consistent pair (a compaction may replace both meanwhile).

    The base stays open while the journal is read, then the name is checked to still be that very
    file: if a compaction renamed a new base in between, the pair might not match, so it is read again.
    """
    journal = journal_path(path)
    try:
        for _ in range(100):
            try:
                fd = open_file(path, os.O_RDONLY)
            except FileNotFoundError:
                fd = None
            try:
                base = _key(os.fstat(fd)) if fd is not None else None
                raw = _read_fd(fd) if fd is not None else None
                try:
                    jfd = open_file(journal, os.O_RDONLY, expected="a store file's journal")
                except FileNotFoundError:
                    jversion, jraw = None, None
                else:
                    try:
                        jversion = _key(os.fstat(jfd))  # before reading: growth after it shows as a change
                        jraw = _read_fd(jfd)
                    finally:
                        os.close(jfd)
                if _lstat(path) == base:
                    break
            finally:
                if fd is not None:
                    os.close(fd)
        else:
            raise StoreError(f"the store file {path} kept changing while it was read; try again")
    except OSError as exc:
        raise StoreError(f"cannot read the store file {path}: {exc.strerror or exc}") from None
    if raw is None:
        return Loaded(None, None, Replayed("stale" if jraw is not None else "none"), None, jversion, 0)
    tables = _parse(path, raw)
    token = token_of(tables.pop(TOKEN_TABLE, None))
    replayed = replay(tables, jraw, token, journal)
    return Loaded(tables, token, replayed, base, jversion, len(raw))


def read_base(path: Path) -> tuple[Tables | None, str | None]:
    """The base alone (no journal replayed) and its generation token: for salvaging by hand (doctor)."""
    raw = read_bytes(path)
    if raw is None:
        return None, None
    tables = _parse(path, raw)
    return tables, token_of(tables.pop(TOKEN_TABLE, None))


def token_of(table: dict[str, Any] | None) -> str | None:
    """The token in a base's token table (None: none usable)."""
    record = next(iter(table.values()), None) if table else None
    token = record.get("base") if isinstance(record, dict) else None
    return token if isinstance(token, str) and token else None


def load_tables(path: Path) -> Tables | None:
    """A store file's tables: its base with its journal replayed. Every reader reads through this.

    None if it does not exist; StoreCorrupt (naming it, or its journal and the line) if it does not
    parse. A link in its place is refused (paths.open_file), a folder or a device is reported as damage.
    The base's generation token is not among the tables: a caller that writes them back writes a
    base of its own, which no leftover journal can extend.
    """
    return load_state(path).tables


def _diff(saved: Tables, data: Tables) -> tuple[Delta, list[str]]:
    """The records of `data` that are not those of `saved` (None: removed), and the tables gone.

    Records are replaced, never changed in place (ReplaceOnlyTable), so the same object is the
    same record: comparing costs a pointer per record, and values only for the changed ones.
    """
    delta: Delta = {}
    for name, rows in data.items():
        old = saved.get(name)
        if old is None:
            delta[name] = dict(rows)
            continue
        changed = {k: r for k, r in rows.items() if (p := old.get(k, _MISSING)) is not r and p != r}
        if len(old) + len(changed) != len(rows):
            changed.update((k, None) for k in old.keys() - rows.keys())
        if changed:
            delta[name] = changed
    return delta, [name for name in saved if name not in data]


_MISSING = object()


class DurableStorage(Storage):
    """Each write is on disk (fsync'd) before it returns, and costs what changed.

    A write appends one line of the changed records to the file's journal (file_journal); inside
    `batch()`, TinyDB's several table writes become one line, so one user action is one atomic
    change. When the journal outgrows COMPACT_AT or a quarter of the base, and on close, the base is
    rewritten whole (atomically, with a new generation token) and the journal removed: the bytes
    written per change stay at most about five times the change, whatever the size of the file.

    Reads come from memory after the first load: this process holds the writer lock, so the
    file cannot change under it. Read-only, another process may be writing: one stat of the base
    and one of the journal tell whether what memory holds is still what is on disk.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self.readonly = readonly
        self._data: Tables | None = None
        self._loaded = False
        self._batching = 0
        self._dirty = False
        self._lines: LineCache = {}
        self._saved: Tables = {}  # the records on disk (base + journal), table by table
        self._token: str | None = None  # the base's generation token; None: the next write rewrites the base
        self._base_size = 0
        self._journal_size = 0  # bytes of whole lines in the journal: where the next one goes
        self._fd: int | None = None  # the journal, open for appending
        self._base_id: tuple[int, int] | None = None  # (device, inode) of the base this process wrote or read
        self._version: tuple[Version | None, Version | None] | None = None  # base and journal as last read

    def read(self) -> Tables | None:
        if self._loaded and self.readonly and self._version != (_lstat(self.path), _lstat(self.journal)):
            # Read-only means another process may hold the lock and write: a write appends to the
            # journal (its size changes) or renames a new base (a new inode).
            self.forget()
        if not self._loaded:
            self._load()
        return self._data

    def _load(self) -> None:
        loaded = load_state(self.path)
        self._data = loaded.tables
        self._saved = {name: dict(rows) for name, rows in (loaded.tables or {}).items()}
        self._token = loaded.token
        self._base_size = loaded.base_size
        self._base_id = loaded.base[:2] if loaded.base else None
        self._journal_size = loaded.journal.valid
        self._version = (loaded.base, loaded.journal_version)
        self._loaded = True
        if loaded.journal.state == "stale" and not self.readonly:
            # Not this base's journal: its changes are in the base already, or the base was replaced on
            # purpose (a merge, a repair, a checkout). Never replayed; removed by the writer (the lock holder).
            self._remove_journal()

    def write(self, data: Tables) -> None:
        if self.readonly:
            raise StoreReadOnly(f"{self.path} is open read-only")
        self._data = data
        self._loaded = True
        if self._batching:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        data = self._data or {}
        try:
            make_folder(self.path.parent)
            if self._token is None:
                self._compact(data)  # no base of ours to extend: write one
                return
            delta, dropped = _diff(self._saved, data)
            if not delta and not dropped:
                return
            line = change_line(delta, dropped)
            if self._journal_size + len(line) > max(COMPACT_AT, self._base_size // 4):
                self._compact(data)
            else:
                self._append(line)
                apply(self._saved, {"t": delta, "drop": dropped})
        except OSError as exc:
            # The file on disk is the truth: drop what TinyDB changed in memory.
            self.forget()
            raise StoreError(f"could not save {self.path}: {exc.strerror or exc}; the change was not made") from exc
        except BaseException:
            self.forget()
            raise

    def _compact(self, data: Tables) -> None:
        """Rewrite the base whole, under a new token, then remove the journal it now holds."""
        token = secrets.token_hex(8)
        body = dump_tables(data, self._lines, token=token)
        atomic_write(self.path, body)
        # From the rename on, the old journal is stale (another token): removing it is tidying only.
        self._token = token
        self._base_size = len(body)
        written = _lstat(self.path)
        self._base_id = written[:2] if written else None
        self._saved = {name: dict(rows) for name, rows in data.items()}
        self._remove_journal()

    def _remove_journal(self) -> None:
        self._close_journal()
        self._journal_size = 0
        try:
            os.unlink(self.journal)
        except FileNotFoundError:
            pass
        except OSError:
            pass  # left behind, it is stale all the same: never replayed, removed by the next writer

    def _append(self, line: bytes) -> None:
        if self._fd is None:
            self._open_journal()
        assert self._fd is not None
        fd, start = self._fd, self._journal_size
        base, journal = _lstat(self.path), os.fstat(fd)
        if journal.st_nlink == 0 or journal.st_size != start or base is None or base[:2] != self._base_id:
            # Another writer (a second instance, a program ignoring the lock): appending would lose its work or ours.
            raise StoreError(
                f"{self.path} was changed by another writer while chipread had it open; the change was not "
                f"made (open the article again)"
            )
        data = line if start else header(self._token or "") + line
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            _sync(fd)
        except BaseException:
            # Never leave a line that was not acknowledged where the next one would follow it.
            with suppress(OSError):
                os.ftruncate(fd, start)
            raise
        if not start:
            fsync_dir(self.path.parent)  # a new journal's name must survive a crash with its content
        self._journal_size = start + len(data)

    def _open_journal(self) -> None:
        fd = open_file(
            self.journal, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644, "a store file's journal", single_link=True
        )
        size = os.fstat(fd).st_size
        if size < self._journal_size:
            os.close(fd)
            raise StoreError(
                f"{self.journal} was cut short by another program while chipread had it open; the change was not "
                f"made (open the article again)"
            )
        if size > self._journal_size:
            os.lseek(fd, self._journal_size, os.SEEK_SET)
            if holds_a_line(os.read(fd, size - self._journal_size)):
                os.close(fd)
                raise StoreError(
                    f"{self.journal} was written by another writer while chipread had it open; the change was not "
                    f"made (open the article again)"
                )
            os.ftruncate(fd, self._journal_size)  # a last line that never finished: it was never acknowledged
        self._fd = fd

    def _close_journal(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def forget(self) -> None:
        self._close_journal()
        self._data = None
        self._loaded = False
        self._lines.clear()
        self._saved = {}
        self._token = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batching += 1
        try:
            yield
        except BaseException:
            self._batching -= 1
            if not self._batching:
                self._dirty = False
                self.forget()
            raise
        self._batching -= 1
        if not self._batching and self._dirty:
            self._dirty = False
            self._flush()

    def close(self) -> None:
        """Fold the journal into the base, so a closed file is one file again."""
        try:
            if self._loaded and not self.readonly and self._journal_size and not self._batching:
                self._compact(self._data or {})
        except OSError:
            pass  # the journal still holds every change: the next open replays it
        finally:
            self._close_journal()

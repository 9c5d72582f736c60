"""A TinyDB Storage that writes each change durably and atomically, one record per line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from chipread.errors import StoreCorrupt, StoreError, StoreReadOnly
from chipread.store.atomic import atomic_write
from chipread.store.paths import make_folder, read_bytes

Tables = dict[str, dict[str, Any]]


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# table name -> record key -> (record object, its encoded line)
LineCache = dict[str, dict[str, tuple[Any, str]]]


def dump_tables(data: Tables, cache: LineCache | None = None) -> bytes:
    """JSON with one record per line, so a damaged file can still be salvaged line by line.

    `cache` keeps each record's encoded line beside the record object: a record that is the
    very same object as last time is not encoded again, which keeps a write's cost to what
    changed. This relies on records being replaced, never mutated in place (ReplaceOnlyTable).
    """
    cache = {} if cache is None else cache
    for stale in set(cache) - set(data):
        del cache[stale]
    tables = []
    for name, rows in data.items():
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
    return ("{\n" + ",\n".join(tables) + "\n}\n").encode("utf-8")


def load_tables(path: Path) -> Tables | None:
    """Parse a store file; None if it does not exist; StoreCorrupt (naming it) if it does not parse.

    A link in its place is refused (paths.read_bytes), a folder or a device is reported as damage.
    """
    try:
        raw = read_bytes(path)
    except OSError as exc:
        raise StoreError(f"cannot read the store file {path}: {exc.strerror or exc}") from None
    if raw is None:
        return None
    if not raw.strip():
        raise StoreCorrupt(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(path, f"not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise StoreCorrupt(path, f"not valid JSON at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt(path, "not a TinyDB database (expected an object of tables)")
    return data


def _file_version(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class DurableStorage(Storage):
    """Each write is on disk (fsync'd, atomically renamed) before it returns.

    Reads come from memory after the first load: this process holds the writer lock, so the
    file cannot change under it. Inside `batch()`, TinyDB's several table writes become one
    file write, so one user action is one atomic change.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.readonly = readonly
        self._data: Tables | None = None
        self._loaded = False
        self._batching = 0
        self._dirty = False
        self._lines: LineCache = {}
        self._version: tuple[int, int, int, int] | None = None  # (inode, size, mtime, ctime) of the file last read

    def read(self) -> Tables | None:
        if self._loaded and self.readonly and self._version != _file_version(self.path):
            # Read-only means another process may hold the lock and write: every write is a
            # rename (a new inode), so one stat tells whether what memory holds is still the file.
            self.forget()
        if not self._loaded:
            version = _file_version(self.path)
            self._data = load_tables(self.path)
            self._loaded = True
            self._version = version
        return self._data

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
        try:
            make_folder(self.path.parent)
            atomic_write(self.path, dump_tables(self._data or {}, self._lines))
        except OSError as exc:
            # The file on disk is the truth: drop what TinyDB changed in memory.
            self.forget()
            raise StoreError(f"could not save {self.path}: {exc.strerror or exc}; the change was not made") from exc
        except BaseException:
            self.forget()
            raise

    def forget(self) -> None:
        self._data = None
        self._loaded = False
        self._lines.clear()

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
        pass

"""The append-only journal beside one store file: each write one self-checking line of the records it changed.

`<name>.json.journal` extends exactly one base file `<name>.json`. Its first line names the base's
generation token (a random value DurableStorage writes into the base, in the `_journal` table, each
time it rewrites the base whole); every later line holds one write's changed records, per table
key -> record, or null for a record removed. A line is `<crc32 of the payload, 8 hex digits> <payload>`.

- A journal whose token is not its base's is stale: the base was rewritten since (by compaction
  that crashed before removing the journal, by a merge, a repair, a migration, a copy or a
  checkout). It is never replayed; the next writer removes it.
- A bad last line is a write that never finished (a crash mid-append): it was never acknowledged,
  so it is dropped. A bad line with whole lines after it is damage: StoreCorrupt names the journal
  and the line.

Format versioning: a journal holds changes an older chipread would not see (it reads the base only).
Store schema 4 says so: an older chipread refuses the store and every file written by this one
(chipread.store.article_file.SCHEMA_VERSION), rather than silently missing the journal's changes.
Compaction on close leaves no journal in the normal case, but a crash or a copy taken while
chipread runs does, so closing alone could not make this safe.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chipread.errors import StoreCorrupt, StoreError

Tables = dict[str, dict[str, Any]]
# Table -> record key -> the record as it is now, or None when it was removed.
Delta = dict[str, dict[str, Any]]

JOURNAL_SUFFIX = ".journal"
TOKEN_TABLE = "_journal"  # in the base: {"1": {"base": token}}; never handed to TinyDB or to load_tables' callers
FORMAT = 1

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def journal_path(base: Path) -> Path:
    """Where the journal of the store file `base` lives: its name plus `.journal`, never `*.json`."""
    return base.with_name(base.name + JOURNAL_SUFFIX)


def base_of(journal: Path) -> Path:
    """The store file a journal extends (the inverse of journal_path)."""
    return journal.with_name(journal.name[: -len(JOURNAL_SUFFIX)])


def is_journal(name: str) -> bool:
    return name.endswith(JOURNAL_SUFFIX)


def encode_line(payload: dict[str, Any]) -> bytes:
    body = _encode(payload).encode("utf-8")  # JSON escapes every newline inside strings: one line
    return b"%08x %s\n" % (zlib.crc32(body), body)


def header(token: str) -> bytes:
    return encode_line({"journal": FORMAT, "base": token})


def change_line(delta: Delta, dropped: list[str]) -> bytes:
    payload: dict[str, Any] = {"t": delta}
    if dropped:
        payload["drop"] = dropped
    return encode_line(payload)


def _decode(line: bytes) -> dict[str, Any] | None:
    """The payload of a whole line (without its newline), or None if it does not check out."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        payload = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


def holds_a_line(tail: bytes) -> bool:
    """Whether bytes found past the last line this process knows hold a whole line (someone else's write)."""
    return any(_decode(line) is not None for line in tail.split(b"\n")[:-1])


@dataclass
class Replayed:
    """What reading a journal found."""

    state: str = "none"  # "none" (no journal), "stale" (not this base's: ignored), "applied"
    valid: int = 0  # bytes of whole, checked lines (the header included): where the next append goes
    lines: int = 0  # change lines applied
    torn: bool = False  # a last line that never finished was dropped
    skipped: list[int] = field(default_factory=list)  # (lenient replay) line numbers that did not check out


def apply(tables: Tables, payload: dict[str, Any]) -> None:
    """Apply one change line to `tables` in place, as TinyDB left them (a replaced record moves to the end).

    The line is checked whole before anything is applied: ValueError leaves `tables` as they were.
    """
    delta = payload.get("t")
    dropped = payload.get("drop", [])
    if not isinstance(delta, dict) or not isinstance(dropped, list):
        raise ValueError("not a change line")
    for name, rows in delta.items():
        if not isinstance(rows, dict) or not all(r is None or isinstance(r, dict) for r in rows.values()):
            raise ValueError(f"table {name!r} does not hold records")
    for name in dropped:
        tables.pop(name, None)
    for name, rows in delta.items():
        table = tables.setdefault(name, {})
        for key, record in rows.items():
            table.pop(key, None)
            if record is not None:
                table[key] = record


def replay(tables: Tables, raw: bytes | None, token: str | None, path: Path, *, lenient: bool = False) -> Replayed:
    """Apply the journal `raw` (None: there is none) to the base's `tables`, in place.

    Nothing is applied unless its header names `token`, the base's own. Strict (reading): a bad
    line before the last is StoreCorrupt naming `path` and the line. Lenient (doctor's salvage):
    every line that checks out is applied, the others are listed in `skipped`.
    """
    if raw is None:
        return Replayed()
    lines = raw.split(b"\n")
    tail = lines.pop()  # after the last newline: empty, or an append that never finished
    found = Replayed(torn=bool(tail))
    first = _decode(lines[0]) if lines else None
    if first is None or "journal" not in first:
        if len(lines) > 1 and not lenient:
            raise StoreCorrupt(path, "line 1, its header, does not check out")
        found.state = "stale" if lines else "none"  # a header that never finished: nothing was acknowledged
        found.torn = found.torn or bool(lines)
        return found
    if first.get("base") != token or token is None:
        found.state = "stale"
        return found
    if first.get("journal") != FORMAT:
        raise StoreError(f"{path} was written by a newer chipread (journal format {first.get('journal')!r})")
    found.state = "applied"
    found.valid = len(lines[0]) + 1
    for number, line in enumerate(lines[1:], start=2):
        payload = _decode(line)
        try:
            if payload is None:
                raise ValueError("its checksum does not match")
            apply(tables, payload)
        except ValueError as exc:
            if lenient:
                found.skipped.append(number)
                continue
            if number == len(lines) and not tail:
                found.torn = True  # the last line: an append the crash cut short, never acknowledged
                return found
            raise StoreCorrupt(path, f"line {number}: {exc}") from None
        found.valid += len(line) + 1
        found.lines += 1
    return found

"""What importers read, before it touches the store: records, their spans and relations, and line-numbered checks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from chipread.corpus.jsonl import json_type as type_name
from chipread.corpus.sanitize import clean_line, sanitize_keeping
from chipread.errors import ImportFailed, StoreError
from chipread.inputs import InputRefused, limit, open_input, read_limited, too_large
from chipread.model import STATUSES
from chipread.store import check_annotator


@dataclass
class InSpan:
    start: Any
    end: Any
    label: Any
    text: Any = None  # None when the format has no span text (doccano)
    id: Any = None  # None: a stable id is made from the span's article, annotator, offsets and label


@dataclass
class InRelation:
    head: int  # index into Incoming.spans
    child: int
    label: Any
    id: Any = None


@dataclass
class Incoming:
    """One record of an import file: one annotator's annotations of one text (or just an article)."""

    where: str  # "line 7", "task 3: annotation 1": how problems name it
    text: Any
    article_id: Any = None
    meta: dict = field(default_factory=dict)
    annotator: Any = None
    status: Any = None
    spans: list[InSpan] = field(default_factory=list)
    relations: list[InRelation] = field(default_factory=list)
    skip: str | None = None  # a reason to leave it out that is not an error (e.g. Prodigy answer "reject")
    ignored: Counter = field(default_factory=Counter)  # parts chipread has no place for, by kind ("choices")
    # Parts of the record left out with a reason, the rest imported (brat: one per bad .ann line).
    left_out: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # what the format's notes() turns into notes


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def short(value: Any, limit: int = 40) -> str:
    """A value quoted for a one-line message: cut, then repr'd (line breaks show as \\n; spaces count)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# Labels and ids from a file become names in the store, the TUI and every export: printable, one line.
NAME_LIMIT = 64
ID_LIMIT = 512


def _name_problem(value: str, most: int) -> str | None:
    if not value.isprintable():
        return "holds control characters, line breaks or invisible formatting"
    if value != value.strip():
        return "starts or ends with spaces"
    if len(value) > most:
        return f"is longer than {most} characters"
    return None


def _check_id(value: Any, seen: set[str], where: str, kind: str, out: list[str]) -> None:
    """An optional id must be a printable string, unique among the record's spans (or relations)."""
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        out.append(f"{where}: id must be a non-empty string, got {short(value)}")
    elif _name_problem(value, ID_LIMIT):
        out.append(f"{where}: id {short(value)} {_name_problem(value, ID_LIMIT)}")
    elif value in seen:
        out.append(f"{where}: id {short(value)} is used by another {kind} of this record")
    else:
        seen.add(value)


def _check_label(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, str) or not value.strip():
        out.append(f"{where}: label must be a non-empty string, got {short(value)}")
    elif _name_problem(value, NAME_LIMIT):
        out.append(f"{where}: label {short(value)} {_name_problem(value, NAME_LIMIT)}")


def check(rec: Incoming) -> list[str]:
    """Everything wrong with a record, one message per problem ("span 2: text ... does not match ...")."""
    out: list[str] = []
    text = rec.text
    if not isinstance(text, str):
        return [f'"text" must be a string, got {type_name(text)}' if text is not None else 'no "text"']
    if not text.strip():
        return ['"text" is empty']
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit():
        return [f'"text" is {too_large(size)}']
    if rec.article_id is not None:
        if not isinstance(rec.article_id, str) or not rec.article_id.strip():
            out.append(f"article id must be a non-empty string, got {short(rec.article_id)}")
        elif _name_problem(rec.article_id.strip(), ID_LIMIT):
            out.append(f"article id {short(rec.article_id)} {_name_problem(rec.article_id.strip(), ID_LIMIT)}")
    if rec.annotator is not None:
        if not isinstance(rec.annotator, str):
            out.append(f"annotator must be a string, got {type_name(rec.annotator)}")
        else:
            try:
                check_annotator(rec.annotator)
            except StoreError as exc:
                out.append(str(exc))
    if rec.status is not None and rec.status not in STATUSES:
        out.append(f"status {short(rec.status)} is not one of {', '.join(STATUSES)}")
    n = len(text)
    ids: set[str] = set()
    for i, s in enumerate(rec.spans, 1):
        where = f"span {i}"
        if not _int(s.start) or not _int(s.end):
            out.append(f"{where}: start and end must be whole numbers, got {short(s.start)} and {short(s.end)}")
            continue
        if not (0 <= s.start <= n and 0 <= s.end <= n):
            out.append(f"{where}: offsets {s.start}-{s.end} are outside the text (0-{n})")
            continue
        if s.end <= s.start:
            out.append(f"{where}: offsets {s.start}-{s.end} are empty or reversed")
            continue
        _check_label(s.label, where, out)
        piece = text[s.start : s.end]
        if s.text is not None and s.text != piece:
            out.append(f"{where}: text {short(s.text)} does not match offsets {s.start}-{s.end} ({short(piece)})")
        elif not piece.strip():
            out.append(f"{where}: offsets {s.start}-{s.end} cover only whitespace")
        _check_id(s.id, ids, where, "span", out)
    rel_ids: set[str] = set()
    for j, r in enumerate(rec.relations, 1):
        _check_label(r.label, f"relation {j}", out)
        if r.head == r.child:
            out.append(f"relation {j}: a span cannot be attributed to itself")
        _check_id(r.id, rel_ids, f"relation {j}", "relation", out)
    return out


def make_safe(rec: Incoming) -> list[str]:
    """Sanitize a checked record's text as corpus text is (no escape sequences, control or bidi characters,
    one kind of newline), moving its spans to the same characters; the problems if that cannot be exact.

    The record is changed in place: its text, its spans' offsets and texts, its meta strings.
    """
    text = rec.text
    kept = sanitize_keeping(text, [edge for s in rec.spans for edge in (s.start, s.end)])
    if kept is None:
        for i, s in enumerate(rec.spans, 1):
            if sanitize_keeping(text, (s.start, s.end)) is None:
                return [
                    f"span {i}: offsets {s.start}-{s.end} cut through control characters or an escape sequence "
                    f"that is removed from imported text; its offsets cannot be kept exact"
                ]
        return ["the text cannot be cleaned with its span offsets kept exact"]  # (only several edges together)
    clean, moved = kept
    out = []
    for i, s in enumerate(rec.spans, 1):
        s.start, s.end = moved[s.start], moved[s.end]
        piece = clean[s.start : s.end]
        if not piece.strip():
            out.append(f"span {i}: nothing but control characters or escape sequences")
        if s.text is not None:
            s.text = piece
    rec.text = clean
    rec.meta = {k: clean_line(v) if isinstance(v, str) else v for k, v in rec.meta.items() if k != "text"}
    return out


# A record's line may be far longer than its text (an export's tokens are ~10 bytes a character), but
# never unbounded: a line over this many limits is not read into memory.
LINE_LIMITS = 16
# A Label Studio export is one JSON array, parsed whole: held to this many limits.
ARRAY_LIMITS = 50


def _open(path: Path) -> BinaryIO:
    try:
        return open_input(path)
    except InputRefused as exc:
        raise ImportFailed(f"cannot read {path}: {exc}") from None


def _head(handle: BinaryIO, path: Path) -> bytes:
    """The first bytes of an import file, checked: not binary, not empty."""
    try:
        head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in head:
        raise ImportFailed(f"{path} is not a text file (binary data)")
    return head


def read_bytes(path: Path, most: int | None = None) -> bytes:
    """A whole import file (one JSON document), within `most` bytes (default: ARRAY_LIMITS limits)."""
    most = limit() * ARRAY_LIMITS if most is None else most
    try:
        data = read_limited(path, most)
    except InputRefused as exc:
        raise ImportFailed(f"cannot read {path}: {exc}") from None
    if b"\x00" in data[:8192]:
        raise ImportFailed(f"{path} is not a text file (binary data)")
    if not data.strip():
        raise ImportFailed(f"{path} is empty: nothing to import")
    return data


def _lines(handle: BinaryIO, path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of every line, streamed; bytes None for a line over the limit (skipped unread)."""
    most = limit() * LINE_LIMITS
    number = 0
    while True:
        try:
            raw = handle.readline(most + 1)
        except OSError as exc:
            raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
        if not raw:
            return
        number += 1
        if len(raw) > most and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # the rest of the long line, a chunk at a time
                raw = handle.readline(1 << 20)
            yield number, None
            continue
        yield number, raw


def json_lines(path: Path, hint: str) -> Iterator[tuple[int, Any] | Problem]:
    """(line number, parsed object) for every non-blank line, or a Problem naming the line. Streamed."""
    with _open(path) as handle:
        head = _head(handle, path)
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            raise ImportFailed(f"{path} is a JSON array, not JSON lines ({hint})")
        blank = True
        for number, raw in _lines(handle, path):
            where = f"line {number}"
            if raw is None:
                blank = False
                yield Problem(where, f"line {too_large(limit() * LINE_LIMITS + 1, limit() * LINE_LIMITS)}")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            blank = False
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Problem(where, f"not valid UTF-8 (byte {exc.start + 1})")
                continue
            try:
                obj = json.loads(line)
            except RecursionError:
                yield Problem(where, "JSON nested too deeply")
                continue
            except json.JSONDecodeError as exc:
                yield Problem(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield Problem(where, f"expected a JSON object, got {type_name(obj)}")
                continue
            yield number, obj
        if blank:
            raise ImportFailed(f"{path} is empty: nothing to import")


def json_array(path: Path, what: str) -> Iterator[Any]:
    """The items of a file that is one JSON array, parsed one item at a time (never all objects at once)."""
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path} is not valid UTF-8 (byte {exc.start + 1})") from None
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if not text.startswith("[", at):
        # Not an array: one object (a single task) or something else, parsed whole.
        try:
            value = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _not_json(path, text, exc, what) from None
        if isinstance(value, dict):
            yield value
            return
        raise ImportFailed(f"{path}: expected a JSON array of {what} tasks, got {type_name(value)}")
    at = _skip_space(text, at + 1)
    if text.startswith("]", at):
        return
    while True:
        try:
            item, at = decoder.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _not_json(path, text, exc, what) from None
        yield item
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
        elif text.startswith("]", at):
            if text[_skip_space(text, at + 1) :]:
                raise _not_json(path, text, json.JSONDecodeError("Extra data", text, at + 1), what)
            return
        else:
            raise _not_json(path, text, json.JSONDecodeError("Expecting ',' delimiter", text, at), what)


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _not_json(path: Path, text: str, exc: Exception, what: str) -> ImportFailed:
    if isinstance(exc, json.JSONDecodeError):
        return ImportFailed(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); {what} exports are one "
            f"JSON array"
        )
    return ImportFailed(f"{path} is not valid JSON (nested too deeply)")


def line_records(
    path: Path, hint: str, record: Callable[[Any, str], Incoming | Problem]
) -> Iterator[Incoming | Problem]:
    """A JSON-lines file turned into records by `record(obj, where)`, with line problems passed through."""
    for item in json_lines(path, hint):
        if isinstance(item, Problem):
            yield item
            continue
        number, obj = item
        yield record(obj, f"line {number}")

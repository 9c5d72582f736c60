"""What importers read, before it touches the store: records, their spans and relations, and line-numbered checks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chipread.errors import ImportFailed, StoreError
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


def _check_id(value: Any, seen: set[str], where: str, kind: str, out: list[str]) -> None:
    """An optional id must be a non-empty string, unique among the record's spans (or relations)."""
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        out.append(f"{where}: id must be a non-empty string, got {short(value)}")
    elif value in seen:
        out.append(f"{where}: id {short(value)} is used by another {kind} of this record")
    else:
        seen.add(value)


def check(rec: Incoming) -> list[str]:
    """Everything wrong with a record, one message per problem ("span 2: text ... does not match ...")."""
    out: list[str] = []
    text = rec.text
    if not isinstance(text, str):
        return [f'"text" must be a string, got {type_name(text)}' if text is not None else 'no "text"']
    if not text.strip():
        return ['"text" is empty']
    if rec.article_id is not None and (not isinstance(rec.article_id, str) or not rec.article_id.strip()):
        out.append(f"article id must be a non-empty string, got {short(rec.article_id)}")
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
        if not isinstance(s.label, str) or not s.label.strip():
            out.append(f"{where}: label must be a non-empty string, got {short(s.label)}")
        piece = text[s.start : s.end]
        if s.text is not None and s.text != piece:
            out.append(f"{where}: text {short(s.text)} does not match offsets {s.start}-{s.end} ({short(piece)})")
        elif not piece.strip():
            out.append(f"{where}: offsets {s.start}-{s.end} cover only whitespace")
        _check_id(s.id, ids, where, "span", out)
    rel_ids: set[str] = set()
    for j, r in enumerate(rec.relations, 1):
        if not isinstance(r.label, str) or not r.label.strip():
            out.append(f"relation {j}: label must be a non-empty string, got {short(r.label)}")
        if r.head == r.child:
            out.append(f"relation {j}: a span cannot be attributed to itself")
        _check_id(r.id, rel_ids, f"relation {j}", "relation", out)
    return out


def type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def read_bytes(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise ImportFailed(f"cannot read {path}: it is a folder") from None
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise ImportFailed(f"{path} is not a text file (binary data)")
    if not data.strip():
        raise ImportFailed(f"{path} is empty: nothing to import")
    return data


def json_lines(path: Path, hint: str) -> Iterator[tuple[int, Any] | Problem]:
    """(line number, parsed object) for every non-blank line, or a Problem naming the line."""
    data = read_bytes(path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        raise ImportFailed(f"{path} is a JSON array, not JSON lines ({hint})")
    for number, raw in enumerate(data.split(b"\n"), 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        where = f"line {number}"
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

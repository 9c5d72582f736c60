"""A JSON Lines corpus: one article per line (text; optional title, source, published, url, id)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chipread.corpus import decode, metadata
from chipread.corpus.paras import Hints
from chipread.corpus.parse import Parsed, clean_raw, for_cache, skip
from chipread.corpus.sanitize import clean_line
from chipread.errors import CorpusError

_OPTIONAL = ("title", "source", "published", "url")
_LOOKS_HTML = re.compile(r"\s*(?:<!doctype html|<html\b|<body\b|<article\b|<(?:p|div|h1|h2)\b[^>]*>)", re.IGNORECASE)
# Reasons that say the line is not an article record at all (versus an article that cleaned to nothing).
STRUCTURAL = (
    "not valid JSON",
    "expected a JSON object",
    'no "text"',
    "must be",
    "not valid UTF-8",
    "nested too deeply",
)


def read_tasks(path: Path) -> list[tuple[str, int, int, bytes, bool]]:
    """(stem, line number, byte offset, line bytes, keep raw) for every non-blank line; CorpusError if unreadable."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
            if b"\x00" in head:
                raise CorpusError(f"{path}: not a JSON Lines file (binary data)")
            handle.seek(0)
            tasks = []
            offset = 0
            for number, data in enumerate(handle, 1):
                if data.strip():
                    tasks.append((path.stem, number, offset, data, False))
                offset += len(data)
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc.__class__.__name__}") from None
    return tasks


def read_line(path: Path, offset: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.readline()


def record_text(data: bytes) -> str:
    """The "text" of one line as written (an article's raw page), or "" if the line no longer has one."""
    try:
        record = json.loads(data.decode("utf-8").lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return ""
    text = record.get("text") if isinstance(record, dict) else None
    return text if isinstance(text, str) else ""


def parse_line(task: tuple[str, int, int, bytes, bool]) -> Parsed:
    """One JSONL line to a Parsed article or a skip (its reason without the line: the skip's path has it).

    Module level for the process pool."""
    stem, number, offset, data, keep_raw = task

    def bad(reason: str) -> Parsed:
        return skip("", reason, number, offset)

    if len(data) > decode.MAX_BYTES:
        return bad(f"too large ({len(data) / 1_048_576:.1f} MB; the limit is {decode.limit_text()})")
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError:
        return bad("not valid UTF-8")
    try:
        record = json.loads(line.lstrip("\ufeff"))
    except RecursionError:
        return bad("JSON nested too deeply")
    except ValueError as exc:
        detail = f" ({exc.msg} at column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        return bad(f"not valid JSON{detail}")
    if not isinstance(record, dict):
        return bad(f"expected a JSON object, got {json_type(record)}")
    text = record.get("text")
    if text is None:
        return bad('no "text" field')
    if not isinstance(text, str):
        return bad(f'"text" must be a string, got {json_type(text)}')
    for key in _OPTIONAL:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return bad(f'"{key}" must be a string, got {json_type(value)}')
    article_id = record.get("id")
    if article_id is not None:
        if isinstance(article_id, bool) or not isinstance(article_id, (str, int)):
            return bad(f'"id" must be a string or an integer, got {json_type(article_id)}')
        article_id = str(article_id).strip()
        if not article_id:
            return bad('"id" is empty')
    warnings = []
    published = None
    if record.get("published"):
        published = metadata.parse_date_value(record["published"])
        if published is None:
            warnings.append(
                f"line {number}: unreadable published date {clean_line(record['published'])[:40]!r} ignored"
            )
    url = record.get("url") or None
    hints = Hints(
        headline=clean_line(record["title"]) if record.get("title") else None,
        source=metadata.normalize_source(record.get("source")),
        published=published,
        url=url.strip() if url else None,
    )
    fmt = "html" if _LOOKS_HTML.match(text) else "txt"
    handle = _handle(article_id) or f"{stem}-{number}"
    parsed = clean_raw(
        "",
        text,
        fmt,
        line=number,
        offset=offset,
        hints=hints,
        article_id=article_id,
        handle=handle,
        warnings=tuple(warnings),
    )
    return parsed if keep_raw else for_cache(parsed)


def whole_file_error(path: Path, results: list[Parsed]) -> CorpusError | None:
    """A file where no line is an article record at all is not a JSONL corpus: say so in one line."""
    if not results or any(r.status == "ok" for r in results):
        return None
    if all(r.reason and any(mark in r.reason for mark in STRUCTURAL) for r in results):
        return CorpusError(f"{path}: not a JSON Lines corpus of articles (line {results[0].line}: {results[0].reason})")
    return None


def _handle(article_id: str | None) -> str | None:
    # A record's own id is its handle when it is something a person can type.
    if not article_id:
        return None
    handle = clean_line(article_id)
    return handle if 0 < len(handle) <= 64 else None


def json_type(value: object) -> str:
    """What a JSON value is, for an error line ("an object", "a string", "null")."""
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)

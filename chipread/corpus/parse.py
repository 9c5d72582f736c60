"""One article file or JSONL record to a parse result: the unit of work a cold open spreads over processes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chipread.corpus import decode
from chipread.corpus.clean import clean_document
from chipread.corpus.metadata import date_in_name
from chipread.corpus.paras import Hints
from chipread.model import Removed, text_hash


@dataclass(slots=True)
class Parsed:
    """A cleaned article (status "ok") or the one-line reason it was skipped (status "skip")."""

    rel: str
    line: int
    offset: int
    status: str
    reason: str | None = None
    id: str | None = None
    handle: str | None = None  # only JSONL records choose their handle; files get theirs from the folder
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    text: str = ""
    raw: str = ""
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    digest: str | None = None  # text_hash of the text: the id unless a JSONL record chose its own
    removed_json: str | None = None  # removed, encoded in the worker for the cache (a cold open)


def skip(rel: str, reason: str, line: int = 0, offset: int = 0) -> Parsed:
    return Parsed(rel=rel, line=line, offset=offset, status="skip", reason=reason)


def clean_raw(
    rel: str,
    raw: str,
    fmt: str,
    *,
    line: int = 0,
    offset: int = 0,
    hints: Hints | None = None,
    article_id: str | None = None,
    handle: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Parsed:
    """Clean decoded text; never raises, so one odd page cannot stop a corpus from opening."""
    try:
        cleaned = clean_document(raw, fmt=fmt, name=rel, hints=hints)
    except Exception as exc:  # noqa: BLE001 - reported as a skipped file, with its cause
        return skip(rel, f"could not be cleaned ({exc.__class__.__name__}: {exc})", line, offset)
    if not cleaned.text.strip():
        return skip(rel, "no article text left after cleaning", line, offset)
    digest = text_hash(cleaned.text)
    return Parsed(
        rel=rel,
        line=line,
        offset=offset,
        status="ok",
        id=article_id or digest,
        digest=digest,
        handle=handle,
        title=cleaned.title,
        source=cleaned.source,
        # A file of its own (not a JSONL line) whose page states no date: the date its name states, if any.
        published=cleaned.published or (None if line else date_in_name(rel)),
        url=cleaned.url,
        text=cleaned.text,
        raw=raw,
        removed=cleaned.removed,
        warnings=tuple(warnings) + cleaned.warnings,
    )


def parse_file(task: tuple[str, str, str, int, bool]) -> Parsed:
    """(root, relative path, format, size, keep raw) -> Parsed. Module level so a process pool can run it."""
    root, rel, fmt, size, keep_raw = task
    try:
        raw, warnings = decode.read_text(Path(root) / rel, size, fmt=fmt)
    except decode.Unreadable as exc:
        return skip(rel, str(exc))
    parsed = clean_raw(rel, raw, fmt, warnings=tuple(warnings))
    return parsed if keep_raw else for_cache(parsed)


def for_cache(parsed: Parsed) -> Parsed:
    """Slim a result for a cold open: no page, removals pre-encoded (cheaper to send between processes)."""
    parsed.raw = ""
    if parsed.status == "ok":
        parsed.removed_json = json.dumps([[r.kind, r.text] for r in parsed.removed], ensure_ascii=False)
        parsed.removed = ()
    return parsed

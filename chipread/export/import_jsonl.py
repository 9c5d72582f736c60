"""Reading chipread's jsonl (and Prodigy-style tasks) back: spans, relations, annotator and status, ids kept.

Accepted per line: `text` (required), the article id as `id` or `meta.article_id`, `meta`
(title, source, published, url, path, handle: used if the article is new to this store),
`annotator` (else Prodigy's `_annotator_id`), `status`, `spans` (`start`, `end`, `label`, optional `text` checked against
the offsets, optional `id` kept), `relations` (the spans they link found by `head_id`/
`child_id`, else by `head_span`/`child_span` offsets, as Prodigy writes them). Tokens and
hashes are recomputed, not read. Prodigy's `answer: reject|ignore` records are left out
(counted in the notes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chipread.model import DEFAULT_RELATION, STATUSES

from .incoming import Incoming, InRelation, InSpan, Problem, line_records, type_name
from .registry import ImportContext, Importer, register_importer


def _find(spans: list[InSpan], ref_id: Any, side: Any) -> int | None:
    if ref_id is not None:
        for i, s in enumerate(spans):
            if s.id == ref_id:
                return i
        return None
    if isinstance(side, dict):
        matches = [i for i, s in enumerate(spans) if s.start == side.get("start") and s.end == side.get("end")]
        if len(matches) > 1 and side.get("label") is not None:
            matches = [i for i in matches if spans[i].label == side.get("label")]
        return matches[0] if matches else None
    return None


def record(obj: dict, where: str) -> Incoming | Problem:
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    article_id = obj.get("id")
    if not isinstance(article_id, str):
        article_id = meta.get("article_id") if isinstance(meta.get("article_id"), str) else None
    # Prodigy names the annotator `_annotator_id` ("dataset-session"); chipread writes both.
    annotator = obj.get("annotator") if obj.get("annotator") is not None else obj.get("_annotator_id")
    rec = Incoming(where, obj.get("text"), article_id, meta, annotator, obj.get("status"))
    answer = obj.get("answer")
    # Prodigy's rejected or ignored tasks are left out; chipread's own skipped articles (answer
    # "ignore" with their status) come back as they went.
    if answer in ("reject", "ignore") and obj.get("status") not in STATUSES:
        rec.skip = f'Prodigy answer "{answer}"'
        return rec
    spans = obj.get("spans", [])
    if spans is None:
        spans = []
    if not isinstance(spans, list):
        return Problem(where, f'"spans" must be an array, got {type_name(spans)}')
    for i, s in enumerate(spans, 1):
        if not isinstance(s, dict):
            return Problem(where, f"span {i}: expected an object, got {type_name(s)}")
        rec.spans.append(InSpan(s.get("start"), s.get("end"), s.get("label"), s.get("text"), s.get("id")))
    relations = obj.get("relations", [])
    if relations is None:
        relations = []
    if not isinstance(relations, list):
        return Problem(where, f'"relations" must be an array, got {type_name(relations)}')
    for j, r in enumerate(relations, 1):
        if not isinstance(r, dict):
            return Problem(where, f"relation {j}: expected an object, got {type_name(r)}")
        head = _find(rec.spans, r.get("head_id"), r.get("head_span"))
        child = _find(rec.spans, r.get("child_id"), r.get("child_span"))
        if head is None or child is None:
            side = "head" if head is None else "child"
            return Problem(
                where,
                f"relation {j}: its {side} is not one of the record's spans "
                f"(give {side}_id, or {side}_span with the span's start and end)",
            )
        rec.relations.append(InRelation(head, child, r.get("label", DEFAULT_RELATION), r.get("id")))
    return rec


def read(path: Path, ctx: ImportContext | None = None) -> Iterator[Incoming | Problem]:
    return line_records(path, "for Label Studio exports use --format labelstudio", record)


register_importer(Importer("jsonl", "chipread/Prodigy JSON lines", read))

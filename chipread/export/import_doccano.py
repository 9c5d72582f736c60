"""Reading doccano JSONL: sequence labelling (`label`/`labels`: [[start, end, label]]) or relation extraction.

doccano's forms (see chipread.export.doccano): `{"text", "label": [[s, e, label], ...]}` or
`{"text", "entities": [{"id", "label", "start_offset", "end_offset"}], "relations":
[{"from_id", "to_id", "type"}]}`. doccano has no span ids or span text: ids are made
stable (the same file imported twice adds nothing), offsets are checked against the text.
`article_id`, `annotator`, `status` and the article's metadata (title, source, published, url,
path, handle) are read when present (chipread writes them); the text
is `text`, or `data` as doccano 1.x exports name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from chipread.model import DEFAULT_RELATION

from .incoming import Incoming, InRelation, InSpan, Problem, line_records, type_name
from .registry import ImportContext, Importer, register_importer

# The article metadata chipread's doccano export writes as extra keys (used when the article is new here).
META_KEYS = ("title", "source", "published", "url", "path", "handle")


def record(obj: dict, where: str) -> Incoming | Problem:
    article_id = obj.get("article_id") if isinstance(obj.get("article_id"), str) else None
    text = obj.get("text")
    if text is None and isinstance(obj.get("data"), str):
        text = obj["data"]  # doccano 1.x exports call the text "data"
    meta = {key: obj[key] for key in META_KEYS if isinstance(obj.get(key), str)}
    rec = Incoming(where, text, article_id, meta, obj.get("annotator"), obj.get("status"))
    if "entities" in obj:
        entities = obj.get("entities") or []
        if not isinstance(entities, list):
            return Problem(where, f'"entities" must be an array, got {type_name(entities)}')
        index = {}
        for i, e in enumerate(entities, 1):
            if not isinstance(e, dict):
                return Problem(where, f"entity {i}: expected an object, got {type_name(e)}")
            index.setdefault(e.get("id"), len(rec.spans))
            rec.spans.append(InSpan(e.get("start_offset"), e.get("end_offset"), e.get("label")))
        relations = obj.get("relations") or []
        if not isinstance(relations, list):
            return Problem(where, f'"relations" must be an array, got {type_name(relations)}')
        for j, r in enumerate(relations, 1):
            if not isinstance(r, dict):
                return Problem(where, f"relation {j}: expected an object, got {type_name(r)}")
            head, child = index.get(r.get("from_id")), index.get(r.get("to_id"))
            if head is None or child is None:
                missing = r.get("from_id") if head is None else r.get("to_id")
                return Problem(where, f"relation {j}: no entity with id {missing!r}")
            rec.relations.append(InRelation(head, child, r.get("type") or DEFAULT_RELATION))
        return rec
    labels = obj.get("label", obj.get("labels", []))
    if labels is None:
        labels = []
    if not isinstance(labels, list):
        return Problem(where, f'"label" must be an array of [start, end, label], got {type_name(labels)}')
    for i, item in enumerate(labels, 1):
        if not isinstance(item, list) or len(item) != 3:
            return Problem(where, f"label {i}: expected [start, end, label], got {type_name(item)}")
        rec.spans.append(InSpan(item[0], item[1], item[2]))
    return rec


def read(path: Path, ctx: ImportContext | None = None) -> Iterator[Incoming | Problem]:
    return line_records(path, "for Label Studio exports use --format labelstudio", record)


register_importer(Importer("doccano", "doccano JSONL (sequence labelling or relation extraction)", read))

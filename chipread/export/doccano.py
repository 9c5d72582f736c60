"""doccano: JSONL in doccano's sequence-labelling form, or its relation-extraction form when relations can occur.

Forms (doccano's documented import/export formats; doccano/doccano
backend/data_import/tests/data/relation_extraction/example.jsonl and docs/tutorial.md):

- relation extraction: `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
  "relations": [{"id", "from_id", "to_id", "type"}]}`: from_id is the quote or claim, to_id
  the actor. Used when the exported labels can be linked (a head label and an actor label
  are both selected: the default).
- sequence labelling: `{"text", "label": [[start, end, label], ...]}`: used when they cannot
  (e.g. `--label actor`), so the file loads into a plain sequence-labelling project.

One line per article and annotator; `article_id`, `annotator`, `status` and the article's
metadata (`title`, `source`, `published`, `url`, `path`, `handle`) are extra keys: doccano keeps
unknown keys as the example's metadata and writes them back on export, so they come home. Entity and relation ids are numbers
local to the line, in text order, as doccano writes them. Offsets are code points.
"""

from __future__ import annotations

from .encode import json_line
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter


def relation_mode(ctx: ExportContext) -> bool:
    chosen = set(ctx.options.labels) if ctx.options.labels else set(ctx.labels.names)
    return bool(chosen & set(ctx.labels.heads) and chosen & set(ctx.labels.actors))


def record_object(record: Record, relations: bool) -> dict:
    extra = {
        "article_id": record.article.id,
        "annotator": record.annotator,
        "status": record.status,
        **record.view.meta(),
    }
    if not relations:
        return {"text": record.text, "label": [[s.start, s.end, s.label] for s in record.spans], **extra}
    number = {s.id: i for i, s in enumerate(record.spans)}
    return {
        "text": record.text,
        "entities": [
            {"id": number[s.id], "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in record.spans
        ],
        "relations": [
            {"id": i, "from_id": number[r.head], "to_id": number[r.child], "type": r.label}
            for i, r in enumerate(record.relations)
        ],
        **extra,
    }


class DoccanoWriter(Writer):
    def __init__(self, out, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        self.relations = relation_mode(ctx)

    def write(self, record: Record) -> None:
        self.out.write(json_line(record_object(record, self.relations)))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        form = "relation-extraction form (entities + relations)" if relation_mode(ctx) else "sequence-labelling form"
        return [f"doccano: written in the {form}"]


register_exporter(
    Exporter("doccano", "doccano JSONL (sequence labelling, or relation extraction)", ".jsonl", DoccanoWriter)
)

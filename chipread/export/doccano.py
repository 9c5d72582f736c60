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

doccano's project settings decide what it accepts: the relation form needs "Use relation
labeling", overlapping spans need "Allow overlapping spans" (off by default: doccano then stops
the import half-way), and offsets are code points only with "Count grapheme clusters as one
character" off. The notes say so; `no_overlaps` (--no-overlaps) keeps the non-overlapping
spans by conll's rule (and the relations between them) for a project that refuses overlaps.
"""

from __future__ import annotations

from chipread.model import Span

from .encode import json_line
from .overlaps import label_rank, non_overlapping, rule_text
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter
from .report import by_prefix, listing


def relation_mode(ctx: ExportContext) -> bool:
    chosen = set(ctx.options.labels) if ctx.options.labels else set(ctx.labels.names)
    return bool(chosen & set(ctx.labels.heads) and chosen & set(ctx.labels.actors))


def overlapping(spans: tuple[Span, ...]) -> int:
    """How many spans overlap another (spans come in text order)."""
    hit = set()
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            if b.start >= a.end:
                break
            hit.update((a.id, b.id))
    return len(hit)


def record_object(record: Record, relations: bool, ctx: ExportContext) -> dict:
    extra = {
        "article_id": record.article.id,
        "annotator": record.annotator,
        "status": record.status,
        **record.view.meta(),
    }
    spans, links = record.spans, record.relations
    if ctx.options.no_overlaps:
        spans, dropped = non_overlapping([(s.start, s.end, s.label, s) for s in spans], label_rank(ctx.labels))
        for s in dropped:
            ctx.counters[f"doccano.overlap:{s.label}"] += 1
        kept = {s.id for s in spans}
        links = tuple(r for r in links if r.head in kept and r.child in kept)
        ctx.counters["doccano.links_dropped"] += len(record.relations) - len(links)
        ctx.leave_out(len(dropped), len(record.relations) - len(links))
    else:
        ctx.counters["doccano.overlapping"] += overlapping(spans)
    if not relations:
        return {"text": record.text, "label": [[s.start, s.end, s.label] for s in spans], **extra}
    number = {s.id: i for i, s in enumerate(spans)}
    return {
        "text": record.text,
        "entities": [
            {"id": number[s.id], "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in spans
        ],
        "relations": [
            {"id": i, "from_id": number[r.head], "to_id": number[r.child], "type": r.label} for i, r in enumerate(links)
        ],
        **extra,
    }


class DoccanoWriter(Writer):
    def __init__(self, out, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        self.relations = relation_mode(ctx)

    def write(self, record: Record) -> None:
        self.out.write(json_line(record_object(record, self.relations, self.ctx)))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        c = ctx.counters
        relations = relation_mode(ctx)
        if relations:
            form = (
                "relation-extraction form (entities + relations): import it as JSONL (Relation) into a Sequence "
                'Labeling project with "Use relation labeling" on'
            )
        else:
            form = "sequence-labelling form: import it as JSONL into a Sequence Labeling project"
        out = [
            f'doccano: written in the {form}; keep "Count grapheme clusters as one character" off (offsets are code points)'
        ]
        if c["doccano.overlapping"]:
            out.append(
                f'doccano: {c["doccano.overlapping"]} span(s) overlap another: enable "Allow overlapping spans" in '
                f"the project's settings (doccano's default refuses them and stops the import half-way), or export "
                f"with --no-overlaps"
            )
        dropped = by_prefix(c, "doccano.overlap:")
        if dropped:
            parts = listing(dropped)
            out.append(
                f"doccano: --no-overlaps left out {sum(dropped.values())} overlapping span(s) ({parts}); "
                f"rule: {rule_text(ctx.labels)}"
                + (
                    f", and {c['doccano.links_dropped']} relation(s) attached to them"
                    if c["doccano.links_dropped"]
                    else ""
                )
            )
        return out


register_exporter(
    Exporter("doccano", "doccano JSONL (sequence labelling, or relation extraction)", ".jsonl", DoccanoWriter)
)

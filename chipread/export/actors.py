"""actors: the actor registry as JSON lines, and the canonical actor of each span for the other formats.

One line per actor and annotator, in the order `chipread actors` lists them: `id`, `name`,
`kind`, `status` ("confirmed", "confirmed+" when new names joined since, "proposed"),
`annotator`, `names` (every name key of the actor), `aliases` and `pins` (what a confirmed record
stores: name keys, and span ids assigned whatever their name; empty for a proposed actor),
`surface` (how the spans wrote the name, with counts), `mentions`, `statements` (per label),
`articles`, `outlets`, `first`, `last` (ISO dates of its statements, or null), `estimated`
(true when first or last rests on an estimated article date). The jsonl export's spans carry
`actor_id`, so the two join; `chipread import FILE --format actors` reads this file back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .registry import ExportContext, Exporter, Writer, register_exporter

if TYPE_CHECKING:
    from chipread.actors import ActorBook

    from .records import Record


def book(ctx: ExportContext) -> ActorBook:
    found = ctx.shared.get("actors.book")
    if found is None:
        from chipread.actors import ActorBook

        found = ctx.shared["actors.book"] = ActorBook(ctx.ws)
    return found


def actor_ids(ctx: ExportContext, annotator: str | None) -> dict[str, str]:
    """span id -> actor id for one annotator's actor spans (empty for an unannotated record)."""
    if annotator is None:
        return {}
    key = f"actors.of.{annotator}"
    found = ctx.shared.get(key)
    if found is None:
        grouping, _ = book(ctx).grouping(annotator)
        found = ctx.shared[key] = grouping.actor_of
        ctx.shared[f"actors.names.{annotator}"] = {a.id: a.name for a in grouping.actors.values()}
    return found


def actor_names(ctx: ExportContext, annotator: str | None) -> dict[str, str]:
    """actor id -> canonical name for one annotator."""
    if annotator is None:
        return {}
    actor_ids(ctx, annotator)
    return ctx.shared[f"actors.names.{annotator}"]


class ActorsWriter(Writer):
    """Learns the annotators from the selected records; writes their actors at the end."""

    def __init__(self, out, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        self.annotators: list[str] = []

    def write(self, record: Record) -> None:
        if record.annotator is not None and record.annotator not in self.annotators:
            self.annotators.append(record.annotator)

    def close(self) -> None:
        actors = book(self.ctx)
        for who in sorted(self.annotators):
            view = actors.view(who)
            records = actors.registry(who).records()
            for row in view.rows:
                a = row.actor
                stored = records.get(a.id)
                line = {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "status": a.status,
                    "annotator": who,
                    "names": list(a.keys),
                    "aliases": list(stored.aliases) if stored else [],
                    "pins": list(stored.pins) if stored else [],
                    "surface": a.surface,
                    "mentions": len(a.mentions),
                    "statements": row.counts,
                    "articles": row.articles,
                    "outlets": row.outlets,
                    "first": row.first.value.isoformat() if row.first else None,
                    "last": row.last.value.isoformat() if row.last else None,
                    "estimated": bool((row.first and row.first.estimated) or (row.last and row.last.estimated)),
                }
                self.out.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
                self.ctx.counters["actors.written"] += 1

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        return [f"actors: {ctx.counters['actors.written']} actor(s) written (one line each)"]


register_exporter(
    Exporter("actors", "the actor registry: one JSON line per actor (see chipread actors)", ".jsonl", ActorsWriter)
)

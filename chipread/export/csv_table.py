"""csv: the "who said what" table, one row per span, for spreadsheets; formula-like cells neutralised.

Columns: article_id, handle, title, source, published, annotator, status, span_id, label,
start, end, text, attributed_to, attributed_to_ids. `attributed_to` names the actor(s) a
quote or claim is attributed to, joined with " | " in text order (ids likewise). `actor` is the
canonical actor (`chipread actors`): an actor span's own, a quote's or claim's attributed ones
(joined likewise); `actor_id` their ids, as the jsonl spans and the actors format carry them.

For spreadsheets, not machines (the jsonl is the exact dataset):
- UTF-8 with a byte order mark: Excel reads a BOM-less CSV in the local ANSI code page and
  garbles quotes and non-Latin names; LibreOffice, pandas (encoding="utf-8-sig") and
  Python's csv module read it fine.
- RFC 4180: comma-separated, "-quoted when needed, CRLF line ends; line breaks inside a
  span stay inside its quoted cell.
- Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
  leading ' (OWASP's CSV injection guidance), so a scraped "=HYPERLINK(...)" stays text.
  Such a text cell then differs from text[start:end] by that one leading quote; the offsets
  are exact.
"""

from __future__ import annotations

import csv
import io

from .actors import actor_ids, actor_names
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter

COLUMNS = (
    "article_id",
    "handle",
    "title",
    "source",
    "published",
    "annotator",
    "status",
    "span_id",
    "label",
    "start",
    "end",
    "text",
    "attributed_to",
    "attributed_to_ids",
    "actor",
    "actor_id",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA) else cell


class CsvWriter(Writer):
    def __init__(self, out, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, lineterminator="\r\n")
        self.out.write(BOM.encode("utf-8"))
        self._row(COLUMNS)

    def _row(self, cells) -> None:
        self.csv.writerow([c if isinstance(c, int) else neutralise(c) for c in cells])
        if self.buffer.tell() > 1 << 16:
            self._drain()

    def _drain(self) -> None:
        self.out.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def write(self, record: Record) -> None:
        a = record.article
        actors: dict[str, list] = {}
        for r in record.relations:
            actors.setdefault(r.head, []).append(record.span(r.child))
        common = (
            a.id,
            a.handle,
            a.title,
            a.source or "",
            a.published.isoformat() if a.published else "",
            record.annotator or "",
            record.status,
        )
        actor_of = actor_ids(self.ctx, record.annotator)
        names = actor_names(self.ctx, record.annotator)
        for s in record.spans:
            linked = sorted(actors.get(s.id, ()), key=lambda c: (c.start, c.end, c.id))
            canonical = [actor_of[c.id] for c in ([s] if s.id in actor_of else linked) if c.id in actor_of]
            canonical = list(dict.fromkeys(canonical))
            self._row(
                (
                    *common,
                    s.id,
                    s.label,
                    s.start,
                    s.end,
                    s.text,
                    " | ".join(c.text for c in linked),
                    " | ".join(c.id for c in linked),
                    " | ".join(names.get(a, "") for a in canonical),
                    " | ".join(canonical),
                )
            )
            if s.text.startswith(_FORMULA):
                self.ctx.counters["csv.neutralised"] += 1

    def close(self) -> None:
        self._drain()

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        n = ctx.counters["csv.neutralised"]
        if not n:
            return []
        return [
            f"csv: {n} span text(s) start with =, +, -, @, tab or CR: prefixed with ' so spreadsheets "
            f"show them as text (OWASP); the offsets are exact"
        ]


register_exporter(Exporter("csv", "who-said-what table, one row per span, for spreadsheets", ".csv", CsvWriter))

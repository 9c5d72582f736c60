"""labelstudio: a JSON list of Label Studio tasks, one per article, one annotation per annotator.

Follows Label Studio's task format (labelstud.io/guide/task_format): `data.text` plus the
article's metadata in `data`; each annotation's `result` holds one region per span
(`id` = the span id, `from_name: "label"`, `to_name: "text"`, `type: "labels"`,
`value: {start, end, text, labels: [label]}`) and one result per relation
(`{from_id, to_id, type: "relation", direction: "right", labels: [label]}`, from the quote or
claim to its actor). It matches this labeling config:

    <View>
      <Labels name="label" toName="text"><Label value="actor"/><Label value="claim"/><Label value="quote"/></Labels>
      <Text name="text" value="$text"/>
      <Relations><Relation value="attributed_to"/></Relations>
    </View>

Offsets are code points, which is what Label Studio stores since its fix for text with emoji
(HumanSignal/label-studio#1559); versions and views still differ around characters outside the
Basic Multilingual Plane (#1347, #4988: regions after an emoji shown or saved one place off), so
the export names how many articles have such characters. `was_cancelled` is true for a skipped article; the extra keys
`annotator` and `status` say whose annotation it is (Label Studio ignores unknown keys).
The list is streamed: one task per line between `[` and `]`.
"""

from __future__ import annotations

import re

from .encode import dumps
from .records import Record
from .registry import Exporter, Writer, register_exporter

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
FROM_NAME = "label"
TO_NAME = "text"


def task_data(record: Record) -> dict:
    return {"text": record.text, "article_id": record.article.id, **record.view.meta()}


def annotation(record: Record) -> dict:
    result: list[dict] = [
        {
            "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]},
            "id": s.id,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": "manual",
        }
        for s in record.spans
    ]
    result += [
        {"from_id": r.head, "to_id": r.child, "type": "relation", "direction": "right", "labels": [r.label]}
        for r in record.relations
    ]
    return {
        "result": result,
        "was_cancelled": record.status == "skipped",
        "ground_truth": False,
        "annotator": record.annotator,
        "status": record.status,
    }


class LabelStudioWriter(Writer):
    def __init__(self, out, ctx) -> None:
        super().__init__(out, ctx)
        self.task: dict | None = None
        self.article_id: str | None = None
        self.count = 0
        self.out.write(b"[")

    def write(self, record: Record) -> None:
        if record.article.id != self.article_id:
            self._flush()
            self.article_id = record.article.id
            self.task = {"data": task_data(record), "annotations": []}
            if not record.text.isascii() and _ASTRAL.search(record.text):
                self.ctx.counters["labelstudio.astral"] += 1
        if record.annotator is not None:
            self.task["annotations"].append(annotation(record))

    def _flush(self) -> None:
        if self.task is None:
            return
        sep = "\n" if self.count == 0 else ",\n"
        self.out.write((sep + dumps(self.task)).encode("utf-8"))
        self.count += 1
        self.task = None

    def close(self) -> None:
        self._flush()
        self.out.write(b"\n]\n" if self.count else b"]\n")

    @staticmethod
    def notes(ctx) -> list[str]:
        n = ctx.counters["labelstudio.astral"]
        if not n:
            return []
        return [
            f"labelstudio: {n} article(s) contain emoji or other characters outside the Basic Multilingual Plane; "
            f"offsets are code points, but some Label Studio versions show regions after them one place off "
            f"(HumanSignal/label-studio#1347): check those tasks after importing"
        ]


register_exporter(
    Exporter("labelstudio", "Label Studio JSON tasks (spans as labels regions, relations)", ".json", LabelStudioWriter)
)

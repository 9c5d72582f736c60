"""labelstudio: a JSON list of Label Studio tasks, one per article, one annotation per annotator, and its config.

Follows Label Studio's task format (labelstud.io/guide/task_format): a task `id` (1, 2, ... in
file order), `data.text` plus the article's metadata in `data`; each annotation has an `id`
and a `result` that holds one region per span (`id` = the span id, `from_name: "label"`,
`to_name: "text"`, `type: "labels"`, `value: {start, end, text, labels: [label]}`) and one
result per relation (`{from_id, to_id, type: "relation", direction: "right", labels: [label]}`,
from the quote or claim to its actor). With --entities, the machine-found entities are the
task's `predictions` (one prediction, `model_version` the recognizer, regions of the
`entity` control), which Label Studio shows as pre-annotations to accept or correct.

The labeling config the tasks need is written beside the file (`data.json` gives
`data.label-config.xml`; paste it into the project's Settings > Labeling Interface > Code):

    <View>
      <Labels name="label" toName="text"><Label value="actor"/><Label value="claim"/><Label value="quote"/></Labels>
      <Labels name="entity" toName="text">...the entity labels, with --entities...</Labels>
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
from xml.sax.saxutils import quoteattr

from chipread.model import DEFAULT_RELATION

from .encode import dumps
from .records import Record
from .registry import Companion, Exporter, Writer, register_exporter

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
FROM_NAME = "label"
ENTITY_NAME = "entity"
TO_NAME = "text"
CONFIG_SUFFIX = ".label-config.xml"


def task_data(record: Record) -> dict:
    return {"text": record.text, "article_id": record.article.id, **record.view.meta()}


def prediction(record: Record) -> dict:
    """The machine entities of the record's article as one Label Studio prediction (pre-annotations)."""
    entities = record.view.entities
    sources = sorted({e.source for e in entities}) or ["chipread"]
    return {
        "model_version": "+".join(sources),
        "result": [
            {
                "value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]},
                "id": f"entity-{k}",
                "from_name": ENTITY_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "origin": "prediction",
            }
            for k, e in enumerate(entities, 1)
        ],
    }


def labeling_config(labels: list[str], relations: list[str], entity_labels: list[str]) -> str:
    """The Label Studio labeling config (XML) for tasks with these span, relation and entity labels."""
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    lines += [f"    <Label value={quoteattr(label)}/>" for label in labels]
    lines.append("  </Labels>")
    if entity_labels:
        lines.append(f'  <Labels name="{ENTITY_NAME}" toName="{TO_NAME}">')
        lines += [f"    <Label value={quoteattr(label)}/>" for label in entity_labels]
        lines.append("  </Labels>")
    lines.append(f'  <Text name="{TO_NAME}" value="$text"/>')
    lines.append("  <Relations>")
    lines += [f"    <Relation value={quoteattr(label)}/>" for label in relations]
    lines += ["  </Relations>", "</View>", ""]
    return "\n".join(lines)


def annotation(record: Record, number: int) -> dict:
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
        "id": number,
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
        self.annotations = 0
        self.out.write(b"[")

    def write(self, record: Record) -> None:
        counters = self.ctx.counters
        if record.article.id != self.article_id:
            self._flush()
            self.article_id = record.article.id
            self.task = {"id": self.count + 1, "data": task_data(record), "annotations": []}
            if self.ctx.options.entities:
                self.task["predictions"] = [prediction(record)]
                for e in record.view.entities:
                    counters[f"labelstudio.entity:{e.label}"] += 1
            if not record.text.isascii() and _ASTRAL.search(record.text):
                counters["labelstudio.astral"] += 1
        if record.annotator is not None:
            self.annotations += 1
            self.task["annotations"].append(annotation(record, self.annotations))
            for s in record.spans:
                counters[f"labelstudio.label:{s.label}"] += 1
            for r in record.relations:
                counters[f"labelstudio.relation:{r.label}"] += 1

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
    def companion(ctx) -> Companion:
        """The labeling config for what was written: the label set's labels and any others the spans have."""
        seen = {k.split(":", 1)[0]: set() for k in ("labelstudio.label", "labelstudio.relation", "labelstudio.entity")}
        for key, n in ctx.counters.items():
            kind, _, name = key.partition(":")
            if n and kind in seen:
                seen[kind].add(name)
        labels = list(ctx.labels.names) + sorted(seen["labelstudio.label"] - set(ctx.labels.names))
        relations = [DEFAULT_RELATION] + sorted(seen["labelstudio.relation"] - {DEFAULT_RELATION})
        entities = sorted(seen["labelstudio.entity"])
        return Companion(
            CONFIG_SUFFIX,
            labeling_config(labels, relations, entities).encode("utf-8"),
            "the labeling config",
            "paste it into the project's Settings > Labeling Interface > Code before importing the tasks",
        )

    @staticmethod
    def notes(ctx) -> list[str]:
        out = []
        predicted = sum(n for k, n in ctx.counters.items() if k.startswith("labelstudio.entity:"))
        if ctx.options.entities:
            out.append(f"labelstudio: {predicted} machine entities written as the tasks' predictions (pre-annotations)")
        n = ctx.counters["labelstudio.astral"]
        if n:
            out.append(
                f"labelstudio: {n} article(s) contain emoji or other characters outside the Basic Multilingual Plane; "
                f"offsets are code points, but some Label Studio versions show regions after them one place off "
                f"(HumanSignal/label-studio#1347): check those tasks after importing"
            )
        return out


register_exporter(
    Exporter(
        "labelstudio",
        "Label Studio JSON tasks (spans as labels regions, relations) and their labeling config",
        ".json",
        LabelStudioWriter,
        entities=True,
    )
)

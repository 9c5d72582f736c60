"""Reading a Label Studio JSON export: one record per task annotation; `labels` regions and `relation` results.

Label Studio's task format (see chipread.export.labelstudio): tasks with `data.text` and
`annotations[].result`. A region with several labels becomes one span per label; a
relation with several labels one relation per label (none: attributed_to). The annotator
is the annotation's `annotator` (chipread writes it), else `completed_by.email`, else the
user of Label Studio's own export (`created_username`, or `completed_by` as
labelstudio-user-N); results of other kinds (choices, textarea, rating) and the tasks'
`predictions` (a model's pre-annotations) are counted and left out. A relation's `direction`
is honoured ("left" runs from to_id to from_id; "bi" is stored from its statement end). The
status is `status` when chipread wrote it, else skipped for a cancelled annotation and done
for a submitted one. A task without annotations brings only its article. Problems are
named by task and annotation number (a JSON array has no useful line numbers).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chipread.errors import ImportFailed
from chipread.model import DEFAULT_RELATION, STATUSES

from .hashes import stable_id
from .incoming import Incoming, InRelation, InSpan, Problem, read_bytes, type_name
from .registry import ImportContext, Importer, register_importer


def _annotator(ann: dict) -> Any:
    """Whose annotation: chipread's `annotator`, else the Label Studio user as its export names them."""
    if isinstance(ann.get("annotator"), str):
        return ann["annotator"]
    who = ann.get("completed_by")
    if isinstance(who, dict) and isinstance(who.get("email"), str):
        return who["email"]
    # Label Studio's JSON export: "created_username": "eve@example.org, 7" and "completed_by": 7.
    username = ann.get("created_username")
    if isinstance(username, str) and username.split(",")[0].strip():
        return username.split(",")[0].strip()
    if isinstance(who, int) and not isinstance(who, bool):
        return f"labelstudio-user-{who}"  # two users' annotations must not merge into one annotator
    return None


def _ends(item: dict, head: int, child: int, rec: Incoming, statements: frozenset[str]) -> tuple[int, int]:
    """(head, child) of a relation as chipread stores it: the quote or claim first.

    Label Studio draws `direction` "right" from from_id to to_id, "left" back from to_id to
    from_id, "bi" both ways: for "bi" the statement end (a label with the statement role) is the
    head, and where neither or both ends are statements the drawn order stands (counted).
    """
    direction = item.get("direction", "right")
    if direction == "left":
        return child, head
    if direction == "bi":
        first, second = rec.spans[head].label in statements, rec.spans[child].label in statements
        if second and not first:
            return child, head
        if first == second:
            rec.counts["labelstudio.bi-unresolved"] += 1
    return head, child


def annotation(
    text: Any, article_id: Any, meta: dict, ann: Any, where: str, statements: frozenset[str] = frozenset()
) -> Incoming | Problem:
    if not isinstance(ann, dict):
        return Problem(where, f"expected an object, got {type_name(ann)}")
    status = ann.get("status") if ann.get("status") in STATUSES else ("skipped" if ann.get("was_cancelled") else "done")
    rec = Incoming(where, text, article_id, meta, _annotator(ann), status)
    result = ann.get("result") or []
    if not isinstance(result, list):
        return Problem(where, f'"result" must be an array, got {type_name(result)}')
    regions: dict[Any, int] = {}
    links = []
    for k, item in enumerate(result, 1):
        if not isinstance(item, dict):
            return Problem(where, f"result {k}: expected an object, got {type_name(item)}")
        if item.get("type") == "relation":
            links.append((k, item))
            continue
        value = item.get("value")
        kind = item.get("type") or "labels"
        if not isinstance(value, dict) or "start" not in value or kind != "labels" and "labels" not in value:
            # A choice, a rating, a text area (per region or not): nothing chipread holds. A per-region
            # text area has start and end too, but its value is typed text, never a label.
            rec.ignored[str(kind)] += 1
            continue
        labels = value.get("labels")
        if not isinstance(labels, list) or not labels:
            return Problem(where, f"region {k}: no labels")
        region_id = item.get("id")
        for n, label in enumerate(labels):
            span_id = (
                region_id
                if n == 0 and isinstance(region_id, str)
                else (stable_id(region_id, label) if region_id is not None else None)
            )
            if n == 0:
                regions[region_id] = len(rec.spans)
            rec.spans.append(InSpan(value.get("start"), value.get("end"), label, value.get("text"), span_id))
    for k, item in links:
        head, child = regions.get(item.get("from_id")), regions.get(item.get("to_id"))
        if head is None or child is None:
            missing = item.get("from_id") if head is None else item.get("to_id")
            return Problem(where, f"result {k}: relation to region {missing!r}, which is not in this annotation")
        if item.get("direction", "right") not in ("right", "left", "bi"):
            return Problem(where, f"result {k}: direction {item.get('direction')!r} is not right, left or bi")
        head, child = _ends(item, head, child, rec, statements)
        for label in item.get("labels") or [DEFAULT_RELATION]:
            rec.relations.append(InRelation(head, child, label))
    return rec


def read(path: Path, ctx: ImportContext | None = None) -> Iterator[Incoming | Problem]:
    data = read_bytes(path)
    try:
        tasks = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path} is not valid UTF-8 (byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
            f"Label Studio exports are one JSON array"
        ) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ImportFailed(f"{path}: expected a JSON array of Label Studio tasks, got {type_name(tasks)}")
    for t, task in enumerate(tasks, 1):
        where = f"task {t}"
        if not isinstance(task, dict):
            yield Problem(where, f"expected an object, got {type_name(task)}")
            continue
        data_ = task.get("data")
        if not isinstance(data_, dict):
            yield Problem(where, 'no "data" object')
            continue
        text = data_.get("text")
        article_id = data_.get("article_id") if isinstance(data_.get("article_id"), str) else None
        anns = task.get("annotations")
        if anns is None:
            anns = task.get("completions") or []  # Label Studio before 1.0
        if not isinstance(anns, list):
            yield Problem(where, f'"annotations" must be an array, got {type_name(anns)}')
            continue
        predictions = task.get("predictions")
        predicted = len(predictions) if isinstance(predictions, list) else 0
        if not anns:
            rec = Incoming(where, text, article_id, data_)
            rec.counts["labelstudio.predictions"] += predicted
            yield rec
            continue
        statements = frozenset(ctx.ws.labels.heads) if ctx is not None else frozenset()
        for a, ann in enumerate(anns, 1):
            rec = annotation(text, article_id, data_, ann, f"{where}: annotation {a}", statements)
            if isinstance(rec, Incoming):
                rec.counts["labelstudio.predictions"] += predicted
                predicted = 0
            yield rec


def notes(c: Counter) -> list[str]:
    out = []
    if c["labelstudio.predictions"]:
        out.append(
            f"labelstudio: left out {c['labelstudio.predictions']} prediction(s) (a model's pre-annotations in the "
            f'tasks\' "predictions"); only annotations are imported'
        )
    if c["labelstudio.bi-unresolved"]:
        out.append(
            f'labelstudio: {c["labelstudio.bi-unresolved"]} two-way ("bi") relation(s) have a statement label at both '
            f"ends or at neither: stored from from_id to to_id"
        )
    return out


register_importer(Importer("labelstudio", "Label Studio JSON export", read, notes))

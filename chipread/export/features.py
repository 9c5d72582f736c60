"""The Hugging Face `datasets` Features of the jsonl export, so big files load with a fixed schema."""

from __future__ import annotations

from typing import Any

from chipread.errors import ExportFailed


def jsonl_features(entities: bool = False) -> Any:
    """datasets.Features of chipread's jsonl, column for column and in order.

    Without it, `datasets` infers a schema per 10 MB block: a first block of unannotated
    articles (`spans: []`, `published: null`) types those columns as null and the first
    annotated block then fails to cast. Pass it as
    `load_dataset("json", data_files=..., features=jsonl_features())` (with `--entities`:
    `jsonl_features(entities=True)`). `meta.published` loads as a datetime.date. One pyarrow
    habit no schema undoes: a block in which a string column holds only date-like values (a
    handle or title "2023-05-29") is read as timestamps and comes back as "2023-05-29 00:00:00".
    """
    try:
        from datasets import Features, Value
    except ImportError:
        raise ExportFailed("jsonl_features needs Hugging Face datasets: pip install datasets") from None
    string, integer = Value("string"), Value("int64")
    side = {"start": integer, "end": integer, "token_start": integer, "token_end": integer, "label": string}
    columns: dict[str, Any] = {
        "id": string,
        "text": string,
        # pyarrow reads "2023-05-29" as a timestamp; a date column gives back datetime.date, not "... 00:00:00".
        "meta": {
            "title": string,
            "source": string,
            "published": Value("date32"),
            "url": string,
            "path": string,
            "handle": string,
            "article_id": string,
        },
        "tokens": [{"text": string, "start": integer, "end": integer, "id": integer, "ws": Value("bool")}],
        "spans": [
            {
                "start": integer,
                "end": integer,
                "label": string,
                "text": string,
                "token_start": integer,
                "token_end": integer,
                "id": string,
                "actor_id": string,
            }
        ],
        "relations": [
            {
                "head": integer,
                "child": integer,
                "head_span": dict(side),
                "child_span": dict(side),
                "label": string,
                "id": string,
                "head_id": string,
                "child_id": string,
            }
        ],
        "annotator": string,
        "status": string,
    }
    if entities:
        columns["entities"] = [
            {"start": integer, "end": integer, "label": string, "text": string, "source": string, "value": string}
        ]
    columns.update({"answer": string, "_input_hash": integer, "_task_hash": integer, "_annotator_id": string})
    return Features(columns)

"""Names on disk: annotator folders and article file names."""

from __future__ import annotations

import re

from chipread.errors import StoreError

MARKER = "store.json"
IMPORTED = "_imported"
ANNOTATOR_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def check_annotator(name: str) -> str:
    if not ANNOTATOR_RE.match(name or ""):
        raise StoreError(
            f"annotator name {name!r} is not usable: use up to 64 letters, digits, '.', '_', '-', '@' or '+'"
        )
    return name


def file_name(article_id: str) -> str:
    # Ids from user jsonl corpora can hold any character; keep file names portable.
    if _ARTICLE_ID.match(article_id):
        return f"{article_id}.json"
    return "x-" + article_id.encode("utf-8").hex()[:200] + ".json"

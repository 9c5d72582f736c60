"""Names on disk: annotator folders and article file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from chipread.errors import StoreError

MARKER = "store.json"
IMPORTED = "_imported"
TEXTS = "_texts"
# Letters and digits of any script, then also '.', '_', '-', '@', '+'; never a path or a hidden name.
# Anchored with \A and \Z (`$` would accept a name ending in a newline), so .match is as strict as fullmatch.
ANNOTATOR_RE = re.compile(r"\A[^\W_][\w.@+-]{0,63}\Z")
# Ids that are safe as file names everywhere, case-insensitive file systems included.
_PLAIN_ID = re.compile(r"\A[a-z0-9][a-z0-9._-]{0,63}\Z")
# What a hashed file name looks like: an id of this shape is hashed too, so no id can take another's file.
_HASHED = re.compile(r"\Ax-[0-9a-f]{32}\Z")


def check_annotator(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "")
    if not ANNOTATOR_RE.fullmatch(name) or name.endswith((".json", ".tmp")):
        raise StoreError(
            f"annotator name {name!r} is not usable: use up to 64 letters or digits, and '.', '_', '-', '@' or '+'"
        )
    return name


def annotator_from_login(login: str) -> str:
    """A usable annotator name made from a login name such as 'Ana Lima' or 'DOMAIN\\\\ana'."""
    name = re.sub(r"[^\w.@+-]+", "-", unicodedata.normalize("NFC", login)).strip("-._")[:64]
    return name if name and ANNOTATOR_RE.fullmatch(name) else "annotator"


def file_name(article_id: str) -> str:
    """The file of an article: its id when that is a plain lowercase name, else a hash of it.

    The real id is kept inside the file; hashing (not truncating) keeps two long ids that share a
    prefix, or ids differing only in case, in different files. The mapping is injective: an id
    that looks like a hashed name ("x-" and 32 hex digits) is hashed as well (store schema 3).
    """
    if _PLAIN_ID.fullmatch(article_id) and not _HASHED.fullmatch(article_id):
        return f"{article_id}.json"
    return hashed_name(article_id)


def hashed_name(article_id: str) -> str:
    return "x-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:32] + ".json"


def schema2_file_name(article_id: str) -> str:
    """The file name schema 2 gave an article (not injective: see file_name); read by the migration only."""
    return f"{article_id}.json" if _PLAIN_ID.fullmatch(article_id) else hashed_name(article_id)


def is_annotator_folder(name: str) -> bool:
    return name != IMPORTED and bool(ANNOTATOR_RE.fullmatch(name))

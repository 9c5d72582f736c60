"""The durable annotation store: TinyDB files, atomic writes, one writer per annotator."""

from chipread.store.article_file import (
    HISTORY_LIMIT,
    SCHEMA_VERSION,
    ArticleFile,
    Change,
    Step,
    file_meta,
    read_article_file,
)
from chipread.store.atomic import fsync_dir
from chipread.store.layout import check_annotator, file_name
from chipread.store.reanchor import AMBIGUOUS, CHANGED, ORPHANED, reanchor, reanchored
from chipread.store.store import AnnotationStore

__all__ = [
    "AMBIGUOUS",
    "AnnotationStore",
    "CHANGED",
    "ArticleFile",
    "Change",
    "HISTORY_LIMIT",
    "ORPHANED",
    "SCHEMA_VERSION",
    "Step",
    "check_annotator",
    "file_meta",
    "file_name",
    "fsync_dir",
    "read_article_file",
    "reanchor",
    "reanchored",
]

"""What the review screen and the library read for adjudication: each annotator's work, and progress per article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chipread.model import Annotations
from chipread.team.adjudicate import Decisions, Progress, items, progress
from chipread.team.agree import annotated

if TYPE_CHECKING:
    from chipread.model import Article
    from chipread.workspace import Workspace


def works(ws: Workspace, article: Article, adjudicator: str) -> dict[str, Annotations]:
    """Every annotator's work on `article` (re-anchored), the adjudicator's left out; only real annotations."""
    found = {}
    for name in ws.store.annotators():
        if name == adjudicator:
            continue
        ann = ws.annotations(article, name)
        if annotated(ann):
            found[name] = ann
    return found


def library_progress(ws: Workspace, adjudicator: str) -> dict[str, Progress]:
    """Adjudication progress of every article that two or more annotators annotated."""
    by_article: dict[str, dict[str, Annotations]] = {}
    for name in ws.store.annotators():
        if name == adjudicator:
            continue
        for _, meta, ann in ws.store.iter_files(name):
            if annotated(ann) and ws.has_article(meta["article_id"]):
                by_article.setdefault(meta["article_id"], {})[name] = ann
    gold = {meta["article_id"]: ann for _, meta, ann in ws.store.iter_files(adjudicator)}
    decisions = Decisions(ws.store.root, adjudicator)
    out = {}
    for article_id, found in by_article.items():
        if len(found) < 2:
            continue
        mine = gold.get(article_id) or Annotations(article_id, adjudicator)
        out[article_id] = progress(items(found), mine, decisions.rejected(article_id), len(found))
    return out

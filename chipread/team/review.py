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


def moved_work(ws: Workspace) -> dict[tuple[str, str], str]:
    """(annotator, stored article id) -> the article that work is on now, for work made on an earlier text."""
    return {(who, old): info.id for info in ws.infos() for who, old in ws.moved_from(info.id)}


def stored_work(ws: Workspace, name: str, moved: dict[tuple[str, str], str]) -> dict[str, Annotations]:
    """`name`'s work by article id, work made on an earlier text under the article it is now (re-anchored)."""
    out: dict[str, Annotations] = {}
    for _, meta, ann in ws.store.iter_files(name):
        article_id = moved.get((name, meta["article_id"]))
        if article_id is not None:
            out[article_id] = ws.annotations(ws.get(article_id), name)
        else:
            out.setdefault(meta["article_id"], ann)
    return out


def library_progress(ws: Workspace, adjudicator: str) -> dict[str, Progress]:
    """Adjudication progress of every article that two or more annotators annotated."""
    by_article: dict[str, dict[str, Annotations]] = {}
    moved = moved_work(ws)
    for name in ws.store.annotators():
        if name == adjudicator:
            continue
        for article_id, ann in stored_work(ws, name, moved).items():
            if annotated(ann) and ws.has_article(article_id):
                by_article.setdefault(article_id, {})[name] = ann
    gold = stored_work(ws, adjudicator, moved)
    decisions = Decisions(ws.store.root, adjudicator)
    out = {}
    for article_id, found in by_article.items():
        if len(found) < 2:
            continue
        mine = gold.get(article_id) or Annotations(article_id, adjudicator)
        out[article_id] = progress(items(found), mine, decisions.rejected(article_id), len(found))
    return out

"""Gathering what agreement compares: each chosen annotator's work per article, from this store and others."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.errors import ChipreadError
from chipread.model import Annotations
from chipread.model import Article as ModelArticle
from chipread.nlp.tokenizer import tokenize
from chipread.store import AnnotationStore, reanchored
from chipread.store.layout import MARKER
from chipread.team.agree import Article, Work, annotated
from chipread.team.identity import history, same_names
from chipread.team.review import moved_work, stored_work

if TYPE_CHECKING:
    from chipread.workspace import Workspace


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def collect(
    ws: Workspace,
    *,
    annotators: Sequence[str] = (),
    others: Sequence[Path] = (),
    exclude: Sequence[str] = (),
) -> Collected:
    """The work of `annotators` (default: everyone but `exclude`) on the workspace's articles.

    Annotators of another store are named `name@PATH` when this store has the same name; the
    two are kept apart, and a warning says when they look like two people under one name.
    """
    out = Collected()
    works: dict[str, dict[str, Annotations]] = {}  # shown name -> article id -> work
    texts = {info.id: info.handle for info in ws.infos()}
    extra_articles: dict[str, ModelArticle] = {}  # another store's imported articles, read-only here
    moved = moved_work(ws)
    for name in ws.store.annotators():
        works[name] = stored_work(ws, name, moved)
    for path in others:
        if not (Path(path) / MARKER).is_file():
            raise ChipreadError(f"{path} is not a chipread store (no {MARKER})")
        try:
            other = AnnotationStore(path, readonly=True)
        except ChipreadError as exc:
            raise ChipreadError(f"cannot read the store {path}: {exc}") from None
        extra = {a.id: a for a in other.imported_articles() if a.id not in texts}
        theirs = {name: {ann.article_id: ann for _, _, ann in other.iter_files(name)} for name in other.annotators()}
        out.warnings += [
            hit.message()
            for hit in same_names(
                str(ws.store.root),
                {n: history(works[n].values()) for n in works if "@" not in n},
                str(path),
                {n: history(v.values()) for n, v in theirs.items()},
            )
        ]
        for name, files in theirs.items():
            works[f"{name}@{path}" if name in works else name] = {
                article_id: ann for article_id, ann in files.items() if article_id in texts or article_id in extra
            }
        extra_articles.update(extra)
        texts.update({article_id: a.handle for article_id, a in extra.items()})
    chosen = list(annotators) or [name for name in sorted(works) if name not in exclude]
    unknown = [name for name in chosen if name not in works]
    if unknown:
        raise ChipreadError(
            f"no annotator {unknown[0]!r} in the store (annotators: {', '.join(sorted(works)) or 'none'})"
        )
    out.annotators = chosen
    by_article: dict[str, dict[str, Annotations]] = {}
    for name in chosen:
        for article_id, ann in works[name].items():
            if article_id in texts and annotated(ann):
                by_article.setdefault(article_id, {})[name] = ann
    for article_id, handle in texts.items():
        found = by_article.get(article_id)
        if not found or len(found) < 2:
            continue
        article = extra_articles.get(article_id) or ws.get(article_id)
        tokens = tokenize(article.text)
        by = {}
        for name, ann in found.items():
            spans = reanchored(ann.spans, article.text)
            by[name] = Work.of(Annotations(ann.article_id, ann.annotator, spans, ann.relations, ann.state), tokens)
        out.articles.append(Article(article_id, handle, len(tokens), by))
    return out

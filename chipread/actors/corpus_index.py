"""What the corpus texts alone tell: wire copies and undated articles' estimated dates, a rebuildable cache.

Derived, never the truth: the file lives in chipread's cache folder, one per corpus, stamped with a
digest of every article's text hash (and this module's version), and is rebuilt from the texts when
it is missing, stale or unreadable. Rebuilding reads every text once: linear in the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.corpus.cache import default_cache_dir
from chipread.errors import ArticleNotFound
from chipread.store.atomic import atomic_write

if TYPE_CHECKING:
    from chipread.model import Article, ArticleInfo
    from chipread.workspace import Workspace

VERSION = 1
# What minhash.detect() is run with; spelled out so that reading the cache needs no numpy.
# tests/actors/test_copies.py checks it against minhash's constants.
DETECTOR = "128x64/0.15/50,0.005"
STAMP = f"{VERSION}-{DETECTOR}"


@dataclass(frozen=True, slots=True)
class CopyLink:
    """This article is a copy of `original`: `shared` of its text is found there."""

    original: str
    similarity: float
    shared: float


@dataclass
class CorpusIndex:
    # (article a, article b, similarity, share of a found in b, share of b found in a)
    pairs: list[tuple[str, str, float, float, float]] = field(default_factory=list)
    estimates: dict[str, tuple[date, str]] = field(default_factory=dict)
    copy_of: dict[str, CopyLink] = field(default_factory=dict)
    families: dict[str, list[str]] = field(default_factory=dict)  # article -> its family, original first

    def copies(self, article_id: str) -> list[str]:
        """The other articles of this article's family: its original first, then the copies."""
        return [a for a in self.families.get(article_id, []) if a != article_id]


def build(
    infos: list[ArticleInfo], texts: Iterator[Article], progress: Callable[[int], None] | None = None
) -> CorpusIndex:
    """Find copies among the articles (and estimate dates for the undated), from their texts read once."""
    from .dating import estimate_date

    ids: list[str] = []
    bodies: list[str] = []
    estimates: dict[str, tuple[date, str]] = {}
    dated = {info.id: info.published for info in infos}
    for article in texts:
        ids.append(article.id)
        bodies.append(article.text)
        if dated.get(article.id) is None:
            found = estimate_date(article.text)
            if found is not None:
                estimates[article.id] = found
        if progress is not None:
            progress(len(ids))
    from . import minhash  # numpy: imported only when the index is built

    found_pairs = minhash.detect(bodies)
    index = CorpusIndex(
        pairs=[(ids[p.a], ids[p.b], p.similarity, p.shared_a, p.shared_b) for p in found_pairs],
        estimates=estimates,
    )
    _families(index, infos)
    return index


def _families(index: CorpusIndex, infos: list[ArticleInfo]) -> None:
    """Group copies into families; the original is the earliest stated date, else the fullest text."""
    info = {i.id: i for i in infos}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[tuple[str, str], tuple[float, float, float]] = {}
    for a, b, s, share_a, share_b in index.pairs:
        parent[find(a)] = find(b)
        best[(a, b)] = (s, share_a, share_b)
    members: dict[str, list[str]] = {}
    for article in parent:
        members.setdefault(find(article), []).append(article)

    def rank(article_id: str) -> tuple:
        i = info.get(article_id)
        published = i.published if i is not None else None
        chars = i.chars if i is not None else 0
        handle = i.handle if i is not None else article_id
        return (published is None, published or date.max, -chars, handle)

    for group in members.values():
        group.sort(key=rank)
        for article in group:
            index.families[article] = group
        order = {a: k for k, a in enumerate(group)}
        for article in group[1:]:
            links = []
            for other in group[: order[article]]:
                if (article, other) in best:
                    s, mine, _ = best[(article, other)]
                elif (other, article) in best:
                    s, _, mine = best[(other, article)]
                else:
                    continue
                links.append((other == group[0], s, other, mine))
            if links:
                _, s, other, mine = max(links)
                index.copy_of[article] = CopyLink(other, s, mine)


def corpus_digest(infos: list[ArticleInfo]) -> str:
    h = hashlib.sha256(STAMP.encode())
    for info in sorted(infos, key=lambda i: i.id):
        h.update(f"{info.id}\0{info.text_hash}\0{info.published or ''}\n".encode())
    return h.hexdigest()[:32]


def cache_path(ws: Workspace, cache_dir: Path | None = None) -> Path:
    root = str(Path(ws.corpus.root).resolve())
    name = hashlib.sha256(root.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return (cache_dir or default_cache_dir()) / "derived" / f"corpus-{name}.json"


def load(path: Path, digest: str, infos: list[ArticleInfo]) -> CorpusIndex | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("digest") != digest:
            return None
        index = CorpusIndex(
            pairs=[tuple(p) for p in data["pairs"]],
            estimates={k: (date.fromisoformat(v[0]), v[1]) for k, v in data["estimates"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, stale or damaged: a cache is rebuilt, never trusted
    _families(index, infos)
    return index


def save(path: Path, digest: str, index: CorpusIndex) -> None:
    body = {
        "digest": digest,
        "pairs": index.pairs,
        "estimates": {k: [v[0].isoformat(), v[1]] for k, v in index.estimates.items()},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(body).encode("utf-8"))
    except OSError:
        pass  # an unwritable cache costs a rebuild next time, nothing else


def corpus_index(
    ws: Workspace, *, progress: Callable[[int], None] | None = None, cache_dir: Path | None = None
) -> CorpusIndex:
    """The workspace's corpus index, from the cache when it is current, else built and cached."""
    infos = ws.infos()
    digest = corpus_digest(infos)
    path = cache_path(ws, cache_dir)
    index = load(path, digest, infos)
    if index is None:
        index = build(infos, _texts(ws, infos), progress)
        save(path, digest, index)
    return index


def _texts(ws: Workspace, infos: list[ArticleInfo]) -> Iterator[Article]:
    for info in infos:
        try:
            yield ws.get(info.id)
        except ArticleNotFound:
            continue  # a file gone since the corpus was opened: it has no copies now

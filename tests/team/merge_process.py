"""A child process for the merge crash test: merges stores and prints an acknowledgement after each durable step."""

from __future__ import annotations

import sys
from pathlib import Path

from chipread.model import Span
from chipread.store import AnnotationStore, Change, file_meta
from chipread.team.merge import merge_stores
from tests.conftest import make_article

WORDS = 40


def article(i: int):
    text = f"Article {i}\n\n" + " ".join(f"w{i}x{j}" for j in range(WORDS))
    return make_article(text, handle=f"art{i:03d}")


def tag(store: AnnotationStore, i: int, annotator: str, words: list[int], prefix: str) -> None:
    """Add spans on words `words` of article i in one write (ids `prefix-i-word`)."""
    art = article(i)
    changes = []
    for j in words:
        piece = f"w{i}x{j}"
        start = art.text.index(piece + " ") if j < WORDS - 1 else art.text.rindex(piece)
        span = Span(f"{prefix}-{i}-{j}", art.id, start, start + len(piece), "actor", piece, annotator, "t", "t")
        changes.append(Change("spans", span.id, None, span.to_dict()))
    store.article_file(art.id, annotator).apply(
        changes, meta=file_meta(art, annotator), record="push", description="tag"
    )


def build(dest: Path, source: Path, articles: int = 100) -> None:
    """dest: ana and bo on every article. source: dest's ana plus more of her work, and a new annotator cy."""
    with AnnotationStore(dest) as store:
        assert store.claim("ana") and store.claim("bo")
        for i in range(articles):
            tag(store, i, "ana", [0, 1, 2], "base")
            tag(store, i, "bo", [5], "bo")
    import shutil

    shutil.copytree(dest, source)
    (source / "ana" / ".lock").unlink(missing_ok=True)
    with AnnotationStore(source) as store:
        assert store.claim("ana") and store.claim("cy")
        for i in range(articles):
            tag(store, i, "ana", [10], "laptop")
            tag(store, i, "cy", [20, 21], "cy")
    with AnnotationStore(dest) as store:
        assert store.claim("ana")
        for i in range(articles):
            tag(store, i, "ana", [30], "desktop")


def main(dest: str, *sources: str) -> None:
    store = AnnotationStore(Path(dest))
    print("ready", flush=True)
    merge_stores(store, [Path(s) for s in sources], progress=lambda kind, n: print(f"{kind} {n}", flush=True))
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Team fixtures: a small corpus and stores annotated by several people, written through real sessions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from chipread.corpus import open_corpus
from chipread.model import Article
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore

TEXTS = {
    "a_vote.txt": (
        "Council backs the harbour plan\n\n"
        'Mayor Lena Ortiz said the vote was "a turning point for the harbour" on Tuesday. '
        "Opponents argued the plan would raise rents. The port authority declined to comment.\n"
    ),
    "b_trains.txt": (
        "Coast trains return\n\n"
        "Rail operator Norline said services would resume on Friday. "
        '"We are ready," said chief executive Tom Berg. Unions warned of staff shortages.\n'
    ),
    "c_quiet.txt": "A quiet week\n\nNothing much happened in the town this week. The weather stayed mild.\n",
}

# (piece of text, label) per annotator and article handle; a piece may be "text#2" for its second occurrence.
Plan = dict[str, Sequence[tuple[str, str]]]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def articles(corpus: Path) -> dict[str, Article]:
    opened = open_corpus(corpus, use_cache=False)
    return {info.handle: opened.get(info.id) for info in opened}


def locate(text: str, piece: str) -> tuple[int, int]:
    piece, _, nth = piece.partition("#")
    start = -1
    for _ in range(int(nth or 1)):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def annotate(
    db: Path,
    article: Article,
    annotator: str,
    spans: Sequence[tuple[str, str]],
    links: Sequence[tuple[str, str]] = (),
    status: str | None = None,
) -> dict[str, str]:
    """Tag `spans` and link (head piece, actor piece) pairs as `annotator`; returns piece -> span id."""
    store = AnnotationStore(db)
    try:
        assert store.claim(annotator)
        session = AnnotationSession(store, article, annotator)
        ids = {}
        for piece, label in spans:
            start, end = locate(article.text, piece)
            ids[piece] = session.add_span(start, end, label).id
        for head, child in links:
            session.add_relation(ids[head], ids[child])
        if status:
            session.set_status(status)
        return ids
    finally:
        store.close()

"""Fixtures for the actors: a seeds workspace annotated the way an analyst would, and a helper to tag by text."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipread.session import AnnotationSession
from chipread.workspace import Workspace


def open_ws(corpus: Path, db: Path, annotator: str = "ana", write: bool = True) -> Workspace:
    return Workspace.open(corpus, db=db, annotator=annotator, use_cache=False, write=write)


def handle_id(ws: Workspace, prefix: str) -> str:
    return next(info.id for info in ws.infos() if info.handle.startswith(prefix))


def tag(session: AnnotationSession, text: str, label: str, nth: int = 0):
    """Tag the nth occurrence of `text` in the session's article."""
    at = -1
    for _ in range(nth + 1):
        at = session.article.text.index(text, at + 1)
    return session.add_span(at, at + len(text), label)


# 000 annotated as an analyst would: actors, quotes and claims, the quotes linked to who said them.
ACTORS_000 = [  # (text, which occurrence): "Nishimura" alone, not the one inside the full name
    ("China", 0),
    ("Japan", 0),
    ("the country's commerce ministry", 0),
    ("Commerce Minister Wang Wentao", 0),
    ("Japanese Trade Minister Yasutoshi Nishimura", 0),
    ("the Netherlands", 0),
    ("The U.S.", 0),
    ("the Chinese commerce ministry", 0),
    ("Nishimura", 1),
    ("U.S. Secretary of Commerce Gina Raimondo", 0),
    ("Wang", 1),
    ("Raimondo", 1),
    ("U.S. Trade Representative Katherine Tai", 0),
]
STATEMENTS_000 = [
    ("quote", "wrongdoing", "the country's commerce ministry"),
    ("claim", "China has called on Japan to cease its export controls on semiconductors", "China"),
    ("claim", "it is fulfilling its duty to contribute to international peace and stability", "Japan"),
    (
        "quote",
        "is willing to work with Japan to promote practical cooperation in key economic and trade areas.",
        "the Chinese commerce ministry",
    ),
]


def annotate_000(ws: Workspace) -> AnnotationSession:
    session = ws.session(handle_id(ws, "000"))
    actors = {text: tag(session, text, "actor", nth) for text, nth in ACTORS_000}
    for label, text, speaker in STATEMENTS_000:
        statement = tag(session, text, label)
        session.add_relation(statement.id, actors[speaker].id)
    return session


def annotate_qin(ws: Workspace) -> None:
    """Qin Gang in 002 and 003 under three names, each linked to a quote."""
    s = ws.session(handle_id(ws, "002"))
    full = tag(s, "Chinese Foreign Minister Qin Gang", "actor", 1)
    claim = tag(s, "will only further drive Beijing’s quest “to become self-reliant”", "claim")
    s.add_relation(claim.id, full.id)
    mr = tag(s, "Mr Qin", "actor")
    quote = tag(
        s, "Peaceful coexistence and friendly cooperation are the only right choice for China-Japan ties", "quote"
    )
    s.add_relation(quote.id, mr.id)
    s = ws.session(handle_id(ws, "003"))
    short = tag(s, "Qin", "actor", 1)
    quote = tag(s, "The two sides should adhere to strategic autonomy and jointly develop and build Asia", "quote")
    s.add_relation(quote.id, short.id)
    tag(s, "Beijing", "actor")


@pytest.fixture
def ws(seeds_copy: Path, tmp_path: Path):
    workspace = open_ws(seeds_copy, tmp_path / "db")
    yield workspace
    workspace.close()

"""Pilot fixtures: a workspace on a private copy of the seeds, the app built by make_app, and store readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipread.model import Annotations
from chipread.store import AnnotationStore
from chipread.tui import make_app
from chipread.workspace import Workspace

ANNOTATOR = "tester"  # set by the autouse env fixture in tests/conftest.py

# A corpus written for these tests: untrusted-looking text, a speaker, a quotation, several sentences.
TINY = {
    "a_markup.txt": (
        "[bold]Markup[/] stays literal\n\n"
        "Alice Smith said \"[red]this is not markup[/] at all\" on Tuesday.\n"
    ),
    "b_speakers.txt": (
        "Ministers meet in Tokyo\n\n"
        "Japan and China met in Tokyo on Monday. Trade Minister Yasutoshi Nishimura said the talks were "
        "\"frank and useful\" and that more would follow. Beijing disagreed.\n\n"
        "The Netherlands said it would decide later.\n"
    ),
    "c_plain.txt": "A quiet day\n\nNothing happened today. The so-called \"grey zone\" grew. Nobody said anything at all.\n",
}


def open_workspace(corpus: Path, db: Path, config: Path | None = None) -> Workspace:
    return Workspace.open(corpus, db=db, config=config, use_cache=False)


def stored(db: Path, article_id: str) -> Annotations:
    """What a second process would read from disk: a fresh read-only store, nothing from memory."""
    store = AnnotationStore(db, readonly=True)
    try:
        return store.load(article_id, ANNOTATOR)
    finally:
        store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db"


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def workspace(seeds_copy: Path, db: Path):
    ws = open_workspace(seeds_copy, db)
    yield ws
    ws.close()


@pytest.fixture
def tiny_workspace(tiny_corpus: Path, db: Path):
    ws = open_workspace(tiny_corpus, db)
    yield ws
    ws.close()


def build(ws: Workspace):
    app = make_app(ws)
    app.animation_level = "none"
    return app


@pytest.fixture
def app(workspace: Workspace):
    return build(workspace)


@pytest.fixture
def tiny_app(tiny_workspace: Workspace):
    return build(tiny_workspace)


async def settle(pilot) -> None:
    """Let workers (the article analysis) finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_article(pilot, article_id: str) -> None:
    pilot.app.open_article(article_id)
    await pilot.pause()
    await settle(pilot)


def article_id_by_handle(ws: Workspace, handle: str) -> str:
    return next(info.id for info in ws.infos() if info.handle == handle)

"""Pilot fixtures: a workspace on a private copy of the seeds, the app built by make_app, and store readers."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from chipread.model import Annotations
from chipread.store import AnnotationStore
from chipread.tui import make_app
from chipread.workspace import Workspace

ANNOTATOR = "tester"  # set by the autouse env fixture in tests/conftest.py


@pytest.fixture(autouse=True)
def _unfrozen_after():
    """The app freezes what it loaded at start (chipread/tui/app.py); the next test's objects are not its own."""
    yield
    gc.unfreeze()


# A corpus written for these tests: untrusted-looking text, a speaker, a quotation, several sentences.
TINY = {
    "a_markup.txt": (
        '[bold]Markup[/] stays literal\n\nAlice Smith said "[red]this is not markup[/] at all" on Tuesday.\n'
    ),
    "b_speakers.txt": (
        "Ministers meet in Tokyo\n\n"
        "Japan and China met in Tokyo on Monday. Trade Minister Yasutoshi Nishimura said the talks were "
        '"frank and useful" and that more would follow. Beijing disagreed.\n\n'
        "The Netherlands said it would decide later.\n"
    ),
    "c_plain.txt": 'A quiet day\n\nNothing happened today. The so-called "grey zone" grew. Nobody said anything at all.\n',
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


@asynccontextmanager
async def reading(app, ws: Workspace, handle: str, size: tuple[int, int] = (100, 30)):
    """The app running at `size` with the article `handle` open in the reader: (pilot, article id)."""
    article_id = article_id_by_handle(ws, handle)
    async with app.run_test(size=size) as pilot:
        await open_article(pilot, article_id)
        yield pilot, article_id


def key_event(key: str):
    """The Key event Pilot would send for `key`."""
    import unicodedata

    from textual import events
    from textual.keys import (
        REPLACED_KEYS,
        _character_to_key,
        _get_unicode_name_from_key,
    )

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def burst(pilot, *keys: str) -> None:
    """Keys as a fast typist (or a paste) delivers them: all queued before the app handles the first.

    Pilot.press waits for the app to go idle after every key, so the messages a key causes are always
    handled before the next key: that hides every race between keys and those messages.
    """
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    await pilot.pause()


class KeyCounter:
    """Presses keys through Pilot and counts them: the efficiency tests assert on what was really pressed."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)


async def wait_for_option(pilot, text: str, timeout: float = 5.0) -> None:
    """Wait until the command palette's first (highlighted) option contains `text`."""
    import asyncio

    from textual.command import CommandList

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        lists = pilot.app.screen.query(CommandList)
        if lists:
            options = lists.first()
            if options.option_count and options.highlighted == 0 and text in str(options.get_option_at_index(0).prompt):
                return
        await pilot.pause(0.02)
    raise AssertionError(f"the command palette never offered {text!r} first")


class Notices:
    """What the app told the user: the message of every notify() call, recorded through Textual's public App.notify.

    Toasts expire on the clock (a few seconds), so reading them off the screen would make a test depend on how
    busy the machine is; the messages handed to notify() are the same text, kept for the whole test.
    """

    def __init__(self, app) -> None:
        self.messages: list[str] = []
        show = app.notify

        def notify(message: str, **kwargs) -> None:
            self.messages.append(message)
            show(message, **kwargs)

        app.notify = notify

    def any(self, needle: str) -> bool:
        return any(needle in message for message in self.messages)


def status_info(reader) -> str:
    """The left part of the reader's status line, as shown (spaces collapsed)."""
    return " ".join(str(reader.query_one("#status-info").render()).split())


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (from an SVG screenshot)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")

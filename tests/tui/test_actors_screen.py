"""The actors screen, timelines and the copy key, driven by keys; every assertion reads the store from disk."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date

from chipread.actors.registry import ActorRegistry
from chipread.store import AnnotationStore
from chipread.tui.screens.actors import ActorsScreen
from chipread.tui.screens.dialogs import ReportScreen, SplitScreen
from chipread.tui.screens.library import LibraryScreen
from chipread.tui.screens.reader import ReaderScreen
from chipread.tui.screens.timeline import TimelineScreen
from tests.actors.conftest import annotate_000, annotate_qin, handle_id
from tests.tui.conftest import ANNOTATOR, build, burst, open_workspace, screen_text, settle, stored


def registry_on_disk(db):
    """The actor records and dates as a second process reads them."""
    store = AnnotationStore(db, readonly=True)
    try:
        registry = ActorRegistry(store, ANNOTATOR)
        return registry.records(), registry.dates()
    finally:
        store.close()


def records_by_name(db) -> dict[str, set[str]]:
    return {r.name: set(r.aliases) for r in registry_on_disk(db)[0].values()}


async def open_actors(pilot) -> ActorsScreen:
    await settle(pilot)
    await pilot.press("@")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ActorsScreen)
    return screen


@asynccontextmanager
async def actors_open(workspace):
    """The app on its actors screen: (app, pilot, screen)."""
    app = build(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        yield app, pilot, await open_actors(pilot)


async def go_to(pilot, screen: ActorsScreen, name: str) -> None:
    """Move the cursor to the actor called `name` with the down and up keys."""
    names = [row.actor.name for row in screen.actors.rows]
    target = names.index(name)
    step = "down" if target > screen.actors.cursor else "up"
    for _ in range(abs(target - screen.actors.cursor)):
        await pilot.press(step)
    assert screen.actors.current.actor.name == name


async def test_w_opens_the_actors_and_space_then_m_merges_them_on_disk(workspace, db):
    annotate_qin(workspace)
    annotate_000(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        assert {"Qin Gang", "China", "Beijing"} <= {row.actor.name for row in screen.actors.rows}
        await go_to(pilot, screen, "Beijing")
        await pilot.press("space")
        await go_to(pilot, screen, "China")
        await pilot.press("m")
        await settle(pilot)
        assert records_by_name(db) == {"China": {"china", "beijing"}}
        assert "Beijing" not in {row.actor.name for row in screen.actors.rows}
        await pilot.press("u")
        await settle(pilot)
        assert records_by_name(db) == {}
        assert "Beijing" in {row.actor.name for row in screen.actors.rows}
        await pilot.press("U")
        await settle(pilot)
        assert records_by_name(db) == {"China": {"china", "beijing"}}


async def test_s_splits_the_ticked_names_off_and_c_confirms(workspace, db):
    annotate_qin(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Qin Gang")
        await pilot.press("c")
        await settle(pilot)
        assert records_by_name(db) == {"Qin Gang": {"qin", "qin gang"}}
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SplitScreen)
        await pilot.press("space", "enter")  # tick "qin" (the first name), split it off
        await settle(pilot)
        assert isinstance(app.screen, ActorsScreen)
        assert records_by_name(db) == {"Qin Gang": {"qin gang"}, "Qin": {"qin"}}
        # The split holds: "Qin" is no longer proposed into "Qin Gang".
        assert {"Qin Gang", "Qin"} <= {row.actor.name for row in screen.actors.rows}


async def test_y_accepts_the_metonymy_suggestion(workspace, db):
    annotate_qin(workspace)
    annotate_000(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Beijing")
        await pilot.press("y")
        await settle(pilot)
        assert records_by_name(db) == {"China": {"china", "beijing"}}


async def test_enter_shows_the_timeline_and_enter_again_opens_the_article_at_the_statement(workspace, db):
    annotate_qin(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Qin Gang")
        await pilot.press("enter")
        await pilot.pause()
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        entries = timeline.entries.rows
        assert [e.info.handle[:3] for e in entries] == ["002", "002", "003"]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        statement = entries[2].statement
        assert app.reader.article.id == statement.article_id == handle_id(workspace, "003")
        assert app.reader.view.cursor_offset == statement.start
        # And from the reader, W is one key to the actors again.
        await pilot.press("@")
        await settle(pilot)
        assert isinstance(app.screen, ActorsScreen)


async def test_a_timeline_of_one_statement_says_one_statement(workspace, db):
    annotate_000(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Japan")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen) and len(app.screen.entries.rows) == 1
        assert "· 1 statement ·" in screen_text(app)
        assert "read-only" not in screen_text(app)


async def test_d_in_a_timeline_sets_an_undated_articles_date(workspace, db):
    annotate_qin(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Qin Gang")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"2023-04-02", "enter")
        await pilot.pause()
        assert registry_on_disk(db)[1] == {handle_id(workspace, "002"): date(2023, 4, 2)}
        first = app.screen.entries.rows[0]
        assert first.date.value == date(2023, 4, 2) and first.date.how == "set"
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert registry_on_disk(db)[1] == {handle_id(workspace, "002"): date(2023, 4, 2)}


async def test_a_date_typed_fast_then_enter_is_set_whole(workspace, db):
    """A terminal delivers "2023-06-01" and enter at once: enter must not act before the field has the text
    (it used to, and so cleared the date instead of setting it)."""
    annotate_qin(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Qin Gang")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        await burst(pilot, *"2023-06-01", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert registry_on_disk(db)[1] == {handle_id(workspace, "002"): date(2023, 6, 1)}


async def test_a_name_typed_fast_then_enter_renames_the_actor(workspace, db):
    annotate_qin(workspace)
    async with actors_open(workspace) as (app, pilot, screen):
        await go_to(pilot, screen, "Qin Gang")
        await pilot.press("r")
        await pilot.pause()
        assert "⏎ done" in screen_text(app)  # the footer still names enter
        await burst(pilot, *"Gang Qin", "enter")  # the Input starts with the name selected: typing replaces it
        await settle(pilot)
        assert isinstance(app.screen, ActorsScreen)
        assert "Gang Qin" in {r.name for r in registry_on_disk(db)[0].values()}


async def test_the_library_shows_copies_and_estimated_dates_and_d_sets_a_date(workspace, db):
    app = build(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        copy = handle_id(workspace, "001")
        assert library.articles.notes[copy] == "copy of 000_7cadae28442b5f00, 44% shared"
        assert library.articles.dates[copy].shown() == "~2023-05-29"
        target = library.articles.ids.index(handle_id(workspace, "004"))
        for _ in range(target - library.articles.cursor):
            await pilot.press("down")
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"2023-06-03", "enter")
        await pilot.pause()
        assert registry_on_disk(db)[1] == {handle_id(workspace, "004"): date(2023, 6, 3)}
        assert library.articles.dates[handle_id(workspace, "004")].shown() == "2023-06-03"


async def test_c_in_the_reader_brings_the_copys_spans_over_in_one_undo_step(workspace, db):
    annotate_000(workspace)
    copy = handle_id(workspace, "001")
    app = build(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_article(copy)
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)  # some of 000's spans are not in 001: listed
        text = app.reader.article.text
        spans = stored(db, copy).spans
        assert spans and all(text[s.start : s.end] == s.text for s in spans)
        assert {s.origin for s in spans} == {"copy:000_7cadae28442b5f00"}
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("u")
        await settle(pilot)
        assert stored(db, copy).spans == ()


async def test_a_read_only_annotator_sees_the_actors_but_cannot_decide(seeds_copy, db):
    writer = open_workspace(seeds_copy, db)
    annotate_qin(writer)
    reader_ws = open_workspace(seeds_copy, db)
    app = build(reader_ws)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_actors(pilot)
            await go_to(pilot, screen, "Qin Gang")
            # The footer offers no decision, and the keys take none (no error: nothing happens).
            footer = [line for line in screen_text(app).splitlines() if line.strip()][-1]
            assert "filter" in footer and not any(word in footer for word in ("merge", "split", "confirm", "undo"))
            await pilot.press("c")
            await settle(pilot)
            assert registry_on_disk(db)[0] == {}
            assert isinstance(app.screen, ActorsScreen)
            # The timeline says it is read-only too (as every screen does).
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TimelineScreen)
            assert "read-only:" in screen_text(app) and "3 statements ·" in screen_text(app)
            footer = [line for line in screen_text(app).splitlines() if line.strip()][-1]
            assert "back" in footer and "date" not in footer  # no key to set a date
    finally:
        reader_ws.close()
        writer.close()

"""Library, article switching, undo across articles, quitting, read-only instances and the config checks."""

from __future__ import annotations

import gc

import pytest

from chipread.errors import ConfigError
from chipread.tui import make_app
from chipread.tui.keys import FIXED_IDS, label_keys, spec_of
from chipread.tui.screens.help import HelpScreen
from chipread.tui.screens.library import LibraryScreen
from tests.tui.conftest import (
    Notices,
    article_id_by_handle,
    build,
    burst,
    open_article,
    open_workspace,
    reading,
    screen_text,
    settle,
    stored,
    wait_for_option,
)


def row_ids(app) -> list[str]:
    return list(app.order)


def progress_label(app) -> str:
    return str(app.library.query_one("#progress-label").render())


async def test_library_shows_every_article_and_enter_opens_the_highlighted_one(app, workspace):
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.library.articles.ids) == len(workspace.infos())
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.screen is app.reader
        assert app.reader.article.id == row_ids(app)[1]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_library_filter_as_you_type_and_sort(app, workspace):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"japan times")
        assert [workspace.get(i).source for i in app.order] == ["The Japan Times"]
        await pilot.press("escape")
        assert len(app.order) == len(workspace.infos())
        library = app.library
        await pilot.press("o")
        assert library.sort == "title"
        titles = [workspace.get(i).title.casefold() for i in app.order]
        assert titles == sorted(titles)
        await pilot.press("o")
        assert library.sort == "status"
        await pilot.press("o")
        assert library.sort == "date"
        # Dated articles first, newest first.
        assert workspace.get(app.order[0]).published is not None


async def test_d_marks_done_opens_the_next_to_do_and_the_library_counts_it(app, workspace, db):
    async with app.run_test(size=(120, 36)) as pilot:
        first = app.order[0]
        await open_article(pilot, first)
        await pilot.press("tab", "a", "d")
        await settle(pilot)
        assert stored(db, first).status == "done"
        assert app.reader.article.id == app.order[1]
        row = app.library.rows[first]
        assert row.status == "done" and row.counts["actor"] == 1
        # ] and [ walk the library order.
        await pilot.press("]")
        await settle(pilot)
        assert app.reader.article.id == app.order[2]
        await pilot.press("[", "[")
        await settle(pilot)
        assert app.reader.article.id == app.order[0]
        await pilot.press("[")  # the first: a notice, no move
        assert app.reader.article.id == app.order[0]
        await pilot.press("escape")
        assert progress_label(app).startswith("1 of 5 done")
        assert app.library.articles.rows[first].status == "done"
        assert "done" in screen_text(app)


async def test_d_on_the_last_article_to_do_returns_to_the_library(tiny_app, tiny_workspace, db):
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        for article_id in list(tiny_app.order):
            await open_article(pilot, article_id)
            await pilot.press("d")
            await settle(pilot)
        assert isinstance(tiny_app.screen, LibraryScreen)
        assert all(stored(db, i).status == "done" for i in tiny_app.order)


async def test_undo_and_redo_are_per_article_and_survive_switching(tiny_app, tiny_workspace, db):
    a = article_id_by_handle(tiny_workspace, "b_speakers")
    b = article_id_by_handle(tiny_workspace, "a_markup")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, a)
        await pilot.press("tab", "a")
        await open_article(pilot, b)
        await pilot.press("tab", "a")
        await open_article(pilot, a)
        await pilot.press("u")
        assert stored(db, a).spans == ()
        assert len(stored(db, b).spans) == 1
        await open_article(pilot, b)
        await pilot.press("u")
        assert stored(db, b).spans == ()
        await open_article(pilot, a)
        await pilot.press("U")
        assert len(stored(db, a).spans) == 1


async def test_undo_history_survives_quitting_and_reopening(tiny_corpus, db):
    ws = open_workspace(tiny_corpus, db)
    article_id = article_id_by_handle(ws, "b_speakers")
    app = build(ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await pilot.press("tab", "a", "tab", "a")
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)
    ws.close()
    assert len(stored(db, article_id).spans) == 2
    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    notices = Notices(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_article(pilot, article_id)
        # Yesterday's step: the first u only says what it would undo...
        await pilot.press("u")
        assert len(stored(db, article_id).spans) == 2
        assert any(
            "press u again to undo: tag actor 'China'" in m and "before you opened" in m for m in notices.messages
        )
        # ...the second does it, and the steps after that are guarded again (also older than this run).
        await pilot.press("u")
        assert len(stored(db, article_id).spans) == 1
        await pilot.press("u")
        assert len(stored(db, article_id).spans) == 1
    ws.close()
    # The next day the step undone yesterday is a redo step: U is guarded the same way.
    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    notices = Notices(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_article(pilot, article_id)
        await pilot.press("U")
        assert len(stored(db, article_id).spans) == 1
        assert any(m.startswith("press U again to redo: tag actor") for m in notices.messages)
        await pilot.press("U")
        assert len(stored(db, article_id).spans) == 2
        await pilot.press("u")  # redone in this run: undoing it again asks nothing
        assert len(stored(db, article_id).spans) == 1
    ws.close()


async def test_ctrl_q_quits_from_the_reader_and_nothing_is_lost(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        await pilot.press("tab", "a")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not tiny_app.is_running
    assert len(stored(db, article_id).spans) == 1


async def test_a_second_instance_opens_read_only_and_refuses_edits_without_crashing(tiny_corpus, db):
    first = open_workspace(tiny_corpus, db)
    try:
        article_id = article_id_by_handle(first, "b_speakers")
        second = open_workspace(tiny_corpus, db)
        assert second.readonly and second.readonly_reason
        app = build(second)
        notices = Notices(app)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            assert app.library.query(".readonly-banner")
            await open_article(pilot, article_id)
            banner = app.reader.query_one(".readonly-banner")
            assert "read-only" in str(banner.render())
            await pilot.press("tab", "a", "d", "u", "x")
            assert app.is_running
            assert app.reader.article.id == article_id  # d was refused, so no move either
            assert any("read-only" in m or "being edited" in m for m in notices.messages)
        second.close()
        assert stored(db, article_id).spans == ()
    finally:
        first.close()


async def test_a_read_only_instance_shows_what_the_writer_saved_when_it_comes_back(tiny_corpus, db):
    first = open_workspace(tiny_corpus, db)
    try:
        article_id = article_id_by_handle(first, "b_speakers")
        second = open_workspace(tiny_corpus, db)
        app = build(second)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_article(pilot, article_id)
            assert app.reader.session.spans == ()
            await pilot.press("escape")
            await pilot.pause()
            # Meanwhile the annotator's own chipread tags and finishes the article.
            session = first.session(article_id)
            start = session.article.text.index("Yasutoshi Nishimura")
            session.add_span(start, start + len("Yasutoshi Nishimura"), "actor")
            session.set_status("done")
            app.open_article(article_id)
            await pilot.pause()
            await settle(pilot)
            assert [s.text for s in app.reader.session.spans] == ["Yasutoshi Nishimura"]
            await pilot.press("escape")
            await pilot.pause()
            assert app.library.rows[article_id].status == "done"
        second.close()
    finally:
        first.close()


def write_config(tmp_path, body: str):
    path = tmp_path / "chipread.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_label_key_that_collides_with_a_default_key_fails_with_one_line(tiny_corpus, db, tmp_path):
    config = write_config(tmp_path, '[labels.actor]\nkey = "j"\n[labels.quote]\nkey = "q"\n[labels.claim]\nkey = "c"\n')
    ws = open_workspace(tiny_corpus, db, config)
    try:
        with pytest.raises(ConfigError) as caught:
            make_app(ws)
        message = str(caught.value)
        assert "\n" not in message
        assert "actor" in message and "'j'" in message and "line-down" in message
    finally:
        ws.close()


def test_a_keymap_that_frees_the_key_makes_the_label_key_legal(tiny_corpus, db, tmp_path):
    config = write_config(
        tmp_path, '[labels.actor]\nkey = "j"\n[labels.quote]\n[labels.claim]\n[keys]\nline-down = "down"\n'
    )
    ws = open_workspace(tiny_corpus, db, config)
    try:
        make_app(ws)
    finally:
        ws.close()


def test_unknown_binding_ids_and_themes_are_config_errors(tiny_corpus, db, tmp_path):
    for body, needle in (
        ('[keys]\nnext-sugestion = "n"\n', "keys.next-sugestion"),
        ('theme = "no-such-theme"\n', "theme"),
    ):
        ws = open_workspace(tiny_corpus, db, write_config(tmp_path, body))
        try:
            with pytest.raises(ConfigError, match=needle):
                make_app(ws)
        finally:
            ws.close()


async def test_keys_remapped_in_the_config_work_and_help_shows_them(tiny_corpus, db, tmp_path):
    config = write_config(tmp_path, '[keys]\nnext-suggestion = "ctrl+n"\ntag-actor = "A"\n')
    ws = open_workspace(tiny_corpus, db, config)
    article_id = article_id_by_handle(ws, "b_speakers")
    app = build(ws)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await open_article(pilot, article_id)
            await pilot.press("ctrl+n", "A")
            assert [s.label for s in stored(db, article_id).spans] == ["actor"]
            await pilot.press("tab", "a")  # the old keys do nothing now
            assert len(stored(db, article_id).spans) == 1
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            rows = {row.does: row.keys for row in app.screen.key_rows()}
            assert rows[spec_of("next-suggestion", ws.labels).help] == "^n"
            assert rows[label_keys(ws.labels)[0].help] == "A"
    finally:
        ws.close()


async def test_help_lists_every_binding_from_the_definitions(app, workspace):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.key_rows()
        assert len(rows) == len(FIXED_IDS) + len(label_keys(workspace.labels))  # a tag and a jump key per label
        shown = {row.keys for row in rows}
        for expected in ("tab", "⏎", "?", "^q", '"', "(", ")", "G", "U ^y"):
            assert any(expected in keys.split() or expected == keys for keys in shown), expected
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_command_palette_jumps_to_an_article(app, workspace):
    target = next(info for info in workspace.infos() if info.source == "The Japan Times")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open: The United States")
        await wait_for_option(pilot, "Open: The United States")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reader
        assert app.reader.article.id == target.id


async def test_command_palette_tags_and_marks_from_the_reader(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        tiny_app.reader.view.move_to(tiny_app.reader.article.text.index("Japan"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tag as actor")
        await wait_for_option(pilot, "Tag as actor")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Mark article skipped")
        await wait_for_option(pilot, "Mark article skipped")
        await pilot.press("enter")
        await pilot.pause()
        saved = stored(db, article_id)
        assert [(s.text, s.label) for s in saved.spans] == [("Japan", "actor")]
        assert saved.status == "skipped"


async def test_command_palette_exports_jsonl_through_the_shared_export_function(tiny_app, tiny_workspace, db):
    import json

    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        await pilot.press("tab", "a")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export annotations as jsonl")
        await wait_for_option(pilot, "Export annotations as jsonl")
        await pilot.press("enter")  # the export dialog, its path filled in beside the store
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        path = tiny_app.export_path("jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    (record,) = [r for r in records if r.get("spans")]
    assert [(s["label"], record["text"][s["start"] : s["end"]]) for s in record["spans"]] == [("actor", "Japan")]


async def test_u_right_after_d_asks_before_undoing_work_made_before_this_article_was_opened(tiny_corpus, db):
    ws = open_workspace(tiny_corpus, db)
    speakers = article_id_by_handle(ws, "b_speakers")
    app = build(ws)
    async with app.run_test(size=(120, 36)) as pilot:  # yesterday: a quote linked to its speaker
        await open_article(pilot, speakers)
        app.reader.view.move_to(app.reader.article.text.index("useful"))
        await pilot.press("q", "r", "enter")
    ws.close()
    assert len(stored(db, speakers).relations) == 1

    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    notices = Notices(app)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await open_article(pilot, article_id_by_handle(ws, "a_markup"))
            await pilot.press("d")  # done, and on to b_speakers (in progress since yesterday)
            await settle(pilot)
            assert app.reader.article.id == speakers
            await pilot.press("u")
            assert len(stored(db, speakers).relations) == 1  # not undone
            assert (
                "press u again to undo: link quote to 'Yasutoshi Nishimura' (made before you opened this article)"
                in notices.messages
            )
            await pilot.press("u")
            assert stored(db, speakers).relations == ()
            # Undone just now: redo needs no second press, and neither does undoing it again.
            await pilot.press("U")
            assert len(stored(db, speakers).relations) == 1
            await pilot.press("u")
            assert stored(db, speakers).relations == ()
            # A move between the two presses disarms the first: u then l then u only asks again,
            # however fast they come (the move's message may arrive after the second u).
            await pilot.press("u", "l", "u")
            assert len(stored(db, speakers).spans) == 1  # the quote (tagged yesterday) is still there
            await burst(pilot, "l", "u", "l", "u")
            assert len(stored(db, speakers).spans) == 1
            # ...and a move just before the pair does not disarm it: l u u undoes.
            await burst(pilot, "l", "u", "u")
            assert stored(db, speakers).spans == ()
            await pilot.press("U")  # redone at once: it was undone in this run
            assert len(stored(db, speakers).spans) == 1
            # A step made now is undone at once.
            app.reader.view.move_to(app.reader.article.text.index("Beijing"))
            await pilot.press("a")
            assert len(stored(db, speakers).spans) == 2
            await pilot.press("u")
            assert len(stored(db, speakers).spans) == 1
    finally:
        ws.close()


async def test_a_filter_that_matches_nothing_says_so_and_brackets_do_not_walk_every_article(tiny_app, tiny_workspace):
    notices = Notices(tiny_app)
    async with tiny_app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("slash", *"xyz")
        assert tiny_app.order == []
        assert "0 shown" in progress_label(tiny_app)
        assert "no article matches 'xyz'" in screen_text(tiny_app)
        await pilot.press("enter")
        first = tiny_workspace.infos()[0].id
        await open_article(pilot, first)
        await pilot.press("]")
        await settle(pilot)
        assert tiny_app.reader.article.id == first
        assert notices.any("no article matches the library filter 'xyz'")


async def test_sessions_are_kept_for_the_most_recent_articles_only(tmp_path, db):
    import gc
    import json
    import weakref

    from chipread.tui.app import SESSIONS_KEPT

    corpus = tmp_path / "many.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": f"n{i:04d}", "text": f"Title {i}\n\nJapan and China met on day {i}."}) + "\n"
            for i in range(SESSIONS_KEPT + 8)
        ),
        encoding="utf-8",
    )
    ws = open_workspace(corpus, db)
    app = build(ws)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            ids = [info.id for info in ws.infos()]
            # Observed as memory: a session the app no longer keeps is freed; the most recent ones are not.
            opened = [weakref.ref(app.session(article_id)) for article_id in ids]
            gc.collect()
            kept = [ref() is not None for ref in opened]
            assert kept == [False] * (len(ids) - SESSIONS_KEPT) + [True] * SESSIONS_KEPT
            assert app.session(ids[-1]) is opened[-1]()  # a kept session is the same object, not reopened
            # A dropped session comes back from its file, undo history included.
            await open_article(pilot, ids[0])
            await pilot.press("tab", "a")
            for article_id in ids[1:]:
                app.session(article_id)
            await open_article(pilot, ids[0])
            await pilot.press("u")
            assert stored(db, ids[0]).spans == ()
    finally:
        ws.close()


def test_a_remap_onto_another_key_of_the_span_list_fails_with_one_line(tiny_corpus, db, tmp_path):
    for body, needle in (
        ('[keys]\npanel-down = "x"\n', "panel-delete"),
        ('[keys]\nlibrary-sort = "escape"\n', "clear the filter"),
    ):
        ws = open_workspace(tiny_corpus, db, write_config(tmp_path, body))
        try:
            with pytest.raises(ConfigError, match=needle) as caught:
                make_app(ws)
            assert "\n" not in str(caught.value)
        finally:
            ws.close()


async def test_remapped_label_keys_show_in_the_palette_and_in_notices(tiny_corpus, db, tmp_path):
    config = write_config(tmp_path, '[keys]\ntag-actor = "A"\ntag-quote = "Q"\nlink = "R"\n')
    ws = open_workspace(tiny_corpus, db, config)
    article_id = article_id_by_handle(ws, "b_speakers")
    app = build(ws)
    notices = Notices(app)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await open_article(pilot, article_id)
            app.reader.view.move_to(app.reader.article.text.index("useful"))
            await pilot.press("R")
            assert notices.any("tag this quote first (Q), then press R to link its speaker")
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Tag as actor")
            await wait_for_option(pilot, "Tag as actor (A)")
            assert "A" in screen_text(app) and "Tag as actor (a)" not in screen_text(app)
    finally:
        ws.close()


def test_every_binding_chipread_declares_has_an_id_the_config_can_remap():
    from chipread.tui.app import ChipreadApp
    from chipread.tui.screens.reader import ReaderScreen
    from chipread.tui.widgets.annotated_text import AnnotatedText
    from chipread.tui.widgets.article_list import ArticleList
    from chipread.tui.widgets.span_panel import SpanPanel

    for cls in (ChipreadApp, LibraryScreen, ReaderScreen, HelpScreen, AnnotatedText, SpanPanel, ArticleList):
        for binding in vars(cls).get("BINDINGS", []):
            assert binding.id in FIXED_IDS, (cls.__name__, binding)


async def test_the_filter_clear_and_help_keys_follow_the_keymap(tiny_corpus, db, tmp_path):
    config = write_config(tmp_path, '[keys]\nlibrary-clear-filter = "x"\nhelp-close = "c"\nhelp-down = "J"\n')
    ws = open_workspace(tiny_corpus, db, config)
    app = build(ws)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("slash", *"quiet", "enter")
            assert len(app.order) == 1
            await pilot.press("escape")  # no longer the key: the filter stays
            assert len(app.order) == 1
            await pilot.press("x")
            assert len(app.order) == 3 and app.library.filter_text == ""
            await pilot.press("question_mark", "escape")
            assert isinstance(app.screen, HelpScreen)
            assert ("This screen", "c", "close this screen", "help-close") in app.screen.key_rows()
            await pilot.press("c")
            assert isinstance(app.screen, LibraryScreen)
    finally:
        ws.close()
    ws = open_workspace(tiny_corpus, db, write_config(tmp_path, '[keys]\nhelp-close = "ctrl+q"\n'))
    try:
        with pytest.raises(ConfigError, match="keys.help-close"):
            make_app(ws)
    finally:
        ws.close()


def write_jsonl_corpus(path, count: int):
    """`count` small articles, dated and from three outlets, as one .jsonl corpus."""
    import json

    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"n{i:05d}",
                    "title": f"Article {i} on chips",
                    "source": ("Wire", "Daily", "Times")[i % 3],
                    "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": f"Article {i} on chips\n\nJapan and China met on day {i}.",
                }
            )
            + "\n"
            for i in range(count)
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
async def test_a_library_of_5000_articles_opens_filters_sorts_and_opens_an_article(tmp_path, db):
    # Timing is for benchmarks/bench_library.py; this checks that every step works at that size and
    # that the list still draws only what is on screen.
    ws = open_workspace(write_jsonl_corpus(tmp_path / "many.jsonl", 5000), db)
    app = build(ws)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            articles = app.library.articles
            assert len(articles.ids) == 5000 and progress_label(app).startswith("0 of 5000 done")
            drawn = []  # the lines of the list drawn (Textual's Line API calls render_line for each)
            original = articles.render_line
            articles.render_line = lambda y: drawn.append(y) or original(y)
            await pilot.press("slash", "4", "9")
            drawn.clear()
            await pilot.press("9")
            await pilot.pause()
            assert sorted(app.order) == sorted(f"n{i:05d}" for i in (499, 1499, 2499, 3499, 4499, *range(4990, 5000)))
            # Drawn line by line, only the lines on screen: not 5,000 rows' worth.
            assert drawn and max(drawn) < articles.size.height
            await pilot.press("z")
            assert app.order == [] and "no article matches '499z'" in screen_text(app)
            await pilot.press("backspace", "enter", "o", "o")  # back to the 15; sorted by status, then by title
            assert app.library.sort == "status"
            assert app.order[:2] == ["n01499", "n02499"]  # "Article 1499 on chips", "Article 2499 ..."
            await pilot.press("G", "enter")
            await settle(pilot)
            assert app.reader.article.id == "n04999"
            await pilot.press("tab", "a")
            drawn.clear()
            await pilot.press("escape")  # tagging used up tab's highlight: escape goes back to the library
            await pilot.pause()
            # Back in the library (sorted by status: the article is in progress now, so first), its row
            # is drawn anew with its new count, and no row off screen is drawn.
            assert app.library.rows["n04999"].counts["actor"] == 1
            assert app.order[0] == "n04999" and "in progress" in screen_text(app)
            assert {1, 2} <= set(drawn) and max(drawn) < articles.size.height  # the top row's two lines
            assert [s.text for s in stored(db, "n04999").spans] == ["Japan"]
    finally:
        ws.close()


async def test_what_the_app_loaded_at_start_is_frozen_so_full_collections_stay_short(app, workspace):
    """A full collection walked every object of Textual and the recognizer: a 50-70 ms pause inside a key, a few
    times a minute while tagging. Once the recognizer is loaded, what is alive then is frozen (and not walked)."""
    gc.unfreeze()
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert workspace.recognizer is not None
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Textual alone is more than that
        await pilot.press("enter")  # an article opened afterwards is not frozen: its analysis stays collectable
        await settle(pilot)
        assert gc.get_freeze_count() <= frozen  # (frozen objects that die are still freed)

"""Library, article switching, undo across articles, quitting, read-only instances and the config checks."""

from __future__ import annotations

import pytest

from chipread.errors import ConfigError
from chipread.tui import make_app
from chipread.tui.commands import export_available
from chipread.tui.keys import FIXED_IDS, label_keys
from chipread.tui.screens.help import HelpScreen
from chipread.tui.screens.library import LibraryScreen
from tests.tui.conftest import (
    article_id_by_handle,
    build,
    open_article,
    open_workspace,
    settle,
    stored,
)


def row_ids(app) -> list[str]:
    return list(app.order)


async def test_library_shows_every_article_and_enter_opens_the_highlighted_one(app, workspace):
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.library.table
        assert table.row_count == len(workspace.infos())
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
        assert app.library.progress_label().startswith("1 of 5 done")
        assert "done" in app.library.table.get_row(first)[0].plain


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
    async with app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await pilot.press("u")
    ws.close()
    assert len(stored(db, article_id).spans) == 1


async def test_ctrl_q_quits_from_the_reader_and_nothing_is_lost(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
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
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            assert app.library.query(".readonly-banner")
            await open_article(pilot, article_id)
            banner = app.reader.query_one(".readonly-banner")
            assert "read-only" in str(banner.render())
            await pilot.press("tab", "a", "d", "u", "x")
            assert app.is_running
            assert app.reader.article.id == article_id  # d was refused, so no move either
            messages = [n.message for n in app._notifications]
            assert any("read-only" in m or "being edited" in m for m in messages)
        second.close()
        assert stored(db, article_id).spans == ()
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
    config = write_config(tmp_path, '[labels.actor]\nkey = "j"\n[labels.quote]\n[labels.claim]\n[keys]\nline-down = "down"\n')
    ws = open_workspace(tiny_corpus, db, config)
    try:
        make_app(ws)
    finally:
        ws.close()


def test_unknown_binding_ids_and_themes_are_config_errors(tiny_corpus, db, tmp_path):
    for body, needle in (('[keys]\nnext-sugestion = "n"\n', "keys.next-sugestion"), ('theme = "no-such-theme"\n', "theme")):
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
            rows = {what: keys for _, keys, what in app.screen.key_rows()}
            assert rows["next suggestion (entity, quote, claim); next speaker when linking"] == "^n"
            assert rows[label_keys(ws.labels)[0].help] == "A"
    finally:
        ws.close()


async def test_help_lists_every_binding_from_the_definitions(app, workspace):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.key_rows()
        assert len(rows) == len(FIXED_IDS) + len(workspace.labels.labels)
        shown = {keys for _, keys, _ in rows}
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
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reader
        assert app.reader.article.id == target.id


async def test_command_palette_tags_and_marks_from_the_reader(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        tiny_app.reader.view.move_to(tiny_app.reader.article.text.index("Japan"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tag as actor")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Mark article skipped")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        saved = stored(db, article_id)
        assert [(s.text, s.label) for s in saved.spans] == [("Japan", "actor")]
        assert saved.status == "skipped"


@pytest.mark.skipif(not export_available(), reason="chipread.export is not built yet")
async def test_command_palette_exports_jsonl_through_the_shared_export_function(tiny_app, tiny_workspace, db):
    import json

    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await pilot.press("tab", "a")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export all annotations as jsonl")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        path = tiny_app.export_path("jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    (record,) = [r for r in records if r.get("spans")]
    assert [(s["label"], record["text"][s["start"]:s["end"]]) for s in record["spans"]] == [("actor", "Tokyo")]

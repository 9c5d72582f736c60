"""The annotator opens whatever it can: a damaged store file, NO_COLOR, a recognizer or gazetteer that fails."""

from __future__ import annotations

from chipread.store.layout import file_name
from chipread.tui.screens.library import LibraryScreen
from tests.tui.conftest import (
    ANNOTATOR,
    article_id_by_handle,
    build,
    open_workspace,
    reading,
    screen_text,
    settle,
    stored,
)


async def tag_first_suggestion(pilot) -> None:
    await pilot.press("tab", "a")
    await settle(pilot)


async def test_a_damaged_store_file_leaves_the_rest_of_the_annotator_working(tiny_corpus, db):
    ws = open_workspace(tiny_corpus, db)
    damaged_id = article_id_by_handle(ws, "b_speakers")
    ws.session(damaged_id).add_span(0, 9, "actor")
    ws.close()
    path = db / ANNOTATOR / file_name(damaged_id)
    path.write_text('{"spans": {\n"1": {"id": "s1", "article_')  # cut off mid-write by a broken disk

    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.order) == 3  # every article is listed
        assert "damaged" in screen_text(app) and file_name(damaged_id) in screen_text(app)
        # The damaged article does not open (one line says why); the library stays.
        app.open_article(damaged_id)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "cannot open" in screen_text(app)
        # Every other article works as ever: a tag is on disk.
        plain = article_id_by_handle(ws, "c_plain")
        app.open_article(plain)
        await settle(pilot)
        assert app.screen is app.reader
        await tag_first_suggestion(pilot)
    assert len(stored(db, plain).spans) == 1
    assert path.read_text().startswith('{"spans"')  # never overwritten
    ws.close()


async def test_no_color_with_the_span_list_beside_the_text(tiny_corpus, db, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    async with reading(app, ws, "b_speakers", size=(140, 36)) as (pilot, article_id):
        assert app.screen is app.reader
        assert "no spans yet" in screen_text(app)
        await tag_first_suggestion(pilot)
        assert "no spans yet" not in screen_text(app)
        # The library's empty hint is drawn without colour as well.
        app.show_library()
        await pilot.pause()
        await pilot.press("slash", *"zzzq")
        await pilot.pause()
        assert app.order == [] and "no article matches 'zzzq'" in screen_text(app)
    assert app.return_code in (None, 0)
    assert len(stored(db, article_id).spans) == 1
    ws.close()


async def _opens_with_one_line(tiny_corpus, db, config_text: str, needle: str) -> None:
    config = tiny_corpus / "chipread.toml"
    config.write_text(config_text)
    ws = open_workspace(tiny_corpus, db, config)
    app = build(ws)
    article_id = article_id_by_handle(ws, "b_speakers")
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        app.open_article(article_id)
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "not opened" in shown and needle in shown, shown  # the toast: one line (wrapped on screen)
        assert app.reader.analysis is not None and app.reader.analysis.entities  # the built-in one found them
        await tag_first_suggestion(pilot)
    assert app.return_code in (None, 0)
    assert len(stored(db, article_id).spans) == 1
    ws.close()


async def test_a_gazetteer_that_cannot_be_read_is_one_line(tiny_corpus, db):
    await _opens_with_one_line(tiny_corpus, db, 'gazetteer = "/etc"\n', "/etc")


async def test_a_recognizer_that_does_not_load_is_one_line(tiny_corpus, db):
    await _opens_with_one_line(tiny_corpus, db, 'ner = "spacy:no_such_model_here"\n', "no_such_model_here")


async def test_an_unexpected_error_is_one_line_without_locals(tiny_app, tiny_workspace, monkeypatch):
    import pytest

    from chipread.tui.app import InternalError

    secret = "a stored record that must not be printed"

    def broken(self, *args, **kwargs):
        record = {"text": secret}  # noqa: F841 - a local a traceback with locals would print
        raise RuntimeError("boom")

    monkeypatch.setattr(LibraryScreen, "action_sort", broken)
    with pytest.raises(InternalError) as err:
        async with tiny_app.run_test(size=(120, 36)) as pilot:
            await pilot.press("o")
            await pilot.pause()
    assert "RuntimeError: boom" in str(err.value)
    assert secret not in str(err.value.__rich__())
    assert tiny_app.return_code == 1


async def test_a_damaged_imported_article_leaves_the_corpus_open(tiny_corpus, db, tmp_path):
    import json

    from chipread.export import import_file
    from chipread.workspace import Workspace

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Wire\n\nAlice spoke.", "spans": []}) + "\n")
    ws = open_workspace(tiny_corpus, db)
    import_file(ws, path)
    ws.close()
    (imported,) = (db / "_imported").iterdir()
    imported.write_text('{"id": "x", "te')
    # As `chipread` opens the annotator: what cannot be read is a line, not an error.
    ws = Workspace.open(tiny_corpus, db=db, use_cache=False, tolerant=True)
    app = build(ws)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen) and len(app.order) == 3
        assert imported.name in " ".join(screen_text(app).split())
    ws.close()

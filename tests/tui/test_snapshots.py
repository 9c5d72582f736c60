"""Pictures of the library, the reader with highlights and spans, and help (update: pytest --snapshot-update)."""

from __future__ import annotations

from tests.tui.conftest import article_id_by_handle, build, open_workspace, settle

SIZE = (100, 30)


def make(corpus, db):
    ws = open_workspace(corpus, db)
    return ws, build(ws)


def test_library(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)
    try:
        assert snap_compare(app, terminal_size=SIZE)
    finally:
        ws.close()


def test_reader_with_highlights_spans_and_a_link(snap_compare, tiny_corpus, db):
    ws, app = make(tiny_corpus, db)
    article_id = article_id_by_handle(ws, "b_speakers")

    async def annotate(pilot) -> None:
        app.open_article(article_id)
        await settle(pilot)
        reader = app.reader
        text = reader.article.text
        reader.view.move_to(text.index("Japan"))
        await pilot.press("a", "tab", "a")  # Japan, China
        reader.view.move_to(text.index("useful"))
        await pilot.press("s", "c")  # the sentence as a claim...
        reader.view.move_to(text.index("useful"))
        await pilot.press("q", "r", "enter")  # ...with the quote inside it, linked to its speaker
        reader.view.move_to(text.index("Beijing"))
        await pilot.press("tab")  # the next suggestion highlighted
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=annotate)
    finally:
        ws.close()


def test_reader_in_a_light_theme(snap_compare, tiny_corpus, db, tmp_path):
    config = tmp_path / "chipread.toml"
    config.write_text('theme = "textual-light"\n', encoding="utf-8")
    ws = open_workspace(tiny_corpus, db, config)
    app = build(ws)
    article_id = article_id_by_handle(ws, "b_speakers")

    async def annotate(pilot) -> None:
        assert app.theme == "textual-light"
        app.open_article(article_id)
        await settle(pilot)
        reader = app.reader
        reader.view.move_to(reader.article.text.index("Yasutoshi"))
        await pilot.press("a", "Q", "q", "r")  # the speaker, the quote, and the proposed link
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=annotate)
    finally:
        ws.close()


def test_reader_at_80_by_24(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)

    async def open_first(pilot) -> None:
        app.open_article(app.order[0])
        await settle(pilot)
        await pilot.press("tab", "a", "tab")
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=open_first)
    finally:
        ws.close()


def test_help(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)
    try:
        assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])
    finally:
        ws.close()

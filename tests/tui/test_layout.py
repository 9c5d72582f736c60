"""80x24 without cutting anything off, soft wrapping, untrusted text shown literally, the mouse."""

from __future__ import annotations

from textual.geometry import Region

from chipread.tui.widgets.wrap import Wrapped
from tests.tui.conftest import Notices, article_id_by_handle, build, open_article, open_workspace, reading, stored


def visible_widgets(app):
    return [w for w in app.screen.query("*") if w.display and w.region.area]


async def test_80x24_nothing_is_cut_off_and_the_span_list_moves_below(app, workspace):
    article_id = article_id_by_handle(workspace, "002_6d134497452b6bb1")
    async with app.run_test(size=(80, 24)) as pilot:
        screen_region = Region(0, 0, 80, 24)
        for widget in visible_widgets(app):
            assert screen_region.contains_region(widget.region), widget
        await open_article(pilot, article_id)
        reader = app.reader
        view = reader.view
        # The span list starts hidden at this width; the text keeps nearly the whole width.
        assert not reader.panel.display
        assert view.region.width >= 76
        for widget in visible_widgets(app):
            assert screen_region.contains_region(widget.region), widget
        for name in ("#reader-title", "#reader-meta", "#legend", "#status", "Footer"):
            assert reader.query_one(name).region.height >= 1, name
        assert view.region.height >= 10
        # Every visual line fits the text width: soft wrap, no horizontal scrolling.
        width = view.scrollable_content_region.width
        wrapped = view.wrapped
        assert wrapped.width == width
        text = reader.article.text
        assert all(e - s <= width for s, e in zip(wrapped.starts, wrapped.ends))
        assert view.max_scroll_x == 0
        # Every word of the article is on some line, whole (no word is split at 80 columns).
        words = set(text.split())
        shown = set()
        for s, e in zip(wrapped.starts, wrapped.ends):
            shown.update(text[s:e].split())
        assert words == shown
        # p shows the list below the text, not beside it; the text keeps its width.
        await pilot.press("p")
        assert reader.panel.display
        assert reader.panel.region.y > view.region.y
        assert view.region.width >= 76
        for widget in visible_widgets(app):
            assert screen_region.contains_region(widget.region), widget
        await pilot.press("p")
        assert not reader.panel.display


async def test_wide_terminals_put_the_span_list_beside_the_text(app, workspace):
    async with app.run_test(size=(140, 40)) as pilot:
        await open_article(pilot, app.order[0])
        reader = app.reader
        assert reader.panel.display
        assert reader.panel.region.x > reader.view.region.x
        assert reader.view.region.width > 90


async def test_o_goes_to_the_span_list_enter_jumps_x_deletes(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(80, 24)) as (pilot, article_id):
        reader = tiny_app.reader
        text = reader.article.text
        reader.view.move_to(text.index("useful"))
        await pilot.press("q", "r", "enter")
        await pilot.press("g", "o")
        assert reader.panel.display and tiny_app.focused is reader.panel
        rows = reader.panel.rows
        # Reading order; the link sits under its quote.
        assert [(r.kind, r.span.text) for r in rows] == [
            ("span", "Yasutoshi Nishimura"),
            ("span", "frank and useful"),
            ("relation", "frank and useful"),
        ]
        await pilot.press("j", "enter")
        assert tiny_app.focused is reader.view
        assert not reader.panel.display  # borrowed for the jump only, at this width
        assert reader.view.cursor_offset == text.index("frank")
        await pilot.press("o", "j", "x")  # the link row
        saved = stored(db, article_id)
        assert saved.relations == () and len(saved.spans) == 2
        await pilot.press("escape")
        assert tiny_app.focused is reader.view


async def test_markup_in_article_text_and_titles_shows_literally(tiny_app, tiny_workspace):
    article_id = article_id_by_handle(tiny_workspace, "a_markup")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        library_shot = tiny_app.export_screenshot()
        assert "[bold]Markup[/]" in _plain(library_shot)
        await open_article(pilot, article_id)
        reader_shot = _plain(tiny_app.export_screenshot())
        assert "[bold]Markup[/] stays literal" in reader_shot
        assert "[red]this is not markup[/]" in reader_shot
        # The quote suggestion's text goes through the status line and a notification literally too.
        reader = tiny_app.reader
        reader.view.move_to(reader.article.text.index("not markup"))
        await pilot.press("q")
        assert "[red]" in str(reader.query_one("#status-saved").render())


async def test_mouse_click_places_the_cursor_and_drag_selects(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        start = text.index("Yasutoshi")
        y, x = view.line_column(start)
        gutter_x, gutter_y = view.gutter.top_left
        await pilot.click(view, offset=(x + gutter_x, y + gutter_y))
        assert view.cursor_offset == start
        end = text.index("Nishimura")
        y2, x2 = view.line_column(end)
        await pilot.mouse_down(view, offset=(x + gutter_x, y + gutter_y))
        await pilot.hover(view, offset=(x2 + gutter_x + 2, y2 + gutter_y))
        await pilot.mouse_up(view, offset=(x2 + gutter_x + 2, y2 + gutter_y))
        assert view.selection == (start, end + len("Nishimura"))
        await pilot.press("a")
        assert [s.text for s in stored(db, article_id).spans] == ["Yasutoshi Nishimura"]


def test_wrapping_keeps_words_whole_and_splits_only_words_wider_than_the_view():
    text = "alpha beta gamma\n\n  indented line here\n" + "x" * 25
    wrapped = Wrapped(text, 10)
    lines = [text[s:e] for s, e in zip(wrapped.starts, wrapped.ends)]
    assert lines == ["alpha beta", "gamma", "", "  indented", "line here", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]
    wide = Wrapped("日本語の テキスト", 6)
    # Wide characters count two cells; a word wider than the view is split by cells.
    assert [("日本語の テキスト")[s:e] for s, e in zip(wide.starts, wide.ends)] == ["日本語", "の", "テキス", "ト"]


def _plain(svg: str) -> str:
    """Text of an SVG screenshot (Textual writes each run of text in its own element, entities escaped)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_orphaned_spans_are_marked_in_the_list_counted_and_never_drawn_or_jumped_to(tiny_corpus, db):
    ws = open_workspace(tiny_corpus, db)
    article_id = article_id_by_handle(ws, "b_speakers")
    app = build(ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        text = app.reader.article.text
        app.reader.view.move_to(text.index("Beijing"))
        await pilot.press("s", "c")  # "Beijing disagreed" as a claim (the full stop is the host sentence's)
        app.reader.view.move_to(text.index("Japan"))
        await pilot.press("a")
    ws.close()
    # The article is edited: the claim's text is gone, the actor's is still there.
    path = tiny_corpus / "b_speakers.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Beijing disagreed.", "Seoul agreed on Friday."), encoding="utf-8"
    )
    ws = open_workspace(tiny_corpus, db)
    app = build(ws)
    notices = Notices(app)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await open_article(pilot, article_id_by_handle(ws, "b_speakers"))
            reader = app.reader
            assert [s.text for s in reader.session.flagged] == ["Beijing disagreed"]
            assert "1 flagged" in str(reader.query_one("#reader-meta").render())
            # Not drawn at its old offsets (which now hold other words).
            assert [s.text for s in reader.view.spans.values()] == ["Japan"]
            rows = reader.panel.rows
            orphan = next(i for i, r in enumerate(rows) if r.span.flag)
            assert reader.panel.scroll_y == 0
            assert "⚠ orphaned claim" in reader.panel.render_line(orphan).text
            # enter on it explains instead of jumping.
            before = reader.view.cursor_offset
            await pilot.press("o", *["j"] * orphan, "enter")
            assert reader.view.cursor_offset == before
            assert notices.any("orphaned claim 'Beijing disagreed'")
    finally:
        ws.close()


def status_rows(app) -> str:
    """The status line's two rows as shown (the two lines above the footer), spaces collapsed."""
    shown = [line for line in _plain(app.export_screenshot()).splitlines() if line.strip()]
    return " ".join(" ".join(shown[-3:-1]).split())


async def test_the_status_line_keeps_the_linking_keys_at_80_by_24(tiny_app, tiny_workspace):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(80, 24)) as (pilot, article_id):
        reader = tiny_app.reader
        reader.view.move_to(reader.article.text.index("useful"))
        await pilot.press("q", "r")
        await pilot.pause()
        status = status_rows(tiny_app)
        for hint in ("accept", "tab next", "move to pick", "esc cancel"):
            assert hint in status, (hint, status)
        # The saved area takes what its message needs, at most 32 columns.
        saved = reader.query_one("#status-saved")
        assert saved.region.width <= 32
        assert reader.query_one("#status-info").region.width >= 80 - 2 - 32
        # A tag: what was saved and what is under the cursor both show in full.
        await pilot.press("escape")
        reader.view.move_to(reader.article.text.index("Japan"))
        await pilot.press("a")
        status = status_rows(tiny_app)
        assert "saved ✓ actor 'Japan'" in status and "actor · GPE Japan" in status, status
        # A refusal: the reason and the keys that would help, on the status line's two rows.
        reader.view.move_to(reader.article.text.index(".", reader.article.text.index("Monday")))
        await pilot.press("a")
        status = " ".join(status_rows(tiny_app).replace("saved ✓ actor 'Japan'", " ").split())  # the right column
        assert 'not tagged no actor suggestion or word here: select the text first (v, shift+→, e, s, ")' in status, (
            status
        )


async def test_a_theme_switch_restyles_the_status_line_the_library_and_the_empty_span_list(tiny_app, tiny_workspace):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 30)) as pilot:
        reader = tiny_app.reader

        def library_lines():
            articles = tiny_app.library.articles
            return [articles.render_line(y) for y in range(articles.size.height)]

        await open_article(pilot, article_id)
        # No spans yet: the hint sits on the list's own background, in any theme.
        tiny_app.theme = "textual-light"
        await pilot.pause()
        panel = reader.panel
        hint = panel.render_line(0)
        assert {seg.style.bgcolor for seg in hint if seg.style} == {panel.rich_style.bgcolor}
        tiny_app.theme = "textual-dark"
        await pilot.pause()
        reader.view.move_to(reader.article.text.index("Japan"))
        await pilot.press("a")
        await pilot.pause()
        dark_status = tiny_app.library.articles.get_component_rich_style("article-list--in-progress", partial=True)
        tiny_app.theme = "textual-light"
        await pilot.pause()
        # The status line's label chip has the light theme's colour at once, without a cursor move.
        info = reader.query_one("#status-info").render()
        chip = next(span for span in info.spans if "actor" in info.plain[span.start : span.end])
        assert chip.style.background.hex.lower() == reader.view.label_style("actor").bgcolor.triplet.hex.lower()
        # So has the legend above the text, for the labels and the entity types.
        legend = reader.query_one("#legend").render()
        for name, style in (("actor", reader.view.label_style("actor")), ("GPE", reader.view.entity_style("GPE"))):
            piece = next(span for span in legend.spans if legend.plain[span.start : span.end].strip() == name)
            assert piece.style.background.hex.lower() == style.bgcolor.triplet.hex.lower(), name
        # Back in the library, its status cell is drawn with the light theme's colour.
        await pilot.press("escape")
        await pilot.pause()
        light_status = tiny_app.library.articles.get_component_rich_style("article-list--in-progress", partial=True)
        assert light_status.color != dark_status.color
        segments = [seg for line in library_lines() for seg in line if "in progress" in seg.text]
        assert segments and all(seg.style and seg.style.color == light_status.color for seg in segments)

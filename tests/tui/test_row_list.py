"""The lists' shared machinery (RowList) through both its lists: clicks, cursor moves, drawing only what shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from chipread.tui.widgets.table_list import Column, TableList
from tests.tui.conftest import build, screen_text, settle


class TableApp(App):
    """One TableList of numbered rows; what it tells its screen is kept in `opened` and `moved`."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.opened: list[int] = []
        self.moved: list[int] = []

    def compose(self) -> ComposeResult:
        yield TableList([Column("n", 6, "right"), Column("text")], lambda n: [Text(str(n)), Text(f"row {n}")])

    def on_mount(self) -> None:
        table = self.query_one(TableList)
        table.focus()
        table.show(list(range(self.count)))

    def on_table_list_open(self, message: TableList.Open) -> None:
        self.opened.append(message.index)

    def on_table_list_moved(self, message: TableList.Moved) -> None:
        self.moved.append(message.index)


async def test_a_click_moves_the_cursor_and_a_click_on_the_highlighted_row_opens_it():
    app = TableApp(5)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(TableList)
        await pilot.click(TableList, offset=(10, 0))  # the header: nothing happens
        await pilot.click(TableList, offset=(10, 3))  # the third row
        await pilot.pause()
        assert table.current == 2 and app.opened == [] and app.moved[-1] == 2
        await pilot.click(TableList, offset=(10, 3))
        await pilot.pause()
        assert app.opened == [2] and table.current == 2
        await pilot.click(TableList, offset=(10, 9))  # below the last row: nothing happens
        await pilot.pause()
        assert app.opened == [2] and table.current == 2


async def test_twenty_thousand_rows_draw_only_the_lines_on_screen_and_follow_the_cursor():
    app = TableApp(20_000)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(TableList)
        drawn: list[int] = []
        original = table.render_line
        table.render_line = lambda y: drawn.append(y) or original(y)
        table.move_to_edge(1)
        await pilot.pause()
        assert table.current == 19_999 and "row 19999" in screen_text(app)
        assert drawn and max(drawn) < table.size.height
        table.move_pages(-2)  # past the top of the screenful: it scrolls
        await pilot.pause()
        assert table.current == 19_999 - 2 * table.page_rows()
        assert f"row {table.current}" in screen_text(app) and "row 19999" not in screen_text(app)
        table.move_to_edge(-1)
        table.move_by(3)
        await pilot.pause()
        assert table.current == 3 and app.moved[-1] == 3 and "row 0" in screen_text(app)


async def test_an_empty_list_shows_its_hint():
    app = TableApp(0)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(TableList)
        table.empty_hint = "nothing here yet"
        table.show([])
        await pilot.pause()
        assert "nothing here yet" in screen_text(app) and table.current is None


async def test_a_click_on_an_articles_second_line_selects_it_and_a_second_click_opens_it(tiny_workspace):
    app = build(tiny_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.library.articles
        second = articles.ids[1]
        # Line 0 is the header; the second article (two lines a row) is drawn on lines 3 and 4.
        await pilot.click("#articles", offset=(20, 4))
        await pilot.pause()
        assert articles.current_id == second and app.screen is app.library
        await pilot.click("#articles", offset=(20, 3))
        await settle(pilot)
        assert app.screen is app.reader and app.reader.article.id == second


async def test_the_empty_hint_is_drawn_muted_and_italic_as_the_theme_says(tiny_workspace):
    app = build(tiny_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "z", "z", "q")
        await pilot.pause()
        articles = app.library.articles
        assert articles.ids == [] and "no article matches 'zzq'" in screen_text(app)
        hint = articles.render_line(1)
        words = [seg for seg in hint if seg.text.strip()]
        assert words and all(seg.style.italic for seg in words)

"""What a new user sees: binding ids in help, a read-only footer with only what works, a status line that never
cuts a phrase, a readable text measure, colours apart in 256 colours, the library cursor, filter and export."""

from __future__ import annotations

import json
import math
from itertools import combinations

import pytest
from rich.color import EIGHT_BIT_PALETTE, ColorSystem
from textual.geometry import Region

from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from chipread.tui.screens.reader import MEASURE
from tests.actors.conftest import annotate_000, handle_id
from tests.tui.conftest import (
    article_id_by_handle,
    build,
    open_article,
    open_workspace,
    reading,
    screen_text,
    settle,
    status_info,
    stored,
)

# Two 256-colour cube steps apart (or one step in two channels): told apart at a glance, not only side by side.
DISTINCT = 56


def rgb256(color) -> tuple[int, int, int]:
    return tuple(EIGHT_BIT_PALETTE[color.downgrade(ColorSystem.EIGHT_BIT).number])


def footer_text(app) -> str:
    lines = [line for line in screen_text(app).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def shown(app) -> str:
    """The screen's words, a wrapped line joined to the next."""
    return " ".join(screen_text(app).replace("│", " ").split())


async def test_help_shows_the_binding_id_of_every_key(tiny_app):
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        shown = screen_text(tiny_app)
        assert "binding id" in shown and "[keys]" in shown
        for binding_id in ("token-next", "token-prev", "line-down"):  # the first rows, as drawn
            assert binding_id in shown
        assert {row.id for row in tiny_app.screen.key_rows()} >= {"next-suggestion", "tag-actor", "jump-quote"}


async def test_a_read_only_reader_shows_only_the_keys_that_work(tiny_corpus, db):
    first = open_workspace(tiny_corpus, db)
    try:
        second = open_workspace(tiny_corpus, db)
        app = build(second)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_article(pilot, article_id_by_handle(second, "b_speakers"))
            footer = footer_text(app)
            assert "tab next" in footer and "back" in footer
            for refused in ("delete", "undo", "link", "done"):
                assert refused not in footer, footer
            await pilot.press("tab", "a", "x", "d")  # nothing happens, nothing breaks
            assert app.screen is app.reader and stored(db, article_id_by_handle(second, "b_speakers")).spans == ()
        second.close()
    finally:
        first.close()


async def test_a_read_only_reader_neither_copies_nor_deletes_from_the_span_list(seeds_copy, db):
    """P (bring a copy's spans over) and the span list's delete write: a read-only reader neither shows nor takes them."""
    writer = open_workspace(seeds_copy, db)
    try:
        annotate_000(writer)
        original, copy = handle_id(writer, "000"), handle_id(writer, "001")
        reader = open_workspace(seeds_copy, db)
        app = build(reader)
        try:
            async with app.run_test(size=(120, 36)) as pilot:
                await open_article(pilot, copy)
                assert "copy" not in footer_text(app)
                await pilot.press("P")
                await settle(pilot)
                assert app.screen is app.reader and "not saved" not in screen_text(app)
                assert stored(db, copy).spans == ()
                await open_article(pilot, original)
                kept = stored(db, original)
                assert kept.spans
                await pilot.press("o")  # the span list: enter jumps, but nothing deletes
                await pilot.pause()
                assert app.focused is app.reader.panel
                footer = footer_text(app)
                assert "jump" in footer and "delete" not in footer, footer
                await pilot.press("x", "delete")
                await settle(pilot)
                assert "not saved" not in screen_text(app)
                assert stored(db, original) == kept
        finally:
            reader.close()
    finally:
        writer.close()


async def test_at_80_by_24_the_status_line_leaves_a_part_out_whole_rather_than_cut_it(app, workspace):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app.order[0])
        await pilot.press("a")  # China, under the cursor, in a claim suggestion with a long reason
        await settle(pilot)
        info = status_info(app.reader)
        assert info.startswith("actor · GPE China")
        # The suggestion's part, whose reason runs "... sentence with 'called on'", is whole or not there.
        assert ("'called on')" in info) or ("sentence with" not in info and info.endswith("…")), info


async def test_on_a_wide_terminal_the_text_keeps_a_readable_measure_and_the_list_takes_the_rest(
    tiny_app, tiny_workspace
):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(200, 40)) as (pilot, _):
        view, panel = tiny_app.reader.view, tiny_app.reader.panel
        assert view.region.width <= MEASURE + 2
        assert panel.region.width >= 200 - MEASURE - 2 and panel.region.right == 200
        # Back to the usual width, the list keeps its own and the text has the rest.
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert panel.region.width == 38 and view.region.width == 120 - 38


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_label_colours_are_far_from_every_entity_colour_in_256_colours(tiny_app, tiny_workspace, theme):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, _):
        tiny_app.theme = theme
        await pilot.pause()
        view = tiny_app.reader.view
        entities = {
            t: rgb256(view.entity_style(t).bgcolor) for t in ("PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "EVENT")
        }
        labels = {name: rgb256(view.label_style(name).bgcolor) for name in tiny_workspace.labels.names}
        background = rgb256(view.base_style().bgcolor)
        for name, colour in labels.items():
            for other, theirs in (*entities.items(), ("background", background)):
                assert math.dist(colour, theirs) >= DISTINCT, (theme, name, other, colour, theirs)
        for (a, ca), (b, cb) in combinations(labels.items(), 2):
            assert math.dist(ca, cb) >= DISTINCT, (theme, a, b)


async def test_the_text_and_the_legend_draw_a_label_in_the_same_colour(tiny_app, tiny_workspace):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, _):
        reader = tiny_app.reader
        reader.view.move_to(reader.article.text.index("useful"))
        await pilot.press("q", "escape")
        view = reader.view
        y = view.line_column(reader.article.text.index("useful"))[0] - round(view.scroll_y)
        drawn = {seg.style.bgcolor for seg in view.render_line(y) if "useful" in seg.text}
        legend = reader.query_one("#legend")
        strips = legend.render_lines(Region(0, 0, legend.size.width, legend.size.height))
        chip = {seg.style.bgcolor for strip in strips for seg in strip if seg.text.strip() == "quote"}
        assert drawn and drawn == chip


async def test_the_library_cursor_row_stands_out_in_256_colours_and_in_truecolor(tiny_app):
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        articles = tiny_app.library.articles
        lines = {y: articles.render_line(y) for y in range(1, 7)}  # the header, then two lines an article
        cursor = [lines[3], lines[4]]  # the second article
        others = [lines[1], lines[2], lines[5], lines[6]]
        assert "▶" in "".join(seg.text for seg in lines[3])
        cursor_bg = {seg.style.bgcolor for line in cursor for seg in line}
        assert len(cursor_bg) == 1  # under every piece of the row, the status and the title included
        (bg,) = cursor_bg
        for line in others:
            for seg in line:
                assert seg.style.bgcolor != bg
                assert math.dist(rgb256(bg), rgb256(seg.style.bgcolor)) >= DISTINCT


async def test_the_library_filter_matches_status_and_annotator_and_the_footer_says_so(tiny_corpus, db):
    ws = open_workspace(tiny_corpus, db)
    speakers = article_id_by_handle(ws, "b_speakers")
    plain = article_id_by_handle(ws, "c_plain")
    other = AnnotationStore(db)
    assert other.claim("bea")
    session = AnnotationSession(other, ws.get(plain), "bea")
    session.add_span(0, 5, "actor")
    other.close()
    app = build(ws)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            assert "filter title, status, who" in footer_text(app)
            await open_article(pilot, speakers)
            await pilot.press("tab", "a", "escape", "escape")  # in progress now
            await pilot.press("slash", *"in progress")
            assert app.order == [speakers]
            await pilot.press(*["backspace"] * len("in progress"), *"bea")
            assert app.order == [plain]
            await pilot.press(*["backspace"] * 3, *"todo")
            assert set(app.order) == {plain, article_id_by_handle(ws, "a_markup")}  # bea's work is not ours
    finally:
        ws.close()


# -- the export dialog -----------------------------------------------------------------------------


async def open_export(pilot, app, fmt: str = "jsonl") -> None:
    app.ask_export(fmt)
    await pilot.pause()


def set_input(app, widget_id: str, value: str) -> None:
    app.screen.query_one(widget_id).value = value


async def test_the_export_dialog_asks_where_and_exports_the_statuses_chosen(tiny_app, tiny_workspace, db, tmp_path):
    target = tmp_path / "out" / "mine.jsonl"
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        await pilot.press("tab", "a")
        await open_export(pilot, tiny_app)
        assert "Export annotations" in shown(tiny_app)
        target.parent.mkdir()
        set_input(tiny_app, "#export-path", str(target))
        tiny_app.screen.query_one("#export-status").value = "in_progress"
        await pilot.press("enter")
        await settle(pilot)
        assert tiny_app.screen is tiny_app.reader
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records] == ["in_progress"]
    assert not (db.parent / "chipread-jsonl-export.jsonl").exists()  # nothing written where it was not asked


async def test_the_export_dialog_never_replaces_a_file_without_a_second_enter(tiny_app, tiny_workspace, tmp_path):
    target = tmp_path / "kept.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, _):
        await pilot.press("tab", "a")
        await open_export(pilot, tiny_app)
        set_input(tiny_app, "#export-path", str(target))
        await pilot.press("enter")
        await settle(pilot)
        assert "is already there: enter again to replace it" in shown(tiny_app)
        assert target.read_text(encoding="utf-8") == "precious\n"
        await pilot.press("enter")
        await settle(pilot)
    assert target.read_text(encoding="utf-8") != "precious\n" and '"spans"' in target.read_text(encoding="utf-8")


async def test_the_export_dialog_asks_before_replacing_a_split_file(tiny_app, tiny_workspace, tmp_path):
    """With a split the files written are data.train.jsonl and data.test.jsonl, not data.jsonl: those are checked."""
    kept = tmp_path / "data.train.jsonl"
    kept.write_text("PRECIOUS\n", encoding="utf-8")
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(160, 36)) as (pilot, _):
        await pilot.press("tab", "a")
        await open_export(pilot, tiny_app)
        set_input(tiny_app, "#export-path", str(tmp_path / "data.jsonl"))
        set_input(tiny_app, "#export-split", "train=0.8,test=0.2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"{kept} is already there: enter again to replace it" in shown(tiny_app)
        assert kept.read_text(encoding="utf-8") == "PRECIOUS\n"
        assert sorted(p.name for p in tmp_path.glob("data*")) == ["data.train.jsonl"]
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert sorted(p.name for p in tmp_path.glob("data*")) == ["data.test.jsonl", "data.train.jsonl"]
    assert kept.read_text(encoding="utf-8") != "PRECIOUS\n"


async def test_the_export_dialog_names_every_file_it_would_replace(tiny_app, tiny_workspace, tmp_path):
    """Label Studio writes its labeling config beside the tasks: a config already there is asked about too."""
    config = tmp_path / "data.label-config.xml"
    config.write_text("PRECIOUS\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("PRECIOUS\n", encoding="utf-8")
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(160, 36)) as (pilot, _):
        await open_export(pilot, tiny_app, "labelstudio")
        set_input(tiny_app, "#export-path", str(tmp_path / "data.json"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"data.json, data.label-config.xml are already there in {tmp_path}: enter again" in shown(tiny_app)
        assert config.read_text(encoding="utf-8") == "PRECIOUS\n"
        # Only the config left: still asked about, on its own.
        (tmp_path / "data.json").unlink()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"{config} is already there: enter again to replace it" in shown(tiny_app)
        assert config.read_text(encoding="utf-8") == "PRECIOUS\n"
        assert not (tmp_path / "data.json").exists()


async def test_the_export_dialog_asks_for_a_file_name_when_given_a_folder(tiny_app, tiny_workspace, tmp_path):
    """In its own words: the export's error would tell the analyst to use -o, a CLI flag the dialog has not got."""
    out = tmp_path / "out"
    out.mkdir()
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(160, 36)) as (pilot, _):
        await open_export(pilot, tiny_app)
        set_input(tiny_app, "#export-path", str(out))
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
        assert "out is a folder: end the path with a file name, e.g. chipread-jsonl-export.jsonl" in shown(tiny_app)
        assert "with -o" not in shown(tiny_app) and list(out.iterdir()) == []
        (tmp_path / "notes.txt").write_text("PRECIOUS\n", encoding="utf-8")
        tiny_app.screen.query_one("#export-format").value = "brat"
        await pilot.pause()
        set_input(tiny_app, "#export-path", str(tmp_path / "notes.txt"))
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
        assert "notes.txt is a file: brat writes a folder of files, give a folder's path" in shown(tiny_app)
        assert "with -o" not in shown(tiny_app)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "PRECIOUS\n"


async def test_the_export_dialog_splits_and_refuses_a_bad_split_in_one_line(tiny_app, tiny_workspace, tmp_path):
    target = tmp_path / "data.jsonl"
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, _):
        await open_export(pilot, tiny_app)
        set_input(tiny_app, "#export-path", str(target))
        set_input(tiny_app, "#export-split", "train=0.8,dev=0.3")
        await pilot.press("ctrl+s")
        assert "the ratios add up to 1.1, not 1" in shown(tiny_app)
        assert list(tmp_path.glob("data*")) == []
        set_input(tiny_app, "#export-split", "train=0.5,test=0.5")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert sorted(p.name for p in tmp_path.glob("data*")) == ["data.test.jsonl", "data.train.jsonl"]

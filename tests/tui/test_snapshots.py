"""Pictures of the library, the reader with highlights and spans, and help (update: pytest --snapshot-update).

Where a test presses keys, it also checks what they stored on disk: a picture alone would pass on a
screen that shows a tag the store never got.
"""

from __future__ import annotations

from tests.tui.conftest import article_id_by_handle, build, open_workspace, settle, stored

SIZE = (100, 30)


def make(corpus, db):
    ws = open_workspace(corpus, db)
    return ws, build(ws)


def relations(saved) -> list[tuple[str, str, str]]:
    by_id = {s.id: s for s in saved.spans}
    return [(by_id[r.head].text, r.label, by_id[r.child].text) for r in saved.relations]


def test_library(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)
    try:
        # settle: the wire copies and estimated dates are found by a worker; the picture shows them.
        assert snap_compare(app, terminal_size=SIZE, run_before=settle)
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
        saved = stored(db, article_id)
        assert sorted((s.label, s.text) for s in saved.spans) == [
            ("actor", "China"),
            ("actor", "Japan"),
            ("actor", "Yasutoshi Nishimura"),
            (
                "claim",
                'Trade Minister Yasutoshi Nishimura said the talks were "frank and useful" and that more would follow',
            ),
            ("quote", "frank and useful"),
        ]
        assert relations(saved) == [("frank and useful", "attributed_to", "Yasutoshi Nishimura")]
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
        # r only proposes the speaker: the two tags are stored, no link yet.
        saved = stored(db, article_id)
        assert sorted((s.label, s.text) for s in saved.spans) == [
            ("actor", "Yasutoshi Nishimura"),
            ("quote", "frank and useful"),
        ]
        assert saved.relations == ()
    finally:
        ws.close()


def test_reader_at_80_by_24(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)
    opened: list[str] = []

    async def open_first(pilot) -> None:
        opened.append(app.order[0])
        app.open_article(opened[0])
        await settle(pilot)
        await pilot.press("tab", "a", "tab")
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=open_first)
        # tab a: the name at the very start (a stop at offset 0 counts; the shorter stop first), tagged as
        # actor; the second tab only moves.
        first = min((s for s in app.reader.reading.stops if s.start == 0), key=lambda stop: stop.end)
        spans = stored(db, opened[0]).spans
        assert [(s.label, s.start, s.end, s.origin) for s in spans] == [
            (first.label, first.start, first.end, first.origin)
        ]
        assert first.start == 0 and first.label == "actor"
    finally:
        ws.close()


def test_help(snap_compare, seeds_copy, db):
    ws, app = make(seeds_copy, db)
    try:
        # settle first: the library behind the help shows the copies a worker finds.
        assert snap_compare(app, terminal_size=SIZE, press=["question_mark"], run_before=settle)
        assert not db.exists() or not any(stored(db, info.id).spans for info in ws.infos())  # ? changes nothing
    finally:
        ws.close()

"""Every reader key, pressed through Pilot; edits are checked in the store on disk, not on screen."""

from __future__ import annotations

from tests.tui.conftest import article_id_by_handle, open_article, stored


def find(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    i = text.index(piece, start)
    return i, i + len(piece)


async def test_token_line_word_sentence_and_page_moves(app, workspace):
    article_id = article_id_by_handle(workspace, "003_c0db6aae27d81ce8")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        view = app.reader.view
        tokens = view.tokens
        assert view.cursor == 0
        for key, expected in (("right", 1), ("l", 2), ("left", 1), ("h", 0)):
            await pilot.press(key)
            assert view.cursor == expected, key
        # w and b skip punctuation tokens; l does not.
        comma = next(i for i, t in enumerate(tokens) if t.text == ",")
        view.set_cursor(comma - 1)
        await pilot.press("w")
        assert view.cursor == comma + 1
        await pilot.press("b")
        assert view.cursor == comma - 1
        await pilot.press("l")
        assert view.cursor == comma
        # j/k and down/up move one visual line, keeping the column.
        view.set_cursor(0)
        line0, _ = view.line_column(view.cursor_offset)
        await pilot.press("j")
        assert view.line_column(view.cursor_offset)[0] == line0 + 1
        await pilot.press("down", "up", "k")
        assert view.line_column(view.cursor_offset)[0] == line0
        # ( and ) go by sentence.
        sentences = app.reader.analysis.sentences
        await pilot.press(")")
        assert view.cursor_offset == sentences[1].start
        await pilot.press(")")
        assert view.cursor_offset == sentences[2].start
        await pilot.press("(")
        assert view.cursor_offset == sentences[1].start
        # G and g: bottom and top; page keys move a screenful and scroll.
        await pilot.press("G")
        assert view.cursor == len(tokens) - 1
        assert view.scroll_y > 0
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_y == 0
        await pilot.press("pagedown")
        height = view.scrollable_content_region.height
        assert view.line_column(view.cursor_offset)[0] >= height - 3
        assert view.scroll_y > 0
        await pilot.press("pageup")
        assert view.line_column(view.cursor_offset)[0] <= 1


async def test_tab_and_shift_tab_visit_suggestions_and_n_visits_spans(tiny_app, tiny_workspace):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(view.cursor_offset)
        starts = sorted({s.start for s in reader._stops if s.start > 0})[:4]
        assert visited == starts
        await pilot.press("shift+tab")
        assert view.cursor_offset == visited[2]
        assert view.highlight is not None
        # Tag two entities, then n / N jump between the tagged spans.
        view.move_to(text.index("Japan"))
        await pilot.press("a")
        view.move_to(text.index("Yasutoshi"))
        await pilot.press("a")
        await pilot.press("g", "n")
        assert view.cursor_offset == text.index("Japan")
        await pilot.press("n")
        assert view.cursor_offset == text.index("Yasutoshi")
        await pilot.press("N")
        assert view.cursor_offset == text.index("Japan")
        # tab skips what is already tagged.
        await pilot.press("g", "tab", "tab")
        assert view.cursor_offset == text.index("China")


async def test_shift_arrows_and_v_select_then_a_label_key_tags_the_selection(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("Trade Minister"))
        await pilot.press("shift+right", "shift+right", "shift+right")
        assert view.selection == find(text, "Trade Minister Yasutoshi Nishimura")
        await pilot.press("shift+left")
        assert view.selection == find(text, "Trade Minister Yasutoshi")
        await pilot.press("shift+right", "a")
        assert view.selection is None
        spans = stored(db, article_id).spans
        assert [(s.text, s.label, s.origin) for s in spans] == [("Trade Minister Yasutoshi Nishimura", "actor", "manual")]
        # v starts a selection, moves extend it, v ends it; then c tags it.
        view.move_to(text.index("Beijing"))
        await pilot.press("v", "l", "v")
        assert view.selection == find(text, "Beijing disagreed")
        await pilot.press("l")  # moving after the second v no longer changes the selection
        assert view.selection == find(text, "Beijing disagreed")
        await pilot.press("c")
        assert ("Beijing disagreed", "claim") in [(s.text, s.label) for s in stored(db, article_id).spans]
        # escape clears a selection without leaving the article.
        await pilot.press("v", "l", "escape")
        assert view.selection is None
        assert tiny_app.screen is tiny_app.reader


async def test_e_s_and_quote_key_select_entity_sentence_and_quotation(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("Nishimura"))
        await pilot.press("e")
        assert view.selection == find(text, "Yasutoshi Nishimura")
        await pilot.press("s")
        assert view.selection == find(text, text[text.index("Trade"):text.index("follow.") + len("follow.")])
        view.move_to(text.index("useful"))
        await pilot.press('"')
        assert view.selection == find(text, "frank and useful")
        await pilot.press("q")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("frank and useful", "quote")]


async def test_label_keys_without_a_selection_take_the_fitting_suggestion(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        # actor: the entity under the cursor (the whole name, from its second word).
        view.move_to(text.index("Nishimura"))
        await pilot.press("a")
        # quote: the quote suggestion under the cursor.
        view.move_to(text.index("useful"))
        await pilot.press("q")
        # claim: the claim suggestion under the cursor...
        view.move_to(text.index("would"))
        await pilot.press("c")
        # ...else the sentence; and actor with no entity takes the token.
        view.move_to(text.index("decide"))
        await pilot.press("c", "a")
        spans = {(s.text, s.label) for s in stored(db, article_id).spans}
        assert spans == {
            ("Yasutoshi Nishimura", "actor"),
            ("frank and useful", "quote"),
            ("more would follow", "claim"),
            ("The Netherlands said it would decide later.", "claim"),
            ("decide", "actor"),
        }
        origins = {s.text: s.origin for s in stored(db, article_id).spans}
        assert origins["Yasutoshi Nishimura"] == "entity:PERSON"
        assert origins["frank and useful"].startswith("suggestion:quote")
        assert origins["The Netherlands said it would decide later."] == "sentence"
        assert origins["decide"] == "token"


async def test_the_suggestion_tab_jumped_to_wins_when_its_label_fits(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader = tiny_app.reader
        # Jump to the claim suggestion; "c" takes it (not the sentence around it).
        reader.view.move_to(reader.article.text.index("frank"))
        while reader._jumped_stop() is None or reader._jumped_stop().label != "claim":
            await pilot.press("tab")
        await pilot.press("c")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("more would follow", "claim")]


async def test_quote_key_falls_back_to_the_quotation_around_the_cursor(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "c_plain")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader = tiny_app.reader
        assert not reader.analysis.suggestions
        reader.view.move_to(reader.article.text.index("zone"))
        await pilot.press("q")
        spans = stored(db, article_id).spans
        assert [(s.text, s.label, s.origin) for s in spans] == [("grey zone", "quote", "quotation")]
        # Nothing to take: a notice, nothing stored.
        reader.view.move_to(reader.article.text.index("Nobody"))
        await pilot.press("q")
        assert len(stored(db, article_id).spans) == 1


async def test_x_deletes_the_innermost_span_and_undo_redo_restore_it(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press('"', "q", "s", "c")
        labels = lambda: sorted(s.label for s in stored(db, article_id).spans)
        assert labels() == ["claim", "quote"]
        view.move_to(text.index("useful"))
        await pilot.press("x")
        assert labels() == ["claim"]  # the quote is inside the claim: it goes first
        await pilot.press("delete")
        assert labels() == []
        await pilot.press("u")
        assert labels() == ["claim"]
        await pilot.press("ctrl+z")
        assert labels() == ["claim", "quote"]
        await pilot.press("U")
        assert labels() == ["claim"]
        await pilot.press("ctrl+y")
        assert labels() == []
        await pilot.press("ctrl+y")  # nothing left to redo: a notice, no change, no crash
        assert labels() == []


async def test_dot_repeats_the_last_label_on_the_next_fitting_suggestion(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("Japan"))
        await pilot.press("a", ".", ".")
        actors = [s.text for s in stored(db, article_id).spans]
        # Speaker-like entities only (the DATE "Monday" is skipped), each once.
        assert actors == ["Japan", "China", "Tokyo"]
        assert text.index("Tokyo", text.index("China")) == stored(db, article_id).spans[2].start


async def test_r_links_a_quote_to_a_candidate_tab_cycles_escape_cancels(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press("q", "r")
        assert reader._link is not None
        first = reader._link.target()
        await pilot.press("tab")
        assert reader._link.target() != first
        await pilot.press("shift+tab")
        assert reader._link.target() == first
        await pilot.press("escape")
        assert reader._link is None
        assert stored(db, article_id).relations == ()
        await pilot.press("r", "enter")
        saved = stored(db, article_id)
        assert len(saved.relations) == 1
        by_id = {s.id: s for s in saved.spans}
        rel = saved.relations[0]
        assert (by_id[rel.head].text, by_id[rel.child].text, by_id[rel.child].label) == (
            "frank and useful", "Yasutoshi Nishimura", "actor")


async def test_linking_by_moving_the_cursor_to_another_speaker(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot, article_id)
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press("q", "r")
        view.move_to(text.index("Beijing"))
        await pilot.pause()
        assert reader._link.target()[:2] == find(text, "Beijing")
        await pilot.press("enter")
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [by_id[r.child].text for r in saved.relations] == ["Beijing"]


async def test_r_off_a_quote_or_claim_explains_instead_of_failing(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        view.move_to(tiny_app.reader.article.text.index("useful"))
        await pilot.press("r")
        assert tiny_app.reader._link is None
        assert any("tag this quote first" in n.message for n in tiny_app._notifications)
        await pilot.press("enter")  # enter outside linking does nothing
        assert stored(db, article_id).spans == ()


async def test_status_line_names_entity_date_value_suggestion_and_saved(tiny_app, tiny_workspace):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 30)) as pilot:
        await open_article(pilot, article_id)
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        info = lambda: str(reader.query_one("#status-info").render())
        saved = lambda: str(reader.query_one("#status-saved").render())
        view.move_to(text.index("Monday"))
        await pilot.pause()
        monday = reader.analysis.entity_at(text.index("Monday"))
        assert "DATE" in info() and "Monday" in info()
        if monday.value:
            assert monday.value in info()
        view.move_to(text.index("useful"))
        await pilot.pause()
        assert "quote suggestion" in info() and "quote-attributed" in info()
        assert "all saved" in saved()
        await pilot.press("q")
        assert "saved" in saved() and "frank and useful" in saved()
        assert "quote" in info()

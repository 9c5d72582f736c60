"""Every reader key, pressed through Pilot; edits are checked in the store on disk, not on screen."""

from __future__ import annotations

from tests.tui.conftest import (
    Notices,
    article_id_by_handle,
    build,
    burst,
    open_article,
    open_workspace,
    reading,
    settle,
    status_info,
    stored,
)


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
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(view.cursor_offset)
        starts = sorted({s.start for s in reader.reading.stops})[:4]  # speaker-like names, quotes, claims
        assert visited == starts
        await pilot.press("shift+tab")
        assert view.cursor_offset == visited[2]
        assert view.highlight is not None
        # Tag two entities, then } / { jump between the tagged spans.
        view.move_to(text.index("Japan"))
        await pilot.press("a")
        view.move_to(text.index("Yasutoshi"))
        await pilot.press("a")
        await pilot.press("g", "}")
        assert view.cursor_offset == text.index("Japan")
        await pilot.press("}")
        assert view.cursor_offset == text.index("Yasutoshi")
        await pilot.press("{")
        assert view.cursor_offset == text.index("Japan")
        # tab skips what is already tagged (and from the top, a stop at the first word counts).
        await pilot.press("g", "tab")
        assert view.cursor_offset == text.index("China")


async def test_shift_arrows_and_v_select_then_a_label_key_tags_the_selection(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
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
        assert [(s.text, s.label, s.origin) for s in spans] == [
            ("Trade Minister Yasutoshi Nishimura", "actor", "manual")
        ]
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
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("Nishimura"))
        await pilot.press("e")
        assert view.selection == find(text, "Yasutoshi Nishimura")
        await pilot.press("s")
        # The sentence as the guidelines shape a claim: without the host sentence's full stop.
        assert view.selection == find(text, text[text.index("Trade") : text.index("follow.") + len("follow")])
        view.move_to(text.index("useful"))
        await pilot.press('"')
        assert view.selection == find(text, "frank and useful")
        await pilot.press("q")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("frank and useful", "quote")]


async def test_label_keys_without_a_selection_take_the_fitting_suggestion(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        # actor: the entity under the cursor (the whole name, from its second word).
        view.move_to(text.index("Nishimura"))
        await pilot.press("a")
        # quote: the quote suggestion under the cursor.
        view.move_to(text.index("useful"))
        await pilot.press("q")
        # claim: the claim suggestion under the cursor (what was said, both coordinated parts)...
        view.move_to(text.index("would"))
        await pilot.press("c")
        # ...here the reported clause after "said"; and actor with no entity takes the token.
        view.move_to(text.index("decide"))
        await pilot.press("c", "a")
        # ...and where no suggestion covers the cursor, the sentence.
        view.move_to(text.index("disagreed"))
        await pilot.press("c")
        spans = {(s.text, s.label) for s in stored(db, article_id).spans}
        assert spans == {
            ("Yasutoshi Nishimura", "actor"),
            ("frank and useful", "quote"),
            ('the talks were "frank and useful" and that more would follow', "claim"),
            ("it would decide later", "claim"),
            ("decide", "actor"),
            ("Beijing disagreed", "claim"),
        }
        origins = {s.text: s.origin for s in stored(db, article_id).spans}
        assert origins["Yasutoshi Nishimura"] == "entity:PERSON"
        assert origins["frank and useful"].startswith("suggestion:quote")
        assert origins["it would decide later"].startswith("suggestion:claim")
        assert origins["Beijing disagreed"] == "sentence"
        assert origins["decide"] == "token"


async def test_the_suggestion_tab_jumped_to_wins_when_its_label_fits(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader = tiny_app.reader
        # Jump to the claim suggestion; "c" takes it (not the sentence around it).
        reader.view.move_to(reader.article.text.index("Trade Minister"))
        for _ in range(10):
            await pilot.press("tab")
            if "claim suggestion" in status_info(reader):
                break
        claim = 'the talks were "frank and useful" and that more would follow'
        assert reader.view.highlight == find(reader.article.text, claim)
        await pilot.press("c")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [
            ('the talks were "frank and useful" and that more would follow', "claim")
        ]


async def test_quote_key_falls_back_to_the_quotation_around_the_cursor(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "c_plain") as (pilot, article_id):
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
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press('"', "q", "s", "c")

        def labels():
            return sorted(s.label for s in stored(db, article_id).spans)

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
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        view = tiny_app.reader.view
        text = tiny_app.reader.article.text
        view.move_to(text.index("Japan"))
        await pilot.press("a", ".", ".")
        actors = [s.text for s in stored(db, article_id).spans]
        # Speaker-like entities only (the DATE "Monday" and the place "in Tokyo" are skipped), each once.
        assert actors == ["Japan", "China", "Yasutoshi Nishimura"]


async def test_r_links_a_quote_to_a_candidate_tab_cycles_escape_cancels(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press("q", "r")
        head, first = view.link
        assert head == find(text, "frank and useful") and first is not None
        assert "link quote to" in status_info(reader)
        await pilot.press("tab")
        assert view.link[1] not in (None, first)
        await pilot.press("shift+tab")
        assert view.link == (head, first)
        await pilot.press("escape")
        assert view.link == (None, None) and "link quote" not in status_info(reader)
        assert stored(db, article_id).relations == ()
        await pilot.press("r", "enter")
        saved = stored(db, article_id)
        assert len(saved.relations) == 1
        by_id = {s.id: s for s in saved.spans}
        rel = saved.relations[0]
        assert (by_id[rel.head].text, by_id[rel.child].text, by_id[rel.child].label) == (
            "frank and useful",
            "Yasutoshi Nishimura",
            "actor",
        )


async def test_linking_by_moving_the_cursor_to_another_speaker(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        view.move_to(text.index("useful"))
        await pilot.press("q", "r")
        view.move_to(text.index("Beijing"))
        await pilot.pause()
        assert view.link[1] == find(text, "Beijing")
        assert "link quote to Beijing" in status_info(reader)
        await pilot.press("enter")
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [by_id[r.child].text for r in saved.relations] == ["Beijing"]


async def test_r_off_a_quote_or_claim_explains_instead_of_failing(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    notices = Notices(tiny_app)
    async with tiny_app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_article(pilot, article_id)
        view = tiny_app.reader.view
        view.move_to(tiny_app.reader.article.text.index("useful"))
        await pilot.press("r")
        assert view.link == (None, None) and "link quote" not in status_info(tiny_app.reader)
        assert notices.any("tag this quote first")
        await pilot.press("enter")  # enter outside linking does nothing
        assert stored(db, article_id).spans == ()


async def test_status_line_names_entity_date_value_suggestion_and_saved(tiny_app, tiny_workspace):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 30)) as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text

        def info():
            return str(reader.query_one("#status-info").render())

        def saved():
            return str(reader.query_one("#status-saved").render())

        view.move_to(text.index("Monday"))
        await pilot.pause()
        monday = reader.analysis.entity_at(text.index("Monday"))
        assert "DATE" in info() and "Monday" in info()
        if monday.value:
            assert monday.value in info()
        view.move_to(text.index("useful"))
        await pilot.pause()
        assert "quote suggestion" in info() and "quoted words in what follows 'said'" in info()
        assert "all saved" in saved()
        await pilot.press("q")
        assert "saved" in saved() and "frank and useful" in saved()
        assert "quote" in info()


# -- keys faster than the screen -------------------------------------------------------------------


async def test_keys_typed_faster_than_the_screen_tag_what_the_cursor_is_on(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        text = reader.article.text
        view.move_to(text.index("Japan"))
        await pilot.pause()
        # tab jumps to China, l moves on to "met": all three keys queued before the first is handled.
        await burst(pilot, "tab", "l", "a")
        assert view.cursor_offset == text.index("met")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("met", "actor")]
        # tab then a, just as fast: the whole entity tab jumped to (its message not handled yet either).
        await burst(pilot, "tab", "a")
        assert ("Yasutoshi Nishimura", "actor") in [(s.text, s.label) for s in stored(db, article_id).spans]
        # tab to the quote, l off it, then . . : each . tags the next speaker after the cursor as it is by then.
        view.move_to(text.index("Tokyo on"))
        await pilot.pause()
        await burst(pilot, "tab", "l", ".", ".")
        actors = [s.text for s in stored(db, article_id).spans if s.label == "actor"]
        assert actors == ["met", "Yasutoshi Nishimura", "Beijing", "Netherlands"]
        # escape after a move off the jumped-to stop goes back to the library, as with no jump at all.
        view.move_to(text.index("Netherlands"))
        await pilot.pause()
        await burst(pilot, "shift+tab", "l", "escape")
        assert tiny_app.screen is tiny_app.library


async def test_enter_typed_right_after_a_move_links_the_cursor_pick_not_the_proposal(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader, view = tiny_app.reader, tiny_app.reader.view
        view.move_to(reader.article.text.index("useful"))
        await pilot.press("q")
        # r proposes Yasutoshi Nishimura; G ( w moves to "Netherlands"; enter before any of it is drawn.
        await burst(pilot, "r", "G", "(", "w", "enter")
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [(by_id[r.head].text, by_id[r.child].text) for r in saved.relations] == [
            ("frank and useful", "Netherlands")
        ]


async def test_tab_through_candidates_after_a_move_still_cycles(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader = tiny_app.reader
        reader.view.move_to(reader.article.text.index("useful"))
        await pilot.press("q", "r")
        first = reader.view.link[1]
        assert "1/" in status_info(reader)  # the first of the proposed candidates
        await burst(pilot, "G", "tab")  # a move, then tab: the next candidate wins over the moved cursor
        # The second candidate, counted as such (a speaker picked by the cursor shows no count).
        assert "2/" in status_info(reader)
        assert reader.view.link[1] not in (None, first)


# -- what a label key may tag ------------------------------------------------------------------------


async def test_label_keys_on_punctuation_store_nothing_and_say_why(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers") as (pilot, article_id):
        reader = tiny_app.reader
        text = reader.article.text

        def info():
            return " ".join(str(reader.query_one("#status-info").render()).split())

        for piece in (".", '"'):  # the full stop after Monday, the opening quotation mark
            reader.view.move_to(text.index(piece, text.index("Monday") if piece == "." else 0))
            await pilot.press("a")
            assert 'not tagged no actor suggestion or word here: select the text first (v, shift+→, e, s, ")' in info()
        # A selection of punctuation alone is refused too (v selects the token under the cursor).
        reader.view.move_to(text.index(".", text.index("Monday")))
        await pilot.press("v", "c")
        assert "the selection has no word in it: nothing tagged as claim" in info()
        assert stored(db, article_id).spans == ()
        assert str(reader.query_one("#status-saved").render()) == "all saved"  # nothing new was written
        # While linking, punctuation is no speaker either: the proposal stays.
        reader.view.move_to(text.index("useful"))
        await pilot.press("q", "r")
        proposed = reader.view.link[1]
        assert proposed is not None
        reader.view.move_to(text.index(".", text.index("follow")))
        await pilot.pause()
        assert reader.view.link[1] == proposed


# -- the span list -------------------------------------------------------------------------------


async def test_the_span_list_cursor_moves_to_a_new_tag(tiny_app, tiny_workspace):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 30)) as (pilot, article_id):
        reader = tiny_app.reader
        text = reader.article.text
        assert reader.panel.display
        for piece in ("Japan", "China", "Beijing"):
            reader.view.move_to(text.index(piece))
            await pilot.press("a")
            await pilot.pause()
            assert reader.panel.current.span.text == piece


async def test_deleting_an_actor_says_how_many_links_went_with_it(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 30)) as (pilot, article_id):
        reader = tiny_app.reader
        text = reader.article.text
        reader.view.move_to(text.index("useful"))
        await pilot.press("q", "r", "enter")
        reader.view.move_to(text.index("Nishimura"))
        await pilot.press("x")
        assert stored(db, article_id).relations == ()
        assert "deleted actor 'Yasutoshi Nishimura' and 1 link" in str(reader.query_one("#status-saved").render())


async def test_d_keeps_marked_done_in_view_on_the_next_article(tiny_app, tiny_workspace, db):
    first = article_id_by_handle(tiny_workspace, "a_markup")
    async with tiny_app.run_test(size=(120, 30)) as pilot:
        await open_article(pilot, first)
        await pilot.press("d")
        await settle(pilot)
        assert tiny_app.reader.article.id != first and stored(db, first).status == "done"
        saved = str(tiny_app.reader.query_one("#status-saved").render())
        assert "marked done" in saved and "Markup" in saved


# -- text that is not plain words --------------------------------------------------------------------


async def test_the_cursor_skips_zero_width_tokens_and_the_status_never_prints_them(tmp_path, db):
    folder = tmp_path / "emoji"
    folder.mkdir()
    (folder / "e.txt").write_text(
        "Emoji\n\nFamily 👨\u200d👩\u200d👧 trip to Japan 🇯🇵 now. Fine 👍🏽 ok ❤\ufe0f yes.\n", encoding="utf-8"
    )
    ws = open_workspace(folder, db)
    app = build(ws)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await open_article(pilot, ws.infos()[0].id)
            view = app.reader.view

            def info():
                return str(app.reader.query_one("#status-info").render())

            # Every token the cursor lands on and every status line shown, whatever order the keys and
            # the messages they cause are handled in.
            landed, shown = [], []
            set_cursor, show, show_parts = view.set_cursor, app.reader.status.show, app.reader.status.show_parts
            view.set_cursor = lambda *args, **kw: (set_cursor(*args, **kw), landed.append(view.cursor_token.text))
            app.reader.status.show = lambda line: (show(line), shown.append(line.plain))
            app.reader.status.show_parts = lambda parts, sep=" · ": (
                show_parts(parts, sep),
                shown.append(sep.join(p.plain for p in parts)),
            )
            view.move_to(app.reader.article.text.index("Family"))
            await burst(pilot, *["l"] * len(view.tokens))
            assert landed[1:4] == ["👨", "👩", "👧"]
            await burst(pilot, *["h"] * len(view.tokens), *["w"] * 10, *["b"] * 10)
            assert view.cursor_token.text == "Emoji"
            # The cursor never stood on a joiner or a selector, and the status line never printed one.
            assert landed and not {"\u200d", "\ufe0f"} & set(landed)
            assert shown and not any("\u200d" in line or "\ufe0f" in line for line in shown)
            # A flag's letters are named, not printed as two lone regional indicators.
            view.move_to(app.reader.article.text.index("🇯"))
            await pilot.pause()
            assert "[J]" in info()
            # Tagging around emoji stores exactly the article's characters at the stored offsets.
            text = app.reader.article.text
            article_id = app.reader.article.id
            view.move_to(text.index("Japan"))
            await pilot.press("a")
            view.move_to(text.index("Family"))
            await pilot.press("v", *["shift+right"] * 4, "c")  # Family 👨‍👩‍👧 trip: the joiners are inside
            view.move_to(text.index("👍"))
            await pilot.press("a")  # an emoji alone is no actor
            assert "not tagged" in info()
            spans = stored(db, article_id).spans
            assert [(s.label, s.text) for s in spans] == [
                ("claim", "Family 👨\u200d👩\u200d👧 trip"),
                ("actor", "Japan"),
            ]
            assert all(text[s.start : s.end] == s.text for s in spans)
    finally:
        ws.close()

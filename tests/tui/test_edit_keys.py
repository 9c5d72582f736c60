"""The reader's newer keys through Pilot: resizing, jump keys, search, bulk tagging, the link offer and picks,
refusals; each checked in the store on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import build, burst, open_article, open_workspace, screen_text, settle, status_info, stored

TALKS = (
    "China urges Japan\n\n"
    "China has called on Japan to drop its export curbs, the Ministry of Commerce said on Monday. "
    'Qin Gang met Yoshimasa Hayashi in Beijing. "The blockade will only hurt trade," he said. '
    "Chinese officials were not convinced, according to Xinhua. The talks ended in Tokyo, and China said no more.\n"
)


@pytest.fixture
def talks(tmp_path: Path, db: Path):
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "talks.txt").write_text(TALKS, encoding="utf-8")
    ws = open_workspace(folder, db)
    yield ws
    ws.close()


class Reader:
    """The app open on the one article, and what the store on disk holds."""

    def __init__(self, pilot, app, db: Path) -> None:
        self.pilot, self.app, self.db = pilot, app, db
        self.reader = app.reader
        self.text = app.reader.article.text
        self.article_id = app.reader.article.id

    def at(self, piece: str, after: str | None = None) -> int:
        return self.text.index(piece, self.text.index(after) if after else 0)

    def go(self, piece: str, after: str | None = None) -> None:
        self.reader.view.move_to(self.at(piece, after))

    def spans(self) -> list[tuple[str, str]]:
        return [(s.label, s.text) for s in stored(self.db, self.article_id).spans]

    def links(self) -> list[tuple[str, str]]:
        saved = stored(self.db, self.article_id)
        by_id = {s.id: s for s in saved.spans}
        return [(by_id[r.head].text, by_id[r.child].text) for r in saved.relations]

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()


@pytest.fixture
async def r(talks, db):
    app = build(talks)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, talks.infos()[0].id)
        yield Reader(pilot, app, db)


# -- resizing --------------------------------------------------------------------------------------


async def test_resize_keys_edit_a_tagged_span_in_place_keeping_its_label_links_and_id(r):
    r.go("blockade")
    await r.press("q", "enter")  # the quote, linked to the offered speaker
    (quote,) = [s for s in stored(r.db, r.article_id).spans if s.label == "quote"]
    await r.press("less_than_sign")  # the end a word left
    saved = {s.id: s for s in stored(r.db, r.article_id).spans}
    assert saved[quote.id].text == "The blockade will only hurt" and saved[quote.id].label == "quote"
    assert r.links() == [("The blockade will only hurt", "Yoshimasa Hayashi")]
    await r.press("W")  # the start a word right
    assert ("quote", "blockade will only hurt") in r.spans()
    await r.press("B", "greater_than_sign")  # and back, word by word
    assert ("quote", "The blockade will only hurt trade") in r.spans()
    await r.press("shift+right")  # the end a token right takes the comma
    assert ("quote", "The blockade will only hurt trade,") in r.spans()
    await r.press("H")  # the start a token left takes the opening mark
    assert ("quote", '"The blockade will only hurt trade,') in r.spans()
    await r.press("L", "shift+left")
    assert ("quote", "The blockade will only hurt trade") in r.spans()
    # Each edit is one undo step, and the id never changes.
    await r.press("u")
    assert ("quote", "The blockade will only hurt trade,") in r.spans()
    assert quote.id in {s.id for s in stored(r.db, r.article_id).spans}


async def test_tab_then_trim_then_the_label_key_accepts_a_suggestion_trimmed(r):
    r.go("Qin Gang")
    await r.press("Q")  # the next quote suggestion
    assert r.reader.view.highlight == (
        r.at("The blockade"),
        r.at("The blockade") + len("The blockade will only hurt trade"),
    )
    await r.press("less_than_sign", "less_than_sign", "q")
    (quote,) = [s for s in stored(r.db, r.article_id).spans if s.label == "quote"]
    assert quote.text == "The blockade will only" and quote.origin.startswith("suggestion:quote")


async def test_resize_keys_with_nothing_under_the_cursor_grow_a_selection_from_it(r):
    r.go("talks ended")
    await r.press("shift+right", "greater_than_sign", "c")
    assert ("claim", "talks ended in") in r.spans()


# -- jumping and searching -----------------------------------------------------------------------


async def test_each_label_has_a_jump_key_to_its_next_untagged_suggestion(r):
    view, reading = r.reader.view, r.reader.reading
    claims = [(s.start, s.end) for s in reading.stops if s.label == "claim"]
    await r.press("g", "C")
    assert view.highlight == claims[0]
    await r.press("C")
    assert view.highlight == claims[1]
    here = next(i for i, s in enumerate(reading.stops) if (s.start, s.end) == claims[1] and s.label == "claim")
    actor = reading.stops[reading.next_stop(claims[1][0], 1, (), at=here, label="actor")]
    await r.press("A")
    assert view.highlight == (actor.start, actor.end) and actor.label == "actor"
    await r.press("Q", "q")
    assert r.spans() == [("quote", "The blockade will only hurt trade")]
    await r.press("escape", "g", "Q")  # the only quote is tagged: nothing to jump to, nothing changes
    assert view.cursor == 0


async def test_slash_searches_the_text_and_n_and_shift_n_repeat_it(r):
    view = r.reader.view
    await r.press("g", "slash", *"china", "enter")
    assert view.cursor_offset == r.at("China") and view.match == (r.at("China"), r.at("China") + 5)
    await r.press("n")
    assert view.cursor_offset == r.at("China has")
    await r.press("N")
    assert view.cursor_offset == r.at("China")
    await r.press("N")  # round to the last one
    assert view.cursor_offset == r.at("China said")
    # escape while typing goes back to where the search started.
    await r.press("g", "slash", *"xinh")
    assert view.cursor_offset == r.at("Xinhua")
    await r.press("escape")
    assert view.cursor == 0 and r.reader.search_box.display is False
    assert r.app.screen is r.reader


async def test_braces_go_to_the_next_and_previous_tagged_span(r):
    view = r.reader.view
    for piece in ("Qin Gang", "Xinhua"):
        r.go(piece)
        await r.press("a")
    await r.press("g", "right_curly_bracket")
    assert view.cursor_offset == r.at("Qin Gang")
    await r.press("right_curly_bracket")
    assert view.cursor_offset == r.at("Xinhua")
    await r.press("left_curly_bracket")
    assert view.cursor_offset == r.at("Qin Gang")


# -- bulk ----------------------------------------------------------------------------------------


async def test_star_tags_every_mention_of_the_actor_in_one_undo_step(r):
    r.go("China", "Beijing")  # the last one
    await r.press("a", "asterisk")
    assert r.spans().count(("actor", "China")) == 3  # the headline's, the claim's, and the one tagged (not Chinese)
    await r.press("u")
    assert r.spans() == [("actor", "China")]


async def test_plus_reviews_every_suggestion_of_a_label_then_tags_them_in_one_step(r):
    reading = r.reader.reading
    claims = sorted(r.text[s.start : s.end] for s in reading.pending("claim", ()))
    r.go("officials")
    await r.press("plus")
    shown = screen_text(r.app)
    assert f"{len(claims)} untagged suggestions" in shown and "Chinese officials were not convinced" in shown
    await r.press("q")  # the quote suggestions instead
    assert "1 untagged suggestion" in screen_text(r.app)
    await r.press("c", "enter")
    assert sorted(r.spans()) == [("claim", text) for text in claims]
    await r.press("u")
    assert r.spans() == []
    await r.press("plus", "escape")  # looked at, then left: nothing tagged
    assert r.spans() == []


# -- linking -------------------------------------------------------------------------------------


async def test_the_speaker_offered_after_tagging_is_linked_with_enter_and_a_move_declines_it(r):
    r.go("blockade")
    await r.press("q")
    assert "link quote to Yoshimasa Hayashi?" in status_info(r.reader)
    assert r.reader.view.link[1] == (r.at("Yoshimasa"), r.at("Yoshimasa") + len("Yoshimasa Hayashi"))
    await r.press("enter")
    assert r.links() == [("The blockade will only hurt trade", "Yoshimasa Hayashi")]
    r.go("officials")
    await r.press("c", "l", "enter")  # moved on: the offer lapsed, enter links nothing
    assert r.links() == [("The blockade will only hurt trade", "Yoshimasa Hayashi")]
    assert r.reader.view.link == (None, None)


async def test_enter_on_a_suggestion_tab_jumped_to_takes_it_with_the_speaker_it_names_in_one_undo_step(r):
    r.go("Qin Gang")
    await r.press("Q")  # the next quote suggestion
    hayashi = (r.at("Yoshimasa"), r.at("Yoshimasa") + len("Yoshimasa Hayashi"))
    # Before the key: the status line names the speaker, the text highlights it, the footer offers enter.
    assert "quote? said by Yoshimasa Hayashi ⏎ takes both · q alone" in status_info(r.reader)
    assert r.reader.view.link == (None, hayashi)
    assert r.reader.check_action("accept", ()) is True
    await r.press("enter")
    assert sorted(r.spans()) == [("actor", "Yoshimasa Hayashi"), ("quote", "The blockade will only hurt trade")]
    assert r.links() == [("The blockade will only hurt trade", "Yoshimasa Hayashi")]
    (quote,) = [s for s in stored(r.db, r.article_id).spans if s.label == "quote"]
    assert quote.origin.startswith("suggestion:quote")
    assert r.reader.view.link == (None, None) and r.reader.view.highlight is None
    assert not r.reader.check_action("accept", ())  # nothing left for enter to take here
    await r.press("u")  # one undo step takes back all three
    assert r.spans() == [] and r.links() == []


async def test_a_suggestion_trimmed_after_tab_keeps_its_speaker_and_enter_takes_both_in_one_undo_step(r):
    r.go("Qin Gang")
    await r.press("Q", "less_than_sign")  # the quote suggestion, its last word left out
    hayashi = (r.at("Yoshimasa"), r.at("Yoshimasa") + len("Yoshimasa Hayashi"))
    # The offer survives the edit: the status line names the speaker, the text highlights it, enter is lit.
    assert "quote? said by Yoshimasa Hayashi ⏎ takes both · q alone" in status_info(r.reader)
    assert r.reader.view.link == (None, hayashi) and r.reader.check_action("accept", ()) is True
    await r.press("W")  # and its first word: the other end edited too, the offer still stands
    assert "quote? said by Yoshimasa Hayashi" in status_info(r.reader)
    await r.press("enter")
    saved = stored(r.db, r.article_id)
    assert sorted(r.spans()) == [("actor", "Yoshimasa Hayashi"), ("quote", "blockade will only hurt")]
    assert r.links() == [("blockade will only hurt", "Yoshimasa Hayashi")]
    (quote,) = [s for s in saved.spans if s.label == "quote"]
    assert quote.origin.startswith("suggestion:quote")
    assert r.reader.view.selection is None and r.reader.view.link == (None, None)
    assert not r.reader.check_action("accept", ())
    await r.press("u")  # one undo step takes back the quote, the actor and the link
    assert r.spans() == [] and r.links() == []


async def test_tab_trim_and_enter_typed_faster_than_the_screen_redraws_still_take_the_trimmed_suggestion(r):
    r.go("Qin Gang")
    await burst(r.pilot, "Q", "less_than_sign", "less_than_sign", "enter")  # all queued before the first is handled
    await r.pilot.pause()
    assert sorted(r.spans()) == [("actor", "Yoshimasa Hayashi"), ("quote", "The blockade will only")]
    assert r.links() == [("The blockade will only", "Yoshimasa Hayashi")]


async def test_the_speaker_of_an_edited_suggestion_is_ranked_for_the_span_it_became(r):
    await r.press("g", "C")  # the headline's claim, "Japan", said by China
    assert r.reader.view.highlight == (r.at("Japan"), r.at("Japan") + 5)
    assert "claim? said by China" in status_info(r.reader)
    await r.press("greater_than_sign", "greater_than_sign")  # grown into the next line: another speaker ranks first
    grown = r.text[r.at("Japan") : r.at("has") + 3]
    assert r.reader.view.selection == (r.at("Japan"), r.at("has") + 3)
    assert "claim? said by Ministry of Commerce" in status_info(r.reader)
    await r.press("enter")  # what the status line named is what is stored
    assert (grown, "Ministry of Commerce") in r.links()


async def test_an_edit_that_makes_the_suggestion_unfit_for_its_label_ends_the_offer(r):
    r.go("Japan", "called")
    await r.press("c")  # the claim nested in the sentence's claim: "Japan to drop its export curbs"
    inner = "Japan to drop its export curbs"
    assert r.spans() == [("claim", inner)]
    await r.press("escape", "g", "C", "C")  # past the headline's claim to the outer one, still untagged
    outer = "China has called on Japan to drop its export curbs"
    assert r.reader.view.highlight == (r.at(outer), r.at(outer) + len(outer))
    await r.press("W", "W", "W")  # "on Japan to ...": still a claim to take
    assert "claim? said by" in status_info(r.reader) and r.reader.check_action("accept", ()) is True
    await r.press("W")  # now exactly the claim already tagged: enter has nothing to take
    assert r.reader.view.selection == (r.at(inner), r.at(inner) + len(inner))
    assert "takes both" not in status_info(r.reader) and r.reader.view.link == (None, None)
    assert f"⏎ takes nothing: '{inner}' is already tagged claim" in status_info(r.reader)  # and it says why
    assert not r.reader.check_action("accept", ())
    await r.press("enter", "B")  # nothing taken; growing it again does not bring the offer back
    assert "takes" not in status_info(r.reader)
    await r.press("enter")
    assert r.spans() == [("claim", inner)] and r.links() == []


async def test_a_move_ends_the_offer_of_an_edited_suggestion_and_its_label_key_still_tags_it_alone(r):
    r.go("Qin Gang")
    await r.press("Q", "less_than_sign", "l")  # trimmed, then moved: the offer lapsed
    assert r.reader.view.link == (None, None) and not r.reader.check_action("accept", ())
    await r.press("enter")
    assert r.spans() == [] and r.links() == []
    r.go("Qin Gang")
    await r.press("Q", "less_than_sign", "q")  # the label key tags the trimmed suggestion alone...
    assert r.spans() == [("quote", "The blockade will only hurt")] and r.links() == []
    assert "link quote to Yoshimasa Hayashi?" in status_info(r.reader)  # ...then offers its speaker, as ever


async def test_an_actor_stop_trimmed_is_taken_by_enter_unless_trimmed_to_a_function_word(r):
    r.go("Commerce")
    await r.press("A")  # the next speaker-like name
    hl = r.reader.view.highlight
    assert hl is not None and r.text[hl[0] : hl[1]] == "Qin Gang"
    await r.press("less_than_sign", "enter")
    assert r.spans() == [("actor", "Qin")]
    r.go("its export")
    await r.press("A")  # the Ministry of Commerce
    hl = r.reader.view.highlight
    assert r.text[hl[0] : hl[1]] == "Ministry of Commerce"
    await r.press("less_than_sign", "W")  # "of": no actor, so enter takes nothing
    assert r.text[slice(*r.reader.view.selection)] == "of" and not r.reader.check_action("accept", ())
    await r.press("enter")
    assert r.spans() == [("actor", "Qin")]


async def test_a_read_only_reader_offers_no_suggestion_to_take_trimmed_or_not(talks, tmp_path, db):
    second = open_workspace(tmp_path / "talks", db)  # `talks` holds the store: this one opens read-only
    app = build(second)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await open_article(pilot, second.infos()[0].id)
            reader = app.reader
            reader.view.move_to(reader.article.text.index("Qin Gang"))
            await pilot.press("Q", "less_than_sign", "enter")
            await pilot.pause()
            assert "takes" not in status_info(reader) and reader.view.link == (None, None)
            assert not reader.check_action("accept", ())
            assert stored(db, reader.article.id).spans == ()
    finally:
        second.close()


async def test_enter_takes_nothing_once_the_cursor_left_the_suggestion_and_an_actor_stop_alone(r):
    r.go("Qin Gang")
    await r.press("Q", "l")  # jumped, then moved on: the offer lapsed with the highlight
    assert r.reader.view.link == (None, None) and not r.reader.check_action("accept", ())
    await r.press("enter")
    assert r.spans() == [] and r.links() == []
    r.go("Qin Gang")
    await r.press("A")  # the next speaker-like name: enter tags it as an actor, nothing else
    name = r.reader.view.highlight
    assert name is not None
    await r.press("enter")
    assert r.spans() == [("actor", r.text[name[0] : name[1]])] and r.links() == []
    assert "takes" not in status_info(r.reader)  # taken: the status line no longer offers it
    r.go("Qin Gang")
    await r.press("Q", "q")  # the label key from a stop: the offer of the stop goes with the tag
    assert "takes both" not in status_info(r.reader) and "link quote" in status_info(r.reader)


async def test_a_claim_is_linked_to_a_subject_inside_it_without_a_stray_actor_elsewhere(r):
    claim = next(s for s in r.reader.analysis.suggestions if s.label == "claim" and s.text.startswith("China has"))
    r.go("China has")
    await r.press("c", "r")  # the claim suggestion under the cursor, then a speaker for it
    japan = (r.at("Japan", "called"), r.at("Japan", "called") + 5)
    while r.reader.view.cursor_offset != japan[0]:
        await r.press("w")
    # The prompt names exactly the mention enter will take, and the text shows it.
    assert "link claim to Japan" in status_info(r.reader) and "(GPE under the cursor)" in status_info(r.reader)
    assert r.reader.view.link[1] == japan
    await r.press("enter")
    saved = stored(r.db, r.article_id)
    actors = [(s.start, s.end) for s in saved.spans if s.label == "actor"]
    assert actors == [japan]
    assert r.links() == [(claim.text, "Japan")]


async def test_a_pronoun_is_never_stored_as_the_actor_the_link_takes_the_name(r):
    r.go("blockade")
    await r.press("q", "r")
    r.go("he said")
    await r.pilot.pause()
    assert "to Yoshimasa Hayashi" in status_info(r.reader) and "'he' refers to it" in status_info(r.reader)
    await r.press("enter")
    assert ("actor", "he") not in r.spans() and ("actor", "Yoshimasa Hayashi") in r.spans()
    assert r.links() == [("The blockade will only hurt trade", "Yoshimasa Hayashi")]


async def test_a_label_key_on_a_function_word_or_a_pronoun_refuses_with_a_hint(r):
    r.go("the Ministry")
    await r.press("a")
    assert "'the' is a function word, not an actor" in status_info(r.reader)
    r.go("he said")
    await r.press("a")
    assert "'he' is a pronoun for 'Yoshimasa Hayashi'" in status_info(r.reader)
    assert r.spans() == []
    # A selection is the annotator's own choice: it is tagged.
    await r.press("v", "a")
    assert r.spans() == [("actor", "he")]


# -- what the screen shows -------------------------------------------------------------------------


async def test_untagged_suggestions_carry_a_mark_that_goes_once_they_are_tagged(r):
    view = r.reader.view
    quote = (r.at("The blockade"), r.at("The blockade") + len("The blockade will only hurt trade"))
    assert quote in view.marks
    y = view.line_column(quote[0])[0] - round(view.scroll_y)

    def underlined() -> set[str]:
        return {seg.text for seg in view.render_line(y) if seg.style and seg.style.underline}

    assert "blockade" in "".join(underlined())
    r.go("blockade")
    await r.press("q", "escape")  # tagged (escape: no link now)
    assert quote not in view.marks and "blockade" not in "".join(underlined())


async def test_g_then_tab_reaches_the_stop_at_the_start_of_the_article(app, workspace):
    handle = next(info for info in workspace.infos() if info.handle.startswith("003"))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, handle.id)
        await pilot.press("l", "g", "tab")
        await settle(pilot)
        view = app.reader.view
        first = app.reader.reading.stops[0]
        assert first.start == 0  # "China has appealed to Japan ...": a stop at offset 0
        assert view.highlight == (first.start, first.end)


# -- clauses, and the offer after tagging ----------------------------------------------------------


async def test_comma_selects_to_the_end_of_the_clause_and_ctrl_arrows_move_an_edge_by_a_clause(r):
    r.go("drop")
    await r.press("comma", "c")
    assert ("claim", "drop its export curbs") in r.spans()
    await r.press("escape", "ctrl+right")  # the tagged claim takes in the next clause...
    assert ("claim", "drop its export curbs, the Ministry of Commerce said on Monday") in r.spans()
    await r.press("ctrl+left")  # ...and gives it back
    assert ("claim", "drop its export curbs") in r.spans()
    await r.press("ctrl+shift+left")  # its start takes in its sentence's clause before it (not the headline)
    assert ("claim", "China has called on Japan to drop its export curbs") in r.spans()
    await r.press("ctrl+shift+right")  # one clause, nothing to give up: it stays
    assert ("claim", "China has called on Japan to drop its export curbs") in r.spans()


async def test_r_on_the_offered_speaker_opens_the_choice_and_tab_goes_through_it(r):
    r.go("blockade")
    await r.press("q")
    offered = r.reader.view.link[1]
    await r.press("r")
    assert r.reader.view.link[1] == offered and "1/" in status_info(r.reader)
    await r.press("tab")
    second = r.reader.view.link[1]
    assert second is not None and second != offered and "2/" in status_info(r.reader)
    await r.press("enter")
    assert r.links() == [("The blockade will only hurt trade", r.text[slice(*second)])]


async def test_a_resized_unlinked_quote_offers_its_speaker_again_and_a_linked_one_does_not(r):
    r.go("blockade")
    await r.press("q", "less_than_sign")  # resized before linking: the offer comes back
    assert "to Yoshimasa Hayashi?" in status_info(r.reader)
    await r.press("enter")
    assert r.links() == [("The blockade will only hurt", "Yoshimasa Hayashi")]
    await r.press("greater_than_sign")  # linked already: no offer
    assert r.reader.view.link == (None, None)
    assert r.links() == [("The blockade will only hurt trade", "Yoshimasa Hayashi")]


async def test_a_selection_that_named_the_speaker_is_cleared_once_linked(r):
    r.go("blockade")
    await r.press("q", "r")
    r.go("Hayashi")
    await r.press("v", "enter")  # the selection "Hayashi" names the speaker
    assert r.links() == [("The blockade will only hurt trade", "Hayashi")]
    assert r.reader.view.selection is None
    r.go("officials")
    await r.press("a")  # the next label key tags what is under the cursor, not the old selection
    assert ("actor", "officials") in r.spans()


async def test_after_tagging_from_a_jump_the_resize_keys_edit_the_new_span(r):
    r.go("Qin Gang")
    await r.press("Q", "c")  # a claim around the quote tab jumped to (the quote is still untagged)
    claim = next(text for label, text in r.spans() if label == "claim")
    await r.press("less_than_sign")  # edits that claim, not a selection from the quote suggestion
    (edited,) = [text for label, text in r.spans() if label == "claim"]
    assert edited != claim and claim.startswith(edited) and ("quote", "The blockade will only hurt") not in r.spans()
    await r.press("tab")  # tab goes on from where it jumped
    assert r.reader.view.highlight is not None

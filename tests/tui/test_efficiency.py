"""The efficiency bars: each test starts where the cursor is after the previous tag, counts every key it
presses from there, and reads the result from the store on disk."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.tui.conftest import KeyCounter, reading, stored


async def previous_tag(pilot, piece: str, key: str) -> KeyCounter:
    """The annotator's previous tag: cursor on `piece`, label key pressed. Counting starts after it."""
    reader = pilot.app.reader
    reader.view.move_to(reader.article.text.index(piece))
    await pilot.press(key)
    await pilot.pause()
    return KeyCounter(pilot)


async def test_a_highlighted_entity_is_tagged_actor_in_two_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Japan", "a")
        await keys.press("tab", "a")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("Japan", "actor"), ("China", "actor")]
        assert keys.count == 2


async def test_a_quotation_is_tagged_quote_in_two_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Yasutoshi", "a")
        await keys.press("Q", "q")  # the next quote suggestion (tab would stop at the claim around it first)
        spans = [(s.text, s.label) for s in stored(db, article_id).spans]
        assert spans == [("Yasutoshi Nishimura", "actor"), ("frank and useful", "quote")]
        assert keys.count == 2


async def test_a_sentence_is_tagged_claim_in_three_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Beijing", "a")
        await keys.press(")", "s", "c")
        spans = [(s.text, s.label) for s in stored(db, article_id).spans]
        # As the guidelines shape a claim (the default: without the host sentence's full stop).
        assert spans == [("Beijing", "actor"), ("The Netherlands said it would decide later", "claim")]
        assert keys.count == 3


async def test_a_suggested_speaker_link_is_accepted_in_two_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "useful", "q")
        await keys.press("r", "enter")
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [(by_id[r.head].text, by_id[r.child].text, by_id[r.child].label) for r in saved.relations] == [
            ("frank and useful", "Yasutoshi Nishimura", "actor")
        ]
        assert keys.count == 2
        # The link tagged the speaker too, in the same single undo step.
        await pilot.press("u")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("frank and useful", "quote")]


async def test_a_claim_suggestion_is_tagged_in_two_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Beijing", "a")
        await keys.press("C", "c")
        spans = [(s.text, s.label) for s in stored(db, article_id).spans]
        assert spans == [("Beijing", "actor"), ("it would decide later", "claim")]
        assert keys.count == 2


async def test_a_suggestion_is_accepted_trimmed_in_three_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Yasutoshi", "a")
        await keys.press("Q", "less_than_sign", "q")  # the quote suggestion, its last word left out
        saved = stored(db, article_id).spans
        assert [(s.text, s.label) for s in saved] == [("Yasutoshi Nishimura", "actor"), ("frank and", "quote")]
        assert saved[1].origin.startswith("suggestion:quote")
        assert keys.count == 3


async def test_the_speaker_offered_after_tagging_is_linked_in_one_key(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "useful", "q")
        await keys.press("enter")
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [(by_id[r.head].text, by_id[r.child].text) for r in saved.relations] == [
            ("frank and useful", "Yasutoshi Nishimura")
        ]
        assert keys.count == 1


async def test_a_quote_suggestion_and_its_speaker_are_taken_in_two_keys(tiny_app, tiny_workspace, db):
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        keys = await previous_tag(pilot, "Japan", "a")
        await keys.press("Q", "enter")  # the next quote suggestion, taken with the speaker the status line named
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert sorted((s.text, s.label) for s in saved.spans) == [
            ("Japan", "actor"),
            ("Yasutoshi Nishimura", "actor"),
            ("frank and useful", "quote"),
        ]
        assert [(by_id[r.head].text, by_id[r.child].text) for r in saved.relations] == [
            ("frank and useful", "Yasutoshi Nishimura")
        ]
        assert keys.count == 2


async def test_the_footer_is_rebuilt_only_when_the_keys_it_shows_change(tiny_app, tiny_workspace, db):
    """Textual's Footer rebuilds every key widget on any binding refresh; a jump, a move or a tag must not pay for
    that: enter is lit where it stands while there is something to take, dimmed when not."""
    async with reading(tiny_app, tiny_workspace, "b_speakers", size=(120, 36)) as (pilot, article_id):
        reader = pilot.app.reader
        footer = reader.query_one("SteadyFooter")
        mounted: list[object] = []
        original = footer.mount_all

        def counting_mount_all(*args, **kwargs):
            mounted.append(args)
            return original(*args, **kwargs)

        footer.mount_all = counting_mount_all

        def enter_lit() -> bool:
            return [key.has_class("-disabled") for key in footer.query(FooterKey) if key.action == "accept"] == [False]

        reader.view.move_to(0)
        await pilot.pause()
        assert not enter_lit()
        await pilot.press("tab")  # a stop: enter has something to take
        await pilot.pause()
        assert enter_lit() and reader.check_action("accept", ())
        await pilot.press("tab", "tab", "l")  # stop to stop, then off the stop: enter dimmed again
        await pilot.pause()
        assert not enter_lit()
        reader.view.move_to(reader.article.text.index("useful"))
        await pilot.press("q", "l")  # a quote, its speaker offered, then declined
        reader.view.move_to(reader.article.text.index("Beijing"))
        await pilot.press("a")  # and an actor
        await pilot.pause()
        assert {"quote", "actor"} <= {s.label for s in stored(db, article_id).spans}
        assert mounted == []  # none of it rebuilt the footer
        await pilot.press("o")  # into the span list: other keys, so the footer is rebuilt with them
        await pilot.pause()
        assert len(mounted) == 1 and "accept" not in [key.action for key in footer.query(FooterKey)]

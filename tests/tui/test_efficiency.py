"""The efficiency bars: each test starts where the cursor is after the previous tag and presses exactly
the promised keys, then reads the result from the store on disk."""

from __future__ import annotations

from tests.tui.conftest import article_id_by_handle, open_article, stored


async def previous_tag(pilot, piece: str, key: str) -> None:
    """The annotator's previous tag: cursor on `piece`, label key pressed."""
    reader = pilot.app.reader
    reader.view.move_to(reader.article.text.index(piece))
    await pilot.press(key)
    await pilot.pause()


async def test_a_highlighted_entity_is_tagged_actor_in_two_keys(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await previous_tag(pilot, "Japan", "a")
        keys = ["tab", "a"]
        await pilot.press(*keys)
        assert len(keys) <= 2
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("Japan", "actor"), ("China", "actor")]


async def test_a_quotation_is_tagged_quote_in_two_keys(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await previous_tag(pilot, "Yasutoshi", "a")
        keys = ["tab", "q"]
        await pilot.press(*keys)
        assert len(keys) == 2
        spans = [(s.text, s.label) for s in stored(db, article_id).spans]
        assert spans == [("Yasutoshi Nishimura", "actor"), ("frank and useful", "quote")]


async def test_a_sentence_is_tagged_claim_in_three_keys(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await previous_tag(pilot, "Beijing", "a")
        keys = [")", "s", "c"]
        await pilot.press(*keys)
        assert len(keys) == 3
        spans = [(s.text, s.label) for s in stored(db, article_id).spans]
        assert spans == [("Beijing", "actor"), ("The Netherlands said it would decide later.", "claim")]


async def test_a_suggested_speaker_link_is_accepted_in_two_keys(tiny_app, tiny_workspace, db):
    article_id = article_id_by_handle(tiny_workspace, "b_speakers")
    async with tiny_app.run_test(size=(120, 36)) as pilot:
        await open_article(pilot, article_id)
        await previous_tag(pilot, "useful", "q")
        keys = ["r", "enter"]
        await pilot.press(*keys)
        assert len(keys) == 2
        saved = stored(db, article_id)
        by_id = {s.id: s for s in saved.spans}
        assert [(by_id[r.head].text, by_id[r.child].text, by_id[r.child].label) for r in saved.relations] == [
            ("frank and useful", "Yasutoshi Nishimura", "actor")
        ]
        # The link tagged the speaker too, in the same single undo step.
        await pilot.press("u")
        assert [(s.text, s.label) for s in stored(db, article_id).spans] == [("frank and useful", "quote")]

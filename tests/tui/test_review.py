"""The review screen (adjudication) under Pilot: each key's effect is read back from the adjudicator's store on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipread.store import AnnotationStore
from chipread.team.adjudicate import Decisions
from chipread.tui import make_app
from chipread.tui.screens.review import ReviewScreen
from chipread.workspace import Workspace
from tests.team.conftest import TEXTS, annotate, articles, locate
from tests.tui.conftest import screen_text, settle

QUOTE = "a turning point for the harbour"
WORK = {
    "ana": {
        "a_vote": [("Mayor Lena Ortiz", "actor"), (QUOTE, "quote"), ("Opponents", "actor")],
        "b_trains": [("Norline", "actor")],
    },
    "bo": {
        "a_vote": [("Mayor Lena Ortiz", "actor"), (QUOTE, "quote"), ("Opponents", "claim"), ("Tuesday", "actor")],
        "b_trains": [("Norline", "actor")],
    },
}
LINKS = {("ana", "a_vote"): [(QUOTE, "Mayor Lena Ortiz")], ("bo", "a_vote"): [(QUOTE, "Mayor Lena Ortiz")]}


@pytest.fixture
def team(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path / "db"
    arts = articles(corpus)
    for who, per in WORK.items():
        for handle, spans in per.items():
            annotate(db, arts[handle], who, spans, LINKS.get((who, handle), ()), status="done")
    ws = Workspace.open(corpus, db=db, annotator="gold", use_cache=False)
    app = make_app(ws, review=True)
    app.animation_level = "none"
    yield app, ws, arts
    ws.close()


def gold(db: Path, article_id: str) -> list[tuple[str, str]]:
    """The adjudicator's spans and links as a second process reads them from disk."""
    store = AnnotationStore(db, readonly=True)
    ann = store.load(article_id, "gold")
    by_id = {s.id: s for s in ann.spans}
    links = [(f"{by_id[r.head].text} -> {by_id[r.child].text}", "link") for r in ann.relations]
    return sorted([(s.text, s.label) for s in ann.spans] + links)


def gold_status(db: Path, article_id: str) -> str:
    return AnnotationStore(db, readonly=True).load(article_id, "gold").status


async def test_the_library_lists_what_to_review_with_progress(team):
    app, ws, arts = team
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "chipread · gold" in shown
        assert "review: 0 of 2 disagreements settled" in shown  # a_vote
        assert "review: 2 annotators agree" in shown  # b_trains
        assert "A quiet week" not in shown and "0 of 2 adjudicated" in shown  # c_quiet: one annotator or none


async def test_review_settles_disagreements_one_key_each_into_gold(team):
    app, ws, arts = team
    vote = arts["a_vote"]
    db = ws.store.root
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article(vote.id)
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        # Opening it accepted what both agree on: the actor, the quote and its link.
        assert gold(db, vote.id) == sorted(
            [("Mayor Lena Ortiz", "actor"), (QUOTE, "quote"), (f"{QUOTE} -> Mayor Lena Ortiz", "link")]
        )
        shown = screen_text(app)
        assert "disagreement 1 of 2" in shown and "only some annotators tagged this" in shown
        assert "'Tuesday'   (bo)" in shown and "(ana tagged nothing here)" in shown
        await pilot.press("0")  # none of these: gold keeps nothing at Tuesday, and remembers it
        assert not any(text == "Tuesday" for text, _ in gold(db, vote.id))
        assert len(Decisions(db, "gold").rejected(vote.id)) == 1
        assert "1 settled" in screen_text(app)
        await pilot.press("n")
        shown = screen_text(app)
        assert "disagreement 2 of 2" in shown and "conflicting label" in shown
        assert "(ana)" in shown and "(bo)" in shown
        await pilot.press("2")  # bo's version: "Opponents" as a claim
        assert ("Opponents", "claim") in gold(db, vote.id)
        await pilot.press("1")  # changed my mind: ana's
        assert ("Opponents", "actor") in gold(db, vote.id) and ("Opponents", "claim") not in gold(db, vote.id)
        assert "2 settled" in screen_text(app)
        await pilot.press("u")  # undo the adjudicator's last change: Opponents back to bo's claim
        assert ("Opponents", "claim") in gold(db, vote.id) and ("Opponents", "actor") not in gold(db, vote.id)
        await pilot.press("tab")  # wraps round to the first disagreement
        assert "disagreement 1 of 2" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert gold_status(db, vote.id) == "done"
        # d went on to the next article not yet adjudicated.
        assert isinstance(app.screen, ReviewScreen) and app.screen.article_id == arts["b_trains"].id
        assert gold(db, arts["b_trains"].id) == [("Norline", "actor")]


async def test_undo_and_redo_say_so_when_there_is_nothing_to_do(team):
    app, ws, arts = team
    trains = arts["b_trains"]
    db = ws.store.root
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article(trains.id)
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        kept = gold(db, trains.id)
        await pilot.press("U")
        assert "nothing to redo in this article" in screen_text(app) and "saved" not in screen_text(app)
        assert gold(db, trains.id) == kept
        await pilot.press("u")  # the agreed item accepted on opening
        assert "saved ✓ undone" in screen_text(app)
        assert gold(db, trains.id) == []
        for _ in range(5):  # whatever else this article's history holds, then nothing is left
            await pilot.press("u")
        assert "nothing to undo in this article" in screen_text(app) and "saved" not in screen_text(app)
        assert gold(db, trains.id) == []


async def test_edit_goes_to_the_reader_as_the_adjudicator_and_back(team):
    app, ws, arts = team
    vote = arts["a_vote"]
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article(vote.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is app.reader and app.reader.session.annotator == "gold"
        # Tag in the reader as gold: the review sees it on return.
        start, end = locate(vote.text, "port authority")
        app.reader.view.move_to(start)
        await pilot.press("v", "shift+right", "a")
        await settle(pilot)
        assert ("port authority", "actor") in gold(ws.store.root, vote.id)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.library

"""Adjudication decisions without a screen: items and their kinds, and what accept and reject write into gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipread.model import Annotations, Relation, Span
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from chipread.team.adjudicate import (
    AGREED,
    EXTENT,
    LABEL,
    LINK,
    ONLY_SOME,
    Decisions,
    accept,
    accept_agreed,
    chosen,
    items,
    progress,
    reject,
)
from tests.team.conftest import TEXTS, articles, locate

VOTE = TEXTS["a_vote.txt"]


def work(name: str, spans: list[tuple[str, str]], links: list[tuple[str, str]] = ()) -> Annotations:
    made = {}
    for piece, label in spans:
        start, end = locate(VOTE, piece)
        made[piece] = Span(f"{name}-{piece}", "a", start, end, label, VOTE[start:end], name)
    rels = tuple(
        Relation(f"{name}-r{i}", "a", made[h].id, made[c].id, annotator=name) for i, (h, c) in enumerate(links)
    )
    return Annotations("a", name, tuple(made.values()), rels)


QUOTE = "a turning point for the harbour"
WORKS = {
    "ana": work(
        "ana",
        [("Mayor Lena Ortiz", "actor"), (QUOTE, "quote"), ("Opponents", "actor"), ("Tuesday", "actor")],
        [(QUOTE, "Mayor Lena Ortiz")],
    ),
    "bo": work(
        "bo",
        [("Mayor Lena Ortiz", "actor"), (QUOTE, "quote"), ("Opponents", "claim"), ("port authority", "actor")],
        [(QUOTE, "Mayor Lena Ortiz")],
    ),
    "cy": work(
        "cy",
        [("Lena Ortiz", "actor"), (QUOTE, "quote"), ("Opponents", "actor"), ("The port authority", "actor")],
        [(QUOTE, "Lena Ortiz")],
    ),
}


def by_text(found, piece: str):
    start, end = locate(VOTE, piece)
    return next(it for it in found if it.start <= start and end <= it.end)


def test_items_and_their_kinds():
    found = items(WORKS)
    kinds = {VOTE[it.start : it.end]: it.kind for it in found}
    assert kinds == {
        "Mayor Lena Ortiz": EXTENT,  # ana and bo: "Mayor Lena Ortiz"; cy: "Lena Ortiz"
        QUOTE: LINK,  # one span, attributed to two different actor spans
        "Opponents": LABEL,
        "Tuesday": ONLY_SOME,
        "The port authority": EXTENT,
    }
    quote = by_text(found, QUOTE)
    assert [v.annotators for v in quote.versions] == [("ana", "bo"), ("cy",)]
    assert by_text(found, "Tuesday").missing == ("bo", "cy")
    agreed = items({"ana": WORKS["ana"], "bo": work("bo", [("Tuesday", "actor")])})
    assert [it.kind for it in agreed if VOTE[it.start : it.end] == "Tuesday"] == [AGREED]


@pytest.fixture
def gold(tmp_path: Path, corpus: Path):
    article = articles(corpus)["a_vote"]
    store = AnnotationStore(tmp_path / "db")
    assert store.claim("gold")
    yield store, AnnotationSession(store, article, "gold")
    store.close()


def stored(store: AnnotationStore, article_id: str) -> list[tuple[str, str]]:
    """gold's spans as a fresh reader of the disk sees them."""
    fresh = AnnotationStore(store.root, readonly=True)
    ann = fresh.load(article_id, "gold")
    by_id = {s.id: s for s in ann.spans}
    return sorted(
        [(s.text, s.label) for s in ann.spans]
        + [(f"{by_id[r.head].text} -> {by_id[r.child].text}", "link") for r in ann.relations]
    )


def test_accept_writes_the_version_its_speaker_and_link_in_one_undo_step(gold):
    store, session = gold
    quote = by_text(items(WORKS), QUOTE)
    accept(session, quote, quote.versions[1])  # cy's: attributed to "Lena Ortiz"
    assert stored(store, session.article.id) == sorted(
        [("Lena Ortiz", "actor"), (f"{QUOTE} -> Lena Ortiz", "link"), (QUOTE, "quote")]
    )
    assert chosen(quote, session.annotations) == 1
    # Changing one's mind replaces gold's choice in the item (its actor span stays: it is another item).
    accept(session, quote, quote.versions[0])
    assert chosen(quote, session.annotations) == 0
    assert (f"{QUOTE} -> Mayor Lena Ortiz", "link") in stored(store, session.article.id)
    session.undo()
    assert chosen(quote, session.annotations) == 1


def test_reject_is_settled_with_nothing_in_gold_and_accept_undoes_it(gold):
    store, session = gold
    found = items(WORKS)
    decisions = Decisions(store.root, "gold")
    tuesday = by_text(found, "Tuesday")
    accept(session, tuesday, tuesday.versions[0])
    reject(session, tuesday, decisions)
    assert stored(store, session.article.id) == []
    assert Decisions(store.root, "gold").rejected(session.article.id) == {tuesday.key}
    report = progress(found, session.annotations, decisions.rejected(session.article.id), 3)
    assert (report.disagreements, report.settled) == (5, 1)
    accept(session, tuesday, tuesday.versions[0], decisions)
    assert decisions.rejected(session.article.id) == set()
    assert "1 of 5 disagreements settled" in progress(found, session.annotations, set(), 3).note()


def test_accept_agreed_takes_every_agreed_item_once(gold):
    store, session = gold
    two = {
        "ana": WORKS["ana"],
        "bo": work(
            "bo", [("Tuesday", "actor"), (QUOTE, "quote"), ("Mayor Lena Ortiz", "actor")], [(QUOTE, "Mayor Lena Ortiz")]
        ),
    }
    found = items(two)
    assert sorted(it.kind for it in found) == [AGREED, AGREED, AGREED, ONLY_SOME]
    assert accept_agreed(session, found) == 3
    assert stored(store, session.article.id) == sorted(
        [
            ("Mayor Lena Ortiz", "actor"),
            ("Tuesday", "actor"),
            (f"{QUOTE} -> Mayor Lena Ortiz", "link"),
            (QUOTE, "quote"),
        ]
    )
    assert accept_agreed(session, found) == 0
    assert session.next_undo() == "accept 3 agreed"

"""AnnotationSession: every edit validated, persisted at once, and undoable, also after reopening."""

from __future__ import annotations

import pytest

from chipread.errors import SessionError, StoreReadOnly
from chipread.model import LabelSet
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.conftest import make_article


def find(article, piece: str) -> tuple[int, int]:
    start = article.text.index(piece)
    return start, start + len(piece)


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path / "annotations")
    assert s.claim("alice")
    yield s
    s.close()


def reopen(tmp_path, article):
    """A second process's view: a brand-new store object reading only what is on disk."""
    fresh = AnnotationStore(tmp_path / "annotations", readonly=True)
    return fresh.load(article.id, "alice")


def test_add_span_is_on_disk_when_the_call_returns(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    span = session.add_span(*find(article, "Wang Wentao"), "actor")
    on_disk = reopen(tmp_path, article)
    assert [(s.id, s.text, s.label) for s in on_disk.spans] == [(span.id, "Wang Wentao", "actor")]
    assert on_disk.status == "in_progress"


def test_span_trims_whitespace_and_rejects_empty_and_outside(store, article):
    session = AnnotationSession(store, article, "alice")
    start, end = find(article, "Wang Wentao")
    span = session.add_span(start - 1, end + 1, "actor")
    assert (span.start, span.end, span.text) == (start, end, "Wang Wentao")
    with pytest.raises(SessionError, match="empty"):
        session.add_span(5, 5, "actor")
    with pytest.raises(SessionError, match="outside the text"):
        session.add_span(0, len(article.text) + 1, "actor")
    with pytest.raises(SessionError, match="whitespace"):
        session.add_span(article.text.index("\n\n"), article.text.index("\n\n") + 2, "actor")
    with pytest.raises(SessionError, match="unknown label"):
        session.add_span(start, end, "villain")
    with pytest.raises(SessionError, match="already tagged"):
        session.add_span(start, end, "actor")
    assert len(session.spans) == 1


def test_overlapping_spans_are_allowed(store, article):
    session = AnnotationSession(store, article, "alice")
    session.add_span(*find(article, "Commerce Minister Wang Wentao"), "actor")
    session.add_span(*find(article, "Wang Wentao said the controls were"), "claim")
    session.add_span(*find(article, "Wang Wentao"), "actor")
    assert [s.text for s in session.spans] == [
        "Commerce Minister Wang Wentao",
        "Wang Wentao said the controls were",
        "Wang Wentao",
    ]


def test_relabel_resize_delete_and_their_undo(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    span = session.add_span(*find(article, "Wang Wentao"), "actor")
    session.relabel(span.id, "quote")
    assert reopen(tmp_path, article).spans[0].label == "quote"
    session.resize(span.id, *find(article, "Commerce Minister Wang Wentao"))
    assert reopen(tmp_path, article).spans[0].text == "Commerce Minister Wang Wentao"
    session.delete_span(span.id)
    assert reopen(tmp_path, article).spans == ()

    assert session.undo() == "delete quote 'Commerce Minister Wang Wentao'"
    assert reopen(tmp_path, article).spans[0].text == "Commerce Minister Wang Wentao"
    assert session.undo() == "resize quote"
    assert reopen(tmp_path, article).spans[0].text == "Wang Wentao"
    assert session.undo() == "relabel actor to quote"
    assert reopen(tmp_path, article).spans[0].label == "actor"
    assert session.undo() == "tag actor 'Wang Wentao'"
    assert reopen(tmp_path, article).spans == ()
    assert reopen(tmp_path, article).status == "todo"
    assert session.undo() is None

    assert session.redo() == "tag actor 'Wang Wentao'"
    assert session.redo() == "relabel actor to quote"
    assert [(s.label, s.text) for s in reopen(tmp_path, article).spans] == [("quote", "Wang Wentao")]


def test_relabel_and_resize_refuse_to_make_a_copy_of_a_span_and_write_nothing(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    actor = session.add_span(*find(article, "Wang Wentao"), "actor")
    quote = session.add_span(*find(article, "Wang Wentao"), "quote")
    longer = session.add_span(*find(article, "Commerce Minister Wang Wentao"), "actor")
    before = reopen(tmp_path, article).spans
    with pytest.raises(SessionError, match="^'Wang Wentao' is already tagged actor$"):
        session.relabel(quote.id, "actor")
    with pytest.raises(SessionError, match="^'Wang Wentao' is already tagged actor$"):
        session.resize(longer.id, actor.start, actor.end)
    assert reopen(tmp_path, article).spans == before
    assert session.next_undo() == "tag actor 'Commerce Minister Wang Wentao'"  # no step was recorded
    session.relabel(quote.id, "claim")  # a label nobody has on that text is fine
    session.resize(longer.id, *find(article, "Minister Wang Wentao"))
    assert sorted((s.label, s.text) for s in reopen(tmp_path, article).spans) == [
        ("actor", "Minister Wang Wentao"),
        ("actor", "Wang Wentao"),
        ("claim", "Wang Wentao"),
    ]


def test_new_edit_after_undo_drops_the_redo_steps(store, article):
    session = AnnotationSession(store, article, "alice")
    session.add_span(*find(article, "Wang Wentao"), "actor")
    session.undo()
    session.add_span(*find(article, "Japan said"), "claim")
    assert session.redo() is None
    assert [s.text for s in session.spans] == ["Japan said"]


def test_relations_validate_roles_and_cascade_on_delete(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    actor = session.add_span(*find(article, "Wang Wentao"), "actor")
    quote = session.add_span(*find(article, "a wrongdoing"), "quote")
    claim = session.add_span(*find(article, "it was fulfilling its duty"), "claim")
    with pytest.raises(SessionError, match="attributed to actor"):
        session.add_relation(quote.id, claim.id)
    with pytest.raises(SessionError, match="only claim or quote"):
        session.add_relation(actor.id, quote.id)
    rel = session.add_relation(quote.id, actor.id)
    with pytest.raises(SessionError, match="already attributed"):
        session.add_relation(quote.id, actor.id)
    assert [(r.head, r.child, r.label) for r in reopen(tmp_path, article).relations] == [
        (quote.id, actor.id, "attributed_to")
    ]
    # Deleting the actor takes its relation with it, and one undo brings both back.
    session.delete_span(actor.id)
    assert reopen(tmp_path, article).relations == ()
    session.undo()
    assert [r.id for r in reopen(tmp_path, article).relations] == [rel.id]
    # Relabelling the quote into an actor would leave a nonsense relation: it goes too.
    session.relabel(quote.id, "actor")
    assert reopen(tmp_path, article).relations == ()
    session.undo()
    assert len(reopen(tmp_path, article).relations) == 1
    session.delete_relation(rel.id)
    assert reopen(tmp_path, article).relations == ()


def test_status_and_its_undo(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    session.set_status("done")
    assert reopen(tmp_path, article).status == "done"
    session.undo()
    assert reopen(tmp_path, article).status == "todo"
    with pytest.raises(SessionError, match="unknown status"):
        session.set_status("finished")


def test_history_survives_reopening(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    session.add_span(*find(article, "Wang Wentao"), "actor")
    store.close()
    again = AnnotationStore(tmp_path / "annotations")
    assert again.claim("alice")
    second = AnnotationSession(again, article, "alice")
    assert second.undo() == "tag actor 'Wang Wentao'"
    assert second.spans == ()
    assert second.redo() is not None
    assert len(second.spans) == 1
    again.close()


def test_undo_is_per_article(store, article):
    other = make_article("Other article\n\nMr Qin said so.", handle="other")
    first = AnnotationSession(store, article, "alice")
    second = AnnotationSession(store, other, "alice")
    first.add_span(*find(article, "Wang Wentao"), "actor")
    second.add_span(*find(other, "Mr Qin"), "actor")
    assert first.undo() == "tag actor 'Wang Wentao'"
    assert [s.text for s in second.spans] == ["Mr Qin"]


def test_read_only_session_refuses_writes(tmp_path, store, article):
    AnnotationSession(store, article, "alice").add_span(*find(article, "Wang Wentao"), "actor")
    viewer = AnnotationStore(tmp_path / "annotations")
    assert not viewer.claim("alice")
    session = AnnotationSession(viewer, article, "alice")
    assert session.readonly
    assert [s.text for s in session.spans] == ["Wang Wentao"]
    with pytest.raises(StoreReadOnly, match="being edited by"):
        session.add_span(*find(article, "Japan said"), "claim")
    viewer.close()


def test_edited_article_text_reanchors_and_flags(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    session.add_span(*find(article, "Wang Wentao"), "actor")
    session.add_span(*find(article, "Yasutoshi Nishimura"), "actor")
    session.add_span(*find(article, "a wrongdoing"), "quote")
    edited_text = article.text.replace(
        "Japan curbs chip exports\n\n", "Japan curbs chip exports\n\nA new first paragraph.\n\n"
    )
    edited_text = edited_text.replace("a wrongdoing", "an error")
    # Same article id (jsonl corpora keep ids across edits): re-anchor in place.
    from dataclasses import replace

    edited = replace(make_article(edited_text), id=article.id)
    again = AnnotationSession(store, edited, "alice")
    assert again.reanchored == 3
    by_text = {s.text: s for s in again.spans}
    assert edited.text[by_text["Wang Wentao"].start : by_text["Wang Wentao"].end] == "Wang Wentao"
    assert by_text["Yasutoshi Nishimura"].flag is None
    flagged = [s for s in again.spans if s.flag]
    assert [s.text for s in flagged] == ["a wrongdoing"]
    on_disk = reopen(tmp_path, edited)
    assert sorted(s.text for s in on_disk.spans) == ["Wang Wentao", "Yasutoshi Nishimura", "a wrongdoing"]
    assert [s.text for s in on_disk.spans if s.flag] == ["a wrongdoing"]


def test_custom_labels(store, article):
    from chipread.model import Label

    labels = LabelSet(
        (Label("speaker", "s", "#ff0000"), Label("statement", "t", "#00ff00")),
        heads=("statement",),
        actors=("speaker",),
    )
    session = AnnotationSession(store, article, "alice", labels)
    who = session.add_span(*find(article, "Wang Wentao"), "speaker")
    said = session.add_span(*find(article, "a wrongdoing"), "statement")
    session.add_relation(said.id, who.id)
    with pytest.raises(SessionError, match="unknown label"):
        session.add_span(*find(article, "Japan said"), "actor")


def test_link_tags_the_speaker_and_links_in_one_undoable_step(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    quote = session.add_span(*find(article, "a wrongdoing"), "quote")
    rel = session.link(quote.id, *find(article, "Wang Wentao"))
    on_disk = reopen(tmp_path, article)
    actor = next(s for s in on_disk.spans if s.label == "actor")
    assert (actor.text, actor.origin) == ("Wang Wentao", "speaker-suggestion")
    assert [(r.head, r.child) for r in on_disk.relations] == [(quote.id, actor.id)] and rel.child == actor.id
    # One undo removes both the relation and the actor it created.
    session.undo()
    assert [s.label for s in reopen(tmp_path, article).spans] == ["quote"]
    assert reopen(tmp_path, article).relations == ()
    # With an actor already tagged there, link reuses it.
    existing = session.add_span(*find(article, "Wang Wentao"), "actor")
    again = session.link(quote.id, *find(article, "Wang Wentao"))
    assert again.child == existing.id
    assert len([s for s in session.spans if s.label == "actor"]) == 1


def test_add_attributed_tags_the_quote_its_speaker_and_the_link_in_one_write_and_one_undo(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    span, rel = session.add_attributed(
        *find(article, "a wrongdoing"), "quote", find(article, "Wang Wentao"), origin="suggestion:quote"
    )
    on_disk = reopen(tmp_path, article)
    by_id = {s.id: s for s in on_disk.spans}
    assert sorted((s.label, s.text, s.origin) for s in on_disk.spans) == [
        ("actor", "Wang Wentao", "speaker-suggestion"),
        ("quote", "a wrongdoing", "suggestion:quote"),
    ]
    assert [(by_id[r.head].text, by_id[r.child].text) for r in on_disk.relations] == [("a wrongdoing", "Wang Wentao")]
    assert rel.head == span.id and on_disk.status == "in_progress"
    assert session.undo() == "tag quote 'a wrongdoing' said by 'Wang Wentao'"
    after = reopen(tmp_path, article)
    assert after.spans == () and after.relations == ()
    # An actor span already there is reused, not tagged twice.
    existing = session.add_span(*find(article, "Wang Wentao"), "actor")
    _, again = session.add_attributed(*find(article, "a wrongdoing"), "quote", find(article, "Wang Wentao"))
    assert again.child == existing.id and [s.label for s in session.spans].count("actor") == 1


def test_add_attributed_refuses_what_a_tag_or_a_link_would_and_writes_nothing(tmp_path, store, article):
    session = AnnotationSession(store, article, "alice")
    wang = find(article, "Wang Wentao")
    with pytest.raises(SessionError, match="only claim or quote spans can be attributed"):
        session.add_attributed(*wang, "actor", find(article, "a wrongdoing"))
    with pytest.raises(SessionError, match="cannot be attributed to itself"):
        session.add_attributed(*wang, "quote", wang)
    session.add_span(*find(article, "a wrongdoing"), "quote")
    with pytest.raises(SessionError, match="already tagged quote"):
        session.add_attributed(*find(article, "a wrongdoing"), "quote", wang)
    assert [s.label for s in reopen(tmp_path, article).spans] == ["quote"]
    assert reopen(tmp_path, article).relations == ()

"""The actors view: counts per actor, the store index kept current, timelines in date order, finding an actor."""

from __future__ import annotations

from datetime import date

import pytest

from chipread.actors import ActorBook
from chipread.errors import ActorError
from tests.actors.conftest import annotate_000, annotate_qin, handle_id, open_ws, tag


def row(book: ActorBook, name: str):
    return next(r for r in book.view().rows if r.actor.name == name)


def test_the_table_counts_statements_articles_outlets_and_dates(ws):
    annotate_000(ws)
    annotate_qin(ws)
    book = ActorBook(ws)
    qin = row(book, "Qin Gang")
    assert qin.counts == {"claim": 1, "quote": 2}
    assert (qin.articles, qin.outlets) == (2, 1)  # 002 (AFP, Bloomberg) and 003 (no outlet)
    assert qin.first is None and qin.last is None  # neither article is dated
    china = row(book, "China")
    assert china.counts == {"claim": 1} and china.first.value == date(2023, 5, 29)
    assert book.view().rows[0].statements >= book.view().rows[-1].statements  # most quoted first


def test_a_new_tag_shows_at_once_and_the_index_reads_only_what_changed(ws):
    annotate_qin(ws)
    book = ActorBook(ws)
    before = book.view()
    session = ws.session(handle_id(ws, "004"))
    gina = tag(session, "Gina Raimondo", "actor")
    claim = tag(session, "asked the Japanese government for cooperation", "claim")
    session.add_relation(claim.id, gina.id)
    after = book.view()
    assert after is not before
    assert row(book, "Gina Raimondo").counts == {"claim": 1}
    assert book.view() is after  # nothing changed since: the same view, nothing recomputed


def test_the_index_is_kept_in_the_cache_and_used_by_the_next_process(seeds_copy, tmp_path):
    ws = open_ws(seeds_copy, tmp_path / "db")
    annotate_qin(ws)
    first = {r.actor.id: r.counts for r in ActorBook(ws).view().rows}
    ws.close()
    ws = open_ws(seeds_copy, tmp_path / "db", write=False)
    try:
        assert {r.actor.id: r.counts for r in ActorBook(ws).view().rows} == first
    finally:
        ws.close()


def test_a_damaged_article_file_is_named_and_the_rest_still_shows(ws, tmp_path):
    annotate_qin(ws)
    annotate_000(ws)
    (tmp_path / "db" / "ana" / f"{handle_id(ws, '000')}.json").write_text("{oops", encoding="utf-8")
    view = ActorBook(ws).view()
    (line,) = view.index.unreadable
    assert handle_id(ws, "000") in line and "damaged" in line
    assert "Qin Gang" in {r.actor.name for r in view.rows}


def test_an_edited_article_keeps_its_actors_where_their_text_is_found(seeds_copy, tmp_path):
    ws = open_ws(seeds_copy, tmp_path / "db")
    annotate_qin(ws)
    ws.close()
    file = next(seeds_copy.glob("003_*"))
    file.write_text("A new first paragraph.\n\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
    ws = open_ws(seeds_copy, tmp_path / "db")
    try:
        book = ActorBook(ws)
        entries = book.timeline(book.find("Qin Gang").id)
        article = ws.get(handle_id(ws, "003"))
        (moved,) = [e for e in entries if e.info.id == article.id]
        s = moved.statement
        assert article.text[s.start : s.end] == s.text
    finally:
        ws.close()


def test_a_timeline_is_in_date_order_with_undated_statements_last(ws):
    annotate_qin(ws)
    book = ActorBook(ws)
    qin = book.find("Qin")
    assert [e.info.handle[:3] for e in book.timeline(qin.id)] == ["002", "002", "003"]
    book.set_date(handle_id(ws, "003"), date(2023, 3, 31))
    book.set_date(handle_id(ws, "002"), date(2023, 4, 3))
    entries = book.timeline(qin.id)
    assert [e.info.handle[:3] for e in entries] == ["003", "002", "002"]
    # "told his counterpart on Sunday": the Sunday before the article's (set) date.
    assert entries[1].date.value == date(2023, 4, 2)


def test_finding_an_actor_by_id_name_or_any_of_its_names(ws):
    annotate_qin(ws)
    annotate_000(ws)
    book = ActorBook(ws)
    qin = book.find("Qin Gang")
    assert book.find(qin.id) == qin == book.find("mr qin") == book.find("QIN")
    with pytest.raises(ActorError, match="names 2 actors"):
        book.find("commerce ministry")
    with pytest.raises(ActorError, match="no actor named"):
        book.find("Nobody Here")

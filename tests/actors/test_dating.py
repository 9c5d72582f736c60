"""Dates for the timeline: estimated for undated articles, named by a statement's sentence, marked as estimates."""

from __future__ import annotations

from datetime import date

from chipread.actors import ActorBook
from chipread.actors.dating import date_phrase, estimate_date, statement_date
from chipread.nlp import split_sentences
from tests.actors.conftest import annotate_000, handle_id


def test_the_latest_full_date_moved_on_to_the_weekday_the_text_reports():
    text = "Talks were held on May 26, 2023 in Detroit. The ministry said Monday it objected."
    assert estimate_date(text) == (date(2023, 5, 29), "Monday after the latest date it names, 2023-05-26")


def test_dates_the_article_looks_forward_to_are_not_its_date():
    text = "The curbs were announced on 3 March 2023. They take effect on July 1, 2024, and will apply until 2025."
    assert estimate_date(text)[0] == date(2023, 3, 3)


def test_no_full_date_no_estimate():
    assert estimate_date("Qin spoke on Thursday about the talks in December.") is None


def test_a_statement_takes_the_day_its_sentence_names_outside_the_quote():
    text = 'Mr Qin said on Sunday that "the blockade of January 5, 2020 was wrong".'
    sentences = split_sentences(text)
    start = text.index("the blockade")
    end = text.index('wrong"') + len("wrong")
    phrase = date_phrase(text, sentences, start, end)
    assert phrase == "Sunday"
    assert statement_date(phrase, date(2023, 4, 4)) == date(2023, 4, 2)
    assert statement_date(phrase, None) is None
    assert statement_date(None, date(2023, 4, 4)) == date(2023, 4, 4)


def test_an_undated_copy_takes_its_originals_date_marked_estimated(ws):
    book = ActorBook(ws)
    stated = book.article_date(handle_id(ws, "000"))
    assert (stated.value, stated.how, stated.shown()) == (date(2023, 5, 29), "stated", "2023-05-29")
    copy = book.article_date(handle_id(ws, "001"))
    assert (copy.value, copy.estimated, copy.shown()) == (date(2023, 5, 29), True, "~2023-05-29")
    assert "000_" in copy.why
    unknown = book.article_date(handle_id(ws, "004"))
    assert (unknown.value, unknown.shown()) == (None, "-")


def test_a_date_set_by_the_analyst_wins_over_an_estimate(ws):
    book = ActorBook(ws)
    copy = handle_id(ws, "001")
    book.set_date(copy, date(2023, 5, 30))
    assert book.article_date(copy).how == "set" and book.article_date(copy).value == date(2023, 5, 30)
    book.set_date(copy, None)
    assert book.article_date(copy).estimated


def test_statements_in_a_dated_article_are_dated_by_their_sentence(ws):
    annotate_000(ws)
    book = ActorBook(ws)
    actor = book.find("Chinese commerce ministry")
    (entry,) = [e for e in book.timeline(actor.id) if "willing" in e.statement.text]
    # "Monday's statement ... also said": the Monday on or before 2023-05-29 is that day itself.
    assert entry.date.value == date(2023, 5, 29) and not entry.date.estimated

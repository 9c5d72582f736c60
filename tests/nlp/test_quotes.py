from __future__ import annotations

from chipread.nlp import find_quotations, quotation_at


def inside(text: str, word: str) -> str | None:
    span = quotation_at(text, text.index(word))
    return text[span[0] : span[1]] if span else None


def test_straight_and_curly_quotes():
    assert inside('He said "we will win" today.', "win") == "we will win"
    assert inside("He said “we will win” today.", "will") == "we will win"
    assert inside("He said “we will win” today.", "today") is None


def test_offset_on_the_marks_selects_the_quote():
    text = "He said “we will win” today."
    assert quotation_at(text, text.index("“")) == (text.index("we"), text.index("”"))


def test_nested_quotes_give_the_innermost():
    text = "She called it \"a 'historic' day\" and “a ‘turning’ point”."
    assert inside(text, "histor") == "historic"
    assert inside(text, "day") == "a 'historic' day"
    assert inside(text, "turn") == "turning"
    assert inside(text, "point") == "a ‘turning’ point"


def test_interrupted_quote_parts_are_separate_quotations():
    text = '"We will win," he said, "and they know it."'
    assert inside(text, "win") == "We will win,"
    assert inside(text, "know") == "and they know it."
    assert inside(text, "said") is None


def test_apostrophes_are_not_quotes():
    text = "Japan’s controls and the investors' money, don't worry."
    assert find_quotations(text) == []
    assert quotation_at(text, 3) is None


def test_quote_running_into_next_paragraph():
    text = '"First paragraph of the quote.\n\n"Second paragraph ends it," she said.'
    qs = find_quotations(text)
    assert [text[q.inner[0] : q.inner[1]] for q in qs] == [
        "First paragraph of the quote.",
        "Second paragraph ends it,",
    ]
    assert qs[0].open_ended and not qs[1].open_ended


def test_unbalanced_quote_is_dropped():
    assert quotation_at('He said "no and left.\n\nNew paragraph.', 10) is None


def test_two_apostrophes_make_a_double_mark_and_an_elided_year_no_quotation():
    text = "Back in the '90s, ''We will win,'' he said. ''Yes.''"
    found = [(q, text[slice(*q.inner)]) for q in find_quotations(text)]
    assert [t for _, t in found] == ["We will win,", "Yes."]
    assert all(q.depth == 0 and q.width == 2 for q, _ in found)

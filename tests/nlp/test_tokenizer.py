from __future__ import annotations

import pytest

from chipread.nlp import snap_to_tokens, token_span, tokenize


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the U.S. said", ["the", "U.S.", "said"]),
        ("Mr. Smith and Mrs. Jones", ["Mr.", "Smith", "and", "Mrs.", "Jones"]),
        ("on Jan. 5, 2023", ["on", "Jan.", "5", ",", "2023"]),
        ("J. R. R. Tolkien", ["J.", "R.", "R.", "Tolkien"]),
        ("China's work", ["China", "'s", "work"]),
        ("Japan’s curbs", ["Japan", "’s", "curbs"]),
        ("investors' money", ["investors", "'", "money"]),
        ('"Hello," he said.', ['"', "Hello", ",", '"', "he", "said", "."]),
        ("“to become self-reliant”.", ["“", "to", "become", "self", "-", "reliant", "”", "."]),
        ("$3.5bn and £1,200.50", ["$", "3.5bn", "and", "£", "1,200.50"]),
        ("rose 4.5% today", ["rose", "4.5", "%", "today"]),
        ("choice—and", ["choice", "—", "and"]),
        ("Japan – the world", ["Japan", "–", "the", "world"]),
        ("Jean-Luc Picard", ["Jean", "-", "Luc", "Picard"]),
        ("the U.S.-led plan", ["the", "U.S.-led", "plan"]),
        ("G-7 and G7", ["G-7", "and", "G7"]),
        ("in APEC.", ["in", "APEC", "."]),
        ("ASML Holding NV.", ["ASML", "Holding", "NV", "."]),
        ("Hanbit Co. said", ["Hanbit", "Co.", "said"]),
        ("visit www.example.com.", ["visit", "www.example.com", "."]),
        ("e.g. this", ["e.g.", "this"]),
    ],
)
def test_news_tokens(text, expected):
    assert texts(text) == expected


def test_offsets_and_whitespace_flags():
    text = 'He said: "No."\n\nNext  one'
    toks = tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.text
    assert [t.text for t in toks] == ["He", "said", ":", '"', "No", ".", '"', "Next", "one"]
    assert [t.ws for t in toks] == [True, False, True, False, False, False, True, True, False]
    assert toks[-1].text == "one" and not toks[-1].ws


def test_deterministic_and_no_whitespace_tokens(gold_texts):
    for text in gold_texts:
        a, b = tokenize(text), tokenize(text)
        assert a == b
        assert all(t.text.strip() == t.text and t.text for t in a)
        assert all(x.end <= y.start for x, y in zip(a, a[1:]))


def test_empty_text():
    assert tokenize("") == []
    assert tokenize("   \n ") == []


def test_snap_expands_to_whole_tokens_and_trims():
    text = "Commerce Minister Wang Wentao's talks"
    toks = tokenize(text)
    assert snap_to_tokens(toks, 20, 24) == (18, 29)  # "ng W" -> "Wang Wentao"
    assert snap_to_tokens(toks, 17, 29) == (18, 29)  # the space before is trimmed
    s, e = snap_to_tokens(toks, 18, 31)
    assert text[s:e] == "Wang Wentao's"
    with pytest.raises(ValueError):
        snap_to_tokens(toks, 8, 9)  # a single space


def test_token_span_inclusive():
    text = "China has called on Japan"
    toks = tokenize(text)
    assert token_span(toks, 0, 5) == (0, 0)
    assert token_span(toks, 0, 16) == (0, 2)
    assert token_span(toks, 2, 12) == (0, 2)
    with pytest.raises(ValueError):
        token_span(toks, 5, 6)

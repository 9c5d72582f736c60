from __future__ import annotations

import random
import re

import pytest

from chipread.nlp import snap_to_tokens, token_span, tokenize
from chipread.nlp import tokenizer as tok


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


# --- token_bounds(): tokenize() without Token objects, on the same segment tables ----------------


def _by_the_rules(text: str) -> list[tuple[int, int, str, bool]]:
    """tokenize() as it was before the segment tables: each whitespace-free chunk split by the rules, nothing
    remembered. The tables, the str.split fast path and the running sums must give exactly this."""
    out = []
    for m in re.finditer(r"\S+", text):
        chunk, a = m.group(), m.start()
        pieces = [(0, len(chunk))] if chunk.isalnum() else (tok._fast_split(chunk) or tok._split_chunk(chunk))
        for k, (x, y) in enumerate(pieces):
            out.append((a + x, a + y, chunk[x:y], a + y < len(text) if k == len(pieces) - 1 else False))
    return out


_PIECES = list("abcXYZ0189.,;:!?'\"-–—~()[]{}<>$£€%+*^/=&#@…’‘“”«»°²\u00e9\u0301😀©\x00\x1f\\\u200b") + [
    "Mr.",
    "U.S.",
    "U.S.-led",
    "n't",
    "'s",
    "’s",
    "goin'",
    "www.example.com",
    "http://a.b/c?d=1",
    "a@b.co",
    "..",
    "...",
    "e.g.",
    "5km",
    "4.5%",
    "US$",
    ":)",
    "C++",
    "and/or",
    "G-7",
    "self-reliant",
    "1,200.50",
]
_SPACES = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \n", "\u00a0", "\u2028", "\u3000", "\r\n"]


def _varied(gold_texts: list[str]) -> list[str]:
    rng = random.Random(20260101)
    out = list(gold_texts)
    for _ in range(1500):
        words = []
        for _ in range(rng.randint(0, 40)):
            words.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4))))
            words.append(rng.choice(_SPACES))
        text = "".join(words)
        if rng.random() < 0.3:
            text = rng.choice(_SPACES) + text  # leading whitespace: the regex path
        if rng.random() < 0.5:
            text = text.rstrip()
        out.append(text)
    out += ["", " ", "a", "a.", " a. ", "a ", "a  b", "\u00a0a\u00a0", "%s %d %%", "x\u2028y\u2029z"]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("remembered", [True, False], ids=["tables", "tables-full"])
def test_token_bounds_and_tokenize_follow_the_rules(gold_texts, monkeypatch, remembered):
    if not remembered:
        # Full tables from the start: every key is computed where it is met, nothing is stored.
        monkeypatch.setattr(tok, "_SEGMENTS_MAX", 0)
        tok.PART_SEGMENTS.clear()
        tok.CHUNK_SEGMENTS.clear()
    for text in _varied(gold_texts):
        expected = _by_the_rules(text)
        starts, ends, words, ws = tok.token_bounds(text)
        assert list(zip(starts, ends, words, ws)) == expected, text
        assert all(type(w) is bool for w in ws)
        assert [(t.start, t.end, t.text, t.ws) for t in tokenize(text)] == expected, text
    if not remembered:
        assert not tok.PART_SEGMENTS and not tok.CHUNK_SEGMENTS


def test_segments_give_the_text_back(gold_texts):
    for text in _varied(gold_texts)[-300:]:
        lead, parts, chunks = tok.segment(text)
        rebuilt = "".join(map("".join, map(tok.PART_SEGMENTS.__getitem__, parts)))
        rebuilt += "".join(map("".join, map(tok.CHUNK_SEGMENTS.__getitem__, chunks)))
        assert text[:lead].isspace() or lead == 0
        assert text[lead:] == rebuilt


def test_bounds_span_is_token_span():
    text = "China has called on Japan, said Wang Wentao's ministry."
    toks = tokenize(text)
    starts, ends, _, _ = tok.token_bounds(text)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            try:
                expected = token_span(toks, start, end)
            except ValueError:
                with pytest.raises(ValueError):
                    tok.bounds_span(starts, ends, start, end)
                continue
            assert tok.bounds_span(starts, ends, start, end) == expected

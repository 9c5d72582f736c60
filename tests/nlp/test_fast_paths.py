"""The analysis's fast paths give what the plain rules they stand for give, on inputs chosen to be awkward."""

from __future__ import annotations

import re

import pytest

from chipread.model import Entity
from chipread.nlp import BuiltinRecognizer, analyse_text, tokenize
from chipread.nlp.builtin import _entity, _is_acronym
from chipread.nlp.context import TokenContext
from chipread.nlp.cues import _Q_AFTER, _Q_BEFORE, cue_context
from chipread.nlp.quotes import _MARKS
from chipread.nlp.sentences import split_sentences
from chipread.nlp.transcripts import _line_starts

REC = BuiltinRecognizer()

# Quotations that touch, nest, run over a paragraph, close inside a word's token, or are written with ''.
QUOTED = [
    'He said "we will respond," and she said "no." Then: "yes""no" they shouted.',
    "“It is over,” he said. ‘Fine,’ she replied, “but ‘not’ yet.”\n\n“Still going\n\n“and on,” he added.",
    "''Two apostrophes,'' the paper wrote. ''Again''. The investors' money, the '90s.",
    '"Unclosed at the end of the text',
    'A "b" c "d" e "f" g. "" "x".',
    "",
]


def _context(text: str) -> TokenContext:
    a = analyse_text(text, REC)
    return TokenContext(text, list(a.tokens), list(a.sentences), list(a.entities))


@pytest.mark.parametrize("text", QUOTED)
def test_quote_edges_are_where_the_quotation_changes(text):
    ctx = _context(text)
    q, n = ctx.quote, len(ctx.quote)
    last, first = ctx.quote_edges
    assert last == [k for k in range(n - 1) if q[k] >= 0 and q[k + 1] != q[k]]
    assert first == [k for k in range(1, n) if q[k] >= 0 and q[k - 1] != q[k]]


@pytest.mark.parametrize("text", QUOTED)
def test_cue_context_quotation_flags_match_a_scan_of_the_window(text):
    ctx = _context(text)
    q = ctx.quote
    for i in range(len(ctx.low)):
        a, b = ctx.bounds[ctx.sent[i]]
        flags = cue_context(ctx, i)[-1]
        before = i > a and any(q[k] >= 0 and q[k + 1] != q[k] for k in range(max(a, i - 4), i))
        after = any(q[k] >= 0 and q[k - 1] != q[k] for k in range(i + 1, min(b, i + 5)))
        assert bool(flags & _Q_BEFORE) == before, (text, i)
        assert bool(flags & _Q_AFTER) == after, (text, i)


def test_quotation_marks_regex_finds_what_the_plain_alternation_finds():
    plain = re.compile("''|[\"“”„«»‘’'‚]|\n[ \t]*\n")
    texts = QUOTED + ["'''", "''''", "'\n \t\n'", "a\n\n\nb ' '' ‚x‘ „y“ «z»"]
    for text in texts:
        assert [(m.start(), m.group()) for m in _MARKS.finditer(text)] == [
            (m.start(), m.group()) for m in plain.finditer(text)
        ]


def test_entities_made_without_the_dataclass_init_equal_those_made_with_it():
    made = _entity(3, 8, "GPE", "Japan", "2023")
    plain = Entity(3, 8, "GPE", "Japan", "builtin", "2023")
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)


@pytest.mark.parametrize(
    "word, expected",
    [("ASML", True), ("G7", True), ("G-7", True), ("COP28", True), ("Ü-BAHN", True), ("China", False), ("7", False)]
    + [("A", False), ("ABCDEFGHI", False), ("U.S.", False), ("M&A", False), ("123-4", False), ("X7y", False)],
)
def test_acronyms(word, expected):
    # ("M&A" is on the list of capitalised words that are not acronyms.)
    assert _is_acronym(word) is expected


def test_sentences_end_where_a_token_by_token_walk_ends_them(gold_texts):
    # The splitter visits only tokens that can end a sentence; every sentence still starts where the previous
    # one stopped, and each ends on a full stop, a closer after one, or before a blank line or the text's end.
    for text in gold_texts + QUOTED:
        tokens = tokenize(text)
        sentences = split_sentences(text, tokens)
        if not tokens:
            assert sentences == []
            continue
        assert sentences[0].start == tokens[0].start and sentences[-1].end == tokens[-1].end
        ends = {t.end: k for k, t in enumerate(tokens)}
        for s, nxt in zip(sentences, sentences[1:]):
            k = ends[s.end]
            assert tokens[k + 1].start == nxt.start
            gap = text[s.end : nxt.start]
            assert tokens[k].text[-1] in ".!?…\"'”’)]»」』）" or gap.count("\n") >= 2


@pytest.mark.parametrize(
    "text",
    ["\n\nA: b.\nC: d.\r\n\r\nE: f.\n", "one line only", "A.\n \n B.\n\n\n\nC\n", "", "\n"] + QUOTED,
)
def test_line_starts_are_the_tokens_after_a_line_break(text):
    ctx = _context(text)
    n = len(ctx.tx)
    plain = ([0] if n else []) + [i for i in range(1, n) if "\n" in text[ctx.ends[i - 1] : ctx.starts[i]]]
    assert _line_starts(ctx) == plain

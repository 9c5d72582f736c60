"""Pathological inputs: no crash, no quadratic blow-up (each run in a subprocess with a generous timeout).

There are no timing assertions: a linear pass over these inputs takes about a second, the old
quadratic ones took minutes (or raised RecursionError), so the timeout only catches a regression
back to those.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chipread.nlp import tokenizer as tok

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


@pytest.mark.slow
def test_long_punctuation_runs_do_not_overflow_the_stack():
    out = _run(
        """
        from chipread.nlp import analyse_text, BuiltinRecognizer
        rec = BuiltinRecognizer()
        for s in ["!" * 1200, ")" * 2000, "," * 3000, '"' * 1000, "word" + ")" * 5000,
                  "(" * 200_000 + "x", "x" + "!" * 200_000, "end." + '"' * 50_000]:
            a = analyse_text("He said " + s + " and left.", rec)
            assert "".join(t.text for t in a.tokens) == ("He said " + s + " and left.").replace(" ", "")
        print("ok")
        """
    )
    assert out.strip() == "ok"


@pytest.mark.slow
def test_unclosed_and_ambiguous_quotation_marks_are_linear():
    out = _run(
        """
        import json
        from chipread.nlp import analyse_text, BuiltinRecognizer, find_quotations
        rec = BuiltinRecognizer()
        # 1 MB of opening marks never closed; 2 MB on one line using “ to open and to close.
        assert find_quotations("“word " * 170_000) == []
        para = json.loads(open("tests/data/seeds.jsonl").readline())["text"].replace("\\n", " ")
        line = (para + " ") * (2_000_000 // len(para))
        a = analyse_text(line.replace('"', "“").replace("”", "“"), rec)
        assert a.entities
        print("ok")
        """
    )
    assert out.strip() == "ok"


@pytest.mark.slow
def test_user_gazetteer_on_a_long_article_is_linear():
    out = _run(
        """
        import json
        from chipread.nlp import analyse_text, load_recognizer, parse_gazetteer
        gaz = parse_gazetteer("ORG ASML | ASML Holding NV\\nORG Tokyo Electron | TEL\\nGPE Japan\\nLAW Entity List\\n")
        para = json.loads(open("tests/data/seeds.jsonl").readline())["text"].replace("\\n", " ")
        line = (para + " ") * (2_000_000 // len(para))
        a = analyse_text(line, load_recognizer("builtin", gaz))
        assert any(e.source == "gazetteer" for e in a.entities)
        print("ok")
        """
    )
    assert out.strip() == "ok"


# --- the loop in _fast_split gives what the recursion gave ---------------------------------------


def _fast_split_recursive(chunk):
    """_fast_split as it was (recursing once per trailing mark): the reference for short chunks."""
    n = len(chunk)
    head = chunk[:-1]
    if n < 2 or not head.isalnum():
        if n > 3 and chunk[-2] in "'’" and chunk[-1] in "sS" and chunk[:-2].isalnum():
            return ((0, n - 2), (n - 2, n))
        if n > 2 and chunk[0] in '“"‘(' and chunk[1:].isalnum():
            return ((0, 1), (1, n))
        k = chunk.find("-")
        if 0 < k < n - 1 and chunk[:k].isalpha() and chunk[k + 1 :].isalpha():
            return ((0, k), (k, k + 1), (k + 1, n))
        if n > 2 and chunk[-1] in tok._SIMPLE_SUFFIX and chunk[-2] in tok._SIMPLE_SUFFIX_OR_DOT:
            inner = _fast_split_recursive(head)
            if inner is not None:
                return (*inner, (n - 1, n))
        return None
    c = chunk[-1]
    if c in "'’" and head.lower().endswith("in"):
        return None
    if c in tok._SIMPLE_SUFFIX:
        return ((0, n - 1), (n - 1, n))
    if c == "." and chunk not in tok.ABBREVIATIONS:
        p = chunk[-2]
        if ("a" <= p <= "z" and n > 2) or p.isdigit():
            return ((0, n - 1), (n - 1, n))
    return None


_HEADS = ["", "a", "word", "U.S", "Mr", "year.", "China's", "“Yes", "(see", "self-reliant", "goin'", "3", "!", "."]
_TAILS = ",;:!?)]}\"'”’».("


@pytest.mark.parametrize("length", [1, 2, 3, 7, 40, 300])
def test_fast_split_loop_matches_the_recursion_on_punctuation_runs(length):
    import random

    rng = random.Random(length)
    for head in _HEADS:
        for c in _TAILS:
            chunks = [head + c * length, head + "".join(rng.choice(_TAILS) for _ in range(length))]
            for chunk in chunks:
                if not chunk:
                    continue
                assert tok._fast_split(chunk) == _fast_split_recursive(chunk), chunk
                fast = tok._fast_split(chunk)
                if fast is not None and not chunk[:-1].isalnum():
                    # The fast path is a shortcut of the rules, never a different answer.
                    assert list(fast) == tok._split_chunk(chunk), chunk


@pytest.mark.parametrize(
    "chunk, pieces",
    [
        ("word" + ")" * 2500, ["word"] + [")"] * 2500),
        ("!" * 1500, ["!"] * 1500),
        ("(" * 3000 + "x", ["("] * 3000 + ["x"]),
        ('"' * 1200 + "Yes" + '"' * 1200, ['"'] * 1200 + ["Yes"] + ['"'] * 1200),
        ("end." + "”" * 2000, ["end", "."] + ["”"] * 2000),
    ],
)
def test_long_punctuation_runs_split_into_single_marks(chunk, pieces):
    text = f"x {chunk} y"
    assert [t.text for t in tok.tokenize(text)] == ["x", *pieces, "y"]
    starts, ends, words, _ws = tok.token_bounds(text)
    assert words == ["x", *pieces, "y"]
    assert all(text[a:b] == w for a, b, w in zip(starts, ends, words))


@pytest.mark.slow
def test_a_megabyte_of_attributed_quotes_and_gazetteer_hits_gives_every_one():
    # 40,000 quotes and 80,000 gazetteer hits: a pass per quote or per hit over the whole text
    # (the old behaviour) is 10^9 steps and would run for minutes.
    out = _run(
        """
        from collections import Counter
        from chipread.nlp import analyse_text, load_recognizer, parse_gazetteer
        rec = load_recognizer("builtin", parse_gazetteer("ORG Acme Widgets | Acme\\nGPE Japan\\n"))
        text = '"We will win," said Acme. Acme Widgets sold chips to Japan. ' * 40_000
        assert len(text) > 2_000_000
        a = analyse_text(text, rec)
        quotes = [s for s in a.suggestions if s.label == "quote"]
        assert len(quotes) == 40_000
        assert all(q.text == "We will win" and q.speaker.text == "Acme" for q in quotes)
        hits = Counter((e.text, e.label) for e in a.entities if e.source == "gazetteer")
        assert hits == {("Acme", "ORG"): 40_000, ("Acme Widgets", "ORG"): 40_000, ("Japan", "GPE"): 40_000}
        print("ok")
        """
    )
    assert out.strip() == "ok"

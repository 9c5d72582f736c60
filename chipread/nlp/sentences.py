"""Sentence splitting: over an article's tokens for analysis, and over a page's paragraph for the cleaner.

Two rules, one list of abbreviations (data/abbreviations.txt). split_sentences() is the finer one (a
paragraph break always ends a sentence; "Inc." or "U.S." may end one before a typical opener).
sentence_spans() is the cleaner's, coarser and frozen: chipread.corpus hashes the text it cleans into
article ids, so its decisions may not change.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from chipread.model import Sentence, Token

from .tokenizer import token_arrays, tokenize
from .wordlists import words

_TERMINALS = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’)]»」』）")
_OPENERS = frozenset("\"'“‘([«「『（")
# Abbreviations (lower case, no full stop) that hold a sentence, or may end it: see data/abbreviations.txt.
_NEVER_END = frozenset(words("abbreviations", "NEVER_ENDS"))
_BEFORE_NUMBER = frozenset(words("abbreviations", "BEFORE_NUMBER"))
_MAY_END = frozenset(words("abbreviations", "MAY_END"))
# ... and those that hold a sentence of a page in the cleaner, whatever follows (a paragraph ending in one is unfinished).
UNFINISHED = frozenset(words("abbreviations", "UNFINISHED"))
_OPENER_WORDS = frozenset(
    "The A An This That These Those It He She They We I You His Her Their Our Its But And Or So Yet "
    "In On At For From With After Before When While If As By To Of Meanwhile However Still Also "
    "There Here Some Many Most Both Each Such Last Next Earlier Later Since Although Though "
    "Despite Under Over About According One Two Three Asked Speaking".split()
)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _paragraph_break(text: str, a: int, b: int) -> bool:
    """True when the gap text[a:b] between two tokens holds a blank line."""
    gap = text[a:b]
    i = gap.find("\n")
    return i >= 0 and gap.find("\n", i + 1) >= 0 and not gap[i + 1 : gap.find("\n", i + 1)].strip()


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[Sentence]:
    """Sentences of text as character spans; a blank line (paragraph break) always ends one."""
    if tokens is None:
        tokens = tokenize(text)
    n = len(tokens)
    if not n:
        return []
    out: list[Sentence] = []
    # Tokens that open a paragraph (a blank line before them), found once with a regex.
    starts, _, texts = token_arrays(tokens)
    para_first = {bisect_left(starts, m.end()) for m in _BLANK_LINE.finditer(text)}
    # Only a token ending in . ! ? … or the last one before a blank line can end a sentence: the loop
    # visits those alone (in order, skipping any that a closing quote or bracket already took in).
    stops = {i for i, s in enumerate(texts) if s[-1] in _TERMINALS}
    stops.update(p - 1 for p in para_first if 0 < p < n)
    first = 0
    i = 0
    for stop in sorted(stops):
        if stop < i:
            continue
        i = stop
        t = tokens[i]
        nxt = i + 1
        if nxt in para_first and nxt < n:
            out.append(Sentence(tokens[first].start, t.end))
            first = nxt
            i = nxt
            continue
        s = t.text
        last = s[-1]
        if last in _TERMINALS:
            # Absorb closing quotes and brackets: the sentence ends after `."` or `?)`.
            j = nxt
            while j < n and tokens[j].text in _CLOSERS and tokens[j - 1].ws is False:
                j += 1
            if j >= n:
                break
            end_here = _ends(text, tokens, i, j)
            if end_here:
                out.append(Sentence(tokens[first].start, tokens[j - 1].end))
                first = j
                i = j
                continue
            i = j
    if first < n:
        out.append(Sentence(tokens[first].start, tokens[n - 1].end))
    return out


def _ends(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Does the sentence end after token i (closers up to j-1), given the next token j?"""
    t = tokens[i]
    s = t.text
    nxt = tokens[j]
    if _paragraph_break(text, tokens[j - 1].end, nxt.start):
        return True
    # What starts the next sentence, skipping an opening quote or bracket.
    k = j
    while k < len(tokens) - 1 and tokens[k].text in _OPENERS:
        k += 1
    word = tokens[k].text
    c = word[0]
    starts_upper = c.isupper() or c.isdigit()
    if not starts_upper:
        return False
    if s in ("!", "?", "…", "...") or (len(s) > 1 and s[-1] in "!?"):
        # "Why?" he asked: a lowercase follower was handled above; upper means a new sentence.
        return True
    if s == ".":
        prev = tokens[i - 1].text.lower() if i > 0 and not tokens[i - 1].ws else ""
        if prev in _NEVER_END and (c.isdigit() or prev not in _BEFORE_NUMBER):
            return False
        if len(prev) == 1 and prev.isalpha():
            # An initial split off by the tokenizer ("J ." does not happen; lowercase does).
            return False
        return True
    if s.endswith("."):
        core = s[:-1].lower()
        if core in _NEVER_END:
            return False
        if len(core) == 1 and core.isalpha():
            # Initials: "J. R. R. Tolkien", "R. Senthil Kumar".
            return False
        if core in _MAY_END or "." in core:
            return word in _OPENER_WORDS or tokens[k - 1].text in _OPENERS
        return True
    return True


# --- A page's paragraph, for the cleaner --------------------------------------------------------------

# A sentence ends at . ! ? or … (closing quotes may follow) before a space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a page's paragraph, as the cleaner cuts them: a full stop after
    an UNFINISHED abbreviation or an initial never ends one. No tokens needed (the cleaner has none)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == ".":
            before = text[start : match.start()].rsplit(" ", 1)[-1].lstrip("(\"“'‘").lower()
            if before in UNFINISHED or (len(before) == 1 and before.isalpha()):
                continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return spans

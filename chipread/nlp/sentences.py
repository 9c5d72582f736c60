"""Sentence splitting over tokens: abbreviations, initials, quotes and paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_left

from chipread.model import Sentence, Token

from .tokenizer import token_arrays, tokenize

_TERMINALS = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’)]»」』）")
_OPENERS = frozenset("\"'“‘([«「『（")
# Abbreviations after which a sentence never ends (a name or a number follows).
_NEVER_END = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt maj cmdr adm brig fr rev hon st mt supt insp "
    "det pres atty amb messrs jr sr no nos vol art fig pp p ca op jan feb mar apr jun jul aug sep "
    "sept oct nov dec vs v e.g i.e cf al approx est dept univ assn mgr".split()
)
# Abbreviations that may end a sentence when a typical sentence opener follows.
_MAY_END = frozenset("inc corp co ltd bros plc llc etc u.s u.k u.n e.u d.c a.m p.m u.s.a ave blvd rd ft esq".split())
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
    starts = token_arrays(tokens)[0]
    para_first = {bisect_left(starts, m.end()) for m in _BLANK_LINE.finditer(text)}
    first = 0
    i = 0
    while i < n:
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
            continue
        i += 1
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
        if prev in _NEVER_END and (c.isdigit() or prev not in ("no", "fig", "vol", "art", "pp", "p")):
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

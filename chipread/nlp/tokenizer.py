"""Deterministic tokenizer whose boundaries are a subset of spaCy's English tokenizer's."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain

from chipread.model import Token

from .wordlists import words

# The splitting follows spaCy's English rules (prefixes, suffixes, infixes, special cases) so
# that every boundary we produce is also a spaCy boundary: exports then load with
# Doc.char_span. Where a rule is uncertain we do not split: a coarser token is safe, a finer
# one is not.

_OPEN_CLOSE = "()[]{}<>«»「」『』（）〔〕【】《》〈〉⟦⟧"
_QUOTES = "'\"”“`‘´’‚„"
_PUNCT = "…,:;!?¿؟¡_#*&。？！，、；：～·।،۔؛٪"
# Characters spaCy strips from the start of a token ($ and friends are currency prefixes).
_PREFIX_CHARS = frozenset("§%=—–" + _PUNCT + _OPEN_CLOSE + _QUOTES + "$£€¥฿₽﷼₴₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₵₶₷₸₹₺₻₼₾₿")
_SUFFIX_CHARS = frozenset(_PUNCT + _OPEN_CLOSE + _QUOTES + "—–")
_CURRENCY_WORDS = ("US$", "C$", "A$")
_UNITS_AFTER_DIGIT = ("km²", "km³", "m²", "m³", "km", "cm", "mm", "kg", "mg", "lb", "oz", "mph", "%")
# A '.' is split off after these (spaCy: lowercase, digits, %²-+, punctuation and quotes).
_DOT_AFTER = frozenset("%²-+" + _PUNCT + _OPEN_CLOSE + _QUOTES + "0123456789")

# Tokens kept whole although the rules above would split them ("Mr.", "Calif."): KEEP_WHOLE of data/abbreviations.txt.
ABBREVIATIONS = frozenset(words("abbreviations", "KEEP_WHOLE"))
_APOSTROPHE_SPECIALS = frozenset(
    "'s 's 'd 'm 'll 're 've n't 'em 'cause 'cos 'coz 'cuz 'bout 'nuff 'n' ’s ’d ’m ’ll ’re ’ve n’t"
    " ’em ’cause ’cos ’coz ’cuz ’bout ’nuff ''".split()
)
_OTHER_SPECIALS = frozenset(
    ":) :( :-) :-( ;) ;-) :D :P :p :-D :-P :/ :-/ <3 </3 ^_^ -_- o_o O_O :o :O :'( :') "
    "and/or C++ (: ): =) =( 8) :* :-* :| :-| xD XD".split()
)
_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|mil|io|co|uk|de|jp|cn|fr|nl|eu|info|biz|ai"
    r"|ru|in|au|ca|ch|es|it|kr|tw|hk|sg|br|us|ly|me|tv|news)(?::\d+)?(?:/\S*)?)$",
    re.IGNORECASE,
)
_HYPHENS = ("---", "--", "——", "-", "–", "—", "~")


def _is_special(s: str) -> bool:
    return _special_at(s, 0, len(s))


def _special_at(s: str, a: int, b: int) -> bool:
    """_is_special(s[a:b]) without copying a long s[a:b]: the split loops stay linear."""
    if b - a > _MAX_SPECIAL:
        # Only a dropped-g form ("nothin'") can be this long.
        return s[b - 1] in "'’" and s[a].isalpha() and s[b - 3 : b - 1].lower() == "in" and s[a : b - 1].isalpha()
    s = s[a:b]
    if s in ABBREVIATIONS or s in _OTHER_SPECIALS:
        return True
    if s.lower() in _APOSTROPHE_SPECIALS:
        return True
    # spaCy keeps dropped-g forms ("goin'", "nothin'") whole.
    if len(s) > 3 and s[-1] in "'’" and s[-3:-1].lower() == "in" and s[:-1].isalpha():
        return True
    # spaCy keeps "a." .. "z." (and accented letters) whole.
    return len(s) == 2 and s[1] == "." and s[0].isalpha() and s[0].islower()


# The longest special token: anything longer can only be a dropped-g form (lower() never shortens).
_MAX_SPECIAL = max(map(len, ABBREVIATIONS | _OTHER_SPECIALS | _APOSTROPHE_SPECIALS))


def _is_icon(c: str) -> bool:
    return c != "°" and ord(c) > 0x7F and unicodedata.category(c) == "So"


def _prefix_len(s: str) -> int:
    return _prefix_len_at(s, 0, len(s))


def _prefix_len_at(s: str, a: int, b: int) -> int:
    """Length of the prefix spaCy would split off the start of s[a:b] (0 if none); b > a."""
    c = s[a]
    if c == "." and s.startswith("..", a, b):
        k = a + 2
        while k < b and s[k] == ".":
            k += 1
        return k - a
    for w in _CURRENCY_WORDS:
        if s.startswith(w, a, b):
            return len(w)
    if c == "+":
        return 0 if b - a > 1 and s[a + 1].isdigit() else 1
    if c in _PREFIX_CHARS or _is_icon(c):
        return 1
    return 0


def _suffix_len(s: str) -> int:
    """Length of the suffix spaCy would split off the end of s (0 if none)."""
    return _suffix_len_at(s, 0, len(s))


def _suffix_len_at(s: str, a: int, b: int) -> int:
    """_suffix_len(s[a:b]) without copying it; b > a."""
    n = b - a
    c = s[b - 1]
    # Candidates are tested from the longest (leftmost start) to the shortest, as re.search does.
    if c == "." and n >= 2 and s[b - 2] == ".":
        k = 2
        while k < n and s[b - k - 1] == ".":
            k += 1
        return k
    if n >= 2 and s[b - 2] in "'’" and c in "sS":
        return 2
    if c in _SUFFIX_CHARS or _is_icon(c):
        return 1
    for unit in _UNITS_AFTER_DIGIT:
        if n > len(unit) and s.endswith(unit, a, b) and s[b - len(unit) - 1].isdigit():
            return len(unit)
    if c == "+" and n >= 2 and s[b - 2].isdigit():
        return 1
    if c == ".":
        if n >= 2:
            p = s[b - 2]
            if p in _DOT_AFTER or (p.isalpha() and p.islower() and p.isascii()) or _latin_lower(p):
                return 1
            if n >= 3 and _ascii_upper(p) and _ascii_upper(s[b - 3]):
                return 1
        return 0
    return 0


def _latin_lower(c: str) -> bool:
    return "\u00df" <= c <= "\u024f" and c.islower()


def _ascii_upper(c: str) -> bool:
    return ("A" <= c <= "Z") or ("\u00c0" <= c <= "\u00de" and c != "\u00d7")


def _infix_cuts(s: str) -> list[tuple[int, int]]:
    """(start, end) of each infix of s, following spaCy's English infix rules."""
    cuts: list[tuple[int, int]] = []
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c == "." and i + 1 < n and s[i + 1] == ".":
            j = i + 2
            while j < n and s[j] == ".":
                j += 1
            cuts.append((i, j))
            i = j
            continue
        if c == "…" or _is_icon(c):
            cuts.append((i, i + 1))
            i += 1
            continue
        if i > 0 and i + 1 < n:
            prev, nxt = s[i - 1], s[i + 1]
            if c in "+-*^" and prev.isdigit() and (nxt.isdigit() or nxt == "-"):
                cuts.append((i, i + 1))
                i += 1
                continue
            if c == "." and (prev.islower() or prev in _QUOTES) and (nxt.isupper() or nxt in _QUOTES):
                if prev.isalpha() or prev in _QUOTES:
                    cuts.append((i, i + 1))
                    i += 1
                    continue
            if c == "," and prev.isalpha() and nxt.isalpha():
                cuts.append((i, i + 1))
                i += 1
                continue
            if c in "-–—~" and (prev.isalnum()):
                for h in _HYPHENS:
                    if s.startswith(h, i) and i + len(h) < n and s[i + len(h)].isalpha():
                        cuts.append((i, i + len(h)))
                        i += len(h)
                        break
                else:
                    i += 1
                continue
            if c in ":<>=/" and prev.isalnum() and nxt.isalpha():
                cuts.append((i, i + 1))
                i += 1
                continue
        i += 1
    return cuts


def _split_chunk(s: str) -> list[tuple[int, int]]:
    """Split one whitespace-free chunk into (start, end) pieces relative to the chunk."""
    # Works on indices into s, never on copies of what is left: a chunk of thousands of
    # brackets or marks ("((((...") costs linear time, not quadratic.
    start, end = 0, len(s)
    prefixes: list[tuple[int, int]] = []
    suffixes: list[tuple[int, int]] = []
    last = -1
    while start < end and end - start != last:
        if _special_at(s, start, end):
            break
        size = last = end - start
        pre = _prefix_len_at(s, start, end)
        if pre and pre < size and _special_at(s, start + pre, end):
            prefixes.append((start, start + pre))
            start += pre
            break
        suf = _suffix_len_at(s, start + pre, end) if pre < size else 0
        if suf and size > suf and _special_at(s, start, end - suf):
            suffixes.append((end - suf, end))
            end -= suf
            break
        if pre and suf and pre + suf <= size:
            prefixes.append((start, start + pre))
            suffixes.append((end - suf, end))
            start += pre
            end -= suf
        elif pre:
            prefixes.append((start, start + pre))
            start += pre
        elif suf:
            suffixes.append((end - suf, end))
            end -= suf
        if start < end and _special_at(s, start, end):
            break
    pieces = prefixes
    if start < end:
        middle = s[start:end]
        if _is_special(middle) or _URL.match(middle):
            pieces.append((start, end))
        else:
            pos = 0
            for a, b in _infix_cuts(middle):
                if a == pos:
                    # spaCy skips an infix that starts where the previous piece ended.
                    continue
                pieces.append((start + pos, start + a))
                if a != b:
                    pieces.append((start + a, start + b))
                pos = b
            if pos < len(middle):
                pieces.append((start + pos, end))
    pieces.extend(reversed(suffixes))
    return pieces


_new = object.__new__
# Token is a frozen slotted dataclass; setting the slots directly halves the cost of building
# thousands of tokens per article (the fields are exactly these four).
_set_start = Token.start.__set__  # type: ignore[attr-defined]
_set_end = Token.end.__set__  # type: ignore[attr-defined]
_set_text = Token.text.__set__  # type: ignore[attr-defined]
_set_ws = Token.ws.__set__  # type: ignore[attr-defined]


def _token(start: int, end: int, text: str, ws: bool) -> Token:
    t = _new(Token)
    _set_start(t, start)
    _set_end(t, end)
    _set_text(t, text)
    _set_ws(t, ws)
    return t


_SIMPLE_SUFFIX = frozenset(",;:!?)]}\"'”’»")
_SIMPLE_SUFFIX_OR_DOT = _SIMPLE_SUFFIX | {"."}


def _fast_split(chunk: str) -> tuple[tuple[int, int], ...] | None:
    """The split of the commonest shapes ("said,", "year.", "China's"), same as _split_chunk."""
    # A run of closing marks after another one or a '.' ("end.)", "said,\"") comes off one mark
    # at a time; peeled in a loop, not by recursion: "!!!!..." of any length must not overflow.
    n = m = len(chunk)
    while m > 2 and chunk[m - 1] in _SIMPLE_SUFFIX and chunk[m - 2] in _SIMPLE_SUFFIX_OR_DOT:
        m -= 1
    if m == n:
        return _fast_split_one(chunk)
    inner = _fast_split_one(chunk[:m])
    if inner is None:
        return None
    return (*inner, *((k, k + 1) for k in range(m, n)))


def _fast_split_one(chunk: str) -> tuple[tuple[int, int], ...] | None:
    """_fast_split() of a chunk that does not end in two closing marks."""
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
        return None
    c = chunk[-1]
    if c in "'’" and head.lower().endswith("in"):
        return None
    if c in _SIMPLE_SUFFIX:
        return ((0, n - 1), (n - 1, n))
    if c == "." and chunk not in ABBREVIATIONS:
        p = chunk[-2]
        if ("a" <= p <= "z" and n > 2) or p.isdigit():
            return ((0, n - 1), (n - 1, n))
    return None


# --- segmentation: the text as alternating tokens and the gaps after them ---------------------
#
# A text is cut into keys whose tokens never depend on their neighbours: a whitespace-free
# chunk with the whitespace after it ("said, ") or, on the fast path, a run of text between
# two single spaces ("said," standing for "said, "). Each distinct key is split by the rules
# above once and remembered as (token, gap, token, gap, ...): concatenated in order, the
# remembered tuples give the text back, so every offset is a running sum of lengths
# (itertools.accumulate, in C). tokenize(), token_bounds() and the jsonl encoder all start here.

_SEGMENT = re.compile(r"\S+\s*")  # a chunk and the whitespace after it
_LEADING_WS = re.compile(r"\s*")
_SPACE_THEN_WS = re.compile(r" \s")  # two spaces, " \n"...: a run between single spaces would start with whitespace
_CHUNK = re.compile(r"\S+")
# Keys repeat a lot in news ("said", "China's", "Japan,"). ~200 bytes a key: a table holds at
# most ~6 MB; beyond, rare keys are computed each time (cheap: mostly plain words).
_SEGMENTS_MAX = 32_768


def _split_segment(chunk: str, gap: str) -> tuple[str, ...]:
    """(token, gap, ..., token, gap) of a whitespace-free chunk and the whitespace after it: the rules."""
    if chunk.isalnum():
        return (chunk, gap)
    pieces = _fast_split(chunk) or _split_chunk(chunk)
    if len(pieces) == 2:
        k = pieces[0][1]  # the commonest split: "said" ","
        return (chunk[:k], "", chunk[k:], gap)
    out: list[str] = []
    for x, y in pieces:
        if out:
            out.append("")  # the pieces of a chunk tile it: no gap between them
        out.append(chunk[x:y])
    out.append(gap)
    return tuple(out)


class SegmentTable(dict):
    """key -> (token, gap, token, gap, ...) of `key + tail`, computed on first use.

    Remembers at most _SEGMENTS_MAX keys: once full it computes what it does not hold. Frequent
    keys come early, and a text with a huge vocabulary (every key new) then costs no churn.
    """

    def __init__(self, tail: str) -> None:
        super().__init__()
        self.tail = tail

    def __missing__(self, key: str) -> tuple[str, ...]:
        tail = self.tail
        if not tail:
            chunk = _CHUNK.match(key).group()  # type: ignore[union-attr]
            value = _split_segment(chunk, key[len(chunk) :])
        elif key.isalnum():
            value = (key, tail)  # the commonest key: a plain word
        elif key.isprintable():
            value = _split_segment(key, tail)  # no whitespace inside (all of it is unprintable): one chunk
        else:
            value = tuple(chain.from_iterable(map(CHUNK_SEGMENTS.__getitem__, _SEGMENT.findall(key + tail))))
        if len(self) < _SEGMENTS_MAX:
            self[key] = value
        return value


# "said, " -> ("said", "", ",", " "): keys are _SEGMENT matches.
CHUNK_SEGMENTS = SegmentTable("")
# "said," -> the segments of "said, ": keys are text.split(" ") items, each followed by one space.
PART_SEGMENTS = SegmentTable(" ")


def part_segment(part: str) -> tuple[str, ...]:
    """(token, gap, ..., token, gap) of a part of segment() and the one space after it (memoised)."""
    return PART_SEGMENTS[part]


def chunk_segment(chunk: str) -> tuple[str, ...]:
    """(token, gap, ..., token, gap) of a chunk of segment(), its whitespace included (memoised)."""
    return CHUNK_SEGMENTS[chunk]


def segment(text: str) -> tuple[int, list[str], list[str]]:
    """(lead, parts, chunks): text[lead:] is the concatenation of part_segment(p) for p in parts, then
    chunk_segment(c) for c in chunks; text[:lead] is whitespace."""
    lead = _LEADING_WS.match(text).end()  # type: ignore[union-attr]
    if lead or _SPACE_THEN_WS.search(text):
        return lead, [], _SEGMENT.findall(text, lead)
    # The common case (one space between words, no leading whitespace): str.split is several
    # times faster than a regex. Every item but the last is followed by exactly one space.
    parts = text.split(" ")
    last = parts.pop()
    return 0, parts, _SEGMENT.findall(last)


def _flat(text: str) -> tuple[int, list[str]]:
    lead, parts, chunks = segment(text)
    flat = list(chain.from_iterable(map(PART_SEGMENTS.__getitem__, parts)))
    flat.extend(chain.from_iterable(map(CHUNK_SEGMENTS.__getitem__, chunks)))
    return lead, flat


def token_bounds(text: str) -> tuple[list[int], list[int], list[str], list[bool]]:
    """(starts, ends, texts, ws) of the tokens of text: tokenize() without building Token objects."""
    lead, flat = _flat(text)
    offsets = list(accumulate(map(len, flat), initial=lead))
    return offsets[0:-1:2], offsets[1::2], flat[0::2], list(map(bool, flat[1::2]))


_cache: tuple[str, list[Token], list[int], list[int], list[str]] | None = None


def tokenize(text: str) -> list[Token]:
    """Tokens of text with character offsets; `ws` is True when whitespace follows."""
    global _cache, _arrays
    cached = _cache
    if cached is None or cached[0] is not text:
        out: list[Token] = []
        append = out.append
        new, set_start, set_end, set_text, set_ws = _new, _set_start, _set_end, _set_text, _set_ws
        starts, ends, texts, spaces = token_bounds(text)
        for start, end, word, ws in zip(starts, ends, texts, spaces):
            t = new(Token)
            set_start(t, start)
            set_end(t, end)
            set_text(t, word)
            set_ws(t, ws)
            append(t)
        cached = _cache = (text, out, starts, ends, texts)
    tokens = list(cached[1])
    # The sentence splitter, the recognizer and the attribution rules ask token_arrays() for these
    # lists next: hand them over rather than have them read back from the tokens.
    _arrays = (tokens, len(tokens), cached[2], cached[3], cached[4])
    return tokens


_arrays: tuple[list[Token], int, list[int], list[int], list[str]] | None = None


def clear_caches() -> None:
    """Forget every memoised split and the last text (benchmarks measure a cold tokenizer with this)."""
    global _cache, _arrays
    _cache = _arrays = None
    CHUNK_SEGMENTS.clear()
    PART_SEGMENTS.clear()


def token_arrays(tokens: list[Token]) -> tuple[list[int], list[int], list[str]]:
    """(starts, ends, texts) of tokens; the last list asked for is remembered (one article)."""
    global _arrays
    a = _arrays
    if a is not None and a[0] is tokens and a[1] == len(tokens):
        return a[2], a[3], a[4]
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    texts = [t.text for t in tokens]
    _arrays = (tokens, len(tokens), starts, ends, texts)
    return starts, ends, texts


def snap_to_tokens(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Expand [start, end) to whole tokens (whitespace around it trimmed); ValueError if empty."""
    if end < start:
        start, end = end, start
    i = bisect_right(tokens, start, key=_end_of)
    j = bisect_left(tokens, end, key=_start_of)
    if i >= j:
        raise ValueError(f"no token in [{start}, {end})")
    return tokens[i].start, tokens[j - 1].end


def bounds_span(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """token_span() on token_bounds()' starts and ends: inclusive indices of the tokens covering [start, end)."""
    i = bisect_right(ends, start)
    j = bisect_left(starts, end)
    if i >= j:
        raise ValueError(f"no token in [{start}, {end})")
    return i, j - 1


def token_span(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Inclusive (token_start, token_end) indices of the tokens covering [start, end)."""
    i = bisect_right(tokens, start, key=_end_of)
    j = bisect_left(tokens, end, key=_start_of)
    if i >= j:
        raise ValueError(f"no token in [{start}, {end})")
    return i, j - 1


def _end_of(t: Token) -> int:
    return t.end


def _start_of(t: Token) -> int:
    return t.start

"""Make untrusted text safe to show: no terminal escapes, control characters or bidi overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Lone CR, CRLF, and the other separators editors treat as line breaks (NEL is C1: it is removed below).
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\u2028\u2029]")

_ESCAPES = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]                                   # CSI
    | \x9b[0-?]*[ -/]*[@-~]                                     # 8-bit CSI
    | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)       # OSC, BEL or ST terminated
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)  # DCS, SOS, PM, APC strings
    | (?:\x1b\]|\x9d)[^\n]*                                     # unterminated OSC: a terminal would eat the line
    | \x1b[ -/]*[0-~]                                           # any other ESC sequence
    """,
    re.VERBOSE,
)

_C1_INTRODUCERS = re.compile("[\x90\x98\x9b\x9d\x9e\x9f]")

# C0 (except newline; tabs are already spaces), DEL, C1, bidi overrides and isolates,
# stray byte-order marks, and lone surrogates (JSON can carry them; they cannot be encoded).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")

# Fixed-width and no-break spaces become plain spaces so tokenizers and search see one kind.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_RUNS = re.compile(r"\s+")


# Any character that needs work; most pages have none, and one scan is cheaper than four.
_SUSPECT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\xa0\u2000-\u200a\u2028-\u202f\u205f\u2066-\u2069\ufeff\ud800-\udfff]")


def sanitize(text: str) -> tuple[str, int]:
    """Return `text` made safe, and how many escape sequences or control characters were removed."""
    if not _SUSPECT.search(text):
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text, 0
        return unicodedata.normalize("NFC", text), 0
    if _NEWLINES.search(text):
        text = _NEWLINES.sub("\n", text)
    removed = 0
    if "\x1b" in text or _C1_INTRODUCERS.search(text):
        text, removed = _ESCAPES.subn("", text)
    text = text.replace("\t", " ")
    text, n = _CONTROLS.subn("", text)
    removed += n
    if not text.isascii():
        text = _SPACES.sub(" ", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return text, removed


def clean_line(text: str) -> str:
    """A single safe line: sanitized, whitespace collapsed, trimmed (titles, sources, handles)."""
    return _RUNS.sub(" ", sanitize(text)[0]).strip()


def sanitize_keeping(text: str, offsets: Iterable[int]) -> tuple[str, dict[int, int]] | None:
    """`text` sanitized exactly as sanitize() does, and where each of `offsets` is in the result.

    The text is sanitized piece by piece between the offsets; when the pieces put together are
    the whole text sanitized, every offset has one exact new place. None when an offset falls
    inside something sanitizing changes as a whole (an escape sequence, a CRLF, a letter and the
    accent that composes with it): no offset there would be right.
    """
    whole, _ = sanitize(text)
    cuts = sorted({0, len(text), *offsets})
    if whole == text:
        return text, {cut: cut for cut in cuts}
    mapping: dict[int, int] = {}
    at = 0
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        mapping[start] = at
        piece = sanitize(text[start:end])[0]
        pieces.append(piece)
        at += len(piece)
    mapping[cuts[-1]] = at
    return (whole, mapping) if "".join(pieces) == whole else None

"""One escaping function for every string from data (ids, titles, labels, paths) that reaches a terminal."""

from __future__ import annotations

import json
import re
from typing import Any

# JSON escapes C0 controls itself; DEL and the C1 controls (an 8-bit CSI is \x9b) it leaves raw.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object, *, same_length: bool = False) -> str:
    """`text` with every character a terminal could act on (escape sequences, control and bidi characters,
    line breaks) shown as a visible escape like \\x1b or \\u202e, never passed through.

    same_length: for a body of text whose offsets must stay right (spans are coloured by offset):
    line breaks are kept and every other such character becomes one U+FFFD.
    """
    text = str(text)
    if text.isprintable():
        return text
    if same_length:
        return "".join(ch if ch.isprintable() or ch == "\n" else "\ufffd" for ch in text)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def json_line(value: Any) -> str:
    """One line of JSON for scripts, readable UTF-8, with no character left raw that a terminal would run."""
    line = json.dumps(value, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", line)

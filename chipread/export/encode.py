"""JSON text as every format writes it: UTF-8, not ASCII-escaped, U+2028/U+2029 escaped, fixed key order."""

from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any) -> str:
    return escape_separators(json.dumps(obj, ensure_ascii=False))


def escape_separators(text: str) -> str:
    """U+2028/U+2029 escaped in JSON text: legal JSON, but str.splitlines() and JavaScript break lines there."""
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


def json_line(obj: Any) -> bytes:
    return (dumps(obj) + "\n").encode("utf-8")

"""Word lists shipped as package data, in the gazetteer's file format, read once."""

from __future__ import annotations

from functools import cache
from importlib import resources

from chipread.errors import ChipreadError


@cache
def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """label -> words of chipread/nlp/data/<name>.txt.

    The format is the gazetteer's (see chipread.nlp.gazetteer): one line per entry, a label in capitals,
    then words separated by `|`; `#` starts a comment. A label may have several lines.
    """
    try:
        raw = resources.files("chipread.nlp").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ChipreadError(f"chipread's word list {name!r} is missing from the installation ({exc})") from None
    out: dict[str, list[str]] = {}
    for n, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        label, _, rest = line.partition(" ")
        words = [w.strip() for w in rest.split("|") if w.strip()]
        if not label.isupper() or not words:
            raise ChipreadError(f"chipread/nlp/data/{name}.txt line {n}: expected 'LABEL word | word ...'")
        out.setdefault(label, []).extend(words)
    return {label: tuple(words) for label, words in out.items()}


def lookup(name: str) -> dict[str, str]:
    """word -> label of a word list (the first label wins for a word listed twice)."""
    table: dict[str, str] = {}
    for label, words in word_lists(name).items():
        for w in words:
            table.setdefault(w, label)
    return table

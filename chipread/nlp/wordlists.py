"""Word lists shipped as package data, in the gazetteer's file format, read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from chipread.errors import ChipreadError

# The package's data folder (a plain path, not importlib.resources: the corpus reads lists at import, cheaply).
DATA = Path(__file__).resolve().parent / "data"


@cache
def entries(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, words) of each line of chipread/nlp/data/<name>.txt, in file order.

    The format is the gazetteer's (see chipread.nlp.gazetteer): one line per entry, a label in capitals,
    then words separated by `|`; `#` starts a comment. A label may have several lines.
    """
    try:
        raw = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ChipreadError(f"chipread's word list {name!r} is missing from the installation ({exc})") from None
    out: list[tuple[str, tuple[str, ...]]] = []
    for n, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        label, _, rest = line.partition(" ")
        words = tuple(w.strip() for w in rest.split("|") if w.strip())
        if not label.isupper() or not words:
            raise ChipreadError(f"chipread/nlp/data/{name}.txt line {n}: expected 'LABEL word | word ...'")
        out.append((label, words))
    return tuple(out)


@cache
def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """label -> words of chipread/nlp/data/<name>.txt, the lines of a label one after another (see entries())."""
    out: dict[str, list[str]] = {}
    for label, listed in entries(name):
        out.setdefault(label, []).extend(listed)
    return {label: tuple(listed) for label, listed in out.items()}


def words(name: str, label: str) -> tuple[str, ...]:
    """The words of one label of a word list; a label the file lacks is an error, never an empty list."""
    found = word_lists(name).get(label)
    if found is None:
        raise ChipreadError(f"chipread/nlp/data/{name}.txt has no {label} lines")
    return found


def lookup(name: str) -> dict[str, str]:
    """word -> label of a word list (the first label wins for a word listed twice)."""
    table: dict[str, str] = {}
    for label, listed in word_lists(name).items():
        for w in listed:
            table.setdefault(w, label)
    return table

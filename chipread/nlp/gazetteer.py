"""Gazetteers: names with labels and aliases, matched on token sequences; the user's file format.

File format (UTF-8, one entry a line, `#` starts a comment)::

    # label   name | alias | alias ...
    ORG       ASML | ASML Holding NV | ASML Holding
    ORG       Tokyo Electron | TEL
    GPE       Kyiv | Kiev
    LAW       Entity List

The label is one word in capitals (OntoNotes names such as PERSON, ORG, GPE, NORP, LOC, FAC,
EVENT, LAW, PRODUCT, or one of your own); names are matched exactly as written, case included.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chipread.errors import GazetteerError
from chipread.inputs import InputRefused, read_limited
from chipread.model import Entity, Token

from .tokenizer import tokenize

DEFAULT_FILENAME = "gazetteer.txt"
_LABEL = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    label: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Gazetteer:
    """Names to labels, matched as whole token sequences (longest match wins)."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    source: str = "gazetteer"
    # first token text -> [(token texts, label, canonical name)], longest first
    _index: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for e in list(self.entries):
            self._add_to_index(e)

    def add(self, label: str, name: str, *aliases: str) -> None:
        entry = GazetteerEntry(label, name, tuple(aliases))
        self.entries.append(entry)
        self._add_to_index(entry)

    def _add_to_index(self, entry: GazetteerEntry) -> None:
        for n in entry.names:
            key = tuple(t.text for t in tokenize(n))
            if not key:
                continue
            bucket = self._index.setdefault(key[0], [])
            if all(k != key for k, _, _ in bucket):
                bucket.append((key, entry.label, entry.name))
                bucket.sort(key=lambda item: -len(item[0]))

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def label_of(self, name: str) -> str | None:
        key = tuple(t.text for t in tokenize(name))
        for k, label, _ in self._index.get(key[0], ()) if key else ():
            if k == key:
                return label
        return None

    def match_at(self, texts: list[str], i: int) -> tuple[int, str, str] | None:
        """Longest entry starting at token i: (end token index exclusive, label, canonical)."""
        bucket = self._index.get(texts[i])
        if not bucket:
            return None
        n = len(texts)
        for key, label, canonical in bucket:
            k = len(key)
            if i + k <= n and (k == 1 or tuple(texts[i : i + k]) == key):
                return i + k, label, canonical
        return None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, label) character spans of every match, left to right."""
        if tokens is None:
            tokens = tokenize(text)
        texts = [t.text for t in tokens]
        out = []
        i = 0
        n = len(tokens)
        while i < n:
            m = self.match_at(texts, i)
            if m is not None and not _crosses_paragraph(text, tokens, i, m[0]):
                out.append((tokens[i].start, tokens[m[0] - 1].end, m[1]))
                i = m[0]
            else:
                i += 1
        return out

    def apply(self, text: str, entities: Iterable[Entity], tokens: list[Token] | None = None) -> list[Entity]:
        """Entities with every gazetteer match added, replacing the machine ones it overlaps."""
        matches = self.find(text, tokens)
        if not matches:
            return sorted(entities, key=lambda e: (e.start, e.end))
        # The matches are sorted and do not overlap, so their ends are sorted too: the only one
        # that can overlap an entity is the first ending after the entity starts (a bisection).
        ends = [b for _a, b, _l in matches]
        kept = []
        for e in entities:
            k = bisect_right(ends, e.start)
            if k == len(matches) or matches[k][0] >= e.end:
                kept.append(e)
        kept.extend(Entity(a, b, label, text[a:b], self.source) for a, b, label in matches)
        kept.sort(key=lambda e: (e.start, e.end))
        return kept


def _crosses_paragraph(text: str, tokens: list[Token], i: int, j: int) -> bool:
    return "\n" in text[tokens[i].start : tokens[j - 1].end]


def parse_gazetteer(content: str, source: object = "<gazetteer>") -> Gazetteer:
    """Parse the gazetteer format; a bad line raises GazetteerError naming file, line and problem."""
    gaz = Gazetteer(source="gazetteer")
    seen: dict[str, tuple[str, int]] = {}
    for lineno, raw in enumerate(content.splitlines(), start=1):
        line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        label = parts[0]
        where = f"line {lineno}"
        if not _LABEL.match(label):
            raise GazetteerError(
                source, where, f"{label!r} is not a label: start the line with one in capitals, e.g. ORG"
            )
        if len(parts) < 2 or not parts[1].strip():
            raise GazetteerError(source, where, f"no name after the label {label}")
        names = [n.strip() for n in parts[1].split("|")]
        if any(not n for n in names):
            raise GazetteerError(source, where, "empty name between '|' separators")
        for n in names:
            if n in seen and seen[n][0] != label:
                other_label, other_line = seen[n]
                raise GazetteerError(source, where, f"{n!r} is {label} here but {other_label} on line {other_line}")
            seen[n] = (label, lineno)
        gaz.add(label, names[0], *names[1:])
    return gaz


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read a gazetteer file (see the module docstring for the format)."""
    p = Path(path)
    try:
        data = read_limited(p)  # the limit of every input file: /dev/zero is one line, not a growing process
    except InputRefused as e:
        reason = "file not found" if str(e) == "no such file" else str(e)
        raise GazetteerError(p, None, reason) from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise GazetteerError(p, f"line {line}", "not UTF-8 text") from None
    if "\x00" in content:
        raise GazetteerError(p, None, "binary file, not text")
    return parse_gazetteer(content, p)

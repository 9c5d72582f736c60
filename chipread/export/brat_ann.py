"""brat standoff read into plain records: a .ann against its .txt, every line checked, problems by line number.

Shared by `chipread import --format brat` and anything else that reads brat (scoring, agreement).
The format (brat.nlplab.org/standoff.html): one annotation per line, fields separated by tabs:

    T1<TAB>Type 0 5;7 9<TAB>text      a text-bound span, fragments start-end (end exclusive), the
                                      fragments' texts joined by one space
    R1<TAB>Type Arg1:T1 Arg2:T2       a binary relation
    E1<TAB>Type:T3 Role:T1 Role2:T2   an event: its trigger, then role arguments (repeated roles numbered)
    A1<TAB>Name T1 [Value]            an attribute (M: brat's older name for it)
    #1<TAB>AnnotatorNotes T1<TAB>text a note
    N1 (normalisation), * (equivalence): read and counted, not interpreted

Offsets count code points of the .txt as stored. brat reads a .ann line by line with
`str.splitlines()`, so LINE_BREAKS is every character that ends a line there; a T line whose
text holds a line break (some tools write them) is read whole when the lines after it
continue the text exactly. A .txt with CRLF line ends (or a byte-order mark) is read as LF
text, its offsets mapped when they were counted with the CRs (the spans' texts tell which).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

# Every character str.splitlines() breaks a line at (brat splits .ann and .txt lines with it).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(frozen=True, slots=True)
class TextBound:
    """A `T` line: a span of text, possibly in several fragments (start, end exclusive)."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]  # in the order written (some tools write them out of text order)
    text: str | None  # as written in the .ann (None when the line has no text field)
    line: int

    @property
    def start(self) -> int:
        return min(a for a, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(b for _, b in self.fragments)


@dataclass(frozen=True, slots=True)
class BratRelation:
    """An `R` line: a typed link; args are (role, id) pairs, Arg1 then Arg2 as written."""

    id: str
    type: str
    args: tuple[tuple[str, str], ...]
    line: int


@dataclass(frozen=True, slots=True)
class Event:
    """An `E` line: the trigger's T id and the (role, id) arguments as written."""

    id: str
    type: str
    trigger: str
    args: tuple[tuple[str, str], ...]
    line: int


@dataclass(frozen=True, slots=True)
class Attribute:
    """An `A` (or `M`) line: a name on an annotation, with a value or None for a binary flag."""

    id: str
    type: str
    target: str
    value: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Note:
    """A `#` line: a free-text note on an annotation."""

    id: str
    type: str
    target: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class LineProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class Standoff:
    """One .ann read against its text: the good annotations, and a problem for every line left out."""

    textbounds: dict[str, TextBound] = field(default_factory=dict)
    relations: list[BratRelation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    others: Counter = field(default_factory=Counter)  # normalisations, equivalences: kind -> count
    problems: list[LineProblem] = field(default_factory=list)
    multiline: int = 0  # T lines whose text ran over several lines and was read whole


@dataclass
class BratDocument:
    """A .txt and its .ann: the text as chipread keeps it (LF line ends) and the annotations in its offsets."""

    text: str
    standoff: Standoff
    converted: str | None = None  # what was done to the .txt to read it ("CRLF line ends read as LF"), if anything


def shown(value: str, limit: int = 40) -> str:
    """A piece of .ann or text quoted for a one-line message: cut, then repr'd."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return repr(value)


def _body(line: str) -> str:
    parts = line.splitlines()
    return parts[0] if parts else ""


def _ending(line: str) -> str:
    return line[len(_body(line)) :]


def _offsets(raw: str) -> tuple[tuple[int, int], ...] | str:
    """`0 5;7 9` as fragments, or why it is not (a message)."""
    out = []
    for piece in raw.split(";"):
        numbers = piece.split()
        if len(numbers) != 2 or not all(n.isdigit() and n.isascii() for n in numbers):
            return f"offsets {shown(raw)} are not 'start end' pairs of whole numbers separated by ';'"
        out.append((int(numbers[0]), int(numbers[1])))
    return tuple(out)


def _args(fields: list[str]) -> tuple[tuple[str, str], ...] | None:
    out = []
    for f in fields:
        role, colon, ref = f.partition(":")
        if not colon or not role or not ref:
            return None
        out.append((role, ref))
    return tuple(out)


def fragment_text(text: str, fragments: tuple[tuple[int, int], ...]) -> str:
    """What brat writes as a span's text: its fragments' texts joined by one space."""
    return " ".join(text[a:b] for a, b in fragments)


def parse_ann(ann: str, text: str) -> Standoff:
    """Read a .ann against the text its offsets index; every line that cannot be used is a LineProblem."""
    out = Standoff()
    lines = ann.splitlines(keepends=True)
    seen: dict[str, int] = {}
    pending: list[BratRelation | Event | Attribute | Note] = []
    n = len(text)
    i = 0
    while i < len(lines):
        number = i + 1
        line = _body(lines[i])
        start_line = i
        i += 1
        if not line.strip():
            continue
        ident, tab, rest = line.partition("\t")
        if not tab or not ident or ident != ident.strip():
            out.problems.append(LineProblem(number, f"not a brat annotation line: {shown(line)}"))
            continue
        kind = ident[0]
        if ident in seen and kind != "*":
            out.problems.append(LineProblem(number, f"{ident} is already used on line {seen[ident]}"))
            continue
        seen.setdefault(ident, number)
        if kind == "T":
            head, tab, written = rest.partition("\t")
            type_, _, raw_offsets = head.partition(" ")
            if not type_ or not raw_offsets.strip():
                out.problems.append(LineProblem(number, f"{ident}: expected 'Type start end', got {shown(head)}"))
                continue
            fragments = _offsets(raw_offsets)
            if isinstance(fragments, str):
                out.problems.append(LineProblem(number, f"{ident}: {fragments}"))
                continue
            bad = _bad_fragments(fragments, n)
            if bad:
                out.problems.append(LineProblem(number, f"{ident}: {bad}"))
                continue
            expected = fragment_text(text, fragments)
            value = written if tab else None
            if value is not None and value != expected:
                last = _continued(lines, start_line, value, expected)
                if last is None:
                    where = ";".join(f"{a}-{b}" for a, b in fragments)
                    out.problems.append(
                        LineProblem(
                            number,
                            f"{ident}: text {shown(value)} does not match offsets {where} ({shown(expected)})",
                        )
                    )
                    continue
                i = last + 1
                value = expected
                out.multiline += 1
            out.textbounds[ident] = TextBound(ident, type_, fragments, value, number)
        elif kind == "R":
            fields = rest.split()
            args = _args(fields[1:]) if len(fields) == 3 else None
            if args is None:
                out.problems.append(LineProblem(number, f"{ident}: expected 'Type Arg1:ID Arg2:ID', got {shown(rest)}"))
                continue
            pending.append(BratRelation(ident, fields[0], args, number))
        elif kind == "E":
            fields = rest.split()
            head = _args(fields[:1])
            args = _args(fields[1:])
            if not fields or head is None or args is None:
                out.problems.append(
                    LineProblem(number, f"{ident}: expected 'Type:TRIGGER Role:ID ...', got {shown(rest)}")
                )
                continue
            pending.append(Event(ident, head[0][0], head[0][1], args, number))
        elif kind in "AM":
            fields = rest.split()
            if len(fields) not in (2, 3):
                out.problems.append(LineProblem(number, f"{ident}: expected 'Name ID [Value]', got {shown(rest)}"))
                continue
            pending.append(Attribute(ident, fields[0], fields[1], fields[2] if len(fields) == 3 else None, number))
        elif kind == "#":
            head, _, note = rest.partition("\t")
            fields = head.split()
            if len(fields) != 2:
                out.problems.append(LineProblem(number, f"{ident}: expected 'Type ID<TAB>text', got {shown(rest)}"))
                continue
            pending.append(Note(ident, fields[0], fields[1], note, number))
        elif kind in "N*":
            out.others["normalisation" if kind == "N" else "equivalence"] += 1
        else:
            out.problems.append(LineProblem(number, f"{ident}: unknown annotation kind {kind!r} (not T, R, E, A, #)"))
    _resolve(out, pending, seen)
    return out


def _bad_fragments(fragments: tuple[tuple[int, int], ...], n: int) -> str | None:
    for a, b in fragments:
        if b > n:
            return f"offsets {a}-{b} are outside the text (0-{n})"
        if b <= a:
            return f"offsets {a}-{b} are empty or reversed"
    ordered = sorted(fragments)
    for (a, b), (c, d) in zip(ordered, ordered[1:]):
        if c < b:
            return f"fragments {a}-{b} and {c}-{d} overlap"
    return None


def _continued(lines: list[str], i: int, value: str, expected: str) -> int | None:
    """The last line of a T line whose text runs on over the next lines, or None if they do not continue it."""
    if not value or not expected.startswith(value):
        return None
    acc = value
    k = i
    while k + 1 < len(lines) and len(acc) < len(expected):
        acc += _ending(lines[k])
        k += 1
        acc += _body(lines[k])
        if acc == expected:
            return k
        if not expected.startswith(acc):
            return None
    return None


def _refs(item: BratRelation | Event | Attribute | Note) -> list[tuple[str, str]]:
    if isinstance(item, Event):
        return [("trigger", item.trigger), *item.args]
    if isinstance(item, BratRelation):
        return list(item.args)
    return [("target", item.target)]


def _resolve(out: Standoff, pending: list, seen: dict[str, int]) -> None:
    """Keep the lines whose ids all name annotations that were kept; one problem for each that does not."""
    kept = list(pending)
    while True:
        alive = set(out.textbounds) | {p.id for p in kept if isinstance(p, BratRelation | Event)}
        still = []
        for item in kept:
            gone = next(((role, ref) for role, ref in _refs(item) if ref not in alive), None)
            if gone is None and isinstance(item, Event) and item.trigger not in out.textbounds:
                gone = ("trigger", item.trigger)
                why = "not a T line"
            elif gone is not None:
                why = f"left out (line {seen[gone[1]]})" if gone[1] in seen else "not in this file"
            if gone is None:
                still.append(item)
                continue
            out.problems.append(LineProblem(item.line, f"{item.id}: its {gone[0]} {gone[1]} is {why}"))
        if len(still) == len(kept):
            break
        kept = still  # something named by another line was dropped: look again
    lists = {BratRelation: out.relations, Event: out.events, Attribute: out.attributes, Note: out.notes}
    for item in kept:
        lists[type(item)].append(item)
    out.problems.sort(key=lambda p: p.line)


def _offset_map(raw: str) -> tuple[str, list[int]]:
    """The text with CRLF/CR line ends as LF and no byte-order mark, and the raw positions that were removed."""
    removed = [0] if raw.startswith("\ufeff") else []
    k = raw.find("\r")
    while k != -1:
        if raw.startswith("\r\n", k):
            removed.append(k)
        k = raw.find("\r", k + 1)
    text = raw[1:] if raw.startswith("\ufeff") else raw
    return text.replace("\r\n", "\n").replace("\r", "\n"), removed


def _mapped(standoff: Standoff, removed: list[int]) -> Standoff:
    def at(o: int) -> int:
        return o - bisect.bisect_left(removed, o)

    bounds = {
        k: replace(t, fragments=tuple((at(a), at(b)) for a, b in t.fragments)) for k, t in standoff.textbounds.items()
    }
    return replace(standoff, textbounds=bounds)


def read_standoff(raw_text: str, ann: str) -> BratDocument:
    """A .ann read against its .txt (both decoded), the text made LF-only with the offsets following it."""
    if "\r" not in raw_text and not raw_text.startswith("\ufeff"):
        return BratDocument(raw_text, parse_ann(ann, raw_text))
    text, removed = _offset_map(raw_text)
    what = "CRLF line ends read as LF" if "\r" in raw_text else "a byte-order mark removed"
    if "\r" in raw_text and raw_text.startswith("\ufeff"):
        what = "CRLF line ends read as LF and a byte-order mark removed"
    # Offsets counted in the file as stored (brat's way) are mapped; offsets a tool counted on the
    # LF text already fit it. The spans' texts decide; counted with the CRs wins a tie.
    as_stored = parse_ann(ann, raw_text)
    on_lf = parse_ann(ann, text)
    if len(on_lf.problems) < len(as_stored.problems):
        return BratDocument(text, on_lf, f"{what} (offsets counted without the CRs)")
    return BratDocument(text, _mapped(as_stored, removed), f"{what} (offsets mapped)")


def read_pair(txt: Path, ann: Path, limit: int | None = None) -> BratDocument:
    """Read STEM.txt and its .ann (UTF-8); ValueError with a one-line reason if either cannot be read."""
    texts = []
    for path in (txt, ann):
        try:
            size = path.stat().st_size
            if limit is not None and size > limit:
                raise ValueError(
                    f"{path.name} is too large ({size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:g} MB)"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"cannot read {path.name}: {exc.strerror or exc.__class__.__name__}") from None
        if b"\x00" in data:
            raise ValueError(f"{path.name} is not a text file (binary data)")
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path.name} is not valid UTF-8 (byte {exc.start + 1}); brat files are UTF-8") from None
    return read_standoff(texts[0], texts[1])

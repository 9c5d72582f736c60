"""Adjudication decisions: what the annotators agree and disagree on in an article, and what accepting writes to gold.

An item is a group of spans the annotators made at one place: extents joined when they overlap
with the same label, or have the same start and end with different labels. A version is one
(start, end, label, speakers) some annotators chose there. An item is agreed (every annotator
made the one version), only some (one version, others made nothing there), a label conflict
(the same extent, different labels), a link conflict (the same span, different speakers) or an
extent conflict (overlapping extents). Everything but agreed is a disagreement.

The adjudicator's store (`gold` by default) is where decisions go: accepting a version replaces
whatever gold has in the item with it (one undo step); rejecting removes it and is remembered
(a small record beside gold's files), so the item counts as settled with nothing in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chipread.model import Annotations, Span
from chipread.session import AnnotationSession
from chipread.store.atomic import atomic_write
from chipread.store.layout import file_name
from chipread.team.stats import Extent

AGREED, ONLY_SOME, LABEL, LINK, EXTENT = "agreed", "only some", "label", "link", "extent"
DECISIONS = ".decisions"


@dataclass(frozen=True)
class Version:
    start: int
    end: int
    label: str
    speakers: tuple[Extent, ...]  # the actor spans this one is attributed to
    annotators: tuple[str, ...]

    @property
    def extent(self) -> Extent:
        return (self.start, self.end, self.label)


@dataclass(frozen=True)
class Item:
    versions: tuple[Version, ...]
    missing: tuple[str, ...]  # annotators who made nothing here
    kind: str

    @property
    def start(self) -> int:
        return min(v.start for v in self.versions)

    @property
    def end(self) -> int:
        return max(v.end for v in self.versions)

    @property
    def key(self) -> str:
        """Stable while the annotators' spans stay: their extents, sorted."""
        return "|".join(f"{s}-{e}-{lab}" for s, e, lab in sorted({v.extent for v in self.versions}))

    @property
    def disagreement(self) -> bool:
        return self.kind != AGREED

    def joins(self, extent: Extent) -> bool:
        """Whether a span of this extent belongs to the item (how gold's spans are found in it)."""
        return any(_joined(extent, v.extent) for v in self.versions)


def _joined(x: Extent, y: Extent) -> bool:
    overlap = x[0] < y[1] and y[0] < x[1]
    return overlap and (x[2] == y[2] or (x[0], x[1]) == (y[0], y[1]))


def _speakers(ann: Annotations) -> dict[str, tuple[Extent, ...]]:
    by_id = {s.id: s for s in ann.spans}
    found: dict[str, set[Extent]] = {}
    for r in ann.relations:
        child = by_id.get(r.child)
        if r.head in by_id and child is not None:
            found.setdefault(r.head, set()).add((child.start, child.end, child.label))
    return {head: tuple(sorted(children)) for head, children in found.items()}


def items(works: Mapping[str, Annotations]) -> list[Item]:
    """The items of an article from each annotator's work, in reading order."""
    chosen: dict[tuple[int, int, str, tuple[Extent, ...]], set[str]] = {}
    for name, ann in works.items():
        speakers = _speakers(ann)
        for s in ann.spans:
            if not s.flag:
                chosen.setdefault((s.start, s.end, s.label, speakers.get(s.id, ())), set()).add(name)
    extents = sorted({(s, e, lab) for s, e, lab, _ in chosen})
    # Union-find over extents: joined ones are one item.
    parent = list(range(len(extents)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, x in enumerate(extents):
        for j in range(i + 1, len(extents)):
            if extents[j][0] >= x[1]:
                break
            if _joined(x, extents[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Version]] = {}
    index = {x: i for i, x in enumerate(extents)}
    for (s, e, lab, speakers), names in sorted(chosen.items()):
        version = Version(s, e, lab, speakers, tuple(sorted(names)))
        groups.setdefault(root(index[(s, e, lab)]), []).append(version)
    everyone = set(works)
    found = []
    for versions in groups.values():
        present = {n for v in versions for n in v.annotators}
        found.append(Item(tuple(versions), tuple(sorted(everyone - present)), _kind(versions, everyone - present)))
    return sorted(found, key=lambda it: (it.start, it.end))


def _kind(versions: Sequence[Version], missing: set[str]) -> str:
    if len(versions) == 1:
        return ONLY_SOME if missing else AGREED
    if len({v.extent for v in versions}) == 1:
        return LINK
    if len({(v.start, v.end) for v in versions}) == 1:
        return LABEL
    return EXTENT


# -- gold ---------------------------------------------------------------------------------------


def gold_in(item: Item, gold: Iterable[Span]) -> list[Span]:
    return [s for s in gold if not s.flag and item.joins((s.start, s.end, s.label))]


def settled(item: Item, gold: Iterable[Span], rejected: Iterable[str]) -> bool:
    """Decided: gold has something in the item, or the adjudicator rejected every version of it."""
    return bool(gold_in(item, gold)) or item.key in set(rejected)


def chosen(item: Item, gold: Annotations) -> int | None:
    """Which version gold holds now (its index), if gold holds exactly one of them."""
    mine = gold_in(item, gold.spans)
    speakers = _speakers(gold)
    held = {(s.start, s.end, s.label, speakers.get(s.id, ())) for s in mine}
    for i, v in enumerate(item.versions):
        if held == {(v.start, v.end, v.label, v.speakers)}:
            return i
    return None


def accept(session: AnnotationSession, item: Item, version: Version, decisions: Decisions | None = None) -> None:
    """Gold takes `version` at this item (and the actor spans it is attributed to), in one undo step."""
    remove = [s.id for s in gold_in(item, session.spans)]
    add = [version.extent, *version.speakers]
    links = [(version.extent, speaker) for speaker in version.speakers]
    who = ", ".join(version.annotators)
    session.replace_spans(remove, add, links, f"accept {version.label} of {who}", origin="adjudication")
    if decisions is not None:
        decisions.discard(session.article.id, item.key)


def reject(session: AnnotationSession, item: Item, decisions: Decisions) -> None:
    """Gold keeps nothing at this item, and remembers that this was decided."""
    remove = [s.id for s in gold_in(item, session.spans)]
    if remove:
        session.replace_spans(remove, [], [], "reject every version")
    decisions.add(session.article.id, item.key)


def accept_agreed(session: AnnotationSession, found: Sequence[Item]) -> int:
    """Every agreed item gold has nothing in yet, in one step; returns how many."""
    todo = [it for it in found if it.kind == AGREED and not gold_in(it, session.spans)]
    if not todo:
        return 0
    extents = [e for it in todo for e in (it.versions[0].extent, *it.versions[0].speakers)]
    links = [(it.versions[0].extent, sp) for it in todo for sp in it.versions[0].speakers]
    session.replace_spans([], extents, links, f"accept {len(todo)} agreed", origin="adjudication")
    return len(todo)


class Decisions:
    """The items an adjudicator rejected, per article: `<store>/<adjudicator>/.decisions/<article>.json`."""

    def __init__(self, root: Path, adjudicator: str) -> None:
        self.folder = root / adjudicator / DECISIONS

    def rejected(self, article_id: str) -> set[str]:
        try:
            data = json.loads((self.folder / file_name(article_id)).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return set()
        return set(data.get("rejected", ()))

    def add(self, article_id: str, key: str) -> None:
        self._write(article_id, self.rejected(article_id) | {key})

    def discard(self, article_id: str, key: str) -> None:
        current = self.rejected(article_id)
        if key in current:
            self._write(article_id, current - {key})

    def _write(self, article_id: str, keys: set[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        body = {"article_id": article_id, "rejected": sorted(keys)}
        atomic_write(self.folder / file_name(article_id), json.dumps(body, indent=1).encode("utf-8"))


@dataclass(frozen=True)
class Progress:
    """How far an article's adjudication is: its disagreements and how many are settled."""

    annotators: int
    disagreements: int
    settled: int

    def note(self) -> str:
        if not self.disagreements:
            return f"review: {self.annotators} annotators agree"
        return f"review: {self.settled} of {self.disagreements} disagreements settled"


def progress(found: Sequence[Item], gold: Annotations, rejected: Iterable[str], annotators: int) -> Progress:
    rejected = set(rejected)
    open_ = [it for it in found if it.disagreement]
    return Progress(annotators, len(open_), sum(1 for it in open_ if settled(it, gold.spans, rejected)))

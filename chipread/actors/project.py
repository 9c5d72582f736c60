"""Carrying a copy's annotations over to this article: where each span's text is found, nearest its aligned place.

The two texts are aligned word by word (difflib's longest matching blocks); a source offset maps
to the target through the block that holds it, or in proportion between the blocks around it. A
span is added where its text occurs nearest that place; a span whose text the article no longer
has is listed, never forced in. Links follow when both their spans came over. Everything added is
one session step, so one undo takes it back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from chipread.model import Annotations, Article, Span

if TYPE_CHECKING:
    from chipread.session import AnnotationSession

_WORD = re.compile(r"\w+")
# Farther than this from its aligned place, an added span is named in the report as placed elsewhere.
NEAR = 80


@dataclass(frozen=True)
class Placed:
    span: Span  # the source span
    start: int
    end: int
    offset: int  # how far from its aligned place it landed (characters)


@dataclass
class Projection:
    """What projecting would do (plan) and, once applied, did."""

    source: Article
    placed: list[Placed] = field(default_factory=list)
    missing: list[Span] = field(default_factory=list)  # text not in this article
    links: list[tuple[int, int, str]] = field(default_factory=list)  # indices into placed
    links_left: int = 0  # links whose spans did not both come over
    added: int = 0
    already: int = 0
    linked: int = 0

    @property
    def elsewhere(self) -> list[Placed]:
        return [p for p in self.placed if p.offset > NEAR]

    def summary(self) -> str:
        parts = [f"{self.added} span(s) and {self.linked} link(s) from {self.source.handle}"]
        if self.already:
            parts.append(f"{self.already} already here")
        if self.missing:
            parts.append(f"{len(self.missing)} not found in this article")
        if self.elsewhere:
            parts.append(f"{len(self.elsewhere)} placed away from their aligned place")
        return ", ".join(parts)


def nearest(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """Where `needle` occurs in `text` nearest to offset `near`: exactly, else with its spaces and line
    breaks matched loosely (what a copy's editing changes most); None where it does not occur."""
    if not needle.strip():
        return None
    hits = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
    if not hits:
        loose = r"\s+".join(re.escape(part) for part in needle.split())
        hits = [(m.start(), m.end()) for m in re.finditer(loose, text)]
    return min(hits, key=lambda hit: (abs(hit[0] - near), hit[0])) if hits else None


class Aligner:
    """Maps character offsets of `source` to `target` through their longest common word runs."""

    def __init__(self, source: str, target: str) -> None:
        self.src = [(m.start(), m.end()) for m in _WORD.finditer(source)]
        self.dst = [(m.start(), m.end()) for m in _WORD.finditer(target)]
        a = [source[s:e].casefold() for s, e in self.src]
        b = [target[s:e].casefold() for s, e in self.dst]
        blocks = SequenceMatcher(None, a, b, autojunk=len(a) > 20_000).get_matching_blocks()
        self.blocks = [blk for blk in blocks if blk.size]
        self.starts = [blk.a for blk in self.blocks]
        self.source_len, self.target_len = len(source), len(target)

    def map(self, offset: int) -> int:
        if not self.blocks or not self.src:
            return round(offset * self.target_len / max(1, self.source_len))
        word = max(0, bisect_right([s for s, _ in self.src], offset) - 1)
        k = bisect_right(self.starts, word) - 1
        if k >= 0:
            blk = self.blocks[k]
            if word < blk.a + blk.size:
                target_word = blk.b + (word - blk.a)
                return self.dst[target_word][0] + (offset - self.src[word][0])
        # Between two blocks: in proportion across the gap.
        before = self.blocks[k] if k >= 0 else None
        after = self.blocks[k + 1] if k + 1 < len(self.blocks) else None
        s0 = self.src[before.a + before.size - 1][1] if before else 0
        t0 = self.dst[before.b + before.size - 1][1] if before else 0
        s1 = self.src[after.a][0] if after else self.source_len
        t1 = self.dst[after.b][0] if after else self.target_len
        if s1 <= s0:
            return t0
        return t0 + round((offset - s0) * (t1 - t0) / (s1 - s0))


def plan(source: Article, annotations: Annotations, target: Article) -> Projection:
    """Where each of the source's spans would go in `target`, and which links would follow."""
    aligner = Aligner(source.text, target.text)
    out = Projection(source)
    index: dict[str, int] = {}
    for span in annotations.spans:
        if span.flag:
            continue
        near = aligner.map(span.start)
        found = nearest(target.text, span.text, near)
        if found is None:
            out.missing.append(span)
            continue
        index[span.id] = len(out.placed)
        out.placed.append(Placed(span, found[0], found[1], abs(found[0] - near)))
    for rel in annotations.relations:
        if rel.head in index and rel.child in index:
            out.links.append((index[rel.head], index[rel.child], rel.label))
        else:
            out.links_left += 1
    return out


def project(session: AnnotationSession, source: Article, annotations: Annotations) -> Projection:
    """Add the source's spans and links to the session's article as one undo step; returns the report."""
    out = plan(source, annotations, session.article)
    extents = [(p.start, p.end, p.span.label) for p in out.placed]
    if not extents:
        return out
    spans, relations = len(session.spans), len(session.relations)
    links = [(extents[head], extents[child], label) for head, child, label in out.links]
    session.replace_spans(
        (), extents, links, f"project {len(extents)} span(s) from {source.handle}", origin=f"copy:{source.handle}"
    )
    out.added = len(session.spans) - spans
    out.already = len(set(extents)) - out.added
    out.linked = len(session.relations) - relations
    return out


def projection_report(result: Projection) -> list[str]:
    """What a projection left behind or placed away from its aligned place, one line each (plain text)."""
    lines = [f"From {result.source.handle}: {result.summary()}."]
    if result.missing:
        lines += ["", "Not found in this article (not added):"]
        lines += [f"  {span.label:<8} {_short(span.text)}" for span in result.missing]
    if result.elsewhere:
        lines += ["", "Added where the text is found, away from the aligned place (check them):"]
        lines += [f"  {p.span.label:<8} {_short(p.span.text)}  ({p.offset} characters off)" for p in result.elsewhere]
    if result.links_left:
        lines += ["", f"{result.links_left} link(s) not brought over: one of their spans stayed behind."]
    return lines


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"

"""Who said it: ranked speaker candidates for any quote or claim span, from suggestions and tagged actors."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from chipread.model import Candidate, Entity, LabelSet, Span

if TYPE_CHECKING:
    from chipread.nlp import Analysis

SPEAKER_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def speaker_candidates(
    analysis: Analysis,
    head: Span,
    spans: Sequence[Span],
    actor_labels: Sequence[str] = ("actor",),
    labels: LabelSet | None = None,
    limit: int = 8,
) -> list[Candidate]:
    """Best first: the nlp layer's speakers for the suggestion that matches `head`, then actors already
    tagged (nearest first), then speaker-like entities nearest before the span, then after it.

    The suggestion's speakers and tagged actors may lie inside a claim ("China has called on Japan ..."), never
    inside a quotation; the nearest-entity guesses come from outside the span. `labels` says which suggestion
    types head's label takes.
    """
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()

    def add(candidate: Candidate, inside: bool = False) -> None:
        key = (candidate.start, candidate.end)
        if key == (head.start, head.end):
            return
        if key not in seen and (inside or not (head.start <= candidate.start and candidate.end <= head.end)):
            seen.add(key)
            found.append(candidate)

    takes = labels.takes(head.label) if labels is not None else (head.label,)
    claim = "claim" in takes  # a claim may hold its own subject; a quotation's speaker is outside the marks
    best = _matching_suggestion(analysis, head, takes)
    if best is not None:
        for candidate in best.candidates:
            add(candidate, inside=claim)
    # Only the first `limit` count: the lists below are walked nearest first and left once that many are found
    # (asked on every tab stop, in articles with thousands of spans and entities).
    actors = [(_distance(head, s), i, s) for i, s in enumerate(spans) if s.label in actor_labels and not s.flag]
    heapq.heapify(actors)
    while actors and len(found) < limit:
        actor = heapq.heappop(actors)[2]
        add(
            Candidate(actor.start, actor.end, actor.text, actor.label, "already tagged as " + actor.label, 0.5),
            inside=claim,
        )
    entities = analysis.entities  # in text order, never overlapping: walked outwards from the span
    i = bisect_left(entities, head.start + 1, key=_end)
    for entity in _speaker_entities(reversed(entities[:i]), limit):
        if len(found) >= limit:
            break
        add(Candidate(entity.start, entity.end, entity.text, entity.label, f"nearest {entity.label} before", 0.3))
    i = bisect_left(entities, head.end, key=_start)
    for entity in _speaker_entities(entities[i:], limit):
        if len(found) >= limit:
            break
        add(Candidate(entity.start, entity.end, entity.text, entity.label, f"nearest {entity.label} after", 0.2))
    return found[:limit]


def _speaker_entities(entities: Iterable[Entity], limit: int) -> list[Entity]:
    return list(islice((e for e in entities if e.label in SPEAKER_ENTITY_LABELS), limit))


def _start(entity: Entity) -> int:
    return entity.start


def _end(entity: Entity) -> int:
    return entity.end


def _matching_suggestion(analysis: Analysis, head: Span, takes: Sequence[str]):
    """The quote/claim suggestion overlapping `head` the most (of a type head's label takes, preferred), the
    one that runs over it the least among equals: a claim nested in another ("the ministry said China has
    called on Japan to ...") is its own suggestion, with its own speaker, not the outer one's."""
    best, best_key = None, (0, 0, 0)
    for suggestion in analysis.suggestions:
        if suggestion.start >= head.end:
            break
        overlap = min(suggestion.end, head.end) - max(suggestion.start, head.start)
        if overlap <= 0 or not suggestion.candidates:
            continue
        key = (int(suggestion.label in takes), overlap, overlap - (suggestion.end - suggestion.start))
        if key > best_key:
            best, best_key = suggestion, key
    return best


def _distance(head: Span, other: Span) -> int:
    if other.end <= head.start:
        return head.start - other.end
    if other.start >= head.end:
        return other.start - head.end
    return 0

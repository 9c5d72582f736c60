"""Who said it: ranked speaker candidates for any quote or claim span, from suggestions and tagged actors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chipread.model import Candidate, LabelSet, Span

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
    actors = [s for s in spans if s.label in actor_labels and not s.flag]
    for actor in sorted(actors, key=lambda s: _distance(head, s)):
        add(
            Candidate(actor.start, actor.end, actor.text, actor.label, "already tagged as " + actor.label, 0.5),
            inside=claim,
        )
    entities = [e for e in analysis.entities if e.label in SPEAKER_ENTITY_LABELS]
    before = [e for e in entities if e.end <= head.start]
    after = [e for e in entities if e.start >= head.end]
    for entity in sorted(before, key=lambda e: head.start - e.end)[:limit]:
        add(Candidate(entity.start, entity.end, entity.text, entity.label, f"nearest {entity.label} before", 0.3))
    for entity in sorted(after, key=lambda e: e.start - head.end)[:limit]:
        add(Candidate(entity.start, entity.end, entity.text, entity.label, f"nearest {entity.label} after", 0.2))
    return found[:limit]


def _matching_suggestion(analysis: Analysis, head: Span, takes: Sequence[str]):
    """The quote/claim suggestion overlapping `head` the most (of a type head's label takes, preferred)."""
    best, best_key = None, (0, 0)
    for suggestion in analysis.suggestions:
        if suggestion.start >= head.end:
            break
        overlap = min(suggestion.end, head.end) - max(suggestion.start, head.start)
        if overlap <= 0 or not suggestion.candidates:
            continue
        key = (int(suggestion.label in takes), overlap)
        if key > best_key:
            best, best_key = suggestion, key
    return best


def _distance(head: Span, other: Span) -> int:
    if other.end <= head.start:
        return head.start - other.end
    if other.start >= head.end:
        return other.start - head.end
    return 0

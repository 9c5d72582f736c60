"""AnnotationSession: one annotator editing one article; every edit is durable and undoable."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from chipread.errors import SessionError, StoreReadOnly
from chipread.model import (
    DEFAULT_RELATION,
    STATUSES,
    Annotations,
    Article,
    ArticleState,
    LabelSet,
    Relation,
    Span,
    new_id,
    span_order,
    utc_now,
)
from chipread.store import AnnotationStore, Change, file_meta, reanchor


class AnnotationSession:
    """The only way the UI changes annotations.

    Each public method is one step: validated, written to disk atomically (fsync'd) before it
    returns, and recorded in the article's persistent undo history.
    """

    def __init__(
        self,
        store: AnnotationStore,
        article: Article,
        annotator: str,
        labels: LabelSet | None = None,
        *,
        clock: Callable[[], str] = utc_now,
        make_id: Callable[[], str] = new_id,
    ) -> None:
        self.store = store
        self.article = article
        self.annotator = annotator
        self.labels = labels or LabelSet()
        self._clock = clock
        self._make_id = make_id
        self._file = store.article_file(article.id, annotator)
        self.readonly = self._file.readonly
        self._text_hash = article.text_hash
        self._text_kept = False
        self.version = 0
        self._load()
        self.reanchored = self._reanchor()
        if self._spans and not self.readonly:
            self._keep_text()  # work from before the store kept texts: keep the one it is now made on

    def _load(self) -> None:
        """Mirror what the file holds (on opening, and after a write that failed)."""
        loaded = self._file.annotations(self.article.id, self.annotator)
        self._spans = {s.id: s for s in loaded.spans}
        # Reading order kept incrementally (bisect), so an edit never re-sorts thousands of spans.
        self._ordered: list[Span] = sorted(self._spans.values(), key=span_order)
        self._order_keys: list[tuple[int, int, str, str]] = [span_order(s) for s in self._ordered]
        # An upper bound of every span's length (it never shrinks): how far back spans_at must look.
        self._longest = max((s.end - s.start for s in self._ordered), default=0)
        self._relations = {r.id: r for r in loaded.relations}
        self._state = loaded.state
        self._sorted: tuple[Span, ...] | None = None

    # -- reading -------------------------------------------------------------------------

    @property
    def spans(self) -> tuple[Span, ...]:
        """All spans, in reading order (start, longest first)."""
        if self._sorted is None:
            self._sorted = tuple(self._ordered)
        return self._sorted

    @property
    def relations(self) -> tuple[Relation, ...]:
        return tuple(sorted(self._relations.values(), key=lambda r: r.id))

    @property
    def status(self) -> str:
        return self._state.status if self._state else "todo"

    @property
    def flagged(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.flag)

    @property
    def annotations(self) -> Annotations:
        return Annotations(self.article.id, self.annotator, self.spans, self.relations, self._state)

    def span(self, span_id: str) -> Span:
        try:
            return self._spans[span_id]
        except KeyError:
            raise SessionError(f"no span {span_id!r} in this article") from None

    def spans_at(self, offset: int) -> list[Span]:
        """The spans covering offset, in reading order: O(log n) plus the spans starting within the longest's
        length before it (the reader asks on every cursor move)."""
        keys, ordered = self._order_keys, self._ordered
        i = bisect_right(keys, (offset, 1, "", ""))  # every span starting at or before offset
        found = []
        while i > 0 and keys[i - 1][0] > offset - self._longest:
            i -= 1
            s = ordered[i]
            if s.end > offset and not s.flag:
                found.append(s)
        found.reverse()
        return found

    def relations_of(self, span_id: str) -> list[Relation]:
        return [r for r in self._relations.values() if span_id in (r.head, r.child)]

    @property
    def can_undo(self) -> bool:
        return self._file.undo_step() is not None

    @property
    def can_redo(self) -> bool:
        return self._file.redo_step() is not None

    def next_undo(self) -> str | None:
        """What undo() would do (its description), without doing it; None when there is nothing."""
        step = self._file.undo_step()
        return step.description if step is not None else None

    def next_redo(self) -> str | None:
        """What redo() would do, without doing it; None when there is nothing."""
        step = self._file.redo_step()
        return step.description if step is not None else None

    # -- spans ---------------------------------------------------------------------------

    def add_span(self, start: int, end: int, label: str, *, origin: str = "manual") -> Span:
        self._check_label(label)
        start, end = self._check_range(start, end)
        if self._tagged(start, end, label):
            raise SessionError(f"{self._quote(start, end)} is already tagged {label}")
        now = self._clock()
        span = Span(
            id=self._make_id(),
            article_id=self.article.id,
            start=start,
            end=end,
            label=label,
            text=self.article.text[start:end],
            annotator=self.annotator,
            created=now,
            updated=now,
            origin=origin,
        )
        changes = [Change("spans", span.id, None, span.to_dict())]
        changes += self._auto_progress(now)
        self._commit(changes, f"tag {label} {self._quote(start, end)}")
        return span

    def add_spans(self, items: Iterable[tuple[int, int, str, str]], description: str) -> list[Span]:
        """Tag several ranges, (start, end, label, origin) each, as one step: one write, one undo.

        Fails as a whole (nothing written) if any range is invalid or already tagged with its label.
        """
        now = self._clock()
        spans: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for start, end, label, origin in items:
            self._check_label(label)
            start, end = self._check_range(start, end)
            if (start, end, label) in seen or self._tagged(start, end, label):
                raise SessionError(f"{self._quote(start, end)} is already tagged {label}")
            seen.add((start, end, label))
            text = self.article.text[start:end]
            spans.append(
                Span(self._make_id(), self.article.id, start, end, label, text, self.annotator, now, now, origin)
            )
        if not spans:
            return []
        changes = [Change("spans", s.id, None, s.to_dict()) for s in spans]
        changes += self._auto_progress(now)
        self._commit(changes, description)
        return spans

    def _tagged(self, start: int, end: int, label: str) -> bool:
        i = bisect_left(self._order_keys, (start, -end, label, ""))
        for s in self._ordered[i:]:
            if (s.start, s.end, s.label) != (start, end, label):
                return False
            if not s.flag:
                return True
        return False

    def relabel(self, span_id: str, label: str) -> Span:
        self._check_label(label)
        old = self.span(span_id)
        if old.label == label:
            return old
        if not old.flag and self._tagged(old.start, old.end, label):
            raise SessionError(f"{self._quote(old.start, old.end)} is already tagged {label}")
        new = old.moved(label=label, updated=self._clock())
        changes = [Change("spans", old.id, old.to_dict(), new.to_dict())]
        # A relation whose ends no longer have the right roles would export as nonsense.
        for rel in self.relations_of(span_id):
            head = new if rel.head == span_id else self._spans.get(rel.head)
            child = new if rel.child == span_id else self._spans.get(rel.child)
            if (
                head is None
                or child is None
                or head.label not in self.labels.heads
                or child.label not in self.labels.actors
            ):
                changes.append(Change("relations", rel.id, rel.to_dict(), None))
        self._commit(changes, f"relabel {old.label} to {label}")
        return new

    def resize(self, span_id: str, start: int, end: int) -> Span:
        old = self.span(span_id)
        start, end = self._check_range(start, end)
        if (start, end) == (old.start, old.end):
            return old
        if self._tagged(start, end, old.label):  # (a resized span is no longer flagged: it would be a live copy)
            raise SessionError(f"{self._quote(start, end)} is already tagged {old.label}")
        new = old.moved(start=start, end=end, text=self.article.text[start:end], updated=self._clock(), flag=None)
        self._commit([Change("spans", old.id, old.to_dict(), new.to_dict())], f"resize {old.label}")
        return new

    def delete_span(self, span_id: str) -> None:
        old = self.span(span_id)
        changes = [Change("relations", r.id, r.to_dict(), None) for r in self.relations_of(span_id)]
        changes.append(Change("spans", old.id, old.to_dict(), None))
        self._commit(changes, f"delete {old.label} {self._quote(old.start, old.end)}")

    def replace_spans(
        self,
        remove: Iterable[str],
        add: Iterable[tuple[int, int, str]],
        links: Iterable[tuple[tuple[int, int, str], tuple[int, int, str]] | tuple[tuple, tuple, str]] = (),
        description: str = "",
        *,
        origin: str = "manual",
    ) -> None:
        """One step: delete the spans `remove` (and their links), tag the extents `add` (an existing
        span of that extent and label is kept), and link (head extent, actor extent) pairs, each with
        its relation label as a third item when it is not the default.

        Adjudication accepts a version with it: one key, one undo step.
        """
        removed = set(remove)
        changes: list[Change] = []
        for span_id in sorted(removed):
            old = self.span(span_id)
            changes += [Change("relations", r.id, r.to_dict(), None) for r in self.relations_of(span_id)]
            changes.append(Change("spans", old.id, old.to_dict(), None))
        gone = {c.key for c in changes if c.table == "relations"}
        now = self._clock()
        kept = {(s.start, s.end, s.label): s for s in self.spans if s.id not in removed and not s.flag}
        for start, end, label in add:
            self._check_label(label)
            start, end = self._check_range(start, end)
            if (start, end, label) in kept:
                continue
            span = Span(
                self._make_id(),
                self.article.id,
                start,
                end,
                label,
                self.article.text[start:end],
                self.annotator,
                now,
                now,
                origin=origin,
            )
            kept[(start, end, label)] = span
            changes.append(Change("spans", span.id, None, span.to_dict()))
        existing = {(r.head, r.child, r.label) for r in self._relations.values() if r.id not in gone}
        for link in links:
            head, child = kept.get(tuple(link[0])), kept.get(tuple(link[1]))
            label = link[2] if len(link) > 2 else DEFAULT_RELATION
            if head is None or child is None:
                raise SessionError("a link needs both its spans")
            if (head.id, child.id, label) in existing:
                continue
            existing.add((head.id, child.id, label))
            rel = Relation(self._make_id(), self.article.id, head.id, child.id, label, self.annotator, now)
            changes.append(Change("relations", rel.id, None, rel.to_dict()))
        if not changes:
            return
        changes += self._auto_progress(now)
        self._commit(changes, description or "replace spans")

    # -- relations -----------------------------------------------------------------------

    def add_relation(self, head: str, child: str, label: str = DEFAULT_RELATION) -> Relation:
        head_span, child_span = self.span(head), self.span(child)
        if head == child:
            raise SessionError("a span cannot be attributed to itself")
        if head_span.label not in self.labels.heads:
            raise SessionError(
                f"only {' or '.join(self.labels.heads) or 'statement'} spans can be attributed; this one is {head_span.label}"
            )
        if child_span.label not in self.labels.actors:
            raise SessionError(
                f"a {head_span.label} is attributed to {' or '.join(self.labels.actors) or 'speaker'} spans; this one is {child_span.label}"
            )
        for r in self._relations.values():
            if (r.head, r.child, r.label) == (head, child, label):
                raise SessionError(f"this {head_span.label} is already attributed to {child_span.text!r}")
        rel = Relation(self._make_id(), self.article.id, head, child, label, self.annotator, self._clock())
        self._commit(
            [Change("relations", rel.id, None, rel.to_dict())], f"link {head_span.label} to {child_span.text!r}"
        )
        return rel

    def link(
        self, head: str, start: int, end: int, *, actor_label: str | None = None, label: str = DEFAULT_RELATION
    ) -> Relation:
        """Attribute span `head` to the text [start, end): reuses an actor span there or tags one, in one step."""
        head_span = self.span(head)
        existing = self._actor_at(*self._check_range(start, end))
        if existing is not None:
            return self.add_relation(head, existing.id, label)
        if head_span.label not in self.labels.heads:
            raise SessionError(
                f"only {' or '.join(self.labels.heads)} spans can be attributed; this one is {head_span.label}"
            )
        changes, rel = self._speaker_changes(head_span, start, end, actor_label, label, self._clock())
        self._commit(changes, f"link {head_span.label} to {self._quote(start, end)}")
        return rel

    def add_attributed(
        self,
        start: int,
        end: int,
        label: str,
        speaker: tuple[int, int],
        *,
        origin: str = "manual",
        actor_label: str | None = None,
    ) -> tuple[Span, Relation]:
        """Tag a quote or claim and attribute it to the text at `speaker` (its actor span reused or tagged), as
        one step: one write, one undo (taking a suggestion together with its proposed speaker)."""
        self._check_label(label)
        if label not in self.labels.heads:
            raise SessionError(f"only {' or '.join(self.labels.heads)} spans can be attributed; this one is {label}")
        start, end = self._check_range(start, end)
        if self._tagged(start, end, label):
            raise SessionError(f"{self._quote(start, end)} is already tagged {label}")
        if speaker == (start, end):
            raise SessionError("a span cannot be attributed to itself")
        now = self._clock()
        text = self.article.text[start:end]
        span = Span(self._make_id(), self.article.id, start, end, label, text, self.annotator, now, now, origin)
        changes = [Change("spans", span.id, None, span.to_dict())]
        speaker_changes, rel = self._speaker_changes(span, *speaker, actor_label, DEFAULT_RELATION, now)
        changes += speaker_changes
        changes += self._auto_progress(now)
        self._commit(changes, f"tag {label} {self._quote(start, end)} said by {self._quote(*speaker)}")
        return span, rel

    def _actor_at(self, start: int, end: int) -> Span | None:
        return next(
            (
                s
                for s in self.spans
                if (s.start, s.end) == (start, end) and s.label in self.labels.actors and not s.flag
            ),
            None,
        )

    def _speaker_changes(
        self, head: Span, start: int, end: int, actor_label: str | None, label: str, now: str
    ) -> tuple[list[Change], Relation]:
        """The changes that attribute `head` to [start, end): the relation, and the actor span when none is there."""
        start, end = self._check_range(start, end)
        changes: list[Change] = []
        actor = self._actor_at(start, end)
        if actor is None:
            actor_label = actor_label or (self.labels.actors[0] if self.labels.actors else "")
            self._check_label(actor_label)
            text = self.article.text[start:end]
            actor = Span(
                self._make_id(), self.article.id, start, end, actor_label, text, self.annotator, now, now,
                origin="speaker-suggestion",
            )  # fmt: skip
            changes.append(Change("spans", actor.id, None, actor.to_dict()))
        rel = Relation(self._make_id(), self.article.id, head.id, actor.id, label, self.annotator, now)
        changes.append(Change("relations", rel.id, None, rel.to_dict()))
        return changes, rel

    def delete_relation(self, relation_id: str) -> None:
        rel = self._relations.get(relation_id)
        if rel is None:
            raise SessionError(f"no relation {relation_id!r} in this article")
        self._commit([Change("relations", rel.id, rel.to_dict(), None)], "unlink")

    # -- status --------------------------------------------------------------------------

    def set_status(self, status: str) -> None:
        if status not in STATUSES:
            raise SessionError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        if status == self.status:
            return
        self._commit([self._state_change(status, self._clock())], f"mark {status}")

    def _auto_progress(self, now: str) -> list[Change]:
        return [self._state_change("in_progress", now)] if self.status == "todo" else []

    def _state_change(self, status: str, now: str) -> Change:
        new = ArticleState(self.article.id, self.annotator, status, now, self._text_hash)
        before = self._state.to_dict() if self._state else None
        return Change("state", self.article.id, before, new.to_dict())

    # -- undo ----------------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the last step; returns its description, or None when there is nothing to undo."""
        step = self._file.undo_step()
        if step is None:
            return None
        self._write([c.inverse() for c in reversed(step.changes)], record="undo")
        return step.description

    def redo(self) -> str | None:
        step = self._file.redo_step()
        if step is None:
            return None
        self._write(step.changes, record="redo")
        return step.description

    # -- internals -----------------------------------------------------------------------

    def _commit(self, changes: list[Change], description: str) -> None:
        self._write(changes, record="push", description=description)

    def _write(self, changes: Iterable[Change], *, record: str, description: str = "") -> None:
        if self.readonly:
            raise StoreReadOnly(self.store.lock_message(self.annotator))
        changes = list(changes)
        self._keep_text()
        try:
            self._file.apply(changes, meta=self._meta(), record=record, description=description)
        except BaseException:
            self._load()  # nothing (or not all) reached the disk: memory follows the file
            raise
        self._absorb(changes)

    def _absorb(self, changes: Iterable[Change]) -> None:
        """Mirror written changes in memory (only after the write succeeded)."""
        for c in changes:
            if c.table == "spans":
                old = self._spans.pop(c.key, None)
                if old is not None:
                    i = bisect_left(self._order_keys, span_order(old))
                    del self._ordered[i], self._order_keys[i]
                if c.after is not None:
                    new = self._spans[c.key] = Span.from_dict(c.after)
                    self._longest = max(self._longest, new.end - new.start)
                    key = span_order(new)
                    i = bisect_left(self._order_keys, key)
                    self._ordered.insert(i, new)
                    self._order_keys.insert(i, key)
                self._sorted = None
            elif c.table == "relations":
                if c.after is None:
                    self._relations.pop(c.key, None)
                else:
                    self._relations[c.key] = Relation.from_dict(c.after)
            elif c.table == "state":
                self._state = ArticleState.from_dict(c.after) if c.after else None
        self.version += 1

    def _keep_text(self) -> None:
        """The text this work is made on is in the store before the first change that points into it."""
        if not self._text_kept:
            self.store.keep_text(self.article.text)
            self._text_kept = True

    def _meta(self) -> dict[str, str]:
        return file_meta(self.article, self.annotator, self._text_hash)

    def _reanchor(self) -> int:
        """Bring spans made against an older text of this article back in line; returns how many changed.

        With the older text kept in the store, spans are carried over exactly (see store.reanchor).
        """
        made_on = self._file.meta().get("text_hash") or (self._state.text_hash if self._state else "")
        old_text = self.store.text(made_on) if made_on and made_on != self._text_hash else None
        moves = reanchor(list(self._spans.values()), self.article.text, old_text)
        stale_state = self._state is not None and self._state.text_hash not in ("", self._text_hash)
        if not moves and not stale_state:
            return 0
        changes = [Change("spans", old.id, old.to_dict(), new.to_dict()) for old, new in moves]
        if self._state is not None:
            fresh = ArticleState(
                self.article.id, self.annotator, self._state.status, self._state.updated, self._text_hash
            )
            changes.append(Change("state", self.article.id, self._state.to_dict(), fresh.to_dict()))
        if self.readonly:
            self._absorb(changes)
        else:
            self._write(changes, record="reset")
        return len(moves)

    def _check_label(self, label: str) -> None:
        if label not in self.labels:
            raise SessionError(f"unknown label {label!r} (labels: {', '.join(self.labels.names)})")

    def _check_range(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.article.text)
        if not (0 <= start <= n and 0 <= end <= n):
            raise SessionError(f"span {start}-{end} is outside the text (0-{n})")
        if end <= start:
            raise SessionError("a span cannot be empty")
        piece = self.article.text[start:end]
        if not piece.strip():
            raise SessionError("a span cannot be only whitespace")
        # Surrounding whitespace would misalign token offsets in every export format.
        return start + (len(piece) - len(piece.lstrip())), end - (len(piece) - len(piece.rstrip()))

    def _quote(self, start: int, end: int) -> str:
        text = " ".join(self.article.text[start:end].split())
        return repr(text if len(text) <= 40 else text[:37] + "...")

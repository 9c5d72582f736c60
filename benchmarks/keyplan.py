"""The cheapest key sequence the reader offers for a span or a link, worked out from chipread.annotate's decisions.

The planner models the reader's keys exactly as the app applies them (the view's moves, tab and the jump keys
through Reading.next_stop, the label keys through Reading.target, span editing through Reading.resize, linking
through Reading.candidates and Reading.speaker_at) and searches them cheapest first. bench_keys.py then presses
the keys it chose through Pilot and checks the store: a wrong prediction costs the keys it really took.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from chipread.annotate import Reading, Refusal, Speaker, Stop, search
from chipread.model import Span

Range = tuple[int, int]
WINDOW = 400  # characters around a gold span where keys that tag it may start
MAX_EDITS = 14
MAX_MOVES = 40
MAX_QUERY = 14


@dataclass(frozen=True)
class Plan:
    keys: tuple[str, ...]
    kinds: tuple[str, ...]  # per key: move, jump, select, edit, tag, link, search
    result: Range  # what the plan tags (or the speaker it links)
    how: str
    speaker: Range | None = None  # the speaker a span's plan links with it (enter on a suggestion), if any


@dataclass(frozen=True)
class State:
    token: int
    jumped: int  # the stop tab jumped to and the cursor still stands on, or -1
    used: bool = False  # a label key tagged from it: tab goes on from it, other keys no longer take it


class Keys:
    """The key names the app binds (the user's keymap applied): binding id -> key."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def __getitem__(self, binding: str) -> str:
        return self.names[binding]

    def get(self, binding: str) -> str | None:
        return self.names.get(binding)


class Planner:
    """Plans for one article. `spans` are the session's spans as they are before the plan is carried out."""

    def __init__(self, reading: Reading, keys: Keys) -> None:
        self.r = reading
        self.keys = keys
        self.text = reading.text
        self.tokens = reading.tokens
        self.starts = [t.start for t in self.tokens]
        n = len(self.tokens)
        # The view's w / b: the next / previous token that starts with a letter or a digit.
        self.next_word = [-1] * n
        self.prev_word = [-1] * n
        nxt = -1
        for i in range(n - 1, -1, -1):
            self.next_word[i] = nxt
            if self.tokens[i].text[:1].isalnum():
                nxt = i
        prv = -1
        for i in range(n):
            self.prev_word[i] = prv
            if self.tokens[i].text[:1].isalnum():
                prv = i
        self.sentence_starts = [s.start for s in reading.analysis.sentences]
        self._edit_cache: dict[tuple[Range, Range, bool], tuple[str, ...] | None] = {}

    # -- the view's moves -----------------------------------------------------------------------

    def token_at_or_after(self, offset: int) -> int:
        i = bisect_left(self.starts, offset)
        if i > 0 and self.tokens[i - 1].end > offset:
            return i - 1
        return min(i, len(self.tokens) - 1)

    def _moves(self, token: int, span_starts: list[int]) -> list[tuple[str, int]]:
        """(binding id, token) for every cursor move from `token`."""
        out = []
        n = len(self.tokens)
        if token + 1 < n:
            out.append(("token-next", token + 1))
        if token > 0:
            out.append(("token-prev", token - 1))
        if self.next_word[token] >= 0:
            out.append(("word-next", self.next_word[token]))
        if self.prev_word[token] >= 0:
            out.append(("word-prev", self.prev_word[token]))
        here = self.tokens[token].start
        k = bisect_right(self.sentence_starts, here)
        if k < len(self.sentence_starts):
            out.append(("sentence-next", self.token_at_or_after(self.sentence_starts[k])))
        k = bisect_left(self.sentence_starts, here) - 1
        if self.sentence_starts:
            out.append(("sentence-prev", self.token_at_or_after(self.sentence_starts[max(k, 0)])))
        out.append(("top", 0))
        out.append(("bottom", n - 1))
        k = bisect_right(span_starts, here)
        if k < len(span_starts):
            out.append(("next-span", self.token_at_or_after(span_starts[k])))
        k = bisect_left(span_starts, here) - 1
        if k >= 0:
            out.append(("prev-span", self.token_at_or_after(span_starts[k])))
        return [(b, t) for b, t in out if t != token and self.keys.get(b)]

    def _jumps(self, state: State, spans: Sequence[Span]) -> list[tuple[str, State]]:
        """tab, shift+tab and each label's jump key from `state`: where the reader's next_stop sends them."""
        r = self.r
        offset = self.tokens[state.token].start
        at = state.jumped if state.jumped >= 0 else None
        out = []
        options = [("next-suggestion", 1, None), ("prev-suggestion", -1, None)]
        options += [(f"jump-{label.name}", 1, label.name) for label in r.labels.labels]
        for binding, step, label in options:
            if not self.keys.get(binding):
                continue
            i = r.next_stop(offset, step, spans, at=at, label=label, inclusive=state.token <= 0)
            if i is not None:
                out.append((binding, State(self.token_at_or_after(r.stops[i].start), i)))
        return out

    def search_keys(self, start_token: int, target: int) -> tuple[str, ...] | None:
        """`/`, the shortest prefix of the text at `target` that the search finds first from the cursor, enter."""
        offset = self.tokens[start_token].start
        at = self.tokens[target].start
        for length in range(1, MAX_QUERY + 1):
            query = self.text[at : at + length]
            # Only what any keyboard types: a curly quote or an accent is not a key of its own.
            if len(query) < length or not (query.isascii() and query.isprintable()):
                return None
            found = search(self.text, query, offset - 1, 1)
            if found is not None and found[0] == at:
                return (self.keys["search"], *query, "enter")
        return None

    # -- span editing ---------------------------------------------------------------------------

    EDITS = (
        ("extend-next", "end", 1, "token"),
        ("extend-prev", "end", -1, "token"),
        ("end-word-next", "end", 1, "word"),
        ("end-word-prev", "end", -1, "word"),
        ("start-prev", "start", 1, "token"),
        ("start-next", "start", -1, "token"),
        ("start-word-prev", "start", 1, "word"),
        ("start-word-next", "start", -1, "word"),
        ("end-clause-next", "end", 1, "clause"),
        ("end-clause-prev", "end", -1, "clause"),
        ("start-clause-prev", "start", 1, "clause"),
        ("start-clause-next", "start", -1, "clause"),
    )

    def edits(self, have: Range, want: Range) -> tuple[str, ...] | None:
        """The fewest resize keys turning `have` into `want`, or None. An edge's moves do not depend on where the
        other edge is (only that the span keeps a word), so each edge is searched on its own, breadth first over
        Reading.resize: the end first (the start at its old place), then the start (the end at its new place),
        or the other way round when that order empties the span on the way."""
        key = (have, want, False)
        if key in self._edit_cache:
            return self._edit_cache[key]
        found: tuple[str, ...] | None = None
        for first in ("end", "start"):
            second = "start" if first == "end" else "end"
            keys_first = self._edge(have, want, first)
            if keys_first is None:
                continue
            middle = (have[0], want[1]) if first == "end" else (want[0], have[1])
            keys_second = self._edge(middle, want, second)
            if keys_second is not None:
                found = (*keys_first, *keys_second)
                break
        self._edit_cache[key] = found
        return found

    def _edge(self, have: Range, want: Range, edge: str) -> tuple[str, ...] | None:
        """The fewest keys moving one edge of `have` to where `want` has it, the other edge staying put."""
        index = 1 if edge == "end" else 0
        goal = want[index]
        if have[index] == goal:
            return ()
        moves = [(b, step, unit) for b, e, step, unit in self.EDITS if e == edge]
        seen = {have: ()}
        frontier = [have]
        for _ in range(MAX_EDITS):
            nxt = []
            for rng in frontier:
                for binding, step, unit in moves:
                    new = self.r.resize(rng[0], rng[1], edge, step, unit)
                    if new is None or new in seen or abs(new[index] - goal) > 600:
                        continue
                    seen[new] = (*seen[rng], binding)
                    if new[index] == goal:
                        return seen[new]
                    nxt.append(new)
            if not nxt:
                return None
            frontier = nxt
        return None

    # -- a span ------------------------------------------------------------------------------

    def plan_span(
        self, goal: Range, label: str, cursor: State, spans: Sequence[Span], speakers: Sequence[Range] = ()
    ) -> Plan | None:
        """The cheapest keys from `cursor` that leave a `label` span exactly at `goal`. `speakers`: the mentions
        the reference links this quote or claim to; enter on a suggestion that proposes one of them takes the
        span and that link together (the plan's `speaker`), which saves the link's key, so it is preferred."""
        span_starts = sorted({s.start for s in spans if not s.flag})
        best: Plan | None = None
        best_cost = 1 << 30
        lo, hi = goal[0] - WINDOW, goal[1] + WINDOW
        self._proposals: dict[tuple[int, Range], Range | None] = {}

        def offer(path: tuple[tuple[str, str], ...], tail: tuple[tuple[str, str], ...], result: Range, how: str):
            nonlocal best, best_cost
            keys = (*path, *tail)
            speaker = self._taken_speaker(how)
            cost = len(keys) - (1 if speaker is not None else 0)  # the link's own key, saved
            if cost < best_cost:
                best_cost = cost
                best = Plan(tuple(k for k, _ in keys), tuple(c for _, c in keys), result, how, speaker)

        # Cheapest first over cursor states; each state reached is tried with every way of tagging from there.
        start = cursor
        heap: list[tuple[int, int, State, tuple[tuple[str, str], ...]]] = [(0, 0, start, ())]
        seen: dict[State, int] = {}
        counter = 1
        # The search key jumps straight to words in and around the goal.
        for target in self._search_targets(goal):
            keys = self.search_keys(start.token, target)
            if keys:
                path = tuple((k, "search") for k in keys)
                heapq.heappush(heap, (len(path), counter, State(target, -1), path))
                counter += 1
        while heap:
            cost, _, state, path = heapq.heappop(heap)
            if cost >= best_cost:
                break
            if seen.get(state, 1 << 30) <= cost:
                continue
            seen[state] = cost
            offset = self.tokens[state.token].start
            if lo <= offset <= hi:
                for tail, result, how in self._actions(state, goal, label, spans, speakers):
                    if result == goal:
                        offer(path, tail, result, how)
            if cost >= MAX_MOVES:
                continue
            for binding, token in self._moves(state.token, span_starts):
                heapq.heappush(heap, (cost + 1, counter, State(token, -1), (*path, (self.keys[binding], "move"))))
                counter += 1
            for binding, nxt in self._jumps(state, spans):
                heapq.heappush(heap, (cost + 1, counter, nxt, (*path, (self.keys[binding], "jump"))))
                counter += 1
        return best

    def _search_targets(self, goal: Range) -> list[int]:
        first = self.token_at_or_after(goal[0])
        out = {first}
        sentence = self.r.analysis.sentence_at(goal[0])
        if sentence is not None:
            out.add(self.token_at_or_after(sentence.start))
        for k in range(first, min(first + 4, len(self.tokens))):
            out.add(k)
        return sorted(out)

    TAKEN = "enter: the suggestion with its speaker"
    TAKEN_EDITED = "enter: the suggestion resized, with its speaker"

    def _taken_speaker(self, how: str) -> Range | None:
        return self._taken if how in (self.TAKEN, self.TAKEN_EDITED) else None

    def _proposal(self, index: int, extent: Range, spans: Sequence[Span]) -> Range | None:
        """The speaker the reader proposes for stop `index` as it stands at `extent` (suggested, trimmed or grown)."""
        key = (index, extent)
        if key not in self._proposals:
            proposal = self.r.proposal(self.r.stops[index], spans, extent)
            self._proposals[key] = (proposal.start, proposal.end) if proposal else None
        return self._proposals[key]

    def _offer_holds(self, stop: Stop, keys: Sequence[str], spans: Sequence[Span]) -> bool:
        """Does enter still take the stop after these resize keys: each step's span fits the stop's label (the
        reader ends the offer at the first that does not, and it does not come back)?"""
        moves = {binding: (edge, step, unit) for binding, edge, step, unit in self.EDITS}
        rng: Range | None = (stop.start, stop.end)
        for binding in keys:
            rng = self.r.resize(*rng, *moves[binding])
            if rng is None or self.r.fits(stop.label, *rng, spans) is not None:
                return False
        return True

    def _actions(self, state: State, goal: Range, label: str, spans: Sequence[Span], speakers: Sequence[Range] = ()):
        """(keys, what they tag, how) for each way of tagging from this cursor state."""
        r = self.r
        token = self.tokens[state.token]
        offset = token.start
        jumped: Stop | None = r.stops[state.jumped] if state.jumped >= 0 and not state.used else None
        tag = (self.keys[f"tag-{label}"], "tag")
        # enter on the suggestion tab jumped to: tagged as suggested, linked to the speaker it proposes.
        if speakers and jumped is not None and (jumped.start, jumped.end) == goal and jumped.label == label:
            proposed = self._proposal(state.jumped, goal, spans)
            if proposed is not None and proposed in speakers:
                self._taken = proposed
                yield ((self.keys["accept"], "tag"),), goal, self.TAKEN
        # ...or trimmed or grown by the resize keys first: enter takes the edited span with the speaker ranked for it.
        if speakers and jumped is not None and jumped.label == label and _overlaps((jumped.start, jumped.end), goal):
            keys = self.edits((jumped.start, jumped.end), goal)
            if (
                keys
                and self._proposal(state.jumped, goal, spans) in speakers
                and self._offer_holds(jumped, keys, spans)
            ):
                self._taken = self._proposal(state.jumped, goal, spans)
                edits = tuple((self.keys[k], "edit") for k in keys)
                yield (*edits, (self.keys["accept"], "tag")), goal, self.TAKEN_EDITED
        # A label key on what is under the cursor (or on the stop tab jumped to)...
        target = r.target(label, offset, jumped)
        if not isinstance(target, Refusal):
            have = (target.start, target.end)
            if have == goal:
                yield (tag,), goal, "label key"
            elif _overlaps(have, goal) and not self._tagged(have, label, spans):
                # ...then the tagged span edited where it is (the cursor follows the edge it moves, so no other
                # span may lie where the edges go: the keys would edit that one).
                hull = (min(have[0], goal[0]), max(have[1], goal[1]))
                if not any(_overlaps((s.start, s.end), hull) for s in spans if not s.flag):
                    keys = self.edits(have, goal)
                    if keys is not None:
                        yield (tag, *((self.keys[k], "edit") for k in keys)), goal, "label key, then resized"
        # The stop tab jumped to, resized into a selection, then the label key.
        if jumped is not None and _overlaps((jumped.start, jumped.end), goal):
            keys = self.edits((jumped.start, jumped.end), goal)
            if keys:
                yield (*((self.keys[k], "edit") for k in keys), tag), goal, "suggestion resized"
        if jumped is None:
            # A selection made by a key: the entity, the sentence, the quotation; resized; then the label key.
            for binding, found in (
                ("select-entity", self._entity(offset)),
                ("select-sentence", r.sentence(offset)),
                ("select-clause", r.clause(offset)),
                ("select-quotation", r.quotation(offset)),
            ):
                if found is not None and _overlaps(found, goal) and self.keys.get(binding):
                    keys = self.edits(found, goal)
                    if keys is not None:
                        yield (
                            ((self.keys[binding], "select"), *((self.keys[k], "edit") for k in keys), tag),
                            goal,
                            binding,
                        )
            # The token under the cursor grown into the goal: resize keys start a selection there (when no span
            # is under the cursor), else v does.
            here = (token.start, token.end)
            if goal[0] <= token.start < goal[1]:
                keys = self.edits(here, goal)
                if keys is not None:
                    free = not any(s.start <= offset < s.end and not s.flag for s in spans)
                    if keys and free:
                        yield (*((self.keys[k], "edit") for k in keys), tag), goal, "token grown"
                    else:
                        v = (self.keys["select-toggle"], "select")
                        yield (v, *((self.keys[k], "edit") for k in keys), tag), goal, "v, grown"

    def _entity(self, offset: int) -> Range | None:
        e = self.r.analysis.entity_at(offset)
        return (e.start, e.end) if e is not None else None

    def _tagged(self, rng: Range, label: str, spans: Sequence[Span]) -> bool:
        return any((s.start, s.end, s.label) == (*rng, label) and not s.flag for s in spans)

    # -- a link -------------------------------------------------------------------------------

    def plan_link(
        self, head: Span, actor: Range, cursor: State, spans: Sequence[Span], offered: Range | None
    ) -> Plan | None:
        """The cheapest keys that link `head` to the mention `actor`: enter on the offer made after tagging,
        else r and tab through the proposals, else r and a move to a mention that names the actor."""
        accept = self.keys["accept"]
        if offered == actor:
            return Plan((accept,), ("link",), actor, "offer accepted")
        best: Plan | None = None
        # r needs the cursor on the head (or an offer of it, which r takes up).
        prefix: tuple[tuple[str, str], ...] = ()
        on_head = head.start <= self.tokens[cursor.token].start < head.end
        if offered is None and not on_head:
            move = self.plan_move(cursor.token, self.token_at_or_after(head.start), spans)
            if move is None:
                return None
            prefix = move
        r_key = (self.keys["link"], "link")
        candidates = self.r.candidates(head, spans)
        for i, c in enumerate(candidates):
            if (c.start, c.end) == actor:
                forward = [(self.keys["next-suggestion"], "link")] * i
                back = [(self.keys["prev-suggestion"], "link")] * (len(candidates) - i)
                cycle = forward if len(forward) <= len(back) or not self.keys.get("prev-suggestion") else back
                keys = (*prefix, r_key, *cycle, (accept, "link"))
                best = Plan(tuple(k for k, _ in keys), tuple(c for _, c in keys), actor, f"proposal {i + 1}")
                break
        here = cursor.token if not prefix else self.token_at_or_after(head.start)
        # A selection names the speaker when no mention the cursor lands on does ("Japan's cabinet"): the cursor to
        # its first word, then the resize keys (or v alone for one word).
        first = self.token_at_or_after(actor[0])
        grow = self.edits((self.tokens[first].start, self.tokens[first].end), actor)
        move = self.plan_move(here, first, spans, limit=len(best.keys) if best else MAX_MOVES)
        if grow is not None and move is not None:
            shape = [(self.keys[k], "link") for k in grow] or [(self.keys["select-toggle"], "link")]
            keys = (*prefix, r_key, *move, *shape, (accept, "link"))
            if best is None or len(keys) < len(best.keys):
                best = Plan(tuple(k for k, _ in keys), tuple(c for _, c in keys), actor, "a selection")
        # Moving the cursor to any mention of the actor (a pronoun gives its named mention, as the app does).
        targets = [
            k
            for k in range(self.token_at_or_after(max(0, actor[0] - 2000)), len(self.tokens))
            if self.tokens[k].start < actor[1] + 2000
        ]
        for k in sorted(targets, key=lambda k: abs(self.tokens[k].start - actor[0]))[:60]:
            if k == here:
                continue  # the cursor must move for its mention to count: unmoved, enter takes the proposal
            spoken = self.r.speaker_at(self.tokens[k].start, None, spans, head)
            if isinstance(spoken, Speaker) and (spoken.start, spoken.end) == actor:
                move = self.plan_move(here, k, spans, limit=len(best.keys) if best else MAX_MOVES)
                if move is not None:
                    keys = (*prefix, r_key, *move, (accept, "link"))
                    if best is None or len(keys) < len(best.keys):
                        best = Plan(tuple(k for k, _ in keys), tuple(c for _, c in keys), actor, "cursor on a mention")
        return best

    def plan_move(
        self, start: int, target: int, spans: Sequence[Span], limit: int = MAX_MOVES
    ) -> tuple[tuple[str, str], ...] | None:
        """Cursor moves only (no tab: while linking it goes through the proposals), or the search."""
        if start == target:
            return ()
        span_starts = sorted({s.start for s in spans if not s.flag})
        best = None
        keys = self.search_keys(start, target)
        if keys:
            best = tuple((k, "search") for k in keys)
        frontier = {start: ()}
        seen = {start}
        for depth in range(1, min(limit, MAX_MOVES) + 1):
            if best is not None and depth >= len(best):
                break
            nxt = {}
            for token, path in frontier.items():
                for binding, t in self._moves(token, span_starts):
                    if t in seen:
                        continue
                    seen.add(t)
                    nxt[t] = (*path, (self.keys[binding], "move"))
                    if t == target:
                        return nxt[t]
            frontier = nxt
        return best


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]

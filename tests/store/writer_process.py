"""A child process for the crash tests: tags spans in a loop and prints an ack after each durable write.

Protocol, one line each: "ready" once the store is claimed, then per step "step" (a step starts: if the
process dies before the matching "done" the step was in flight), "added ID" / "deleted ID" for what the
step durably changed, and "done". The test counts "done" lines to decide when to kill, never the clock.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.conftest import make_article

WORDS = 3000
TEXT = "Crash test\n\n" + " ".join(f"word{i}" for i in range(WORDS))


def word_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of word0, word1, ... in TEXT, in order."""
    ranges = []
    start = text.index("word0")
    for i in range(WORDS):
        end = start + len(f"word{i}")
        ranges.append((start, end))
        start = end + 1
    return ranges


def label_for(i: int) -> str:
    return "actor" if i % 2 else "quote"


class Words:
    """The next word to tag: never one that is already tagged, whatever earlier rounds left in the store."""

    def __init__(self, session: AnnotationSession) -> None:
        self.session = session
        self.ranges = word_ranges(session.article.text)
        self.i = 0

    def next(self) -> tuple[int, int, str]:
        tagged = {(s.start, s.end, s.label) for s in self.session.spans}
        for _ in range(WORDS):
            start, end = self.ranges[self.i % WORDS]
            label = label_for(self.i)
            self.i += 1
            if (start, end, label) not in tagged:
                return start, end, label
        raise SystemExit("every word is tagged")  # 3,000 steps: far more than any test runs


def main(root: str, annotator: str, mode: str) -> None:
    article = make_article(TEXT, handle="crash")
    store = AnnotationStore(Path(root))
    if not store.claim(annotator):
        print("locked", flush=True)
        sys.exit(3)
    session = AnnotationSession(store, article, annotator)
    words = Words(session)
    print("ready", flush=True)
    n = 0
    while True:
        print("step", flush=True)
        before = {s.id for s in session.spans}
        if mode == "churn" and n % 3 == 2 and session.spans:
            # Deletes too: the "remove cut off mid-write" trap.
            session.delete_span(session.spans[-1].id)
        elif mode == "churn" and n % 7 == 6 and session.spans:
            # Undo and redo write the history as well; a kill may land between the two.
            session.undo()
            report(before, session)
            print("done\nstep", flush=True)
            before = {s.id for s in session.spans}
            session.redo()
        else:
            session.add_span(*words.next())
        report(before, session)
        print("done", flush=True)
        n += 1


def report(before: set[str], session: AnnotationSession) -> None:
    """Acknowledge exactly what the last durable step changed (printed only after it returned)."""
    after = {s.id for s in session.spans}
    for span_id in sorted(after - before):
        print(f"added {span_id}", flush=True)
    for span_id in sorted(before - after):
        print(f"deleted {span_id}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])

"""A child process for the crash tests: tags spans in a loop and prints an ack after each durable write."""

from __future__ import annotations

import sys
from pathlib import Path

from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.conftest import make_article

TEXT = "Crash test\n\n" + " ".join(f"word{i}" for i in range(3000))


def main(root: str, annotator: str, mode: str) -> None:
    article = make_article(TEXT, handle="crash")
    store = AnnotationStore(Path(root))
    if not store.claim(annotator):
        print("locked", flush=True)
        sys.exit(3)
    session = AnnotationSession(store, article, annotator)
    print("ready", flush=True)
    i = len(session.spans)
    while True:
        print("step", flush=True)  # a step starts: if killed before "done", it was in flight
        before = {s.id for s in session.spans}
        word = f"word{i % 3000}"
        start = article.text.index(word + " ") if i < 3000 else 0
        if mode == "churn" and i % 3 == 2 and session.spans:
            # Deletes too: the "remove cut off mid-write" trap.
            session.delete_span(session.spans[-1].id)
        elif mode == "churn" and i % 7 == 6 and session.spans:
            # Undo and redo write the history as well; a kill may land between the two.
            session.undo()
            report(before, session)
            print("done\nstep", flush=True)
            before = {s.id for s in session.spans}
            session.redo()
        else:
            session.add_span(start, start + len(word), "actor" if i % 2 else "quote")
        report(before, session)
        print("done", flush=True)
        i += 1


def report(before: set[str], session: AnnotationSession) -> None:
    """Acknowledge exactly what the last durable step changed (printed only after it returned)."""
    after = {s.id for s in session.spans}
    for span_id in sorted(after - before):
        print(f"added {span_id}", flush=True)
    for span_id in sorted(before - after):
        print(f"deleted {span_id}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])

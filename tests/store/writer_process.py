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
        word = f"word{i % 3000}"
        start = article.text.index(word + " ") if i < 3000 else 0
        if mode == "churn" and i % 3 == 2 and session.spans:
            # Deletes and undos too: the "remove cut off mid-write" trap.
            victim = session.spans[-1]
            session.delete_span(victim.id)
            print(f"deleted {victim.id}", flush=True)
        else:
            span = session.add_span(start, start + len(word), "actor" if i % 2 else "quote")
            print(f"added {span.id}", flush=True)
        i += 1


if __name__ == "__main__":
    main(*sys.argv[1:4])

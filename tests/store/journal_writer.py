"""A child process for the journal tests: does the given steps on the journal test article, then dies without closing.

Run: python -m tests.store.journal_writer ROOT STEP... where a step is `tag:N` (tag wordN), `undo` or `redo`.
It exits with os._exit, as a crash would: nothing is closed, the journal is left as the last write left it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.store.test_file_journal import ARTICLE, word


def main(root: str, *steps: str) -> None:
    store = AnnotationStore(Path(root))
    if not store.claim("alice"):
        sys.exit(3)
    session = AnnotationSession(store, ARTICLE, "alice")
    for step in steps:
        if step.startswith("tag:"):
            session.add_span(*word(int(step[4:])), "actor")
        elif step == "undo":
            session.undo()
        elif step == "redo":
            session.redo()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(*sys.argv[1:])

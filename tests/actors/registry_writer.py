"""A child process for the registry crash test: renames one actor in a loop, acknowledging each durable write."""

from __future__ import annotations

import sys
from pathlib import Path

from chipread.actors.model import Actor
from chipread.actors.registry import ActorRegistry
from chipread.store import AnnotationStore

ACTOR = Actor("p-crash", "Crash 0", "person", stored=False, keys=("crash", "crash test"))


def main(root: str) -> None:
    store = AnnotationStore(Path(root))
    if not store.claim("alice"):
        print("locked", flush=True)
        sys.exit(3)
    registry = ActorRegistry(store, "alice")
    record = registry.records().get(ACTOR.id)
    n = int(record.name.split()[-1]) if record else 0
    print("ready", flush=True)
    while True:
        n += 1
        print(f"step {n}", flush=True)
        actor = Actor(ACTOR.id, record.name if record else ACTOR.name, "person", record is not None, ACTOR.keys)
        record = registry.rename(actor, f"Crash {n}")
        print(f"done {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

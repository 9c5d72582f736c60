"""The actor registry: one store file per annotator, every decision one atomic write and one undo step."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from chipread.actors import ActorBook
from chipread.actors.registry import REGISTRY_NAME, ActorRegistry
from chipread.errors import ActorError, StoreCorrupt, StoreReadOnly
from chipread.store import AnnotationStore, doctor
from tests.actors.conftest import annotate_qin, open_ws
from tests.conftest import REPO


def on_disk(db, annotator="ana") -> dict:
    """The registry as a second process reads it: a fresh read-only store."""
    store = AnnotationStore(db, readonly=True)
    try:
        registry = ActorRegistry(store, annotator)
        return {"records": registry.records(), "dates": registry.dates()}
    finally:
        store.close()


def by_name(book: ActorBook, name: str):
    return next(a for a in book.view().grouping.actors.values() if a.name == name)


def test_confirm_merge_split_rename_and_dates_are_stored_and_undone_one_by_one(ws, tmp_path):
    annotate_qin(ws)
    book = ActorBook(ws)
    db = tmp_path / "db"
    qin = by_name(book, "Qin Gang")
    book.confirm(qin.id)
    assert on_disk(db)["records"][qin.id].aliases == ("qin", "qin gang")

    book.merge(by_name(book, "Qin Gang").id, [by_name(book, "Beijing").id])
    stored = on_disk(db)["records"]
    assert set(stored[qin.id].aliases) == {"qin", "qin gang", "beijing"}

    book.split(qin.id, ["beijing"])
    stored = on_disk(db)["records"]
    assert set(stored[qin.id].aliases) == {"qin", "qin gang"}
    (beijing,) = [r for r in stored.values() if r.id != qin.id]
    assert beijing.aliases == ("beijing",) and beijing.name == "Beijing"

    book.rename(qin.id, "  Qin   Gang (foreign minister) ")
    assert on_disk(db)["records"][qin.id].name == "Qin Gang (foreign minister)"

    undated = next(i.id for i in ws.infos() if i.handle.startswith("002"))
    book.set_date(undated, date(2023, 4, 2))
    assert on_disk(db)["dates"] == {undated: date(2023, 4, 2)}
    assert book.article_date(undated).how == "set"

    for expected in (
        "set the date of 002_6d134497452b6bb1 to 2023-04-02",
        "rename Qin Gang to Qin Gang (foreign minister)",
        "split Beijing off Qin Gang",
        "merge Beijing into Qin Gang",
        "confirm Qin Gang",
    ):
        assert book.undo() == expected
    assert on_disk(db) == {"records": {}, "dates": {}}
    assert book.undo() is None
    assert book.redo() == "confirm Qin Gang"
    assert set(on_disk(db)["records"]) == {qin.id}


def test_undo_history_survives_a_restart(seeds_copy, tmp_path):
    ws = open_ws(seeds_copy, tmp_path / "db")
    annotate_qin(ws)
    book = ActorBook(ws)
    book.confirm(by_name(book, "Qin Gang").id)
    ws.close()
    ws = open_ws(seeds_copy, tmp_path / "db")
    try:
        assert ActorBook(ws).undo() == "confirm Qin Gang"
        assert on_disk(tmp_path / "db")["records"] == {}
    finally:
        ws.close()


def test_a_second_chipread_reads_but_cannot_decide(seeds_copy, tmp_path):
    first = open_ws(seeds_copy, tmp_path / "db")
    annotate_qin(first)
    second = open_ws(seeds_copy, tmp_path / "db")
    try:
        assert second.readonly
        book = ActorBook(second)
        qin = by_name(book, "Qin Gang")
        with pytest.raises(StoreReadOnly, match="being edited by"):
            book.confirm(qin.id)
        ActorBook(first).confirm(qin.id)
        # What the writer confirmed, the reader sees (its storage notices the replaced file).
        assert by_name(book, "Qin Gang").status == "confirmed"
    finally:
        second.close()
        first.close()


def test_bad_decisions_are_one_clear_error_and_change_nothing(ws, tmp_path):
    annotate_qin(ws)
    book = ActorBook(ws)
    qin = by_name(book, "Qin Gang")
    with pytest.raises(ActorError, match="keep at least one name"):
        book.split(qin.id, list(qin.keys))
    with pytest.raises(ActorError, match="choose another actor"):
        book.merge(qin.id, [qin.id])
    with pytest.raises(ActorError, match="no actor"):
        book.confirm("p-nobody")
    stated = next(i for i in ws.infos() if i.published is not None)
    with pytest.raises(ActorError, match="states its date"):
        book.set_date(stated.id, date(2020, 1, 1))
    assert on_disk(tmp_path / "db") == {"records": {}, "dates": {}}


def test_the_registry_file_is_no_article_and_a_damaged_one_is_named_and_salvaged(ws, tmp_path):
    annotate_qin(ws)
    book = ActorBook(ws)
    qin = by_name(book, "Qin Gang").id
    book.confirm(qin)
    db = tmp_path / "db"
    path = db / "ana" / REGISTRY_NAME
    assert path.is_file() and path not in ws.store.file_paths("ana")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, '"9": {"id": broken')
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(StoreCorrupt, match=REGISTRY_NAME):
        on_disk(db)
    (problem,) = [p for p in doctor.scan(db) if p.kind == "damaged"]
    assert problem.path == path
    ws.close()
    assert "salvaged 1 actors and dates" in doctor.fix(problem)
    assert set(on_disk(db)["records"]) == {qin}


@pytest.mark.slow
def test_a_killed_writer_leaves_the_last_acknowledged_name(tmp_path):
    root = tmp_path / "db"
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.actors.registry_writer", str(root)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        in_flight = None
        for line in proc.stdout.read().splitlines():
            kind, _, n = line.partition(" ")
            if kind == "done":
                acknowledged, in_flight = int(n), None
            else:
                in_flight = int(n)
        assert [p for p in doctor.scan(root) if p.kind == "damaged"] == []
        record = on_disk(root, "alice")["records"].get("p-crash")
        if record is None:
            assert acknowledged == 0  # nothing was acknowledged yet, and the first write did not land
        else:
            stored = int(record.name.split()[-1])
            assert stored == acknowledged or stored == in_flight, (stored, acknowledged, in_flight)
            acknowledged = stored
        if (root / "alice" / REGISTRY_NAME).exists():
            assert json.loads((root / "alice" / REGISTRY_NAME).read_text(encoding="utf-8"))
    assert acknowledged > 0


def test_a_name_with_a_control_character_is_refused_and_nothing_is_written(ws, tmp_path):
    annotate_qin(ws)
    book = ActorBook(ws, cache_dir=tmp_path / "cache")
    qin = by_name(book, "Qin Gang")
    for bad in ("Qin\x1b[31m Gang", "Qin\u202eGang", "x" * 201):
        with pytest.raises(ActorError, match="printable text"):
            book.rename(qin.id, bad)
    assert on_disk(ws.store.root)["records"] == {}
    assert book.rename(qin.id, "  Foreign Minister   Qin Gang ") == "renamed Qin Gang to Foreign Minister Qin Gang"
    assert on_disk(ws.store.root)["records"][qin.id].name == "Foreign Minister Qin Gang"

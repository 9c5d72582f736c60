"""The store against hostile or hand-made folders: links, clashing names, racing first opens, odd shapes."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os

import pytest

from chipread.errors import StoreCorrupt, StoreError
from chipread.model import Article, text_hash
from chipread.session import AnnotationSession
from chipread.store import SCHEMA_VERSION, AnnotationStore, doctor
from chipread.store.atomic import atomic_write
from chipread.store.file_journal import journal_path
from chipread.store.layout import file_name, schema2_file_name
from chipread.store.storage import dump_tables


def claimed(root, who="carol") -> AnnotationStore:
    store = AnnotationStore(root)
    assert store.claim(who)
    return store


def tag(store, article, who="carol", piece="Wang Wentao", label="actor"):
    session = AnnotationSession(store, article, who)
    start = article.text.index(piece)
    return session.add_span(start, start + len(piece), label)


# -- links -----------------------------------------------------------------------------------------


def test_a_lock_link_is_refused_and_its_target_untouched(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("my thesis")
    root = tmp_path / "db"
    AnnotationStore(root).close()
    (root / "carol").mkdir()
    os.symlink("../../precious.txt", root / "carol" / ".lock")
    store = AnnotationStore(root)
    with pytest.raises(StoreError, match=r"carol/\.lock is a symbolic link"):
        store.claim("carol")
    assert precious.read_text() == "my thesis"
    # doctor moves the link aside (never following it), after which carol can work.
    (problem,) = doctor.scan(root)
    assert problem.kind == "misplaced"
    doctor.fix(problem)
    assert precious.read_text() == "my thesis"
    assert store.claim("carol")
    store.close()


def test_a_hard_linked_lock_is_refused(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("my thesis")
    root = tmp_path / "db"
    AnnotationStore(root).close()
    (root / "carol").mkdir()
    os.link(precious, root / "carol" / ".lock")
    with pytest.raises(StoreCorrupt, match="other hard links"):
        AnnotationStore(root).claim("carol")
    assert precious.read_text() == "my thesis"
    (problem,) = doctor.scan(root)  # what the error recommends does repair it
    doctor.fix(problem)
    with AnnotationStore(root) as store:
        assert store.claim("carol")
    assert precious.read_text() == "my thesis"


def test_the_store_folder_itself_may_be_a_link(tmp_path, article):
    real = tmp_path / "big-disk" / "annotations"
    real.mkdir(parents=True)
    os.symlink(real, tmp_path / "annotations")
    store = claimed(tmp_path / "annotations")
    tag(store, article)
    store.close()
    assert (real / "store.json").is_file() and (real / "carol" / file_name(article.id)).is_file()


def test_a_store_file_that_is_a_link_is_refused_not_read_or_written(tmp_path, article):
    outside = tmp_path / "outside.json"
    outside.write_text('{"spans": {}}')
    root = tmp_path / "db"
    store = claimed(root)
    os.symlink(outside, root / "carol" / file_name(article.id))
    with pytest.raises(StoreError, match="symbolic link"):
        store.load(article.id, "carol")
    with pytest.raises(StoreError, match="symbolic link"):
        tag(store, article)
    assert outside.read_text() == '{"spans": {}}'
    store.close()


def test_an_annotator_folder_that_is_a_link_is_refused(tmp_path, article):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "db"
    AnnotationStore(root).close()
    os.symlink(elsewhere, root / "carol")
    store = AnnotationStore(root)
    with pytest.raises(StoreError, match="carol is a symbolic link"):
        store.claim("carol")
    with pytest.raises(StoreError, match="carol is a symbolic link"):
        list(store.iter_files())
    assert list(elsewhere.iterdir()) == []
    store.close()


def test_a_planted_temporary_link_is_replaced_not_written_through(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    target = tmp_path / "file.json"
    os.symlink(precious, tmp_path / f".file.json.{os.getpid()}.tmp")
    atomic_write(target, b"new")
    assert precious.read_text() == "keep"
    assert target.read_bytes() == b"new"


class _Durability:
    """Records, by inode, each fsync and each rename a write makes (the real calls still run)."""

    def __init__(self, monkeypatch):
        self.events: list[tuple] = []
        real_fsync, real_fdatasync, real_replace = os.fsync, os.fdatasync, os.replace

        def fsync(fd):
            self.events.append(("fsync", os.fstat(fd).st_ino))
            real_fsync(fd)

        def fdatasync(fd):
            self.events.append(("fsync", os.fstat(fd).st_ino))
            real_fdatasync(fd)

        def replace(src, dst, **kwargs):
            self.events.append(("replace", os.stat(src).st_ino, str(dst)))
            real_replace(src, dst, **kwargs)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "fdatasync", fdatasync)
        monkeypatch.setattr(os, "replace", replace)


def test_atomic_write_syncs_the_new_file_before_the_rename_and_its_folder_after(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    calls = _Durability(monkeypatch)
    atomic_write(target, b"new")
    new, folder = target.stat().st_ino, tmp_path.stat().st_ino  # the renamed file keeps its inode
    assert calls.events == [("fsync", new), ("replace", new, str(target)), ("fsync", folder)]
    assert target.read_bytes() == b"new"


def test_every_file_an_edit_replaces_was_synced_before_and_its_folder_after(tmp_path, monkeypatch, article):
    store = claimed(tmp_path / "annotations")
    tag(store, article)  # the first write makes the folders; what follows is an ordinary edit
    calls = _Durability(monkeypatch)
    tag(store, article, piece="Commerce Minister")
    # An edit appends a line to the article file's journal: synced, and its new name synced in its folder.
    journal = journal_path(store.article_file(article.id, "carol").path)
    folder = journal.parent.stat().st_ino
    assert calls.events == [("fsync", journal.stat().st_ino), ("fsync", folder)]
    calls.events.clear()
    store.close()  # closing folds the journal into the file: a rename
    renames = [(i, e) for i, e in enumerate(calls.events) if e[0] == "replace"]
    assert renames
    for i, (_, inode, dst) in renames:
        assert ("fsync", inode) in calls.events[:i], dst
        assert ("fsync", os.stat(os.path.dirname(dst)).st_ino) in calls.events[i + 1 :], dst
    assert not journal.exists()


# -- names -----------------------------------------------------------------------------------------


def test_an_id_shaped_like_a_hashed_name_gets_its_own_file(tmp_path):
    foo = Article(id="Foo", handle="foo", path="a.jsonl:1", title="A", text="A\n\nAlice Smith spoke.")
    lookalike_id = "x-" + hashlib.sha256(b"Foo").hexdigest()[:32]
    other = Article(id=lookalike_id, handle="x", path="a.jsonl:2", title="B", text="B\n\nBob Jones spoke.")
    assert file_name(foo.id) != file_name(other.id)
    store = claimed(tmp_path / "db")
    tag(store, foo, piece="Alice Smith")
    tag(store, other, piece="Bob Jones")
    assert [s.text for s in store.load(foo.id, "carol").spans] == ["Alice Smith"]
    assert [s.text for s in store.load(other.id, "carol").spans] == ["Bob Jones"]
    store.close()


def _schema2_store(root, files: dict[str, dict]) -> None:
    (root / "carol").mkdir(parents=True)
    (root / "store.json").write_text(json.dumps({"format": "chipread-store", "schema": 2}))
    for name, tables in files.items():
        (root / "carol" / name).write_bytes(dump_tables(tables))


def _span(article_id: str, span_id: str, text: str, start: int) -> dict:
    return {
        "id": span_id,
        "article_id": article_id,
        "start": start,
        "end": start + len(text),
        "label": "actor",
        "text": text,
        "annotator": "carol",
        "_key": span_id,
    }


def test_a_schema2_file_shared_by_two_ids_is_split_when_the_store_is_upgraded(tmp_path):
    lookalike = "x-" + hashlib.sha256(b"Foo").hexdigest()[:32]
    shared = schema2_file_name(lookalike)
    assert shared == schema2_file_name("Foo")  # the clash schema 2 had
    root = tmp_path / "db"
    _schema2_store(
        root,
        {
            shared: {
                "meta": {"1": {"article_id": "Foo", "annotator": "carol", "schema": 2, "undo_position": 0}},
                "spans": {"1": _span("Foo", "s1", "Alice", 3), "2": _span(lookalike, "s2", "Bob", 3)},
                "state": {"3": {"article_id": lookalike, "annotator": "carol", "status": "done", "_key": lookalike}},
            }
        },
    )
    store = AnnotationStore(root)
    assert json.loads((root / "store.json").read_text())["schema"] == SCHEMA_VERSION
    assert store.backup is not None and (store.backup / "carol" / shared).is_file()
    foo, other = store.load("Foo", "carol"), store.load(lookalike, "carol")
    assert [s.id for s in foo.spans] == ["s1"] and foo.status == "todo"
    assert [s.id for s in other.spans] == ["s2"] and other.status == "done"
    assert doctor.scan(root) == []
    store.close()
    # Opening again changes nothing and makes no second backup.
    AnnotationStore(root).close()
    assert len(list(root.glob("backup-schema2-*"))) == 1


def test_a_schema2_store_opened_read_only_is_read_as_it_is(tmp_path):
    lookalike = "x-" + "0" * 32  # stored under its own id by schema 2
    root = tmp_path / "db"
    _schema2_store(
        root,
        {
            schema2_file_name(lookalike): {
                "meta": {"1": {"article_id": lookalike, "annotator": "carol", "schema": 2, "undo_position": 0}},
                "spans": {"1": _span(lookalike, "s1", "Bob", 3)},
            }
        },
    )
    with AnnotationStore(root, readonly=True) as store:  # a colleague's copy, to merge or export
        assert [s.id for s in store.load(lookalike, "carol").spans] == ["s1"]
    assert json.loads((root / "store.json").read_text())["schema"] == 2  # untouched


def test_a_schema2_store_without_clashes_upgrades_without_a_backup(tmp_path, article):
    root = tmp_path / "db"
    _schema2_store(
        root,
        {
            schema2_file_name(article.id): {
                "meta": {"1": {"article_id": article.id, "annotator": "carol", "schema": 2, "undo_position": 0}},
                "spans": {"1": _span(article.id, "s1", "Japan", 0)},
            }
        },
    )
    store = AnnotationStore(root)
    assert store.backup is None
    assert [s.id for s in store.load(article.id, "carol").spans] == ["s1"]
    store.close()


# -- first opens, migration, odd shapes --------------------------------------------------------------


def test_a_new_annotator_folder_is_made_durable_in_its_parent(tmp_path, monkeypatch):
    import chipread.store.paths as paths

    root = tmp_path / "db"
    AnnotationStore(root).close()
    synced = []
    real = paths.fsync_dir
    monkeypatch.setattr(paths, "fsync_dir", lambda folder: (synced.append(folder), real(folder)))
    store = claimed(root, "dora")
    assert root in synced  # the new folder's entry in the store folder is on disk before any tag
    store.close()


def _schema1(root, article, annotators=("alice",)) -> dict:
    root.mkdir(parents=True, exist_ok=True)
    start = article.text.index("Wang")
    data = {
        "spans": {
            str(i): {
                "id": f"s{i}",
                "article_id": article.id,
                "start": start,
                "end": start + 11,
                "label": "actor",
                "text": "Wang Wentao",
                "annotator": who,
            }
            for i, who in enumerate(annotators, 1)
        }
    }
    (root / "db.json").write_text(json.dumps(data))
    return data


def _open_at_once(root: str, barrier, results) -> None:
    barrier.wait()
    try:
        AnnotationStore(root).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_first_opens_of_an_old_store_migrate_it_once(tmp_path, article):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(3):
        root = tmp_path / f"db{round_}"
        _schema1(root, article, ("alice", "bob"))
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(str(root), barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert outcomes == ["ok", "ok"]
        assert len(list(root.glob("backup-schema1-*"))) == 1
        with AnnotationStore(root, readonly=True) as store:
            assert [s.id for s in store.load(article.id, "alice").spans] == ["s1"]
            assert [s.id for s in store.load(article.id, "bob").spans] == ["s2"]


def test_a_failed_migration_leaves_no_backup_behind(tmp_path, article):
    root = tmp_path / "db"
    data = _schema1(root, article)
    data["spans"]["2"] = {"id": "s2", "article_id": article.id, "annotator": "alice"}  # no offsets
    (root / "db.json").write_text(json.dumps(data))
    for _ in range(2):
        with pytest.raises(StoreCorrupt, match=r"db\.json.*cannot migrate spans record 2"):
            AnnotationStore(root)
    assert list(root.glob("backup-*")) == []
    assert (root / "db.json").is_file()


def _open_and_load(root, article) -> None:
    store = AnnotationStore(root)
    try:
        store.claim("carol")
        store.load(article.id, "carol")
    finally:
        store.close()


@pytest.mark.parametrize(
    "shape",
    ["marker schema 1 without db.json", "meta schema 'x'", "meta schema [2]", "article file is a folder"],
)
def test_hand_edited_shapes_name_the_file_in_one_error_and_doctor_repairs_them(tmp_path, article, shape):
    root = tmp_path / "db"
    store = claimed(root)
    tag(store, article)
    store.close()
    path = root / "carol" / file_name(article.id)
    if shape == "marker schema 1 without db.json":
        (root / "store.json").write_text('{"schema": 1}')
        path = root / "store.json"
    elif shape.startswith("meta schema"):
        bad = '"x"' if "'x'" in shape else "[2]"
        path.write_text(path.read_text().replace(f'"schema":{SCHEMA_VERSION}', f'"schema":{bad}'))
    else:
        path.unlink()
        path.mkdir()
    with pytest.raises(StoreError) as err:
        _open_and_load(root, article)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    # doctor finds it, and --fix leaves a store that opens.
    problems = doctor.scan(root)
    assert [p.path for p in problems] == [path]
    doctor.fix(problems[0])
    _open_and_load(root, article)


def test_an_annotator_folder_that_is_a_file_is_named_and_left_alone(tmp_path, article):
    root = tmp_path / "db"
    AnnotationStore(root).close()
    (root / "carol").write_text("not a folder")
    with pytest.raises(StoreError, match=r"carol is a file where the store keeps carol's annotations folder"):
        _open_and_load(root, article)
    assert (root / "carol").read_text() == "not a folder"


def test_doctor_fix_on_a_damaged_marker_leaves_a_usable_store(tmp_path, article):
    root = tmp_path / "db"
    store = claimed(root)
    tag(store, article)
    store.close()
    (root / "store.json").write_text("{garbage")
    with pytest.raises(StoreCorrupt, match="store.json"):
        AnnotationStore(root)
    (problem,) = doctor.scan(root)
    assert "new store marker" in doctor.fix(problem)
    with AnnotationStore(root) as store:
        assert [s.text for s in store.load(article.id, "carol").spans] == ["Wang Wentao"]
    assert len(list(root.glob("store.json.damaged-*"))) == 1


# -- the kept texts -------------------------------------------------------------------------------


def test_the_text_work_is_made_on_is_kept_once_and_checked(tmp_path, article):
    root = tmp_path / "db"
    store = claimed(root)
    tag(store, article)
    tag(store, article, piece="Japan said", label="claim")
    kept = root / "_texts" / f"{text_hash(article.text)}.txt"
    assert kept.read_text(encoding="utf-8") == article.text
    assert list((root / "_texts").iterdir()) == [kept]
    assert store.text(article.text_hash) == article.text
    store.close()
    kept.write_text("tampered")
    with AnnotationStore(root, readonly=True) as store:
        assert store.text(article.text_hash) is None  # a text that does not match its hash is not used
    (problem,) = doctor.scan(root)
    assert problem.path == kept and problem.kind == "damaged"

"""The store under conditions users meet: odd ids, foreign folders, full disks, read-only file systems."""

from __future__ import annotations

import errno
import json

import pytest

from chipread.errors import StoreCorrupt, StoreError, StoreReadOnly
from chipread.model import Article, text_hash
from chipread.session import AnnotationSession
from chipread.store import SCHEMA_VERSION, AnnotationStore, doctor
from chipread.store.layout import annotator_from_login, check_annotator, file_name
from tests.conftest import make_article


def jsonl_article(article_id: str, text: str) -> Article:
    return Article(id=article_id, handle=article_id[-12:], path="c.jsonl:1", title="T", text=text)


def test_long_ids_with_a_common_prefix_get_their_own_files(tmp_path):
    base = "https://news.example.com/2023/05/29/world/asia/" + "x" * 120
    a = jsonl_article(base + "/export-controls-reaction-from-beijing", "Beijing\n\nChina said no.")
    b = jsonl_article(base + "/export-controls-reaction-from-tokyo", "Tokyo\n\nJapan said yes.")
    assert file_name(a.id) != file_name(b.id)
    assert file_name("Abc") != file_name("abc")  # case-insensitive file systems
    with AnnotationStore(tmp_path / "db") as store:
        store.claim("ana")
        AnnotationSession(store, a, "ana").add_span(9, 14, "actor")
        assert AnnotationSession(store, b, "ana").spans == ()


def test_a_folder_that_is_not_a_store_is_refused_and_untouched(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "package.json").write_text("{not json")
    with pytest.raises(StoreError, match="not a chipread store"):
        AnnotationStore(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["package.json"]
    # Hidden files and a README do not make a folder foreign (the repository's annotations/ has them).
    empty = tmp_path / "annotations"
    empty.mkdir()
    (empty / ".gitkeep").write_text("")
    AnnotationStore(empty).close()
    assert (empty / "store.json").is_file()


def test_doctor_looks_only_at_store_files(tmp_path, article):
    root = tmp_path / "db"
    with AnnotationStore(root) as store:
        store.claim("ana")
        AnnotationSession(store, article, "ana").add_span(0, 5, "actor")
    # Files beside the store's own (a README, an editor's backup) are not the store's to judge or move.
    (root / "package.json").write_text("{broken")
    (root / "ana" / "notes.txt").write_text("mine")
    assert doctor.scan(root) == []


def test_a_full_disk_is_one_clear_error_and_memory_follows_the_file(tmp_path, article, monkeypatch):
    with AnnotationStore(tmp_path / "db") as store:
        store.claim("ana")
        session = AnnotationSession(store, article, "ana")
        session.add_span(0, 5, "actor")

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("chipread.store.atomic.os.write", full)
        with pytest.raises(StoreError, match="could not save .*No space left on device; the change was not made"):
            session.add_span(10, 15, "claim")
        monkeypatch.undo()
        assert [s.label for s in session.spans] == ["actor"]
        session.add_span(10, 15, "claim")  # and the next edit works
    with AnnotationStore(tmp_path / "db", readonly=True) as store:
        assert sorted(s.label for s in store.load(article.id, "ana").spans) == ["actor", "claim"]


def test_an_unwritable_store_opens_read_only_with_the_reason(tmp_path, monkeypatch):
    root = tmp_path / "db"
    AnnotationStore(root).close()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("chipread.store.lock.open_file", denied)
    store = AnnotationStore(root)
    assert not store.claim("ana")
    assert "cannot write to" in store.lock_message("ana") and "Permission denied" in store.lock_message("ana")
    with pytest.raises(StoreReadOnly, match=r"Permission denied\); import refused"):
        store.require_writer("ana", "import")


def test_a_malformed_record_names_the_damaged_file(tmp_path, article):
    root = tmp_path / "db"
    with AnnotationStore(root) as store:
        store.claim("ana")
        AnnotationSession(store, article, "ana").add_span(0, 5, "actor")
    path = root / "ana" / file_name(article.id)
    path.write_text(path.read_text().replace('"text":"Japan",', ""))
    with AnnotationStore(root, readonly=True) as store:
        with pytest.raises(StoreCorrupt, match="a record is malformed") as err:
            store.load(article.id, "ana")
        assert str(path) in str(err.value)
    assert [p.kind for p in doctor.scan(root)] == ["damaged"]


def test_a_file_from_a_newer_chipread_is_refused(tmp_path, article):
    root = tmp_path / "db"
    with AnnotationStore(root) as store:
        store.claim("ana")
        AnnotationSession(store, article, "ana").add_span(0, 5, "actor")
    path = root / "ana" / file_name(article.id)
    path.write_text(path.read_text().replace(f'"schema":{SCHEMA_VERSION}', '"schema":9'))
    with AnnotationStore(root, readonly=True) as store, pytest.raises(StoreError, match="newer chipread"):
        store.load(article.id, "ana")


def test_salvaged_file_without_its_meta_still_counts(tmp_path, article):
    root = tmp_path / "db"
    with AnnotationStore(root) as store:
        store.claim("ana")
        session = AnnotationSession(store, article, "ana")
        for piece in ("Wang Wentao", "Japan said", "Yasutoshi Nishimura"):
            start = article.text.index(piece)
            session.add_span(start, start + len(piece), "actor")
    path = root / "ana" / file_name(article.id)
    lines = path.read_text().splitlines()
    # Cut the file where the meta table starts (it is written last): the spans survive, the meta does not.
    cut = next(i for i, line in enumerate(lines) if line.startswith('"meta"'))
    path.write_text("\n".join(lines[:cut]) + "\n")
    (problem,) = doctor.scan(root)
    assert "salvaged 3 spans" in doctor.fix(problem)
    with AnnotationStore(root, readonly=True) as store:
        ((who, meta, ann),) = list(store.iter_files())
    assert (who, meta["article_id"], len(ann.spans)) == ("ana", article.id, 3)


def test_doctor_leaves_a_live_writers_files_alone(tmp_path, article):
    root = tmp_path / "db"
    store = AnnotationStore(root)
    store.claim("ana")
    AnnotationSession(store, article, "ana").add_span(0, 5, "actor")
    leftover = root / "ana" / f".{file_name(article.id)}.123.tmp"
    leftover.write_text("{")
    (problem,) = doctor.scan(root)
    assert "left" in doctor.fix(problem) and leftover.exists()
    store.close()
    assert "removed" in doctor.fix(problem) and not leftover.exists()


def test_annotator_names():
    assert check_annotator("josé") == "josé"
    assert annotator_from_login("Ana Lima") == "Ana-Lima"
    assert annotator_from_login("CORP\\ana") == "CORP-ana"
    for bad in ("_imported", ".hidden", "store.json", "a/b", "", "x" * 65):
        with pytest.raises(StoreError):
            check_annotator(bad)


def test_undo_after_an_import_never_leaves_a_dangling_relation(tmp_path, seeds_copy):
    from chipread.export import import_file
    from chipread.workspace import Workspace

    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="ana") as ws:
        article = ws.get(ws.resolve("000").id)
        session = ws.session(article.id)
        quote = session.add_span(*_find(article, "wrongdoing"), "quote")
        start, end = _find(article, "Wang Wentao")
        record = {
            "id": article.id,
            "text": article.text,
            "annotator": "ana",
            "spans": [
                {"id": quote.id, "start": quote.start, "end": quote.end, "label": "quote", "text": quote.text},
                {"id": "imp-actor", "start": start, "end": end, "label": "actor", "text": "Wang Wentao"},
            ],
            "relations": [{"head_id": quote.id, "child_id": "imp-actor", "label": "attributed_to"}],
        }
        path = tmp_path / "in.jsonl"
        path.write_text(json.dumps(record) + "\n")
        ws.close()
    with Workspace.open(seeds_copy, db=db, annotator="ana") as ws:
        assert not import_file(ws, path, "jsonl").problems
        session = ws.session(article.id)
        assert session.undo().startswith("import")  # the import comes off first, as one step
        assert session.undo().startswith("tag quote")
        assert session.spans == () and session.relations == ()
        assert session.redo() and session.redo()
        assert len(session.relations) == 1


def _find(article, piece):
    start = article.text.index(piece)
    return start, start + len(piece)


def test_text_hash_is_carried_by_article_info():
    article = make_article()
    assert article.info.text_hash == text_hash(article.text)

"""Workspace: defaults, renamed and edited articles keeping their annotations, read-only second opener."""

from __future__ import annotations

from pathlib import Path

from chipread.config import Config
from chipread.store import AnnotationStore
from chipread.workspace import Workspace, default_annotator, default_store_path

HANDLE = "000_7cadae28442b5f00"


def tag(ws: Workspace, handle: str, piece: str, label: str = "actor"):
    info = ws.resolve(handle)
    session = ws.session(info.id)
    start = session.article.text.index(piece)
    return session.add_span(start, start + len(piece), label)


def test_defaults(tmp_path, monkeypatch):
    assert default_store_path(tmp_path / "corpus") == tmp_path / "annotations"
    assert default_store_path(tmp_path / "news.jsonl") == tmp_path / "annotations"
    monkeypatch.setenv("CHIPREAD_ANNOTATOR", "env-name")
    assert default_annotator(Config(annotator="cfg")) == "env-name"
    monkeypatch.delenv("CHIPREAD_ANNOTATOR")
    # A shared config's annotator does not beat the login name (see tests/team/test_identity.py).
    assert default_annotator(Config(annotator="cfg")) != "cfg"
    assert default_annotator(Config())  # the login name


def test_installed_seeds_store_goes_to_the_user_data_folder(tmp_path, monkeypatch):
    import chipread

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    packaged = Path(chipread.__file__).parent / "seeds"
    assert default_store_path(packaged) == tmp_path / "data" / "chipread" / "annotations"


def test_renamed_file_keeps_its_annotations(tmp_path, seeds_copy):
    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        tag(ws, HANDLE, "Wang Wentao")
    (seeds_copy / f"{HANDLE}.txt").rename(seeds_copy / "renamed.txt")
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        row = next(r for r in ws.library() if r.info.handle == "renamed")
        assert row.counts["actor"] == 1 and row.status == "in_progress"


def test_edited_file_moves_annotations_and_reanchors(tmp_path, seeds_copy):
    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        old_id = ws.resolve(HANDLE).id
        tag(ws, HANDLE, "Wang Wentao")
        tag(ws, HANDLE, "Yasutoshi Nishimura")
    path = seeds_copy / f"{HANDLE}.txt"
    text = path.read_text()
    path.write_text(
        text.replace("China's latest condemnation", "An inserted paragraph.\n\nChina's latest condemnation")
    )

    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        info = ws.resolve(HANDLE)
        assert info.id != old_id
        assert ws.moved_from(info.id) == [("alice", old_id)]
        # Read-only consumers (list, export) see the work re-anchored in memory.
        row = next(r for r in ws.library() if r.info.id == info.id)
        assert row.counts["actor"] == 2
        article = ws.get(info.id)
        ann = ws.annotations(article, "alice")
        assert sorted(article.text[s.start : s.end] for s in ann.spans) == ["Wang Wentao", "Yasutoshi Nishimura"]
        # Opening it for editing moves the file to the new id, re-anchored on disk.
        session = ws.session(info.id)
        assert sorted(s.text for s in session.spans) == ["Wang Wentao", "Yasutoshi Nishimura"]
        assert all(article.text[s.start : s.end] == s.text for s in session.spans)
    assert not (db / "alice" / f"{old_id}.json").exists()
    assert (db / "alice" / f"{info.id}.json").exists()
    with AnnotationStore(db, readonly=True) as store:
        assert len(store.load(info.id, "alice").spans) == 2


def test_second_workspace_for_the_same_annotator_is_read_only(tmp_path, seeds_copy):
    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as first:
        assert not first.readonly
        with Workspace.open(seeds_copy, db=db, annotator="alice") as second:
            assert second.readonly
            assert "being edited by" in second.readonly_reason
        with Workspace.open(seeds_copy, db=db, annotator="bob") as other:
            assert not other.readonly


def test_import_into_an_edited_article_keeps_the_earlier_work(tmp_path, seeds_copy):
    import json

    from chipread.export import import_file

    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        old_id = ws.resolve(HANDLE).id
        tag(ws, HANDLE, "Wang Wentao")
    path = seeds_copy / f"{HANDLE}.txt"
    path.write_text(path.read_text().replace("China's latest condemnation", "Inserted.\n\nChina's latest condemnation"))
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        article = ws.get(ws.resolve(HANDLE).id)
        start = article.text.index("Yasutoshi Nishimura")
        record = {
            "id": article.id,
            "text": article.text,
            "annotator": "alice",
            "spans": [{"start": start, "end": start + 19, "label": "actor", "text": "Yasutoshi Nishimura"}],
        }
        incoming = tmp_path / "in.jsonl"
        incoming.write_text(json.dumps(record) + "\n")
        report = import_file(ws, incoming, "jsonl", annotator="alice")
        assert not report.problems
        texts = sorted(s.text for s in ws.annotations(article, "alice").spans)
    assert texts == ["Wang Wentao", "Yasutoshi Nishimura"]
    assert not (db / "alice" / f"{old_id}.json").exists()


def test_a_removed_jsonl_line_does_not_hand_its_work_to_the_next_article(tmp_path):
    import json

    corpus = tmp_path / "news.jsonl"
    records = [{"text": f"Story {n}\n\nMinister Number{n} said the plan was sound."} for n in range(3)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "db"
    with Workspace.open(corpus, db=db, annotator="alice") as ws:
        first = ws.infos()[0]
        session = ws.session(first.id)
        start = session.article.text.index("Number0")
        session.add_span(start, start + 7, "actor")
        session.set_status("done")
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records[1:]))  # the first line is gone
    with Workspace.open(corpus, db=db, annotator="alice") as ws:
        rows = ws.library()
        assert [r.status for r in rows] == ["todo", "todo"]
        assert all(r.total == 0 for r in rows)
        assert all(not ws.moved_from(r.info.id) for r in rows)


def test_flags_show_in_the_library_before_the_article_is_opened(tmp_path, seeds_copy):
    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as ws:
        tag(ws, HANDLE, "Wang Wentao")
        tag(ws, HANDLE, "Yasutoshi Nishimura")
    path = seeds_copy / f"{HANDLE}.txt"
    path.write_text(path.read_text().replace("Yasutoshi Nishimura", "the Japanese minister"))
    with Workspace.open(seeds_copy, db=db, annotator="alice", write=False) as ws:
        row = next(r for r in ws.library() if r.info.handle == HANDLE)
        assert (row.counts["actor"], row.flagged) == (1, 1)


def test_a_read_only_second_workspace_sees_what_the_writer_saves(tmp_path, seeds_copy):
    db = tmp_path / "db"
    with Workspace.open(seeds_copy, db=db, annotator="alice") as first:
        with Workspace.open(seeds_copy, db=db, annotator="alice") as viewer:
            assert viewer.readonly
            article = viewer.get(viewer.resolve(HANDLE).id)
            assert viewer.annotations(article, "alice").spans == ()  # read (and cached) before the tag
            tag(first, HANDLE, "Wang Wentao")
            assert [s.text for s in viewer.annotations(article, "alice").spans] == ["Wang Wentao"]
            first.session(article.id).set_status("done")
            assert viewer.annotations(article, "alice").status == "done"

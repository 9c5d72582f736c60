"""AnnotationStore: layout, schema version and migration, damaged files, imported articles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chipread.errors import StoreCorrupt, StoreError, StoreReadOnly
from chipread.model import Article
from chipread.session import AnnotationSession
from chipread.store import SCHEMA_VERSION, AnnotationStore, doctor
from chipread.store.layout import file_name


def tag(store, article, piece="Wang Wentao", label="actor", annotator="alice"):
    assert store.claim(annotator)
    session = AnnotationSession(store, article, annotator)
    start = article.text.index(piece)
    return session.add_span(start, start + len(piece), label)


def test_layout_one_file_per_annotator_and_article(tmp_path, article):
    root = tmp_path / "annotations"
    with AnnotationStore(root) as store:
        tag(store, article)
        tag(store, article, "Japan said", "claim", annotator="bob")
    marker = json.loads((root / "store.json").read_text())
    assert marker["schema"] == SCHEMA_VERSION
    assert (root / "alice" / f"{article.id}.json").is_file()
    assert (root / "bob" / f"{article.id}.json").is_file()
    with AnnotationStore(root, readonly=True) as store:
        assert store.annotators() == ["alice", "bob"]
        files = list(store.iter_files())
        assert [(who, meta["article_id"], len(ann.spans)) for who, meta, ann in files] == [
            ("alice", article.id, 1),
            ("bob", article.id, 1),
        ]


def test_file_is_one_record_per_line_and_names_are_safe(tmp_path, article):
    root = tmp_path / "annotations"
    with AnnotationStore(root) as store:
        tag(store, article)
    lines = (root / "alice" / f"{article.id}.json").read_text().splitlines()
    assert any('"label":"actor"' in line and line.startswith('"') for line in lines)
    assert file_name("abc123") == "abc123.json"
    assert file_name("../../etc/passwd").startswith("x-")
    assert "/" not in file_name("a/b")


def test_bad_annotator_name_is_one_clear_error(tmp_path):
    with AnnotationStore(tmp_path / "annotations") as store:
        with pytest.raises(StoreError, match="annotator name '../x' is not usable"):
            store.claim("../x")


def test_damaged_file_is_reported_by_name_and_never_overwritten(tmp_path, article):
    root = tmp_path / "annotations"
    with AnnotationStore(root) as store:
        tag(store, article)
        tag(store, article, "Japan said", "claim")
    path = root / "alice" / f"{article.id}.json"
    good = path.read_text()
    damaged = good[: len(good) // 2] + "\x00garbage"
    path.write_text(damaged)

    with AnnotationStore(root) as store:
        assert store.claim("alice")
        with pytest.raises(StoreCorrupt) as err:
            AnnotationSession(store, article, "alice")
        assert str(path) in str(err.value)
        assert "doctor --fix" in str(err.value)
        with pytest.raises(StoreCorrupt):
            store.load(article.id, "alice")
    assert path.read_text() == damaged

    problems = doctor.scan(root)
    assert [(p.path, p.kind) for p in problems] == [(path, "damaged")]
    message = doctor.fix(problems[0])
    assert "salvaged" in message
    aside = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == damaged
    with AnnotationStore(root, readonly=True) as store:
        salvaged = store.load(article.id, "alice")
        # The first span's line was before the cut: it survives.
        assert "Wang Wentao" in [s.text for s in salvaged.spans]
    assert doctor.scan(root) == []


def test_leftover_temporary_file_is_found_and_removed(tmp_path, article):
    root = tmp_path / "annotations"
    with AnnotationStore(root) as store:
        tag(store, article)
    leftover = root / "alice" / f".{article.id}.json.999.tmp"
    leftover.write_text('{"half')
    problems = doctor.scan(root)
    assert [p.kind for p in problems] == ["leftover"]
    doctor.fix(problems[0])
    assert not leftover.exists()


def test_newer_schema_is_refused(tmp_path):
    root = tmp_path / "annotations"
    root.mkdir()
    (root / "store.json").write_text(json.dumps({"format": "chipread-store", "schema": SCHEMA_VERSION + 1}))
    with pytest.raises(StoreError, match="newer chipread"):
        AnnotationStore(root)


def test_schema1_single_file_is_migrated_with_a_backup(tmp_path, article):
    root = tmp_path / "annotations"
    root.mkdir()
    old = {
        "spans": {
            "1": {
                "id": "s1",
                "article_id": article.id,
                "start": article.text.index("Wang"),
                "end": article.text.index("Wang") + 11,
                "label": "actor",
                "text": "Wang Wentao",
                "annotator": "alice",
                "created": "2023-01-01T00:00:00+00:00",
            },
            "2": {
                "id": "s2",
                "article_id": article.id,
                "start": article.text.index("a wrong"),
                "end": article.text.index("a wrong") + 12,
                "label": "quote",
                "text": "a wrongdoing",
                "annotator": "alice",
                "created": "2023-01-01T00:00:00+00:00",
            },
        },
        "relations": {"1": {"id": "r1", "article_id": article.id, "head": "s2", "child": "s1", "annotator": "alice"}},
        "states": {
            "1": {"article_id": article.id, "annotator": "alice", "status": "done", "updated": "", "text_hash": ""}
        },
    }
    (root / "db.json").write_text(json.dumps(old))
    store = AnnotationStore(root)
    assert json.loads((root / "store.json").read_text())["schema"] == SCHEMA_VERSION
    backups = list(root.glob("backup-schema1-*/db.json"))
    assert len(backups) == 1 and json.loads(backups[0].read_text()) == old
    assert not (root / "db.json").exists()
    ann = store.load(article.id, "alice")
    assert [s.id for s in ann.spans] == ["s1", "s2"]
    assert [(r.head, r.child, r.label) for r in ann.relations] == [("s2", "s1", "attributed_to")]
    assert ann.status == "done"
    store.close()


def test_read_only_store_does_not_create_anything(tmp_path):
    root = tmp_path / "nothing-here"
    store = AnnotationStore(root, readonly=True)
    assert store.annotators() == []
    assert not root.exists()
    with pytest.raises(StoreReadOnly):
        store.require_writer("alice")


def test_imported_articles_round_trip(tmp_path):
    root = tmp_path / "annotations"
    art = Article(
        id="ext-1",
        handle="ext-1",
        path="import.jsonl:1",
        title="T",
        text="T\n\nBody [bold]x[/].",
        source="Wire",
        published=date(2023, 5, 29),
        url="https://example.com/a",
    )
    with AnnotationStore(root) as store:
        store.save_imported_article(art)
    with AnnotationStore(root, readonly=True) as store:
        (back,) = store.imported_articles()
    assert (back.id, back.text, back.source, back.published, back.url) == (
        art.id,
        art.text,
        "Wire",
        date(2023, 5, 29),
        art.url,
    )

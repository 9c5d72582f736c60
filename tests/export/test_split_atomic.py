"""--split deals articles deterministically; outputs are written atomically; the layer stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chipread.errors import ExportFailed
from chipread.export import ExportOptions, export, parse_split
from chipread.export.jsonl import JsonlWriter
from chipread.export.split import assign_splits, split_counts

RATIOS = (("train", 0.8), ("dev", 0.1), ("test", 0.1))


@pytest.mark.parametrize(
    "text, message",
    [
        ("train=0.8,dev=0.1", "add up to 0.9, not 1"),
        ("train=0.8;dev=0.2", "is not a number"),
        ("train", "is not NAME=RATIO"),
        ("train=1.2,dev=-0.2", "must be above 0"),
        ("a=0.5,a=0.5", "'a' is given twice"),
        ("", "--split is empty"),
    ],
)
def test_bad_split_specs_are_one_clear_line(text, message):
    with pytest.raises(ExportFailed, match=message):
        parse_split(text)


def test_split_counts_honour_the_ratios_as_closely_as_possible():
    assert parse_split("train=0.8, dev=0.1, test=0.1") == RATIOS
    assert split_counts(100, RATIOS) == {"train": 80, "dev": 10, "test": 10}
    assert split_counts(7, RATIOS) == {"train": 5, "dev": 1, "test": 1}  # 5.6, 0.7, 0.7
    assert sum(split_counts(12345, RATIOS).values()) == 12345
    ids = [f"article-{i}" for i in range(1000)]
    a = assign_splits(ids, RATIOS, seed=0)
    assert a == assign_splits(list(reversed(ids)), RATIOS, seed=0)  # order of arrival does not matter
    assert sum(1 for v in a.values() if v == "test") == 100
    assert a != assign_splits(ids, RATIOS, seed=1)


def test_split_export_writes_one_file_per_split_and_keeps_articles_whole(store, tmp_path):
    ws = store.open()
    whole = tmp_path / "whole.jsonl"
    export(ws, "jsonl", whole, ExportOptions(include_all=True))
    report = export(
        ws,
        "jsonl",
        tmp_path / "data.jsonl",
        ExportOptions(include_all=True, split=parse_split("train=0.6,dev=0.2,test=0.2"), seed=3),
    )
    files = {name: tmp_path / f"data.{name}.jsonl" for name in ("train", "dev", "test")}
    assert report.files == [str(p) for p in files.values()]
    assert not (tmp_path / "data.jsonl").exists()
    assert report.splits == {"train": 4, "dev": 2, "test": 1}  # 7 articles: 4.2, 1.4, 1.4
    lines = {name: path.read_text(encoding="utf-8").splitlines() for name, path in files.items()}
    assert sorted(line for ls in lines.values() for line in ls) == sorted(
        whole.read_text(encoding="utf-8").splitlines()
    )
    owner = {}
    for name, ls in lines.items():
        for line in ls:
            article = json.loads(line)["id"]
            assert owner.setdefault(article, name) == name  # both annotators of an article in one split
    again = export(
        ws,
        "jsonl",
        tmp_path / "again.jsonl",
        ExportOptions(include_all=True, split=parse_split("train=0.6,dev=0.2,test=0.2"), seed=3),
    )
    assert again.splits == report.splits
    for name in files:
        assert (tmp_path / f"again.{name}.jsonl").read_bytes() == files[name].read_bytes()


def test_split_for_brat_makes_subfolders_and_refuses_stdout(store, tmp_path):
    ws = store.open()
    export(ws, "brat", tmp_path / "brat", ExportOptions(split=RATIOS))
    for name in ("train", "dev", "test"):
        assert (tmp_path / "brat" / name / "annotation.conf").exists()
    with pytest.raises(ExportFailed, match="one file per split: give -o FILE"):
        export(ws, "jsonl", "-", ExportOptions(split=RATIOS))


def test_a_failed_export_leaves_the_previous_file_and_no_temp_file(store, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    calls = []

    def boom(self, record):
        calls.append(record)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        self.out.write(b"partial\n")

    monkeypatch.setattr(JsonlWriter, "write", boom)
    with pytest.raises(OSError):
        export(store.open(), "jsonl", out)
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_destinations_are_checked(store, tmp_path):
    ws = store.open()
    with pytest.raises(ExportFailed, match="folder .*missing does not exist"):
        export(ws, "jsonl", tmp_path / "missing" / "out.jsonl")
    with pytest.raises(ExportFailed, match="is a folder; give a file name"):
        export(ws, "jsonl", tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ExportFailed, match="not empty and was not written by chipread"):
        export(ws, "brat", tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    with pytest.raises(ExportFailed, match="writes a folder of files: give -o FOLDER"):
        export(ws, "brat", "-")
    with pytest.raises(ExportFailed, match="unknown export format 'xml'"):
        export(ws, "xml", tmp_path / "x")


def test_brat_replaces_its_own_previous_export(store, tmp_path):
    ws = store.open()
    export(ws, "brat", tmp_path / "brat", ExportOptions(include_all=True))
    assert (tmp_path / "brat" / "_unannotated").is_dir()
    export(ws, "brat", tmp_path / "brat", ExportOptions())
    assert not (tmp_path / "brat" / "_unannotated").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations", "brat", "corpus"]


def test_progress_is_reported_per_article(store, tmp_path):
    seen = []
    export(
        store.open(),
        "jsonl",
        tmp_path / "o.jsonl",
        ExportOptions(include_all=True),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(i, 7) for i in range(1, 8)]
    seen.clear()
    # Without --all only the annotated articles are planned: the count ends at its total.
    export(
        store.open(),
        "jsonl",
        tmp_path / "o.jsonl",
        ExportOptions(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(i, 5) for i in range(1, 6)]


def test_importing_the_export_layer_loads_neither_textual_nor_spacy():
    code = (
        "import sys, chipread.export, chipread.export.spacy_docbin; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'spacy', 'datasets'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ratios_that_nearly_add_up_lose_no_article_however_many_there_are():
    ratios = parse_split("train=0.8,dev=0.1,test=0.0995")  # within the 1e-3 that parse_split forgives
    for n in (1, 7, 1000, 100_000, 250_001):
        counts = split_counts(n, ratios)
        assert sum(counts.values()) == n, (n, counts)
    assert split_counts(100_000, ratios) == {"train": 80_040, "dev": 10_005, "test": 9_955}
    ids = [f"a{i}" for i in range(20_000)]
    assert len(assign_splits(ids, ratios, seed=0)) == 20_000


def test_split_files_appear_together_or_not_at_all(store, tmp_path, monkeypatch):
    import os

    ws = store.open()
    options = ExportOptions(include_all=True, split=RATIOS)
    export(ws, "jsonl", tmp_path / "data.jsonl", options)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("data.*.jsonl")}
    assert sorted(before) == ["data.dev.jsonl", "data.test.jsonl", "data.train.jsonl"]
    real_replace = os.replace
    renamed = []

    def replace(src, dst):
        if str(dst).endswith("data.dev.jsonl") and str(src).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        renamed.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportFailed, match="No space left on device; the files that were there are as they were"):
        export(ws, "jsonl", tmp_path / "data.jsonl", ExportOptions(split=RATIOS))  # train renamed in first
    monkeypatch.setattr(os, "replace", real_replace)
    assert any(str(p).endswith("data.train.jsonl") for p in renamed)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("data.*.jsonl")} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_export_file_has_the_usual_permissions(store, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        export(store.open(), "jsonl", tmp_path / "out.jsonl")
        export(store.open(), "brat", tmp_path / "brat")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "brat").stat().st_mode) == 0o755


def test_an_export_into_the_store_or_as_corpus_files_is_refused(store, tmp_path):
    ws = store.open()
    files_before = sorted(p for p in store.db.rglob("*"))
    with pytest.raises(ExportFailed, match="inside the annotation store"):
        export(ws, "jsonl", store.db / "alice" / "out.jsonl")
    with pytest.raises(ExportFailed, match="inside the corpus .* would be read as articles"):
        export(ws, "brat", store.corpus / "brat")
    with pytest.raises(ExportFailed, match="inside the corpus"):
        export(ws, "csv", store.corpus / "table.txt")
    assert sorted(p for p in store.db.rglob("*")) == files_before
    assert not (store.corpus / "brat").exists()
    # A jsonl file is not read as part of a folder corpus: writing it there is fine.
    export(ws, "jsonl", store.corpus / "out.jsonl")
    assert (store.corpus / "out.jsonl").exists()


def test_a_store_that_changes_between_the_two_passes_stops_the_split_export(store, tmp_path, monkeypatch):
    from chipread.export import exporting

    real = exporting.selected_article_ids
    monkeypatch.setattr(exporting, "selected_article_ids", lambda *a: real(*a)[1:])  # one article changed status
    with pytest.raises(ExportFailed, match="store changed during the export.*nothing was written"):
        export(store.open(), "jsonl", tmp_path / "data.jsonl", ExportOptions(include_all=True, split=RATIOS))
    assert list(tmp_path.glob("data*")) == [] and [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("split", [None, RATIOS])
def test_ctrl_c_while_the_files_are_renamed_in_leaves_the_previous_export(store, tmp_path, monkeypatch, split):
    import os

    ws = store.open()
    options = ExportOptions(include_all=True, split=split)
    export(ws, "jsonl", tmp_path / "data.jsonl", options)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("data*.jsonl")}
    real_replace = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == (2 if split else 1):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(ws, "jsonl", tmp_path / "data.jsonl", ExportOptions(split=split))
    monkeypatch.setattr(os, "replace", real_replace)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("data*.jsonl")} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

"""Hostile and oversized import files: sanitized like corpus text with exact offsets, bounded, streamed, honest when cut off."""

from __future__ import annotations

import json

import pytest

from chipread.corpus import decode
from chipread.errors import ImportFailed, ImportInterrupted, StoreError
from chipread.export import ExportOptions, export, import_file
from chipread.store import AnnotationStore
from chipread.store.article_file import ArticleFile
from chipread.workspace import Workspace

OSC52 = "\x1b]52;c;cm0gLXJmIH4gIyBoYWhh\x07"  # writes "rm -rf ~ # haha" to the clipboard
TITLE = "\x1b]0;pwned\x07"
BLINK = "\x1b[5m"
CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e")


def workspace(tmp_path, annotator: str = "tester") -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return Workspace.open(corpus, db=tmp_path / "db", annotator=annotator, write=True, use_cache=False)


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def crafted() -> dict:
    text = f"Headline{TITLE}\r\n\r\nThe minister {BLINK}Ana Lima{OSC52} said \u202econtrols\u202c work.\tEnd."
    start = text.index("Ana Lima")
    quote = text.index("controls")
    return {
        "id": "wire-1",
        "text": text,
        "meta": {"title": f"Hi{TITLE}", "source": f"Wire{BLINK}", "handle": f"h{OSC52}"},
        "spans": [
            {"start": start, "end": start + 8, "label": "actor", "text": "Ana Lima"},
            {"start": quote, "end": quote + 8, "label": "quote"},
        ],
    }


def test_a_crafted_import_is_stored_sanitized_with_exact_offsets(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [crafted()])
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.problems == [] and report.spans_added == 2
    ws.close()
    ws = Workspace.open(tmp_path / "corpus", db=tmp_path / "db", annotator="tester", write=False)
    (info,) = ws.infos()
    article = ws.get(info.id)
    for value in (article.text, article.title, article.handle, article.source or ""):
        assert not any(c in value for c in CONTROLS), repr(value)
    assert "\r" not in article.text and "\t" not in article.text
    spans = ws.annotations(article, "tester").spans
    assert [(article.text[s.start : s.end], s.text) for s in spans] == [
        ("Ana Lima", "Ana Lima"),
        ("controls", "controls"),
    ]
    # Every export carries the clean text (CSV and CoNLL were where the raw controls reached spreadsheets).
    for fmt in ("csv", "conll", "jsonl"):
        out = tmp_path / f"out.{fmt}"
        export(ws, fmt, out, ExportOptions())
        data = out.read_text(encoding="utf-8")
        assert not any(c in data for c in ("\x1b", "\x07", "\x9b", "\u202e")), fmt
    ws.close()


def test_a_span_edge_inside_an_escape_sequence_refuses_the_record(tmp_path):
    text = f"Title\n\nAlice{TITLE} spoke today."
    inside = text.index("pwned")
    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [
            {"text": text, "spans": [{"start": inside, "end": inside + 5, "label": "actor"}]},
            {"text": "Other\n\nBob spoke.", "spans": [{"start": 7, "end": 10, "label": "actor"}]},
        ],
    )
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.bad == 1 and report.spans_added == 1
    assert report.problems == [
        f"line 1: span 1: offsets {inside}-{inside + 5} cut through control characters or an escape sequence "
        "that is removed from imported text; its offsets cannot be kept exact"
    ]
    ws.close()


@pytest.mark.parametrize(
    ("span", "needle"),
    [
        ({"label": "actor\x1b[5m"}, "label 'actor\\x1b[5m' holds control characters"),
        ({"label": "actor\n"}, "label 'actor\\n' holds control characters"),
        ({"label": "x" * 65}, "is longer than 64 characters"),
        ({"label": "actor", "id": "s1\x07"}, "id 's1\\x07' holds control characters"),
    ],
)
def test_labels_and_ids_are_checked(tmp_path, span, needle):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"text": "T\n\nBob spoke.", "spans": [{"start": 3, "end": 6, **span}]}])
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.bad == 1 and report.spans_added == 0
    assert any(needle in p for p in report.problems), report.problems
    ws.close()


def test_an_article_id_with_controls_is_refused(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"id": f"a{TITLE}", "text": "T\n\nBob spoke."}])
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.bad == 1 and "article id" in report.problems[0]
    ws.close()


def test_an_annotator_name_ending_in_a_newline_is_refused(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"text": "T\n\nBob spoke.", "annotator": "ana\n", "spans": []}])
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.bad == 1 and "annotator name 'ana\\n' is not usable" in report.problems[0]
    with pytest.raises(StoreError, match="is not usable"):
        import_file(ws, path, annotator="ana\n")
    ws.close()


def test_an_article_over_the_corpus_limit_is_refused_and_the_rest_imported(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [
            {"text": "Big\n\n" + "word " * 400, "spans": []},
            {"text": "Small\n\nBob spoke.", "spans": [{"start": 7, "end": 10, "label": "actor"}]},
        ],
    )
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.bad == 1 and report.spans_added == 1
    assert 'line 1: "text" is too large' in report.problems[0] and "the limit is" in report.problems[0]
    ws.close()


def test_an_overlong_line_is_skipped_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 100)
    path = tmp_path / "in.jsonl"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text(huge + "\n" + json.dumps({"text": "T\n\nBob spoke."}) + "\n")
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.records == 2 and report.bad == 1 and "line 1: line too large" in report.problems[0]
    assert report.articles_added == 1
    ws.close()


@pytest.mark.parametrize("fmt", ["jsonl", "labelstudio"])
def test_a_device_is_refused_without_reading_it(tmp_path, fmt):
    ws = workspace(tmp_path)
    # /dev/null stands for every device here (/dev/zero is the attack): a regression reading it ends at once.
    with pytest.raises(ImportFailed, match="/dev/null: it is a device, not a file"):
        import_file(ws, "/dev/null", fmt)
    ws.close()


def test_records_of_one_article_far_apart_are_one_write_and_progress_is_reported(tmp_path):
    text_a, text_b = "A\n\nAlice spoke. Bob listened.", "B\n\nCarol spoke."
    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [
            {"text": text_a, "spans": [{"start": 3, "end": 8, "label": "actor"}]},
            {"text": text_b, "spans": [{"start": 3, "end": 8, "label": "actor"}]},
            {"text": text_a, "spans": [{"start": 18, "end": 21, "label": "actor"}]},
        ],
    )
    ws = workspace(tmp_path)
    seen: list[tuple[str, int]] = []
    report = import_file(ws, path, progress=lambda stage, done: seen.append((stage, done)))
    assert report.spans_added == 3 and report.written == 2
    assert seen == [("checked", 1), ("checked", 2), ("checked", 3), ("imported", 1), ("imported", 2), ("imported", 3)]
    a = next(info for info in ws.infos() if info.title == "A")
    session = ws.session(a.id)
    assert len(session.spans) == 2
    assert session.undo() == "import 2 spans from in.jsonl"  # both records of A: one step
    assert session.spans == ()
    ws.close()


def test_an_import_cut_off_says_what_it_wrote_and_a_second_run_completes_it(tmp_path, monkeypatch):
    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [{"text": f"T{n}\n\nPerson{n} spoke.", "spans": [{"start": 4, "end": 11, "label": "actor"}]} for n in range(4)],
    )
    ws = workspace(tmp_path)
    real = ArticleFile.apply
    writes = []

    def full_disk(self, *args, **kwargs):
        if len(writes) == 2:
            raise StoreError(f"could not save {self.path}: No space left on device; the change was not made")
        writes.append(self.path)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ArticleFile, "apply", full_disk)
    with pytest.raises(ImportInterrupted) as err:
        import_file(ws, path)
    message = str(err.value)
    assert "No space left on device" in message
    assert "the import had written 2 of 4 article file(s) (2 spans and 0 relations added, 3 articles added" in message
    ws.close()
    with AnnotationStore(tmp_path / "db", readonly=True) as store:
        assert sum(len(ann.spans) for _, _, ann in store.iter_files()) == 2
    monkeypatch.setattr(ArticleFile, "apply", real)
    ws = workspace(tmp_path)
    report = import_file(ws, path)
    assert report.spans_added == 2 and report.duplicates == 2
    ws.close()


def test_ctrl_c_during_an_import_says_what_was_written(tmp_path, monkeypatch):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"text": f"T{n}\n\nPerson{n} spoke.", "spans": []} for n in range(3)])
    ws = workspace(tmp_path)
    calls = []

    def interrupted(self, article):
        calls.append(article.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, article)

    real = Workspace.add_imported
    monkeypatch.setattr(Workspace, "add_imported", interrupted)
    with pytest.raises(ImportInterrupted) as err:
        import_file(ws, path)
    assert err.value.exit_code == 130
    assert str(err.value).startswith("interrupted; before it stopped, the import had written 0 of 0")
    ws.close()


def test_a_label_studio_file_is_read_one_task_at_a_time(tmp_path):
    tasks = [
        {
            "data": {"text": f"T{n}\n\nPerson{n} spoke{BLINK}."},
            "annotations": [
                {"result": [{"id": "r1", "type": "labels", "value": {"start": 4, "end": 11, "labels": ["actor"]}}]}
            ],
        }
        for n in range(3)
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks))
    ws = workspace(tmp_path)
    report = import_file(ws, path, "labelstudio")
    assert report.problems == [] and report.spans_added == 3
    assert all("\x1b" not in ws.get(info.id).text for info in ws.infos())
    ws.close()
    path.write_text(json.dumps(tasks)[:-40])  # cut off
    ws = workspace(tmp_path)
    with pytest.raises(ImportFailed, match="is not valid JSON .*Label Studio exports are one JSON array"):
        import_file(ws, path, "labelstudio")
    ws.close()

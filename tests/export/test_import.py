"""Importing jsonl, doccano and Label Studio back: exact round trip, merging, bad files line by line, --strict."""

from __future__ import annotations

import json

import pytest

from chipread.errors import ImportFailed, StoreLocked
from chipread.export import ExportOptions, export, import_file
from chipread.store import AnnotationStore
from chipread.workspace import Workspace
from tests.export.conftest import CLOCK, IMPORTED_TEXT

ALL = ExportOptions(include_all=True)


def clock() -> str:
    return CLOCK


def fresh(tmp_path, corpus, name="fresh"):
    return Workspace.open(corpus, db=tmp_path / name, annotator="tester", write=True)


def export_bytes(ws, tmp_path, fmt="jsonl", options=ALL, name="out"):
    out = tmp_path / f"{name}.{fmt}"
    export(ws, fmt, out, options)
    return out


@pytest.mark.parametrize("options", [ALL, ExportOptions()], ids=["all", "annotated"])
def test_jsonl_round_trip_into_an_empty_store_is_byte_identical(store, tmp_path, options):
    first = export_bytes(store.open(), tmp_path, options=options, name="first")
    ws = fresh(tmp_path, store.corpus)
    report = import_file(ws, first, "jsonl", clock=clock)
    assert report.problems == [] and report.bad == 0
    assert report.spans_added == 17 and report.relations_added == 8
    assert report.articles_added == 1  # the imported wire article; the rest are in the corpus
    second = export_bytes(
        Workspace.open(store.corpus, db=tmp_path / "fresh", annotator="x", write=False),
        tmp_path,
        options=options,
        name="second",
    )
    assert second.read_bytes() == first.read_bytes()


def test_round_trip_into_a_store_over_an_empty_corpus_adds_the_articles(store, tmp_path):
    first = export_bytes(store.open(), tmp_path, name="first")
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    ws = fresh(tmp_path, empty)
    report = import_file(ws, first, "jsonl", clock=clock)
    assert report.articles_added == 7 and not report.problems
    again = Workspace.open(empty, db=tmp_path / "fresh", annotator="x", write=False)
    assert len(again.infos()) == 7
    second = export_bytes(again, tmp_path, name="second")
    assert second.read_bytes() == first.read_bytes()


def test_import_is_one_undo_step_and_durable(store, tmp_path):
    first = export_bytes(store.open(), tmp_path, name="first")
    ws = fresh(tmp_path, store.corpus)
    import_file(ws, first, "jsonl", clock=clock)
    ws.close()
    reopened = Workspace.open(store.corpus, db=tmp_path / "fresh", annotator="alice", write=True)
    session = reopened.session(reopened.resolve("000").id)
    assert len(session.spans) == 5 and len(session.relations) == 2 and session.status == "done"
    assert {s.origin for s in session.spans} == {"import"}
    # One step takes the whole import of this article back, and redo brings it again.
    assert session.undo() == "import 5 spans from first.jsonl"
    assert session.spans == () and session.relations == () and not session.can_undo
    assert session.redo() is not None
    assert len(session.spans) == 5 and len(session.relations) == 2


def test_importing_twice_changes_nothing(store, tmp_path):
    first = export_bytes(store.open(), tmp_path, name="first")
    ws = fresh(tmp_path, store.corpus)
    import_file(ws, first, "jsonl", clock=clock)
    report = import_file(ws, first, "jsonl", clock=clock)
    assert report.spans_added == 0 and report.relations_added == 0 and report.articles_added == 0
    assert report.duplicates == 17 + 8
    second = export_bytes(ws, tmp_path, name="second")
    assert second.read_bytes() == first.read_bytes()


def test_merge_updates_by_id_and_skips_duplicates_by_offsets(store, tmp_path):
    ws = store.open(annotator="alice", write=True)
    article = ws.get(ws.resolve("000").id)
    text = article.text
    i = text.index("Monday")
    j = text.index("Detroit")
    existing = ws.annotations(article, "alice").spans
    claim = next(s for s in existing if s.label == "claim")
    lines = [
        {
            "id": article.id,
            "text": text,
            "annotator": "alice",
            "spans": [
                {"start": i, "end": i + 6, "label": "actor", "text": "Monday", "id": claim.id},  # same id: replaced
                {"start": 0, "end": 5, "label": "actor", "text": "China", "id": "other-id"},  # same offsets: duplicate
                {"start": j, "end": j + 7, "label": "actor", "text": "Detroit"},  # new, stable id
            ],
        },
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    report = import_file(ws, path, "jsonl", clock=clock)
    assert (report.spans_updated, report.duplicates, report.spans_added) == (1, 1, 1)
    after = {s.id: s for s in ws.annotations(article, "alice").spans}
    assert after[claim.id].text == "Monday" and after[claim.id].label == "actor"
    assert "other-id" not in after
    detroit = [s for s in after.values() if s.text == "Detroit"]
    assert len(detroit) == 1
    # The same file again: the stable id of the id-less span finds it.
    report = import_file(ws, path, "jsonl", clock=clock)
    assert report.spans_added == 0 and report.spans_updated == 0


def test_bad_lines_are_reported_and_the_good_ones_go_in(store, tmp_path):
    ws = store.open()
    article = ws.get(ws.resolve("002").id)
    text = article.text
    k = text.index("Qin Gang")
    good = {
        "id": article.id,
        "text": text,
        "annotator": "carol",
        "spans": [{"start": k, "end": k + 8, "label": "actor", "text": "Qin Gang"}],
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": text, "spans": "none"}),
        json.dumps({"text": text, "spans": [{"start": 10, "end": 99999, "label": "actor"}]}),
        json.dumps({"text": text, "spans": [{"start": k, "end": k + 4, "label": "actor", "text": "Qni "}]}),
        "",
        json.dumps({"text": text, "status": "finished", "spans": [{"start": "1", "end": 5, "label": "actor"}]}),
        json.dumps({"spans": []}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = Workspace.open(store.corpus, db=store.db, annotator="tester", write=True)
    report = import_file(ws, path, "jsonl", clock=clock)
    assert report.records == 8 and report.bad == 7 and report.imported == 1
    problems = "\n".join(report.problems)
    assert "line 2: not valid JSON" in problems
    assert "line 3: expected a JSON object, got an array" in problems
    assert 'line 4: "spans" must be an array, got a string' in problems
    assert "line 5: span 1: offsets 10-99999 are outside the text (0-3088)" in problems
    assert "line 6: span 1: text 'Qni ' does not match offsets" in problems and "('Qin ')" in problems
    assert "line 8: status 'finished' is not one of" in problems
    assert "line 8: span 1: start and end must be whole numbers" in problems
    assert 'line 9: no "text"' in problems
    assert all(p.startswith("line ") for p in report.problems)
    assert "7 bad records left out" in report.summary()
    spans = ws.annotations(article, "carol").spans
    assert [s.text for s in spans] == ["Qin Gang"]


def test_strict_imports_nothing_when_a_record_is_bad(store, tmp_path):
    first = export_bytes(store.open(), tmp_path, name="first")
    data = first.read_text(encoding="utf-8").splitlines()
    bad = json.loads(data[0])
    bad["spans"][0]["text"] = "Chna"
    path = tmp_path / "strict.jsonl"
    path.write_text("\n".join(data[1:] + [json.dumps(bad)]) + "\n", encoding="utf-8")
    ws = fresh(tmp_path, store.corpus)
    report = import_file(ws, path, "jsonl", strict=True, clock=clock)
    assert report.bad == 1 and report.imported == 0
    assert report.problems == [
        "line 8: span 1: text 'Chna' does not match offsets 0-72 ('China has called on Japan to cease it...')"
    ]
    assert "imported nothing" in report.summary()
    assert all(ws.store.file_paths(who) == [] for who in ws.store.annotators())
    assert not (tmp_path / "fresh" / "_imported").exists()


def test_a_locked_annotator_is_one_clear_error_and_nothing_is_written(store, tmp_path):
    first = export_bytes(store.open(), tmp_path, name="first")
    holder = AnnotationStore(tmp_path / "fresh")
    assert holder.claim("bob")
    ws = Workspace.open(store.corpus, db=tmp_path / "fresh", annotator="tester", write=True)
    with pytest.raises(StoreLocked, match="bob's annotations"):
        import_file(ws, first, "jsonl", clock=clock)
    assert ws.store.file_paths("alice") == [] and ws.store.file_paths("bob") == []
    holder.close()


def test_annotator_override_and_prodigy_style_records(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    text = ws.get(ws.resolve("000").id).text
    q = text.index('"wrongdoing"')
    m = text.index("commerce ministry")
    task = {
        "text": text,
        "answer": "accept",
        "spans": [
            {"start": q, "end": q + 12, "label": "quote", "token_start": 18, "token_end": 20},
            {"start": m, "end": m + 17, "label": "actor"},
        ],
        "relations": [
            {
                "head": 20,
                "child": 40,
                "label": "attributed_to",
                "head_span": {"start": q, "end": q + 12, "label": "quote"},
                "child_span": {"start": m, "end": m + 17, "label": "actor"},
            }
        ],
    }
    rejected = {**task, "answer": "reject"}
    path = tmp_path / "prodigy.jsonl"
    path.write_text(json.dumps(task) + "\n" + json.dumps(rejected) + "\n", encoding="utf-8")
    report = import_file(ws, path, "jsonl", annotator="dana", clock=clock)
    assert report.imported == 1 and report.spans_added == 2 and report.relations_added == 1
    assert 'left out 1 record(s) with Prodigy answer "reject"' in report.notes
    ann = ws.annotations(ws.get(ws.resolve("000").id), "dana")
    assert ann.status == "in_progress"
    rel = ann.relations[0]
    assert {s.id: s.label for s in ann.spans}[rel.head] == "quote"


def test_unknown_text_becomes_an_imported_article(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    text = "A brand new story\n\nThe mayor said nothing."
    path = tmp_path / "new.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": text,
                "meta": {"title": "New story", "source": "Gazette"},
                "spans": [{"start": 19, "end": 28, "label": "actor"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    report = import_file(ws, path, "jsonl", clock=clock)
    assert report.articles_added == 1
    again = Workspace.open(store.corpus, db=tmp_path / "fresh", annotator="x", write=False)
    info = again.find_by_text(text)
    assert info is not None and info.title == "New story" and info.source == "Gazette"
    assert [s.text for s in again.annotations(again.get(info.id), "tester").spans] == ["The mayor"]


def test_article_id_with_another_text_is_refused(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    article_id = ws.resolve("000").id
    path = tmp_path / "moved.jsonl"
    path.write_text(
        json.dumps(
            {"id": article_id, "text": "Some other text entirely", "spans": [{"start": 0, "end": 4, "label": "actor"}]}
        )
        + "\n",
        encoding="utf-8",
    )
    report = import_file(ws, path, "jsonl", clock=clock)
    assert report.bad == 1 and "has a different text in this corpus" in report.problems[0]


def test_whole_file_errors_are_one_line(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    with pytest.raises(ImportFailed, match="no such file"):
        import_file(ws, tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(ImportFailed, match="is empty"):
        import_file(ws, tmp_path / "empty.jsonl")
    (tmp_path / "array.json").write_text("[]")
    with pytest.raises(ImportFailed, match="JSON array, not JSON lines.*--format labelstudio"):
        import_file(ws, tmp_path / "array.json")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02")
    with pytest.raises(ImportFailed, match="not a text file"):
        import_file(ws, tmp_path / "bin.jsonl")
    (tmp_path / "ls.json").write_text("[{]")
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_file(ws, tmp_path / "ls.json", "labelstudio")
    with pytest.raises(ImportFailed, match="unknown import format 'xml'"):
        import_file(ws, tmp_path / "ls.json", "xml")


def spans_and_links(ws, tmp_path, name):
    out = export_bytes(ws, tmp_path, options=ExportOptions(), name=name)
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    result = []
    for rec in recs:
        spans = {s["id"]: (s["start"], s["end"], s["label"]) for s in rec["spans"]}
        result.append(
            (
                rec["id"],
                rec["annotator"],
                rec["status"],
                sorted(spans.values()),
                sorted((spans[r["head_id"]], spans[r["child_id"]], r["label"]) for r in rec["relations"]),
            )
        )
    return result


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio"])
def test_doccano_and_label_studio_round_trip_the_annotations(store, tmp_path, fmt):
    original = spans_and_links(store.open(), tmp_path, "orig")
    out = export_bytes(store.open(), tmp_path, fmt=fmt, options=ExportOptions(), name="theirs")
    ws = fresh(tmp_path, store.corpus)
    report = import_file(ws, out, fmt, clock=clock)
    assert not report.problems and report.spans_added == 17 and report.relations_added == 8
    assert spans_and_links(ws, tmp_path, "back") == original
    # Stable ids: importing the same file again adds nothing.
    report = import_file(ws, out, fmt, clock=clock)
    assert report.spans_added == 0 and report.relations_added == 0


def test_doccano_bad_records_are_named_by_line(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    path = tmp_path / "d.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": IMPORTED_TEXT, "label": [[0, 8, "actor"]]}),
                json.dumps({"text": IMPORTED_TEXT, "label": [[0, 8]]}),
                json.dumps(
                    {
                        "text": IMPORTED_TEXT,
                        "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 500}],
                        "relations": [],
                    }
                ),
                json.dumps(
                    {"text": IMPORTED_TEXT, "entities": [], "relations": [{"from_id": 1, "to_id": 2, "type": "x"}]}
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = import_file(ws, path, "doccano", clock=clock)
    assert report.imported == 1 and report.bad == 3
    assert report.problems[0] == "line 2: label 1: expected [start, end, label], got an array"
    assert report.problems[1].startswith("line 3: span 1: offsets 0-500 are outside the text")
    assert report.problems[2] == "line 4: relation 1: no entity with id 1"


def test_label_studio_problems_are_named_by_task_and_annotation(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    tasks = [
        {
            "data": {"text": IMPORTED_TEXT},
            "annotations": [
                {
                    "completed_by": {"email": "eve@example.org"},
                    "result": [
                        {
                            "id": "r1",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "value": {"start": 15, "end": 27, "text": "The minister", "labels": ["actor"]},
                        }
                    ],
                },
                {
                    "result": [
                        {
                            "id": "r2",
                            "type": "labels",
                            "value": {"start": 15, "end": 27, "text": "The ministry", "labels": ["actor"]},
                        }
                    ]
                },
            ],
        },
        {"data": {}},
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    report = import_file(ws, path, "labelstudio", clock=clock)
    assert report.records == 3 and report.bad == 2
    assert report.problems[0].startswith("task 1: annotation 2: span 1: text 'The ministry' does not match")
    assert report.problems[1] == 'task 2: no "data" object' or report.problems[1].startswith("task 2:")
    info = ws.find_by_text(IMPORTED_TEXT)
    ann = ws.annotations(ws.get(info.id), "eve@example.org")
    assert [s.text for s in ann.spans] == ["The minister"] and ann.status == "done"


def test_a_record_without_a_status_leaves_finished_work_finished(store, tmp_path):
    ws = store.open(write=True)
    article = ws.get(ws.resolve("000").id)
    assert ws.annotations(article, "alice").status == "done"
    m = article.text.index("commerce ministry")
    path = tmp_path / "script.jsonl"
    path.write_text(
        json.dumps({"text": article.text, "spans": [{"start": m, "end": m + 8, "label": "actor"}]}) + "\n",
        encoding="utf-8",
    )
    report = import_file(ws, path, "jsonl", annotator="alice", clock=clock)
    assert report.spans_added == 1
    ann = ws.annotations(article, "alice")
    assert ann.status == "done" and "commerce" in {s.text for s in ann.spans}
    # An annotator new to the article gets what the reader would say; so does one whose status is todo.
    import_file(ws, path, "jsonl", annotator="zoe", clock=clock)
    assert ws.annotations(article, "zoe").status == "in_progress"
    from chipread.session import AnnotationSession

    ws.store.claim("yan")
    yan = AnnotationSession(ws.store, article, "yan", ws.labels)
    yan.set_status("done")
    yan.set_status("todo")  # back to todo: a stored state that says todo
    assert ws.annotations(article, "yan").state.status == "todo"  # a stored todo, not a missing state
    import_file(ws, path, "jsonl", annotator="yan", clock=clock)
    assert ws.annotations(article, "yan").status == "in_progress"


def test_label_studio_own_export_keeps_users_apart_and_leaves_out_other_results(store, tmp_path):
    # The shape of Label Studio's "JSON" export: completed_by is the user's number, created_username
    # (newer versions) names them; a document choice and a per-region text area ride along.
    ws = fresh(tmp_path, store.corpus)
    region = {"start": 15, "end": 27, "text": "The minister"}

    def ann(user, username=None):
        out = {
            "id": user,
            "completed_by": user,
            "was_cancelled": False,
            "result": [
                {
                    "id": "r1",
                    "type": "labels",
                    "from_name": "label",
                    "to_name": "text",
                    "value": {**region, "labels": ["actor"]},
                },
                {
                    "id": "r1",
                    "type": "textarea",
                    "from_name": "note",
                    "to_name": "text",
                    "value": {**region, "text": ["check the name"]},
                },
                {
                    "id": "c1",
                    "type": "choices",
                    "from_name": "topic",
                    "to_name": "text",
                    "value": {"choices": ["trade"]},
                },
            ],
        }
        if username:
            out["created_username"] = username
        return out

    path = tmp_path / "ls-export.json"
    path.write_text(
        json.dumps([{"id": 1, "data": {"text": IMPORTED_TEXT}, "annotations": [ann(7, "eve@example.org, 7"), ann(9)]}]),
        encoding="utf-8",
    )
    report = import_file(ws, path, "labelstudio", clock=clock)
    assert report.bad == 0 and report.spans_added == 2
    assert "left out 4 result(s) that are not labelled text spans (choices 2, textarea 2)" in report.notes
    article = ws.get(ws.find_by_text(IMPORTED_TEXT).id)
    for who in ("eve@example.org", "labelstudio-user-9"):
        ann_ = ws.annotations(article, who)
        assert [(s.text, s.label) for s in ann_.spans] == [("The minister", "actor")], who


def test_doccano_1x_exports_name_the_text_data(store, tmp_path):
    ws = fresh(tmp_path, store.corpus)
    path = tmp_path / "doccano1.jsonl"
    path.write_text(
        json.dumps({"id": 4, "data": IMPORTED_TEXT, "label": [[15, 27, "actor"]], "Comments": []}) + "\n",
        encoding="utf-8",
    )
    report = import_file(ws, path, "doccano", annotator="dana", clock=clock)
    assert report.bad == 0 and report.spans_added == 1
    article = ws.get(ws.find_by_text(IMPORTED_TEXT).id)
    assert [s.text for s in ws.annotations(article, "dana").spans] == ["The minister"]

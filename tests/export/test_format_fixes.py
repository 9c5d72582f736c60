"""Issue 13's export and import defects, each reproduced in the consumer's own terms and checked fixed."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from chipread.corpus.sanitize import sanitize
from chipread.export import ExportOptions, export, import_file
from chipread.export.brat_ann import parse_ann
from chipread.model import Article, text_hash
from chipread.session import AnnotationSession
from chipread.workspace import Workspace
from tests.export.conftest import CLOCK

# Every character str.splitlines() ends a line at, which brat's reader uses on the .ann.
SEPARATORS = "\u2028\u2029\x85\x0c\x0b\x1c\x1d\x1e"


def clock() -> str:
    return CLOCK


def fresh(tmp_path: Path, name: str = "db") -> Workspace:
    corpus = tmp_path / "corpus-empty"
    corpus.mkdir(exist_ok=True)
    return Workspace.open(corpus, db=tmp_path / name, annotator="tester", write=True, claim=False)


def with_article(ws: Workspace, text: str, spans: list[tuple[str, str]], links=(), who: str = "alice", label=None):
    """An imported article (raw text, as an import from another tool may hold) with spans and links."""
    article = Article(id=text_hash(text), handle="odd", path="odd.txt", title="Odd", text=text)
    ws.add_imported(article)
    assert ws.store.claim(who)
    session = AnnotationSession(ws.store, article, who, ws.labels, clock=clock)
    made = {}
    for piece, lab in spans:
        start = text.index(piece)
        made[piece] = session.add_span(start, start + len(piece), lab)
    for head, child in links:
        session.add_relation(made[head].id, made[child].id, label or "attributed_to")
    return article


# --- brat export and brat's own line splitting ------------------------------------------------------


@pytest.mark.parametrize("sep", list(SEPARATORS), ids=[f"U+{ord(c):04X}" for c in SEPARATORS])
def test_brat_export_survives_brats_line_splitting(tmp_path, sep):
    text = f"Title\n\nThe minister said{sep}prices will rise.\n\nAna Lima agreed."
    ws = fresh(tmp_path)
    with_article(
        ws,
        text,
        [(f"said{sep}prices will rise", "claim"), ("Ana Lima", "actor")],
        [(f"said{sep}prices will rise", "Ana Lima")],
    )
    out = tmp_path / "brat"
    report = export(ws, "brat", out, ExportOptions())
    ann = (out / "alice" / "odd.ann").read_text(encoding="utf-8")
    # brat reads the .ann with str.splitlines(): every line must still be one whole annotation.
    lines = ann.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["T1", "T2", "R1"]
    parsed = parse_ann(ann, text)
    assert parsed.problems == []
    assert parsed.textbounds["T1"].fragments == ((text.index("said"), text.index("said") + 4),) + (
        (text.index("prices"), text.index("rise.") + 4),
    )
    assert any("cross a line break" in note for note in report.notes)
    # ... and chipread's brat import joins the fragments back into the span.
    back = fresh(tmp_path, "back")
    imported = import_file(back, out, "brat", clock=clock)
    assert imported.problems == []
    spans = back.annotations(back.get(back.infos()[0].id), "alice").spans
    # Imported text is sanitized as corpus text is (a line separator is a newline, controls are removed).
    assert sorted(s.text for s in spans) == ["Ana Lima", sanitize(f"said{sep}prices will rise")[0]]


def test_brat_export_says_what_it_trims_and_renames(tmp_path):
    # Spans from another tool may end with a line break (chipread's own never do); a fragment cannot hold one.
    text = "Title\n\nThe minister said prices will rise\n\nAna Lima agreed."
    claim, actor = text.index("said"), text.index("Ana Lima")
    record = {
        "text": text,
        "annotator": "alice",
        "spans": [
            {"start": claim, "end": text.index("rise") + 5, "label": "claim", "id": "c"},
            {"start": actor, "end": actor + 8, "label": "actor", "id": "a"},
        ],
        "relations": [{"head_id": "c", "child_id": "a", "label": "said by"}],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ws = fresh(tmp_path)
    assert import_file(ws, source, "jsonl", clock=clock).problems == []
    out = tmp_path / "brat"
    report = export(ws, "brat", out, ExportOptions())
    notes = "\n".join(report.notes)
    assert "1 span(s) start or end with a line break; written without it" in notes
    assert "1 relation(s) have labels with spaces; written with '_' instead" in notes
    [ann] = (out / "alice").glob("*.ann")
    assert "R1\tsaid_by Arg1:T1 Arg2:T2" in ann.read_text(encoding="utf-8")


# --- Label Studio import: relation direction and predictions ---------------------------------------


def ls_task(text: str, direction: str, from_label: str, to_label: str, predictions: int = 0) -> dict:
    quote = text.index('"no comment"')
    actor = text.index("The minister")
    regions = {
        "q": {"start": quote, "end": quote + 12, "text": '"no comment"', "labels": ["quote"]},
        "a": {"start": actor, "end": actor + 12, "text": "The minister", "labels": ["actor"]},
    }
    order = {"quote": "q", "actor": "a"}
    result = [
        {"id": k, "from_name": "label", "to_name": "text", "type": "labels", "value": v} for k, v in regions.items()
    ]
    result.append({"from_id": order[from_label], "to_id": order[to_label], "type": "relation", "direction": direction})
    task = {"data": {"text": text}, "annotations": [{"result": result, "completed_by": {"email": "eve@x.org"}}]}
    if predictions:
        task["predictions"] = [{"model_version": "v1", "result": result[:2]}] * predictions
    return task


@pytest.mark.parametrize(
    ("direction", "from_label", "to_label"),
    [("right", "quote", "actor"), ("left", "actor", "quote"), ("bi", "actor", "quote"), ("bi", "quote", "actor")],
)
def test_label_studio_import_honours_the_relation_direction(tmp_path, direction, from_label, to_label):
    text = 'Wire\n\nThe minister said "no comment" today.'
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([ls_task(text, direction, from_label, to_label)]), encoding="utf-8")
    ws = fresh(tmp_path)
    report = import_file(ws, path, "labelstudio", clock=clock)
    assert report.problems == []
    ann = ws.annotations(ws.get(ws.infos()[0].id), "eve@x.org")
    by_id = {s.id: s for s in ann.spans}
    [rel] = ann.relations
    # Whichever way the arrow was drawn, the quote is attributed to the actor, never the reverse.
    assert (by_id[rel.head].label, by_id[rel.child].label) == ("quote", "actor")


def test_label_studio_predictions_are_counted_not_dropped_silently(tmp_path):
    text = 'Wire\n\nThe minister said "no comment" today.'
    task = ls_task(text, "right", "quote", "actor", predictions=2)
    bare = {"data": {"text": text + " More."}, "predictions": [{"result": []}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task, bare]), encoding="utf-8")
    report = import_file(fresh(tmp_path), path, "labelstudio", clock=clock)
    assert any(note.startswith("labelstudio: left out 3 prediction(s)") for note in report.notes)


def test_label_studio_bad_direction_is_a_problem(tmp_path):
    text = 'Wire\n\nThe minister said "no comment" today.'
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([ls_task(text, "up", "quote", "actor")]), encoding="utf-8")
    report = import_file(fresh(tmp_path), path, "labelstudio", clock=clock)
    assert report.problems == ["task 1: annotation 1: result 3: direction 'up' is not right, left or bi"]


# --- Prodigy and doccano round trips -----------------------------------------------------------------


def test_prodigy_annotator_id_names_the_annotator(tmp_path):
    text = "Wire\n\nThe minister said nothing."
    task = {"text": text, "spans": [{"start": 6, "end": 18, "label": "actor"}], "_annotator_id": "news-ana"}
    path = tmp_path / "prodigy.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    ws = fresh(tmp_path)
    report = import_file(ws, path, "jsonl", clock=clock)
    assert report.problems == []
    assert ws.store.annotators() == ["news-ana"]


def test_doccano_round_trip_keeps_title_and_handle(store, tmp_path):
    out = tmp_path / "doccano.jsonl"
    export(store.open(), "doccano", out, ExportOptions())
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    ws = Workspace.open(empty, db=tmp_path / "fresh", annotator="tester", write=True, claim=False)
    report = import_file(ws, out, "doccano", clock=clock)
    assert report.problems == []
    original = {i.id: (i.handle, i.title) for i in store.open().infos()}
    got = {i.id: (i.handle, i.title) for i in ws.infos()}
    assert len(got) == 5 and all(original[k] == v for k, v in got.items())


# --- Label Studio export: task ids, the labeling config, predictions ----------------------------------


def test_label_studio_export_has_ids_its_config_and_predictions(store, tmp_path):
    out = tmp_path / "tasks.json"
    report = export(store.open(), "labelstudio", out, ExportOptions(entities=True))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["id"] for t in tasks] == list(range(1, len(tasks) + 1))
    ann_ids = [a["id"] for t in tasks for a in t["annotations"]]
    assert len(set(ann_ids)) == len(ann_ids) == 6
    config = out.with_name("tasks.label-config.xml")
    assert str(config) in report.summary()
    assert any(n.startswith(f"labelstudio: wrote the labeling config to {config}") for n in report.notes)
    root = ElementTree.fromstring(config.read_text(encoding="utf-8"))
    controls = {c.get("name"): [label.get("value") for label in c] for c in root.iter("Labels")}
    assert controls["label"] == ["actor", "claim", "quote"]
    assert {"PERSON", "ORG", "GPE"} <= set(controls["entity"])
    assert [r.get("value") for r in root.iter("Relation")] == ["attributed_to"]
    # Every region names a control of the config; machine entities are predictions, not annotations.
    predicted = 0
    for task in tasks:
        [pred] = task["predictions"]
        for region in pred["result"]:
            assert region["from_name"] == "entity" and region["value"]["labels"][0] in controls["entity"]
            v = region["value"]
            assert task["data"]["text"][v["start"] : v["end"]] == v["text"]
            predicted += 1
        for ann in task["annotations"]:
            for region in ann["result"]:
                if region["type"] == "labels":
                    assert region["from_name"] == "label" and region["value"]["labels"][0] in controls["label"]
    assert f"labelstudio: {predicted} machine entities written as the tasks' predictions (pre-annotations)" in (
        report.notes
    )


def test_label_studio_converter_reads_the_export(store, tmp_path):
    converter = pytest.importorskip("label_studio_converter")
    out = tmp_path / "tasks.json"
    export(store.open(), "labelstudio", out, ExportOptions(entities=True))
    c = converter.Converter(config=str(out.with_name("tasks.label-config.xml")), project_dir=str(tmp_path))
    c.convert_to_json_min(str(out), str(tmp_path / "min"), is_dir=False)
    rows = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    assert len(rows) == 5  # one row per annotation; the converter leaves out the cancelled (skipped) one
    labelled = [r for row in rows for r in row.get("label", [])]
    assert len(labelled) == 17 and all(
        row["text"][r["start"] : r["end"]] == r["text"] for row in rows for r in row.get("label", [])
    )
    c.convert_to_conll2003(str(out), str(tmp_path / "conll"), is_dir=False)
    conll = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8")
    assert "B-claim" in conll and "B-actor" in conll and "B-quote" in conll


# --- doccano: what its project needs, and a mode for a project without overlaps ------------------------


def test_doccano_note_names_the_project_settings(store, tmp_path):
    report = export(store.open(), "doccano", tmp_path / "d.jsonl", ExportOptions())
    notes = "\n".join(report.notes)
    assert 'import it as JSONL (Relation) into a Sequence Labeling project with "Use relation labeling" on' in notes
    assert "Count grapheme clusters as one character" in notes
    assert 'doccano: 5 span(s) overlap another: enable "Allow overlapping spans"' in notes


def test_doccano_no_overlaps_mode_has_no_overlaps_and_no_dangling_relations(store, tmp_path):
    out = tmp_path / "d.jsonl"
    report = export(store.open(), "doccano", out, ExportOptions(no_overlaps=True))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kept = 0
    for line in lines:
        ents = sorted((e["start_offset"], e["end_offset"]) for e in line["entities"])
        assert all(b[0] >= a[1] for a, b in zip(ents, ents[1:])), ents
        ids = {e["id"] for e in line["entities"]}
        assert all(r["from_id"] in ids and r["to_id"] in ids for r in line["relations"])
        kept += len(ents)
    notes = "\n".join(report.notes)
    assert f"--no-overlaps left out {17 - kept} overlapping span(s)" in notes and "relation(s) attached" in notes
    assert "Allow overlapping spans" not in notes


# --- spans inside a token: the export's own tokens are cut at the span edges ------------------------


INSIDE = "Allies\n\nThe U.S.-led coalition met in Brussels on Monday, officials said."


def inside_token_ws(tmp_path: Path) -> Workspace:
    """A store with "U.S." tagged inside the token "U.S.-led", as an import from another tool brings it."""
    start = INSIDE.index("U.S.")
    record = {
        "text": INSIDE,
        "annotator": "alice",
        "spans": [
            {"start": start, "end": start + 4, "label": "actor"},
            {"start": INSIDE.index("officials"), "end": INSIDE.index("officials") + 9, "label": "actor"},
        ],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ws = fresh(tmp_path)
    assert import_file(ws, source, "jsonl", clock=clock).problems == []
    return ws


def test_readme_spacy_example_works_on_a_span_inside_a_token(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    ws = inside_token_ws(tmp_path)
    out = tmp_path / "data.jsonl"
    report = export(ws, "jsonl", out, ExportOptions())
    assert "jsonl: 1 span(s) start or end inside a token (made in another tool and imported)" in report.notes[0]
    nlp = spacy.blank("en")
    # The README's example, as written there.
    for line in open(out, encoding="utf-8"):
        task = json.loads(line)
        doc = Doc(nlp.vocab, words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
        assert doc.text == task["text"]
        spans = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        doc.spans["sc"] = spans  # E855 if any were None
        assert [s.text for s in spans] == ["U.S.", "officials"]
        for s, span in zip(task["spans"], spans):
            assert (span.start, span.end - 1) == (s["token_start"], s["token_end"])


def test_tokens_cut_at_a_span_edge_may_hold_a_percent_sign(tmp_path):
    # "50%" in an article whose record's tokens are cut at a span edge once crashed the jsonl export.
    text = "Allies\n\nThe U.S.-led coalition met in Brussels on Monday; support rose 50% (or 50 %%), officials said."
    start = text.index("U.S.")
    source = tmp_path / "in.jsonl"
    record = {"text": text, "annotator": "alice", "spans": [{"start": start, "end": start + 4, "label": "actor"}]}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ws = fresh(tmp_path)
    assert import_file(ws, source, "jsonl", clock=clock).problems == []
    out = tmp_path / "data.jsonl"
    export(ws, "jsonl", out, ExportOptions())
    (task,) = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert task["text"] == text and "".join(t["text"] + (" " if t["ws"] else "") for t in task["tokens"]) == text
    assert any("%" in t["text"] for t in task["tokens"])
    assert [text[s["start"] : s["end"]] for s in task["spans"]] == ["U.S."]


def test_docbin_and_conll_never_widen_a_span_inside_a_token(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    ws = inside_token_ws(tmp_path)
    report = export(ws, "spacy", tmp_path / "d.spacy", ExportOptions())
    [doc] = DocBin().from_disk(tmp_path / "d.spacy").get_docs(spacy.blank("en").vocab)
    assert doc.text == INSIDE
    assert [s.text for s in doc.spans["sc"]] == ["U.S.", "officials"]
    assert [e.text for e in doc.ents] == ["U.S.", "officials"]
    assert any(n.startswith("spacy: 1 span(s) start or end inside a spaCy token") for n in report.notes)

    report = export(ws, "conll", tmp_path / "d.conll", ExportOptions())
    rows = [line.split() for line in (tmp_path / "d.conll").read_text(encoding="utf-8").splitlines() if line.strip()]
    tagged = [(row[0], row[1]) for row in rows if len(row) == 2 and row[1] != "O"]
    assert tagged == [("U.S.", "B-actor"), ("officials", "B-actor")]
    assert ["-led", "O"] in rows
    assert any(n.startswith("conll: 1 span(s) start or end inside a token") for n in report.notes)
    assert not any("widened" in n or "space between" in n for n in report.notes)


def test_token_cuts_cut_only_inside_tokens():
    from chipread.export.token_cuts import cut_at_spans, spaces_after

    text = "abcdef gh"
    starts, ends = [0, 7], [6, 9]
    assert cut_at_spans(starts, ends, [(0, 6), (7, 9)]) is None  # on boundaries: nothing copied
    got = cut_at_spans(starts, ends, [(1, 3), (2, 5), (7, 9)])
    assert got == ([0, 1, 2, 3, 5, 7], [1, 2, 3, 5, 6, 9], 2)
    assert spaces_after(text, got[0], got[1]) == [False, False, False, False, True, False]

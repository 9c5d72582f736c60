"""doccano, Label Studio, brat and csv checked field by field against their documented schemas."""

from __future__ import annotations

import csv
import json
import re

from chipread.export import ExportOptions, export

ALL = ExportOptions(include_all=True)


def jsonl(store, tmp_path, options=ALL):
    out = tmp_path / "ref.jsonl"
    export(store.open(), "jsonl", out, options)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_doccano_relation_form(store, tmp_path):
    ref = jsonl(store, tmp_path)
    export(store.open(), "doccano", tmp_path / "d.jsonl", ALL)
    lines = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(ref)
    for line, rec in zip(lines, ref):
        assert list(line) == [
            "text",
            "entities",
            "relations",
            "article_id",
            "annotator",
            "status",
            "title",
            "source",
            "published",
            "url",
            "path",
            "handle",
        ]
        assert line["handle"] == rec["meta"]["handle"] and line["title"] == rec["meta"]["title"]
        assert line["text"] == rec["text"] and line["article_id"] == rec["id"]
        ids = []
        for ent, span in zip(line["entities"], rec["spans"], strict=True):
            assert set(ent) == {"id", "label", "start_offset", "end_offset"}
            assert isinstance(ent["id"], int)
            assert (ent["start_offset"], ent["end_offset"], ent["label"]) == (span["start"], span["end"], span["label"])
            ids.append(span["id"])
        assert len(set(e["id"] for e in line["entities"])) == len(line["entities"])
        for r, ref_rel in zip(line["relations"], rec["relations"], strict=True):
            assert set(r) == {"id", "from_id", "to_id", "type"}
            assert ids[r["from_id"]] == ref_rel["head_id"] and ids[r["to_id"]] == ref_rel["child_id"]
            assert r["type"] == "attributed_to"


def test_doccano_sequence_labelling_form(store, tmp_path):
    report = export(store.open(), "doccano", tmp_path / "d.jsonl", ExportOptions(labels=("actor",)))
    lines = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(
        list(line)
        == [
            "text",
            "label",
            "article_id",
            "annotator",
            "status",
            "title",
            "source",
            "published",
            "url",
            "path",
            "handle",
        ]
        for line in lines
    )
    for line in lines:
        for item in line["label"]:
            start, end, label = item
            assert label == "actor" and line["text"][start:end]
    assert any(n.startswith("doccano: written in the sequence-labelling form") for n in report.notes)


def test_label_studio_tasks(store, tmp_path):
    ref = jsonl(store, tmp_path)
    export(store.open(), "labelstudio", tmp_path / "ls.json", ALL)
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == len({r["id"] for r in ref}) == 7
    by_article = {}
    for rec in ref:
        by_article.setdefault(rec["id"], []).append(rec)
    for task in tasks:
        assert set(task) == {"id", "data", "annotations"} and isinstance(task["id"], int)
        data = task["data"]
        assert set(data) >= {"text", "article_id", "title"}
        recs = [r for r in by_article[data["article_id"]] if r["annotator"]]
        assert len(task["annotations"]) == len(recs)
        for ann, rec in zip(task["annotations"], recs):
            assert ann["annotator"] == rec["annotator"] and ann["status"] == rec["status"]
            assert ann["was_cancelled"] is (rec["status"] == "skipped")
            regions = [r for r in ann["result"] if r["type"] == "labels"]
            links = [r for r in ann["result"] if r["type"] == "relation"]
            for region, span in zip(regions, rec["spans"], strict=True):
                assert region["from_name"] == "label" and region["to_name"] == "text"
                assert region["id"] == span["id"]
                value = region["value"]
                assert set(value) == {"start", "end", "text", "labels"}
                assert (value["start"], value["end"], value["text"], value["labels"]) == (
                    span["start"],
                    span["end"],
                    span["text"],
                    [span["label"]],
                )
                assert data["text"][value["start"] : value["end"]] == value["text"]
            region_ids = {r["id"] for r in regions}
            for link, rel in zip(links, rec["relations"], strict=True):
                assert set(link) == {"from_id", "to_id", "type", "direction", "labels"}
                assert link["direction"] == "right" and link["labels"] == ["attributed_to"]
                assert (link["from_id"], link["to_id"]) == (rel["head_id"], rel["child_id"])
                assert {link["from_id"], link["to_id"]} <= region_ids
    skipped = [a for t in tasks for a in t["annotations"] if a["status"] == "skipped"]
    assert len(skipped) == 1 and skipped[0]["was_cancelled"] is True


ANN_T = re.compile(r"^T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
ANN_R = re.compile(r"^R(\d+)\t(\S+) Arg1:T(\d+) Arg2:T(\d+)$")


def test_brat_standoff(store, tmp_path):
    ref = jsonl(store, tmp_path)
    export(store.open(), "brat", tmp_path / "brat", ALL)
    root = tmp_path / "brat"
    conf = (root / "annotation.conf").read_text(encoding="utf-8")
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf
    assert "attributed_to\tArg1:claim|quote, Arg2:actor" in conf
    assert re.search(r"^actor$", conf, re.M) and re.search(r"^quote$", conf, re.M)
    assert (root / "visual.conf").exists()
    seen = 0
    for rec in ref:
        folder = rec["annotator"] or "_unannotated"
        txt = root / folder / f"{rec['meta']['handle']}.txt"
        ann = txt.with_suffix(".ann").read_text(encoding="utf-8")
        assert txt.read_bytes() == rec["text"].encode("utf-8")
        text = txt.read_text(encoding="utf-8")
        numbers = {}
        lines = ann.splitlines()
        t_lines = [ANN_T.match(line) for line in lines if line.startswith("T")]
        for m, span in zip(t_lines, rec["spans"], strict=True):
            assert m, lines
            numbers[span["id"]] = m.group(1)
            fragments = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            assert m.group(2) == span["label"]
            assert fragments[0][0] == span["start"] and fragments[-1][1] == span["end"]
            assert m.group(4) == " ".join(text[a:b] for a, b in fragments)
            for a, b in fragments:
                assert "\n" not in text[a:b]
            if len(fragments) == 1:
                assert m.group(4) == span["text"]
            seen += 1
        r_lines = [ANN_R.match(line) for line in lines if line.startswith("R")]
        for m, rel in zip(r_lines, rec["relations"], strict=True):
            assert m and m.group(2) == "attributed_to"
            assert (m.group(3), m.group(4)) == (numbers[rel["head_id"]], numbers[rel["child_id"]])
        assert len(lines) == len(t_lines) + len(r_lines)
    assert seen == 17


def test_csv_who_said_what(store, tmp_path):
    ref = jsonl(store, tmp_path)
    export(store.open(), "csv", tmp_path / "t.csv", ALL)
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    spans = [(rec, s) for rec in ref for s in rec["spans"]]
    assert len(rows) == len(spans) == 17
    for row, (rec, span) in zip(rows, spans):
        assert row["article_id"] == rec["id"] and row["annotator"] == rec["annotator"]
        assert (row["span_id"], row["label"], int(row["start"]), int(row["end"])) == (
            span["id"],
            span["label"],
            span["start"],
            span["end"],
        )
        expected = span["text"]
        if expected[0] in "=+-@\t\r":
            expected = "'" + expected  # neutralised for spreadsheets
        assert row["text"] == expected
        actors = [
            s for r in rec["relations"] if r["head_id"] == span["id"] for s in rec["spans"] if s["id"] == r["child_id"]
        ]
        assert row["attributed_to"] == " | ".join(a["text"] for a in actors)
    formula = next(r for r in rows if "HYPERLINK" in r["text"])
    assert formula["text"].startswith("'=") and formula["attributed_to"] == "Ana Müller"
    assert next(r for r in rows if "-5%" in r["text"])["text"].startswith("'-5%")
    quote = next(r for r in rows if r["text"].startswith('"wrongdoing"'))
    assert quote["attributed_to"] == "commerce ministry"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_label_studio_export_names_articles_with_emoji(store, tmp_path):
    from chipread.model import Article, text_hash

    report = export(store.open(), "labelstudio", tmp_path / "plain.json", ExportOptions(annotators=("bob",)))
    assert not any("Basic Multilingual Plane" in n for n in report.notes)  # bob's articles have none
    text = "Fans 🎉 cheered.\n\nThe mayor said the parade would go ahead."
    ws = store.open(write=True)
    ws.add_imported(Article(id=text_hash(text), handle="emoji", path="emoji.txt", title="Fans", text=text))
    report = export(ws, "labelstudio", tmp_path / "ls.json", ALL)
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    astral = sum(1 for t in tasks if any(ord(ch) > 0xFFFF for ch in t["data"]["text"]))
    assert astral >= 2  # the fixture's markup article and this one
    assert any(n.startswith(f"labelstudio: {astral} article(s) contain emoji") for n in report.notes)

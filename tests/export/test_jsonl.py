"""The jsonl export: the span contract, Prodigy's conventions, filters, notes, and how records are built."""

from __future__ import annotations

import json

import pytest

import chipread.export.jsonl
import chipread.nlp
from chipread.export import ExportOptions, export
from chipread.export.hashes import input_hash
from chipread.model import Span, text_hash
from chipread.store import Change
from tests.export.conftest import IMPORTED_TEXT


def records(ws, tmp_path, options=None, name="out.jsonl"):
    options = options or ExportOptions(include_all=True)
    out = tmp_path / name
    report = export(ws, "jsonl", out, options)
    lines = out.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], lines, report


def test_every_span_satisfies_the_contract_and_token_bounds(store, tmp_path):
    recs, _, report = records(store.open(), tmp_path)
    assert report.spans == sum(len(r["spans"]) for r in recs) == 17
    for rec in recs:
        text, tokens = rec["text"], rec["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for t in tokens:
            assert text[t["start"] : t["end"]] == t["text"]
        for s in rec["spans"]:
            assert list(s) == ["start", "end", "label", "text", "token_start", "token_end", "id"]
            assert text[s["start"] : s["end"]] == s["text"]
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]


def test_top_level_keys_meta_and_order(store, tmp_path):
    recs, _, _ = records(store.open(), tmp_path)
    assert list(recs[0]) == [
        "id",
        "text",
        "meta",
        "tokens",
        "spans",
        "relations",
        "annotator",
        "status",
        "answer",
        "_input_hash",
        "_task_hash",
        "_annotator_id",
    ]
    # Every line has every key: an unannotated article (--all) has null where a record has a value.
    assert all(list(r) == list(recs[0]) for r in recs)
    assert [(r["answer"], r["_annotator_id"]) for r in recs[:2]] == [("accept", "alice"), ("accept", "bob")]
    assert [(r["answer"], r["_annotator_id"]) for r in recs if r["annotator"] is None] == [(None, None)] * 2
    # A skipped article is Prodigy's "ignore": not a text with nothing in it.
    assert {r["answer"] for r in recs if r["status"] == "skipped"} == {"ignore"}
    assert {r["answer"] for r in recs if r["annotator"] and r["status"] != "skipped"} == {"accept"}
    assert list(recs[0]["meta"]) == ["title", "source", "published", "url", "path", "handle", "article_id"]
    assert recs[0]["meta"]["published"] == "2023-05-29"
    assert recs[0]["meta"]["path"] == "000_7cadae28442b5f00.txt"  # relative: no user folders in a dataset
    # Article handle order, then annotator; --all adds unannotated articles with annotator null.
    order = [(r["meta"]["handle"], r["annotator"]) for r in recs]
    assert order == [
        ("000_7cadae28442b5f00", "alice"),
        ("000_7cadae28442b5f00", "bob"),
        ("001_4dc570d53a34862c", "bob"),
        ("002_6d134497452b6bb1", "alice"),
        ("003_c0db6aae27d81ce8", None),
        ("004_bf94a9b77f07c8c4", None),
        ("wire-0001", "alice"),
        ("zz_markup", "alice"),
    ]
    imported = recs[6]
    assert imported["text"] == IMPORTED_TEXT and imported["id"] == text_hash(IMPORTED_TEXT)
    assert imported["meta"]["source"] == "Reuters" and imported["status"] == "done"


def test_relations_follow_prodigys_form(store, tmp_path):
    recs, _, _ = records(store.open(), tmp_path)
    rec = recs[0]
    spans = {s["id"]: s for s in rec["spans"]}
    assert len(rec["relations"]) == 2
    for r in rec["relations"]:
        head, child = spans[r["head_id"]], spans[r["child_id"]]
        # head/child are the token index of the LAST token of each span, as Prodigy writes them.
        assert r["head"] == head["token_end"] and r["child"] == child["token_end"]
        for side, span in (("head_span", head), ("child_span", child)):
            assert r[side] == {k: span[k] for k in ("start", "end", "token_start", "token_end", "label")}
        assert head["label"] in ("claim", "quote") and child["label"] == "actor"
        assert r["label"] == "attributed_to"
    assert list(rec["relations"][0]) == [
        "head",
        "child",
        "head_span",
        "child_span",
        "label",
        "id",
        "head_id",
        "child_id",
    ]


def test_lines_are_canonical_json(store, tmp_path):
    """The hand-built lines are exactly what json.dumps(ensure_ascii=False) writes for the same object."""
    recs, lines, _ = records(store.open(), tmp_path)
    for rec, line in zip(recs, lines):
        assert json.dumps(rec, ensure_ascii=False) == line


def test_hashes_are_stable_signed_32_bit_and_ignore_the_annotator(store, tmp_path):
    recs, _, _ = records(store.open(), tmp_path)
    for rec in recs:
        assert -(2**31) <= rec["_input_hash"] < 2**31 and -(2**31) <= rec["_task_hash"] < 2**31
        assert rec["_input_hash"] == input_hash(rec["text"])
    alice, bob = recs[0], recs[1]
    assert alice["_input_hash"] == bob["_input_hash"]
    assert alice["_task_hash"] != bob["_task_hash"]  # different annotations
    empty = [r for r in recs if not r["spans"]]
    assert len({r["_task_hash"] for r in empty}) == len({r["_input_hash"] for r in empty})


def test_flagged_span_is_left_out_with_a_note(store, tmp_path):
    recs, _, report = records(store.open(), tmp_path)
    bob = recs[1]
    assert "Xyzzy" not in [s["text"] for s in bob["spans"]]
    assert all(r["head_id"] in {s["id"] for s in bob["spans"]} for r in bob["relations"])
    assert any(
        "left out 1 span(s) whose text is no longer in the article" in n and "1 relation(s)" in n for n in report.notes
    )


def test_label_filter_drops_relations_and_says_so(store, tmp_path):
    recs, _, report = records(store.open(), tmp_path, ExportOptions(labels=("actor",)))
    assert {s["label"] for r in recs for s in r["spans"]} == {"actor"}
    assert all(r["relations"] == [] for r in recs)
    assert any(n.startswith("--label: left out") and "claim" in n and "quote" in n for n in report.notes)
    assert any("relation(s) whose head or child was filtered out" in n for n in report.notes)
    _, _, report = records(store.open(), tmp_path, ExportOptions(labels=("speaker",)), "b.jsonl")
    assert "--label speaker: no exported span has this label" in report.notes


def test_status_and_annotator_filters(store, tmp_path):
    recs, _, _ = records(store.open(), tmp_path, ExportOptions(statuses=("done",)))
    assert [(r["meta"]["handle"], r["annotator"]) for r in recs] == [
        ("000_7cadae28442b5f00", "alice"),
        ("wire-0001", "alice"),
        ("zz_markup", "alice"),
    ]
    recs, _, _ = records(store.open(), tmp_path, ExportOptions(annotators=("bob",)), "b.jsonl")
    assert {r["annotator"] for r in recs} == {"bob"}
    # --all with an annotator: the articles that annotator has not touched come as unannotated.
    recs, _, _ = records(store.open(), tmp_path, ExportOptions(annotators=("bob",), include_all=True), "c.jsonl")
    assert [r["annotator"] for r in recs] == ["bob", "bob", None, None, None, None, None]


def test_unknown_annotator_is_one_clear_error(store, tmp_path):
    from chipread.errors import ExportFailed

    with pytest.raises(ExportFailed, match="no annotations by 'carol'.*annotators: alice, bob"):
        export(store.open(), "jsonl", tmp_path / "x.jsonl", ExportOptions(annotators=("carol",)))
    assert not (tmp_path / "x.jsonl").exists()


def test_tokens_are_computed_once_per_article(store, tmp_path, monkeypatch):
    calls = []
    real = chipread.export.jsonl.tokens_json

    def counting(text):
        calls.append(text)
        return real(text)

    def no_token_objects(text):
        raise AssertionError("jsonl works from token bounds, not Token objects")

    monkeypatch.setattr(chipread.export.jsonl, "tokens_json", counting)
    monkeypatch.setattr(chipread.nlp, "tokenize", no_token_objects)
    recs, _, _ = records(store.open(), tmp_path)
    assert len(recs) == 8 and len(calls) == len({r["id"] for r in recs}) == 7


def test_span_off_token_boundaries_keeps_exact_offsets(store, tmp_path):
    ws = store.open(annotator="carol", write=True)
    article = ws.get(ws.resolve("002").id)
    start = article.text.index("Qin Gang") + 1  # "in Gan": inside two tokens
    span = Span("odd1", article.id, start, start + 6, "actor", article.text[start : start + 6], "carol")
    meta = {"article_id": article.id, "annotator": "carol"}
    ws.store.article_file(article.id, "carol").apply(
        [Change("spans", "odd1", None, span.to_dict())], meta=meta, record=None
    )
    recs, _, report = records(ws, tmp_path, ExportOptions(annotators=("carol",)))
    s = recs[0]["spans"][0]
    assert s["text"] == "in Gan" == recs[0]["text"][s["start"] : s["end"]]
    tokens = recs[0]["tokens"]
    # The line's own tokens are cut at the span's edges: the span is whole tokens, the tokens still spell the text.
    assert [t["text"] for t in tokens[s["token_start"] - 1 : s["token_end"] + 2]] == ["Q", "in", "Gan", "g"]
    assert tokens[s["token_start"]]["start"] == s["start"] and tokens[s["token_end"]]["end"] == s["end"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    assert "".join(t["text"] + " " * t["ws"] for t in tokens) == recs[0]["text"]
    assert any("1 span(s) start or end inside a token (made in another tool and imported)" in n for n in report.notes)


def test_line_separators_are_escaped(store, tmp_path):
    from chipread.model import Article

    # The corpus cleaner removes them, but an imported article's text is kept as it came.
    text = "Separators\n\nOne\u2028two\u2029three words here."
    ws = store.open(write=True)
    ws.add_imported(Article(id=text_hash(text), handle="sep", path="sep.txt", title="Separators", text=text))
    out = tmp_path / "o.jsonl"
    export(ws, "jsonl", out, ExportOptions(include_all=True))
    raw = out.read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in raw.split("\n") if line]
    assert "\u2028" not in raw and "\u2029" not in raw
    assert len(raw.splitlines()) == len(texts) == 9
    assert text in texts


def test_entities_are_added_on_request(store, tmp_path):
    recs, _, _ = records(store.open(), tmp_path, ExportOptions(entities=True, annotators=("alice",)))
    assert all("entities" in r for r in recs)
    ents = [e for r in recs for e in r["entities"]]
    assert ents, "the seeds have named entities"
    for rec in recs:
        for e in rec["entities"]:
            assert list(e) == ["start", "end", "label", "text", "source", "value"]
            assert rec["text"][e["start"] : e["end"]] == e["text"]


def test_tokens_json_is_json_dumps_of_each_token():
    """The memoised %-templates give exactly the items json.dumps(ensure_ascii=False) writes for each token."""
    import random

    from chipread.export.jsonl import tokens_json
    from chipread.nlp import tokenize

    rng = random.Random(7)
    alphabet = list("ab9.,;:!?'\"-—()[]$%+/=&…’“”«»°\u00e9😀\\\x00\x1f\u200b") + [
        "Mr.",
        "U.S.",
        "n't",
        "100%",
        "%s",
        "%d",
    ]
    spaces = [" ", " ", " ", "  ", "\n\n", "\t", "\u00a0", "\u2028"]
    texts = ["", "   ", "Tokyo", "Tokyo said, \u201cno.\u201d", IMPORTED_TEXT, "\u00a0leading and trailing "]
    for _ in range(400):
        texts.append(
            "".join(rng.choice(alphabet) * rng.randint(1, 3) + rng.choice(spaces) for _ in range(rng.randint(0, 30)))
        )
    for _ in range(2):  # cold tables, then warm
        for text in texts:
            tokens = spacy_like_tokens(text, tokenize(text))
            expected = ", ".join(
                json.dumps({"text": t, "start": start, "end": end, "id": i, "ws": ws}, ensure_ascii=False)
                for i, (t, start, end, ws) in enumerate(tokens)
            )
            items, starts, ends = tokens_json(text)
            assert items == expected.encode("utf-8"), text
            assert list(starts) == [t[1] for t in tokens] and list(ends) == [t[2] for t in tokens]
            assert "".join(t + " " * ws for t, _, _, ws in tokens) == text


def spacy_like_tokens(text, tokens):
    """(text, start, end, ws) of chipread's tokens plus a token for any whitespace that is not one space
    after a token, written out the slow, obvious way."""
    out = []
    if tokens and tokens[0].start:
        out.append((text[: tokens[0].start], 0, tokens[0].start, False))
    elif not tokens and text:
        out.append((text, 0, len(text), False))
    for k, t in enumerate(tokens):
        gap_end = tokens[k + 1].start if k + 1 < len(tokens) else len(text)
        gap = text[t.end : gap_end]
        one_space = gap.startswith(" ")
        out.append((t.text, t.start, t.end, one_space))
        rest = t.end + one_space
        if rest < gap_end:
            out.append((text[rest:gap_end], rest, gap_end, False))
    return out

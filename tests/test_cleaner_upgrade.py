"""An upgrade that cleans differently: work is carried over exactly where the text is unchanged, and reported where not.

The store keeps the text each article's work was made on (content-addressed, in `_texts/`), so
nothing depends on finding span texts again: a span moves only with the stretch of text it lies
in, a short span ("he") never jumps to another occurrence, and exports use the annotated text
wherever the new one cannot hold the work.
"""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from chipread.corpus import clean, parse
from chipread.export import ExportOptions, export
from chipread.model import Span
from chipread.store import reanchor
from chipread.store.reanchor import AMBIGUOUS, CHANGED
from chipread.workspace import Workspace

ARTICLE = (
    "Biden meets allies\n\n"
    "Biden said he would act. He added that he was ready.\n\n"
    "Officials said he had spoken to Biden on Monday.\n\n"
    "A closing line.\n"
)
TAGS = [  # (text, which whole-word occurrence, label)
    ("Biden", 1, "actor"),  # "Biden said" (the first is in the headline)
    ("he", 0, "actor"),  # "he would act"
    ("he", 1, "actor"),  # "he was ready"
    ("Officials said he had spoken to Biden on Monday.", 0, "claim"),
    ("A closing line.", 0, "claim"),
]
# What the new cleaner does to this article: a dateline paragraph kept (everything after it shifts),
# and a sentence rewritten so that the "he" of "he was ready" is gone (other "he"s remain).
DATELINE = "WASHINGTON, May 2\n\n"
REWRITTEN = ("He added that he was ready.", "He added: ready.")


def nth(text: str, piece: str, n: int) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.index(piece, at + 1)
    return at


def _word_at(text: str, piece: str, n: int) -> int:
    """The n-th occurrence of `piece` as a whole word."""
    import re

    return [m.start() for m in re.finditer(rf"\b{re.escape(piece)}\b", text)][n]


def open_ws(corpus, db) -> Workspace:
    return Workspace.open(corpus, db=db, annotator="ana", write=True, use_cache=False)


def upgraded_cleaning(monkeypatch, change) -> None:
    """A new chipread whose cleaning changes this article's text (and whose rules version differs)."""
    real = parse.clean_document

    def cleaning(raw, **kwargs):
        cleaned = real(raw, **kwargs)
        return dataclasses.replace(cleaned, text=change(cleaned.text))

    monkeypatch.setattr(parse, "clean_document", cleaning)
    monkeypatch.setattr(clean, "CLEANER_VERSION", clean.CLEANER_VERSION + "-next")


@pytest.fixture
def annotated(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "db"
    with open_ws(corpus, db) as ws:
        (info,) = ws.infos()
        session = ws.session(info.id)
        text = session.article.text
        for piece, n, label in TAGS:
            start = _word_at(text, piece, n) if len(piece) <= 5 else nth(text, piece, n)
            session.add_span(start, start + len(piece), label)
        session.set_status("done")
        spans = {(s.start, s.end, s.label): s.id for s in session.spans}
    return corpus, db, info.id, text, spans


def test_unchanged_text_keeps_its_id_and_its_work_exactly(annotated, monkeypatch):
    corpus, db, old_id, text, spans = annotated
    upgraded_cleaning(monkeypatch, lambda t: t)  # a new cleaner that happens to give this article the same text
    with open_ws(corpus, db) as ws:
        (info,) = ws.infos()
        assert info.id == old_id
        session = ws.session(info.id)
        assert {(s.start, s.end, s.label): s.id for s in session.spans} == spans
        assert session.reanchored == 0 and session.status == "done"


def _start(text: str, piece: str, n: int) -> int:
    return _word_at(text, piece, n) if len(piece) <= 5 else nth(text, piece, n)


def test_a_cleaning_change_carries_work_exactly_and_flags_only_what_it_touched(annotated, monkeypatch):
    corpus, db, old_id, old_text, _ = annotated
    upgraded_cleaning(monkeypatch, lambda t: t.replace("\n\n", "\n\n" + DATELINE, 1).replace(*REWRITTEN))
    with open_ws(corpus, db) as ws:
        (info,) = ws.infos()
        assert info.id != old_id  # the id is the text's hash: a new text is a new id
        assert [who for who, _ in ws.moved_from(info.id)] == ["ana"]
        (row,) = ws.library()
        assert row.status == "done" and row.flagged == 1  # reported before the article is opened
        session = ws.session(info.id)
        new_text = session.article.text
        assert session.reanchored == len(TAGS)  # every span moved (or was flagged): all reported
        live = [s for s in session.spans if not s.flag]
        flagged = [s for s in session.spans if s.flag]
        # Nothing lost: every span is still there; each live one moved exactly with its stretch of text.
        assert len(session.spans) == len(TAGS)
        assert sorted((s.start, s.text) for s in live) == sorted(
            (_start(new_text, piece, n), piece) for piece, n, _ in TAGS if (piece, n) != ("he", 1)
        )
        assert all(new_text[s.start : s.end] == s.text for s in live)
        # The "he" of the rewritten sentence is flagged, not moved onto another "he" of the article.
        assert [(s.text, s.start, s.flag) for s in flagged] == [("he", _start(old_text, "he", 1), CHANGED)]
        assert session.status == "done"
    # The text the work was made on is kept; the flagged span still points into it.
    kept = {p.read_text(encoding="utf-8") for p in (db / "_texts").iterdir()}
    assert old_text in kept and new_text in kept


def test_an_export_before_the_reader_opens_uses_the_annotated_text(annotated, monkeypatch, tmp_path):
    corpus, db, _, old_text, _ = annotated
    upgraded_cleaning(monkeypatch, lambda t: t.replace(*REWRITTEN))
    with Workspace.open(corpus, db=db, annotator="ana", write=False, use_cache=False) as ws:
        out = tmp_path / "out.jsonl"
        report = export(ws, "jsonl", out, ExportOptions())
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == old_text  # the very text the spans were made on: nothing dropped, nothing moved
    assert len(record["spans"]) == len(TAGS)
    assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["spans"])
    assert any("exported against the text they were annotated on" in note for note in report.notes)


def test_when_every_span_carries_over_the_export_uses_the_new_text(annotated, monkeypatch, tmp_path):
    corpus, db, _, _, _ = annotated
    upgraded_cleaning(monkeypatch, lambda t: t.replace("\n\n", "\n\n" + DATELINE, 1))
    with Workspace.open(corpus, db=db, annotator="ana", write=False, use_cache=False) as ws:
        (info,) = ws.infos()
        new_text = ws.get(info.id).text
        out = tmp_path / "out.jsonl"
        report = export(ws, "jsonl", out, ExportOptions())
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == new_text and len(record["spans"]) == len(TAGS)
    assert all(new_text[s["start"] : s["end"]] == s["text"] for s in record["spans"])
    assert not any("annotated on" in note for note in report.notes)


def test_without_the_kept_text_short_spans_are_flagged_not_guessed(annotated, monkeypatch):
    corpus, db, _, old_text, _ = annotated
    shutil.rmtree(db / "_texts")  # a store from before texts were kept
    upgraded_cleaning(
        monkeypatch, lambda t: t.replace("Biden said he would act.", "Biden said: he would act, he said.")
    )
    with open_ws(corpus, db) as ws:
        (info,) = ws.infos()
        session = ws.session(info.id)
        text = session.article.text
        by_text: dict[str, list[Span]] = {}
        for s in session.spans:
            by_text.setdefault(s.text, []).append(s)
        # "he" is in the new text four times and neither old place holds it: both are flagged, neither guessed.
        assert [s.flag for s in by_text["he"]] == [AMBIGUOUS, AMBIGUOUS]
        assert [s.start for s in by_text["he"]] == [_start(old_text, "he", 0), _start(old_text, "he", 1)]
        # Long spans are found once, exactly.
        for piece in ("Officials said he had spoken to Biden on Monday.", "A closing line."):
            (span,) = by_text[piece]
            assert span.flag is None and text[span.start : span.end] == piece


def _span(span_id: str, start: int, text: str) -> Span:
    return Span(span_id, "a", start, start + len(text), "actor", text, "ana")


def test_two_spans_are_never_moved_onto_one():
    # Without the old text: "he" at 3 is still there; "he" at 0 is gone, and its one other occurrence is taken.
    moves = {o.id: n for o, n in reanchor([_span("1", 0, "he"), _span("2", 3, "he")], "xx he", None)}
    assert list(moves) == ["1"] and moves["1"].flag == AMBIGUOUS
    # With it: the second "he" was removed; the first moved with its stretch; the second is not put on it.
    old, new = "a he b he c", "a he b c"
    moves = {o.id: n for o, n in reanchor([_span("1", 2, "he"), _span("2", 7, "he")], new, old)}
    assert list(moves) == ["2"] and moves["2"].flag == CHANGED

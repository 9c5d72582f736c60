"""The seed reference (benchmarks/data/seeds.reference.jsonl) fits the seed texts, its guidelines and chipread."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chipread.model import DEFAULT_RELATION
from chipread.workspace import Workspace
from tests.cli.conftest import CLI
from tests.conftest import REPO, SEEDS

DATA = REPO / "benchmarks" / "data"
REFERENCE = DATA / "seeds.reference.jsonl"
OPEN_MARKS = '"“‘«„'
CLOSE_MARKS = '"”’»'
HOST_PUNCTUATION = ",.;:"
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "him", "them"}


def records() -> list[dict]:
    return [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]


def spans_with_label(label: str):
    for record in records():
        for span in record["spans"]:
            if span["label"] == label:
                yield record["text"], span


def test_every_record_is_a_seed_article_and_every_span_its_text(tmp_path):
    ws = Workspace.open(SEEDS, db=tmp_path / "store", annotator="reference", write=False, use_cache=False)
    try:
        seeds = {info.id: ws.get(info.id).text for info in ws.infos()}
    finally:
        ws.close()
    got = records()
    assert sorted(r["id"] for r in got) == sorted(seeds)
    for record in got:
        assert record["text"] == seeds[record["id"]]
        assert record["annotator"] == "reference" and record["status"] == "done"
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
        keys = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
        assert len(keys) == len(set(keys)), "a span is entered twice"


def test_links_run_from_statements_to_actors_and_every_actor_is_a_source():
    for record in records():
        spans = {s["id"]: s for s in record["spans"]}
        assert {s["label"] for s in spans.values()} <= {"actor", "quote", "claim"}
        children = set()
        for rel in record["relations"]:
            assert rel["label"] == DEFAULT_RELATION
            assert spans[rel["head_id"]]["label"] in ("quote", "claim")
            assert spans[rel["child_id"]]["label"] == "actor"
            children.add(rel["child_id"])
        actors = {i for i, s in spans.items() if s["label"] == "actor"}
        assert actors == children, [spans[i]["text"] for i in actors - children]
        heads = {rel["head_id"] for rel in record["relations"]}
        unlinked_quotes = [s["text"] for s in spans.values() if s["label"] == "quote" and s["id"] not in heads]
        assert unlinked_quotes == []


def test_quotes_lie_inside_their_marks_without_the_host_punctuation():
    for text, span in spans_with_label("quote"):
        start, end, words = span["start"], span["end"], span["text"]
        assert words[0] not in OPEN_MARKS and words[-1] not in CLOSE_MARKS + HOST_PUNCTUATION, words
        assert text[start - 1] in OPEN_MARKS, words
        after = text[end : end + 2]
        assert after[:1] in CLOSE_MARKS or (after[:1] in HOST_PUNCTUATION and after[1:] in CLOSE_MARKS), words


def test_claims_start_at_the_content_and_leave_out_the_final_punctuation():
    for _text, span in spans_with_label("claim"):
        words = span["text"]
        assert words == words.strip(), words
        assert words[-1] not in HOST_PUNCTUATION, words
        assert not words.lower().startswith("that "), words


def test_actors_are_names_without_titles_determiners_or_possessives():
    for _text, span in spans_with_label("actor"):
        words = span["text"]
        first = words.split()[0]
        assert words.lower() not in PRONOUNS, words
        assert first not in ("the", "The", "Mr", "Ms", "Mrs", "Dr", "Minister", "President"), words
        assert words[0].isupper(), words
        assert not words.endswith(("'s", "’s")), words


@pytest.mark.slow
def test_the_script_reproduces_the_file_byte_for_byte(tmp_path):
    out = subprocess.run(
        [sys.executable, str(DATA / "make_seeds_reference.py"), "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.slow
def test_the_reference_imports_into_chipread_and_exports_unchanged(tmp_path, seeds_copy):
    cli = CLI(cwd=tmp_path, corpus=seeds_copy, db=tmp_path / "annotations")
    imported = cli("import", str(REFERENCE), annotator="reference")
    assert imported.code == 0, imported.err
    spans = sum(len(r["spans"]) for r in records())
    relations = sum(len(r["relations"]) for r in records())
    assert f"{spans} spans added" in imported.out and f"{relations} relations added" in imported.out
    exported = cli("export", "--format", "jsonl", "--annotator", "reference", "-o", "back.jsonl", annotator="reference")
    assert exported.code == 0, exported.err
    assert Path(tmp_path / "back.jsonl").read_bytes() == REFERENCE.read_bytes()

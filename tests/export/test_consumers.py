"""Real consumers read the exports: spaCy, Hugging Face datasets, seqeval and spaCy's CoNLL converter."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chipread.export import ExportOptions, export
from chipread.export.overlaps import label_rank, non_overlapping

ALL = ExportOptions(include_all=True)


def jsonl_records(store, tmp_path, options=ALL):
    out = tmp_path / "out.jsonl"
    export(store.open(), "jsonl", out, options)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], out


def test_every_exported_span_is_a_spacy_char_span(store, tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    recs, _ = jsonl_records(store, tmp_path)
    checked = 0
    for rec in recs:
        doc = nlp.make_doc(rec["text"])
        for s in rec["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])
            assert span is not None, (rec["meta"]["handle"], s)
            assert span.text == s["text"]
            checked += 1
    assert checked == 17


def test_docbin_loads_back_with_the_same_spans(store, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    recs, _ = jsonl_records(store, tmp_path)
    report = export(store.open(), "spacy", tmp_path / "out.spacy", ALL)
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab))
    assert len(docs) == len(recs) == report.records
    rank = label_rank(store.open().labels)
    for doc, rec in zip(docs, recs):
        assert doc.text == rec["text"]
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == [
            (s["start"], s["end"], s["label"]) for s in rec["spans"]
        ]
        data = doc.user_data["chipread"]
        assert data["article_id"] == rec["id"] and data["annotator"] == rec["annotator"]
        assert data["status"] == rec["status"] and data["meta"]["title"] == rec["meta"]["title"]
        assert list(data["span_ids"]) == [s["id"] for s in rec["spans"]]  # msgpack gives tuples
        assert [(r["head_id"], r["child_id"], r["label"]) for r in data["relations"]] == [
            (r["head_id"], r["child_id"], r["label"]) for r in rec["relations"]
        ]
        for r in data["relations"]:
            assert data["span_ids"][r["head"]] == r["head_id"]
        # doc.ents: the non-overlapping choice (longest first, then label priority).
        items = [(s.start, s.end, s.label_, (s.start_char, s.end_char, s.label_)) for s in doc.spans["sc"]]
        kept, _ = non_overlapping(items, rank)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == kept
    first = docs[0]
    assert [(e.text, e.label_) for e in first.ents] == [
        ("China has called on Japan to cease its export controls on semiconductors", "claim"),
        ('"wrongdoing"', "quote"),
        ("commerce ministry", "actor"),
    ]


@pytest.mark.slow
def test_hugging_face_datasets_loads_the_jsonl(store, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    recs, out = jsonl_records(store, tmp_path, ExportOptions())
    ds = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "hf-cache"))
    assert ds.column_names == [
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
    assert ds.num_rows == len(recs) == 6
    row = ds[0]
    assert row["text"] == recs[0]["text"]
    assert [s["label"] for s in row["spans"]] == [s["label"] for s in recs[0]["spans"]]
    span_feature = ds.features["spans"]
    span_feature = getattr(span_feature, "feature", None) or span_feature[0]  # List(...) or [dict] by version
    assert set(span_feature) == {"start", "end", "label", "text", "token_start", "token_end", "id", "actor_id"}
    for span in row["spans"]:
        assert row["text"][span["start"] : span["end"]] == span["text"]
    assert row["relations"][0]["head_span"]["label"] in ("claim", "quote")


def test_datasets_reads_unannotated_blocks_then_annotated_ones_with_the_features(store, tmp_path, monkeypatch):
    # datasets types columns per block (10 MB by default; one record per block here): a block of
    # unannotated articles has spans [] and null dates, and the next block with spans would not cast.
    datasets = pytest.importorskip("datasets")
    from chipread.export import jsonl_features

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    recs, out = jsonl_records(store, tmp_path, ExportOptions(include_all=True, entities=True))
    assert [bool(r["spans"]) for r in recs][4:7] == [False, False, True]  # empty blocks before annotated ones
    ds = datasets.load_dataset(
        "json",
        data_files=str(out),
        split="train",
        chunksize=256,
        features=jsonl_features(entities=True),
        cache_dir=str(tmp_path / "hf-cache"),
    )
    assert ds.num_rows == len(recs)
    assert ds.column_names == list(recs[0])
    for row, rec in zip(ds, recs):
        assert row["spans"] == rec["spans"] and row["relations"] == rec["relations"]
        published = rec["meta"]["published"]
        assert row["meta"] == {**rec["meta"], "published": published and date.fromisoformat(published)}
        assert row["answer"] == rec["answer"]
        assert row["entities"] == rec["entities"]


def test_the_tokens_rebuild_the_text_as_a_spacy_doc(store, tmp_path):
    # Prodigy's token format only says whether ONE space follows; newlines and double spaces must be
    # tokens of their own or Doc(words, spaces) is not the article and token offsets drift.
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    recs, _ = jsonl_records(store, tmp_path)
    assert any("\n" in t["text"] for rec in recs for t in rec["tokens"])
    for rec in recs:
        tokens = rec["tokens"]
        doc = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == rec["text"]
        assert [(tok.idx, tok.idx + len(tok)) for tok in doc] == [(t["start"], t["end"]) for t in tokens]
        for s in rec["spans"]:
            span = doc[s["token_start"] : s["token_end"] + 1]
            assert (span.start_char, span.end_char) == (s["start"], s["end"])


def conll_documents(text: str):
    """Documents -> sentences -> (token, tag), the way CoNLL readers split the file."""
    docs = []
    for block in text.split("-DOCSTART- -X- O O\n"):
        if not block.strip():
            continue
        sents = [
            [tuple(line.split(" ")) for line in chunk.split("\n") if line]
            for chunk in block.split("\n\n")
            if chunk.strip()
        ]
        docs.append(sents)
    return docs


def test_seqeval_reads_the_conll_entities_of_the_store(store, tmp_path):
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    recs, _ = jsonl_records(store, tmp_path)
    report = export(store.open(), "conll", tmp_path / "out.conll", ALL)
    docs = conll_documents((tmp_path / "out.conll").read_text(encoding="utf-8"))
    assert len(docs) == len(recs)
    rank = label_rank(store.open().labels)
    dropped = 0
    for rec, sents in zip(recs, docs):
        # CoNLL has no whitespace tokens; the jsonl keeps newlines and extra spaces as tokens.
        tokens = [(t["text"], t["start"], t["end"]) for t in rec["tokens"] if not t["text"].isspace()]
        flat = [pair for sent in sents for pair in sent]
        assert [w for w, _ in flat] == [t[0] for t in tokens]
        found = set()
        i = 0
        for sent in sents:
            tags = [tag for _, tag in sent]
            for label, first, last in seqeval.get_entities(tags):
                found.add((tokens[i + first][1], tokens[i + last][2], label))
            i += len(sent)
        items = [
            (s["token_start"], s["token_end"] + 1, s["label"], (s["start"], s["end"], s["label"])) for s in rec["spans"]
        ]
        kept, gone = non_overlapping(items, rank)
        dropped += len(gone)
        assert found == set(kept), rec["meta"]["handle"]
    assert dropped == 3
    assert any("left out 3 overlapping span(s)" in n and "longest first" in n for n in report.notes)


def test_spacy_conll_converter_reads_the_conll(store, tmp_path):
    pytest.importorskip("spacy")
    from spacy.training.converters import conll_ner_to_docs

    export(store.open(), "conll", tmp_path / "out.conll", ExportOptions(annotators=("alice",)))
    docs = list(conll_ner_to_docs((tmp_path / "out.conll").read_text(encoding="utf-8"), n_sents=0, no_print=True))
    assert len(docs) == 4
    labels = {e.label_ for doc in docs for e in doc.ents}
    assert labels == {"actor", "claim", "quote"}
    assert ("Ana Müller", "actor") in [(e.text, e.label_) for e in docs[3].ents]

"""Each format's bytes are the contract: golden files lock them (CHIPREAD_UPDATE_GOLDEN=1 to regenerate)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chipread.export import EXPORTERS, ExportOptions, export
from tests.export.conftest import check_golden

ALL = ExportOptions(include_all=True)
FILE_FORMATS = {
    "jsonl": "jsonl.jsonl",
    "doccano": "doccano.jsonl",
    "labelstudio": "labelstudio.json",
    "conll": "conll.conll",
    "csv": "csv.csv",
    "actors": "actors.jsonl",
}


def folder_dump(root: Path) -> bytes:
    """A folder as one text: each file's path and bytes, in sorted order."""
    parts = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts.append(f"=== {path.relative_to(root).as_posix()} ===\n".encode() + path.read_bytes())
    return b"\n".join(parts)


def docbin_dump(path: Path) -> bytes:
    """A DocBin's content as canonical JSON: tokens, spans, ents, user_data (the .spacy bytes depend on spaCy's version)."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docs = []
    for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
        docs.append(
            {
                "text": doc.text,
                "tokens": [t.text for t in doc],
                "sc": [[s.start_char, s.end_char, s.label_] for s in doc.spans["sc"]],
                "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
                "user_data": doc.user_data.get("chipread"),
            }
        )
    return (json.dumps(docs, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@pytest.mark.parametrize("fmt", sorted(FILE_FORMATS))
def test_file_formats_match_their_golden_files(store, tmp_path, fmt):
    ws = store.open()
    out = tmp_path / FILE_FORMATS[fmt]
    export(ws, fmt, out, ALL)
    check_golden(FILE_FORMATS[fmt], out.read_bytes())


def test_brat_folder_matches_its_golden_file(store, tmp_path):
    export(store.open(), "brat", tmp_path / "brat", ALL)
    check_golden("brat.txt", folder_dump(tmp_path / "brat"))


def test_spacy_docbin_matches_its_golden_content(store, tmp_path):
    pytest.importorskip("spacy")
    export(store.open(), "spacy", tmp_path / "out.spacy", ALL)
    check_golden("spacy.json", docbin_dump(tmp_path / "out.spacy"))


def test_every_registered_format_has_a_golden_test():
    assert set(EXPORTERS) == set(FILE_FORMATS) | {"brat", "spacy"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "csv"])
def test_same_store_same_bytes_in_separate_processes(store, tmp_path, fmt):
    """Determinism does not rest on this process: other hash seeds, other interpreters, same bytes."""
    if fmt == "spacy":
        pytest.importorskip("spacy")
    code = (
        "import sys; from chipread.workspace import Workspace; from chipread.export import export, ExportOptions;"
        "ws = Workspace.open(sys.argv[1], db=sys.argv[2], annotator='x', write=False);"
        "export(ws, sys.argv[3], sys.argv[4], ExportOptions(include_all=True))"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", code, str(store.corpus), str(store.db), fmt, str(out)],
            check=True,
            env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]

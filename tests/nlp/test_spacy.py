"""spaCy: the optional recognizer (blank pipeline + entity ruler) and tokenizer alignment."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from chipread.errors import ChipreadError  # noqa: E402
from chipread.nlp import analyse_text, load_recognizer, parse_gazetteer, tokenize  # noqa: E402
from chipread.nlp.recognizers import WithGazetteer  # noqa: E402
from chipread.nlp.spacy_recognizer import SpacyRecognizer  # noqa: E402

from .conftest import DATA  # noqa: E402


@pytest.fixture(scope="module")
def ruler_pipeline(tmp_path_factory) -> Path:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Japan"},
            {"label": "ORG", "pattern": "Tokyo Electron"},
            {"label": "PERSON", "pattern": [{"LOWER": "qin"}, {"LOWER": "gang"}]},
            {"label": "DATE", "pattern": "Monday"},
        ]
    )
    path = tmp_path_factory.mktemp("spacy") / "ruler_model"
    nlp.to_disk(path)
    return path


def test_spacy_recognizer_from_a_pipeline_path(ruler_pipeline):
    rec = load_recognizer(f"spacy:{ruler_pipeline}")
    assert rec.name.startswith("spacy:")
    from datetime import date

    es = rec("Qin Gang told Japan on Monday that Tokyo Electron matters.", published=date(2023, 5, 29))
    assert [(e.text, e.label) for e in es] == [
        ("Qin Gang", "PERSON"),
        ("Japan", "GPE"),
        ("Monday", "DATE"),
        ("Tokyo Electron", "ORG"),
    ]
    assert es[2].value == "2023-05-29"
    assert all(e.source == rec.name for e in es)


def test_user_gazetteer_overrides_spacy(ruler_pipeline):
    gaz = parse_gazetteer("ORG  Japan Tobacco\nLAW  Entity List\n")
    rec = load_recognizer(f"spacy:{ruler_pipeline}", gaz)
    assert isinstance(rec, WithGazetteer)
    es = rec("Japan Tobacco joined the Entity List.")
    assert [(e.text, e.label, e.source) for e in es] == [
        ("Japan Tobacco", "ORG", "gazetteer"),
        ("Entity List", "LAW", "gazetteer"),
    ]


def test_analysis_with_spacy(ruler_pipeline):
    a = analyse_text("“We will not bow,” Qin Gang said in Japan.", load_recognizer(f"spacy:{ruler_pipeline}"))
    assert a.recognizer.startswith("spacy:")
    (q,) = [s for s in a.suggestions if s.label == "quote"]
    assert q.speaker.text == "Qin Gang"


def test_missing_model_is_one_clear_line():
    with pytest.raises(ChipreadError) as err:
        load_recognizer("spacy:xx_no_such_model_here")
    msg = str(err.value)
    assert "not installed" in msg and "\n" not in msg


def test_pipeline_without_ner_is_refused(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "empty")
    with pytest.raises(ChipreadError, match="no entity recognizer"):
        SpacyRecognizer.load(str(tmp_path / "empty"))


# --- our tokens versus spaCy's English tokenizer ------------------------------------------
def _texts() -> list[str]:
    import json

    out = [(DATA / "tokenizer_stress.txt").read_text(encoding="utf-8")]
    for p in sorted((DATA.parent.parent / "seeds").glob("*.txt")):
        out.append(p.read_text(encoding="utf-8"))
    for name in ("seeds", "holdout", "fresh"):
        for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line)["text"])
    return out


def test_every_boundary_we_make_is_a_spacy_boundary():
    nlp = spacy.blank("en")
    bad = []
    same = total = 0
    for text in _texts():
        doc = nlp.make_doc(text)
        theirs = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        spans = {(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space}
        ours = tokenize(text)
        for t in ours:
            for b in (t.start, t.end):
                if b not in theirs:
                    bad.append(text[max(0, b - 12) : b] + "|" + text[b : b + 12])
            same += (t.start, t.end) in spans
        total += len(spans)
    assert bad == []
    # Ours may be coarser ("don't", "5km"), never finer; today 99%+ of spaCy's tokens match.
    assert same / total > 0.99


def test_spans_snapped_to_our_tokens_load_with_char_span(builtin):
    nlp = spacy.blank("en")
    for text in _texts()[:8]:
        doc = nlp.make_doc(text)
        for e in builtin(text):
            assert doc.char_span(e.start, e.end) is not None, e

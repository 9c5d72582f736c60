"""Hold-out pages written before the rules were tuned: several outlets, layouts and formats."""

from __future__ import annotations

import json

import pytest

from chipread.corpus import clean_page

from .conftest import HOLDOUT

EXPECTED = json.loads((HOLDOUT / "expected.json").read_text(encoding="utf-8"))
FORMATS = {"txt": "txt", "md": "md", "html": "html"}


def test_holdout_is_big_and_varied():
    names = sorted(EXPECTED)
    assert len(names) >= 8
    assert {name.rsplit(".", 1)[1] for name in names} == {"txt", "md", "html"}
    assert sorted(p.name for p in HOLDOUT.iterdir() if p.suffix in (".txt", ".md", ".html")) == names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_holdout_page(name):
    expected = EXPECTED[name]
    raw = (HOLDOUT / name).read_text(encoding="utf-8")
    result = clean_page(raw, name=name, fmt=FORMATS[name.rsplit(".", 1)[1]])
    assert result.title == expected["title"]
    assert result.source == expected["source"]
    assert (result.published.isoformat() if result.published else None) == expected["published"]
    if "url" in expected:
        assert result.url == expected["url"]
    assert result.text.startswith(expected["text_starts"])
    paragraphs = result.text.split("\n\n")
    for sentence in expected["contains"]:
        assert sentence in result.text, sentence
    for junk in expected["absent"]:
        assert junk not in result.text, junk
    kinds = {r.kind for r in result.removed}
    assert set(expected["removed_kinds"]) <= kinds
    for piece in expected.get("removed_texts", []):
        assert any(piece in r.text for r in result.removed), piece
    assert all(p == p.strip() and p for p in paragraphs)
    assert result.text.count(result.title) <= 1

"""Pages written after the rules, on other subjects and outlets: the rules generalise beyond the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipread.corpus import clean_page

FRESH = Path(__file__).parent / "data" / "fresh"
EXPECTED = json.loads((FRESH / "expected.json").read_text(encoding="utf-8"))


def test_every_fresh_page_has_an_expectation_and_all_formats_are_there():
    pages = sorted(p.name for p in FRESH.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert pages == sorted(EXPECTED)
    assert {name.rsplit(".", 1)[1] for name in pages} == {"txt", "md", "html"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fresh_page_cleans_to_the_expected_article(name):
    expected = EXPECTED[name]
    raw = (FRESH / name).read_text(encoding="utf-8")
    result = clean_page(raw, name=name, fmt=name.rsplit(".", 1)[1])
    assert result.title == expected["title"]
    assert result.source == expected["source"]
    assert (result.published.isoformat() if result.published else None) == expected["published"]
    assert result.text.split("\n\n") == expected["text"]
    assert sorted({r.kind for r in result.removed}) == expected["removed"]
    # Nothing is lost silently: every word of the page is in the text or in what was removed.
    kept = set(result.text.split()) | {w for r in result.removed for w in r.text.split()}
    assert {w for w in ("Tom", "Reed", "Marsh", "Haddad") if w in raw} <= kept

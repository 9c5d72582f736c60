"""Shared fixtures for the corpus tests: where the seeds and hold-out pages are, and a private cache."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
HOLDOUT = Path(__file__).parent / "data" / "holdout"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's ~/.cache: every test gets its own cache folder via the environment."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHIPREAD_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


ARTICLE = (
    "Chip tool makers brace for new rules\n\n"
    "Japanese makers of chipmaking equipment are preparing for a drop in orders, executives said on Wednesday.\n\n"
    "The rules cover 23 types of tools and take effect in July, the trade ministry said.\n"
)


def article(n: int) -> str:
    """A small distinct article (distinct text, so distinct ids)."""
    return (
        f"Story number {n} about export rules\n\n"
        f"Officials said on Monday that rule {n} would take effect next month, according to a statement.\n\n"
        f"Analysts expect orders to fall by {n} percent this year, the report said.\n"
    )

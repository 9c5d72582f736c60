"""Shared fixtures: a tiny article, a fresh store, a copy of the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chipread.model import Article, text_hash

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

SAMPLE_TEXT = (
    "Japan curbs chip exports\n\n"
    'Commerce Minister Wang Wentao said the controls were "a wrongdoing" on Monday.\n\n'
    "Japan said it was fulfilling its duty, according to Yasutoshi Nishimura."
)


def make_article(text: str = SAMPLE_TEXT, handle: str = "sample") -> Article:
    return Article(id=text_hash(text), handle=handle, path=f"{handle}.txt", title=text.split("\n", 1)[0], text=text)


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds in tmp_path/corpus, so tests never write beside the real ones."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Never touch the developer's cache, data folder or annotator name.
    base = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("CHIPREAD_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))  # no personal config of the developer's
    monkeypatch.setenv("CHIPREAD_ANNOTATOR", "tester")

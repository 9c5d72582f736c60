"""Reading and cleaning articles: open a folder or JSONL corpus, get clean articles with stable ids."""

from __future__ import annotations

from pathlib import Path

from chipread.corpus.clean import CLEANER_VERSION, Cleaned, clean_page
from chipread.corpus.corpus import Corpus, open_corpus
from chipread.errors import CorpusError

# chipread/ itself: the bundled seeds/ sit inside it once installed, beside it in a source checkout.
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_corpus_path() -> Path:
    """./seeds if the current folder has one, else the seeds installed with chipread, else the checkout's."""
    candidates = (Path.cwd() / "seeds", _PACKAGE_DIR / "seeds", _PACKAGE_DIR.parent / "seeds")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise CorpusError(f"no corpus given and no seeds folder found (looked in {looked}); pass a corpus path")


__all__ = ["CLEANER_VERSION", "Cleaned", "Corpus", "CorpusError", "clean_page", "default_corpus_path", "open_corpus"]

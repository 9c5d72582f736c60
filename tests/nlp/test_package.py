"""chipread.nlp loads a module when one of its names is first used: the corpus reads dates without the recognizers."""

from __future__ import annotations

import subprocess
import sys

import pytest

import chipread.nlp


def loaded_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(m for m in sys.modules if m.startswith('chipread.nlp.'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_importing_the_package_or_its_dates_loads_no_recognizer():
    assert loaded_after("import chipread.nlp") == []
    assert loaded_after("import chipread.nlp.dates") == ["chipread.nlp.dates", "chipread.nlp.wordlists"]
    assert "chipread.nlp.builtin" in loaded_after("from chipread.nlp import BuiltinRecognizer")


def test_every_exported_name_resolves_to_its_object():
    from chipread.nlp.gazetteer import DEFAULT_FILENAME
    from chipread.nlp.tokenizer import tokenize

    for name in chipread.nlp.__all__:
        assert getattr(chipread.nlp, name) is not None
    assert chipread.nlp.tokenize is tokenize and chipread.nlp.GAZETTEER_FILENAME == DEFAULT_FILENAME
    assert set(chipread.nlp.__all__) <= set(dir(chipread.nlp))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'no_such_thing'"):
        chipread.nlp.no_such_thing  # noqa: B018
    with pytest.raises(ImportError):
        from chipread.nlp import no_such_thing  # noqa: F401

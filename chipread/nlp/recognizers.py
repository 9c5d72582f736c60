"""The recognizer interface, the spec parser (`builtin`, `spacy:<model>`) and gazetteer override."""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from chipread.errors import ChipreadError
from chipread.model import Entity

from .gazetteer import Gazetteer


@runtime_checkable
class Recognizer(Protocol):
    """text -> entities (OntoNotes labels, character offsets into text)."""

    name: str

    def __call__(self, text: str, *, published: date | None = None) -> list[Entity]: ...


class WithGazetteer:
    """A recognizer whose output the user's gazetteer overrides (matches replace overlaps)."""

    def __init__(self, base: Recognizer, gazetteer: Gazetteer):
        self.base = base
        self.gazetteer = gazetteer
        self.name = base.name

    def __call__(self, text: str, *, published: date | None = None) -> list[Entity]:
        return self.gazetteer.apply(text, self.base(text, published=published))


def load_recognizer(spec: str = "builtin", gazetteer: Gazetteer | None = None) -> Recognizer:
    """`builtin` (default) or `spacy:<installed model name or path>`; ChipreadError if unusable."""
    spec = (spec or "builtin").strip()
    kind, _, arg = spec.partition(":")
    kind = kind.strip().lower()
    if kind == "builtin" and not arg:
        from .builtin import BuiltinRecognizer

        base: Recognizer = BuiltinRecognizer()
    elif kind == "spacy":
        from .spacy_recognizer import SpacyRecognizer

        base = SpacyRecognizer.load(arg.strip() or "en_core_web_sm")
    else:
        raise ChipreadError(f"unknown recognizer {spec!r}: use 'builtin' or 'spacy:<model>'")
    if gazetteer:
        return WithGazetteer(base, gazetteer)
    return base

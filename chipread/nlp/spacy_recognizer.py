"""The spaCy recognizer: any installed pipeline with an `ner` or `entity_ruler` (optional extra)."""

from __future__ import annotations

from datetime import date
from typing import Any

from chipread.errors import ChipreadError
from chipread.model import Entity

from .dates import normalise_date


class SpacyRecognizer:
    """Entities from a spaCy pipeline; spaCy is imported only when one is loaded."""

    def __init__(self, nlp: Any, name: str | None = None):
        self.nlp = nlp
        model = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"
        self.name = name or f"spacy:{model}"

    @classmethod
    def load(cls, model: str) -> SpacyRecognizer:
        try:
            import spacy
        except ImportError:
            raise ChipreadError(
                "spaCy is not installed: `pip install 'chipread[spacy]'` and a model, "
                "or use the built-in recognizer (--ner builtin)"
            ) from None
        try:
            # Only the components that find entities run: the parser and tagger are not needed.
            nlp = spacy.load(model, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
        except OSError:
            raise ChipreadError(
                f"spaCy model {model!r} is not installed (try `python -m spacy download {model}`), or use --ner builtin"
            ) from None
        except Exception as e:  # a broken or incompatible package
            raise ChipreadError(f"spaCy model {model!r} cannot be loaded: {str(e).splitlines()[0]}") from None
        if not any(n in nlp.pipe_names for n in ("ner", "entity_ruler", "span_ruler")):
            raise ChipreadError(f"spaCy model {model!r} has no entity recognizer (ner or entity_ruler)")
        return cls(nlp, f"spacy:{model}")

    def __call__(self, text: str, *, published: date | None = None) -> list[Entity]:
        doc = self.nlp(text)
        out = []
        for ent in doc.ents:
            s, e = ent.start_char, ent.end_char
            # spaCy includes trailing whitespace tokens in rare cases; highlights never do.
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            value = normalise_date(text[s:e], published) if ent.label_ == "DATE" else None
            out.append(Entity(s, e, ent.label_, text[s:e], self.name, value))
        return out

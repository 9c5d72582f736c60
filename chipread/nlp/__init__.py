"""Tokens, sentences, entities, dates and quote/claim suggestions for news text (no Textual).

The names below load their module on first use: chipread.corpus reads dates and sentences from this
package without loading the recognizers and the attribution models. (`suggest` is not among them: the
submodule of that name would shadow the function; import it from chipread.nlp.suggest.)
"""

from __future__ import annotations

from importlib import import_module

# name -> (submodule, attribute)
_EXPORTS = {
    "Analysis": ("analysis", "Analysis"),
    "analyse": ("analysis", "analyse"),
    "analyse_text": ("analysis", "analyse_text"),
    "BuiltinRecognizer": ("builtin", "BuiltinRecognizer"),
    "bundled_gazetteer": ("builtin", "bundled_gazetteer"),
    "normalise_date": ("dates", "normalise_date"),
    "GAZETTEER_FILENAME": ("gazetteer", "DEFAULT_FILENAME"),
    "Gazetteer": ("gazetteer", "Gazetteer"),
    "GazetteerEntry": ("gazetteer", "GazetteerEntry"),
    "load_gazetteer": ("gazetteer", "load_gazetteer"),
    "parse_gazetteer": ("gazetteer", "parse_gazetteer"),
    "Quotation": ("quotes", "Quotation"),
    "find_quotations": ("quotes", "find_quotations"),
    "quotation_at": ("quotes", "quotation_at"),
    "Recognizer": ("recognizers", "Recognizer"),
    "load_recognizer": ("recognizers", "load_recognizer"),
    "split_sentences": ("sentences", "split_sentences"),
    "snap_to_tokens": ("tokenizer", "snap_to_tokens"),
    "token_span": ("tokenizer", "token_span"),
    "tokenize": ("tokenizer", "tokenize"),
    # The tokenizer's building blocks, for the exporters' own token cuts.
    "bounds_span": ("tokenizer", "bounds_span"),
    "chunk_segment": ("tokenizer", "chunk_segment"),
    "part_segment": ("tokenizer", "part_segment"),
    "segment": ("tokenizer", "segment"),
    "token_bounds": ("tokenizer", "token_bounds"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # found once; later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))

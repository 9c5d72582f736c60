"""Tokens, sentences, entities, dates and quote/claim suggestions for news text (no Textual)."""

from __future__ import annotations

from .analysis import Analysis, analyse, analyse_text
from .builtin import BuiltinRecognizer, bundled_gazetteer
from .dates import normalise_date
from .gazetteer import DEFAULT_FILENAME as GAZETTEER_FILENAME
from .gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, parse_gazetteer
from .quotes import Quotation, find_quotations, quotation_at
from .recognizers import Recognizer, load_recognizer
from .sentences import split_sentences
from .suggest import suggest
from .tokenizer import (
    bounds_span,
    chunk_segment,
    part_segment,
    segment,
    snap_to_tokens,
    token_bounds,
    token_span,
    tokenize,
)

__all__ = [
    "Analysis",
    "BuiltinRecognizer",
    "GAZETTEER_FILENAME",
    "Gazetteer",
    "GazetteerEntry",
    "Quotation",
    "Recognizer",
    "analyse",
    "analyse_text",
    "bounds_span",
    "bundled_gazetteer",
    "chunk_segment",
    "find_quotations",
    "load_gazetteer",
    "load_recognizer",
    "normalise_date",
    "parse_gazetteer",
    "part_segment",
    "quotation_at",
    "segment",
    "snap_to_tokens",
    "split_sentences",
    "suggest",
    "token_bounds",
    "token_span",
    "tokenize",
]

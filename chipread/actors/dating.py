"""Dates for the timeline: an undated article's estimated date, and the date a statement's sentence names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from chipread.corpus.metadata import find_dates
from chipread.model import Sentence
from chipread.nlp.dates import DATE_PATTERN, normalise_date
from chipread.nlp.lexicon import WEEKDAYS

# A date after these words is one the article looks forward to, not one it reports ("takes effect on July 1, 2024").
_AHEAD = re.compile(
    r"\b(?:will|would|until|till|by|from|starting|effective|effect|force|scheduled|due|deadline|expires?|next)\b[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
_WEEKDAY_SAID = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def estimate_date(text: str) -> tuple[date, str] | None:
    """When an article with no stated date was probably written, and why: the latest full date it
    reports, moved on to the latest weekday it mentions within the week after ("on May 26 ... said
    Monday": the Monday after). None when the text names no full date."""
    reported = [
        (value, start) for value, start, _ in find_dates(text) if not _AHEAD.search(text[max(0, start - 60) : start])
    ]
    if not reported:
        return None
    anchor = max(value for value, _ in reported)
    estimate, why = anchor, f"the latest date it names, {anchor.isoformat()}"
    for match in _WEEKDAY_SAID.finditer(text):
        if _AHEAD.search(text[max(0, match.start() - 60) : match.start()]):
            continue
        weekday = WEEKDAYS[match.group(1).lower()]
        day = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
        if day > estimate:
            estimate, why = day, f"{match.group(1)} after the latest date it names, {anchor.isoformat()}"
    return estimate, why


def date_phrase(text: str, sentences: Sequence[Sentence], start: int, end: int) -> str | None:
    """The date phrase of the sentence around [start, end) outside that span ("on Sunday" in "Mr Qin
    said on Sunday that ..."), nearest the span; None when the sentence names none."""
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    lo, hi = (sentence.start, sentence.end) if sentence else (start, end)
    found = [
        m
        for m in DATE_PATTERN.finditer(text, lo, hi)
        if (m.end() <= start or m.start() >= end) and not _AHEAD.search(text[max(lo, m.start() - 60) : m.start()])
    ]
    if not found:
        return None
    best = min(found, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    return best.group()


def statement_date(phrase: str | None, article: date | None) -> date | None:
    """The day a statement's phrase names (resolved against the article's date), else the article's date."""
    if phrase:
        value = normalise_date(phrase, article)
        if value and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
    return article

"""Date stamps and outlet names as pages state them, in whatever common form (dates read by chipread.nlp.dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chipread.corpus.sanitize import clean_line
from chipread.nlp.dates import find_dates, parse_date, parse_date_value

# The dates themselves are read by chipread.nlp.dates; the page readers (html, markdown, jsonl) ask for them here.
__all__ = [
    "DateLine",
    "copyright_holder",
    "date_line",
    "find_dates",
    "normalize_source",
    "parse_date",
    "parse_date_value",
]

# What a date line may hold besides dates: times, zones, weekdays, labels, relative times.
_DATE_LINE_NOISE = re.compile(
    r"""
      \b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?
    | \b\d{1,2}\s*[ap]\.?m\b\.?
    | \b(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|jst|kst|sgt|hkt|ist|aest|aedt|et|pt|ct|msk|wib)
      (?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b
    | \b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday|rsday)?\b\.?
    | \b(?:(?:\d+|an?|one|two|three|few|several)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+ago|just\s+now|yesterday|today)\b
    | \b\d+\s*-?\s*min(?:ute)?s?\s+(?:read|listen)\b
    | \b(?:first\s+published|last\s+updated|last\s+modified|published|posted|updated|modified|date|dated|created|issued|released|as\s+of|on|at)\b
    | \b\d{1,2}\s*h\s*\d{2}\b
    | (?:\b|(?<=\s))(?:publié|mis\s+à\s+jour|modifié|le|à|veröffentlicht|aktualisiert|zuletzt|aktualisiert|am|um|uhr|stand
        |publicado|actualizado|el|a\s+las|pubblicato|aggiornato|il|alle|ore|atualizado|em|às|gepubliceerd|bijgewerkt|op|om)(?=\s|$|[:,])
    | \bby\s+(?:(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})
        |(?:(?:a|an|our|the)\s+)?(?:[a-z]+\s+)?(?:staff|writers?|reporters?|correspondents?|desk|team|editors?))\s*$
    | [\s·|•,:;/()\[\]–—-]+
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SOMETHING_DATED = re.compile(r"\d|\b(?:ago|yesterday|today|just now|published|posted|updated)\b", re.IGNORECASE)
# Without a date a line is a stamp only if it states a time: "3 hours ago", "14:32 IST", "Updated".
_TIME_STATED = re.compile(
    r"\bago\b|\byesterday\b|\btoday\b|\bjust now\b|\d[:.h]\d{2}\b|\d\s*[ap]\.?m\b|\bmin(?:ute)?s?\s+(?:read|listen)\b"
    r"|^\W*(?:published|posted|updated|last updated)\W*$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"\b(?:updated|modified|mis à jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt)\b[^|·•]{0,25}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateLine:
    published: date | None
    updated: date | None


def date_line(text: str) -> DateLine | None:
    """If the whole paragraph is a date stamp ('Updated 3 hours ago', 'May 29, 2023 6:12 AM'), its dates."""
    if len(text) > 160 or not _SOMETHING_DATED.search(text):
        return None
    dates = find_dates(text)
    rest = text
    for _, start, end in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    if _DATE_LINE_NOISE.sub("", rest):
        return None
    if not dates and not _TIME_STATED.search(text):
        return None  # "By Tuesday the death toll had risen to 40.": words that a stamp uses, but no date or time
    return _label_dates(text, dates)


def _label_dates(text: str, dates: list[tuple[date, int, int]]) -> DateLine:
    published = updated = None
    for value, start, _ in dates:
        if _UPDATED_LABEL.search(text[max(0, start - 40) : start]):
            updated = updated or value
        else:
            published = published or value
    return DateLine(published, updated)


# Acronyms keep their capitals when an all-caps outlet name is title-cased ("AFP, BLOOMBERG").
_SMALL_WORDS = {"the", "and", "of", "for", "new", "in", "on", "at", "a"}


# A date in a file's name ("nyt_2016-09-08_obama.txt", "2023/05/29/story.html"): scrapers often name files so.
# Not inside a longer word or number: a hash in a name ("a20160908b") is no date.
_NAME_DATE = re.compile(
    r"(?<![A-Za-z0-9])((?:19|20)\d\d)[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?![A-Za-z0-9])"
)


def date_in_name(name: str) -> date | None:
    """The date a file's name (its path in the corpus) states: the publication date when the page states none."""
    for m in _NAME_DATE.finditer(name):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue  # "2023-02-30"
    return None


def normalize_source(value: str | None) -> str | None:
    """An outlet name fit to show: one safe line, no trailing punctuation, not shouting."""
    if not value:
        return None
    text = clean_line(value).strip(" .,;:|-–—\"'“”‘’")
    if not text or len(text) > 80 or not any(ch.isalpha() for ch in text):
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if all(ch.isupper() for ch in letters) and len(letters) > 4:
        text = " ".join(_title_word(word, i) for i, word in enumerate(text.split(" ")))
    return text


def _title_word(word: str, index: int) -> str:
    core = word.strip(",.;:&/")
    if len(core) <= 3 and core.lower() not in _SMALL_WORDS:
        return word
    titled = word.capitalize()
    return titled.lower() if index and core.lower() in _SMALL_WORDS else titled


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<holder>[^.,;|]{2,60}?)"
    r"\s*(?:[.,;|]|all rights reserved|$)",
    re.IGNORECASE,
)


def copyright_holder(text: str) -> str | None:
    match = _COPYRIGHT_HOLDER.search(text)
    if not match:
        return None
    holder = match.group("holder").strip()
    if not holder or holder.lower().startswith("all rights") or not holder[0].isupper():
        return None
    return normalize_source(holder)

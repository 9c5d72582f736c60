"""Publication dates and outlet names as pages state them, in whatever common form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from chipread.corpus.sanitize import clean_line

# English month names, full or abbreviated, in any case: the one month pattern of chipread.corpus.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Month names of other languages that scraped pages print dates in: French, German, Spanish, Italian,
# Portuguese, Dutch ("15 mars 2024", "5. Juli 2024", "3 de marzo de 2024").
_FOREIGN_MONTHS = {
    1: "janvier janv januar jänner enero gennaio janeiro januari",
    2: "février févr fevrier februar febrero febbraio fevereiro februari",
    3: "mars märz maerz marzo março maart",
    4: "avril avr abril aprile",
    5: "mai mayo maggio maio mei",
    6: "juin juni junio giugno junho",
    7: "juillet juil juli julio luglio julho",
    8: "août aout agosto augustus",
    9: "septembre sept septiembre setiembre settembre setembro",
    10: "octobre oct oktober octubre ottobre outubro",
    11: "novembre nov noviembre novembro",
    12: "décembre déc decembre dezember diciembre dicembre dezembro",
}
_FOREIGN_NAMES = sorted({n for names in _FOREIGN_MONTHS.values() for n in names.split()}, key=len, reverse=True)
FOREIGN_MONTH = "(?:" + "|".join(_FOREIGN_NAMES) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    rf"""
      (?P<iso>\b\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)
    | (?P<mdy>\b{MONTH}\s+{_DAY},?\s+\d{{4}}\b)
    | (?P<dmy>\b{_DAY}\s+{MONTH},?\s+\d{{4}}\b)
    | (?P<foreign>\b(?:1er|\d{{1,2}})\.?\s+(?:de\s+)?{FOREIGN_MONTH}\s+(?:de\s+|del\s+)?\d{{4}}\b)
    | (?P<num>\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\b)
    | (?P<ymd>\b\d{{4}}/\d{{1,2}}/\d{{1,2}}\b)
    | (?P<cjk>\d{{4}}年\d{{1,2}}月\d{{1,2}}日)
    """,
    re.IGNORECASE | re.VERBOSE,
)

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


def parse_date(text: str) -> date | None:
    """The date in a short date string (ISO, 'May 29, 2023', '29 May 2023', ...); None without a year."""
    match = DATE_RE.search(text)
    return _match_date(match) if match else None


def parse_date_value(value: str) -> date | None:
    """A date from a metadata value: any form above, else whatever dateutil reads with a year in it."""
    found = parse_date(value)
    if found or not re.search(r"\b\d{4}\b", value):
        return found
    return _dateutil(value, dayfirst=False)


def find_dates(text: str) -> list[tuple[date, int, int]]:
    found = []
    for match in DATE_RE.finditer(text):
        value = _match_date(match)
        if value:
            found.append((value, match.start(), match.end()))
    return found


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


def _match_date(match: re.Match[str]) -> date | None:
    kind = match.lastgroup
    text = match.group()
    try:
        if kind == "iso":
            year, month, day = (int(part) for part in re.match(r"(\d+)-(\d+)-(\d+)", text).groups())
            value = date(year, month, day)
        elif kind == "ymd":
            year, month, day = (int(part) for part in text.split("/"))
            value = date(year, month, day)
        elif kind == "cjk":
            year, month, day = (int(part) for part in re.findall(r"\d+", text))
            value = date(year, month, day)
        elif kind == "num":
            first, second, year = (int(part) for part in re.split(r"[/.]", text))
            # Day first unless that is impossible: most of the world writes 29/05/2023.
            value = date(year, second, first) if second <= 12 else date(year, first, second)
        elif kind == "foreign":
            value = _foreign_date(text)
        else:
            value = _month_name_date(text) or _dateutil(text, dayfirst=kind == "dmy")
    except ValueError:
        return None
    return value if value and _plausible(value) else None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        1,
    )
    for name in names.split()
}
_NAMED = re.compile(
    r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})"
)


def _month_name_date(text: str) -> date | None:
    # "May 29, 2023" and "29 May 2023" without dateutil: the common forms, read in microseconds.
    match = _NAMED.fullmatch(text)
    if not match:
        return None
    if match.group(1):
        month, day, year = _MONTHS.get(match.group(1).lower()), match.group(2), match.group(3)
    else:
        day, month, year = match.group(4), _MONTHS.get(match.group(5).lower()), match.group(6)
    return date(int(year), month, int(day)) if month else None


_FOREIGN_NUMBER = {name: number for number, names in _FOREIGN_MONTHS.items() for name in names.split()}


def _foreign_date(text: str) -> date | None:
    # "15 mars 2024", "5. Juli 2024", "3 de marzo de 2024", "1er mai 2024"
    parts = [p for p in re.split(r"[\s.]+", text.lower()) if p and p not in ("de", "del")]
    if len(parts) != 3:
        return None
    day, month, year = parts
    number = _FOREIGN_NUMBER.get(month)
    day = day.removesuffix("er")
    return date(int(year), number, int(day)) if number and day.isdigit() else None


def _dateutil(text: str, *, dayfirst: bool) -> date | None:
    from dateutil import parser  # imported late: a warm corpus open never needs it

    try:
        parsed = parser.parse(text, default=datetime(2000, 1, 1), dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    value = parsed.date()
    return value if _plausible(value) else None


def _plausible(value: date) -> bool:
    return 1900 <= value.year <= date.today().year + 1


# Acronyms keep their capitals when an all-caps outlet name is title-cased ("AFP, BLOOMBERG").
_SMALL_WORDS = {"the", "and", "of", "for", "new", "in", "on", "at", "a"}


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

"""Dates: month and day names, the dates pages print, and date expressions in text resolved against publication."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from .wordlists import entries

# --- Calendar names (chipread/nlp/data/calendar.txt) -------------------------------------------------


def _lines(label: str) -> list[tuple[str, ...]]:
    return [names for each, names in entries("calendar") if each == label]


def _numbered(label: str, first: int) -> dict[str, int]:
    return {name: number for number, names in enumerate(_lines(label), first) for name in names}


MONTHS = _numbered("MONTH", 1)  # "january", "jan" -> 1
WEEKDAYS = _numbered("WEEKDAY", 0)  # "monday", "mon" -> 0, as date.weekday() counts
MONTH_NAMES = tuple(names[0] for names in _lines("MONTH"))  # "january" ... "december"
WEEKDAY_NAMES = tuple(names[0] for names in _lines("WEEKDAY"))  # "monday" ... "sunday"
SEASONS = frozenset(name for names in _lines("SEASON") for name in names)
FOREIGN_MONTHS = _numbered("FOREIGN_MONTH", 1)  # "mars", "märz" -> 3


def day_first(first: int, second: int, year: int) -> date:
    """An all-number date: day first, as most of the world writes it ("12/05/1990" is 12 May), unless that
    is impossible and month first is not ("05/13/1990" is 13 May, the US order). ValueError if neither is a date."""
    if second > 12 and first <= 12:
        first, second = second, first
    return date(year, second, first)


def _dateutil(text: str, *, dayfirst: bool, default: datetime) -> date | None:
    """Whatever dateutil reads in text (fields it lacks taken from default), or None."""
    from dateutil import parser  # imported late: most dates never need it, and it is slow to import

    try:
        return parser.parse(text, default=default, dayfirst=dayfirst).date()
    except (ValueError, OverflowError, TypeError):
        return None


# --- The dates pages print: stamps, bylines, metadata values --------------------------------------

# What an unknown date's missing fields default to when dateutil reads it (pages' dates need a year).
_NO_DATE = datetime(2000, 1, 1)
# English month names, full or abbreviated, for a case-insensitive pattern (longest first: "june" before "jun").
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Month names of the other languages pages print dates in ("15 mars 2024", "5. Juli 2024").
FOREIGN_MONTH = "(?:" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + r")\.?"
_PAGE_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    rf"""
      (?P<iso>\b\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)
    | (?P<mdy>\b{MONTH}\s+{_PAGE_DAY},?\s+\d{{4}}\b)
    | (?P<dmy>\b{_PAGE_DAY}\s+{MONTH},?\s+\d{{4}}\b)
    | (?P<foreign>\b(?:1er|\d{{1,2}})\.?\s+(?:de\s+)?{FOREIGN_MONTH}\s+(?:de\s+|del\s+)?\d{{4}}\b)
    | (?P<num>\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\b)
    | (?P<ymd>\b\d{{4}}/\d{{1,2}}/\d{{1,2}}\b)
    | (?P<cjk>\d{{4}}年\d{{1,2}}月\d{{1,2}}日)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def parse_date(text: str) -> date | None:
    """The date in a short date string (ISO, 'May 29, 2023', '29 May 2023', ...); None without a year."""
    match = DATE_RE.search(text)
    return _match_date(match) if match else None


def parse_date_value(value: str) -> date | None:
    """A date from a metadata value: any form above, else whatever dateutil reads with a year in it."""
    found = parse_date(value)
    if found or not re.search(r"\b\d{4}\b", value):
        return found
    found = _dateutil(value, dayfirst=False, default=_NO_DATE)
    return found if found and _plausible(found) else None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """(date, start, end) of each date a page prints in text, in order."""
    found = []
    for match in DATE_RE.finditer(text):
        value = _match_date(match)
        if value:
            found.append((value, match.start(), match.end()))
    return found


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
            value = day_first(first, second, year)
        elif kind == "foreign":
            value = _foreign_date(text)
        else:
            value = _month_name_date(text) or _dateutil(text, dayfirst=kind == "dmy", default=_NO_DATE)
    except ValueError:
        return None
    return value if value and _plausible(value) else None


_NAMED = re.compile(
    r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})"
)


def _month_name_date(text: str) -> date | None:
    # "May 29, 2023" and "29 May 2023" without dateutil: the common forms, read in microseconds.
    match = _NAMED.fullmatch(text)
    if not match:
        return None
    if match.group(1):
        month, day, year = MONTHS.get(match.group(1).lower()), match.group(2), match.group(3)
    else:
        day, month, year = match.group(4), MONTHS.get(match.group(5).lower()), match.group(6)
    return date(int(year), month, int(day)) if month else None


def _foreign_date(text: str) -> date | None:
    # "15 mars 2024", "5. Juli 2024", "3 de marzo de 2024", "1er mai 2024"
    parts = [p for p in re.split(r"[\s.]+", text.lower()) if p and p not in ("de", "del")]
    if len(parts) != 3:
        return None
    day, month, year = parts
    number = FOREIGN_MONTHS.get(month)
    day = day.removesuffix("er")
    return date(int(year), number, int(day)) if number and day.isdigit() else None


def _plausible(value: date) -> bool:
    return 1900 <= value.year <= date.today().year + 1


# --- Date expressions in text, resolved against the publication date ------------------------------

# As news writes them: capitalised, an abbreviation with its full stop ("May 26", "Sept. 30").
_MONTH = (
    "(?:"
    + "|".join(n.capitalize() for n in MONTH_NAMES)
    + "|"
    + "|".join(rf"{n.capitalize()}\." for names in _lines("MONTH") for n in names[1:])
    + ")"
)
_MONTH_NO_MAY = _MONTH.replace("|May", "")
_WEEKDAY = "(?:" + "|".join(n.capitalize() for n in WEEKDAY_NAMES) + ")"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9][0-9]|20[0-9][0-9])"
_NUM = (
    r"(?:[Aa]|[Aa]n|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven"
    r"|[Tt]welve|[0-9]{1,3})"
)
_UNIT = r"(?:day|week|month|year|decade)s?"
_PERIOD = r"(?:week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)"

# One alternation, longest forms first; the recognizer keeps the match as a DATE entity.
DATE_PATTERN = re.compile(
    r"(?<![\w$£€¥-])(?:"
    rf"{_YEAR}-[01][0-9]-[0-3][0-9]"  # ISO date
    rf"|{_YEAR}/[01]?[0-9]/[0-3]?[0-9]"  # 2023/05/29
    rf"|[0-3]?[0-9]([/.-])[01]?[0-9]\1{_YEAR}"  # 29/05/2023, 29.05.2023, 05-29-2023 (see _numeric)
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # May 26, 2023
    rf"|{_DAY}\s+{_MONTH}\s+{_YEAR}"  # 26 May 2023
    rf"|{_MONTH}-{_MONTH}"  # April-December
    rf"|{_MONTH}\s+{_YEAR}"  # December 2019
    rf"|{_MONTH}\s+{_DAY}(?![0-9])"  # May 26
    rf"|{_DAY}\s+{_MONTH}"  # 26 May
    rf"|(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming)\s+{_PERIOD}"
    rf"|(?:[Ll]ast|[Nn]ext|[Tt]his)\s+{_WEEKDAY}"
    rf"|(?:[Ll]ast|[Nn]ext|[Tt]his)\s+{_MONTH}"
    rf"|{_NUM}\s+{_UNIT}\s+ago"
    rf"|[Rr]ecent\s+(?:years|months|weeks|days|decades)"
    r"|[Yy]esterday|[Tt]omorrow|[Tt]oday"
    rf"|(?:1[89]|20)?[0-9]0s"  # the 1990s, the 80s
    rf"|{_WEEKDAY}"
    rf"|{_MONTH_NO_MAY}"
    rf"|{_YEAR}(?!\s*(?:%|per cent|percent|people|jobs|votes|units|tonnes|tons|km|miles|metres|"
    r"meters|troops|workers|members|cases|deaths|votes|seats|points|yards|feet|kg|[0-9]))"
    r")(?![\w%-])"
)

_WORD_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_ABS = re.compile(
    r"^(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]+)\.?(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<m3>[A-Za-z]+)\.?(?:,?\s+(?P<y3>\d{4}))?"
    r"|(?P<y4>\d{4})(?:-(?P<mm>\d{2})(?:-(?P<dd>\d{2}))?)?)$"
)
_REL = re.compile(r"^(?:(?P<adv>earlier|later)\s+)?(?P<which>this|last|next|past|previous|coming)\s+(?P<what>\w+)$")
_AGO = re.compile(r"^(?P<n>\w+)\s+(?P<unit>day|week|month|year|decade)s?\s+ago$")
_NUMERIC = re.compile(r"^(?:(\d{1,2})([/.-])(\d{1,2})\2(\d{4})|(\d{4})([/.-])(\d{1,2})\6(\d{1,2}))$")
_LEAD = re.compile(r"^(?:on|in|since|by|until|from|during|of|the)\s+", re.IGNORECASE)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_of(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _nearest_year(month: int, day: int | None, pub: date) -> int:
    """The year that puts month/day closest to the publication date (ties go to the past)."""
    best_year, best_gap = pub.year, None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(year, month, day or 15)
        except ValueError:
            d = date(year, month, 28)
        gap = abs((d - pub).days) + (0 if d <= pub else 1)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def _numeric(s: str) -> str | None:
    """All-number dates. Year first is year-month-day ("2023/05/29"); otherwise see day_first()."""
    m = _NUMERIC.match(s)
    if m is None:
        return None
    try:
        if m.group(5):
            return date(int(m.group(5)), int(m.group(7)), int(m.group(8))).isoformat()
        return day_first(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
    except ValueError:
        return None


@cache
def _relative():
    """dateutil's relativedelta and its weekdays Monday to Sunday, imported on first use: pages' dates never need them."""
    from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

    return relativedelta, (MO, TU, WE, TH, FR, SA, SU)


@lru_cache(maxsize=4096)
def normalise_date(text: str, published: date | None, future: bool = False) -> str | None:
    """ISO value of a date expression ("2023-05-29", "2023-01", "2022", "2023-W21"), or None.

    Relative expressions ("Monday", "last year", "in January") are resolved against
    `published`; without it they stay unknown. Vague ones ("recent years") stay unknown. A bare
    weekday is the latest such day up to the publication date, or with `future` (the sentence
    speaks of what will happen: "will take place on Saturday") the first one from it on.
    """
    relativedelta, weekday_rel = _relative()
    s = " ".join(text.split())
    s = _LEAD.sub("", s).strip().rstrip(".,")
    if isinstance(published, datetime):
        published = published.date()
    low = s.lower()
    if not s:
        return None
    if s[0].isdigit() and not s.isdigit():
        value = _numeric(s)
        if value is not None:
            return value
    m = _ABS.match(s)
    if m:
        if m.group("y4"):
            y = int(m.group("y4"))
            if m.group("dd"):
                try:
                    return date(y, int(m.group("mm")), int(m.group("dd"))).isoformat()
                except ValueError:
                    return None
            if m.group("mm"):
                mm = int(m.group("mm"))
                return f"{y:04d}-{mm:02d}" if 1 <= mm <= 12 else None
            return f"{y:04d}"
        name = m.group("m1") or m.group("m2") or m.group("m3")
        month = _month_of(name)
        if month is not None:
            d = m.group("d1") or m.group("d2")
            y = m.group("y1") or m.group("y2") or m.group("y3")
            day = int(d) if d else None
            if y:
                year = int(y)
            elif published is not None:
                year = _nearest_year(month, day, published)
            else:
                return None
            if day is None:
                return f"{year:04d}-{month:02d}"
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        wd = WEEKDAYS.get(low)
        if wd is not None and m.group("m3"):
            if published is None:
                return None
            # A bare weekday in news is the latest such day up to the publication date, or the
            # next one from it when the sentence is about the future.
            return (published + relativedelta(weekday=weekday_rel[wd](1 if future else -1))).isoformat()
    if published is None:
        return _fallback(s, None)
    if low in ("today", "tonight"):
        return published.isoformat()
    if low == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    m = _REL.match(low)
    if m:
        which, what = m.group("which"), m.group("what")
        step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
        if what in WEEKDAYS:
            rel = weekday_rel[WEEKDAYS[what]]
            if step < 0:
                return (published + relativedelta(days=-1, weekday=rel(-1))).isoformat()
            if step > 0:
                return (published + relativedelta(days=1, weekday=rel(1))).isoformat()
            return (published + relativedelta(weekday=rel(-1))).isoformat()
        if what in MONTHS:
            month = MONTHS[what]
            year = published.year + step
            if step == 0:
                year = _nearest_year(month, None, published)
            elif step < 0 and month < published.month:
                year = published.year
            elif step > 0 and month > published.month:
                year = published.year
            return f"{year:04d}-{month:02d}"
        if what == "year":
            return f"{published.year + step:04d}"
        if what == "month":
            d = published + relativedelta(months=step)
            return f"{d.year:04d}-{d.month:02d}"
        if what in ("week", "weekend"):
            return _iso_week(published + timedelta(weeks=step))
        if what == "decade" and step == 0:
            return None
        return None
    m = _AGO.match(low)
    if m:
        n = _WORD_NUM.get(m.group("n"))
        if n is None and m.group("n").isdigit():
            n = int(m.group("n"))
        if n is None:
            return None
        unit = m.group("unit")
        if unit == "year":
            return f"{published.year - n:04d}"
        if unit == "month":
            d = published - relativedelta(months=n)
            return f"{d.year:04d}-{d.month:02d}"
        if unit == "week":
            return _iso_week(published - timedelta(weeks=n))
        if unit == "day":
            return (published - timedelta(days=n)).isoformat()
        return None
    if low.startswith("recent") or low.endswith("0s"):
        return None
    return _fallback(s, published)


def _fallback(s: str, published: date | None) -> str | None:
    # Formats the rules above do not know ("29/05/2023", "2023.05.29"): dateutil, and only
    # when the text names a full calendar date, so a guess never passes for a resolution.
    if not re.search(r"\d{4}", s) or not re.search(r"\d{1,2}\D+\d{1,2}\D+\d{4}|\d{4}\D\d{1,2}\D\d{1,2}", s):
        return None
    default = datetime(published.year, published.month, published.day) if published else _NO_DATE
    value = _dateutil(s, dayfirst=True, default=default)
    return value.isoformat() if value else None

"""Countries as news names them: their spellings, demonyms and seats of government (data/countries.txt, read once)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "countries.txt"


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    countries: tuple[Country, ...]
    # Lookups by a spelling as it is matched (see fold()).
    by_name: dict[str, Country]
    by_demonym: dict[str, Country]
    by_seat: dict[str, tuple[Country, ...]]


def fold(text: str) -> str:
    """How a name is compared: case and dots ignored, spaces single ("U.S." == "us")."""
    return " ".join(text.replace(".", "").casefold().split())


def parse_countries(content: str) -> Places:
    countries = []
    for raw in content.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [[item.strip() for item in field.split(",") if item.strip()] for field in line.split(";")]
        fields += [[] for _ in range(3 - len(fields))]
        names, demonyms, seats = fields[:3]
        if names:
            countries.append(Country(names[0], tuple(names), tuple(demonyms), tuple(seats)))
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_seat: dict[str, tuple[Country, ...]] = {}
    for country in countries:
        for name in country.names:
            by_name.setdefault(fold(name), country)
            by_name.setdefault(fold(name.removeprefix("the ")), country)
        for demonym in country.demonyms:
            by_demonym.setdefault(fold(demonym), country)
        for seat in country.seats:
            key = fold(seat)
            if key in by_name and by_name[key] is country:
                continue  # a city state: the seat is the country's own name, not a metonym
            by_seat[key] = (*by_seat.get(key, ()), country)
    return Places(tuple(countries), by_name, by_demonym, by_seat)


@cache
def places() -> Places:
    return parse_countries(DATA.read_text(encoding="utf-8"))

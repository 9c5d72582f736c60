"""The built-in recognizer's word lists by name, read once from chipread/nlp/data (each list's meaning is there)."""

from __future__ import annotations

from .dates import MONTHS, SEASONS, WEEKDAYS
from .wordlists import words

__all__ = [
    "CITIES",
    "COMMON_WORDS",
    "COUNTRIES",
    "ENGLISH_FUNCTION_WORDS",
    "EVENTS",
    "EVENT_SUFFIXES",
    "FACILITIES",
    "FAC_SUFFIXES",
    "FOREIGN_FUNCTION_WORDS",
    "GIVEN_NAMES",
    "HONORIFICS",
    "LAW_SUFFIXES",
    "LOCATIONS",
    "LOC_OF_HEADS",
    "LOC_SUFFIXES",
    "MONTHS",
    "NAME_CONNECTORS",
    "NAME_WORDS",
    "NATIONALITIES",
    "NOT_ACRONYMS",
    "ORGANISATIONS",
    "ORG_DESCRIPTORS",
    "ORG_OF_HEADS",
    "ORG_SUFFIXES",
    "PERSON_PARTICLES",
    "PERSON_POSSESSED",
    "PERSON_VERBS",
    "ROLE_NOUNS",
    "SEASONS",
    "SURNAMES_FIRST",
    "TITLE_HEADS",
    "TITLE_MODIFIERS",
    "WEEKDAYS",
]


def _names(label: str) -> list[str]:
    return list(words("names", label))


def _shaping(label: str) -> frozenset[str]:
    return frozenset(words("name_words", label))


def _common(label: str) -> frozenset[str]:
    return frozenset(words("common_words", label))


# Names known without context (names.txt): the bundled gazetteer, in file order.
COUNTRIES = _names("COUNTRY")
CITIES = _names("CITY")
NATIONALITIES = _names("NATIONALITY")
ORGANISATIONS = _names("ORGANISATION")
LOCATIONS = _names("LOCATION")
FACILITIES = _names("FACILITY")
EVENTS = _names("EVENT")

# Words that shape a name (name_words.txt).
HONORIFICS = _shaping("HONORIFIC")
TITLE_HEADS = _shaping("TITLE_HEAD")
TITLE_MODIFIERS = _shaping("TITLE_MODIFIER")
ROLE_NOUNS = _shaping("ROLE_NOUN")
ORG_DESCRIPTORS = _shaping("ORG_DESCRIPTOR")
ORG_SUFFIXES = _shaping("ORG_SUFFIX")
ORG_OF_HEADS = _shaping("ORG_OF_HEAD")
LOC_SUFFIXES = _shaping("LOC_SUFFIX")
LOC_OF_HEADS = _shaping("LOC_OF_HEAD")
FAC_SUFFIXES = _shaping("FAC_SUFFIX")
EVENT_SUFFIXES = _shaping("EVENT_SUFFIX")
LAW_SUFFIXES = _shaping("LAW_SUFFIX")
NAME_CONNECTORS = _shaping("NAME_CONNECTOR")
PERSON_PARTICLES = _shaping("PERSON_PARTICLE")
GIVEN_NAMES = _shaping("GIVEN_NAME")
SURNAMES_FIRST = _shaping("SURNAME_FIRST")
NAME_WORDS = _shaping("NAME_WORD")
PERSON_VERBS = _shaping("PERSON_VERB")
PERSON_POSSESSED = _shaping("PERSON_POSSESSED")

# Words that are not names on their own, and English against other languages (common_words.txt).
COMMON_WORDS = _common("COMMON")
NOT_ACRONYMS = _common("NOT_ACRONYM")
ENGLISH_FUNCTION_WORDS = _common("ENGLISH_FUNCTION")
FOREIGN_FUNCTION_WORDS = _common("FOREIGN_FUNCTION")

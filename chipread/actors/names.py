"""Actor names: the key that groups spellings of one name, a guess at its kind, and the form to show."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chipread.nlp import lexicon
from chipread.nlp.tokenizer import tokenize

from .places import fold, places

_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s"})
_ARTICLES = frozenset({"the", "a", "an"})
# Inside a title: "Secretary of Commerce", "Minister for Trade and Industry".
_TITLE_GLUE = frozenset({"of", "for", "and", "the", "&", "-"})
_LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation co ltd limited llc llp lp plc nv bv ag sa se spa gmbh kk pty bhd holding holdings".split()
)


def _folded(words: frozenset[str] | list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


_HONORIFICS = _folded(lexicon.HONORIFICS)
_TITLES = _folded(lexicon.TITLE_HEADS) | _folded(lexicon.TITLE_MODIFIERS)
_TITLE_HEADS = _folded(lexicon.TITLE_HEADS)
_NATIONALITIES = _folded(lexicon.NATIONALITIES)
_COUNTRIES = _folded(lexicon.COUNTRIES)
_CITIES = _folded(lexicon.CITIES)
_ORG_LAST = _folded(lexicon.ORG_SUFFIXES) | _folded(lexicon.ORG_DESCRIPTORS) | _folded(lexicon.ORG_OF_HEADS)
_ORG_OF_HEADS = _folded(lexicon.ORG_OF_HEADS)
_ORGANISATIONS = _folded(lexicon.ORGANISATIONS)
_PARTICLES = _folded(lexicon.PERSON_PARTICLES)
_GIVEN = _folded(lexicon.GIVEN_NAMES) | _folded(lexicon.SURNAMES_FIRST)
_ROLES = _folded(lexicon.ROLE_NOUNS)


@dataclass(frozen=True, slots=True)
class Name:
    """What an actor span's text says about who it is."""

    key: str  # folded words: "qin gang" for "Chinese Foreign Minister Qin Gang"
    display: str  # as written, titles stripped: "Qin Gang"
    kind: str  # "person", "org", "place", "group" (a people: "Dutch"), or "" when nothing says
    titled: bool = False  # a title or honorific was stripped (so: a person)


@lru_cache(maxsize=65536)
def parse_name(text: str) -> Name:
    """Key, display form and kind of an actor's name as a span holds it."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    tokens = _apposition(text, list(tokenize(text)))
    while tokens and (fold(tokens[-1].text) in _POSSESSIVES or not any(c.isalnum() for c in tokens[-1].text)):
        tokens.pop()
    while tokens and (fold(tokens[0].text) in _ARTICLES or not any(c.isalnum() for c in tokens[0].text)):
        tokens.pop(0)
    if not tokens:
        return Name(fold(text), text, "")
    words = [fold(t.text) for t in tokens]
    shown = text[tokens[0].start : tokens[-1].end]
    whole = fold(shown)

    person = _person(text, tokens, words)
    if person is not None:
        return person
    country = places().by_name.get(whole)
    if country is not None:
        return Name(fold(country.name), shown, "place")
    if whole in _COUNTRIES or whole in _CITIES or whole in places().by_seat:
        return Name(whole, shown, "place")
    if words[-1] in _ORG_LAST or _of_head(words) is not None or whole in _ORGANISATIONS:
        return Name(_org_key(words), shown, "org")
    if whole in _NATIONALITIES or whole in places().by_demonym:
        return Name(whole, shown, "group")
    kind = "person" if words[0] in _GIVEN and len(words) > 1 and all(_name_like(t.text) for t in tokens) else ""
    return Name(whole, shown, kind)


def _apposition(text: str, tokens: list) -> list:
    """The name side of "Gina Raimondo, US Commerce Secretary" or "his counterpart, Yoshimasa Hayashi"."""
    for i, t in enumerate(tokens):
        if t.text in (",", "(", "–", "—"):
            left, right = tokens[:i], [r for r in tokens[i + 1 :] if r.text != ")"]
            if any(_name_like(x.text) and not _title_word(fold(x.text)) for x in left) or not right:
                return left
            return right
    return tokens


def _title_word(w: str) -> bool:
    """A word that may stand before a name as part of a title (not the name itself)."""
    return (
        w in _HONORIFICS
        or w in _TITLES
        or w in _ROLES
        or w in _NATIONALITIES
        or w in _COUNTRIES
        or w in _POSSESSIVES
        or w in _TITLE_GLUE
        or w in places().by_demonym
        or w in places().by_name
    )


def _person(text: str, tokens: list, words: list[str]) -> Name | None:
    """A title or honorific before a name: the name alone ("Chinese Foreign Minister Qin Gang" is "Qin Gang").

    The name starts after the last title head or honorific, once the rest of the title ("of Commerce") is
    passed; everything after that must read as a name.
    """
    heads = [i for i, w in enumerate(words) if w in _HONORIFICS or w in _TITLE_HEADS or w in _ROLES]
    if not heads:
        return None
    i = heads[-1] + 1
    while i < len(words) and (_title_word(words[i]) or words[i] == "-"):
        i += 1
    rest = tokens[i:]
    if not rest:
        # A role with no name ("the foreign minister"): a person, named by the role.
        shown = text[tokens[0].start : tokens[-1].end]
        return Name(" ".join(w for w in words if w not in _POSSESSIVES), shown, "person", True)
    if not all(_name_like(t.text) or t.text in ("-", "'", "’") for t in rest) or words[-1] in _ORG_LAST:
        return None
    shown = text[rest[0].start : rest[-1].end]
    return Name(fold(shown), shown, "person", True)


def _name_like(token: str) -> bool:
    first = token[:1]
    if not first.isalpha():
        return False
    return first.isupper() or not first.islower() or fold(token) in _PARTICLES


def _of_head(words: list[str]) -> int | None:
    """Where "<head> of" starts an organisation's name ("ministry of commerce"), if it does."""
    for i in range(len(words) - 2):
        if words[i + 1] == "of" and words[i] in _ORG_OF_HEADS:
            return i
    return None


def _org_key(words: list[str]) -> str:
    """One key for "the Chinese Ministry of Commerce", "China's commerce ministry", "Chinese commerce ministry"."""
    out: list[str] = []
    i = 0
    by_name, by_demonym = places().by_name, places().by_demonym
    while i < len(words):
        w = words[i]
        if w in _ARTICLES or w in _POSSESSIVES:
            i += 1
            continue
        for size in (4, 3, 2, 1):
            country = by_name.get(" ".join(words[i : i + size])) if i + size <= len(words) else None
            if country is not None:
                out.append(fold(country.name))
                i += size
                break
        else:
            country = by_demonym.get(w)
            out.append(fold(country.name) if country is not None else w)
            i += 1
    head = _of_head(out)
    if head is not None:
        # "<head> of <what>" reads as "<what> <head>": ministry of commerce = commerce ministry.
        out = out[:head] + out[head + 2 :] + [out[head]]
    while len(out) > 1 and out[-1] in _LEGAL_SUFFIXES:
        out.pop()
    return " ".join(out)


def wordlike(word: str) -> bool:
    """Letters, perhaps joined by hyphens or apostrophes ("jean-pierre", "o'brien"): what a name part is."""
    return word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def contained(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` opens or ends `long`, as a surname or a given name stands for a full name."""
    k = len(short)
    return 0 < k < len(long) and (long[:k] == short or long[-k:] == short)

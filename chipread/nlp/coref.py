"""Who a pronoun or a description refers to: the named mention a speaker link should take."""

from __future__ import annotations

from bisect import bisect_left

from chipread.model import Candidate, Entity

PERSON_PRONOUNS = frozenset("he she him her his hers himself herself".split())
GROUP_PRONOUNS = frozenset("it its itself they them their theirs themselves".split())
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | frozenset("i me my we us our you your".split())
RELATIVE_PRONOUNS = frozenset("who whom whose which".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our".split())
# Nouns that stand for an organisation or a government in news text ("the ministry said").
ORG_NOUNS = frozenset(
    "ministry department agency company firm group government administration campaign committee commission "
    "newspaper daily paper network broadcaster magazine outlet website channel station bank court council party "
    "office bureau organisation organization institute university union board team embassy regulator "
    "corporation business maker manufacturer giant".split()
)
# Nouns for a person ("the minister", "the spokeswoman", "the senator").
PERSON_NOUNS = frozenset(
    "minister spokesman spokeswoman spokesperson president senator governor candidate nominee official "
    "secretary chairman chairwoman chair director chief executive ceo founder leader lawmaker representative "
    "congressman congresswoman mayor ambassador prime premier chancellor general adviser advisor aide analyst "
    "professor economist lawyer attorney judge author reporter businessman businesswoman billionaire "
    "man woman".split()
)
_PERSONISH = ("PERSON",)
_ORGISH = ("ORG", "GPE", "NORP")


def is_pronoun(word: str) -> bool:
    return word.lower() in PRONOUNS


def mention_kind(words: list[str]) -> str | None:
    """ "person" or "group" for a pronoun or a description ("the ministry", "its spokeswoman"), else None."""
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PERSON_PRONOUNS:
        return "person"
    if len(words) == 1 and words[0].lower() in GROUP_PRONOUNS:
        return "group"
    if words[0].lower() not in _DETERMINERS or words[0][:1].isupper() and len(words) == 1:
        return None
    head = words[-1].lower()
    if head in PERSON_NOUNS:
        return "person"
    if head in ORG_NOUNS:
        return "group"
    return None


def referent(
    text: str, entities: tuple[Entity, ...] | list[Entity], starts: list[int], start: int, end: int
) -> Candidate | None:
    """The named mention that the pronoun or description at [start, end) refers to, or None.

    `starts` are the entities' start offsets (sorted, as Analysis keeps them). The rule is the news
    convention: a pronoun or a description points back to the last name of its kind before it (a person
    for "he" or "the minister", an organisation or a country for "it", "they" or "the ministry"); a
    description whose head noun is part of an organisation's name prefers that organisation ("the
    ministry" -> "the Ministry of Commerce").
    """
    words = text[start:end].split()
    kind = mention_kind(words)
    if kind is None:
        return None
    labels = _PERSONISH if kind == "person" else _ORGISH
    head = words[-1].lower()
    i = bisect_left(starts, start) - 1
    fallback: Entity | None = None
    seen = 0
    while i >= 0 and seen < 400:
        e = entities[i]
        i -= 1
        seen += 1
        if e.end > start or e.label not in labels:
            continue
        if kind == "group" and len(words) > 1 and head in e.text.lower().split():
            return Candidate(e.start, e.end, e.text, e.label, f"'{' '.join(words)}' names {e.text!r} above", 0.8)
        if fallback is None:
            fallback = e
            if kind == "person" or len(words) == 1:
                break
    if fallback is None:
        return None
    return Candidate(
        fallback.start,
        fallback.end,
        fallback.text,
        fallback.label,
        f"'{' '.join(words)}' refers to the last {'person' if kind == 'person' else 'organisation'} named",
        0.6,
    )

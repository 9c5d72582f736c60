"""Pronouns and descriptions: the word lists, and what kind of mention a phrase is (speakers.py resolves them)."""

from __future__ import annotations

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

"""Which actor each actor span is: the analyst's records first, then chipread's proposals.

Proposals join name keys (see names.py: titles, honorifics and possessives are already gone, so
"Mr Qin" and "Qin" are one key) when a file says so (gazetteer or alias file entries), and a short
person name into the one longer name that opens or ends with it ("Qin" into "Qin Gang"). A short
name that several longer ones contain ("Wang": Wang Wentao, Wang Yi) is left alone corpus-wide and
resolved per article instead, by the full name that article uses (the nearest before it, else
after it). Two stored records are never joined: that is the analyst's call, offered as a suggestion
only where metonymy ("Beijing" for China's government) or a shared name hints at it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .knowledge import Knowledge
from .model import Actor, ActorRecord, Mention, Suggestion
from .names import Name, contained, parse_name, wordlike
from .places import fold, places


class _Sets:
    """Union-find over name keys ("k:...") and records ("r:..."); a set holds at most one record."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.record: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        rec_a, rec_b = self.record.get(ra), self.record.get(rb)
        if rec_a is not None and rec_b is not None:
            return False  # two confirmed actors: only the analyst merges them
        self.parent[rb] = ra
        if rec_b is not None:
            self.record[ra] = rec_b
        return True


@dataclass
class Grouping:
    actors: dict[str, Actor] = field(default_factory=dict)
    actor_of: dict[str, str] = field(default_factory=dict)  # span id -> actor id
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)


# Pronouns name nobody by themselves (an imported corpus marks "he" or "who" as the source): one stands for
# the nearest name of its kind before it in its article (a person for he/she/who, an organisation or a
# place for it/they/which), as a proposal the analyst can split; "I", "we" and "you" (a column's author,
# a crowd) stay within their article. (The table cached on disk is stamped with book.SUMMARY_VERSION.)
_PERSON_REFERENCES = frozenset("he she him her his hers himself herself who whom whose".split())
_GROUP_REFERENCES = frozenset("it its itself they them their theirs themselves which".split())
_OWN_REFERENCES = frozenset("i me my we us our ours you your yours".split())
_REFERENCES = _PERSON_REFERENCES | _GROUP_REFERENCES | _OWN_REFERENCES


def provisional_id(key: str) -> str:
    """The id of a proposed actor, from its main name key (kept when it is confirmed)."""
    return "p-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def group(
    mentions: Sequence[Mention], records: Mapping[str, ActorRecord], knowledge: Knowledge | None = None
) -> Grouping:
    knowledge = knowledge or Knowledge()
    sets = _Sets()
    names: dict[str, Name] = {}
    key_of_text: dict[str, str] = {}
    # Mentions by name key: every later step works per distinct key, not per mention.
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = key_of_text.get(m.text)
        if key is None:
            name = parse_name(m.text)
            key = key_of_text[m.text] = name.key
            known = names.get(key)
            if known is None or (not known.kind and name.kind):
                names[key] = name
        by_key[key].append(m)
    counts = Counter({key: len(found) for key, found in by_key.items()})
    for key in by_key:
        sets.find("k:" + key)

    # 1. The analyst's records own their aliases and pinned spans.
    owner: dict[str, str] = {}
    pinned: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for record in sorted(records.values(), key=lambda r: r.id):
        node = "r:" + record.id
        sets.find(node)
        sets.record[node] = record.id
        for alias in record.aliases:
            if owner.setdefault(alias, record.id) == record.id:
                sets.join(node, "k:" + alias)
                if record.kind:
                    kinds.setdefault(alias, record.kind)
        for span_id in record.pins:
            pinned.setdefault(span_id, record.id)

    # 2. Names a gazetteer or the alias file puts together.
    for entry in knowledge.groups:
        keys = [parse_name(n).key for n in entry.names]
        for key in keys:
            kinds.setdefault(key, entry.kind)
            sets.find("k:" + key)
        for key in keys[1:]:
            sets.join("k:" + keys[0], "k:" + key)

    every_key = {node[2:] for node in sets.parent if node.startswith("k:")}

    def kind_of(key: str) -> str:
        if key in kinds:
            return kinds[key]
        name = names.get(key)
        return name.kind if name is not None else parse_name(key).kind

    def person_like(key: str) -> bool:
        kind = kind_of(key)
        return kind == "person" or (kind == "" and all(wordlike(w) for w in key.split()))

    # 3. A short name joins the one longer name it opens or ends ("Qin" -> "Qin Gang").
    longer: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key in every_key:
        words = tuple(key.split())
        if len(words) > 1 and person_like(key):
            for k in range(1, len(words)):
                longer[words[:k]].add(key)
                longer[words[-k:]].add(key)
    ambiguous: dict[str, set[str]] = {}
    for key in sorted(every_key, key=lambda k: (-len(k.split()), k)):
        words = tuple(key.split())
        holders = {c for c in longer.get(words, ()) if contained(words, tuple(c.split()))}
        if not holders or not person_like(key):
            continue
        own = sets.find("k:" + key)
        roots = {sets.find("k:" + c) for c in holders} - {own}
        if len(roots) == 1:
            sets.join("k:" + key, "k:" + next(iter(holders)))
        elif len(roots) > 1:
            ambiguous[key] = holders

    # 4. Each mention's set: pinned, else its key's; an ambiguous short name by its article's full name.
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for key in ambiguous:
        for m in by_key.get(key, ()):
            by_article[m.article_id] = []
    if by_article:
        for m in mentions:
            if m.article_id in by_article:
                by_article[m.article_id].append(m)
    members: dict[str, list[Mention]] = defaultdict(list)
    context: set[str] = set()
    referring = _referents(mentions, key_of_text, person_like, owner) if _REFERENCES & by_key.keys() else {}
    for key, found in by_key.items():
        node = sets.find("k:" + key)
        shared = key in ambiguous and key not in owner
        for m in found:
            if m.span_id in pinned:
                members[sets.find("r:" + pinned[m.span_id])].append(m)
                continue
            if m.span_id in referring:
                target = referring[m.span_id]
                members[sets.find(target)].append(m)
                if target.startswith("k:"):
                    context.add(m.span_id)
                continue
            if shared:
                full = _full_name_nearby(m, by_article[m.article_id], ambiguous[key], key_of_text)
                if full is not None:
                    members[sets.find("k:" + key_of_text[full.text])].append(m)
                    context.add(m.span_id)
                    continue
            members[node].append(m)

    # 5. Actors: one per set that holds a mention or a record.
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key in every_key:
        if counts[key] or key in owner:
            keys_of[sets.find("k:" + key)].append(key)
    roots = set(members) | {sets.find("r:" + r) for r in records}
    out = Grouping()
    id_of_root: dict[str, str] = {}
    for root in sorted(roots):
        record_id = sets.record.get(root)
        record = records.get(record_id) if record_id is not None else None
        group_mentions = tuple(sorted(members.get(root, ()), key=lambda m: (m.article_id, m.start, m.span_id)))
        keys = tuple(sorted(keys_of.get(root, ())))
        main = _main_key(keys, counts)
        if record is not None:
            actor_id, name, kind = record.id, record.name, record.kind or (kind_of(main) if main else "")
        else:
            actor_id = provisional_id(main or root)
            while actor_id in records:
                actor_id = provisional_id(actor_id)
            # A pronoun no name stands for in its article is shown as written ("I").
            shown = main or (key_of_text[group_mentions[0].text] if group_mentions else "")
            name = _display(shown, group_mentions, key_of_text, names)
            kind = kind_of(main) if main else ""
        new_keys = tuple(k for k in keys if k not in (record.aliases if record else ())) if record else ()
        out.actors[actor_id] = Actor(
            id=actor_id,
            name=name,
            kind=kind,
            stored=record is not None,
            keys=keys,
            new_keys=new_keys,
            mentions=group_mentions,
            by_context=tuple(m.span_id for m in group_mentions if m.span_id in context),
            surface=dict(Counter(m.text for m in group_mentions)),
            shared=tuple(k for k in keys if k in ambiguous),
        )
        id_of_root[root] = actor_id
        for m in group_mentions:
            out.actor_of[m.span_id] = actor_id

    def actor_of_key(key: str) -> str | None:
        if key not in every_key:
            return None
        return id_of_root.get(sets.find("k:" + key))

    for suggestion in _suggestions(out, ambiguous, every_key, actor_of_key):
        out.suggestions.setdefault(suggestion.actor, []).append(suggestion)
    return out


def _referents(mentions: Sequence[Mention], key_of_text: dict[str, str], person_like, owner) -> dict[str, str]:
    """For each pronoun mention no record owns: the set it joins, the nearest name before it in its article
    ("k:<key>"), else its article's own ("a:<article>:<pronoun>")."""
    in_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        in_article[m.article_id].append(m)
    out: dict[str, str] = {}
    for article_id, found in in_article.items():
        last_person = last_group = None
        for m in sorted(found, key=lambda m: (m.start, m.span_id)):
            key = key_of_text[m.text]
            if key not in _REFERENCES:
                if person_like(key):
                    last_person = key
                else:
                    last_group = key
                continue
            if key in owner:
                continue  # the analyst made this word an alias of a record: theirs to decide
            name = last_person if key in _PERSON_REFERENCES else last_group if key in _GROUP_REFERENCES else None
            out[m.span_id] = "k:" + name if name is not None else f"a:{article_id}:{key}"
    return out


def _full_name_nearby(m: Mention, same_article: list[Mention], holders: set[str], key_of_text: dict[str, str]):
    """The full name this short name stands for in its article: the nearest before it, else after it."""
    fulls = [o for o in same_article if key_of_text[o.text] in holders]
    before = [o for o in fulls if o.start < m.start]
    if before:
        return max(before, key=lambda o: o.start)
    return min(fulls, key=lambda o: o.start) if fulls else None


def _main_key(keys: Sequence[str], counts: Counter[str]) -> str:
    """The name key a group is known by: the fullest name, then the most used."""
    if not keys:
        return ""
    return max(keys, key=lambda k: (counts[k] > 0, len(k.split()), counts[k], k))


def _display(main: str, mentions: Iterable[Mention], key_of_text: dict[str, str], names: dict[str, Name]) -> str:
    shown: Counter[str] = Counter()
    for m in mentions:
        if key_of_text[m.text] == main:
            shown[parse_name(m.text).display] += 1
    if shown:
        return max(shown.items(), key=lambda item: (item[1], item[0]))[0]
    name = names.get(main)
    return name.display if name is not None else main


def _suggestions(out: Grouping, ambiguous: dict[str, set[str]], every_key: set[str], actor_of_key) -> list[Suggestion]:
    found: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()

    def offer(actor_id: str | None, target_id: str | None, reason: str) -> None:
        if actor_id is None or target_id is None or actor_id == target_id or (actor_id, target_id) in seen:
            return
        seen.add((actor_id, target_id))
        found.append(Suggestion(actor_id, target_id, reason))

    by_seat = places().by_seat
    for actor in out.actors.values():
        for key in actor.keys:
            for country in by_seat.get(key, ()):
                home = fold(country.name)
                targets = [k for k in every_key if k.startswith(home + " ") and k.endswith(" government")]
                targets.append(home)
                for target in targets:
                    offer(
                        actor.id,
                        actor_of_key(target),
                        f"{actor.name} may stand for the government of {country.name} (metonymy)",
                    )
    for key, holders in sorted(ambiguous.items()):
        for holder in sorted(holders):
            target = actor_of_key(holder)
            name = out.actors[target].name if target in out.actors else holder
            offer(actor_of_key(key), target, f"{key!r} may be {name} (a name several actors contain)")
    return found

"""Synthetic news for the actors and copies benchmarks: topics, outlets with boilerplate, planted wire copies.

Nothing here is committed data: every corpus is generated from a seed in a few seconds. Words are
made of syllables and drawn with Zipf frequencies, a third of them function words; articles on one
topic share its vocabulary and names, and every article carries its outlet's footer, so unrelated
articles overlap the way real ones do. A planted copy is an original with a different outlet's
boilerplate, its last paragraphs cut, words replaced and dropped, and sometimes two paragraphs
swapped (see `copy_of`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FUNCTION = (
    "the of and to in a that is was for on with as at by from it be are were has have had not but this which "
    "who will would said an or its their they he she we his her also after more than over about into been"
).split()
SYLLABLES = "ka ri to ma ne su lo vi pe da ko mi ra te no sa lu fe zo ba gi hu ya we xi qu ol an er in us".split()


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@dataclass
class World:
    """The vocabulary, topics and outlets articles are drawn from."""

    rng: random.Random
    vocab: list[str]
    weights: list[float]
    topics: list[tuple[list[str], list[str]]]  # (topic words, person names "Given Family")
    outlets: list[tuple[str, list[str]]]  # (outlet name, footer sentences)
    cum: list[float] = field(default_factory=list)
    # Zipf draws made in bulk (random.choices per word would dominate the generation time).
    pool: list[str] = field(default_factory=list)
    at: int = 0

    def zipf(self, rng: random.Random) -> str:
        if self.at >= len(self.pool):
            self.pool = rng.choices(self.vocab, cum_weights=self.cum, k=1 << 20)
            self.at = 0
        self.at += 1
        return self.pool[self.at - 1]

    @classmethod
    def make(cls, seed: int = 7, vocab_size: int = 30_000, topics: int = 1_000, outlets: int = 25) -> World:
        rng = random.Random(seed)
        vocab = list(dict.fromkeys(_word(rng, rng.randint(2, 4)) for _ in range(vocab_size * 2)))[:vocab_size]
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
        topic_list = []
        for _ in range(topics):
            words = rng.sample(vocab[200:], 40)
            names = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(8)]
            topic_list.append((words, names))
        outlet_list = []
        for _ in range(outlets):
            name = f"The {_word(rng, 3).title()} {rng.choice(['Times', 'Post', 'Herald', 'Daily', 'Wire'])}"
            footer = [
                f"Copyright {name}. All rights reserved.",
                f"Sign up for the {name} newsletter to get the {_word(rng, 2)} news every morning.",
            ]
            outlet_list.append((name, footer))
        world = cls(rng, vocab, weights, topic_list, outlet_list)
        total = 0.0
        for w in weights:
            total += w
            world.cum.append(total)
        return world

    def sentence(self, topic: int, rng: random.Random) -> str:
        words, names = self.topics[topic]
        out = []
        for _ in range(rng.randint(10, 26)):
            roll = rng.random()
            if roll < 0.34:
                out.append(rng.choice(FUNCTION))
            elif roll < 0.46:
                out.append(rng.choice(words))
            elif roll < 0.49:
                out.append(rng.choice(names))
            else:
                out.append(self.zipf(rng))
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def article(self, topic: int, outlet: int, rng: random.Random) -> list[str]:
        """Paragraphs: a headline, then body paragraphs, then the outlet's footer."""
        headline = self.sentence(topic, rng).rstrip(".")
        body = [
            " ".join(self.sentence(topic, rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(6, 14))
        ]
        return [headline, *body, *self.outlets[outlet][1]]


def copy_of(world: World, paragraphs: list[str], outlet: int, rng: random.Random, edit: float) -> list[str]:
    """A wire copy: another outlet's footer and a nav line, the last paragraphs cut (up to a third),
    each word replaced with probability `edit` and dropped with probability edit/2, two paragraphs
    swapped one time in three."""
    headline, body = paragraphs[0], paragraphs[1:-2]
    keep = max(3, len(body) - rng.randint(0, len(body) // 3))
    body = body[:keep]
    edited = []
    for para in body:
        words = []
        for w in para.split():
            roll = rng.random()
            if roll < edit:
                words.append(world.zipf(rng))
            elif roll < edit * 1.5:
                continue
            else:
                words.append(w)
        edited.append(" ".join(words))
    if len(edited) > 3 and rng.random() < 1 / 3:
        i, j = rng.sample(range(len(edited)), 2)
        edited[i], edited[j] = edited[j], edited[i]
    nav = "Home | News | World | Business | Subscribe"
    return [nav, headline, *edited, *world.outlets[outlet][1]]


@dataclass
class Corpus:
    texts: list[str]
    family: list[int]  # articles of one family are an original and its copies; -1: no copies
    edits: dict[int, float]  # copy index -> its edit rate


def make_corpus(n: int, copy_share: float = 0.04, seed: int = 7, world: World | None = None) -> Corpus:
    """n articles; about copy_share of them are planted copies (1 or 2 per original), edit rates 0-0.15."""
    world = world or World.make(seed)
    rng = random.Random(seed + 1)
    texts: list[str] = []
    family: list[int] = []
    edits: dict[int, float] = {}
    families = 0
    while len(texts) < n:
        topic, outlet = rng.randrange(len(world.topics)), rng.randrange(len(world.outlets))
        paragraphs = world.article(topic, outlet, rng)
        texts.append("\n\n".join(paragraphs))
        # An original gets 1.5 copies on average, so this share of originals makes copy_share of the articles.
        if rng.random() < copy_share / (1.5 * (1 - copy_share)) and len(texts) < n:
            fam = families
            families += 1
            family.append(fam)
            for _ in range(rng.randint(1, 2)):
                if len(texts) >= n:
                    break
                edit = rng.uniform(0.0, 0.15)
                other = (outlet + rng.randrange(1, len(world.outlets))) % len(world.outlets)
                edits[len(texts)] = edit
                texts.append("\n\n".join(copy_of(world, paragraphs, other, rng, edit)))
                family.append(fam)
        else:
            family.append(-1)
    return Corpus(texts, family, edits)


def planted_pairs(corpus: Corpus) -> set[tuple[int, int]]:
    """Every pair of articles in one family (original and copy, or two copies of one original)."""
    members: dict[int, list[int]] = {}
    for i, fam in enumerate(corpus.family):
        if fam >= 0:
            members.setdefault(fam, []).append(i)
    pairs = set()
    for group in members.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                pairs.add((group[x], group[y]))
    return pairs

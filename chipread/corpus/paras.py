"""Paragraphs of a page, how plain text splits into them, and small word helpers (sentences: chipread.nlp.sentences)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from chipread.model import Removed

# Closed-class words: a line ending in one of these is unfinished, a headline never ends in one.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at for from by with about into onto over under than as and or but nor
    that which who whom whose whether if because while although though so is are was were be been
    being has have had do does did will would shall should can could may might must its his her
    their our your my this these those such no not very also its""".split()
)

# Verbs that report speech, a finding or a stance: a paragraph using one is article text, whatever
# else it looks like (a caption, a credit, a prompt). One list for every guard in chipread.corpus.
# Forms that are mostly nouns ("states", "reports", "notes", "claims") are left out: a guard that
# fires on a headline's noun keeps boilerplate, which is the lesser failure, but needlessly.
# These are inflected forms of the cue lemmas of chipread/nlp/data/cues.txt (the one list of reporting
# verbs; "observed", "hinted" and "signalled" excepted), kept as forms: testing lemma(word) against the
# cue list instead would keep more paragraphs, so cleaned text, which article ids hash, would change.
REPORTING_VERBS = frozenset(
    """said says say saying told tells telling added adds stated stressed stresses noted argued argues
    explained explains insisted insists claimed asserted asserts announced announces declared declares
    confirmed confirms acknowledged acknowledges admitted admits reiterated reiterates emphasised emphasized
    emphasises emphasizes wrote writes replied responded countered conceded concedes predicted predicts
    suggested suggests estimated maintained recalled revealed disclosed indicated signalled signaled
    hinted observed remarked commented urged urges warned warns accused accuses criticised criticized
    condemned denied denies rejected dismissed blamed vowed pledged promised cautioned cautions alleged
    alleges complained complains testified testifies believe believes believed think thinks fear fears
    feared hope hopes hoped expect expects expected found finds showed shows concluded reported
    according""".split()
)
# Auxiliaries and modals as a sentence uses them (lower case: "May" and "Will" are names and months).
FINITE_AUXILIARIES = frozenset(
    """is are was were has have had will would can could may might must shall should does did
    isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't cannot couldn't
    mustn't shouldn't doesn't didn't""".split()
)
_WORD = re.compile(r"[A-Za-z][a-z’']*")

_BULLET = re.compile(r"^([-*+•·▪►◦‣–]|\d{1,2}[.)])\s+(?=\S)")
_SPACES = re.compile(r"[ ]{2,}")
CLOSERS = "\"'”’)]»›"  # closing quotes and brackets that may follow a sentence's last mark
_TERMINALS = ".!?…"


def reports_speech(text: str) -> bool:
    """Whether a paragraph uses a reporting or stance verb ('said', 'warned', 'believe', 'according to')."""
    return any(word in REPORTING_VERBS for word in _words(text))


def reads_as_prose(text: str) -> bool:
    """Whether a paragraph reads as a sentence of article text: it reports speech or has a finite auxiliary.

    Captions ("A worker (left) at the plant"), credits ("Reporting by Jane Doe") and labels
    ("Source: Kyodo") have neither; the rules that match their shapes ask this before firing.
    """
    return any(word in REPORTING_VERBS or word in FINITE_AUXILIARIES for word in _words(text))


# Past forms a sentence of a story uses where a caption or a headline uses the present ("fell", "met").
IRREGULAR_PAST = frozenset(
    """fell rose went came took made gave saw met left held led won lost sold bought grew began spoke wrote
    drove flew ran became brought thought felt kept struck fought sought paid hit cut set put got""".split()
)
# Words in -ed that are not verbs in the past.
_NOT_PAST = frozenset(
    "indeed speed need needed proceed exceed succeed breed seed feed weed greed steed hundred".split()
)


def past_verb(word: str) -> bool:
    """'delayed', 'fell': a lower-case word in the past tense (a guess from its shape; participles count too)."""
    if word in IRREGULAR_PAST:
        return True
    return word.endswith("ed") and len(word) > 4 and "-" not in word and word not in _NOT_PAST


def narrates(text: str) -> bool:
    """Whether a paragraph tells what happened: reads_as_prose, or a verb in the past ('the board delayed its vote')."""
    return any(word in REPORTING_VERBS or word in FINITE_AUXILIARIES or past_verb(word) for word in _words(text))


def _words(text: str) -> list[str]:
    # Lower-case words as written: "May" and "Will" (names, months) are not the auxiliaries.
    return [w.replace("’", "'") for w in _WORD.findall(text) if not w[0].isupper() or w in ("According",)]


@dataclass(slots=True, eq=False)  # identity, not value: two identical paragraphs are two paragraphs
class Para:
    """One paragraph (or list item, heading, menu line) of a page, and what cleaning decided about it."""

    text: str
    block: int = 0  # paragraphs of one blank-line block (or one HTML list) share a number
    heading: int = 0  # 1-6 when the page marked it as a heading
    bullet: str = ""  # list marker seen in the source; "" when none or the page had no visible marker
    item: bool = False  # a list item (bulleted text line, <li>, markdown list)
    link_only: bool = False  # the whole paragraph was link text
    kind: str | None = None  # set when cleaning removes it: navigation, caption, ...
    notes: list[Removed] = field(default_factory=list)  # pieces cut from inside it (dateline, credit)
    words: int = field(init=False, default=0)  # read on every rule: counted once, and again in set()

    def __post_init__(self) -> None:
        self.words = self.text.count(" ") + 1 if self.text else 0

    def set(self, text: str) -> None:
        self.text = text
        self.words = text.count(" ") + 1 if text else 0

    @property
    def full(self) -> str:
        return f"{self.bullet} {self.text}" if self.bullet else self.text


@dataclass(slots=True)
class Hints:
    """What a page's markup or a record states outright; it wins over what the text suggests."""

    headline: str | None = None  # the page's own headline: <h1>, "# ...", front matter, og:title
    source: str | None = None
    published: date | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)  # what markup extraction dropped
    warnings: list[str] = field(default_factory=list)


_BLANK_LINES = re.compile(r"\n[ ]*\n")
_BULLET_STARTS = frozenset("-*+•·▪►◦‣–0123456789")


def split_plain(text: str) -> list[Para]:
    """Split plain text into paragraphs: blank lines separate blocks; a hard-wrapped block is one paragraph."""
    paras: list[Para] = []
    for number, block in enumerate(_BLANK_LINES.split(text)):
        if "\n" in block:
            lines = [(_SPACES.sub(" ", line) if "  " in line else line).strip() for line in block.split("\n")]
            lines = [line for line in lines if line]
            if not lines:
                continue
            if _is_wrapped(lines):
                paras.append(Para(" ".join(lines), block=number))
                continue
        else:
            # Most blocks are one line: skip the list building above.
            line = (_SPACES.sub(" ", block) if "  " in block else block).strip()
            if not line:
                continue
            lines = [line]
        for line in lines:
            marker = _BULLET.match(line) if line[0] in _BULLET_STARTS else None
            if marker:
                paras.append(Para(line[marker.end() :], block=number, bullet=marker.group(1), item=True))
            else:
                paras.append(Para(line, block=number))
    return paras


def _is_wrapped(lines: list[str]) -> bool:
    # Hard-wrapped prose: every line but the last is long, none is a list item, and some line
    # stops mid-sentence (lines that each end a sentence are separate paragraphs, not wrapping).
    if len(lines) < 2 or any(_BULLET.match(line) for line in lines):
        return False
    body = lines[:-1]
    if any(len(line) < 40 or len(line) > 100 for line in body):
        return False
    return any(not ends_sentence(line) for line in body)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINALS


def last_word(text: str) -> str:
    parts = text.rsplit(" ", 1)
    return parts[-1].strip(CLOSERS + ",;:").lower()


def is_prose(p: Para) -> bool:
    """A paragraph of running text: a sentence or more (or a long line that is clearly not a menu)."""
    n = p.words
    if n >= 25:
        return True
    if n < 5:
        return False
    return ends_sentence(p.text) or p.text.endswith(":")

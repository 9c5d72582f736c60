"""Find headlines of other stories that a scraper spliced into running text without punctuation.

A candidate is a place inside a sentence where a new sentence seems to start although the last
one never ended ("... Japan lawmaker says Last week, Tokyo ..."). What came before it, back to
the sentence's start, is cut out only when it is shaped like a headline (Title Case, "..., X
says", "How X aims to Y") and the article does not use those words as running text anywhere
else. Otherwise the paragraph is only split there: a sentence whose full stop the scrape lost
("... residents of the city Last year ...") keeps every word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from chipread.corpus.paras import FUNCTION_WORDS, REPORTING_VERBS, past_verb, reads_as_prose
from chipread.nlp.dates import MONTHS, WEEKDAY_NAMES
from chipread.nlp.sentences import sentence_spans

# Words that, capitalised straight after a lower-case word with no punctuation between, start a
# new sentence ("... Japan lawmaker says Last week, Tokyo ..."). Not "I": "the kind of thing I
# would" is one sentence.
OPENERS = frozenset(
    """the a an in on at last this that these those it he she they we but and however meanwhile
    earlier later according after before while when as if since although despite under over for
    with its his her their our there such some many most both still yet also then now by from
    during until""".split()
)
# ... except after words that introduce a title ("a film called The Host").
_TITLE_INTRO = frozenset(
    """called named titled entitled dubbed film movie book novel song album show series magazine
    newspaper paper play programme program documentary exhibition headlined""".split()
)
# An opener followed by another capitalised word begins a name or a title ("The Hague", "Under
# Pressure"), unless that word is a month or a day ("In October, ...", "On Monday ...").
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAY_NAMES)
# The last word of a headline like "..., Japan lawmaker says" (present tense: headlines' tense).
_HEADLINE_SAYS = frozenset("says say warns warn tells urges claims insists reports vows denies".split())
# ... and of a sentence that ran into the next one ("..., the minister said Last week").
_SAYS = _HEADLINE_SAYS | {"said", "told", "added", "warned"}
# A clause, not a speaker, follows the comma: "..., which says".
_PRONOUNS = frozenset("who which that he she it they we i and but or as".split())
# A headline names its speaker without an article ("Japan lawmaker says"); prose has one ("the minister says").
_ARTICLES = frozenset("the a an his her their its our this that these those".split())
_TITLES = frozenset(
    """mr mrs ms dr prof president minister secretary chancellor premier governor senator
    representative rep sen gov general chief chairman chairwoman chair ceo spokesman spokeswoman
    spokesperson ambassador king queen prince princess pope judge justice mayor commissioner
    director leader deputy vice foreign prime trade commerce finance defence defense""".split()
)
_WH = frozenset("how why what where when who".split())
# Headlines drop articles and auxiliaries and put past events in the present ("exports fall"); a
# sentence of a story has an article, an auxiliary, a reporting verb or a verb in the past.
_ARTICLE_WORDS = frozenset("the a an".split())
_SMALL = frozenset("a an the of to in on at for and or but with by from as vs via into over up off per nor".split())
_CLEAN = re.compile(r"^[\"“‘'(\[]+|[\"”’'),.;:!?\]]+$")

MIN_HEADLINE_WORDS = 5
MAX_HEADLINE_WORDS = 25
# Each headline-shaped piece is looked for in the whole article; a bounded number per article keeps
# a pathological page linear. Beyond it, pieces are only split, never cut.
MAX_HEADLINE_CHECKS = 20


@dataclass(frozen=True, slots=True)
class Splice:
    """text[start:end] ran into the next sentence, which starts at end."""

    start: int
    end: int
    headline: bool  # another story's headline: cut it out; otherwise only split the paragraph at end


class DocumentWords:
    """The article's text, with counts of its words and word pairs computed once when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: Counter[str] | None = None
        self._pairs: Counter[tuple[str, str]] | None = None
        self.checks = 0

    def _count(self) -> None:
        words = [_CLEAN.sub("", w) for w in self.text.split()]
        self._words = Counter(words)
        self._pairs = Counter(zip(words, words[1:]))

    def word(self, w: str) -> int:
        if self._words is None:
            self._count()
        return self._words[w]  # type: ignore[index]

    def pair(self, a: str, b: str) -> int:
        if self._pairs is None:
            self._count()
        return self._pairs[(a, b)]  # type: ignore[index]

    def once(self, piece: str) -> bool | None:
        """Whether piece occurs exactly once in the article; None when the budget of searches is spent."""
        if self.checks >= MAX_HEADLINE_CHECKS:
            return None
        self.checks += 1
        first = self.text.find(piece)
        return first >= 0 and self.text.find(piece, first + 1) < 0


class _Quotes:
    """Whether a position is inside a quotation, counted forward through one paragraph (linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.curly = 0  # “ minus ”
        self.straight = 0  # " seen

    def open_at(self, position: int) -> bool:
        if position > self.at:
            chunk = self.text[self.at : position]
            self.curly += chunk.count("“") - chunk.count("”")
            self.straight += chunk.count('"')
            self.at = position
        return self.curly > 0 or self.straight % 2 == 1


def find_spliced(text: str, words: DocumentWords) -> list[Splice]:
    """Places where a sentence ran into the next; each starts a sentence (never the paragraph's first)."""
    found = []
    quotes = _Quotes(text)
    for start, end in sentence_spans(text)[1:]:
        if quotes.open_at(start):
            continue  # inside a quotation that runs over several sentences: its words are someone's
        cut = _splice_point(text[start:end], words)
        if cut is None or quotes.open_at(start + cut):
            continue
        piece = text[start : start + cut].strip()
        found.append(Splice(start, start + cut, _headline(piece, words)))
    return found


def _splice_point(sentence: str, words: DocumentWords) -> int | None:
    # Only the first words can end a spliced headline; split no further than that (this runs on every sentence).
    tokens = sentence.split(" ", MAX_HEADLINE_WORDS + 2)[: MAX_HEADLINE_WORDS + 2]
    last = min(len(tokens) - 4, MAX_HEADLINE_WORDS)
    for i in range(MIN_HEADLINE_WORDS, last + 1):
        prev, cur = tokens[i - 1], tokens[i]
        if not cur or not prev or not (cur[0].isupper() and cur[0].isalpha() and prev[-1].isalnum()):
            continue
        if prev.lower() in FUNCTION_WORDS:
            continue
        if (
            _opener(prev, cur, tokens[i + 1])
            or _says(tokens, i)
            or _title_run(tokens, i)
            or _name_then_verb(prev, cur, tokens[i + 1], words)
        ):
            return sum(len(t) + 1 for t in tokens[:i])
    return None


def _opener(prev: str, cur: str, nxt: str) -> bool:
    if not prev[0].islower() or cur.lower() not in OPENERS or prev.lower() in _TITLE_INTRO:
        return False
    # "said The Hague", "played Under Pressure": a capitalised word starting a name or title, not a sentence.
    return not (nxt[:1].isupper() and _CLEAN.sub("", nxt).lower() not in _CALENDAR)


def _title_run(tokens: list[str], i: int) -> bool:
    # "Council Votes To Raise Fees Across the City The mayor said ...": a Title Case run, then a
    # sentence opener and a lower-case word. The run's last word is capitalised, so _opener cannot see it.
    cur, nxt = tokens[i], tokens[i + 1]
    return cur.lower() in OPENERS and nxt[:1].islower() and _title_case(tokens[:i])


def _says(tokens: list[str], i: int) -> bool:
    # "<headline>, <one to four words> says <Capital>": prose puts a full stop after "says".
    return _speaker_start(tokens[:i], _SAYS) is not None


def _speaker_start(tokens: list[str], verbs: frozenset[str] | set[str]) -> int | None:
    """Index of the first word of the speaker in '..., <speaker> says', or None."""
    if not tokens or tokens[-1].lower() not in verbs:
        return None
    for j in range(len(tokens) - 2, max(-1, len(tokens) - 7), -1):
        word = tokens[j]
        if word.endswith(","):
            speaker = j + 1
            if speaker < len(tokens) - 1 and tokens[speaker].lower() not in _PRONOUNS:
                return speaker
            return None
        if not word or not word[-1].isalnum():
            return None
    return None


def _name_then_verb(prev: str, cur: str, nxt: str, words: DocumentWords) -> bool:
    # "... rein in China Hayashi stressed ...": two names run together where a sentence starts.
    # Only when the article itself shows they are separate: each occurs elsewhere, the pair never,
    # and a reporting verb follows the second. Evidence of a sentence start, never of a headline.
    if not prev[0].isupper() or nxt.lower().strip(",") not in REPORTING_VERBS or not cur.isalpha():
        return False
    if prev.lower() in _TITLES or prev.lower() in FUNCTION_WORDS:
        return False
    a, b = _CLEAN.sub("", prev), _CLEAN.sub("", cur)
    return words.pair(a, b) == 1 and words.word(a) >= 3 and words.word(b) >= 2


def _headline(piece: str, words: DocumentWords) -> bool:
    """Whether a piece that ran into the next sentence is shaped like another story's headline."""
    tokens = piece.split()
    if len(tokens) < MIN_HEADLINE_WORDS or piece.count('"') % 2 or piece.count("“") != piece.count("”"):
        return False
    if not (_says_headline(tokens) or _title_case(tokens) or _wh_headline(tokens, piece) or _headlinese(tokens, piece)):
        return False
    return bool(words.once(piece))


def _says_headline(tokens: list[str]) -> bool:
    # "Be ready to face China wrath over chip export curbs, Japan lawmaker says"
    speaker = _speaker_start(tokens, _HEADLINE_SAYS)
    return speaker is not None and tokens[speaker].lower() not in _ARTICLES


def _title_case(tokens: list[str]) -> bool:
    # "China Pushes Japan To Lift Restrictions On Chip Exports": every word that is not a small word capitalised.
    content = [_CLEAN.sub("", t) for t in tokens if _CLEAN.sub("", t).lower() not in _SMALL]
    content = [t for t in content if t]
    return len(content) >= 4 and all(t[0].isupper() or t[0].isdigit() for t in content) and tokens[0][0].isupper()


def _wh_headline(tokens: list[str], piece: str) -> bool:
    # "How US-led alliance aims to mend Japan-South Korea ties": an explainer's headline, no question
    # mark, no verb a sentence would need ("How the deal works is unclear" has "is").
    return tokens[0].lower() in _WH and "?" not in piece and not reads_as_prose(piece)


def _headlinese(tokens: list[str], piece: str) -> bool:
    # "South Korea's chip exports fall for ninth straight month": no article, no auxiliary, no verb in the past.
    if not tokens[0][0].isupper() or reads_as_prose(piece):
        return False
    for token in tokens:
        word = _CLEAN.sub("", token).lower()
        if word in _ARTICLE_WORDS or past_verb(word):
            return False
    return True

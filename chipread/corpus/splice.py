"""Find headlines of other stories that a scraper spliced into running text without punctuation."""

from __future__ import annotations

import re
from collections import Counter

from chipread.corpus.paras import FUNCTION_WORDS, sentence_spans

# Words that, capitalised straight after a lower-case word with no punctuation between, can only
# start a new sentence ("... Japan lawmaker says Last week, Tokyo ...").
OPENERS = frozenset(
    """the a an in on at last this that these those it he she they we i but and however meanwhile
    earlier later according after before while when as if since although despite under over for
    with its his her their our there such some many most both still yet also then now on by from
    during until""".split()
)
_DETERMINERS = frozenset("the a an this that these those its his her their our".split())
# ... except after words that introduce a title ("a film called The Host").
_TITLE_INTRO = frozenset(
    """called named titled entitled dubbed film movie book novel song album show series magazine
    newspaper paper play programme program documentary exhibition headlined""".split()
)
REPORTING = frozenset(
    """said says told stressed added noted urged warned insisted argued explained wrote announced
    stated emphasised emphasized reiterated pledged vowed claimed cautioned acknowledged asserted
    declared""".split()
)
# The last words of a headline like "..., Japan lawmaker says".
_HEADLINE_SAYS = frozenset("says say said warns warn tells urges claims insists reports".split())
_PRONOUNS = frozenset("who which that he she it they we i and but or as".split())
_TITLES = frozenset(
    """mr mrs ms dr prof president minister secretary chancellor premier governor senator
    representative rep sen gov general chief chairman chairwoman chair ceo spokesman spokeswoman
    spokesperson ambassador king queen prince princess pope judge justice mayor commissioner
    director leader deputy vice foreign prime trade commerce finance defence defense""".split()
)
_CLEAN = re.compile(r"^[\"“‘'(\[]+|[\"”’'),.;:!?\]]+$")

MIN_HEADLINE_WORDS = 5
MAX_HEADLINE_WORDS = 25


class DocumentWords:
    """Counts of words and word pairs in the whole article, computed once when first needed."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: Counter[str] | None = None
        self._pairs: Counter[tuple[str, str]] | None = None

    def _count(self) -> None:
        words = [_CLEAN.sub("", w) for w in self._text.split()]
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


def find_spliced(text: str, words: DocumentWords) -> list[tuple[int, int]]:
    """Character spans of spliced headlines: each starts a sentence (never the paragraph's first)."""
    found = []
    for start, end in sentence_spans(text)[1:]:
        cut = _splice_point(text[start:end], words)
        if cut is not None:
            found.append((start, start + cut))
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
        if _opener(prev, cur, tokens[i + 1]) or _says(tokens, i) or _name_then_verb(prev, cur, tokens[i + 1], words):
            return sum(len(t) + 1 for t in tokens[:i])
    return None


def _opener(prev: str, cur: str, nxt: str) -> bool:
    if not prev[0].islower() or cur.lower() not in OPENERS or prev.lower() in _TITLE_INTRO:
        return False
    # "said The Hague", "said The Japan Times": a capitalised article starting a name, not a sentence.
    return not (cur.lower() in _DETERMINERS and nxt[:1].isupper())


def _says(tokens: list[str], i: int) -> bool:
    # "<headline>, <one to four words> says <Capital>": prose puts a full stop after "says".
    if tokens[i - 1].lower() not in _HEADLINE_SAYS:
        return False
    for j in range(i - 2, max(0, i - 7), -1):
        word = tokens[j]
        if word.endswith(","):
            return j + 1 < i - 1 and tokens[j + 1].lower() not in _PRONOUNS
        if not word or not word[-1].isalnum():
            return False
    return False


def _name_then_verb(prev: str, cur: str, nxt: str, words: DocumentWords) -> bool:
    # "... rein in China Hayashi stressed ...": two names run together where a sentence starts.
    # Only when the article itself shows they are separate: each occurs elsewhere, the pair never.
    if not prev[0].isupper() or nxt.lower().strip(",") not in REPORTING or not cur.isalpha():
        return False
    if prev.lower() in _TITLES or prev.lower() in FUNCTION_WORDS:
        return False
    a, b = _CLEAN.sub("", prev), _CLEAN.sub("", cur)
    return words.pair(a, b) == 1 and words.word(a) >= 3 and words.word(b) >= 2

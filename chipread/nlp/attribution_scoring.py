"""Scores attribution suggestions against a reference: contents found, speakers right, both together."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from . import lexicon as L

Range = tuple[int, int]

_QUOTE_MARKS = "\"“”„«»'‘’‚"
_HOST = ",.;:"
# Capitalised words that do not name anyone: determiners opening a sentence, titles and honorifics.
_TITLES = L.HONORIFICS | L.TITLE_HEADS | L.TITLE_MODIFIERS
_NOT_NAMES = frozenset("The A An This That These Those His Her Its Their Our My Your He She It They We I".split())


@dataclass(frozen=True)
class Attribution:
    """One attribution: its content (fragments, end exclusive), its source (or None) and whether the content is a
    direct quotation."""

    content: tuple[Range, ...]
    source: tuple[Range, ...] | None
    direct: bool

    @property
    def extent(self) -> Range:
        return min(a for a, _ in self.content), max(b for _, b in self.content)


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0  # predictions matched to a reference content
    matched_gold: int = 0  # reference contents matched to a prediction
    exact: int = 0
    exact_gold: int = 0

    def prf(self, exact: bool = False) -> tuple[float, float, float]:
        p_hit, r_hit = (self.exact, self.exact_gold) if exact else (self.matched, self.matched_gold)
        p = p_hit / self.predicted if self.predicted else 0.0
        r = r_hit / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    """Totals over a reference: content found (all / direct / indirect), speakers and end-to-end."""

    all: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)
    indirect: Counts = field(default_factory=Counts)
    quotations: int = 0  # quotations in the reference's direct contents (a quote interrupted by "he said" is two)
    whole_quotes: int = 0  # of those, found with their exact words by a suggested quote
    speaker_judged: int = 0  # matched contents whose reference names a source
    speaker_right: int = 0
    speaker_exact: int = 0
    end_to_end: int = 0  # reference contents found with the speaker right (or rightly none)
    end_to_end_predicted: int = 0  # suggestions right in content and speaker (pieces of one content count each)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, document, detail)

    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_judged if self.speaker_judged else 0.0

    def end_to_end_prf(self) -> tuple[float, float, float]:
        p = self.end_to_end_predicted / self.all.predicted if self.all.predicted else 0.0
        r = self.end_to_end / self.all.gold if self.all.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        def block(c: Counts) -> dict:
            p, r, f = c.prf()
            ep, er, ef = c.prf(exact=True)
            return {
                "gold": c.gold,
                "predicted": c.predicted,
                "overlap": {"p": p, "r": r, "f1": f},
                "exact": {"p": ep, "r": er, "f1": ef},
            }

        p, r, f = self.end_to_end_prf()
        return {
            "content": block(self.all),
            "direct": block(self.direct),
            "indirect": block(self.indirect),
            "whole_quotes_recall": self.whole_quotes / self.quotations if self.quotations else 0.0,
            "speaker_accuracy": self.speaker_accuracy(),
            "speaker_exact": self.speaker_exact / self.speaker_judged if self.speaker_judged else 0.0,
            "end_to_end": {"p": p, "r": r, "f1": f},
        }


def _chars(text: str, ranges: Iterable[Range]) -> set[int]:
    return {i for a, b in ranges for i in range(a, b) if text[i].isalnum()}


def _core(text: str, r: Range) -> str:
    """A content's words without the marks and host punctuation conventions differ on."""
    piece = text[r[0] : r[1]].strip()
    while piece and (piece[0] in _QUOTE_MARKS or piece[-1] in _QUOTE_MARKS + _HOST or piece[-1].isspace()):
        piece = piece[1:] if piece[0] in _QUOTE_MARKS else piece[:-1]
        piece = piece.strip()
    return piece


def name_words(text: str, ranges: Sequence[Range]) -> set[str]:
    """The capitalised words of a mention that can name someone ("Mr Qin Gang" -> {"Qin", "Gang"}).

    A capitalised word that opens a sentence counts only when the text also capitalises it elsewhere in
    mid-sentence ("Obama" yes, "Companies" no)."""
    words = set()
    for a, b in ranges:
        for m in _WORD.finditer(text, a, b):
            w = m.group().replace("’s", "").replace("'s", "")
            if not w[:1].isupper() or w in _NOT_NAMES or w in _TITLES:
                continue
            if _sentence_initial(text, m.start()) and not _capitalised_mid_sentence(text, w):
                continue
            words.add(w)
    return words


_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and (text[j].isspace() or text[j] in _QUOTE_MARKS or text[j] in "(["):
        j -= 1
    return j < 0 or text[j] in ".!?:\n"


def _capitalised_mid_sentence(text: str, word: str) -> bool:
    for m in re.finditer(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text):
        if not _sentence_initial(text, m.start()):
            return True
    return False


_PERSON_WORDS = frozenset("he she him her his hers himself herself".split())
_GROUP_WORDS = frozenset("it its itself they them their theirs themselves".split())
Labeller = Callable[[Range], "str | None"]


def _antecedent(
    text: str, gold: Sequence[Attribution], source: Sequence[Range], label_of: Labeller | None = None
) -> set[str]:
    """The names a pronoun or description source stands for: those of the nearest named source before it.

    With `label_of` (the entity type of a range, from a recognizer), "he"/"she" look back for a person
    and "it"/"they" for an organisation, country or group, so "he" after "Republican polls" still
    finds the man named before them."""
    at = source[0][0]
    words = text[source[0][0] : source[-1][1]].lower().split()
    want: tuple[str, ...] = ()
    if label_of is not None and words:
        if words[-1] in _PERSON_WORDS:
            want = ("PERSON",)
        elif words[-1] in _GROUP_WORDS:
            want = ("ORG", "GPE", "NORP")
    best: tuple[int, set[str]] | None = None
    for g in gold:
        if not g.source or g.source[0][0] >= at:
            continue
        names = name_words(text, g.source)
        if not names or (best is not None and g.source[0][0] <= best[0]):
            continue
        if want and label_of is not None and label_of((g.source[0][0], g.source[-1][1])) not in want:
            continue
        best = (g.source[0][0], names)
    return best[1] if best else set()


def speaker_is_right(
    text: str,
    gold_all: Sequence[Attribution],
    gold: Attribution,
    speaker: Range | None,
    label_of: Labeller | None = None,
) -> bool:
    """Right when the speaker overlaps the reference source or, where the reference marks a pronoun or a
    description, names the entity it refers to (the nearest named source of its kind before it)."""
    if gold.source is None:
        return speaker is None
    if speaker is None:
        return False
    if _chars(text, [speaker]) & _chars(text, gold.source):
        return True
    if _names_someone(text, gold.source):
        return False
    relative = _relative_antecedent(text, gold.source)
    if relative is not None:
        return bool(_chars(text, [speaker]) & _chars(text, [relative]))
    return bool(name_words(text, [speaker]) & _antecedent(text, gold_all, gold.source, label_of))


_RELATIVES = frozenset("who whom which that".split())


def _abbreviation(word: str) -> bool:
    """ "Mr.", "Sen.", "U.S.", "W.": a full stop that ends no sentence."""
    return word.rstrip(".") in _TITLES or "." in word[:-1] or len(word) <= 2


def _relative_antecedent(text: str, source: Sequence[Range]) -> Range | None:
    """For a source that is a relative pronoun ("the European Union, which said ..."), the words it refers to:
    the phrase right before it, up to six words back within its clause."""
    a, b = source[0][0], source[-1][1]
    if text[a:b].strip().lower() not in _RELATIVES:
        return None
    end = a
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in ",—–-"):
        end -= 1
    line_start = text.rfind("\n", 0, end) + 1
    words = list(re.finditer(r"\S+", text[line_start:end]))[-6:]
    start = end
    for m in reversed(words):
        word = m.group()
        if start < end and (word[-1] in ",;:!?" or (word.endswith(".") and not _abbreviation(word))):
            break  # the end of the clause before
        start = line_start + m.start()
    return (start, end) if end > start else None


def _names_someone(text: str, source: Sequence[Range]) -> bool:
    """Does a reference source name its speaker, rather than describe them? A description may hold names that
    only qualify its head ("the New York businessman", "The Republican nominee"): a source names someone when
    one of its comma-separated parts, brackets aside, ends in a name ("Justin Bamberg" in "one of the family's
    attorneys, Justin Bamberg,")."""
    piece = re.sub(r"\([^)]*\)", " ", text[source[0][0] : source[-1][1]])
    for part in piece.split(","):
        words = _WORD.findall(part)
        if words and words[-1][:1].isupper():
            offset = source[0][0] + text[source[0][0] : source[-1][1]].find(words[-1])
            if name_words(text, [(offset, offset + len(words[-1]))]):
                return True
    return False


def score_document(
    scores: Scores,
    name: str,
    text: str,
    gold: Sequence[Attribution],
    predicted: Sequence[tuple[Attribution, Range | None]],
    label_of: Labeller | None = None,
) -> None:
    """Add one document: `predicted` pairs a suggested content (its source unused) with its proposed speaker;
    `label_of` types the reference's sources for resolving its pronouns (see _antecedent)."""
    g_chars = [_chars(text, g.content) for g in gold]
    p_chars = [_chars(text, p.content) for p, _ in predicted]
    # One-to-one matching, best-fitting pairs first (the share of their words they have in common, Dice), so a
    # long suggestion that runs over two reference contents does not take the one a closer suggestion fits.
    pairs = sorted(
        (
            (2 * len(gc & pc) / (len(gc) + len(pc)), gi, pi)
            for gi, gc in enumerate(g_chars)
            for pi, pc in enumerate(p_chars)
            if gc & pc
        ),
        reverse=True,
    )
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    # A reference content in several pieces ('"A," he said, "B."') is matched by one suggestion; another that
    # covers a different piece of it is right too (chipread's spans are contiguous), though it adds no recall.
    pieces = {
        pi: gi
        for gi, mi in g_used.items()
        if len(gold[gi].content) > 1
        for pi in _other_pieces(text, gold[gi], mi, p_chars, p_used)
    }
    p_used |= set(pieces)
    # Direct and indirect are split on each side by its own type: recall over the reference's direct (or
    # indirect) contents, precision over the suggested quotes (or claims), matched to anything.
    for c, g_keep, p_keep in (
        (scores.all, lambda g: True, lambda p: True),
        (scores.direct, lambda g: g.direct, lambda p: p.direct),
        (scores.indirect, lambda g: not g.direct, lambda p: not p.direct),
    ):
        c.gold += sum(1 for g in gold if g_keep(g))
        c.predicted += sum(1 for p, _ in predicted if p_keep(p))
        c.matched_gold += sum(1 for gi in g_used if g_keep(gold[gi]))
        c.matched += sum(1 for pi in p_used if p_keep(predicted[pi][0]))
        c.exact_gold += sum(
            1 for gi, pi in g_used.items() if g_keep(gold[gi]) and gold[gi].extent == predicted[pi][0].extent
        )
        c.exact += sum(
            1 for gi, pi in g_used.items() if p_keep(predicted[pi][0]) and gold[gi].extent == predicted[pi][0].extent
        )
    # Each piece of a predicted quotation counts (a quote interrupted by 'he said' is two quotations).
    quoted = {_core(text, piece) for p, _ in predicted if p.direct for piece in p.content}
    for g in gold:
        # A quotation is a fragment that opens with its mark, or any fragment of a reference that leaves the
        # marks out (chipread's default convention).
        marks_out = g.direct and text[g.content[0][0] : g.content[0][1]].strip()[:1] not in _QUOTE_MARKS
        for frag in g.content if g.direct else ():
            if marks_out or text[frag[0] : frag[1]].strip()[:1] in _QUOTE_MARKS:
                scores.quotations += 1
                scores.whole_quotes += _core(text, frag) in quoted
    for gi, g in enumerate(gold):
        pi = g_used.get(gi)
        if pi is None:
            scores.errors.append(("missed", name, _show(text, g.extent)))
            continue
        p, speaker = predicted[pi]
        right = speaker_is_right(text, gold, g, speaker, label_of)
        if g.source is not None:
            scores.speaker_judged += 1
            scores.speaker_right += right
            scores.speaker_exact += (
                speaker is not None and (min(a for a, _ in g.source), max(b for _, b in g.source)) == speaker
            )
            if not right:
                who = _show(text, speaker) if speaker else "nobody"
                scores.errors.append(
                    ("speaker", name, f"{who} for {_show(text, g.source[0])} ({_show(text, g.extent)})")
                )
        scores.end_to_end += right
        scores.end_to_end_predicted += right
    for pi, gi in pieces.items():
        scores.end_to_end_predicted += speaker_is_right(text, gold, gold[gi], predicted[pi][1], label_of)
    for pi, (p, _) in enumerate(predicted):
        if pi not in p_used:
            scores.errors.append(("spurious", name, _show(text, p.extent)))


def _other_pieces(text: str, gold: Attribution, matched: int, p_chars: list[set[int]], used: set[int]) -> list[int]:
    """Unmatched suggestions that each cover another fragment of a discontinuous reference content."""
    taken = {k for k, frag in enumerate(gold.content) if _chars(text, [frag]) & p_chars[matched]}
    out = []
    for pi, pc in enumerate(p_chars):
        if pi in used or pi == matched:
            continue
        hit = {k for k, frag in enumerate(gold.content) if _chars(text, [frag]) & pc}
        if hit and not hit & taken and pc <= _chars(text, gold.content):
            out.append(pi)
            taken |= hit
    return out


def _show(text: str, r: Range) -> str:
    piece = " ".join(text[r[0] : r[1]].split())
    return piece if len(piece) <= 90 else piece[:60] + " … " + piece[-25:]

"""Annotation conventions as settings: what a quote or claim span holds, which attributions are suggested."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of attribution a suggestion can report. PolNeAR-style guidelines count all of them; an
# analyst who only wants what was said can keep "speech" alone.
KINDS = (
    "speech",  # said, told, added, according to, a colon after a name
    "stance",  # urged, warned, denied, accused, called on: a communicative act with a position
    "belief",  # believes, thinks, expects, fears
    "intention",  # plans to, wants to, intends to, vows to
    "evidence",  # polls show, data suggest, a report found
    "refusal",  # declined to comment, refused to say
)

# Punctuation of the host sentence that news style puts inside the closing mark ('"...," he said').
_HOST_PUNCTUATION = ",.;:"
_CLOSE_MARKS = "\"”’'»“"


@dataclass(frozen=True, slots=True)
class Guidelines:
    """The conventions of one annotation project (chipread.toml's [guidelines] table).

    quote_marks: a quote span includes its quotation marks (PolNeAR) or not (the default).
    host_punctuation: a span keeps the comma or full stop that belongs to the sentence around it
      ('"We will respond," he said': "We will respond," with it, "We will respond" without; the default).
      A quote with its marks keeps what lies between them: the marks must stay whole.
    claim_subject: a claim span starts at its subject and cue ("Japan said it would ...") rather than at the
      reported content ("it would ..."; the default).
    complementizer: a claim reported by a that-clause starts at "that" ("said that it would ...": "that it
      would ...", PolNeAR's convention) rather than after it (the default).
    kinds: which kinds of attribution are suggested (see KINDS); all by default, since a suggestion the analyst
      skips costs one key while a missing one costs a selection by hand.
    nested: attributions may overlap (the default): quoted words inside a claim are suggested as quotes too,
      and a report inside another report ("the ministry said China has called on Japan to ...") is suggested at
      both levels. Off, each word belongs to one attribution at most (PolNeAR's convention).
    """

    quote_marks: bool = False
    host_punctuation: bool = False
    claim_subject: bool = False
    complementizer: bool = False
    kinds: frozenset[str] = frozenset(KINDS)
    nested: bool = True

    def quote_extent(self, text: str, open_mark: int, close_mark: int) -> tuple[int, int] | None:
        """The span of a quotation whose marks sit at open_mark and close_mark (the closing mark may be
        missing: close_mark is then where the quotation stops), or None when nothing is quoted."""
        width = 2 if text.startswith("''", open_mark) else 1  # two apostrophes for one double mark
        if self.quote_marks:
            end = close_mark
            if close_mark < len(text) and text[close_mark] in _CLOSE_MARKS:
                end = close_mark + (2 if text.startswith("''", close_mark) else 1)
            start, end = open_mark, end
            return (start, end) if _has_words(text, start, end) else None
        start, end = strip_space(text, open_mark + width, close_mark)
        if not self.host_punctuation:
            end = self._without_host_punctuation(text, start, end)
        return (start, end) if _has_words(text, start, end) else None

    def content_extent(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A claim or a selected sentence trimmed to the conventions: outer space, and the host sentence's
        final punctuation unless kept."""
        start, end = strip_space(text, start, end)
        if not self.host_punctuation:
            end = self._without_host_punctuation(text, start, end)
        return start, end

    @staticmethod
    def _without_host_punctuation(text: str, start: int, end: int) -> int:
        # One mark only: an ellipsis ("...") or "?"/"!" belong to the words themselves, and so does the full
        # stop of an abbreviation ("the U.S.", "Selma, Ala."), which is part of its token.
        if end - start > 1 and text[end - 1] in _HOST_PUNCTUATION and text[end - 2] not in ".":
            if text[end - 1] == "." and _abbreviation_before(text, start, end - 1):
                return end
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
        return end

    def suggests(self, kind: str) -> bool:
        return kind in self.kinds


def _abbreviation_before(text: str, start: int, stop: int) -> bool:
    """Does the word ending at `stop` keep the full stop after it in its token ("U.S.", "Ala.", "B.")?"""
    from chipread.nlp.tokenizer import ABBREVIATIONS  # here, not above: chipread.nlp imports this module

    i = stop
    while i > start and not text[i - 1].isspace() and text[i - 1] not in "(\"“‘'":
        i -= 1
    word = text[i:stop]
    return "." in word or (len(word) == 1 and word.isalpha()) or word + "." in ABBREVIATIONS


def strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_words(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


DEFAULT_GUIDELINES = Guidelines()

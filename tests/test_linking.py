"""Speaker candidates for any quote or claim: nlp suggestions first, then tagged actors, then entities."""

from __future__ import annotations

from chipread.linking import speaker_candidates
from chipread.model import Span
from chipread.nlp import analyse
from tests.conftest import make_article

TEXT = (
    "Trade row deepens\n\n"
    'Qin Gang met Yoshimasa Hayashi in Beijing. "The blockade will only stimulate China," Mr Qin said. '
    "Officials in Tokyo were not convinced."
)


def span(article, piece, label, sid):
    start = article.text.index(piece)
    return Span(sid, article.id, start, start + len(piece), label, piece, "alice")


def test_candidates_for_a_manual_quote_rank_the_speaker_first():
    article = make_article(TEXT)
    analysis = analyse(article)
    quote = span(article, "The blockade will only stimulate China,", "quote", "q1")
    found = speaker_candidates(analysis, quote, [quote])
    assert found, "a quote followed by 'Mr Qin said' must get candidates"
    assert "Qin" in found[0].text
    assert all(c.reason for c in found)
    # Nothing inside the quote itself is proposed as its speaker.
    assert all(not (quote.start <= c.start and c.end <= quote.end) for c in found)


def test_tagged_actors_are_offered_even_without_a_suggestion():
    article = make_article(TEXT)
    analysis = analyse(article)
    claim = span(article, "Officials in Tokyo were not convinced", "claim", "c1")
    hayashi = span(article, "Yoshimasa Hayashi", "actor", "a1")
    found = speaker_candidates(analysis, claim, [claim, hayashi])
    assert any(c.text == "Yoshimasa Hayashi" and c.reason == "already tagged as actor" for c in found)
    texts = [c.text for c in found]
    assert len(texts) == len(set((c.start, c.end) for c in found))

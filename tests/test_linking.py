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


def test_many_tagged_actors_and_entities_give_the_nearest_first_up_to_the_limit():
    # Twelve names before the claim and twelve after: the tagged ones nearest first, then the entities outside
    # the span nearest first on each side, eight in all (the list is cut, not walked to its end, on every tab).
    names = [f"Minister Anna Lund{i}" for i in range(24)]
    before = " ".join(f"{n} met the press." for n in names[:12])
    after = " ".join(f"{n} met the press." for n in names[12:])
    article = make_article(f"Talks\n\n{before} The talks were not a success. {after}")
    analysis = analyse(article)
    claim = span(article, "The talks were not a success", "claim", "c1")
    far, near = (span(article, f"Anna Lund{i}", "actor", f"a{i}") for i in (0, 11))
    found = speaker_candidates(analysis, claim, [far, near, claim])
    assert len(found) == 8
    assert [c.reason for c in found[:2]] == ["already tagged as actor"] * 2 and found[0].text == "Anna Lund11"
    entities = [c for c in found[2:]]
    assert all(c.reason.startswith("nearest PERSON before") for c in entities)
    assert [c.text for c in entities] == [f"Anna Lund{i}" for i in (10, 9, 8, 7, 6, 5)]


def test_a_claim_nested_in_another_gets_its_own_suggestions_speaker():
    article = make_article(
        "Export row\n\nChina has called on Japan to drop its export curbs, the Ministry of Commerce said."
    )
    analysis = analyse(article)
    inner = span(article, "Japan to drop its export curbs", "claim", "c1")
    outer = span(article, "China has called on Japan to drop its export curbs", "claim", "c2")
    assert speaker_candidates(analysis, inner, [inner])[0].text == "China"
    assert speaker_candidates(analysis, outer, [outer])[0].text == "Ministry of Commerce"

from __future__ import annotations

from datetime import date

from chipread.model import Article
from chipread.nlp import analyse


def article(text: str, published=None) -> Article:
    return Article(id="a1", handle="a1", path="a1.txt", title="t", text=text, published=published)


TEXT = (
    "Chile urges Peru to reopen border\n\n"
    "Chilean Foreign Minister Rosa Ibáñez said on Monday that Peru must reopen the border. "
    "“We cannot wait,” Ibáñez told reporters in Santiago."
)


def test_analyse_article_end_to_end():
    a = analyse(article(TEXT, date(2024, 3, 6)))
    assert a.recognizer == "builtin"
    assert a.tokens and len(a.sentences) == 3
    labels = {(e.text, e.label) for e in a.entities}
    assert {("Chile", "GPE"), ("Peru", "GPE"), ("Rosa Ibáñez", "PERSON"), ("Santiago", "GPE")} <= labels
    monday = next(e for e in a.entities if e.text == "Monday")
    assert monday.value == "2024-03-04"
    assert {s.label for s in a.suggestions} == {"quote", "claim"}


def test_lookups_by_offset():
    a = analyse(article(TEXT))
    off = TEXT.index("Ibáñez said")
    assert a.token_at(off).text == "Ibáñez"
    assert a.entity_at(off).text == "Rosa Ibáñez"
    assert a.entity_at(TEXT.index("must")) is None
    assert a.sentence_at(off).start == TEXT.index("Chilean")
    assert a.token_at(TEXT.index("\n")) is None
    q = a.suggestion_at(TEXT.index("cannot"))
    assert q.label == "quote" and q.text == "We cannot wait"
    assert a.suggestion_at(TEXT.index("reopen the"), "claim").label == "claim"
    assert [e.text for e in a.entities_at(0, TEXT.index("Foreign"))] == ["Chile", "Peru", "Chilean"]
    assert a.entities_at(TEXT.index("Peru")) == [a.entity_at(TEXT.index("Peru"))]


def test_snap_and_token_span_through_analysis():
    a = analyse(article(TEXT))
    s, e = a.snap(TEXT.index("osa Ib"), TEXT.index("osa Ib") + 5)
    assert TEXT[s:e] == "Rosa Ibáñez"
    i, j = a.token_span(s, e)
    assert (a.tokens[i].text, a.tokens[j].text) == ("Rosa", "Ibáñez")


def test_empty_article():
    a = analyse(article(""))
    assert a.tokens == () and a.entities == () and a.suggestions == ()
    assert a.entity_at(0) is None and a.token_at(0) is None

from __future__ import annotations

from chipread.nlp import analyse_text, load_recognizer


def analysis(text: str):
    return analyse_text(text, load_recognizer("builtin"))


def by_label(a, label):
    return [s for s in a.suggestions if s.label == label]


def test_quote_attributed_to_the_subject_of_the_reporting_verb():
    a = analysis("“The blockade will only make us stronger,” Foreign Minister Lena Varga told reporters.")
    (q,) = by_label(a, "quote")
    assert q.text == "The blockade will only make us stronger,"
    assert q.speaker.text == "Lena Varga" and q.speaker.label == "PERSON"
    assert "told" in q.reason and q.reason.startswith("quote")


def test_inverted_attribution_and_introduced_quote():
    a = analysis('"Prices will fall," said Omar Haddad, an economist. Mr Haddad said: "Not yet."')
    q1, q2 = by_label(a, "quote")
    assert q1.speaker.text == "Omar Haddad"
    assert q2.text == "Not yet." and q2.speaker.text == "Haddad"


def test_interrupted_quote_is_continued_with_the_same_speaker():
    a = analysis('Coach Arjen Molde spoke. "We will win," he said, "and they know it."')
    q1, q2 = by_label(a, "quote")
    assert (q1.text, q2.text) == ("We will win,", "and they know it.")
    assert "continued" in q2.reason
    assert q1.speaker.text == q2.speaker.text == "Arjen Molde"
    assert "refers to" in q1.speaker.reason  # "he" resolved to the last person named


def test_claim_with_reported_speech_and_that():
    a = analysis("Police said on Monday that two men had been arrested near the border.")
    (c,) = by_label(a, "claim")
    assert c.text == "two men had been arrested near the border"
    assert c.speaker.text == "Police" and c.reason.startswith("claim-reported-speech")


def test_claim_with_a_stance_verb():
    a = analysis("Chile urged Peru to reopen the border crossing before the harvest.")
    (c,) = by_label(a, "claim")
    assert c.text.startswith("Chile urged Peru") and c.speaker.text == "Chile"
    assert "urged" in c.reason


def test_claim_attributed_with_according_to():
    a = analysis("The factory will close next year, according to Velmora Robotics Inc.")
    (c,) = by_label(a, "claim")
    assert c.text == "The factory will close next year"
    assert c.speaker.text == "Velmora Robotics Inc." and "according to" in c.speaker.reason


def test_statement_before_the_verb():
    text = "Exports will be limited, a statement from the Ministry of Trade said Monday."
    (c,) = by_label(analysis(text), "claim")
    assert c.text == "Exports will be limited" and c.speaker.text == "Ministry of Trade"


def test_scare_quote_without_attribution_is_not_a_quote():
    assert by_label(analysis('The so-called "deal" collapsed last week.'), "quote") == []


def test_every_suggestion_explains_itself_and_ranks_candidates(gold_texts):
    rec = load_recognizer("builtin")
    n = 0
    for text in gold_texts:
        a = analyse_text(text, rec)
        for s in a.suggestions:
            n += 1
            assert s.reason and s.label in ("quote", "claim")
            assert text[s.start : s.end] == s.text
            assert [c.score for c in s.candidates] == sorted((c.score for c in s.candidates), reverse=True)
            for c in s.candidates:
                assert text[c.start : c.end] == c.text and c.reason
    assert n > 50


def test_seed_quotes_get_the_right_speakers():
    import json

    from .conftest import DATA

    rec = json.loads((DATA / "seeds.jsonl").read_text(encoding="utf-8").splitlines()[2])
    a = analyse_text(rec["text"], load_recognizer("builtin"))
    quotes = by_label(a, "quote")

    def speaker_of(start: str) -> str:
        return next(q.speaker.text for q in quotes if q.text.startswith(start))

    assert speaker_of("The United States used bullying") == "Qin"
    assert speaker_of("The blockade will only further") == "Qin"
    assert speaker_of("We reiterated my serious") == "Hayashi"
    assert speaker_of("Peaceful coexistence") == "Qin"

from __future__ import annotations

import pytest

from chipread.guidelines import Guidelines
from chipread.nlp import analyse_text, load_recognizer


def analysis(text: str):
    return analyse_text(text, load_recognizer("builtin"))


def by_label(a, label):
    return [s for s in a.suggestions if s.label == label]


def test_quote_attributed_to_the_subject_of_the_reporting_verb():
    a = analysis("“The blockade will only make us stronger,” Foreign Minister Lena Varga told reporters.")
    (q,) = by_label(a, "quote")
    assert q.text == "The blockade will only make us stronger"
    assert q.speaker.text == "Lena Varga" and q.speaker.label == "PERSON"
    assert "told" in q.reason and q.reason.startswith("quote")


def test_inverted_attribution_and_introduced_quote():
    a = analysis('"Prices will fall," said Omar Haddad, an economist. Mr Haddad said: "Not yet."')
    q1, q2 = by_label(a, "quote")
    assert q1.speaker.text == "Omar Haddad"
    assert q2.text == "Not yet" and q2.speaker.text == "Haddad"


def test_interrupted_quote_is_continued_with_the_same_speaker():
    a = analysis('Coach Arjen Molde spoke. "We will win," he said, "and they know it."')
    q1, q2 = by_label(a, "quote")
    assert (q1.text, q2.text) == ("We will win", "and they know it")
    assert "continued" in q2.reason
    assert q1.speaker.text == q2.speaker.text == "Arjen Molde"
    assert "refers to" in q1.speaker.reason  # "he" resolved to the last person named


def test_claim_with_reported_speech_and_that():
    a = analysis("Police said on Monday that two men had been arrested near the border.")
    (c,) = by_label(a, "claim")
    assert c.text == "two men had been arrested near the border"
    assert c.speaker.text == "Police" and c.reason.startswith("claim") and "'said'" in c.reason


def test_claim_with_a_stance_verb():
    # The content of "urged" is what was urged, with whom it was urged on; the subject is the speaker.
    a = analysis("Chile urged Peru to reopen the border crossing before the harvest.")
    (c,) = by_label(a, "claim")
    assert c.text == "Peru to reopen the border crossing before the harvest" and c.speaker.text == "Chile"
    assert "urged" in c.reason and c.kind == "stance"


def test_claim_attributed_with_according_to():
    a = analysis("The factory will close next year, according to Velmora Robotics Inc.")
    (c,) = by_label(a, "claim")
    assert c.text == "The factory will close next year"
    assert c.speaker.text == "Velmora Robotics Inc." and "according to" in c.reason


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


# --- who speaks, and what the claim is, around commas (review findings) -----------------------------


def claim_of(text: str):
    claims = by_label(analysis(text), "claim")
    assert len(claims) == 1, claims
    return claims[0]


def test_relative_clause_before_told_keeps_the_subject_and_never_the_addressee():
    c = claim_of("The official, who declined to be named, told Reuters that the talks had stalled.")
    assert c.text == "the talks had stalled"
    assert c.speaker.text == "official"
    assert all(x.text != "Reuters" for x in c.candidates)


def test_apposition_names_the_speaker_not_the_medium_after_a_preposition():
    c = claim_of("The spokesman, Ahmed Saleh, said on Twitter that the border would reopen.")
    assert c.text == "the border would reopen" and c.speaker.text == "Ahmed Saleh"
    c = claim_of("The regional governor, Vasily Golubev, said on Telegram that a fire had broken out.")
    assert c.speaker.text == "Vasily Golubev"


def test_short_sentence_gets_the_clause_after_the_verb():
    c = claim_of("Jerome Powell said inflation was too high.")
    assert c.text == "inflation was too high" and c.speaker.text == "Jerome Powell"


def test_the_subject_phrase_is_never_the_claim():
    c = claim_of("Sen. Elizabeth Warren, D-Mass., said the bill was flawed.")
    assert (c.text, c.speaker.text) == ("the bill was flawed", "Elizabeth Warren")
    c = claim_of("Zhang Wei, a professor at Fudan University, said the policy would fail.")
    assert (c.text, c.speaker.text) == ("the policy would fail", "Zhang Wei")
    assert "Zhang Wei" in c.speaker.reason


def test_description_of_an_inverted_speaker_is_not_a_claim():
    a = analysis(
        '"We have never seen reservoirs this low in June," said Jordi Puig, the regional water agency\'s director.'
    )
    assert by_label(a, "claim") == []
    (q,) = by_label(a, "quote")
    assert q.speaker.text == "Jordi Puig"
    a = analysis('"This is the best opportunity we have," Boric said in a televised address.')
    assert by_label(a, "claim") == []


def test_participle_after_a_list_takes_the_sentence_subject():
    a = analysis(
        "The UK Health Security Agency has issued an amber heat-health alert for London, the south-east and "
        "the Midlands, warning that older people are at greater risk."
    )
    (c,) = [s for s in by_label(a, "claim") if "warning" in s.reason]
    assert c.text == "older people are at greater risk" and c.speaker.text == "UK Health Security Agency"
    # What comes before the participle is not part of what the warning says.
    assert all("Midlands" not in s.text or "warning" not in s.reason for s in a.suggestions)


def test_place_after_a_preposition_is_not_the_speaker():
    c = claim_of("Some traders in Kano told the BBC they had closed their shops because customers had no money.")
    assert c.text == "they had closed their shops because customers had no money"
    assert c.speaker.text not in ("Kano", "BBC") and "traders" in c.speaker.text


def test_statement_before_said_only_when_nothing_but_when_or_how_follows():
    c = claim_of(
        "Unemployment rose to 4.1% in July, the Bureau of Labor Statistics said late on Friday in a statement."
    )
    assert c.text == "Unemployment rose to 4.1% in July" and c.speaker.text == "Bureau of Labor Statistics"
    c = claim_of("Speaking to reporters, Kagame said Rwanda would not withdraw its troops.")
    assert c.text == "Rwanda would not withdraw its troops"


def test_statement_before_a_speaker_named_after_the_verb():
    c = claim_of("Japan's chip curbs will drive Beijing's self-reliance, says Chinese Foreign Minister Qin Gang")
    assert c.text == "Japan's chip curbs will drive Beijing's self-reliance" and c.speaker.text == "Qin Gang"


def test_no_claim_after_the_verb_when_the_sentence_quoted_the_statement():
    a = analysis(
        '"The government has lost control of prices," Quiroga told reporters outside the palace in Buenos Aires.'
    )
    assert by_label(a, "claim") == []


def test_sentence_initial_according_to_skips_a_relative_clause():
    c = claim_of(
        "According to Médecins Sans Frontières, which runs a centre in Mombasa, the number of patients has doubled."
    )
    assert c.text == "the number of patients has doubled" and c.speaker.text == "Médecins Sans Frontières"


def test_short_report_gives_the_clause_and_the_subject_speaks():
    # What the reader offers for "c" on such a sentence: the clause, not the whole sentence.
    c = claim_of("The Netherlands said it would decide later.")
    assert (c.text, c.speaker.text, c.speaker.label) == ("it would decide later", "Netherlands", "GPE")


@pytest.mark.parametrize(
    "text",
    [
        "Nobody said anything at all.",
        "No one told reporters the plan had failed.",
        "He said goodbye to the fans after the match.",
        "The coach said nothing about the referee.",
    ],
)
def test_no_claim_without_a_reported_clause_or_with_nobody_saying_it(text):
    assert by_label(analysis(text), "claim") == []


def test_a_topic_after_about_leaves_the_preposition_out_but_about_an_amount_stays():
    a = analysis(
        "The senator raised questions about the minister's health. Officials complained about a lack of funding."
    )
    assert [c.text for c in by_label(a, "claim")] == ["the minister's health", "a lack of funding"]
    (amount,) = by_label(analysis("The governor said about 20 people had died."), "claim")
    assert amount.text == "about 20 people had died"


def test_flat_nesting_survives_a_report_whose_content_was_cut_to_nothing():
    # From a PolNeAR train article: with nesting = "flat" the analysis raised ValueError (min() of no contents).
    text = (
        "Grayson said Randolph “would have no chance to win,” the source recalled, adding that Grayson said of his "
        "fiancée: “I’m going to marry her. She’s going to have the Grayson name. And she’s going to win.”"
    )
    found = analyse_text(text, load_recognizer("builtin"), guidelines=Guidelines(nested=False)).suggestions
    assert any("would have no chance to win" in s.text for s in found)
    assert all(s.start < s.end for s in found)


def test_who_after_a_plain_noun_phrase_names_that_phrase_and_having_said_that_is_nobodys_claim():
    a = analysis("Having said that, there are some economists who argue that corporate taxes should be very low.")
    assert [(s.text, s.speaker.text) for s in a.suggestions] == [
        ("corporate taxes should be very low", "some economists")
    ]
    b = analysis("Trump was defensive about not paying an architect who said he was stiffed.")
    (claim,) = [s for s in by_label(b, "claim") if s.text.startswith("he was stiffed")]
    assert claim.speaker.text.endswith("architect") and "paying" not in claim.speaker.text

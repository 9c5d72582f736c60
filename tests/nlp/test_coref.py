"""Pronouns and descriptions point back to the named mention a speaker link takes."""

from __future__ import annotations

from chipread.nlp import BuiltinRecognizer, analyse_text


def referent_of(text: str, mention: str, nth: int = 0) -> str | None:
    a = analyse_text(text, BuiltinRecognizer())
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    found = a.referent(start, start + len(mention))
    return found.text if found else None


def test_he_is_the_last_person_named():
    text = "Foreign Minister Qin Gang met Hayashi Yoshimasa in Beijing. Later he said talks went well."
    assert referent_of(text, "he said"[:2], nth=0) == "Hayashi Yoshimasa"


def test_a_description_prefers_the_organisation_it_names():
    text = "China's Ministry of Commerce and Japan met. On Monday the ministry said it would respond."
    assert referent_of(text, "the ministry") == "Ministry of Commerce"


def test_a_name_is_not_a_pronoun():
    text = "Qin Gang said talks went well."
    assert referent_of(text, "Qin Gang") is None


def test_nothing_named_before_gives_none():
    assert referent_of("He said talks went well.", "He") is None


def test_the_reader_and_the_suggestions_resolve_a_pronoun_alike():
    # One resolver: the link's referent is the speaker the suggestion offers (gender decides, not nearness).
    text = "Jane Roe met John Smith in Paris on Monday. She said the talks went well."
    a = analyse_text(text, BuiltinRecognizer())
    (suggestion,) = a.suggestions
    assert suggestion.speaker is not None and suggestion.speaker.text == "Jane Roe"
    assert referent_of(text, "She") == "Jane Roe"


def test_a_date_before_a_description_is_not_part_of_the_source():
    text = "China's Ministry of Commerce and Japan met. On Monday the ministry said it would respond."
    (suggestion,) = analyse_text(text, BuiltinRecognizer()).suggestions
    assert suggestion.speaker is not None and suggestion.speaker.text != "Monday the ministry"

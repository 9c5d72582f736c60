"""[guidelines]: quote marks and host punctuation in or out, claim extents, suggested kinds; one line per mistake."""

from __future__ import annotations

import pytest

from chipread.config import load_config
from chipread.errors import ConfigError
from chipread.guidelines import KINDS, Guidelines
from chipread.nlp import BuiltinRecognizer, analyse_text

TEXT = 'Coach Arjen Molde spoke. "We will win," he said. "Why not?" he said.'


def quotes(guidelines: Guidelines) -> list[str]:
    a = analyse_text(TEXT, BuiltinRecognizer(), guidelines=guidelines)
    return [s.text for s in a.suggestions if s.label == "quote"]


def test_default_leaves_marks_and_the_host_sentences_comma_out():
    assert quotes(Guidelines()) == ["We will win", "Why not?"]


def test_host_punctuation_in_keeps_the_comma_inside_the_marks():
    assert quotes(Guidelines(host_punctuation=True)) == ["We will win,", "Why not?"]


def test_quote_marks_in_keeps_the_marks_and_what_they_hold():
    assert quotes(Guidelines(quote_marks=True)) == ['"We will win,"', '"Why not?"']


def test_content_extent_drops_a_final_full_stop_but_not_an_ellipsis_or_question_mark():
    g = Guidelines()
    for text, want in (("It will rise. ", "It will rise"), ("It will rise...", "It will rise..."), ("Why?", "Why?")):
        start, end = g.content_extent(text, 0, len(text))
        assert text[start:end] == want
    kept = Guidelines(host_punctuation=True)
    assert kept.content_extent("It will rise. ", 0, 14) == (0, 13)


def test_a_kind_left_out_is_not_suggested():
    text = 'The ministry said the rules would hurt trade. "We will respond," the minister said.'
    every = analyse_text(text, BuiltinRecognizer()).suggestions
    assert {s.kind for s in every} == {"speech"}
    none = analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(kinds=frozenset({"belief"}))).suggestions
    assert none == ()


def test_config_reads_the_guidelines_table(tmp_path):
    path = tmp_path / "chipread.toml"
    path.write_text(
        '[guidelines]\nquote_marks = "in"\nhost_punctuation = "in"\nclaim = "with-subject"\nsuggest = ["speech"]\n'
        'nesting = "flat"\ncomplementizer = "in"\n'
    )
    g = load_config(path).guidelines
    assert (g.quote_marks, g.host_punctuation, g.claim_subject, g.complementizer, g.kinds, g.nested) == (
        True,
        True,
        True,
        True,
        frozenset({"speech"}),
        False,
    )
    assert load_config(None).guidelines == Guidelines(kinds=frozenset(KINDS))


@pytest.mark.parametrize(
    "body, message",
    [
        ('quote_marks = "yes"', "guidelines.quote_marks: must be 'out' or 'in', got 'yes'"),
        ('complementizer = "that"', "guidelines.complementizer: must be 'out' or 'in', got 'that'"),
        ('suggest = ["gossip"]', "guidelines.suggest: unknown kind 'gossip'"),
        ("suggest = 3", "guidelines.suggest: must be a list of kinds"),
        ("colour = 1", "guidelines.colour: unknown key"),
    ],
)
def test_a_mistake_is_one_line_naming_the_key(tmp_path, body, message):
    path = tmp_path / "chipread.toml"
    path.write_text(f"[guidelines]\n{body}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_nested_suggests_the_quoted_words_inside_a_claim_and_flat_does_not():
    text = 'Trade Minister Yasutoshi Nishimura said the talks were "frank and useful" and that more would follow.'
    nested = analyse_text(text, BuiltinRecognizer()).suggestions
    assert [(s.label, s.text) for s in nested] == [
        ("claim", 'the talks were "frank and useful" and that more would follow'),
        ("quote", "frank and useful"),
    ]
    assert all(s.speaker.text == "Yasutoshi Nishimura" for s in nested)
    flat = analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(nested=False)).suggestions
    assert [s.label for s in flat] == ["claim"]


def test_claim_with_subject_starts_at_the_speaker():
    text = "The Netherlands said it would decide later."
    (c,) = analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(claim_subject=True)).suggestions
    assert c.text == "The Netherlands said it would decide later"


def test_complementizer_in_keeps_the_that_of_a_reported_clause_and_nothing_else():
    text = "The ministry said that the talks failed. Tokyo told reporters that it would wait. Seoul said it agreed."
    default = analyse_text(text, BuiltinRecognizer()).suggestions
    assert [s.text for s in default] == ["the talks failed", "it would wait", "it agreed"]
    kept = analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(complementizer=True)).suggestions
    assert [s.text for s in kept] == ["that the talks failed", "that it would wait", "it agreed"]
    assert [s.speaker.text for s in kept] == [s.speaker.text for s in default]


def test_an_abbreviations_full_stop_stays_with_it():
    # The full stop of "U.S." or "Ala." is part of its token: leaving it out would end a span inside a word.
    g = Guidelines()
    for text in ("Prices will rise in the U.S.", "He was born in Selma, Ala.", "He said it to Mr."):
        assert g.content_extent(text, 0, len(text)) == (0, len(text))
    (claim,) = analyse_text("The bank said prices will rise in the U.S.", BuiltinRecognizer()).suggestions
    assert claim.text == "prices will rise in the U.S."


def test_claim_with_subject_starts_at_the_cue_when_the_cue_comes_first():
    text = "According to the company, the plant will close in May."
    (c,) = analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(claim_subject=True)).suggestions
    assert c.text == "According to the company, the plant will close in May"


def test_a_quotation_is_of_its_cues_kind_inside_a_claim_and_alone():
    stance = Guidelines(kinds=frozenset({"stance"}))
    text = 'Chile urged Peru to "reopen the border now" before winter.'
    found = analyse_text(text, BuiltinRecognizer(), guidelines=stance).suggestions
    assert {(s.label, s.kind) for s in found} == {("claim", "stance"), ("quote", "stance")}
    assert analyse_text(text, BuiltinRecognizer(), guidelines=Guidelines(kinds=frozenset({"speech"}))).suggestions == ()
    (quote,) = analyse_text(
        '"Stop the curbs now," the ministry warned.', BuiltinRecognizer(), guidelines=stance
    ).suggestions
    assert (quote.label, quote.kind, quote.text) == ("quote", "stance", "Stop the curbs now")

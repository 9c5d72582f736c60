"""Interview transcripts: each turn ("WALLACE: ...") is an attribution to its label, the whole paragraph long."""

from __future__ import annotations

from chipread.guidelines import DEFAULT_GUIDELINES, Guidelines
from chipread.nlp import analyse_text, load_recognizer

TRANSCRIPT = (
    "Fox News Sunday host Chris Wallace interviewed Mike Pence.\n\n"
    "WALLACE: Governor, let me start with the debate. Will Gennifer Flowers be there?\n\n"
    "PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of a reality show.\n\n"
    "WALLACE: But I want to ask you about that.\n"
)


def suggestions(text: str, guidelines: Guidelines = DEFAULT_GUIDELINES):
    return analyse_text(text, load_recognizer("builtin"), guidelines=guidelines).suggestions


def test_each_turn_is_a_claim_by_its_label_over_the_whole_paragraph():
    found = suggestions(TRANSCRIPT, Guidelines(nested=False))
    assert [(s.text, s.speaker.text) for s in found] == [
        ("Governor, let me start with the debate. Will Gennifer Flowers be there?", "WALLACE"),
        ("Well, look, Hillary Clinton apparently thinks this is an episode of a reality show", "PENCE"),
        ("But I want to ask you about that", "WALLACE"),
    ]
    assert all(s.label == "claim" and s.kind == "speech" and "transcript" in s.reason for s in found)


def test_nested_keeps_a_report_inside_a_turn_and_flat_leaves_it_to_the_turn():
    nested = suggestions(TRANSCRIPT)
    assert ("is an episode of a reality show", "Hillary Clinton") in [(s.text, s.speaker.text) for s in nested]
    assert len(nested) == 4


def test_a_transcript_quoted_paragraph_by_paragraph_is_one_too():
    quoted = TRANSCRIPT.replace("WALLACE:", '"WALLACE:').replace("PENCE:", '"PENCE:')
    assert [s.speaker.text for s in suggestions(quoted, Guidelines(nested=False))] == ["WALLACE", "PENCE", "WALLACE"]


def test_labels_that_are_not_a_dialogue_are_no_transcript():
    one_speaker = "Notes\n\nUPDATE: The vote was delayed.\n\nUPDATE: It passed.\n\nUPDATE: The bill is law.\n"
    assert suggestions(one_speaker) == ()
    embeds = "Notes\n\nVIDEO: A rally.\n\nPHOTO: The crowd.\n\nVIDEO: The speech.\n"
    assert suggestions(embeds) == ()
    lower = "Notes\n\nwhat: a rally in town.\n\nwhere: the square.\n\nwhen: at noon.\n"
    assert suggestions(lower) == ()

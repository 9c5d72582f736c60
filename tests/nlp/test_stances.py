"""Positions stated with a noun and a copula: "Washington's intention is to ...", "The ministry's position is that ..."."""

from __future__ import annotations

from chipread.nlp import analyse_text, load_recognizer


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [
        (s.text, s.speaker.text if s.speaker else None, s.kind)
        for s in analyse_text(text, load_recognizer("builtin")).suggestions
    ]


def test_the_possessor_holds_the_position_and_the_content_follows_the_copula():
    assert found("Washington’s intention is to create a multilateral regulatory framework.") == [
        ("to create a multilateral regulatory framework", "Washington", "intention")
    ]
    assert found("The ministry's stated position is that the curbs violate trade rules.") == [
        ("the curbs violate trade rules", "ministry", "belief")
    ]


def test_a_position_nobody_holds_is_the_writers_and_other_copulas_are_not_positions():
    assert found("The plan is to build a factory in Ohio.") == []
    assert found("Their plan has to be approved first. Their concern is real.") == []
    assert found("Japan hesitated. Its plan has been to wait.") == [("to wait", "Japan", "intention")]

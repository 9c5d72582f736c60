"""Name keys: titles, honorifics, possessives and appositions stripped; organisations' spellings brought together."""

from __future__ import annotations

import pytest

from chipread.actors.names import contained, parse_name


@pytest.mark.parametrize(
    ("text", "key", "display", "kind"),
    [
        ("Qin", "qin", "Qin", ""),
        ("Mr Qin", "qin", "Qin", "person"),
        ("Qin Gang", "qin gang", "Qin Gang", "person"),
        ("Chinese Foreign Minister Qin Gang", "qin gang", "Qin Gang", "person"),
        ("Qin's", "qin", "Qin", ""),
        ("Japan’s foreign minister Yoshimasa Hayashi", "yoshimasa hayashi", "Yoshimasa Hayashi", "person"),
        ("U.S. Secretary of Commerce Gina Raimondo", "gina raimondo", "Gina Raimondo", "person"),
        ("Gina Raimondo, US Commerce Secretary", "gina raimondo", "Gina Raimondo", ""),
        ("his Japanese counterpart, Yoshimasa Hayashi", "yoshimasa hayashi", "Yoshimasa Hayashi", ""),
        ("ministry spokeswoman Mao Ning", "mao ning", "Mao Ning", "person"),
        ("Press Secretary Karine Jean-Pierre", "karine jean-pierre", "Karine Jean-Pierre", "person"),
        ("Nato chief Jens Stoltenberg", "jens stoltenberg", "Jens Stoltenberg", "person"),
        ("the foreign minister", "foreign minister", "foreign minister", "person"),
        ("U.S.", "united states", "U.S.", "place"),
        ("the United States", "united states", "United States", "place"),
        ("Beijing", "beijing", "Beijing", "place"),
        ("the White House", "white house", "White House", "place"),
        ("ASML Holding NV", "asml", "ASML Holding NV", "org"),
        ("General Motors", "general motors", "General Motors", "org"),
    ],
)
def test_keys_displays_and_kinds(text, key, display, kind):
    name = parse_name(text)
    assert (name.key, name.display, name.kind) == (key, display, kind)


@pytest.mark.parametrize(
    "spelling", ["the Chinese commerce ministry", "China's commerce ministry", "Chinese Ministry of Commerce"]
)
def test_one_ministry_however_it_is_spelled(spelling):
    assert parse_name(spelling).key == "china commerce ministry"
    assert parse_name(spelling).kind == "org"


def test_a_name_contains_another_only_at_its_start_or_end():
    assert contained(("qin",), ("qin", "gang"))
    assert contained(("hayashi",), ("yoshimasa", "hayashi"))
    assert not contained(("gang",), ("qin", "gang", "li"))
    assert not contained(("qin", "gang"), ("qin", "gang"))


def test_whitespace_case_and_unicode_forms_do_not_split_a_name():
    assert parse_name("  Qin\u00a0Gang ").key == parse_name("QIN GANG").key == "qin gang"
    assert parse_name("Jose\u0301 Mari\u0301a").key == parse_name("José María").key

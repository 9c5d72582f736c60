"""The built-in recognizer on sentences it was never developed on."""

from __future__ import annotations

import pytest

from chipread.errors import ConfigError
from chipread.nlp import load_gazetteer, load_recognizer, parse_gazetteer

from .conftest import ents


def test_titles_honorifics_and_nationalities(builtin):
    found = ents(builtin, "Brazilian Finance Minister Carla Menezes met Mr Okonkwo in Lagos on Tuesday.")
    assert ("Brazilian", "NORP") in found
    assert ("Carla Menezes", "PERSON") in found
    assert ("Okonkwo", "PERSON") in found
    assert ("Lagos", "GPE") in found
    assert ("Tuesday", "DATE") in found
    assert not any(label == "PERSON" and "Minister" in text for text, label in found)


def test_organisation_shapes(builtin):
    text = (
        "Shares of Velmora Robotics Inc. rose after the Ministry of Transport and the Baltic "
        "Freight Association backed its plan, said analysts at Greyfield Capital."
    )
    found = ents(builtin, text)
    assert ("Velmora Robotics Inc.", "ORG") in found
    assert ("Ministry of Transport", "ORG") in found
    assert ("Baltic Freight Association", "ORG") in found
    assert ("Greyfield Capital", "ORG") in found


def test_acronym_takes_the_label_of_its_long_form(builtin):
    found = ents(builtin, "The Northern Grid Operators Council (NGOC) said prices would rise.")
    assert ("NGOC", "ORG") in found


def test_possessives_are_not_part_of_names(builtin):
    found = ents(builtin, "Germany's parliament and Canada’s premier met Nigeria's president.")
    assert {("Germany", "GPE"), ("Canada", "GPE"), ("Nigeria", "GPE")} <= found


def test_places_from_context(builtin):
    found = ents(builtin, "The plant near Kuressaare will ship to Seoul-listed Dongmyeon and to Tarvas, Estonia.")
    assert ("Kuressaare", "GPE") in found
    assert ("Tarvas", "GPE") in found
    assert ("Seoul", "GPE") in found


def test_sentence_initial_capitals_are_not_names(builtin):
    found = ents(builtin, "Negotiators met in Geneva. Analysts expect a deal. Lagging behind, Peru waited.")
    assert {t for t, _ in found} == {"Geneva", "Peru"}


def test_locations_and_events(builtin):
    found = ents(builtin, "Ships crossed the Strait of Hormuz and the Red Sea before the World Cup.")
    assert ("Strait of Hormuz", "LOC") in found
    assert ("Red Sea", "LOC") in found
    assert ("World Cup", "EVENT") in found


def test_title_case_headline_only_known_names(builtin):
    found = ents(builtin, "Kenya Pushes Uganda To Reopen Border Crossings Before Harvest\n\nBody text here.")
    assert found == {("Kenya", "GPE"), ("Uganda", "GPE")}


def test_consistency_later_and_earlier_mentions(builtin):
    text = (
        "Tarkovsky warned of delays.\n\n"
        "Energy Minister Ilya Tarkovsky said the pipeline would open in March. "
        "Tarkovsky added that the talks were difficult, and Ilya agreed."
    )
    es = builtin(text)
    assert [e.text for e in es if e.label == "PERSON"] == ["Tarkovsky", "Ilya Tarkovsky", "Tarkovsky"]


def test_consistency_with_family_name_first(builtin):
    es = builtin("Commerce Minister Wang Wentao met officials. Wang later left for Detroit.")
    assert [(e.text, e.label) for e in es] == [
        ("Wang Wentao", "PERSON"),
        ("Wang", "PERSON"),
        ("Detroit", "GPE"),
    ]


def test_entities_are_sorted_non_overlapping_and_on_token_boundaries(builtin, gold_texts):
    from chipread.nlp import tokenize

    for text in gold_texts:
        es = builtin(text)
        bounds = {t.start for t in tokenize(text)} | {t.end for t in tokenize(text)}
        assert all(a.end <= b.start for a, b in zip(es, es[1:]))
        assert all(e.start in bounds and e.end in bounds and text[e.start : e.end] == e.text for e in es)
        assert all(e.source == "builtin" for e in es)


def test_empty_text(builtin):
    assert builtin("") == []


# --- the user gazetteer ----------------------------------------------------------------------
GAZ = """
# a domain the highlighter does not know
ORG   ASML | ASML Holding NV
ORG   Tokyo Electron | TEL
ORG   BIS | Bureau of Industry and Security
ORG   METI
LAW   Entity List    # a trade blacklist
"""


def test_gazetteer_overrides_builtin_entities():
    rec = load_recognizer("builtin", parse_gazetteer(GAZ, "gaz.txt"))
    text = "ASML and Tokyo Electron said METI and the BIS added firms to the Entity List."
    found = {(e.text, e.label, e.source) for e in rec(text)}
    assert ("Tokyo Electron", "ORG", "gazetteer") in found
    assert ("Entity List", "LAW", "gazetteer") in found
    assert ("BIS", "ORG", "gazetteer") in found
    assert not any(t == "Tokyo" for t, _, _ in found)


def test_gazetteer_file(tmp_path):
    p = tmp_path / "gazetteer.txt"
    p.write_text("\ufeff" + GAZ, encoding="utf-8")
    gaz = load_gazetteer(p)
    assert len(gaz) == 5
    assert gaz.label_of("ASML Holding NV") == "ORG"
    assert gaz.label_of("Entity List") == "LAW"


@pytest.mark.parametrize(
    "content, problem",
    [
        ("ORG ASML\norg Tokyo Electron\n", "line 2"),
        ("ORG\n", "line 1"),
        ("ORG ASML || ASML NV\n", "empty name"),
        ("ORG ASML\nGPE ASML\n", "line 1"),
    ],
)
def test_bad_gazetteer_names_file_line_and_problem(tmp_path, content, problem):
    p = tmp_path / "gazetteer.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_gazetteer(p)
    msg = str(err.value)
    assert str(p) in msg and problem in msg and "\n" not in msg


def test_missing_or_binary_gazetteer(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_gazetteer(tmp_path / "nope.txt")
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\xff\xfe\x00\x01ORG")
    with pytest.raises(ConfigError):
        load_gazetteer(p)


def test_unknown_recognizer_spec():
    from chipread.errors import ChipreadError

    with pytest.raises(ChipreadError, match="unknown recognizer"):
        load_recognizer("stanza")

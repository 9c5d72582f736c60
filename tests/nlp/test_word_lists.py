"""The word lists shipped as package data: their format, the names lexicon gives them, one reader, read once."""

from __future__ import annotations

import pytest

from chipread.errors import ChipreadError
from chipread.nlp import lexicon as L
from chipread.nlp import wordlists
from chipread.nlp.builtin import bundled_gazetteer
from chipread.nlp.cues import cue_kinds
from chipread.nlp.lemma import lemma

LISTS = sorted(p.stem for p in wordlists.DATA.glob("*.txt"))


def test_every_bundled_list_is_in_the_gazetteer_format_with_no_word_twice_under_a_label():
    assert {"names", "name_words", "common_words", "abbreviations", "calendar", "cues"} <= set(LISTS)
    for name in LISTS:
        lines = wordlists.entries(name)
        assert lines, name
        for label, words in lines:
            assert label.isupper() and words and all(w == w.strip() and "|" not in w for w in words)
        if name in ("cues", "given_names"):
            continue  # the lead's attribution lists, left as they are
        for label, words in wordlists.word_lists(name).items():
            assert len(words) == len(set(words)), f"{name}.txt lists a word twice under {label}"


def test_lists_are_read_once():
    assert wordlists.word_lists("name_words") is wordlists.word_lists("name_words")
    assert wordlists.entries("calendar") is wordlists.entries("calendar")


def test_lexicon_exposes_each_list_by_its_old_name():
    assert "Japan" in L.COUNTRIES and "People's Republic of China" in L.COUNTRIES
    assert "Kyiv" in L.CITIES and "Bavaria" in L.CITIES
    assert "Japanese" in L.NATIONALITIES and "Reuters" in L.ORGANISATIONS
    assert "South China Sea" in L.LOCATIONS and "White House" in L.FACILITIES and "Brexit" in L.EVENTS
    assert isinstance(L.COUNTRIES, list) and L.COUNTRIES.index("Afghanistan") < L.COUNTRIES.index("Zimbabwe")
    assert {"Mr.", "Dr", "Sheikh"} <= L.HONORIFICS and {"Minister", "Sen."} <= L.TITLE_HEADS
    assert "Trade" in L.TITLE_MODIFIERS and "spokeswoman" in L.ROLE_NOUNS and "Inc." in L.ORG_SUFFIXES
    assert "&" in L.NAME_CONNECTORS and "von" in L.PERSON_PARTICLES and "Volodymyr" in L.GIVEN_NAMES
    assert "Zhang" in L.SURNAMES_FIRST and "May" in L.NAME_WORDS and "laughed" in L.PERSON_VERBS
    assert "The" in L.COMMON_WORDS and "COVID-19" in L.NOT_ACRONYMS and "R&D" in L.NOT_ACRONYMS
    assert "und" in L.FOREIGN_FUNCTION_WORDS and "the" in L.ENGLISH_FUNCTION_WORDS
    for name in L.__all__:
        value = getattr(L, name)
        assert value, name
        assert isinstance(value, (list, frozenset, dict)), name


def test_the_bundled_gazetteer_labels_each_list():
    gaz = bundled_gazetteer()
    assert gaz.label_of("Japan") == "GPE" and gaz.label_of("Kyiv") == "GPE"
    assert gaz.label_of("Japanese") == "NORP" and gaz.label_of("Reuters") == "ORG"
    assert gaz.label_of("Black Sea") == "LOC" and gaz.label_of("Heathrow") == "FAC"
    assert gaz.label_of("Brexit") == "EVENT"
    assert gaz.label_of("Davos") == "GPE"  # a city first, an event second: the first label wins


def test_a_label_the_file_lacks_is_an_error_not_an_empty_list():
    with pytest.raises(ChipreadError, match="no NOT_A_LABEL lines"):
        wordlists.words("name_words", "NOT_A_LABEL")


def test_a_malformed_line_is_one_clear_error_naming_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "broken.txt").write_text("# a list\nGOOD a | b\nlower c | d\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "DATA", tmp_path)
    wordlists.entries.cache_clear()
    try:
        with pytest.raises(ChipreadError, match=r"broken\.txt line 3: expected 'LABEL word \| word \.\.\.'"):
            wordlists.entries("broken")
    finally:
        wordlists.entries.cache_clear()


def test_the_one_reporting_verb_list_is_the_cue_list():
    # The lexicon's verb lists are gone: a reporting verb is a word whose lemma is a cue.
    assert not hasattr(L, "REPORTING_VERBS") and not hasattr(L, "SPEECH_VERBS")
    kinds = cue_kinds()
    for form in ("said", "says", "told", "warned", "warns", "insisting", "believes", "according"):
        assert kinds.get(lemma(form)) in ("speech", "stance", "belief"), form


@pytest.mark.parametrize(
    "verb, label",
    [
        ("said", "GPE"),
        ("warn", "GPE"),  # forms the old verb list lacked: the cue list has every inflection
        ("believe", "GPE"),
        ("testify", "GPE"),
        ("plan", "ORG"),  # a cue of intention, not of what someone says or thinks
    ],
)
def test_a_reporting_verb_after_an_unknown_word_makes_it_a_place(builtin, verb, label):
    found = {(e.text, e.label) for e in builtin(f"Farmers in Kuressaare {verb} the harvest failed.")}
    assert ("Kuressaare", label) in found


def test_the_cleaners_reporting_forms_are_inflections_of_cues():
    # The cleaner keeps its own forms (article ids hash its output), but each is a cue's inflection,
    # save the three verbs the cue list does not have.
    from chipread.corpus.paras import REPORTING_VERBS

    kinds = cue_kinds()
    outside = {form for form in REPORTING_VERBS if lemma(form) not in kinds}
    assert outside == {"observed", "hinted", "signalled", "signaled"}

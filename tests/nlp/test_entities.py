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


# --- unseen news: surnames, sentence starts, particles, "in X", non-English text (review findings) ---


def labels(builtin, text, published=None):
    return {(e.text, e.label) for e in builtin(text, published=published)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Nevertheless, Labour pressed ahead. Yesterday Starmer said the plan was sound.", "Starmer"),
        ("Speaking to reporters, Kagame said Rwanda would not withdraw.", "Kagame"),
        ('"It is a disaster," said Kowalczyk. "We lost everything."', "Kowalczyk"),
        ("The talks stalled after Trump's spokesman denied the report.", "Trump"),
        ("The deal was approved by Zelenskiy, who signed it on Friday.", "Zelenskiy"),
        ("Asked whether he would run, Obama laughed.", "Obama"),
        ("Biden told reporters the bill would pass.", "Biden"),
        ("The decision was taken by Ntaganda, 52, a former rebel commander.", "Ntaganda"),
    ],
)
def test_unknown_surname_with_person_evidence_is_a_person(builtin, text, name):
    assert (name, "PERSON") in labels(builtin, text)


def test_sentence_initial_names_are_kept_with_evidence(builtin):
    assert ("Powell", "PERSON") in labels(
        builtin, "The Federal Reserve raised rates. Powell said inflation was too high."
    )
    assert ("Smith", "PERSON") in labels(builtin, "Smith told the BBC the plan had failed.")
    assert ("Hamas", "ORG") in labels(builtin, "Hamas and Israel agreed to a ceasefire brokered by Qatar and Egypt.")
    # Plural nouns that say things are not names.
    found = labels(builtin, "Residents said the water was unsafe. Witnesses told police they heard shots.")
    assert not {t for t, _ in found} & {"Residents", "Witnesses"}


def test_names_with_several_particles_and_word_like_surnames(builtin):
    assert ("Ursula von der Leyen", "PERSON") in labels(
        builtin, "European Commission President Ursula von der Leyen met Mark Rutte."
    )
    assert ("Ursula von der Leyen", "PERSON") in labels(
        builtin, "Marine Le Pen said on Sunday that she would win. Ursula von der Leyen disagreed."
    )
    found = labels(builtin, "Theresa May said in May that Brexit meant Brexit.")
    assert ("Theresa May", "PERSON") in found and ("May", "DATE") in found
    found = labels(builtin, "Will Smith and April Ryan attended the gala in Los Angeles.")
    assert ("Will Smith", "PERSON") in found and ("April Ryan", "PERSON") in found
    assert ("Bruno Le Maire", "PERSON") in labels(builtin, "Finance Minister Bruno Le Maire said the plan was sound.")


@pytest.mark.parametrize("word", ["Q3", "Python", "Excel", "Marketing", "Building"])
def test_in_x_needs_place_like_evidence(builtin, word):
    sentences = {
        "Q3": "Profits fell in Q3 as demand slowed.",
        "Python": "The tool was written in Python by two students.",
        "Excel": "Analysts built the model in Excel over a weekend.",
        "Marketing": "She worked in Marketing for a decade.",
        "Building": "The meeting was held in Building 4 of the campus.",
    }
    assert (word, "GPE") not in labels(builtin, sentences[word])


def test_in_x_still_finds_unknown_towns(builtin):
    assert ("Kuressaare", "GPE") in labels(builtin, "Two people were injured in Kuressaare on Sunday.")


def test_titles_are_not_swallowed_into_names_and_laws_are_not_organisations(builtin):
    found = labels(builtin, "Helena Horton Environment reporter\n\nEngland recorded its hottest day.")
    assert ("Helena Horton", "PERSON") in found
    found = labels(builtin, "The judge said the law likely violated the First Amendment.")
    assert not any(t == "First Amendment" and lab != "LAW" for t, lab in found)


def test_non_english_function_words_and_common_nouns_are_not_organisations(builtin):
    text = (
        "Die Bundesregierung hat sich nach langen Verhandlungen auf den Haushalt für 2025 geeinigt. "
        'Das teilte Regierungssprecher Steffen Hebestreit am Freitag in Berlin mit. "Wir haben eine '
        'Lösung gefunden", sagte Bundeskanzler Olaf Scholz. Finanzminister Christian Lindner sprach von '
        "einem Kompromiss. Die Opposition kritisierte den Entwurf scharf."
    )
    found = labels(builtin, text)
    assert not {t for t, _ in found} & {
        "Haushalt",
        "Freitag",
        "Wir",
        "Lösung",
        "Kompromiss",
        "Die Opposition",
        "Entwurf",
    }
    assert ("Berlin", "GPE") in found and ("Olaf Scholz", "PERSON") in found
    french = (
        "Le gouvernement a annoncé mardi un plan de 2 milliards d'euros pour développer la filière de "
        "l'hydrogène vert, a indiqué le ministre de l'Économie, Bruno Le Maire. Les syndicats ont salué "
        "l'annonce mais demandent des garanties sur l'emploi."
    )
    assert ("Bruno Le Maire", "PERSON") in labels(builtin, french)


def test_person_evidence_is_not_taken_from_what_an_organisation_or_place_also_does(builtin):
    # A person takes no article, and a word after "in" with a verb is the place of the speakers.
    found = labels(
        builtin, "The Sentinel said the report was wrong. Some traders in Kano told the BBC they had closed."
    )
    assert not {t for t, lab in found if lab == "PERSON"}
    # Evidence once is evidence throughout the article.
    found = labels(builtin, "Kagame said Rwanda would not withdraw. Critics of Kagame disagree.")
    assert found >= {("Kagame", "PERSON")} and ("Kagame", "ORG") not in found


def test_laws_get_their_own_label(builtin):
    assert ("Clean Air Act", "LAW") in labels(builtin, "The rule was issued under the Clean Air Act last year.")


def test_a_month_is_a_date_after_a_preposition_even_before_a_name(builtin):
    found = labels(builtin, "The company was founded in April by Ryan Cole.")
    assert ("April", "DATE") in found and ("Ryan Cole", "PERSON") in found


def test_an_english_article_quoting_another_language_keeps_its_rules(builtin):
    found = labels(builtin, 'Angela Merkel told reporters in Berlin that the motto "Wir schaffen das" still held.')
    assert ("Angela Merkel", "PERSON") in found and ("Berlin", "GPE") in found

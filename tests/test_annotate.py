"""The reader's decisions without a terminal: label-key targets, tab stops, resizing, link speakers, bulk, undo guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipread.annotate import Reading, Refusal, Speaker, Target, UndoGuard, search
from chipread.config import load_config
from chipread.errors import SessionError
from chipread.guidelines import Guidelines
from chipread.model import LabelSet, Span, Suggestion
from chipread.nlp import Analysis, analyse
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.conftest import make_article

TEXT = (
    "Trade row deepens\n\n"
    "China has called on Japan to drop its export curbs, the Ministry of Commerce said on Monday. "
    'Qin Gang met Yoshimasa Hayashi during a visit to China. "The blockade will only hurt trade," he said. '
    "Chinese officials were not convinced, according to Xinhua. The talks ended in Tokyo."
)


def at(piece: str, after: str | None = None) -> tuple[int, int]:
    start = TEXT.index(piece, TEXT.index(after) if after else 0)
    return start, start + len(piece)


@pytest.fixture(scope="module")
def article():
    return make_article(TEXT)


@pytest.fixture(scope="module")
def reading(article) -> Reading:
    return Reading(analyse(article), LabelSet())


def span(rng: tuple[int, int], label: str, sid: str = "s") -> Span:
    return Span(sid, "a", rng[0], rng[1], label, TEXT[rng[0] : rng[1]], "ana")


def stop_texts(reading: Reading) -> list[str]:
    return [TEXT[s.start : s.end] for s in reading.stops]


# -- tab stops ------------------------------------------------------------------------------------


def test_tab_stops_are_speaker_like_names_and_quote_and_claim_suggestions_in_reading_order(reading):
    texts = stop_texts(reading)
    # The claim starting at "China" comes before the name it starts with.
    assert texts[0].startswith("China has called on Japan") and texts[1] == "China"
    assert {"Japan", "Qin Gang", "Yoshimasa Hayashi", "Xinhua", "The blockade will only hurt trade"} <= set(texts)
    # Dates, nationalities and places where something happens are highlighted but never a stop.
    assert not {"Monday", "Chinese", "Tokyo"} & set(texts)
    assert texts.count("China") == 1  # "a visit to China" is a place, not a speaker
    assert {s.label for s in reading.stops} == {"actor", "claim", "quote"}


def test_according_to_a_place_name_is_still_a_speaker():
    text = "Talks\n\nThe deal is off, according to Japan."
    reading = Reading(analyse(make_article(text)), LabelSet())
    assert "Japan" in [text[s.start : s.end] for s in reading.stops]


def test_next_stop_skips_what_is_tagged_and_reaches_a_stop_at_the_first_word(reading):
    first = reading.next_stop(0, 1, (), inclusive=True)
    assert reading.stops[first].start == TEXT.index("China")
    # Not inclusive (the cursor has moved there itself): the next one.
    assert reading.stops[reading.next_stop(TEXT.index("China"), 1, ())].start > TEXT.index("China")
    # Tagging a trimmed version of a suggestion handles it; a name covered by an actor span too.
    spans = (span(at("Japan"), "actor", "a"), span(at("The blockade will only hurt"), "quote", "q"))
    i = reading.next_stop(TEXT.index("Qin"), 1, spans)
    assert TEXT[reading.stops[i].start : reading.stops[i].end] == "Yoshimasa Hayashi"
    after = reading.next_stop(reading.stops[i].start, 1, spans, at=i)
    assert TEXT[reading.stops[after].start : reading.stops[after].end] == "Chinese officials were not convinced"
    # Backwards, and one label only.
    back = reading.next_stop(TEXT.index("Qin"), -1, spans, label="actor")
    assert TEXT[reading.stops[back].start : reading.stops[back].end] == "Ministry of Commerce"
    only = reading.next_stop(0, 1, spans, label="quote", inclusive=True)
    assert only is None  # the one quote suggestion is handled


def test_marks_are_the_untagged_suggestions_and_follow_changes_incrementally(reading):
    every = reading.marks(())
    suggested = sorted(((s.start, s.end) for s in reading.analysis.suggestions), key=lambda r: (r[0], -r[1]))
    assert every == suggested
    assert at("Chinese officials were not convinced") in every
    tagged = (span(at("Chinese officials"), "claim", "c"),)  # a trimmed version stands for the suggestion
    without = [r for r in every if r != at("Chinese officials were not convinced")]
    assert reading.marks(tagged, [at("Chinese officials")]) == without
    assert reading.marks(tagged) == without  # the same as working it all out again
    assert reading.marks((), [at("Chinese officials")]) == every


def test_a_tagged_claim_leaves_the_claim_nested_in_it_to_tab_to():
    text = "Talks\n\nChina has called on Japan to drop its export curbs, the ministry said."
    found = analyse(make_article(text))
    # The nested claims are written here, not taken from the suggester: this is about the reader's stops,
    # whatever the suggester finds in this sentence this month.
    outer = (text.index("China"), text.index(", the ministry"))
    inner = (text.index("Japan to drop"), outer[1])
    nested = tuple(Suggestion(start, end, "claim", text[start:end], "claim: by hand") for start, end in (outer, inner))
    analysis = Analysis(found.text, found.tokens, found.sentences, found.entities, nested)
    reading = Reading(analysis, LabelSet())
    claims = [(s.start, s.end) for s in reading.stops if s.kind == "suggestion" and s.type == "claim"]
    assert claims == [outer, inner]
    assert reading.marks(()) == [outer, inner]
    tagged = (Span("o", "a", *outer, "claim", text[slice(*outer)], "ana"),)
    assert reading.marks(tagged) == [inner]
    # Tagged too, the inner claim is no stop left to tab to.
    both = (*tagged, Span("i", "a", *inner, "claim", text[slice(*inner)], "ana"))
    assert reading.marks(both) == []
    assert reading.next_stop(0, 1, both, label="claim", inclusive=True) is None
    assert reading.stops[reading.next_stop(0, 1, tagged, label="claim", inclusive=True)].start == inner[0]


def test_a_renamed_statement_label_takes_the_suggestions_of_the_label_it_replaces(tmp_path: Path, article):
    config = tmp_path / "chipread.toml"
    config.write_text(
        '[labels.who]\nkey = "w"\nrole = "speaker"\n[labels.statement]\nkey = "t"\nrole = "statement"\n'
        '[labels.quote]\nkey = "q"\nrole = "statement"\n',
        encoding="utf-8",
    )
    labels = load_config(config).labels
    assert labels.for_suggestion("claim") == "statement" and labels.for_suggestion("quote") == "quote"
    reading = Reading(analyse(article), labels)
    assert {s.label for s in reading.stops} == {"who", "statement", "quote"}
    target = reading.target("statement", TEXT.index("officials"))
    assert isinstance(target, Target) and TEXT[target.start : target.end] == "Chinese officials were not convinced"


def test_takes_is_checked_in_the_config(tmp_path: Path):
    from chipread.errors import ConfigError

    config = tmp_path / "chipread.toml"
    config.write_text('[labels.claim]\nkey = "c"\ntakes = ["gossip"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="labels.claim.takes.*quote or claim"):
        load_config(config)
    config.write_text('[labels.actor]\nkey = "a"\ntakes = ["person"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not an entity type"):
        load_config(config)
    config.write_text('[labels.actor]\nkey = "a"\ntakes = ["PERSON", "NORP"]\n', encoding="utf-8")
    assert load_config(config).labels.takes("actor") == ("PERSON", "NORP")


# -- what a label key tags ------------------------------------------------------------------------


def test_label_keys_take_the_fitting_suggestion_entity_or_word(reading):
    quote = reading.target("quote", TEXT.index("blockade"))
    assert TEXT[quote.start : quote.end] == "The blockade will only hurt trade"
    assert quote.origin.startswith("suggestion:quote")
    actor = reading.target("actor", TEXT.index("Gang"))
    assert (TEXT[actor.start : actor.end], actor.origin) == ("Qin Gang", "entity:PERSON")
    word = reading.target("actor", TEXT.index("officials"))
    assert (TEXT[word.start : word.end], word.origin) == ("officials", "token")
    # No claim suggestion here: the sentence, shaped as the guidelines shape a claim (no full stop).
    claim = reading.target("claim", TEXT.index("talks"))
    assert (TEXT[claim.start : claim.end], claim.origin) == ("The talks ended in Tokyo", "sentence")


@pytest.mark.parametrize("word", ["the", "to", "has"])
def test_a_label_key_on_a_function_word_refuses(reading, word):
    offset = TEXT.index(f" {word} ") + 1
    refusal = reading.target("actor", offset)
    assert isinstance(refusal, Refusal) and "function word" in refusal.reason


def test_a_label_key_on_a_pronoun_names_who_it_is(reading):
    refusal = reading.target("actor", TEXT.index("he said"))
    assert isinstance(refusal, Refusal)
    assert "'he' is a pronoun for 'Yoshimasa Hayashi'" in refusal.reason


def test_the_sentence_and_quotation_selections_follow_the_guidelines(article):
    plain = Reading(analyse(article), LabelSet())
    assert TEXT[slice(*plain.quotation(TEXT.index("blockade")))] == "The blockade will only hurt trade"
    marks_in = Reading(analyse(article, guidelines=Guidelines(quote_marks=True)), LabelSet())
    assert TEXT[slice(*marks_in.quotation(TEXT.index("blockade")))] == '"The blockade will only hurt trade,"'
    kept = Reading(analyse(article, guidelines=Guidelines(host_punctuation=True)), LabelSet())
    assert TEXT[slice(*kept.sentence(TEXT.index("talks")))] == "The talks ended in Tokyo."
    assert TEXT[slice(*plain.sentence(TEXT.index("talks")))] == "The talks ended in Tokyo"


# -- resizing --------------------------------------------------------------------------------------


def test_resize_moves_either_edge_by_a_token_or_a_word(reading):
    start, end = at("drop its export curbs")
    cases = {
        ("end", 1, "token"): "drop its export curbs,",
        ("end", 1, "word"): "drop its export curbs, the",
        ("end", -1, "token"): "drop its export",
        ("end", -1, "word"): "drop its export",
        ("start", 1, "token"): "to drop its export curbs",
        ("start", 1, "word"): "to drop its export curbs",
        ("start", -1, "token"): "its export curbs",
        ("start", -1, "word"): "its export curbs",
    }
    for (edge, step, unit), want in cases.items():
        new = reading.resize(start, end, edge, step, unit)
        assert TEXT[new[0] : new[1]] == want, (edge, step, unit)
    # Shrinking by a word gives up the punctuation beyond the word too.
    new = reading.resize(*at("drop its export curbs,"), "end", -1, "word")
    assert TEXT[new[0] : new[1]] == "drop its export"
    new = reading.resize(*at('"The blockade'), "start", -1, "word")
    assert TEXT[new[0] : new[1]] == "blockade"


def test_resize_never_empties_a_span_or_runs_off_the_text(reading):
    assert reading.resize(*at("Tokyo"), "end", -1, "token") is None
    assert reading.resize(*at("Tokyo"), "start", -1, "word") is None
    assert reading.resize(0, 5, "start", 1, "token") is None
    assert reading.resize(*at("Tokyo."), "end", 1, "token") is None


def test_resize_steps_over_joiners_and_selectors():
    text = "Trip\n\nFamily 👨\u200d👩\u200d👧 trip to Japan now."
    reading = Reading(analyse(make_article(text)), LabelSet())
    start = text.index("Family")
    grown = (start, start + len("Family"))
    seen = []
    for _ in range(4):
        grown = reading.resize(*grown, "end", 1, "token")
        seen.append(text[grown[0] : grown[1]])
    assert seen == [
        "Family 👨\u200d",
        "Family 👨\u200d👩\u200d",
        "Family 👨\u200d👩\u200d👧",
        "Family 👨\u200d👩\u200d👧 trip",
    ]


# -- linking ---------------------------------------------------------------------------------------


def test_link_candidates_are_named_mentions_and_a_claim_may_hold_its_speaker(reading):
    outer = next(s for s in reading.analysis.suggestions if s.text.startswith("China has called"))
    claim = span((outer.start, outer.end), "claim", "c")
    china = span(at("China", "deepens"), "actor", "a")  # tagged, and inside the claim
    found = reading.candidates(claim, [claim, china])
    assert found[0].text == outer.candidates[0].text  # the suggestion's speaker first
    assert (china.start, china.end) in [(c.start, c.end) for c in found]  # a claim may hold its own subject
    quote = span(at("The blockade will only hurt trade"), "quote", "q")
    found = reading.candidates(quote, [quote, china])
    assert all(not (quote.start <= c.start and c.end <= quote.end) for c in found)  # never inside a quotation
    assert "he" not in [c.text for c in found] and found[0].text == "Yoshimasa Hayashi"
    assert len(found) == len({(c.start, c.end) for c in found})


def test_the_proposal_for_a_trimmed_suggestion_is_the_first_candidate_for_the_trimmed_span(reading):
    stop = next(s for s in reading.stops if s.type == "quote")
    trimmed = at("The blockade will only")
    head = span(trimmed, "quote", "q")
    proposed = reading.proposal(stop, (), trimmed)
    assert proposed == reading.candidates(head, ())[0] and proposed.text == "Yoshimasa Hayashi"
    assert reading.proposal(stop, ()) == reading.proposal(stop, (), (stop.start, stop.end))
    actor = next(s for s in reading.stops if s.kind == "entity")
    assert reading.proposal(actor, (), (actor.start, actor.end)) is None  # an actor has no speaker


def test_fits_refuses_what_enter_should_not_take_as_a_label(reading):
    inner = at("Japan to drop its export curbs")
    assert reading.fits("claim", *inner, ()) is None
    tagged = reading.fits("claim", *inner, (span(inner, "claim", "c"),))
    assert isinstance(tagged, Refusal) and "already tagged claim" in tagged.reason
    assert reading.fits("quote", *inner, (span(inner, "claim", "c"),)) is None  # another label: still free
    assert isinstance(reading.fits("actor", *at("of", "Ministry"), ()), Refusal)  # a function word
    assert isinstance(reading.fits("claim", *at(",", "curbs"), ()), Refusal)  # no word in it


def test_the_cursor_picks_any_mention_and_a_pronoun_gives_its_named_mention(reading):
    claim = span(at("China has called on Japan to drop its export curbs"), "claim", "c")
    inside = reading.speaker_at(TEXT.index("Japan"), None, [claim], claim)
    assert isinstance(inside, Speaker) and (inside.text, inside.why) == ("Japan", "GPE under the cursor")
    he = reading.speaker_at(TEXT.index("he said"), None, [claim], claim)
    assert isinstance(he, Speaker) and he.text == "Yoshimasa Hayashi" and "'he' refers to it" in he.why
    ministry = reading.speaker_at(TEXT.index(" the Ministry") + 1, None, [claim], claim)
    assert isinstance(ministry, Speaker) and ministry.text == "Ministry of Commerce"  # "the" begins the name
    assert isinstance(reading.speaker_at(TEXT.index(", the"), None, [claim], claim), Refusal)
    chosen = reading.speaker_at(0, at("Trade row"), [claim], claim)
    assert isinstance(chosen, Speaker) and (chosen.text, chosen.why) == ("Trade row", "selection")
    # A tagged actor under the cursor is taken as it is.
    tagged = span(at("Qin"), "actor", "a")
    found = reading.speaker_at(TEXT.index("Qin"), None, [claim, tagged], claim)
    assert isinstance(found, Speaker) and (found.text, found.why) == ("Qin", "tagged actor")


# -- bulk and search -------------------------------------------------------------------------------


def test_every_mention_of_an_actor_but_not_inside_a_longer_name():
    text = "China talks\n\nChina met the Bank of China. China said no. Chinatown agreed."
    reading = Reading(analyse(make_article(text)), LabelSet())
    first = text.index("China met")
    found = reading.mentions(first, first + 5, "actor", ())
    assert [text[a:b] for a, b in found] == ["China"] * 3
    assert text.index("China talks") in [a for a, _ in found] and text.index("China said") in [a for a, _ in found]
    done = (Span("x", "a", first, first + 5, "actor", "China", "ana"),)
    assert first not in [a for a, _ in reading.mentions(first, first + 5, "actor", done)]


def test_search_wraps_round_and_ignores_case():
    assert search(TEXT, "china", 0, 1) == at("China")
    assert search(TEXT, "china", TEXT.index("China"), 1) == at("China", "visit")
    assert search(TEXT, "china", TEXT.index("China", TEXT.index("visit")), 1) == at("China")  # round again
    assert search(TEXT, "china", TEXT.index("China"), -1) == at("China", "visit")
    assert search(TEXT, "nowhere", 0, 1) is None and search(TEXT, "", 0, 1) is None


# -- the undo guard, and several tags as one undo step -------------------------------------------


def test_undo_asks_first_for_work_older_than_this_run():
    guard = UndoGuard()
    assert guard.must_ask("a", True, 1)  # yesterday's step: ask
    assert not guard.must_ask("a", True, 1)  # the same key from the same place: do it
    guard.moved("a", True)
    assert guard.must_ask("a", True, 1)  # the one below is old too
    assert not guard.must_ask("a", False, 2)  # redoing what was just undone asks nothing
    guard.pushed("a")
    assert not guard.must_ask("a", True, 3)  # made in this run
    assert guard.must_ask("b", True, 3)  # another article has its own history
    assert guard.must_ask("b", True, 4)  # from another place: still asks


def test_several_tags_are_one_step_and_a_bad_one_writes_nothing(tmp_path, article):
    store = AnnotationStore(tmp_path / "db")
    assert store.claim("ana")
    try:
        session = AnnotationSession(store, article, "ana")
        spans = session.add_spans(
            [(*at("China"), "actor", "mentions"), (*at("China", "visit"), "actor", "mentions")], "x"
        )
        assert [s.origin for s in spans] == ["mentions", "mentions"] and session.status == "in_progress"
        with pytest.raises(SessionError, match="already tagged"):
            session.add_spans([(*at("Japan"), "actor", "m"), (*at("China"), "actor", "m")], "y")
        assert len(session.spans) == 2  # nothing of the failed batch
        assert session.undo() == "x" and session.spans == ()
    finally:
        store.close()


def test_comma_selects_from_the_cursor_to_the_end_of_its_clause(reading):
    found = reading.clause(TEXT.index("drop"))
    assert TEXT[found[0] : found[1]] == "drop its export curbs"
    assert TEXT[slice(*reading.clause(TEXT.index("talks")))] == "talks ended in Tokyo"  # the sentence's end


def test_an_edge_moves_by_a_clause():
    text = (
        "Talks\n\nWang said US policies towards China, including the framework, which excludes China, aim at it. Next."
    )
    reading = Reading(analyse(make_article(text)), LabelSet())
    grown = (text.index("US"), text.index("China,") + 5)
    seen = []
    for _ in range(3):
        grown = reading.resize(*grown, "end", 1, "clause")
        seen.append(text[grown[0] : grown[1]].rsplit(",", 1)[-1].strip())
    assert seen == ["including the framework", "which excludes China", "aim at it"]
    full = (text.index("US"), text.index("aim at it") + len("aim at it"))
    assert text[slice(*reading.resize(*full, "end", -1, "clause"))].endswith("which excludes China")
    assert text[slice(*reading.resize(*full, "start", -1, "clause"))].startswith("including the framework")
    late = (text.index("which"), full[1])
    assert text[slice(*reading.resize(*late, "start", 1, "clause"))].startswith("including the framework")
    assert reading.resize(text.index("aim"), full[1], "start", -1, "clause") is None  # no clause left to give up

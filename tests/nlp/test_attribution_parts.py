"""The pieces of attribution one by one: lemmas, word lists, the linear model, cues, noun phrases, speakers, scoring."""

from __future__ import annotations

import json

import pytest

from chipread.errors import ChipreadError
from chipread.nlp import BuiltinRecognizer, analyse_text
from chipread.nlp.attribution import find_frames
from chipread.nlp.attribution_scoring import Attribution, Scores, name_words, score_document
from chipread.nlp.context import TokenContext
from chipread.nlp.cues import cue_kinds, find_cues, score_cues
from chipread.nlp.lemma import lemma
from chipread.nlp.linear import LinearModel, bundled, train_logistic
from chipread.nlp.sources import noun_chunks
from chipread.nlp.speakers import SpeakerResolver
from chipread.nlp.wordlists import word_lists

REC = BuiltinRecognizer()


def context(text: str) -> TokenContext:
    a = analyse_text(text, REC)
    return TokenContext(text, list(a.tokens), list(a.sentences), list(a.entities))


def speakers(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.speaker.text if s.speaker else None) for s in analyse_text(text, REC).suggestions]


# -- lemmas and word lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, base",
    [
        ("said", "say"),
        ("says", "say"),
        ("saying", "say"),
        ("told", "tell"),
        ("urged", "urge"),
        ("argued", "argue"),
        ("added", "add"),
        ("planned", "plan"),
        ("denies", "deny"),
        ("believed", "believe"),
        ("praised", "praise"),
        ("news", "news"),
    ],
)
def test_a_verb_form_has_its_lemma(word, base):
    assert lemma(word) == base


def test_the_cue_list_gives_each_listed_word_a_kind():
    kinds = cue_kinds()
    assert kinds["say"] == "speech" and kinds["urge"] == "stance" and kinds["believe"] == "belief"
    assert kinds["plan"] == "intention" and kinds["show"] == "evidence" and kinds["decline"] == "refusal"
    assert set(kinds.values()) <= {"speech", "stance", "belief", "intention", "evidence", "refusal"}


def test_a_missing_word_list_is_one_clear_error():
    with pytest.raises(ChipreadError, match="word list 'no-such-list' is missing"):
        word_lists("no-such-list")


# -- the linear model --------------------------------------------------------------------------------------


def test_training_is_deterministic_and_learns_a_separable_rule():
    examples = [(["w=said", "p1=PRP"], 1), (["w=said", "p1=the"], 1), (["w=table", "p1=the"], 0)] * 30
    first = train_logistic(examples, epochs=4, min_count=1)
    second = train_logistic(examples, epochs=4, min_count=1)
    assert first.to_json() == second.to_json()
    assert first.probability(["w=said", "p1=PRP"]) > 0.8 > 0.2 > first.probability(["w=table", "p1=the"])
    # Unseen features change nothing.
    assert first.margin(["w=table", "unseen"]) == first.margin(["w=table"])


def test_a_model_round_trips_through_json():
    model = LinearModel({"a": 1.5, "b": -2.0}, 0.25, {"candidates": {"said": 0.9}})
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.margin(["a", "b"]) == model.margin(["a", "b"]) == -0.25
    assert again.meta == model.meta


def test_the_shipped_models_are_installed_with_their_candidates():
    cue_model, source_model = bundled("cue_model"), bundled("source_model")
    assert cue_model is not None and source_model is not None
    assert "said" in cue_model.meta["candidates"] and len(cue_model.weights) > 1000
    assert bundled("no-such-model") is None


# -- cues --------------------------------------------------------------------------------------------------


def test_cues_are_the_words_that_report():
    ctx = context("The minister said the plan would fail. The table was set for dinner.")
    assert [ctx.tx[c.head] for c in find_cues(ctx)] == ["said"]
    scored = {ctx.tx[c.head]: c.probability for c in score_cues(ctx)}
    assert scored["said"] > 0.5 and all(p < 0.4 for w, p in scored.items() if w != "said")


def test_according_to_and_a_headline_colon_are_cues():
    ctx = context("Poll: Voters are tired\n\nThe plant will close, according to the company.")
    assert {ctx.tx[c.head] for c in find_cues(ctx)} >= {":", "according"}


# -- noun phrases and frames -------------------------------------------------------------------------------


def test_noun_chunks_stop_at_verbs_prepositions_and_adverbs():
    ctx = context("The ad uses footage of the senator, however, in a new spot.")
    chunks = [" ".join(ctx.tx[a:b]) for a, b in noun_chunks(ctx, 0, len(ctx.tx), set())]
    assert "ad" in " ".join(chunks) and not any("uses" in c or "however" in c for c in chunks)
    assert "footage of the senator" in chunks


def test_a_frame_has_the_content_after_the_cue_and_its_subject():
    ctx = context("Jerome Powell said inflation was too high.")
    (frame,) = find_frames(ctx)
    assert " ".join(ctx.tx[slice(*frame.contents[0])]) == "inflation was too high"
    assert " ".join(ctx.tx[slice(*frame.source)]) == "Jerome Powell"


def test_a_participle_ends_the_report_before_it():
    out = speakers("China has called on Japan to cease its export controls, labeling the action a wrongdoing.")
    assert ("Japan to cease its export controls", "China") in out
    assert ("the action a wrongdoing", "China") in out


def test_a_report_in_a_report_is_suggested_at_both_levels_unless_flat():
    text = "The ministry said Monday that Beijing has urged Tokyo to drop the curbs."
    from chipread.guidelines import Guidelines

    nested = {s.text for s in analyse_text(text, REC).suggestions}
    assert {"Beijing has urged Tokyo to drop the curbs", "Tokyo to drop the curbs"} <= nested
    flat = analyse_text(text, REC, guidelines=Guidelines(nested=False)).suggestions
    assert len(flat) == 1


# -- speakers ----------------------------------------------------------------------------------------------


def test_she_is_the_woman_named_before_not_the_nearer_man():
    text = "Hillary Clinton met Bernie Sanders in Iowa. She said the primary was over."
    assert speakers(text) == [("the primary was over", "Hillary Clinton")]


def test_a_surname_alone_takes_the_gender_of_its_own_full_name():
    text = (
        "Keith Lamont Scott was shot on Tuesday. Rakeyia Scott filmed the encounter. She said her husband was unarmed."
    )
    ctx = context(text)
    resolver = SpeakerResolver(ctx)
    keith = next(e for e in ctx.entities if e.text == "Keith Lamont Scott")
    rakeyia = next(e for e in ctx.entities if e.text == "Rakeyia Scott")
    # Keith is a man by his given name; Rakeyia's given name is not listed, and the surname they share
    # must not make her one.
    assert resolver.gender_of(keith) == "MALE" and resolver.gender_of(rakeyia) is None
    (s,) = analyse_text(text, REC).suggestions
    assert s.speaker.text == "Rakeyia Scott"


def test_a_pronoun_nobody_named_is_never_the_speaker():
    assert speakers("He said the talks had failed.") == [("the talks had failed", None)]


def test_a_party_tag_is_not_a_person():
    out = speakers("Sen. David Perdue (R-Ga.) arrived first. Later he said the bill was flawed.")
    assert out == [("the bill was flawed", "David Perdue")]


def test_a_statement_from_an_organ_speaks_for_it():
    out = speakers("Exports will be limited, a statement from the Ministry of Trade said Monday.")
    assert out == [("Exports will be limited", "Ministry of Trade")]


def test_a_nationality_before_an_organ_names_the_organ():
    out = speakers("The Japanese foreign ministry said the talks were frank.")
    assert out == [("the talks were frank", "Japanese foreign ministry")]


def test_a_relative_pronoun_speaks_for_the_name_before_it():
    out = speakers("Lawmakers questioned Sen. Ted Cruz, who said the shutdown was necessary.")
    assert ("the shutdown was necessary", "Ted Cruz") in out


def test_a_place_or_nationality_before_a_role_is_not_the_speaker():
    out = speakers("Donald Trump spoke in Ohio on Monday. The New York businessman said the election was rigged.")
    assert ("the election was rigged", "Donald Trump") in out


def test_a_phrase_that_opens_with_a_name_is_that_name_speaking():
    # The chunker may keep a verb in the phrase ("Qin spoke"); the speaker is still the name, exactly.
    out = speakers("Qin Gang met his counterpart. Qin spoke with him, and said the two should cooperate.")
    assert ("the two should cooperate", "Qin") in out


def test_a_name_that_only_qualifies_a_thing_never_speaks():
    out = speakers("The Syrian conflict may once have seemed far away to European citizens, officials said.")
    assert all(speaker != "Syrian" for _, speaker in out)
    assert ("The Syrian conflict may once have seemed far away to European citizens", "officials") in out


def test_a_passive_agent_is_the_source_and_the_subject_the_content():
    assert speakers("The tax plan was criticized by Senator Elizabeth Warren on Monday.") == [
        ("The tax plan", "Elizabeth Warren")
    ]


def test_what_follows_a_passive_agent_is_the_content():
    assert speakers("Clinton was asked by Matt Lauer whether she had practiced her speech.") == [
        ("whether she had practiced her speech", "Matt Lauer")
    ]
    assert speakers("Asked by Matt Lauer whether she had practiced, Clinton laughed.") == [
        ("whether she had practiced", "Matt Lauer")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ann Roe said by telephone this week that the plan would fail.",
        "Ann Roe told reporters over the phone that the plan would fail.",
    ],
)
def test_the_means_of_saying_is_neither_content_nor_agent(text):
    assert speakers(text) == [("the plan would fail", "Ann Roe")]


def test_by_and_a_date_is_when_not_who():
    assert speakers("The officials said by Friday they would decide.") == [("they would decide", "officials")]


def test_after_a_particle_no_one_is_addressed():
    out = speakers("Critics warned of the rising debt, the newspaper reported.")
    assert ("the rising debt", "Critics") in out
    assert ("the debt would rise", "Critics") in speakers("Critics warned Japan that the debt would rise.")


def test_an_agentless_passive_act_is_no_attribution_but_an_agentless_report_is():
    assert speakers("Trump was criticized for his remarks on Monday.") == []
    assert speakers("The plan was announced on Friday.") == []
    assert speakers("It has been argued that the ban will fail.") == [("the ban will fail", None)]


def test_by_and_a_gerund_is_how_it_was_said_not_what():
    out = speakers("Trump responded by citing the example of Chicago.")
    assert ("the example of Chicago", "Trump") in out
    assert not any(content.startswith("by") for content, _ in out)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "The plan placates nervous Democrats on Capitol Hill, who have argued that it helps them.",
            "it helps them",
            "Democrats",
        ),
        (
            "His remarks have drawn scrutiny from some who saw the remark as a dig at the military.",
            "the remark as a dig at the military",
            "some",
        ),
        (
            "The video became a focal point for demonstrators here, who have called for its release.",
            "its release",
            "demonstrators",
        ),
    ],
)
def test_a_relative_pronoun_speaks_for_the_nearest_phrase_before_it(text, content, speaker):
    assert (content, speaker) in speakers(text)


# -- scoring -----------------------------------------------------------------------------------------------


def test_name_words_skip_titles_and_sentence_openers_never_capitalised_inside():
    text = "Companies said so. Mr. Obama spoke. Later Obama left."
    assert name_words(text, [(0, 9)]) == set()
    assert name_words(text, [(19, 29)]) == {"Obama"}


def test_a_pronoun_speaker_is_right_when_it_names_the_referent():
    text = "Ann Roe spoke first. She said prices would rise."
    gold = [
        Attribution(((0, 7),), ((0, 7),), False),  # a stand-in attribution that names Ann Roe as a source before
        Attribution(((30, 47),), ((21, 24),), False),
    ]
    scores = Scores()
    predicted = [(Attribution(((30, 47),), None, False), (0, 7))]
    score_document(scores, "doc", text, gold, predicted)
    assert scores.speaker_judged == 1 and scores.speaker_right == 1
    assert scores.all.matched == 1 and scores.all.prf()[1] == 0.5


def test_a_description_holding_a_name_is_judged_by_whom_it_describes():
    text = "Donald Trump spoke first. The New York businessman said taxes would fall. Ann Roe, a lawyer, agreed."
    trump, described, roe = (0, 12), (26, 50), (74, 81)
    gold = [
        Attribution(((0, 12),), (trump,), False),  # a stand-in that names Trump as a source before
        Attribution(((56, 72),), (described,), False),
        Attribution(((93, 99),), ((74, 91),), False),  # "Ann Roe, a lawyer" names her
    ]
    for speaker, right in ((trump, True), ((30, 38), True), (roe, False)):
        scores = Scores()
        score_document(scores, "doc", text, gold[:2], [(Attribution(((56, 72),), None, False), speaker)])
        assert scores.speaker_right == right, text[speaker[0] : speaker[1]]
    scores = Scores()
    score_document(scores, "doc", text, gold, [(Attribution(((93, 99),), None, False), trump)])
    assert scores.speaker_judged == 1 and scores.speaker_right == 0


def test_a_relative_pronoun_source_is_judged_by_the_phrase_before_it():
    text = "Ann Roe spoke. Taxes were set by the U.S. Senate, which said they would rise."
    which = text.index("which")
    content = (text.index("they would"), text.index(" rise") + 5)
    gold = [
        Attribution(((0, 7),), ((0, 7),), False),  # Ann Roe, the nearest named source before "which"
        Attribution((content,), ((which, which + 5),), False),
    ]
    senate, roe = (text.index("Senate"), text.index("Senate") + 6), (0, 7)
    for speaker, right in ((senate, True), (roe, False)):
        scores = Scores()
        score_document(scores, "doc", text, gold, [(Attribution((content,), None, False), speaker)])
        assert scores.speaker_judged == 1 and scores.speaker_right == right, text[speaker[0] : speaker[1]]


def test_matching_prefers_the_closer_fit():
    text = "She said the price rose and the plant closed in May."
    close = Attribution(((9, 23),), None, False)  # "the price rose"
    wide = Attribution(((9, 51),), None, False)  # the whole clause
    gold = [Attribution(((28, 51),), None, False), Attribution(((9, 23),), None, False)]
    scores = Scores()
    score_document(scores, "doc", text, gold, [(wide, None), (close, None)])
    assert scores.all.matched == 2 and scores.all.exact == 1


def test_each_piece_of_an_interrupted_quotation_is_right_content():
    text = '"We will win," he said, "and they know it." Ann Roe spoke.'
    gold = [Attribution(((0, 14), (24, 43)), ((15, 17),), True)]
    predicted = [(Attribution(((1, 12),), None, True), None), (Attribution(((25, 41),), None, True), None)]
    scores = Scores()
    score_document(scores, "doc", text, gold, predicted)
    assert scores.all.prf() == (1.0, 1.0, 1.0)


def test_an_interrupted_quotation_predicted_in_the_same_pieces_is_found_whole():
    text = '"We will win," he said, "and they know it." Ann Roe spoke.'
    gold = [Attribution(((0, 14), (24, 43)), ((15, 17),), True)]
    scores = Scores()
    score_document(scores, "doc", text, gold, [(gold[0], (15, 17))])
    assert scores.quotations == 2 and scores.whole_quotes == 2


def test_the_particle_of_a_phrasal_cue_is_not_part_of_what_was_reported():
    text = "Officials spelled out how the curbs would work."
    (claim,) = analyse_text(text, BuiltinRecognizer()).suggestions
    assert claim.text == "how the curbs would work"

from __future__ import annotations

from chipread.nlp import split_sentences


def sents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. Smith met Dr. J. R. R. Tolkien at 10 a.m. in St. Louis. They talked."
    assert sents(text) == ["Mr. Smith met Dr. J. R. R. Tolkien at 10 a.m. in St. Louis.", "They talked."]


def test_us_abbreviation_ends_only_before_a_sentence_opener():
    assert sents("Officials in the U.S. Treasury agreed.") == ["Officials in the U.S. Treasury agreed."]
    assert sents("It was made in the U.S. The plant closed.") == [
        "It was made in the U.S.",
        "The plant closed.",
    ]


def test_quotes_spanning_sentences_keep_their_closing_mark():
    text = 'He said: "We will win. They know it." Then he left.'
    assert sents(text) == ['He said: "We will win.', 'They know it."', "Then he left."]
    text = "“The blockade will only stimulate China,” he said. Talks ended."
    assert sents(text) == ["“The blockade will only stimulate China,” he said.", "Talks ended."]


def test_question_inside_quote_followed_by_lowercase_continues():
    assert sents('"Why now?" he asked. Nobody answered.') == ['"Why now?" he asked.', "Nobody answered."]


def test_paragraphs_always_end_a_sentence():
    text = "Headline without a stop\n\nFirst paragraph, also\n\nSecond one."
    assert sents(text) == ["Headline without a stop", "First paragraph, also", "Second one."]


def test_single_newline_inside_a_paragraph_does_not_split():
    text = "Tokyo’s\nnew export controls will only drive it. Done."
    assert sents(text) == ["Tokyo’s\nnew export controls will only drive it.", "Done."]


def test_numbers_and_no_abbreviation():
    assert sents("Prices rose 102.5% in No. 1 markets. Shares fell.") == [
        "Prices rose 102.5% in No. 1 markets.",
        "Shares fell.",
    ]


def test_every_token_in_exactly_one_sentence(gold_texts):
    from chipread.nlp import tokenize

    for text in gold_texts:
        toks = tokenize(text)
        ss = split_sentences(text, toks)
        assert ss[0].start == toks[0].start and ss[-1].end == toks[-1].end
        assert all(a.end <= b.start for a, b in zip(ss, ss[1:]))
        covered = sum(1 for t in toks for s in ss if s.start <= t.start and t.end <= s.end)
        assert covered == len(toks)


# -- one list of abbreviations for the tokenizer and both splitters ---------------------------------------


def test_the_abbreviation_list_has_each_users_category():
    from chipread.nlp.wordlists import word_lists

    lists = word_lists("abbreviations")
    assert set(lists) == {"KEEP_WHOLE", "NEVER_ENDS", "BEFORE_NUMBER", "MAY_END", "UNFINISHED"}
    assert all(w.endswith(".") for w in lists["KEEP_WHOLE"])
    for label in ("NEVER_ENDS", "BEFORE_NUMBER", "MAY_END", "UNFINISHED"):
        assert all(w == w.lower() and not w.endswith(".") for w in lists[label]), label
    assert set(lists["BEFORE_NUMBER"]) <= set(lists["NEVER_ENDS"])
    assert not set(lists["NEVER_ENDS"]) & set(lists["MAY_END"])


def test_the_tokenizer_keeps_listed_abbreviations_whole():
    from chipread.nlp import tokenize

    assert [t.text for t in tokenize("Sacramento, Calif. and Gov. Newsom")] == [
        "Sacramento",
        ",",
        "Calif.",
        "and",
        "Gov.",
        "Newsom",
    ]
    assert [t.text for t in tokenize("said no.")] == ["said", "no", "."]  # not listed: the stop comes off


def test_a_number_abbreviation_holds_the_sentence_only_before_a_number():
    assert sents("See No. 3 here.") == ["See No. 3 here."]
    assert sents("He said no. The talks ended.") == ["He said no.", "The talks ended."]


def test_a_company_suffix_ends_a_sentence_only_before_an_opener():
    assert sents("He joined Sony Corp. The deal closed.") == ["He joined Sony Corp.", "The deal closed."]
    assert sents("Sony Corp. Chief Kenichiro Yoshida spoke.") == ["Sony Corp. Chief Kenichiro Yoshida spoke."]


# -- the cleaner's sentences of a paragraph --------------------------------------------------------------


def spans(text: str) -> list[str]:
    from chipread.nlp.sentences import sentence_spans

    return [text[a:b] for a, b in sentence_spans(text)]


def test_the_page_splitter_cuts_at_a_stop_before_a_capital_digit_or_quote():
    assert spans("Prices rose. Shares fell! 2024 was hard? “Yes,” he said.  ") == [
        "Prices rose.",
        "Shares fell!",
        "2024 was hard?",
        "“Yes,” he said.",
    ]
    assert spans("It rose. then fell.") == ["It rose. then fell."]  # lower case: no new sentence


def test_the_page_splitter_never_ends_a_sentence_after_its_abbreviations_or_an_initial():
    # Coarser than split_sentences: "U.S." and "Corp." never end a sentence of a page.
    assert spans("It was made in the U.S. The plant closed.") == ["It was made in the U.S. The plant closed."]
    assert spans("Mr. Abe met J. Smith in (Feb. 3) talks. They agreed.") == [
        "Mr. Abe met J. Smith in (Feb. 3) talks.",
        "They agreed.",
    ]
    assert spans('He said "yes." Then left.') == ['He said "yes."', "Then left."]  # closing quote kept
    assert spans('He said "no." Then left.') == ['He said "no." Then left.']  # "no." as in "No. 3"

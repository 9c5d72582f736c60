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

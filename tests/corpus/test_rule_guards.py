"""Each boilerplate rule fires on the furniture it is for and never on a sentence that shares its words."""

from __future__ import annotations

from datetime import date

import pytest

from chipread.corpus import clean_page
from chipread.corpus.paras import Para

LEAD = "Ferry fares in the harbour will rise by 10% from March, the operator said on Sunday."
LAST = "The operator blamed fuel costs, a spokesman said."


def page_with(line: str, *, where: str = "middle") -> str:
    """A small story with one line placed after the headline, between two sentences, or at the end."""
    if where == "top":
        return f"Harbour ferry fares rise\n\n{line}\n\n{LEAD}\n\n{LAST}\n"
    if where == "end":
        return f"Harbour ferry fares rise\n\n{LEAD}\n\n{LAST}\n\n{line}\n"
    return f"Harbour ferry fares rise\n\n{LEAD}\n\n{line}\n\n{LAST}\n"


# -- boilerplate goes, each under its kind ------------------------------------------------------

FURNITURE = [
    # newsletter prompts
    ("Sign up for our morning newsletter", "newsletter"),
    ("Subscribe: get the best stories every morning", "newsletter"),
    ("Never miss a story: get our alerts", "newsletter"),
    ("Get the Evening Briefing delivered to your inbox", "newsletter"),
    ("Newsletter: The week in politics", "newsletter"),
    # copyright lines and the reserved-rights formula
    ("© 2024 Harbour Media Group", "copyright"),
    ("Copyright 2024 The Coast Herald. All rights reserved.", "copyright"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ("This article may not be reproduced or distributed without prior written permission.", "copyright"),
    # reporting and photo credits
    ("(Reporting by Ana Lima in Lisbon; Editing by Tom Reed)", "credit"),
    ("Additional reporting by Priya Nair", "credit"),
    ("Jane Doe contributed reporting.", "credit"),
    ("Photo: Ana Lima", "credit"),
    ("Image credit: Coast Herald", "credit"),
    ("(AP Photo/Ana Lima)", "credit"),
    ("Getty Images", "credit"),
    ("AFP via Getty Images", "credit"),
    ("EPA-EFE/Tom Reed", "credit"),
    ("Image source, Getty Images", "credit"),
    # captions
    ("Image caption, Ferry passengers in the harbour", "caption"),
    ("Passengers board a ferry in the harbour on Sunday. REUTERS/Ana Lima", "caption"),
    ("Mayor Ana Lima (centre) speaks to reporters at the harbour.", "caption"),
    ("A ferry leaves the harbour in this file photo", "caption"),
    # source lines
    ("Source: Coast Herald", "source"),
    ("Source: company filings", "source"),
    ("Courtesy of Harbour Media", "source"),
    ("This article first appeared in The Coast Herald", "source"),
    # bylines, standards, dividers
    ("Ana Lima, Transport correspondent", "byline"),
    ("By Ana Lima | February 11, 2024", "byline"),
    ("Our Standards: The Trust Principles.", "standards"),
    ("* * *", "separator"),
    ("___", "separator"),
    # follow and share widgets, live-blog controls, read-also labels in several languages
    ("Follow us on Instagram", "follow"),
    ("Follow Ana Lima on X", "follow"),
    ("Follow this author", "follow"),
    ("Partager sur Facebook", "share"),
    ("Show key events only", "widget"),
    ("Lire aussi : Les tarifs du ferry augmentent", "read_also"),
    ("Leia também: Tarifas sobem", "read_also"),
    ("More from Coast Herald", "read_also"),
    # date stamps
    ("Updated 14:32 IST", "date"),
    ("Veröffentlicht am 5. Juli 2024", "date"),
    ("Le 3 mai 2024 à 10h00", "date"),
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_is_removed_under_its_kind(line, kind):
    result = clean_page(page_with(line))
    assert line not in result.text
    assert (kind, line) in [(r.kind, r.text) for r in result.removed]
    assert result.text == f"Harbour ferry fares rise\n\n{LEAD}\n\n{LAST}"


def test_subscribe_prompt_at_the_end_is_removed():
    result = clean_page(page_with("Subscribe now", where="end"))
    assert result.text.endswith(LAST)
    assert [r.text for r in result.removed] == ["Subscribe now"]


# -- sentences that share the rules' words stay, wherever they stand -----------------------------

PROSE = [
    # captions and credits
    "The photo, credited to a Reuters stringer, was widely shared.",
    "The photographer Jane Doe said she was arrested.",
    "Photograph by photograph, investigators rebuilt the timeline.",
    "Picture this: a city without cars.",
    "Credit: card spending rose 4% in May.",
    "Credits for the film list more than 300 people.",
    "Image rights were at the centre of the dispute.",
    "AP/NORC polling found broad support for the measure.",
    "Reuters/Ipsos polling found 40% support.",
    "SmartCredit: the app that lets users pay later has two million customers.",
    "The senator (left) and the governor spoke for an hour.",
    "Sen. Mitt Romney (R) voted against the bill.",
    "In this photo, taken in May, the minister is seen smiling, which critics say was staged.",
    # newsletters
    "Subscribers to the newsletter complained that prices had doubled.",
    "Subscribe-and-save schemes have drawn complaints from consumers.",
    "Sign up rates for the scheme fell by half last year.",
    "Newsletters have become a big business for publishers.",
    "He told reporters the newsletter had been shut down.",
    "The company sent the warning straight to your inbox, the regulator warned.",
    '"Sign up for our newsletter and you will never miss a deal," the ad promised, regulators said.',
    "Get the latest news to your inbox was the pitch, but readers left.",
    "Don't miss the final game, the coach told fans.",
    # copyright
    "Copyright law was at the heart of the case.",
    "All rights reserved is printed on every page of the contract, the judge noted.",
    "The material may not be published or broadcast without the court's permission.",
    # source lines and credits of reporting
    "Source: the ministry said the talks would resume next week.",
    "Sources close to the talks say a deal is near.",
    "Courtesy of the mayor, every resident got a free bus pass.",
    "Via Rail cancelled all trains on Tuesday.",
    "Reporting by the BBC revealed the scheme in 2019.",
    "Research by the Resolution Foundation found that wages fell.",
    "Produced by the BBC and HBO, the series drew ten million viewers.",
    "The Associated Press contributed reporting to earlier coverage, the paper noted.",
    # follow, read also, more from
    "Follow the money, investigators say.",
    "Follow-up talks are planned.",
    "More from the minister's speech was released on Friday.",
    "Related talks ended without a deal.",
    "By Tuesday the death toll had risen to 40.",
]


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("sentence", PROSE)
def test_sentences_with_the_rules_words_are_kept(sentence, where):
    result = clean_page(page_with(sentence, where=where))
    assert sentence in result.text.split("\n\n")
    assert result.removed == ()


# -- dates at the start of the text --------------------------------------------------------------


@pytest.mark.parametrize(
    "first, published, removed",
    [
        ("May 3, 2024 The council approved the budget.", date(2024, 5, 3), "May 3, 2024"),
        ("Published on May 3, 2024 The council approved the budget.", date(2024, 5, 3), "Published on May 3, 2024"),
        ("3 May 2024 | The council approved the budget.", date(2024, 5, 3), "3 May 2024 |"),
        ("2024-05-03 · The council approved the budget.", date(2024, 5, 3), "2024-05-03 ·"),
        ("15 mars 2024 Le conseil a approuvé le budget.", date(2024, 3, 15), "15 mars 2024"),
    ],
)
def test_a_leading_date_dates_the_story_and_leaves_the_text(first, published, removed):
    result = clean_page(f"Council approves budget\n\n{first}\n\nThe vote was 7 to 2, officials said.\n")
    assert result.published == published
    assert ("date", removed) in [(r.kind, r.text) for r in result.removed]
    assert result.text.split("\n\n")[1] in ("The council approved the budget.", "Le conseil a approuvé le budget.")


@pytest.mark.parametrize(
    "first, stripped, published",
    [
        ("WASHINGTON, May 3 (Reuters) - ", "WASHINGTON, May 3 (Reuters) -", None),
        ("LONDON, May 3, 2024 (AFP) - ", "LONDON, May 3, 2024 (AFP) -", date(2024, 5, 3)),
        ("Berlin (dpa) - ", "Berlin (dpa) -", None),
        ("PARIS (AP) — ", "PARIS (AP) —", None),
    ],
)
def test_a_dateline_is_cut_from_the_first_sentence_not_the_sentence(first, stripped, published):
    sentence = "The council approved the budget on Tuesday, the mayor said."
    result = clean_page(f"Council approves budget\n\n{first}{sentence}\n")
    assert result.text == f"Council approves budget\n\n{sentence}"
    assert ("dateline", stripped) in [(r.kind, r.text) for r in result.removed]
    assert result.published == published


@pytest.mark.parametrize(
    "sentence",
    [
        "June 4, 1989 remains a taboo subject in the country, historians said.",
        "May 3, 2024 was the wettest day on record, the weather service said.",
        "May 2024 was the wettest month on record, the weather service said.",
        "On May 3, 2024, the council approved the budget.",
    ],
)
def test_a_date_that_is_part_of_the_sentence_stays(sentence):
    result = clean_page(f"Council approves budget\n\n{sentence}\n\nThe vote was 7 to 2, officials said.\n")
    assert sentence in result.text
    assert result.published is None
    assert result.removed == ()


# -- headlines of other stories run into a long paragraph ---------------------------------------

FILLER = (
    "Rescue crews worked through the night to reach families in the lower town. "
    "The regional government said it would release emergency funds on Wednesday. "
    "Insurers expect claims to run into the hundreds of millions, according to an industry group. "
    "Schools in three districts will stay closed until the end of the week, the education office said. "
    "Volunteers handed out blankets and food at the main shelter, which was full by midnight. "
)


def long_paragraph(inner: str) -> str:
    """A single-line article (over 120 words), as scrapers of some sites leave them."""
    return "Floods hit the valley again\n\n" + FILLER + inner + " " + FILLER + "\n"


@pytest.mark.parametrize(
    "headline",
    [
        "Valley flood defences were never finished, engineers say",
        "Council Votes To Raise Parking Fees Across the City",
        "How the valley plans to rebuild its flood walls after the storm",
    ],
)
def test_a_spliced_headline_is_cut_out(headline):
    result = clean_page(long_paragraph(f"{headline} The mayor visited the shelter on Tuesday."))
    assert headline not in result.text
    assert "The mayor visited the shelter on Tuesday." in result.text
    assert [(r.kind, r.text) for r in result.removed] == [("related_headline", headline)]


@pytest.mark.parametrize(
    "inner",
    [
        # a full stop the scrape lost: split there, every word kept
        "Flood waters forced residents of the city out of their homes Last year the same streets were under water.",
        "The mayor said residents would get updates in the council newsletter and straight to their inbox The "
        "warnings will also go out by text message.",
        "The dam is too old, the engineer says In her report she called for a new dam.",
        "Regional rail operator cuts services for the winter The mayor visited the shelter on Tuesday.",
        # not a sentence start at all
        "Residents watched a film called The Day After at the shelter on Tuesday night.",
        "“Floods Like This Are The New Normal The city must adapt,” the mayor said.",
    ],
)
def test_prose_that_looks_spliced_keeps_every_word(inner):
    result = clean_page(long_paragraph(inner))
    assert result.removed == ()
    assert result.text.replace("\n\n", " ").split() == long_paragraph(inner).split()


# -- paragraphs are compared by identity ---------------------------------------------------------


def test_equal_paragraphs_are_distinct_objects_and_both_kept():
    # Value equality made every list lookup compare texts (quadratic on long pages); identity is what cleaning means.
    assert Para("Same text.") != Para("Same text.")
    assert Para.__eq__ is object.__eq__
    repeated = "The vote was 7 to 2, officials said."
    page = "Council approves budget\n\n" + "\n\n".join([repeated] * 500) + "\n"
    assert clean_page(page).text.split("\n\n")[1:] == [repeated] * 500


# -- a figure flattened into one paragraph: caption and credit ------------------------------------


def test_a_caption_with_its_credit_in_one_paragraph_goes_whole():
    line = "Passengers queue for the 8.15 crossing at Pier Head. Photo: Tom Reed"
    result = clean_page(page_with(line))
    assert result.text == f"Harbour ferry fares rise\n\n{LEAD}\n\n{LAST}"
    assert [(r.kind, r.text) for r in result.removed] == [
        ("caption", "Passengers queue for the 8.15 crossing at Pier Head."),
        ("credit", "Photo: Tom Reed"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The crossing was cancelled twice last week. Photo: Tom Reed",
        "Fares rise in March. The operator blames fuel. Photo: Tom Reed",
    ],
)
def test_a_story_paragraph_with_a_credit_glued_on_loses_only_the_credit(paragraph):
    result = clean_page(page_with(paragraph))
    assert paragraph.removesuffix(" Photo: Tom Reed") in result.text.split("\n\n")
    assert [(r.kind, r.text) for r in result.removed] == [("credit", "Photo: Tom Reed")]

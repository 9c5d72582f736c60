"""General cleaning rules on small pages, and the article text they must never cut."""

from __future__ import annotations

from datetime import date

import pytest

from chipread.corpus import clean_page


def kinds(result) -> list[str]:
    return [r.kind for r in result.removed]


# -- headline, title, paragraphs ------------------------------------------------------------------


def test_headline_is_a_short_line_without_final_period_title_case_or_not():
    for headline in (
        "Japan tightens chip export rules",
        "Japan Tightens Chip Export Rules",
        "Is Japan ready for a chip war?",
    ):
        page = f"{headline}\n\nJapan will require licences for 23 kinds of chipmaking tools from July, the ministry said.\n"
        result = clean_page(page)
        assert result.title == headline
        assert result.text == page.strip()


def test_no_headline_title_from_first_sentence_and_text_not_duplicated():
    page = "Japan will require licences for 23 kinds of chipmaking tools from July, the trade ministry said on Friday. It did not name China.\n"
    result = clean_page(page)
    assert (
        result.title
        == "Japan will require licences for 23 kinds of chipmaking tools from July, the trade ministry said on Friday"
    )
    assert result.text == page.strip()


def test_long_first_sentence_title_is_cut_at_a_clause_or_a_word():
    sentence = (
        "The government of Japan, under pressure from Washington for months to act against exports to China, "
        "announced a long list of new controls today that will affect dozens of companies in the industry."
    )
    result = clean_page(sentence + "\n")
    assert (
        result.title
        == "The government of Japan, under pressure from Washington for months to act against exports to China"
    )
    words = " ".join(["word"] * 60) + "."
    assert clean_page(words).title.endswith("…")
    assert len(clean_page(words).title) <= 101


def test_hard_wrapped_lines_join_and_separate_lines_stay_paragraphs():
    wrapped = (
        "Officials in Tokyo said the measures would take effect in July and\n"
        "would apply to shipments to every destination outside a list of\n"
        "friendly countries.\n"
    )
    result = clean_page("Rules take effect in July\n\n" + wrapped)
    assert result.text.split("\n\n")[1] == (
        "Officials in Tokyo said the measures would take effect in July and would apply to shipments to every "
        "destination outside a list of friendly countries."
    )
    lines = "The first paragraph ends here with a full stop.\nThe second paragraph is on its own line, as scrapers often leave it.\n"
    assert clean_page(lines).text.split("\n\n") == [
        "The first paragraph ends here with a full stop.",
        "The second paragraph is on its own line, as scrapers often leave it.",
    ]


def test_fragments_broken_by_blank_lines_are_joined_only_when_they_continue():
    page = (
        "Exports fall again\n\nThe ministry said that the\n\nrules would apply from July,\n\n"
        "and that companies had been told.\n\nA new paragraph starts here and ends here.\n"
    )
    assert clean_page(page).text == (
        "Exports fall again\n\nThe ministry said that the rules would apply from July, and that companies had been told."
        "\n\nA new paragraph starts here and ends here."
    )


def test_stray_space_before_punctuation_and_leading_bullet_on_prose():
    page = "Chip talks resume\n\n- Officials met in Tokyo , and agreed to talk again next week , the ministry said .\n"
    result = clean_page(page)
    assert (
        result.text.split("\n\n")[1] == "Officials met in Tokyo, and agreed to talk again next week, the ministry said."
    )
    assert "bullet" in kinds(result)


# -- furniture that must go -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Advertisement", "ad"),
        ("ADVERTISEMENT", "ad"),
        ("Story continues below advertisement", "ad"),
        ("Sign up now: Get our newsletters delivered to your inbox", "newsletter"),
        ("Subscribe to our daily briefing", "newsletter"),
        ("Follow us on Twitter @example", "follow"),
        ("Follow topic:", "follow"),
        ("Share this article", "share"),
        ("Facebook Twitter LinkedIn Email", "share"),
        ("Photo: Reuters", "credit"),
        ("Photo Credit :", "credit"),
        ("Image: Getty Images", "credit"),
        ("Tags: semiconductors, Japan", "tags"),
        ("Read also: Japan adds 23 chip tools to export list", "read_also"),
        ("Related: Dutch join US chip curbs", "read_also"),
        ("© 2023 Example Media. All rights reserved.", "copyright"),
        ("Reporting by Jane Doe; Editing by John Smith", "credit"),
        ("By Jane Doe | Updated 3 hours ago", "byline"),
        ("Updated 3 hours ago", "date"),
        ("Source: Nikkei Asia", "source"),
        ("Skip to main content", "navigation"),
        ("5 min read", "widget"),
    ],
)
def test_furniture_line_is_removed_and_recorded(line, kind):
    page = f"Chip rules take effect\n\n{line}\n\nJapan will require licences for 23 kinds of tools from July, the ministry said.\n"
    result = clean_page(page)
    assert line not in result.text
    assert (kind, line) in [(r.kind, r.text) for r in result.removed]
    assert result.text.endswith("the ministry said.")


def test_metadata_from_text_lines():
    page = (
        "Chip rules take effect\n\nBy Jane Doe | May 29, 2023\n\n"
        "Japan will require licences for 23 kinds of tools from July, the ministry said.\n\nSource: Kyodo News\n"
    )
    result = clean_page(page)
    assert result.published == date(2023, 5, 29)
    assert result.source == "Kyodo News"


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("Published: 29 May 2023", date(2023, 5, 29)),
        ("May 29, 2023 6:12 AM GMT+9", date(2023, 5, 29)),
        ("Mon 29 May 2023 10.00 BST", date(2023, 5, 29)),
        ("2023-05-29T10:00:00+09:00", date(2023, 5, 29)),
        ("29/05/2023", date(2023, 5, 29)),
        ("Last updated: 3 June 2023 · First published 2 June 2023", date(2023, 6, 2)),
    ],
)
def test_dates_in_common_forms(stamp, expected):
    page = f"Chip rules take effect\n\n{stamp}\n\nJapan will require licences for 23 kinds of tools from July, the ministry said.\n"
    assert clean_page(page).published == expected


def test_wire_dateline_and_trailing_agency_credit():
    page = (
        "Japan curbs chip tools\n\nTOKYO, May 31 (Reuters) - Japan will require licences for 23 kinds of tools, "
        "the ministry said.\n\nThe rules take effect in July. AFP, BLOOMBERG\n"
    )
    result = clean_page(page)
    assert result.text == (
        "Japan curbs chip tools\n\nJapan will require licences for 23 kinds of tools, the ministry "
        "said.\n\nThe rules take effect in July."
    )
    assert ("dateline", "TOKYO, May 31 (Reuters) -") in [(r.kind, r.text) for r in result.removed]
    assert ("wire_credit", "AFP, BLOOMBERG") in [(r.kind, r.text) for r in result.removed]
    assert result.source == "Reuters"


def test_menus_at_the_top_and_bottom():
    page = (
        "Home\nWorld\nBusiness\nTech\n\nJapan curbs chip tools\n\n"
        "Japan will require licences for 23 kinds of tools, the ministry said.\n\n"
        "About us\n\nContact\n\nPrivacy policy\n\nTerms of use\n"
    )
    result = clean_page(page)
    assert (
        result.text == "Japan curbs chip tools\n\nJapan will require licences for 23 kinds of tools, the ministry said."
    )
    assert kinds(result).count("navigation") == 8


def test_related_headlines_after_a_label():
    page = (
        "Japan curbs chip tools\n\nJapan will require licences for 23 kinds of tools, the ministry said.\n\n"
        "More from Example News\n\nYen slides past 140 per dollar\n\nToyota recalls a million cars\n"
    )
    result = clean_page(page)
    assert result.text.endswith("the ministry said.")
    assert kinds(result) == ["read_also", "related_headline", "related_headline"]


def test_caption_before_a_named_credit_and_caption_glued_to_a_word():
    page = (
        "Japan curbs chip tools\n\nJapan will require licences for 23 kinds of tools, the ministry said.\n\n"
        "A worker checks wafers at a plant in Kumamoto.\n\nPHOTO: REUTERS\n\n"
        "The rules take effect in July, officials said.\n\nfactoryPhoto: AFP/Jane Doe\n\n"
        "Companies will need a licence for each shipment, the ministry added.\n"
    )
    result = clean_page(page)
    assert "A worker checks wafers" not in result.text
    assert "factory" not in result.text
    assert [(r.kind, r.text) for r in result.removed] == [
        ("caption", "A worker checks wafers at a plant in Kumamoto."),
        ("credit", "PHOTO: REUTERS"),
        ("caption", "factory"),
        ("credit", "Photo: AFP/Jane Doe"),
    ]


# -- article text that looks like furniture but is not --------------------------------------------

KEEP = [
    "By Monday, the department said, it expected to publish a longer explanation of the rules.",
    "The source said the ministry had been in talks with Washington since March.",
    "In its weekly newsletter to clients, a Shanghai consultancy said the price rises would last.",
    "Regulators said the cookie settings on many sites did not meet the law, according to the report.",
    "Follow-up talks are planned for next month in Tokyo, officials said.",
    "More than 40 companies were added to the list on Thursday.",
    "Share prices of chipmakers rose 3% after the announcement.",
    "Advertising revenue at the group fell 12% in the quarter, the company said.",
    "The photographer who took the picture, Jane Doe, said she was arrested.",
    "Related talks between Seoul and Tokyo ended without a deal.",
    "Subscribers to the service will pay more from July, the company said.",
    "Tags on the shipments showed they came from Japan, customs officials said.",
    "Home sales in Tokyo fell 5% in May, the data showed.",
    "Latest figures show exports fell for an eighth month.",
    "Read the full statement, officials urged reporters at the briefing.",
    "Copyright disputes between the two firms have dragged on for years, lawyers said.",
]


@pytest.mark.parametrize("sentence", KEEP)
def test_body_sentences_that_look_like_furniture_survive(sentence):
    page = f"Chip rules take effect\n\nJapan will require licences for 23 kinds of tools, the ministry said.\n\n{sentence}\n\nThe rules take effect in July, officials said.\n"
    result = clean_page(page)
    assert sentence in result.text
    assert result.removed == ()


def test_list_introduced_by_a_colon_is_kept_even_at_the_end():
    page = (
        "Dozens of firms added to list\n\nThe department added 36 companies on Thursday, officials said.\n\n"
        "Among the companies added were:\n\n• Yangtze Memory Technologies\n• Shanghai Micro Electronics Equipment\n"
        "• Hefei Core Storage Electronic\n"
    )
    result = clean_page(page)
    assert result.text.endswith(
        "• Yangtze Memory Technologies\n\n• Shanghai Micro Electronics Equipment\n\n• Hefei Core Storage Electronic"
    )
    assert result.removed == ()


def test_body_with_names_and_capitals_is_not_mistaken_for_spliced_headlines():
    sentences = [
        "Chinese Foreign Minister Qin Gang and his Japanese counterpart, Yoshimasa Hayashi, spoke by phone on Thursday.",
        "Prime Minister Fumio Kishida said Japan would keep talking to Beijing.",
        "A spokesperson for the foreign ministry, Mao Ning, said China would respond.",
        "The ministry called the move unfair and said The Hague had acted under pressure.",
        "Officials in Tokyo said on Monday that the rules would not target any country.",
        "The company said in a filing that Tokyo Electron and ASML Holding would be affected.",
        "Analysts at Morgan Stanley said The Japan Times had first reported the plan.",
    ]
    page = " ".join(sentences * 2)  # a long single-line paragraph, where spliced headlines are searched for
    result = clean_page(page)
    assert [r for r in result.removed if r.kind == "related_headline"] == []
    assert result.text == page


# -- formats ------------------------------------------------------------------------------------------


def test_html_structure_scripts_styles_and_metadata():
    page = """<html><head><title>Chip rules | Example News</title>
    <meta property="og:site_name" content="Example News">
    <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-05-29T08:00:00Z"}</script>
    <style>.x{color:red}</style><script>alert("x")</script></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Chip rules take effect</h1>
    <figure><img src="a.jpg"><figcaption>A plant in Kumamoto. Photo: AP</figcaption></figure>
    <p>Japan will require licences for 23 kinds of tools, the ministry said.</p>
    <p>Entities like &amp; and &ldquo;quotes&rdquo; are decoded; markup like [bold]this[/bold] stays.</p>
    <aside><a href="/x">Another story entirely</a></aside></article><footer>© Example</footer></body></html>"""
    result = clean_page(page, fmt="html")
    assert result.text == (
        "Chip rules take effect\n\nJapan will require licences for 23 kinds of tools, the ministry said."
        "\n\nEntities like & and “quotes” are decoded; markup like [bold]this[/bold] stays."
    )
    assert result.source == "Example News"
    assert result.published == date(2023, 5, 29)
    recorded = [(r.kind, r.text) for r in result.removed]
    assert ("caption", "A plant in Kumamoto. Photo: AP") in recorded
    assert ("aside", "Another story entirely") in recorded
    assert all("alert" not in r.text and "color:red" not in r.text for r in result.removed)


def test_html_without_h1_takes_the_headline_from_metadata():
    page = """<html><head><meta property="og:title" content="Chip rules take effect"></head>
    <body><p>Japan will require licences for 23 kinds of tools, the ministry said.</p></body></html>"""
    result = clean_page(page, fmt="html")
    assert (
        result.text == "Chip rules take effect\n\nJapan will require licences for 23 kinds of tools, the ministry said."
    )


def test_html_without_block_elements_keeps_its_text():
    assert clean_page("Plain text in an .html file, officials said.", fmt="html").text == (
        "Plain text in an .html file, officials said."
    )
    assert clean_page("<b>Bold lead</b> and the rest, officials said.", fmt="html").text == (
        "Bold lead and the rest, officials said."
    )


def test_broken_and_hostile_html_does_not_crash():
    for page in (
        "<p>unclosed <b>bold <i>italic",
        "<" * 1000,
        "<div>" * 5000 + "deep text" + "</div>" * 10,
        "<script>never closed",
        "<p>&#27;[31mred&#x1b;]8;;http://x&#7;link</p>",
        '<script type="application/ld+json">{"a": ' + "[" * 5000 + "</script><p>Body text here.</p>",
    ):
        result = clean_page(page, fmt="html")
        assert "\x1b" not in result.text and "\x07" not in result.text
    assert "deep text" in clean_page("<div>" * 5000 + "deep text", fmt="html").text


def test_markdown_front_matter_headings_links_images_emphasis():
    page = (
        "---\ntitle: Chip rules take effect\ndate: 2023-05-29\nsource: Example News\n---\n\n"
        "# Chip rules take effect\n\n![A plant](a.jpg)\n\nJapan will require **licences** for [23 kinds](http://x) "
        "of tools, the _ministry_ said.\n\n- first item\n- second item\n\n[bold red]Markup[/] stays literal.\n"
    )
    result = clean_page(page, fmt="md")
    assert result.text == (
        "Chip rules take effect\n\nJapan will require licences for 23 kinds of tools, the ministry "
        "said.\n\n- first item\n\n- second item\n\n[bold red]Markup[/] stays literal."
    )
    assert result.published == date(2023, 5, 29)
    assert result.source == "Example News"
    assert ("caption", "A plant") in [(r.kind, r.text) for r in result.removed]


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError):
        clean_page("text", fmt="pdf")


def test_furniture_of_other_outlets():
    page = (
        "Skip to content\nJapan to restrict chip tool exports\n\nImage source, Getty Images\n"
        "Image caption, Japan's trade ministry in Tokyo\n\nAdvertisement\nSKIP ADVERTISEMENT\nSupported by\n\n"
        "Share full article\n\nView image in fullscreen\nWorkers at a plant in Kumamoto. Photograph: Kyodo/Reuters\n\n"
        "Japan will restrict exports of 23 types of chipmaking equipment from July, the trade ministry said on Friday.\n\n"
        "(AP Photo/Eugene Hoshiko)\n\nThe move follows similar steps by the US and the Netherlands.\n\n"
        "Explore more on these topics\nJapan\nChina\nSemiconductors\nReuse this content\n"
    )
    result = clean_page(page)
    assert result.text == (
        "Japan to restrict chip tool exports\n\nJapan will restrict exports of 23 types of chipmaking equipment from "
        "July, the trade ministry said on Friday.\n\nThe move follows similar steps by the US and the Netherlands."
    )
    assert [r.kind for r in result.removed] == [
        "navigation",
        "credit",
        "caption",
        "ad",
        "ad",
        "ad",
        "share",
        "widget",
        "caption",
        "credit",
        "read_also",
        "navigation",
        "navigation",
        "navigation",
        "widget",
    ]

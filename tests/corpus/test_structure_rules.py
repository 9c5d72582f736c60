"""HTML containers, lists, front matter and the cleaner version: structure the page states, read by general rules."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from chipread.corpus import CLEANER_VERSION, clean_page
from chipread.corpus import clean as clean_module

LEAD = "<h1>Council approves budget</h1><p>The council approved the budget on Tuesday, the mayor said.</p>"
LAST = "<p>The budget takes effect in July.</p>"


def html(inner: str) -> str:
    return f"<html><body><article>{LEAD}{inner}{LAST}</article></body></html>"


def recorded(result) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in result.removed]


# -- HTML containers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "block, text",
    [
        ('<div class="teaser"><a href="/x">Bus fares to rise in March</a></div>', "Bus fares to rise in March"),
        (
            '<div class="related-stories"><ul><li><a href="/a">Mayor faces recall vote</a></li></ul></div>',
            "Mayor faces recall vote",
        ),
        (
            '<div class="recommended"><a href="/r">Ten things to do this weekend</a></div>',
            "Ten things to do this weekend",
        ),
        ('<div class="promo-box"><a href="/s">Subscribe for $1 a week</a></div>', "Subscribe for $1 a week"),
        ('<div class="more-stories"><a href="/c">Other news from the region</a></div>', "Other news from the region"),
        ('<span class="sr-only">Opens in a new window</span>', "Opens in a new window"),
        ('<span class="visually-hidden">Advertisement</span>', "Advertisement"),
        (
            '<div class="story-teaser"><h3><a href="/t">Libraries cut hours</a></h3>'
            "<p>Opening hours at the city's libraries will be cut from May, the council said.</p></div>",
            "Libraries cut hours",
        ),
    ],
)
def test_teaser_related_promo_and_hidden_containers_are_removed(block, text):
    result = clean_page(html(block), fmt="html")
    assert text not in result.text
    assert any(text in r.text for r in result.removed)
    assert result.text == (
        "Council approves budget\n\nThe council approved the budget on Tuesday, the mayor said."
        "\n\nThe budget takes effect in July."
    )


@pytest.mark.parametrize(
    "block, sentence",
    [
        (
            '<div class="related"><p>In a related development, the school board delayed its own budget vote.</p></div>',
            "In a related development, the school board delayed its own budget vote.",
        ),
        (
            '<div class="story-teaser-text"><p>The debate lasted six hours and ended after midnight, members said.</p></div>',
            "The debate lasted six hours and ended after midnight, members said.",
        ),
        (
            '<div class="promo-text"><p>Residents will pay 3% more in property tax from January, the finance office said.</p></div>',
            "Residents will pay 3% more in property tax from January, the finance office said.",
        ),
        # Bootstrap's hidden-xs hides text on small screens only: the reader still sees it.
        (
            '<p class="hidden-xs">The vote was 7 to 2, with two members absent, officials said.</p>',
            "The vote was 7 to 2, with two members absent, officials said.",
        ),
    ],
)
def test_story_text_in_a_container_named_like_furniture_is_kept(block, sentence):
    result = clean_page(html(block), fmt="html")
    assert sentence in result.text.split("\n\n")
    assert result.removed == ()


# -- lists --------------------------------------------------------------------------------------


def test_end_of_article_link_list_is_navigation_in_html_and_markdown():
    links = ["Mayor faces recall vote", "Libraries cut opening hours", "Bus fares to rise in March"]
    items = "".join(f"<li><a href='/{i}'>{t}</a></li>" for i, t in enumerate(links))
    result = clean_page(html(f"<ul>{items}</ul>"), fmt="html")
    assert all(t not in result.text for t in links)
    assert [t for _, t in recorded(result)] == links
    md = "# Council approves budget\n\nThe council approved the budget on Tuesday, the mayor said.\n\n" + "".join(
        f"- [{t}](/{i})\n" for i, t in enumerate(links)
    )
    result = clean_page(md, fmt="md")
    assert result.text == "Council approves budget\n\nThe council approved the budget on Tuesday, the mayor said."
    assert {kind for kind, _ in recorded(result)} == {"related_headline"}


def test_a_list_in_the_article_body_is_kept():
    page = html(
        "<p>What the budget pays for</p><ul><li>Three new parks</li><li>A new library</li><li>More buses</li></ul>"
    )
    result = clean_page(page, fmt="html")
    assert "Three new parks\n\nA new library\n\nMore buses" in result.text
    assert result.removed == ()
    md = (
        "# Council approves budget\n\nThe council approved the budget on Tuesday, the mayor said.\n\n"
        "Key points of the budget\n\n- Three new parks in the north\n- A new library downtown\n- More buses on weekends\n"
    )
    result = clean_page(md, fmt="md")
    assert result.text.endswith(
        "- Three new parks in the north\n\n- A new library downtown\n\n- More buses on weekends"
    )
    assert result.removed == ()


def test_a_list_of_links_the_article_introduces_is_kept():
    page = html(
        "<p>The documents are here:</p><ul><li><a href='/a'>Budget summary</a></li>"
        "<li><a href='/b'>Full budget</a></li><li><a href='/c'>Minutes of the meeting</a></li></ul>"
    )
    result = clean_page(page, fmt="html")
    assert "The documents are here:\n\nBudget summary\n\nFull budget\n\nMinutes of the meeting" in result.text
    assert result.removed == ()


# -- front matter ---------------------------------------------------------------------------------

BODY = "Ferry fares in the harbour will rise by 10% from March, the operator said on Sunday.\n"


@pytest.mark.parametrize(
    "page, fmt",
    [
        (
            '---\ntitle: "Harbour ferry: fares rise 10%"\nsubtitle: >-\n  A long\n  standfirst\ndate: "2024-02-11"\n'
            "author:\n  - Ana Lima\npublisher: Coast Herald # site name\ntags: [ferries, transport]\n---\n"
            "# Harbour ferry: fares rise 10%\n\n" + BODY,
            "md",
        ),
        (
            '+++\ntitle = "Harbour ferry: fares rise 10%"\ndate = 2024-02-11T08:00:00Z\nsource = "Coast Herald"\n'
            '[params]\nsource = "Not This One"\n+++\n\n' + BODY,
            "md",
        ),
        # a scraper that writes its metadata as front matter into a .txt file
        ("---\ntitle: 'Harbour ferry: fares rise 10%'\ndate: 2024-02-11\nsource: Coast Herald\n---\n\n" + BODY, "txt"),
        # CRLF line ends
        (
            "---\r\ntitle: 'Harbour ferry: fares rise 10%'\r\ndate: 2024-02-11\r\nsite_name: Coast Herald\r\n---\r\n\r\n"
            + BODY.replace("\n", "\r\n"),
            "md",
        ),
    ],
)
def test_front_matter_is_metadata_not_text(page, fmt):
    result = clean_page(page, fmt=fmt)
    assert result.text == "Harbour ferry: fares rise 10%\n\n" + BODY.strip()
    assert result.title == "Harbour ferry: fares rise 10%"
    assert result.published == date(2024, 2, 11)
    assert result.source == "Coast Herald"
    assert "front_matter" in [r.kind for r in result.removed]


def test_broken_toml_front_matter_still_gives_its_title_with_a_warning():
    page = '+++\ntitle = "Harbour ferry fares rise"\nsummary = "unclosed\n+++\n\n' + BODY
    result = clean_page(page, fmt="md")
    assert result.text == "Harbour ferry fares rise\n\n" + BODY.strip()
    assert result.warnings


def test_dividers_in_a_txt_file_are_not_front_matter():
    page = "---\n\nHarbour ferry fares rise\n\n---\n\n" + BODY
    result = clean_page(page)
    assert result.text == "Harbour ferry fares rise\n\n" + BODY.strip()
    assert "front_matter" not in [r.kind for r in result.removed]


# -- the cleaner version that keys the parse cache ------------------------------------------------


def test_cleaner_version_is_a_hash_of_the_cleaning_sources(tmp_path: Path):
    corpus, nlp = (tmp_path / folder.name for folder in clean_module.RULE_FOLDERS)
    for folder, copy in zip(clean_module.RULE_FOLDERS, (corpus, nlp)):
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert clean_module.rules_version(corpus, nlp) == CLEANER_VERSION
    rules = corpus / "boilerplate.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    changed = clean_module.rules_version(corpus, nlp)
    assert changed != CLEANER_VERSION
    (corpus / "newrules.py").write_text("RULE = 1\n", encoding="utf-8")
    added = clean_module.rules_version(corpus, nlp)
    assert added not in (CLEANER_VERSION, changed)
    # The word lists the cleaner reads from chipread.nlp count too (an abbreviation holds a sentence).
    words = nlp / "data" / "abbreviations.txt"
    words.write_text(words.read_text(encoding="utf-8") + "UNFINISHED  cf\n", encoding="utf-8")
    assert clean_module.rules_version(corpus, nlp) not in (CLEANER_VERSION, changed, added)


def test_cleaner_version_without_sources_falls_back_to_the_package_version(tmp_path: Path):
    version = clean_module.rules_version(tmp_path)
    assert version.startswith("v") or version == "unknown"

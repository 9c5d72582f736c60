"""The five bundled seed articles: titles, outlets, dates, boilerplate gone and recorded, body kept."""

from __future__ import annotations

from datetime import date

import pytest

from chipread.corpus import clean_page, open_corpus

from .conftest import SEEDS


def cleaned(stem: str):
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return clean_page(path.read_text(encoding="utf-8"), name=path.name)


def kinds(result) -> set[str]:
    return {r.kind for r in result.removed}


def removed_text(result, kind: str) -> list[str]:
    return [r.text for r in result.removed if r.kind == kind]


def test_000_date_prefix_and_derived_title():
    c = cleaned("000")
    assert c.published == date(2023, 5, 29)
    assert c.source is None
    assert c.title == "China has called on Japan to cease its export controls on semiconductors"
    # No headline on the page: the text starts with the body, the title is not repeated.
    assert c.text.startswith("China has called on Japan to cease its export controls on semiconductors, labeling")
    assert "date 2023-05-29" not in c.text
    assert removed_text(c, "date") == ["date 2023-05-29"]
    for sentence in (
        "China's latest condemnation of the export restrictions was made during Commerce Minister Wang Wentao's "
        "talks with Japanese Trade Minister Yasutoshi Nishimura on May 26 at the Asia-Pacific Economic Cooperation "
        "(APEC) conference in Detroit.",
        "Monday's statement from the Chinese commerce ministry also said, however, that China \"is willing to work "
        'with Japan to promote practical cooperation in key economic and trade areas."',
        "The U.S., Japan and other members of the Group of Seven (G-7) advanced nations this month agreed to "
        '"de-risk" but not decouple from China, reducing their exposure to the world\'s second-largest economy in '
        "everything from chips to minerals.",
    ):
        assert sentence in c.text


def test_001_menu_masthead_credit_tags():
    c = cleaned("001")
    assert c.title == "China Pushes Japan To Lift Restrictions On Chip Exports"
    assert c.source == "BW Businessworld"
    assert c.published is None
    assert c.text.startswith(
        "China Pushes Japan To Lift Restrictions On Chip Exports\n\n"
        "Earlier this month, the United States, Japan, and other members of the G7 advanced nations agreed"
    )
    for junk in (
        "• News",
        "Columns",
        "BW TV",
        "Subscribe to Print",
        "BW Businessworld",
        "Photo Credit",
        "Tags assigned",
        "china Group of Seven nations united states",
    ):
        assert junk not in c.text
    assert {"navigation", "masthead", "credit", "tags"} <= kinds(c)
    assert "BW Businessworld" in removed_text(c, "masthead")
    assert "china Group of Seven nations united states semiconductors" in removed_text(c, "tags")
    assert any("Columns" in t for t in removed_text(c, "navigation"))
    for sentence in (
        "Chinese Commerce Minister Wang Wentao has criticised Japan's semiconductor export controls, describing it as "
        'a "wrongdoing" that "seriously violated" international economic and trade rules, according to a '
        "statement from the Chinese Ministry of Commerce.",
        "The statement was made during Wang's discussions with Japanese Trade Minister Yasutoshi Nishimura at the "
        "Asia-Pacific Economic Cooperation (APEC) conference in Detroit on 26 May.",
        "Earlier this month, the United States, Japan, and other members of the Group of Seven (G7) advanced nations "
        'agreed to "de-risk" but not decouple from China, aiming to reduce their exposure to the second-largest '
        "economy in the world across various sectors, including chips and minerals.",
    ):
        assert sentence in c.text
    # The no-break spaces after each paragraph are gone.
    assert "\u00a0" not in c.text and " \n" not in c.text


def test_002_captions_newsletter_follow_broken_sentences_wire_credit():
    c = cleaned("002")
    assert c.title == "Japan’s chip curbs will drive Beijing’s self-reliance, says Chinese Foreign Minister Qin Gang"
    assert c.published is None
    assert c.source == "AFP, Bloomberg"  # the wire credit is the only outlet the page names
    for junk in (
        "Sign up now",
        "ATTENTION EDITORS",
        "MANDATORY CREDIT",
        "(left) meeting",
        "PHOTO: REUTERS",
        "Follow topic",
        "AFP, BLOOMBERG",
        "See more on",
        "\n- ",
    ):
        assert junk not in c.text
    assert {"newsletter", "caption", "credit", "follow", "wire_credit", "read_also", "bullet"} <= kinds(c)
    assert "AFP, BLOOMBERG" in removed_text(c, "wire_credit")
    assert "PHOTO: REUTERS" in removed_text(c, "credit")
    assert len(removed_text(c, "caption")) == 2
    # Sentences broken across blank lines are joined; the leading bullet is dropped.
    body = c.text.split("\n\n")
    assert body[1] == (
        "Chinese Foreign Minister Qin Gang told his Japanese counterpart on Sunday that Tokyo’s new export controls on "
        "semiconductor equipment will only further drive Beijing’s quest “to become self-reliant”."
    )
    for sentence in (
        "Mr Yoshimasa Hayashi’s visit to China is the first by a Japanese foreign minister since December 2019, "
        "ending a gap of over three years during which bilateral ties have sharply deteriorated.",
        "The foreign ministers also discussed China’s recent detention of a Japanese national working in Beijing for "
        "Tokyo-based pharmaceutical company Astellas under allegations of espionage.",
        "He also accused Japan of being Washington’s “minion”.",
        "Beijing’s growing regional assertiveness will likely be among the key topics discussed at this year’s Group "
        "of Seven meeting, which Japan is scheduled to host.",
    ):
        assert sentence in body


def test_003_single_line_spliced_headlines_and_comma_spacing():
    c = cleaned("003")
    assert c.title == "China has appealed to Japan to defend free and open bilateral tech ties"
    assert c.source is None and c.published is None
    headlines = removed_text(c, "related_headline")
    assert headlines == [
        "Be ready to face China wrath over chip export curbs, Japan lawmaker says",
        "How US-led alliance aims to mend Japan-South Korea ties and rein in China",
    ]
    for headline in headlines:
        assert headline not in c.text
    # The sentences around each spliced headline survive whole, and the run-on text splits there.
    paragraphs = c.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].endswith("instead of a divided and chaotic one”.")
    assert paragraphs[1].startswith(
        "Last week, Tokyo and Amsterdam cut a deal with US President Joe Biden’s administration"
    )
    assert paragraphs[2].startswith("Hayashi stressed Japan’s concerns over “the importance of peace and stability")
    assert "his Dutch counterpart, Wopke Hoekstra" in c.text
    assert " ," not in c.text
    for sentence in (
        "“It has deliberately blocked and suppressed Chinese companies and forcibly pushed for industrial relocation "
        "and decoupling,” ministry spokeswoman Mao Ning said at a press conference.",
        "Nato chief Jens Stoltenberg said on Wednesday in Japan that it was important for the military alliance to "
        "enhance deterrence towards China’s “unwelcoming certain military activities … particularly in Taiwan”.",
        "Qin and Hayashi also talked about the war in Ukraine and said they would continue close coordination on "
        "North Korea, according to the Japanese statement.",
    ):
        assert sentence in c.text


def test_004_glued_caption_source_line_read_also():
    c = cleaned("004")
    assert c.source == "The Japan Times"
    assert c.published is None
    assert c.title.startswith("The United States has asked the Japanese government for cooperation")
    assert not c.title.endswith((".", ","))
    for junk in ("semiconductorPhoto", "Massimo Brega", "Source: The Japan Times", "Read also"):
        assert junk not in c.text
    assert removed_text(c, "caption") == ["semiconductor"]
    assert removed_text(c, "credit") == ["Photo: Massimo Brega, The Lighthouse / Sciencephoto / Profimedia Images"]
    assert removed_text(c, "source") == ["Source: The Japan Times"]
    assert any("The US further restricts" in t for t in removed_text(c, "read_also"))
    for sentence in (
        "The sources also said the request, which underscores that the US and Japan are allies in strategies against "
        "China, was made by Gina Raimondo, US Commerce Secretary, in a telephone conversation with Japanese Industry "
        "Minister Yasutoshi Nishimura on Friday.",
        "The two countries agreed this year to boost supply chains in strategic sectors such as semiconductors, "
        "batteries and rare minerals.",
    ):
        assert sentence in c.text


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_text_shape(path):
    c = clean_page(path.read_text(encoding="utf-8"), name=path.name)
    assert c.text == c.text.strip()
    assert "\n\n\n" not in c.text
    assert all(p == p.strip() and p for p in c.text.split("\n\n"))
    # The title never repeats: either it is the first paragraph (a headline) or it is not in the text twice.
    assert c.text.count(c.title) <= 1


def test_seed_corpus_opens_with_every_seed():
    corpus = open_corpus(SEEDS)
    assert len(corpus) == 5
    assert corpus.skipped == [] and corpus.warnings == []
    assert [info.handle for info in corpus] == sorted(p.stem for p in SEEDS.glob("*.txt"))

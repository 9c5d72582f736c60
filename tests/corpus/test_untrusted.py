"""Untrusted input: escape sequences, control characters, bidi, markup, encodings, and files that are not articles."""

from __future__ import annotations

import codecs

import pytest

from chipread.corpus import clean_page, decode, open_corpus

from .conftest import ARTICLE, article

HEAD = "Chip rules take effect\n\n"
BODY = "Japan will require licences for 23 kinds of tools, the ministry said."


@pytest.mark.parametrize(
    "dirty",
    [
        "\x1b[31mred\x1b[0m",  # CSI colour
        "\x1b[2J\x1b[H",  # clear screen, cursor home
        "\x1b]0;evil title\x07",  # OSC window title, BEL terminated
        "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink, ST terminated
        "\x1bPqpayload\x1b\\",  # DCS string
        "\x1b(0",  # charset switch (other ESC sequence)
        "\x1bc",  # reset terminal
        "\x9b31m",  # 8-bit CSI
        "\x9d0;title\x9c",  # 8-bit OSC
        "\x00\x01\x07\x08\x7f\x85\x9f",  # C0, DEL, C1
        "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069",  # bidi overrides and isolates
    ],
)
def test_escapes_and_controls_are_removed_from_title_text_and_source(dirty):
    page = f"Chip {dirty}rules take effect\n\nJapan will require licences {dirty}for 23 kinds of tools, the ministry said.\n\nSource: Example {dirty}News\n"
    result = clean_page(page)
    for field in (result.title, result.text, result.source):
        assert "\x1b" not in field
        assert not any(0x80 <= ord(ch) <= 0x9F or (ord(ch) < 0x20 and ch != "\n") or ord(ch) == 0x7F for ch in field)
        assert not any(ch in field for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "evil title" not in result.text and "payload" not in result.text
    assert result.text.endswith("for 23 kinds of tools, the ministry said.")
    assert result.source.startswith("Example")
    assert any("control character" in w for w in result.warnings)


def test_unterminated_osc_eats_only_its_line():
    result = clean_page(f"{HEAD}\x1b]0;never terminated\n\n{BODY}\n")
    assert result.text == HEAD + BODY


def test_tabs_crlf_lone_cr_and_nfc():
    page = "Chip\trules take effect\r\n\r\nJapan will require licences\r\rfor 23 kinds of tools, the\u00a0ministry said.\r\n"
    result = clean_page(page)
    assert "\r" not in result.text and "\t" not in result.text
    assert result.title == "Chip rules take effect"
    decomposed = clean_page(HEAD + "Cafe\u0301 owners in Mu\u0308nchen said prices rose.")
    assert "Café owners in München said prices rose." in decomposed.text


def test_rich_and_textual_markup_is_kept_literally():
    page = f"[bold red]Chip[/] rules take [link=http://x]effect[/link]\n\n{BODY} [b]Really[/b] \\[escaped].\n"
    result = clean_page(page)
    assert result.title == "[bold red]Chip[/] rules take [link=http://x]effect[/link]"
    assert "[b]Really[/b] \\[escaped]." in result.text
    html = clean_page(f"<h1>[red]Chip[/red] rules take effect</h1><p>{BODY} [bold]x[/bold]</p>", fmt="html")
    assert html.title == "[red]Chip[/red] rules take effect" and "[bold]x[/bold]" in html.text


def test_decoding_bom_utf16_utf32_and_invalid_utf8():
    text = HEAD + "Japan’s ministry said “yes”.\n"
    assert decode.decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, [])
    assert decode.decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
    assert decode.decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))[0] == text
    assert decode.decode_bytes(codecs.BOM_UTF32_LE + text.encode("utf-32-le"))[0] == text
    plain, warnings = decode.decode_bytes("Chip rules\n\nUTF-16 without a mark.\n".encode("utf-16-le"))
    assert plain == "Chip rules\n\nUTF-16 without a mark.\n" and warnings
    latin, warnings = decode.decode_bytes("Café owners in München said prices rose.".encode("cp1252"))
    assert latin == "Café owners in München said prices rose."
    assert warnings == ["not valid UTF-8, read as Windows-1252"]
    mostly, warnings = decode.decode_bytes("Japan’s “rules” are new, said the ministry.".encode() + b"\xff")
    assert mostly.startswith("Japan’s “rules”") and mostly.endswith("\ufffd")
    assert warnings == ["not valid UTF-8 (1 bad byte replaced with U+FFFD)"]


def test_undecodable_bytes_after_a_bom_are_warned_about_and_a_mostly_garbage_file_is_skipped(corpus_dir):
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    # A UTF-8 mark on a Windows-1252 file: two bad bytes; the text is what it was before (ids stay).
    latin = codecs.BOM_UTF8 + article(1).replace("Officials", "Café officials in München").encode("cp1252")
    (corpus_dir / "latin.txt").write_bytes(latin)
    # A UTF-32 mark on UTF-8 text: every four bytes are one undecodable unit.
    (corpus_dir / "garbage.txt").write_bytes(codecs.BOM_UTF32_LE + article(2).encode("utf-8"))
    # A U+FFFD the file itself holds is no bad byte.
    (corpus_dir / "honest.txt").write_bytes(codecs.BOM_UTF8 + article(3).replace("Officials", "\ufffd").encode())
    corpus = open_corpus(corpus_dir)
    assert sorted(info.handle for info in corpus) == ["good", "honest", "latin"]
    (skipped,) = corpus.skipped
    assert skipped.path.endswith("garbage.txt")
    assert skipped.reason.startswith("not UTF-32-LE text despite its byte-order mark (") and "\n" not in skipped.reason
    assert corpus.warnings == ["latin.txt: not valid UTF-8 (2 bad sequences replaced with U+FFFD)"]
    text = corpus.get(corpus.resolve("latin").id).text
    assert "Caf\ufffd officials in M\ufffdnchen" in text
    assert text == clean_page(latin[3:].decode("utf-8", errors="replace")).text


def test_html_declared_charset_is_used_when_bytes_are_not_utf8():
    page = '<html><head><meta charset="iso-8859-1"></head><body><h1>Café news</h1><p>Prices in München rose, the data showed.</p></body></html>'
    text, warnings = decode.decode_bytes(page.encode("latin-1"), fmt="html")
    assert "München" in text
    assert warnings == ["not valid UTF-8, read as its declared charset iso8859-1"]


def test_a_declared_charset_that_is_no_character_set_is_ignored_and_the_corpus_opens(corpus_dir):
    # zlib, base64 and rot13 are codecs of bytes (decoding text with one raises LookupError); undefined and
    # idna raise UnicodeError: each page is read as if it declared nothing, and every other file loads too.
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    declared = ["zlib", "base64", "rot13", "undefined", "idna"]
    for n, charset in enumerate(declared):
        page = f'<html><head><meta charset="{charset}"></head><body><h1>Café news {n}</h1><p>{article(n)}</p>'
        (corpus_dir / f"{charset}.html").write_bytes(page.encode("cp1252"))
    corpus = open_corpus(corpus_dir)
    assert sorted(info.handle for info in corpus) == sorted(["good", *declared]) and not corpus.skipped
    for charset in declared:
        assert f"{charset}.html: not valid UTF-8, read as Windows-1252" in corpus.warnings
        assert corpus.get(corpus.resolve(charset).id).title.startswith("Café news")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\n\t \n", "empty file"),
        (b"\x00\x01\x02binary\x00data" * 20, "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 9)) * 100, "binary file (mostly control bytes), not text"),
    ],
)
def test_unreadable_bytes_say_why(data, reason):
    with pytest.raises(decode.Unreadable) as error:
        decode.decode_bytes(data)
    assert str(error.value) == reason


def test_bad_files_are_skipped_with_one_reason_each_and_the_rest_loads(corpus_dir, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 2000)
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "latin.txt").write_bytes(article(1).replace("Officials", "Café officials").encode("cp1252"))
    (corpus_dir / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + article(2).encode("utf-16-le"))
    (corpus_dir / "escapes.md").write_text("# Chip \x1b[2Jrules\n\n" + article(3), encoding="utf-8")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (corpus_dir / "huge.txt").write_text("word " * 1000, encoding="utf-8")
    (corpus_dir / "boilerplate.txt").write_text(
        "Advertisement\n\nSign up for our newsletter\n\nShare\n", encoding="utf-8"
    )
    corpus = open_corpus(corpus_dir)
    assert sorted(info.handle for info in corpus) == ["escapes", "good", "latin", "utf16"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "binary.html": "binary file (contains NUL bytes), not text",
        "huge.txt": "too large (0.0 MB; the limit is 0.00190735 MB)",
        "boilerplate.txt": "no article text left after cleaning",
    }
    assert all("\n" not in reason for reason in reasons.values())
    assert "latin.txt: not valid UTF-8, read as Windows-1252" in corpus.warnings
    assert any(w.startswith("escapes.md: removed") for w in corpus.warnings)
    latin = corpus.get(corpus.resolve("latin").id)
    assert "Café officials" in latin.text and latin.warnings == ("not valid UTF-8, read as Windows-1252",)
    assert "\x1b" not in corpus.get(corpus.resolve("escapes").id).title


def test_size_limit_message_in_megabytes(corpus_dir, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 5 * 1024 * 1024)
    (corpus_dir / "big.txt").write_bytes(b"word " * (1_300_000))
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = open_corpus(corpus_dir)
    assert len(corpus) == 1
    assert corpus.skipped[0].reason == "too large (6.2 MB; the limit is 5 MB)"


def test_control_characters_in_file_names_do_not_reach_handles(corpus_dir):
    (corpus_dir / "evil\x1b[31mname.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = open_corpus(corpus_dir)
    (info,) = list(corpus)
    assert info.handle == "evilname"


def test_file_names_that_are_not_utf8(corpus_dir, monkeypatch):
    import os

    import chipread.corpus.parse as parse_module

    name = os.path.join(os.fsencode(corpus_dir), b"caf\xe9-story.txt")
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(ARTICLE)
    cold = open_corpus(corpus_dir)
    monkeypatch.setattr(parse_module, "clean_document", None)  # the warm open must come from the cache
    warm = open_corpus(corpus_dir)
    assert [i.handle for i in warm] == [i.handle for i in cold] == ["caf-story"]
    assert warm.get(warm.resolve("caf").id).title == "Chip tool makers brace for new rules"


def test_hyphen_runs_in_credit_and_source_lines_do_not_hang_the_cleaner():
    # Before: the outlet and photo-credit patterns tried every split of "A-A-...-A" (2^k steps: minutes
    # for this page). Now they give up at once, and the article text is kept.
    from chipread.corpus.clean import clean_page

    junk = "A" + "-A" * 29 + "!"
    lines = ["Ferry fares to rise", f"Source: {junk}"]
    lines += [f"Officials met in Tokyo REUTERS/{'A-' * 40}!{i}" for i in range(5)]
    lines.append("The operator said fares would rise by 10% from March.")
    cleaned = clean_page("\n\n".join(lines))
    assert cleaned.text.startswith("Ferry fares to rise")
    assert "The operator said fares would rise by 10% from March." in cleaned.text

"""A JSONL corpus: one article per line; bad lines skipped with their line number; bad files refused."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chipread.corpus import open_corpus
from chipread.errors import CorpusError

from .conftest import ARTICLE, article


def write_lines(path, lines):
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", encoding="utf-8"
    )
    return path


def test_good_and_bad_lines(tmp_path, monkeypatch):
    path = write_lines(
        tmp_path / "news.jsonl",
        [
            {"text": article(1)},
            {
                "text": article(2),
                "title": "Rule two arrives",
                "source": "EXAMPLE WIRE",
                "published": "2023-05-29T08:00:00Z",
                "url": "https://example.org/2",
                "id": "story-two",
            },
            "",
            "{not json",
            [1, 2],
            {"title": "no text"},
            {"text": 42},
            {"text": article(3), "title": ["not", "a", "string"]},
            {"text": article(4), "id": 12.5},
            {"text": "Advertisement\n\nShare\n"},
            {"text": article(1)},
            {"text": article(5), "id": 7, "published": "sometime soon"},
            {"text": "<html><body><h1>Rule six</h1><p>" + article(6) + "</p><footer>© X</footer></body></html>"},
        ],
    )
    corpus = open_corpus(path)
    assert corpus.root == path.absolute()
    handles = [info.handle for info in corpus]
    assert handles == ["7", "news-1", "news-13", "story-two"]
    reasons = [(s.path.rsplit(":", 1)[-1], s.reason) for s in corpus.skipped]
    assert reasons == [
        ("4", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("5", "expected a JSON object, got an array"),
        ("6", 'no "text" field'),
        ("7", '"text" must be a string, got a number'),
        ("8", '"title" must be a string, got an array'),
        ("9", '"id" must be a string or an integer, got a number'),
        ("10", "no article text left after cleaning"),
        ("11", "duplicate of news-1"),
    ]
    two = corpus.resolve("story-two")
    assert two.id == "story-two"  # a record's own id is kept
    assert two.title == "Rule two arrives" and two.source == "Example Wire" and two.published == date(2023, 5, 29)
    assert two.path == f"{path.absolute()}:2"
    full = corpus.get("story-two")
    assert full.text.startswith("Rule two arrives\n\nStory number 2")
    assert full.url == "https://example.org/2"
    assert full.raw == article(2)
    one = corpus.resolve("news-1")
    assert one.id == corpus.get(one.id).text_hash
    assert corpus.get(corpus.resolve("news-13").id).title == "Rule six"
    assert corpus.resolve("7").published is None
    assert "line 12: unreadable published date 'sometime soon' ignored" in corpus.warnings


def test_jsonl_title_is_not_repeated_when_the_text_starts_with_it(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"text": ARTICLE, "title": "Chip tool makers brace for new rules"}])
    (info,) = list(open_corpus(path))
    text = open_corpus(path).get(info.id).text
    assert text.count("Chip tool makers brace for new rules") == 1


def test_duplicate_ids_are_skipped(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"text": article(1), "id": "x"}, {"text": article(2), "id": "x"}])
    corpus = open_corpus(path)
    assert [i.handle for i in corpus] == ["x"]
    assert corpus.skipped[0].reason == "duplicate id 'x' (also x)"


def test_jsonl_cache_warm_and_edited(tmp_path, monkeypatch):
    import chipread.corpus.parse as parse_module

    path = write_lines(tmp_path / "a.jsonl", [{"text": article(1)}, {"text": article(2)}])
    cold = open_corpus(path)
    real = parse_module.clean_document
    monkeypatch.setattr(
        parse_module, "clean_document", lambda *a, **k: (_ for _ in ()).throw(AssertionError("cleaned"))
    )
    warm = open_corpus(path)
    assert list(warm) == list(cold)
    assert warm.get(next(iter(warm)).id).text == cold.get(next(iter(cold)).id).text
    monkeypatch.setattr(parse_module, "clean_document", real)
    write_lines(path, [{"text": article(1)}, {"text": article(3)}, {"text": article(4)}])
    assert [i.handle for i in open_corpus(path)] == ["a-1", "a-2", "a-3"]


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b'[{"text": "a"}, {"text": "b"}]\n',
            "not a JSON Lines corpus of articles (line 1: expected a JSON object, got an array)",
        ),
        (b"this is not json at all\nnor this\n", "not a JSON Lines corpus of articles (line 1: not valid JSON"),
        (b'{"title": "x"}\n{"title": "y"}\n', 'not a JSON Lines corpus of articles (line 1: no "text" field)'),
        (b"\x00\x01\x02\x03" * 100, "not a JSON Lines file (binary data)"),
    ],
)
def test_invalid_jsonl_file_is_a_corpus_error(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as error:
        open_corpus(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_empty_jsonl_is_an_empty_corpus(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    assert len(open_corpus(path)) == 0


def test_unreadable_jsonl_is_a_corpus_error(tmp_path, monkeypatch):
    import builtins

    path = write_lines(tmp_path / "a.jsonl", [{"text": article(1)}])
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path.absolute()):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(CorpusError, match=r"^cannot read .*a\.jsonl: Permission denied$"):
        open_corpus(path, use_cache=False)


def test_invalid_utf8_and_huge_lines(tmp_path, monkeypatch):
    from chipread.corpus import decode

    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        json.dumps({"text": article(1)}).encode()
        + b"\n"
        + b'{"text": "caf\xe9"}\n'
        + json.dumps({"text": "word " * 400}).encode()
        + b"\n"
    )
    corpus = open_corpus(path)
    assert len(corpus) == 1
    assert [s.reason for s in corpus.skipped] == [
        "not valid UTF-8",
        "too large (0.0 MB; the limit is 0.000953674 MB)",
    ]


def test_get_without_cache_reparses_one_line(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"text": article(1), "title": "One"}, {"text": article(2), "id": "two"}])
    corpus = open_corpus(path, use_cache=False)
    two = corpus.get("two")
    assert two.raw == article(2) and two.path == f"{path.absolute()}:2"
    assert corpus.get(corpus.resolve("a-1").id).title == "One"

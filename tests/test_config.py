"""chipread.toml: labels, annotator, store, recognizer, keys; each mistake is one line naming file and key."""

from __future__ import annotations

import pytest

from chipread.config import find_config, load_config
from chipread.errors import ConfigError


def write(tmp_path, body: str):
    path = tmp_path / "chipread.toml"
    path.write_text(body)
    return path


def test_defaults_without_a_file():
    cfg = load_config(None)
    assert [(lab.name, lab.key) for lab in cfg.labels.labels] == [("actor", "a"), ("claim", "c"), ("quote", "q")]
    assert cfg.labels.heads == ("claim", "quote") and cfg.labels.actors == ("actor",)
    assert cfg.ner == "builtin" and cfg.db is None and cfg.annotator is None


def test_full_file(tmp_path):
    path = write(
        tmp_path,
        """
annotator = "alice"
db = "store"
ner = "spacy:en_core_web_sm"
gazetteer = "names.txt"

[labels.speaker]
key = "s"
color = "#ff0000"
role = "speaker"

[labels.quote]
color = "green"

[labels.topic]
key = "t"

[keys]
next_article = "ctrl+n"
""",
    )
    cfg = load_config(path)
    assert cfg.annotator == "alice"
    assert cfg.db == tmp_path / "store"
    assert cfg.gazetteer == tmp_path / "names.txt"
    assert cfg.ner == "spacy:en_core_web_sm"
    # Colours reach every consumer as #rrggbb, whatever form the file used.
    assert [(lab.name, lab.key, lab.color) for lab in cfg.labels.labels] == [
        ("speaker", "s", "#ff0000"),
        ("quote", "q", "#008000"),
        ("topic", "t", "#a855f7"),
    ]
    assert cfg.labels.actors == ("speaker",) and cfg.labels.heads == ("quote",)
    assert cfg.keys == {"next_article": "ctrl+n"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("annotator = [", "not valid TOML"),
        ("colour = 'red'", "colour: unknown key"),
        ("[labels.actor]\nkey = 'ab'", "labels.actor.key: must be one printable character"),
        ("[labels.actor]\nkey = 'x'\n[labels.claim]\nkey = 'x'", "labels.claim.key: 'x' is already the key of actor"),
        ("[labels.actor]\ncolor = 'blurple'", "labels.actor.color: not a colour: 'blurple'"),
        ("[labels.actor]\nrole = 'boss'", "labels.actor.role: must be one of"),
        ("[labels.actor]\nshape = 'round'", "labels.actor.shape: unknown key"),
        ("[labels.'9lives']\nkey = 'n'", "labels.9lives: a label name is a letter"),
        ("annotator = 3", "annotator: must be a non-empty string"),
        ("[keys]\nquit = 5", "keys.quit: must be a key name"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert "\n" not in text
    assert str(path) in text
    assert message in text


def test_colour_names_and_short_hex_become_hex(tmp_path):
    path = write(tmp_path, "[labels.actor]\ncolor = 'bright_red'\n[labels.claim]\ncolor = '#AbC'\n")
    cfg = load_config(path)
    assert [lab.color for lab in cfg.labels.labels] == ["#ff0000", "#aabbcc"]


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    path = tmp_path / "chipread.toml"
    path.write_bytes(b"annotator = '\xff'")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_find_config_inside_then_beside_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert find_config(corpus) is None
    beside = write(tmp_path, "annotator = 'x'")
    assert find_config(corpus) == beside
    inside = corpus / "chipread.toml"
    inside.write_text("annotator = 'y'")
    assert find_config(corpus) == inside
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("")
    assert find_config(jsonl) == beside

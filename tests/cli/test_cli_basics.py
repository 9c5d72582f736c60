"""The CLI as a user runs it: list, show, stats, doctor, and every bad input as one clear line."""

from __future__ import annotations

import json
import os

from chipread.corpus import open_corpus
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore
from tests.cli.conftest import CLI, assert_one_line_error, chipread_executable

SEED_HANDLES = [
    "000_7cadae28442b5f00",
    "001_4dc570d53a34862c",
    "002_6d134497452b6bb1",
    "003_c0db6aae27d81ce8",
    "004_bf94a9b77f07c8c4",
]


def tag_first_article(cli: CLI, piece: str, label: str = "actor", annotator: str = "alice"):
    corpus = open_corpus(cli.corpus)
    info = corpus.resolve("000")
    article = corpus.get(info.id)
    store = AnnotationStore(cli.db)
    assert store.claim(annotator)
    session = AnnotationSession(store, article, annotator)
    start = article.text.index(piece)
    span = session.add_span(start, start + len(piece), label)
    store.close()
    return article, span


def test_help_lists_the_commands(cli):
    result = cli("--help", global_opts=False)
    assert result.code == 0
    for command in ("list", "show", "export", "import", "stats", "doctor"):
        assert command in result.out


def test_list_json_has_every_seed_with_counts(cli):
    tag_first_article(cli, "Wang Wentao")
    result = cli("list", "--json")
    assert result.code == 0, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["handle"] for r in rows] == SEED_HANDLES
    first = rows[0]
    assert first["status"] == "in_progress"
    assert first["spans"] == {"actor": 1, "claim": 0, "quote": 0}
    assert all(r["title"] and len(r["id"]) >= 12 for r in rows)
    assert first["published"] == "2023-05-29"
    assert [r["status"] for r in rows[1:]] == ["todo"] * 4


def test_list_table_and_status_filter(cli):
    tag_first_article(cli, "Wang Wentao")
    result = cli("list")
    assert result.code == 0
    assert "000_7cadae28442b5f00" in result.out
    assert "0 of 5 done" in result.out
    only = cli("list", "--json", "--status", "in_progress")
    assert [json.loads(line)["handle"] for line in only.out.splitlines()] == ["000_7cadae28442b5f00"]


def test_show_by_unique_prefix_colours_spans_and_lists_them(cli):
    tag_first_article(cli, "Wang Wentao")
    result = cli("show", "000", env={"FORCE_COLOR": "1"})
    assert result.code == 0, result.err
    assert "China has called on Japan" in result.out
    assert "1 span (" in result.out and "'Wang Wentao'" in result.out
    assert "\x1b[" in result.out  # coloured when asked
    assert "legend:" in result.out and "actor" in result.out


def test_show_ambiguous_and_missing_refs_are_one_line(cli):
    assert_one_line_error(cli("show", "00"), "ambiguous")
    assert_one_line_error(cli("show", "zzz"), "zzz")


def test_missing_corpus_is_one_line(cli, tmp_path):
    cli.corpus = tmp_path / "does-not-exist"
    assert_one_line_error(cli("list"), "does-not-exist")


def test_bad_config_is_one_line(cli):
    (cli.corpus / "chipread.toml").write_text("[labels.actor]\nkey = 'toolong'\n")
    assert_one_line_error(cli("list"), "chipread.toml", "labels.actor.key")


def test_bad_annotator_is_one_line(cli):
    assert_one_line_error(cli("list", annotator="../etc"), "annotator name")


def test_untrusted_text_reaches_the_terminal_as_text(cli):
    (cli.corpus / "evil.txt").write_text(
        "Evil [bold red]markup[/] headline\n\nBody with \x1b[2J\x1b]0;owned\x07 escapes and [link=x]markup[/link].\n"
    )
    result = cli("show", "evil", env={"FORCE_COLOR": "1"})
    assert result.code == 0, result.err
    assert "[bold red]markup[/]" in result.out
    assert "[link=x]markup[/link]" in result.out
    assert "\x1b[2J" not in result.out and "\x1b]0;" not in result.out and "\x07" not in result.out


def test_skipped_files_are_reported_and_the_rest_loads(cli):
    (cli.corpus / "empty.txt").write_text("")
    (cli.corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    result = cli("list", "--json")
    assert result.code == 0
    assert len(result.out.splitlines()) == 5
    assert "empty.txt" in result.err and "binary.txt" in result.err


def test_stats_counts_per_annotator(cli):
    tag_first_article(cli, "Wang Wentao")
    tag_first_article(cli, "Japan", annotator="bob")
    result = cli("stats")
    assert result.code == 0, result.err
    lines = {line.split()[0]: line.split() for line in result.out.splitlines() if line.split()}
    assert lines["alice"][1:6] == ["4", "1", "0", "0", "1"]
    assert lines["bob"][1:6] == ["4", "1", "0", "0", "1"]


def test_doctor_reports_and_fixes_a_damaged_file(cli):
    article, _ = tag_first_article(cli, "Wang Wentao")
    path = cli.db / "alice" / f"{article.id}.json"
    path.write_text(path.read_text()[:-40])
    listed = cli("list")
    assert_one_line_error(listed, str(path), "doctor --fix")
    report = cli("doctor")
    assert report.code == 1 and "damaged" in report.out
    fixed = cli("doctor", "--fix")
    assert fixed.code == 0, fixed.err
    assert "salvaged" in fixed.out
    assert cli("list").code == 0


def test_default_corpus_is_the_seeds_from_any_folder(tmp_path):
    env = {**os.environ, "COLUMNS": "200"}
    import subprocess

    out = subprocess.run(
        [*chipread_executable(), "--db", str(tmp_path / "db"), "list", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert [json.loads(line)["handle"] for line in out.stdout.splitlines()] == SEED_HANDLES


def test_output_cut_short_by_a_pipe_ends_quietly(cli):
    import signal
    import subprocess

    proc = subprocess.Popen(
        [*chipread_executable(), "--corpus", str(cli.corpus), "--db", str(cli.db), "export", "--all"],
        cwd=cli.cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `chipread export | head -c 100`
    assert proc.wait(timeout=60) in (0, -signal.SIGPIPE)
    assert proc.stderr.read() == b""


def test_show_with_a_missing_model_prints_only_the_error(cli):
    result = cli("show", "000", "--no-entities")
    assert result.code == 0
    failed = cli("--ner", "spacy:no_such_model_here", "show", "000", global_opts=True)
    assert failed.out == ""
    assert_one_line_error(failed, "no_such_model_here")


def test_usage_errors_are_one_line_too(cli):
    assert_one_line_error(cli("show"), "Missing argument 'ARTICLE'", "chipread show --help")
    assert_one_line_error(cli("nosuch"), "No such command 'nosuch'")


def test_an_old_single_file_store_is_upgraded_and_the_user_is_told(cli):
    article = next(open_corpus(cli.corpus).articles())
    start = article.text.index(" ") + 1
    end = article.text.index(" ", start)
    old = {
        "spans": {
            "1": {
                "id": "s1",
                "article_id": article.id,
                "start": start,
                "end": end,
                "label": "actor",
                "text": article.text[start:end],
                "annotator": "alice",
                "created": "2023-01-01T00:00:00+00:00",
            }
        },
        "relations": {},
        "states": {
            "1": {"article_id": article.id, "annotator": "alice", "status": "done", "updated": "", "text_hash": ""}
        },
    }
    cli.db.mkdir()
    (cli.db / "db.json").write_text(json.dumps(old))
    result = cli("list", "--json")
    assert result.code == 0
    (note,) = [line for line in result.err.splitlines() if "upgraded" in line]
    backup = note.rsplit(" ", 1)[-1]
    with open(os.path.join(backup, "db.json")) as kept:
        assert json.load(kept) == old
    row = [json.loads(line) for line in result.out.splitlines() if json.loads(line)["id"] == article.id][0]
    assert row["status"] == "done" and sum(row["spans"].values()) == 1
    assert "upgraded" not in cli("list").err  # once only

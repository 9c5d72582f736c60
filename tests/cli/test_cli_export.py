"""`chipread export` and `chipread import` as a user runs them: files, stdout, splits, and one-line errors."""

from __future__ import annotations

import json

import pytest

from chipread.store import AnnotationStore
from tests.cli.conftest import CLI, assert_one_line_error
from tests.export.conftest import build_store


def annotated(cli: CLI) -> CLI:
    build_store(cli.corpus, cli.db)
    return cli


def test_export_to_stdout_and_to_a_file_are_the_same_bytes(cli, tmp_path):
    annotated(cli)
    out = cli("export")
    assert out.code == 0, out.err
    assert "exported" not in out.err  # the summary is for file exports; notes still go to stderr
    assert out.err.splitlines() == [
        "chipread: left out 1 span(s) whose text is no longer in the article (flagged "
        "when the text changed; fix them in the reader), and 1 relation(s) attached to them"
    ]
    result = cli("export", "-o", str(tmp_path / "data.jsonl"))
    assert result.code == 0, result.err
    assert (tmp_path / "data.jsonl").read_text(encoding="utf-8") == out.out
    assert "exported 6 records (5 articles, 17 spans, 8 relations) as jsonl to" in result.err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    lines = [json.loads(line) for line in out.out.splitlines()]
    assert all(line["text"][s["start"] : s["end"]] == s["text"] for line in lines for s in line["spans"])


def test_stdout_export_still_prints_its_notes_on_stderr(cli):
    annotated(cli)
    result = cli("export", "--annotator", "bob")
    assert result.code == 0
    assert "left out 1 span(s) whose text is no longer in the article" in result.err


def test_all_status_label_and_annotator_options(cli):
    annotated(cli)
    everything = cli("export", "--all")
    assert len(everything.out.splitlines()) == 8
    done = cli("export", "--status", "done", "--label", "actor", "--annotator", "alice")
    recs = [json.loads(line) for line in done.out.splitlines()]
    assert [r["status"] for r in recs] == ["done"] * 3
    assert {s["label"] for r in recs for s in r["spans"]} == {"actor"}
    assert "--label: left out" in done.err


def test_split_writes_one_file_per_split(cli, tmp_path):
    annotated(cli)
    result = cli(
        "export", "--all", "--split", "train=0.6,dev=0.2,test=0.2", "--seed", "3", "-o", str(tmp_path / "data.jsonl")
    )
    assert result.code == 0, result.err
    assert "split train 4 articles, dev 2 articles, test 1 article" in result.err
    for name in ("train", "dev", "test"):
        assert (tmp_path / f"data.{name}.jsonl").stat().st_size > 0


@pytest.mark.slow
def test_every_format_writes(cli, tmp_path):
    annotated(cli)
    for fmt, name in (
        ("doccano", "d.jsonl"),
        ("labelstudio", "ls.json"),
        ("brat", "brat"),
        ("conll", "c.conll"),
        ("spacy", "s.spacy"),
        ("csv", "t.csv"),
    ):
        result = cli("export", "--format", fmt, "-o", str(tmp_path / name))
        assert result.code == 0, (fmt, result.err)
        assert (tmp_path / name).exists()
    assert "conll: left out 3 overlapping span(s)" in cli("export", "--format", "conll").err


@pytest.mark.slow
def test_export_errors_are_one_line(cli, tmp_path):
    annotated(cli)
    assert_one_line_error(cli("export", "--format", "xml"), "unknown export format 'xml'")
    assert_one_line_error(cli("export", "--annotator", "zoe"), "no annotations by 'zoe'")
    assert_one_line_error(cli("export", "--split", "train=0.7"), "add up to 0.7, not 1")
    assert_one_line_error(cli("export", "--split", "train=0.5,test=0.5"), "give -o FILE")
    assert_one_line_error(cli("export", "--format", "brat"), "give -o FOLDER")
    assert_one_line_error(cli("export", "-o", str(tmp_path / "nope" / "x.jsonl")), "does not exist")


def test_import_round_trip_through_the_cli(cli, tmp_path):
    annotated(cli)
    first = tmp_path / "first.jsonl"
    assert cli("export", "--all", "-o", str(first)).code == 0
    other = tmp_path / "other-store"
    # No --annotator: it would store every record as that annotator (the global option applies to import).
    opts = ["--corpus", str(cli.corpus), "--db", str(other)]
    result = cli(*opts, "import", str(first), global_opts=False)
    assert result.code == 0, result.err
    assert "imported 8 records of 8" in result.out and "17 spans added" in result.out
    second = cli(*opts, "export", "--all", global_opts=False)
    assert second.out == first.read_text(encoding="utf-8")


def test_import_reports_bad_lines_and_strict_imports_nothing(cli, tmp_path):
    annotated(cli)
    good = cli("export", "--annotator", "alice").out.splitlines()
    bad = json.loads(good[0])
    bad["spans"][1]["text"] = "Chna"
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[1], "not json", json.dumps(bad)]) + "\n", encoding="utf-8")
    other = ["--corpus", str(cli.corpus), "--db", str(tmp_path / "s2"), "--annotator", "tester"]
    strict = cli(*other, "import", str(path), "--strict", global_opts=False)
    assert strict.code == 1
    assert strict.err.splitlines() == [
        "chipread: line 2: not valid JSON (Expecting value at column 1)",
        "chipread: line 3: span 2: text 'Chna' does not match offsets 0-5 ('China')",
    ]
    assert "imported nothing" in strict.out
    assert "Traceback" not in strict.err
    relaxed = cli(*other, "import", str(path), global_opts=False)
    assert relaxed.code == 1 and "imported 1 record of 3" in relaxed.out
    assert "2 bad records left out" in relaxed.out


@pytest.mark.slow
def test_import_errors_are_one_line(cli, tmp_path):
    annotated(cli)
    assert_one_line_error(cli("import", str(tmp_path / "missing.jsonl")), "no such file")
    assert_one_line_error(cli("import", str(tmp_path)), "is a folder")
    assert_one_line_error(cli("import", str(tmp_path / "x.xml"), "--format", "xml"), "unknown import format 'xml'")
    data = tmp_path / "data.jsonl"
    data.write_text(cli("export").out, encoding="utf-8")
    holder = AnnotationStore(cli.db)
    assert holder.claim("bob")
    try:
        # No global --annotator: each record's own annotator is written for, and bob is locked.
        plain = ["--corpus", str(cli.corpus), "--db", str(cli.db)]
        result = cli(*plain, "import", str(data), global_opts=False)
        assert_one_line_error(result, "bob's annotations", "being edited by")
    finally:
        holder.close()


def run_on_a_terminal(cli, *args: str) -> tuple[int, str]:
    """`chipread ARGS` with stderr on a pseudo-terminal, as a user sees it: (exit code, what stderr showed)."""
    import os
    import pty
    import subprocess

    from tests.cli.conftest import chipread_executable

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*chipread_executable(), "--corpus", str(cli.corpus), "--db", str(cli.db), "--annotator", "alice", *args],
        cwd=cli.cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"},
    )
    os.close(follower)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=120), shown.decode("utf-8", "replace")


def test_export_on_a_terminal_shows_a_progress_bar_then_only_the_summary(cli, tmp_path):
    out = tmp_path / "data.jsonl"
    code, shown = run_on_a_terminal(cli, "export", "--all", "-o", str(out))
    assert code == 0
    assert "exporting" in shown and "5/5" in shown  # the bar was drawn, to the last article...
    assert "\x1b[2K" in shown  # ...and erased (transient) before the summary
    summary = shown.rsplit("\x1b[2K", 1)[-1]
    assert "exporting" not in summary and "5 articles" in summary, summary
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    # Not on a terminal: no bar at all, only the summary.
    result = cli("export", "--all", "-o", str(tmp_path / "again.jsonl"))
    assert result.code == 0 and "exporting" not in result.err and "\x1b" not in result.err


def test_the_summary_counts_what_the_format_wrote_not_what_was_selected(cli, tmp_path):
    annotated(cli)
    conll = cli("export", "--format", "conll", "-o", str(tmp_path / "data.conll"))
    assert conll.code == 0, conll.err
    written = sum(
        line.split()[-1].startswith("B-") for line in (tmp_path / "data.conll").read_text().splitlines() if line
    )
    assert 0 < written < 17  # overlapping spans cannot be IOB tags: left out, with a note
    assert f"exported 6 records (5 articles, {written} spans, 0 relations) as conll" in conll.err
    assert "relation(s) not written" in conll.err
    doccano = cli("export", "--format", "doccano", "--no-overlaps", "-o", str(tmp_path / "data.jsonl"))
    assert doccano.code == 0, doccano.err
    lines = [json.loads(line) for line in (tmp_path / "data.jsonl").read_text().splitlines()]
    spans = sum(len(line["entities"]) for line in lines)
    relations = sum(len(line["relations"]) for line in lines)
    assert f"({len(lines) - 1} articles, {spans} spans, {relations} relations) as doccano" in doccano.err

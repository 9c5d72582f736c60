"""The real CLI against hostile files and careless input: nothing lost, nothing run, one line for each problem."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import stat
import subprocess
import sys

import click
import pytest

from chipread.store import SCHEMA_VERSION, AnnotationStore
from chipread.store.layout import file_name
from tests.cli.conftest import CLI, assert_one_line_error, chipread_executable
from tests.cli.test_cli_basics import tag_first_article
from tests.conftest import REPO

ESC_TITLE = "\x1b]0;pwned\x07"


def jsonl_corpus(tmp_path, records) -> CLI:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return CLI(cwd=tmp_path, corpus=corpus, db=tmp_path / "annotations")


# -- export destinations ---------------------------------------------------------------------------


def test_export_onto_the_jsonl_corpus_is_refused_and_the_corpus_kept(tmp_path):
    cli = jsonl_corpus(tmp_path, [{"text": "T\n\nAlice spoke."}])
    before = cli.corpus.read_bytes()
    result = cli("export", "--all", "-o", str(cli.corpus))
    assert_one_line_error(result, "is the corpus")
    assert cli.corpus.read_bytes() == before


def test_export_refuses_pipes_sockets_and_devices_and_leaves_them_as_they_are(cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    targets = [(fifo, "a named pipe"), (sock_path, "a socket")]
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append((tmp_path / "null", "a device"))
    except (PermissionError, OSError):
        pass  # no mknod here (not root, or a container without it): pipes and sockets still show the rule
    for target, kind in targets:
        before = os.lstat(target)
        result = cli("export", "-o", str(target))
        assert_one_line_error(result, f"is {kind}, not a file", "-o -")
        after = os.lstat(target)
        assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    sock.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_the_processs_stdout_streams_like_dash(cli):
    tag_first_article(cli, "Wang Wentao")
    dash = cli("export")
    # /dev/fd/1 is /dev/stdout by another name (both stat as this process's stdout). The test names it so
    # that a regression cannot hurt the machine: an export renamed over /dev/stdout, as root, replaces the
    # system's link with a file; a rename into /dev/fd (procfs) fails instead.
    named = cli("export", "-o", "/dev/fd/1")
    assert named.code == 0, named.err
    assert named.out == dash.out and dash.out.count("\n") == 1


def test_stale_temp_files_are_swept_but_not_a_running_exports(cli, tmp_path):
    tag_first_article(cli, "Wang Wentao")
    out = tmp_path / "data.jsonl"
    stale = tmp_path / ".data.jsonl.0badc0de.tmp"
    stale.write_text("half an export from a killed process")
    live = tmp_path / ".data.jsonl.1234abcd.tmp"
    live.write_text("another export, still running")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a running export holds its temp file
        result = cli("export", "-o", str(out))
        assert result.code == 0, result.err
    assert out.is_file() and not stale.exists() and live.exists()


_SLOW_EXPORT = """
import signal, sys, time
from chipread.export import jsonl
real = jsonl.JsonlWriter.write
def write(self, record):
    real(self, record)
    print("writing", flush=True)
    while True:
        time.sleep(60)  # until the test's signal arrives
jsonl.JsonlWriter.write = write
from chipread.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_an_export_removes_its_temp_files(cli, tmp_path, sig):
    tag_first_article(cli, "Wang Wentao")
    out = tmp_path / "data.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _SLOW_EXPORT,
            "--corpus",
            str(cli.corpus),
            "--db",
            str(cli.db),
            "export",
            "-o",
            str(out),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout.readline().strip() == "writing"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # the export is mid-way
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig
    assert err.strip() == f"chipread: stopped by signal {int(sig)}"
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".data.jsonl")] == []


# -- export selection --------------------------------------------------------------------------------


def test_export_with_a_damaged_store_file_fails_unless_asked_to_skip(cli, tmp_path):
    article, _ = tag_first_article(cli, "Wang Wentao")
    tag_first_article(cli, "Wang Wentao", annotator="bob")
    path = cli.db / "alice" / file_name(article.id)
    path.write_text(path.read_text()[:-40])
    out = tmp_path / "data.jsonl"
    result = cli("export", "-o", str(out))
    assert_one_line_error(result, str(path), "--skip-damaged", "nothing was exported")
    assert not out.exists()
    skipped = cli("export", "--skip-damaged", "-o", str(out))
    assert skipped.code == 0, skipped.err
    assert "skipped alice's work" in skipped.err
    assert [json.loads(line)["annotator"] for line in out.read_text().splitlines()] == ["bob"]


def test_export_with_an_unknown_label_is_an_error(cli, tmp_path):
    tag_first_article(cli, "Wang Wentao")
    out = tmp_path / "data.jsonl"
    result = cli("export", "--label", "person", "-o", str(out))
    assert_one_line_error(result, "--label person: no such label")
    assert not out.exists()
    assert cli("export", "--label", "actor", "-o", str(out)).code == 0


# -- import ---------------------------------------------------------------------------------------------


def test_the_global_annotator_applies_to_import(cli, tmp_path):
    records = [{"text": "T\n\nAlice spoke.", "annotator": "zed", "spans": [{"start": 3, "end": 8, "label": "actor"}]}]
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(records[0]) + "\n")
    result = cli("import", str(path), annotator="carol")
    assert result.code == 0, result.err
    assert (cli.db / "carol").is_dir() and not (cli.db / "zed").exists()


def test_importing_through_a_lock_link_never_writes_its_target(cli, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("my thesis")
    AnnotationStore(cli.db).close()
    (cli.db / "carol").mkdir()
    os.symlink("../../precious.txt", cli.db / "carol" / ".lock")
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"text": "T\n\nAlice spoke.", "spans": [{"start": 3, "end": 8, "label": "actor"}]}) + "\n"
    )
    result = cli("import", str(path), annotator="carol")
    assert_one_line_error(result, ".lock is a symbolic link")
    assert precious.read_text() == "my thesis"


def test_a_hostile_import_reaches_neither_the_store_nor_the_terminal(cli, tmp_path):
    text = f"Headline{ESC_TITLE}\n\nAlice \x1b]52;c;cm0gLXJmIH4=\x07spoke."
    start = text.index("Alice")
    path = tmp_path / "in.jsonl"
    record = {
        "text": text,
        "meta": {"title": f"T{ESC_TITLE}"},
        "spans": [{"start": start, "end": start + 5, "label": "actor"}],
    }
    path.write_text(json.dumps(record) + "\n")
    assert cli("import", str(path)).code == 0
    (handle,) = [row["handle"] for row in map(json.loads, cli("list", "--json").out.splitlines()) if row["imported"]]
    for args in (("list",), ("list", "--json"), ("show", handle), ("stats",)):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err, args


# -- what reaches the terminal ------------------------------------------------------------------------


def test_jsonl_ids_are_shown_escaped_by_show_and_list(tmp_path):
    cli = jsonl_corpus(tmp_path, [{"id": f"id{ESC_TITLE}", "text": "T\n\nAlice spoke."}])
    for args in (("list",), ("list", "--json"), ("show", "id")):
        result = cli(*args)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out and "\x07" not in result.out, args
    assert "\\x1b]0;pwned\\x07" in cli("show", "id").out


def test_each_skipped_jsonl_line_is_named_once(tmp_path):
    cli = jsonl_corpus(
        tmp_path,
        [{"id": "a", "text": "T\n\nAlice spoke."}, {"id": "a", "text": "U\n\nBob spoke."}, {"text": 3}],
    )
    result = cli("list")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"chipread: skipped {cli.corpus}:2: duplicate id 'a' (also a)",
        f'chipread: skipped {cli.corpus}:3: "text" must be a string, got a number',
    ]


def test_doctor_shows_store_paths_escaped(tmp_path, seeds_copy):
    cli = CLI(cwd=tmp_path, corpus=seeds_copy, db=tmp_path / f"db{ESC_TITLE}")
    article, _ = tag_first_article(cli, "Wang Wentao")
    path = cli.db / "alice" / file_name(article.id)
    path.write_text("{broken")
    result = cli("doctor")
    assert result.code == 1
    assert "\x1b" not in result.out and "\\x1b]0;pwned\\x07" in result.out


# -- the corpus and its config ------------------------------------------------------------------------


def test_a_link_out_of_the_corpus_is_skipped_with_one_line(cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Root password\n\nhunter2 is the password.")
    os.symlink(secret, cli.corpus / "passwd.txt")
    os.symlink(cli.corpus / "000_7cadae28442b5f00.txt", cli.corpus / "inside-link.txt")
    result = cli("list", "--json")
    assert result.code == 0
    handles = [json.loads(line)["handle"] for line in result.out.splitlines()]
    assert "passwd" not in handles
    assert [line for line in result.err.splitlines() if "passwd.txt" in line] == [
        f"chipread: skipped {cli.corpus / 'passwd.txt'}: a link to a file outside the corpus folder; not followed"
    ]


def test_a_config_inside_the_corpus_may_not_put_the_store_outside_it(tmp_path, seeds_copy):
    (seeds_copy / "chipread.toml").write_text('db = "../../elsewhere"\n')
    proc = subprocess.run(
        [*chipread_executable(), "--corpus", str(seeds_copy), "list"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode != 0 and "is outside the corpus folder" in proc.stderr and "--db" in proc.stderr
    assert not (tmp_path.parent / "elsewhere").exists()
    # The user's word: --config names the file to trust.
    trusted = subprocess.run(
        [*chipread_executable(), "--corpus", str(seeds_copy), "--config", str(seeds_copy / "chipread.toml"), "list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert trusted.returncode == 0, trusted.stderr


def _limited_memory() -> None:
    import resource

    # A regression would read /dev/zero until the machine runs out: fail it at 2 GB instead.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_a_gazetteer_that_is_a_device_is_one_line_at_once(cli):
    tag_first_article(cli, "Wang Wentao")
    proc = subprocess.run(
        [*chipread_executable(), "--corpus", str(cli.corpus), "--db", str(cli.db), "--gazetteer", "/dev/zero"]
        + ["show", "000"],
        cwd=cli.cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited_memory,
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "/dev/zero" in proc.stderr and "device" in proc.stderr


def test_a_bad_gazetteer_is_called_a_gazetteer_not_a_config(cli, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("ORG Acme\norg Tokyo Electron\n")
    result = cli("--gazetteer", str(names), "show", "000")
    assert_one_line_error(result, f"error: bad gazetteer {names}: line 2: 'org' is not a label")
    result = cli("--gazetteer", str(tmp_path / "nope.txt"), "show", "000")
    assert_one_line_error(result, f"error: bad gazetteer {tmp_path / 'nope.txt'}: file not found")


def test_a_deeply_nested_config_is_one_line(cli, tmp_path):
    config = tmp_path / "deep.toml"
    config.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert_one_line_error(cli("--config", str(config), "list"), "deep.toml", "nested too deeply")


def test_a_misspelled_key_binding_id_is_refused_by_every_command(cli, tmp_path):
    config = tmp_path / "keys.toml"
    config.write_text('[keys]\nnext-artcle = "ctrl+n"\n')
    assert_one_line_error(cli("--config", str(config), "list"), "keys.next-artcle", "unknown binding id")


@pytest.mark.parametrize("option", ["--corpus", "--db", "--config", "--gazetteer", "--annotator", "--ner"])
def test_an_empty_option_is_an_error_not_the_current_folder(cli, option):
    result = subprocess.run(
        [*chipread_executable(), option, "", "list"], cwd=cli.cwd, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "is empty" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _value_params() -> list:
    """The argv giving "" to each subcommand option and argument that takes a value (found in the click group)."""
    from chipread.cli import cli as group

    cases = []
    for name, command in sorted(group.commands.items()):
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        for param in command.params:
            if getattr(param, "is_flag", False):
                continue
            args = ["" if a is param else "x" for a in arguments if a is param or a.required]
            option = [param.opts[0], ""] if isinstance(param, click.Option) else []
            shown = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
            cases.append(pytest.param([name, *args, *option], id=f"{name} {shown}"))
    return cases


@pytest.mark.parametrize("argv", _value_params())
def test_every_subcommand_refuses_an_empty_value_in_one_line(cli, argv):
    # "" (an unset variable in a script) is never the current folder, everyone, the default or gold.
    result = cli(*argv)
    assert_one_line_error(result, "Invalid value", f"`chipread {argv[0]} --help`")
    assert not cli.db.exists()  # refused before anything was opened or written


# -- the store as people leave it -----------------------------------------------------------------------


def test_doctor_fix_on_a_damaged_marker_leaves_a_working_store(cli):
    tag_first_article(cli, "Wang Wentao")
    (cli.db / "store.json").write_text("{not json")
    assert_one_line_error(cli("list"), "store.json", "doctor --fix")
    fixed = cli("doctor", "--fix")
    assert fixed.code == 0, fixed.err
    listed = cli("list", "--json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out.splitlines()[0])["spans"]["actor"] == 1


@pytest.mark.parametrize(
    "shape",
    ['{"schema": 1}', "meta schema x", "article file is a folder", "annotator folder is a file", "db.json bad record"],
)
def test_hand_edited_stores_name_the_file_in_one_line(cli, shape):
    article, _ = tag_first_article(cli, "Wang Wentao")
    path = cli.db / "alice" / file_name(article.id)
    if shape.startswith("{"):
        (cli.db / "store.json").write_text(shape)
        needle = "store.json"
    elif shape == "meta schema x":
        path.write_text(path.read_text().replace(f'"schema":{SCHEMA_VERSION}', '"schema":"x"'))
        needle = str(path)
    elif shape == "article file is a folder":
        path.unlink()
        path.mkdir()
        needle = str(path)
    elif shape == "annotator folder is a file":
        for p in (cli.db / "alice").iterdir():
            p.unlink()
        (cli.db / "alice").rmdir()
        (cli.db / "alice").write_text("x")
        needle = str(cli.db / "alice")
    else:
        (cli.db / "store.json").unlink()
        (cli.db / "db.json").write_text(json.dumps({"spans": {"1": {"id": "s1"}}}))
        needle = "db.json"
    # (A stray file is only the store's business when it has the name of the annotator at work.)
    for args in (("list",),) if shape == "annotator folder is a file" else (("list",), ("export",)):
        result = cli(*args)
        assert_one_line_error(result, needle)
        assert "internal error" not in result.err
    assert list(cli.db.glob("backup-*")) == []

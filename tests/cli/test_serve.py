"""`chipread serve` without a browser: what each session runs, and which hosts are private."""

from __future__ import annotations

from pathlib import Path

from chipread.cli import Options
from chipread.cli.serve import loopback, session_command
from tests.cli.conftest import assert_one_line_error


def test_each_session_runs_this_chipread_on_the_same_corpus_and_store_and_asks_its_name(seeds_copy, tmp_path):
    opts = Options(corpus=seeds_copy, db=tmp_path / "db", ner="builtin")
    command = session_command(opts)
    assert command[1:3] == ["-m", "chipread"]
    assert command[command.index("--corpus") + 1] == str(Path(seeds_copy).resolve())
    assert command[command.index("--db") + 1] == str((tmp_path / "db").resolve())
    assert command[-2:] == ["tui", "--ask-name"] and "--annotator" not in command
    given = session_command(Options(corpus=seeds_copy, db=tmp_path / "db", annotator="ana"))
    assert given[-3:] == ["--annotator", "ana", "tui"]  # every session is ana


def test_only_loopback_addresses_count_as_private():
    assert loopback("127.0.0.1") and loopback("::1") and loopback("localhost") and loopback("127.0.0.5")
    assert not loopback("0.0.0.0") and not loopback("192.168.1.4") and not loopback("example.org")


def test_an_empty_host_is_refused_not_every_interface(cli):
    # "" would make the server listen on 0.0.0.0 and [::]: the whole network, with no login.
    result = cli("serve", "--host", "", "--port", "8765")
    assert_one_line_error(result, "--host", "is empty")
    assert not cli.db.exists()  # refused before anything was opened

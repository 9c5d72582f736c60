"""`chipread stats` piped into another program or a file: every header in full, or one JSON object per annotator."""

from __future__ import annotations

import json

from tests.cli.test_cli_basics import tag_first_article


def test_stats_piped_writes_every_header_in_full(cli):
    tag_first_article(cli, "Wang Wentao")
    result = cli("stats", env={"COLUMNS": ""})  # captured: not a terminal, no width given
    assert result.code == 0, result.err
    header = next(line for line in result.out.splitlines() if "annotator" in line)
    assert header.split() == [
        "annotator",
        "todo",
        "in_progress",
        "done",
        "skipped",
        "spans",
        "actor",
        "claim",
        "quote",
        "relations",
        "flagged",
    ]
    assert "…" not in result.out


def test_stats_json_is_one_object_per_annotator(cli):
    tag_first_article(cli, "Wang Wentao")
    tag_first_article(cli, "Japan", annotator="bob")
    result = cli("stats", "--json")
    assert result.code == 0, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row["annotator"] for row in rows] == ["alice", "bob"]
    assert rows[0]["in_progress"] == 1 and rows[0]["actor"] == 1 and rows[0]["todo"] == 4

"""`chipread actors`, the actors export and import, `export --dedupe`: the real CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.actors.conftest import annotate_000, annotate_qin, open_ws
from tests.cli.conftest import assert_one_line_error


@pytest.fixture
def annotated(cli):
    ws = open_ws(cli.corpus, cli.db, annotator="alice")
    try:
        annotate_000(ws)
        annotate_qin(ws)
    finally:
        ws.close()
    return cli


def test_the_table_lists_actors_with_counts_and_dates(annotated):
    result = annotated("actors")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    qin = next(line for line in lines if "Qin Gang" in line)
    assert "proposed" in qin and "person" in qin
    assert any("Beijing may stand for the government of China (metonymy)" in line for line in lines)
    rows = [json.loads(line) for line in annotated("actors", "--json").out.splitlines()]
    qin = next(r for r in rows if r["name"] == "Qin Gang")
    assert qin["statements"] == {"claim": 1, "quote": 2} and qin["articles"] == 2
    assert set(qin["names"]) == {"qin", "qin gang"}
    china = next(r for r in rows if r["name"] == "China")
    assert (china["first"], china["first_estimated"]) == ("2023-05-29", False)


def test_an_actors_statements_in_date_order_with_the_article_and_text(annotated):
    result = annotated("actors", "mr qin", "--json")
    assert result.code == 0, result.err
    statements = [json.loads(line) for line in result.out.splitlines()]
    assert [s["handle"][:3] for s in statements] == ["002", "002", "003"]
    assert {s["actor"] for s in statements} == {"Qin Gang"}
    assert statements[-1]["text"].startswith("The two sides should adhere")
    table = annotated("actors", "Qin Gang")
    assert "The two sides should adhere" in table.out and "003_c0db6aae2" in table.out


def test_an_unknown_or_ambiguous_actor_is_one_line_and_a_non_zero_exit(annotated):
    assert_one_line_error(annotated("actors", "Nobody Here"), "no actor named 'Nobody Here'")
    assert_one_line_error(annotated("actors", "commerce ministry"), "names 2 actors")


def test_an_empty_store_has_no_actors_and_says_so(cli):
    result = cli("actors")
    assert result.code == 0 and "0 actors" in result.out


def test_jsonl_spans_carry_the_actor_id_the_actors_export_names(annotated):
    lines = [json.loads(line) for line in annotated("export", "--format", "jsonl").out.splitlines()]
    actors = {
        json.loads(line)["id"]: json.loads(line) for line in annotated("export", "--format", "actors").out.splitlines()
    }
    for record in lines:
        for span in record["spans"]:
            if span["label"] == "actor":
                assert span["actor_id"] in actors
            else:
                assert span["actor_id"] is None
    qin = next(a for a in actors.values() if a["name"] == "Qin Gang")
    qin_spans = [s for r in lines for s in r["spans"] if s["actor_id"] == qin["id"]]
    assert sorted(s["text"] for s in qin_spans) == ["Chinese Foreign Minister Qin Gang", "Mr Qin", "Qin"]


def test_csv_has_the_canonical_actor_of_every_statement(annotated, tmp_path):
    out = tmp_path / "who.csv"
    assert annotated("export", "--format", "csv", "-o", str(out)).code == 0
    import csv

    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    quote = next(r for r in rows if r["text"].startswith("Peaceful coexistence"))
    assert (quote["attributed_to"], quote["actor"]) == ("Mr Qin", "Qin Gang")
    assert quote["actor_id"].startswith("p-")


def test_confirmed_actors_survive_export_and_import_into_another_store(annotated, tmp_path):
    ws = open_ws(annotated.corpus, annotated.db, annotator="alice")
    try:
        from chipread.actors import ActorBook

        book = ActorBook(ws)
        qin = book.find("Qin Gang")
        book.merge(book.find("China").id, [book.find("Beijing").id])
        book.rename(qin.id, "Qin Gang (FM)")
    finally:
        ws.close()
    data, actors = tmp_path / "data.jsonl", tmp_path / "actors.jsonl"
    assert annotated("export", "--format", "jsonl", "-o", str(data)).code == 0
    assert annotated("export", "--format", "actors", "-o", str(actors)).code == 0
    before = {
        r["id"]: (r["name"], r["status"], r["statements"])
        for r in map(json.loads, annotated("actors", "--json").out.splitlines())
    }

    elsewhere = tmp_path / "other-db"
    from tests.cli.conftest import CLI

    other = CLI(cwd=annotated.cwd, corpus=annotated.corpus, db=elsewhere)
    assert other("import", str(data)).code == 0
    imported = other("import", str(actors), "--format", "actors")
    assert imported.code == 0, imported.err
    assert "imported 2 confirmed actor(s)" in imported.out
    after = {
        r["id"]: (r["name"], r["status"], r["statements"])
        for r in map(json.loads, other("actors", "--json").out.splitlines())
    }
    assert after == before


def test_a_bad_actors_file_imports_nothing_with_strict_and_names_the_line(annotated, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a-1", "name": "X", "aliases": ["x"]}\n{"id": 3}\nnot json\n', encoding="utf-8")
    result = annotated("import", str(bad), "--format", "actors", "--strict")
    assert result.code == 1
    assert "line 2" in result.err and "line 3" in result.err
    assert "imported nothing" in result.out
    assert "a-1" not in annotated("actors", "--json").out


def test_dedupe_drops_the_copy_or_marks_it(annotated, tmp_path):
    out = tmp_path / "all.jsonl"
    result = annotated("export", "--all", "--dedupe", "-o", str(out))
    assert result.code == 0 and "--dedupe: left out 1 wire copy of other articles (001_" in result.err
    handles = [json.loads(line)["meta"]["handle"][:3] for line in out.read_text(encoding="utf-8").splitlines()]
    assert handles == ["000", "002", "003", "004"]
    assert annotated("export", "--all", "--dedupe", "mark", "-o", str(out)).code == 0
    metas = {json.loads(line)["meta"]["handle"][:3]: json.loads(line)["meta"] for line in out.read_text().splitlines()}
    assert metas["001"]["copy_of"]["handle"].startswith("000") and 0.3 < metas["001"]["copy_of"]["shared"] < 0.6
    assert metas["000"]["copy_of"] is None
    assert_one_line_error(annotated("export", "--dedupe", "sometimes"), "--dedupe")


def test_names_with_control_characters_are_shown_escaped_never_run(annotated):
    hostile = "Qin\x1b]0;pwned\x07 Gang\u202e"
    ws = open_ws(annotated.corpus, annotated.db, annotator="alice")
    try:
        from chipread.actors import ActorBook

        book = ActorBook(ws)
        actor = book.find("Qin Gang")
        book.rename(actor.id, "Renamed Here")  # the registry holds a record for Qin Gang now
    finally:
        ws.close()
    # chipread refuses such a name (book.rename); a registry file written elsewhere (another tool, a hand
    # edit, an old version) may still hold one, and nothing prints it raw.
    registry = annotated.db / "alice" / "_actors.json"
    body = registry.read_text(encoding="utf-8")
    assert body.startswith('{\n"actors": {') and '"name":"Renamed Here"' in body  # the record's table first
    registry.write_text(body.replace('"Renamed Here"', json.dumps(hostile), 1), encoding="utf-8")
    escaped = "Qin\\x1b]0;pwned\\x07 Gang\\u202e"  # as the README promises: visible escapes, not spaces
    for args in (("actors",), ("actors", "qin gang")):
        result = annotated(*args)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out and "\x07" not in result.out and "\u202e" not in result.out, args
        assert escaped in result.out, args


def test_the_help_names_the_actors_screens_key():
    from tests.cli.conftest import chipread_executable

    help_text = " ".join(
        subprocess.run([*chipread_executable(), "actors", "--help"], capture_output=True, text=True).stdout.split()
    )
    assert "in the annotator (@, the actors screen)" in help_text

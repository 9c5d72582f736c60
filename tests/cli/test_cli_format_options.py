"""brat import and the format options as a user runs them: summaries, one line per bad .ann line, --strict."""

from __future__ import annotations

from chipread.store import AnnotationStore
from tests.cli.conftest import assert_one_line_error
from tests.export.test_import_brat import BAD_ANN, polnear_like


def test_brat_import_with_the_attribution_preset(cli, tmp_path):
    root = polnear_like(tmp_path / "polnear")
    result = cli("import", str(root), "--format", "brat", "--map", "attribution")
    assert result.code == 0, result.err
    assert "imported 1 record of 1" in result.out and "8 spans added; 4 relations added" in result.out
    assert "chipread: brat: left out 8 annotation(s) of types the mapping drops" in result.err
    assert AnnotationStore(cli.db).annotators() == ["ab12"]


def test_bad_lines_are_one_line_each_and_exit_non_zero(cli, tmp_path):
    root = polnear_like(tmp_path / "polnear", ann=BAD_ANN)
    result = cli("import", str(root), "--format", "brat", "--map", "attribution")
    assert result.code == 1
    assert "Traceback" not in result.err
    problems = [line for line in result.err.splitlines() if ".ann line " in line]
    assert len(problems) == 4
    assert all(line.startswith("chipread: attributions/senate_ab12.ann line ") for line in problems)
    assert "4 bad lines left out (listed above)" in result.out
    assert AnnotationStore(cli.db).annotators() == ["ab12"]  # the good lines went in


def test_strict_writes_nothing(cli, tmp_path):
    root = polnear_like(tmp_path / "polnear", ann=BAD_ANN)
    result = cli("import", str(root), "--format", "brat", "--map", "attribution", "--strict")
    assert result.code == 1
    assert "imported nothing from" in result.out
    assert not cli.db.exists() or AnnotationStore(cli.db).annotators() == []


def test_brat_options_with_another_format_and_a_bad_map_are_one_line(cli, tmp_path):
    assert_one_line_error(cli("import", str(tmp_path), "--map", "attribution"), "--map is for --format brat")
    root = polnear_like(tmp_path / "polnear")
    assert_one_line_error(
        cli("import", str(root), "--format", "brat", "--map", "Cue=a b"), "a label name has no spaces"
    )


def test_no_overlaps_is_for_doccano(cli, tmp_path):
    assert_one_line_error(cli("export", "--format", "jsonl", "--no-overlaps"), "--no-overlaps is for --format doccano")

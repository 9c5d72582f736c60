"""Every benchmark still runs at a tiny size and prints its figures: each script's lines are parsed and checked.

Timings are checked for being there and positive, never for being fast (that is the benchmarks' job, on a
quiet machine); counts, sizes and accuracy figures, which do not move with load, are checked exactly.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable

import pytest

from tests.conftest import REPO

NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?"


def num(text: str) -> float:
    return float(text.replace(",", ""))


def rows(stdout: str, pattern: str) -> list[tuple[str, ...]]:
    """Every line of stdout that matches `pattern` (anchored at the start, spaces free), as its groups."""
    return [m.groups() for line in stdout.splitlines() if (m := re.match(pattern, line.strip()))]


def positive(*values: str) -> None:
    for value in values:
        assert num(value) > 0, values


def check_store(out: str) -> None:
    found = rows(out, rf"({NUMBER}) \| +({NUMBER}) ms +({NUMBER}) ms \| +({NUMBER}) ms +({NUMBER}) ms$")
    assert [num(r[0]) for r in found] == [100, 300]
    for _, *times in found:
        positive(*times)
        assert num(times[0]) <= num(times[1]) and num(times[2]) <= num(times[3])  # a median is at most its p95
    (ratio,) = rows(out, rf"ratio of medians, largest/smallest: chipread ({NUMBER})x, stock ({NUMBER})x")
    positive(*ratio)
    (opened,) = rows(
        out, rf"open a store of ({NUMBER}) spans \(({NUMBER}) article files\) and count them: ({NUMBER}) ms"
    )
    assert num(opened[0]) >= 300 and num(opened[1]) >= 1


def check_corpus(out: str) -> None:
    assert rows(out, r"generated (\d+) articles") == [("60",)]
    found = {
        r[0]: r[1:]
        for r in rows(out, rf"(.+?) {{2,}}({NUMBER}) +({NUMBER}) +({NUMBER}) +({NUMBER}) +({NUMBER}) +(.*)$")
    }
    assert list(found) == [
        "cold open (parallel parse, writes cache)",
        "warm open (from the cache)",
        "warm open, then get() of one article",
        "cold open, one process",
        "open with use_cache=False",
    ]
    for phase, (wall, cpu, workers_cpu, rss, workers_mb, notes) in found.items():
        assert min(num(wall), num(cpu), num(workers_cpu), num(workers_mb)) >= 0
        positive(rss)
        if "get()" in phase:
            assert re.fullmatch(rf"get\(\) {NUMBER} ms", notes), notes
        else:
            assert notes == "60 articles, 0 skipped", (phase, notes)


def check_export(out: str) -> None:
    assert rows(out, r"jsonl export of (\d+) records, (\d+) spans, (\d+) relations") == [("40", "120", "40")]
    (export,) = rows(out, rf"chipread export\(\) +({NUMBER}) s +\(({NUMBER}) spans/s")
    positive(export[1])
    (ratio,) = rows(out, rf"ratio +({NUMBER})x")
    positive(*ratio)
    stages = rows(out, rf"(reading|loading|tokenize|token_bounds|tokens_json|writing)\S* .*? ({NUMBER}) s")
    assert [s[0] for s in stages] == ["reading", "loading", "tokenize", "token_bounds", "tokens_json", "writing"]
    memory = rows(out, rf"(\d+) articles, +(\d+) spans: +({NUMBER}) s, peak +({NUMBER}) MB")
    assert [(m[0], m[1]) for m in memory] == [("20", "60"), ("40", "120")]
    for *_, peak in memory:
        positive(peak)


def check_ner(out: str) -> None:
    (builtin,) = rows(out, rf"builtin \(tokens\+sentences\+entities\) +({NUMBER}) +({NUMBER})$")
    positive(builtin[0])
    assert num(builtin[1]) == 1.0
    steps = rows(
        out,
        rf"(tokenize|tokenize \+ sentences|tokenize \+ sentences \+ entities|analyse\(\).*?) +best +({NUMBER}) ms +median +({NUMBER}) ms",
    )
    assert len(steps) == 4
    for _, best, median in steps:
        positive(best, median)
        assert num(best) <= num(median)
    pathological = rows(out, rf"(.+?) +({NUMBER}) ms$")
    assert len([p for p in pathological if "1.0 MB" in p[0]]) == 3


def check_eval(out: str) -> None:
    # Accuracy does not move with load: the built-in recognizer's figures on its own gold are checked as figures.
    summary = {
        r[0]: tuple(map(float, r[1:]))
        for r in rows(out, r"builtin +(seeds|holdout|fresh|blind) +([01]\.\d{3}) +([01]\.\d{3}) +([01]\.\d{3})$")
    }
    assert set(summary) == {"seeds", "holdout", "fresh", "blind"}
    for p, r, f1 in summary.values():
        assert f1 == pytest.approx(2 * p * r / (p + r), abs=0.002)  # F1 is the harmonic mean of the two
    assert summary["seeds"][2] >= 0.95 and summary["holdout"][2] >= 0.9
    totals = rows(out, rf"ALL +({NUMBER}) +({NUMBER}) +({NUMBER}) +(\d+) +(\d+)")
    assert len(totals) == 4 and [t[3] for t in totals] == ["327", "246", "62", "323"]


def check_reader(out: str) -> None:
    (size,) = rows(out, r"reader benchmark: ([0-9,]+)-character article, (\d+) spans")
    assert num(size[0]) >= 5000 and size[1] == "40"
    for name in ("cursor move: handler\\+draw", "cursor move: whole key", "tag: handler\\+draw", "tag: whole key"):
        (found,) = rows(
            out,
            rf"{name} +p50 +({NUMBER}) +p95 +({NUMBER}) +max +({NUMBER}) +p50 +({NUMBER}) +p95 +({NUMBER}) +max +({NUMBER})$",
        )
        positive(*found)
        assert num(found[0]) <= num(found[1]) <= num(found[2])  # p50 <= p95 <= max, for chipread's reader
    (memory,) = rows(out, rf"peak memory \(MB, RSS\) +({NUMBER}) +({NUMBER})$")
    positive(*memory)


def check_library(out: str) -> None:
    assert rows(out, r"library of (\d+) articles") == [("200",)]
    found = rows(out, rf"(.+?) +median +({NUMBER}) +max +({NUMBER}) +n=(\d+)$")
    assert [f[0] for f in found] == [
        "open the library",
        "filter keystroke",
        "clear the filter",
        "sort (cycle)",
        "cursor down",
        "page down",
        "to the bottom",
    ]
    for _, median, most, n in found:
        positive(median, most, n)
        assert num(median) <= num(most)


def check_page_parsers(out: str) -> None:
    assert rows(out, r"HTML: (\d+) fixture pages, (\d+) hostile pages") == [("4", "6")]
    found = {r[0]: r[1:] for r in rows(out, rf"(.+?) +(\d+) of (\d+) +(\d+) of (\d+) +({NUMBER}) +({NUMBER})$")}
    # Ours is the reference (the same page on every fixture by definition) and survives every hostile page.
    assert found["ours (html.parser)"][:4] == ("4", "4", "6", "6")
    positive(*found["ours (html.parser)"][4:])
    for name in ("lxml", "selectolax (lexbor)"):  # not chipread dependencies: measured where installed
        assert name in found or rows(out, rf"({re.escape(name)}) +not installed$"), name
    markdown = rows(out, rf"(ours, extract\(\)|markdown-it-py, tokens only).*? ({NUMBER})$")
    assert [m[0] for m in markdown] == ["ours, extract()", "markdown-it-py, tokens only", "markdown-it-py, tokens only"]
    positive(*(m[1] for m in markdown))


def check_team(out: str) -> None:
    (merge,) = rows(out, rf"merge (\d+) \+ (\d+) article files: ({NUMBER}) s \(merged (\d+) spans")
    assert merge[:2] == ("10", "10") and num(merge[3]) > 0
    (again,) = rows(out, rf"merging the same store again \(nothing new\): ({NUMBER}) s")
    (agree,) = rows(
        out,
        rf"agreement of (\d+) annotators on (\d+) articles .*: ({NUMBER}) s; overall kappa ({NUMBER}), alpha ({NUMBER})",
    )
    assert agree[1] == "5" and all(0 < num(v) <= 1 for v in agree[3:])


def check_import(out: str) -> None:
    found = rows(
        out,
        rf"(\d+) records \( *({NUMBER}) MB, (\d+) spans\): +({NUMBER}) s, +({NUMBER}) records/s, peak +({NUMBER}) MB$",
    )
    assert [(r[0], r[2]) for r in found] == [("2", "6"), ("20", "60")]  # a tenth, then all of --records
    for *_, rate, peak in found:
        positive(rate, peak)


def check_attribution(out: str) -> None:
    import json

    figures = json.loads(out.strip().splitlines()[-1])  # the script's last line is one JSON object
    assert figures["texts"] == 5 and figures["content"]["gold"] > 0
    for name in ("content", "direct", "indirect"):
        for kind in ("overlap", "exact"):
            assert 0 <= figures[name][kind]["f1"] <= 1
    assert 0 < figures["end_to_end"]["f1"] <= 1 and figures["seconds_per_100"] > 0
    bars = figures["suggestions"]  # the bars as an analyst meets them
    assert all(0 <= bars[k] <= 1 for k in ("claims_covered", "claim_suggestions_unused", "first_speaker_right"))
    assert 0 < bars["quotes_exact"]["f1"] <= 1
    (covered,) = rows(out, r"reference claims a claim suggestion covers at least half of: (\d+)/(\d+) =")
    assert int(covered[0]) <= int(covered[1]) == 59  # the seed reference's claims, counted


def check_actors(out: str) -> None:
    (made,) = rows(out, rf"corpus and store: ({NUMBER}) articles, ({NUMBER}) actor spans, ({NUMBER}) attributed quotes")
    assert [num(x) for x in made] == [60, 360, 120]
    (cli,) = rows(out, rf"chipread actors: cold ({NUMBER}) s \(builds the indexes\), warm ({NUMBER}) s")
    (others,) = rows(out, rf"chipread actors --json: ({NUMBER}) s; chipread actors NAME \(.+\): ({NUMBER}) s")
    positive(*cli, *others)
    (first,) = rows(out, rf"actors screen, the first time .*: rows shown ({NUMBER}) ms, check done ({NUMBER}) ms")
    (again,) = rows(
        out, rf"actors screen again: rows shown ({NUMBER}) ms best, ({NUMBER}) ms median; check done ({NUMBER}) ms best"
    )
    positive(*first, *again)
    assert num(first[0]) <= num(first[1]) and num(again[0]) <= num(again[1])


def check_copies(out: str) -> None:
    assert rows(out, rf"seeds: 000~001 similarity ({NUMBER}), 001 shares ({NUMBER})%")
    sizes = rows(out, rf"(BBC scale|large): ({NUMBER}) articles, ({NUMBER}) planted copy pairs")
    assert [(name, num(n)) for name, n, _ in sizes] == [("BBC scale", 150), ("large", 400)]
    recalls = rows(out, rf"recall ({NUMBER}) \(({NUMBER})/({NUMBER})\); false pairs ({NUMBER}); missed ({NUMBER})")
    assert len(recalls) == 2
    for recall, found, planted, false, missed in recalls:
        assert 0 <= num(recall) <= 1 and num(found) + num(missed) == num(planted) and num(false) >= 0
    (naive,) = rows(out, rf"naive all-pairs on ({NUMBER}) articles \(({NUMBER}) pairs\): ({NUMBER}) s")
    assert num(naive[0]) == 150 and num(naive[1]) == 150 * 149 // 2
    positive(*(t for (t,) in rows(out, rf"LSH ({NUMBER}) s")))


def check_keys(out: str) -> None:
    import json

    figures = json.loads(out.strip().splitlines()[-1])  # the script's last line is one JSON object
    # Keys are counted, not timed: the replay must rebuild the small reference exactly, span for span.
    assert figures["exact"] is True
    assert figures["spans"] == figures["spans_reproduced"] == 20
    assert figures["links"] == figures["links_reproduced"] == 10
    assert 0 < figures["keys_per_span"] <= 10 and 0 < figures["keys_per_link"] <= 10


RUNS: dict[str, tuple[list[str], Callable[[str], None]]] = {
    "bench_store.py": (["--sizes", "100,300", "--reps", "5"], check_store),
    "bench_corpus.py": (["--articles", "60"], check_corpus),
    "bench_export.py": (["--articles", "40", "--small", "20", "--spans", "3", "--runs", "1"], check_export),
    "bench_ner.py": (["--repeat", "1", "--model", "none-installed"], check_ner),
    "eval_ner.py": (["--model", "none-installed"], check_eval),
    "bench_reader.py": (["--chars", "5000", "--spans", "40", "--moves", "4"], check_reader),
    "bench_library.py": (["--articles", "200"], check_library),
    "bench_page_parsers.py": (["--repeat", "2"], check_page_parsers),
    "bench_team.py": (["--articles", "10", "--agree-articles", "5"], check_team),
    "bench_import.py": (["--records", "20", "--chars", "400", "--spans", "3"], check_import),
    "eval_attribution.py": ([str(REPO / "benchmarks" / "data" / "seeds.reference.jsonl")], check_attribution),
    "bench_actors.py": (["--articles", "60", "--spans", "6", "--statements", "2"], check_actors),
    "bench_copies.py": (["--articles", "400", "--bbc", "150", "--baseline", "150"], check_copies),
    "bench_keys.py": ([str(REPO / "tests" / "data" / "keys_reference.jsonl")], check_keys),
}


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(RUNS))
def test_benchmark_runs_and_prints_its_figures(script, tmp_path):
    args, check = RUNS[script]
    env = {**os.environ, "CHIPREAD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    check(out.stdout)


NOT_RUN = {
    "memory.py": "a helper the benchmarks import",
    "keyplan.py": "a helper: the key plans bench_keys searches",
    "synthetic.py": "a helper: the synthetic news bench_actors and bench_copies generate",
    "attribution_data.py": "a helper the attribution scripts import",
    "train_attribution.py": "retrains the shipped models from PolNeAR (minutes); eval_attribution.py scores them",
}


def test_every_benchmark_is_covered():
    scripts = {p.name for p in (REPO / "benchmarks").glob("*.py")}
    assert scripts == set(RUNS) | set(NOT_RUN)


def test_the_figure_checks_reject_a_benchmark_that_prints_no_figures():
    # A check that passed on any output would be no check: each one fails on a line of digits.
    for script, (_, check) in RUNS.items():
        try:
            check("1 2 3 4 5\n")
        except (AssertionError, ValueError):
            continue
        pytest.fail(f"{script}'s check passed on output with no figures")

"""`chipread agree` on stores made by real sessions, each figure checked against scikit-learn and `krippendorff`."""

from __future__ import annotations

import json
import os
import subprocess
from itertools import combinations
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from chipread.nlp.tokenizer import tokenize
from chipread.store import AnnotationStore
from chipread.team.review import library_progress
from chipread.workspace import Workspace
from tests.cli.conftest import CLI, assert_one_line_error, chipread_executable
from tests.team.conftest import annotate, articles

WORK = {
    "ana": {
        "a_vote": [
            ("Mayor Lena Ortiz", "actor"),
            ("a turning point for the harbour", "quote"),
            ("the plan would raise rents", "claim"),
        ],
        "b_trains": [
            ("Rail operator Norline", "actor"),
            ("services would resume on Friday", "claim"),
            ("Tom Berg", "actor"),
        ],
    },
    "bo": {
        "a_vote": [("Lena Ortiz", "actor"), ("a turning point for the harbour", "quote"), ("Opponents", "actor")],
        "b_trains": [("Norline", "actor"), ("services would resume on Friday", "claim"), ("We are ready", "quote")],
        "c_quiet": [("Nothing much happened in the town this week", "claim")],
    },
    "cy": {
        "a_vote": [("Mayor Lena Ortiz", "actor"), ('"a turning point for the harbour"', "quote")],
        "c_quiet": [],  # marked done with nothing in it: an answer too
    },
}
LINKS = {
    ("ana", "a_vote"): [("a turning point for the harbour", "Mayor Lena Ortiz")],
    ("bo", "a_vote"): [("a turning point for the harbour", "Lena Ortiz")],
    ("cy", "a_vote"): [('"a turning point for the harbour"', "Mayor Lena Ortiz")],
    ("ana", "b_trains"): [("services would resume on Friday", "Rail operator Norline")],
    ("bo", "b_trains"): [("services would resume on Friday", "Norline")],
}


@pytest.fixture
def team_cli(tmp_path: Path, corpus: Path) -> CLI:
    cli = CLI(cwd=tmp_path, corpus=corpus, db=tmp_path / "annotations")
    arts = articles(corpus)
    for who, per_article in WORK.items():
        for handle, spans in per_article.items():
            annotate(cli.db, arts[handle], who, spans, LINKS.get((who, handle), ()), status="done")
    # The adjudicator's store is not an annotator: left out unless asked for.
    annotate(cli.db, arts["a_vote"], "gold", [("Mayor Lena Ortiz", "actor")], status="done")
    return cli


def independent(db: Path, corpus: Path, names: list[str]) -> dict:
    """The figures computed here from the stored spans, with the libraries and nothing of chipread.team."""
    return _independent(db, {a.id: a.text for a in articles(corpus).values()}, names, ["actor", "quote", "claim"])


def test_agree_json_equals_the_independent_computation(team_cli, corpus):
    result = team_cli("agree", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["annotators"] == ["ana", "bo", "cy"]  # gold left out
    assert report["articles"] == 3
    expected = independent(team_cli.db, corpus, ["ana", "bo", "cy"])
    checked = 0
    for pair in report["pairs"]:
        for key, scores in [("overall", pair["overall"]), *pair["labels"].items()]:
            exact, kappa = expected["pairs"][(pair["a"], pair["b"], key)]
            assert scores["exact_f1"] == pytest.approx(exact, abs=5e-4)
            if np.isnan(kappa):
                assert scores["kappa"] is None
            else:
                assert scores["kappa"] == pytest.approx(kappa, abs=5e-4)
            checked += 1
    assert checked == 3 * 4
    assert report["average"]["overall"]["alpha"] == pytest.approx(expected["alpha"]["overall"], abs=5e-4)
    for label in ("actor", "quote", "claim"):
        assert report["average"]["labels"][label]["alpha"] == pytest.approx(expected["alpha"][label], abs=5e-4)


def test_relations_and_overlap_and_per_article_rows(team_cli):
    report = json.loads(team_cli("agree", "--json").out)
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    # ana and bo link the same quote to overlapping actor spans ("Mayor Lena Ortiz" / "Lena Ortiz"):
    # no exact relation in common, both by overlap (and the same holds for the Norline claim).
    assert pairs[("ana", "bo")]["relations"] == {"exact_f1": 0.0, "overlap_f1": 1.0}
    # ana and cy: the same actor, the quote with and without its marks.
    assert pairs[("ana", "cy")]["relations"] == {"exact_f1": 0.0, "overlap_f1": 1.0}
    assert pairs[("ana", "bo")]["labels"]["actor"]["overlap_f1"] == pytest.approx(2 * 2 / 3 * 2 / 3 / (4 / 3))
    rows = {r["handle"]: r for r in report["per_article"]}
    assert set(rows) == {"a_vote", "b_trains", "c_quiet"}
    assert rows["a_vote"]["annotators"] == ["ana", "bo", "cy"]
    assert rows["c_quiet"]["annotators"] == ["bo", "cy"]
    assert rows["c_quiet"]["exact_f1"] == 0.0  # bo found a claim, cy found nothing


def test_human_report_and_annotator_choice(team_cli):
    result = team_cli("agree", "--annotator", "gold", "--annotator", "ana")
    assert result.code == 0, result.err
    assert "2 annotators, 1 articles annotated by two or more" in result.out
    assert "gold · ana" in result.out
    result = team_cli("agree")
    assert "ana · bo" in result.out and "least agreement first" in result.out
    assert_one_line_error(team_cli("agree", "--annotator", "nobody"), "no annotator 'nobody'")
    assert_one_line_error(team_cli("agree", "--with", str(team_cli.cwd / "nowhere")), "is not a chipread store")


def test_nothing_to_compare_says_so(tmp_path, corpus):
    cli = CLI(cwd=tmp_path, corpus=corpus, db=tmp_path / "annotations")
    annotate(cli.db, articles(corpus)["a_vote"], "ana", [("Opponents", "actor")])
    result = cli("agree")
    assert result.code == 0 and "no article was annotated by two or more" in result.out


def test_another_store_with_the_same_name_warns(team_cli, corpus, tmp_path):
    other = tmp_path / "elsewhere"
    # Another "ana" who annotated a_vote independently: no span id in common.
    annotate(other, articles(corpus)["a_vote"], "ana", [("Opponents", "actor")], status="done")
    result = team_cli("agree", "--with", str(other), "--json")
    assert result.code == 0, result.err
    assert "'ana'" in result.err and "independently" in result.err and "--rename ana=" in result.err
    report = json.loads(result.out)
    assert f"ana@{other}" in report["annotators"]  # kept apart, not mixed with this store's ana


POLNEAR = Path(os.environ.get("CHIPREAD_POLNEAR", "/work/shared/polnear")) / "annotator-training"


def brat_import_available() -> bool:
    from chipread.export import IMPORTERS

    return "brat" in IMPORTERS


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR (../shared/polnear) is not on this machine")
@pytest.mark.skipif(
    not brat_import_available(), reason="brat import (chipread import DIR --format brat) has not landed"
)
def test_polnear_annotator_training_equals_the_libraries(tmp_path):
    """Six annotators on four texts: agree's figures equal scikit-learn's and krippendorff's to the third decimal."""

    corpus = POLNEAR / "text"
    cli = CLI(cwd=tmp_path, corpus=corpus, db=tmp_path / "annotations")
    imported = subprocess.run(
        [
            *chipread_executable(),
            "--corpus",
            str(corpus),
            "--db",
            str(cli.db),
            "import",
            str(POLNEAR),
            "--format",
            "brat",
            "--map",
            "attribution",  # PolNeAR's Source/Content/Attribution as actor, quote or claim, attributed_to
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert imported.returncode == 0, imported.stderr
    result = cli("agree", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    names = report["annotators"]
    assert len(names) == 6 and report["articles"] == 4
    labels = report["labels"]
    expected = independent_labels(cli.db, corpus, names, labels)
    for pair in report["pairs"]:
        for key, scores in [("overall", pair["overall"]), *pair["labels"].items()]:
            exact, kappa = expected["pairs"][(pair["a"], pair["b"], key)]
            assert scores["exact_f1"] == (None if exact is None else pytest.approx(exact, abs=5e-4))
            assert scores["kappa"] == (None if np.isnan(kappa) else pytest.approx(kappa, abs=5e-4))
    for key, value in expected["alpha"].items():
        got = report["average"]["overall" if key == "overall" else "labels"]
        got = got["alpha"] if key == "overall" else got[key]["alpha"]
        assert got == pytest.approx(value, abs=5e-4)


def independent_labels(db: Path, corpus: Path, names: list[str], labels: list[str]) -> dict:
    """As independent(), over the corpus and the articles the import added to the store (texts not in the corpus)."""
    from chipread.workspace import Workspace

    with Workspace.open(corpus, db=db, annotator="reader", write=False, use_cache=False) as ws:
        texts = {info.id: ws.get(info.id).text for info in ws.infos()}
    return _independent(db, texts, names, labels)


def _independent(db: Path, texts: dict[str, str], names: list[str], labels: list[str]) -> dict:
    store = AnnotationStore(db, readonly=True)
    work: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
    for name in names:
        for _, meta, ann in store.iter_files(name):
            if meta["article_id"] in texts and (ann.status == "done" or ann.spans):
                work.setdefault(meta["article_id"], {})[name] = [
                    (s.start, s.end, s.label) for s in ann.spans if not s.flag
                ]
    shared = {a: w for a, w in work.items() if len(w) >= 2}
    toks = {a: tokenize(texts[a]) for a in shared}

    def cats(article_id: str, spans: list, label: str | None) -> list[str]:
        out = []
        for tok in toks[article_id]:
            found = sorted({lab for s, e, lab in spans if s < tok.end and tok.start < e and label in (None, lab)})
            out.append("+".join(found) if found else "O")
        return out

    figures: dict = {"pairs": {}, "alpha": {}}
    for label in (None, *labels):
        key = label or "overall"
        for a, b in combinations(names, 2):
            arts = [x for x in shared if a in shared[x] and b in shared[x]]
            ca = [c for x in arts for c in cats(x, shared[x][a], label)]
            cb = [c for x in arts for c in cats(x, shared[x][b], label)]
            ea = {(x, *s) for x in arts for s in shared[x][a] if label in (None, s[2])}
            eb = {(x, *s) for x in arts for s in shared[x][b] if label in (None, s[2])}
            if arts:
                exact = 2 * len(ea & eb) / (len(ea) + len(eb)) if ea or eb else None
                figures["pairs"][(a, b, key)] = (exact, cohen_kappa_score(ca, cb))
        values = sorted({c for x in shared for n in shared[x] for c in cats(x, shared[x][n], label)})
        index = {v: i for i, v in enumerate(values)}
        columns = []
        for x in shared:
            per = {n: cats(x, shared[x][n], label) for n in shared[x]}
            for i in range(len(toks[x])):
                columns.append([index[per[n][i]] if n in per else np.nan for n in names])
        figures["alpha"][key] = krippendorff.alpha(
            reliability_data=np.array(columns, dtype=float).T, level_of_measurement="nominal"
        )
    return figures


def test_work_on_an_article_whose_text_changed_is_still_compared_and_reviewed(team_cli, corpus):
    edited = corpus / "a_vote.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("on Tuesday.", "on Tuesday evening."), encoding="utf-8"
    )
    report = json.loads(team_cli("agree", "--json").out)
    rows = {r["handle"]: r for r in report["per_article"]}
    assert rows["a_vote"]["annotators"] == ["ana", "bo", "cy"]
    ws = Workspace.open(corpus, db=team_cli.db, annotator="gold")
    new_id = articles(corpus)["a_vote"].id
    progress = library_progress(ws, "gold")
    assert progress[new_id].annotators == 3 and progress[new_id].disagreements > 0

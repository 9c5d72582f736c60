"""`chipread merge`: new annotators added, one annotator's work unioned by id, conflicts kept apart, all or nothing."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from chipread.actors.model import ActorRecord
from chipread.actors.registry import ActorRegistry
from chipread.errors import ChipreadError, StoreLocked
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore, journal
from chipread.team.adjudicate import Decisions
from chipread.team.merge import merge_stores
from tests.cli.conftest import CLI, assert_one_line_error
from tests.team.conftest import annotate, articles, locate


def spans(db: Path, article_id: str, who: str) -> dict[str, tuple[int, int, str]]:
    store = AnnotationStore(db, readonly=True)
    try:
        return {s.id: (s.start, s.end, s.label) for s in store.load(article_id, who).spans}
    finally:
        store.close()


def copy_store(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lock"))
    return dst


@pytest.fixture
def two(tmp_path: Path, corpus: Path):
    """Here: ana on a_vote. There: a copy of it (one shared history) that went on separately."""
    arts = articles(corpus)
    here = tmp_path / "here"
    annotate(here, arts["a_vote"], "ana", [("Mayor Lena Ortiz", "actor"), ("Opponents", "actor")], status="in_progress")
    there = copy_store(here, tmp_path / "there")
    return here, there, arts


def session(db: Path, article, who: str) -> tuple[AnnotationStore, AnnotationSession]:
    store = AnnotationStore(db)
    assert store.claim(who)
    return store, AnnotationSession(store, article, who)


def test_new_annotator_is_added_and_the_same_one_is_unioned_by_id(two, tmp_path):
    here, there, arts = two
    vote = arts["a_vote"]
    annotate(there, vote, "ana", [("the plan would raise rents", "claim")])  # ana on her laptop
    annotate(there, arts["b_trains"], "ana", [("Norline", "actor")])
    annotate(there, vote, "bo", [("The port authority", "actor")], status="done")
    annotate(here, vote, "ana", [("Tuesday", "actor")])  # ana here, meanwhile
    before = spans(here, vote.id, "ana")
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there])
    assert report.new_annotators == ["bo"] and not report.conflicts and not report.warnings
    merged = spans(here, vote.id, "ana")
    assert set(before) < set(merged)
    assert {(vote.text[s:e], lab) for s, e, lab in merged.values()} == {
        ("Mayor Lena Ortiz", "actor"),
        ("Opponents", "actor"),
        ("Tuesday", "actor"),
        ("the plan would raise rents", "claim"),
    }
    assert spans(here, vote.id, "bo") == spans(there, vote.id, "bo")
    assert spans(here, arts["b_trains"].id, "ana") == spans(there, arts["b_trains"].id, "ana")
    # Once more: nothing new, nothing written.
    with AnnotationStore(here) as store:
        again = merge_stores(store, [there])
    assert (again.spans, again.files_added, again.files_changed) == (0, 0, 0)
    # The merge is one undo step of that article: u in the reader takes it back whole.
    store, s = session(here, vote, "ana")
    assert s.next_undo().startswith("merge 1 span from")
    s.undo()
    assert set(spans(here, vote.id, "ana")) == set(before)
    store.close()


def test_conflicting_edits_are_kept_apart_never_overwritten(two):
    here, there, arts = two
    vote = arts["a_vote"]
    ortiz = next(i for i, (s, e, _) in spans(here, vote.id, "ana").items() if vote.text[s:e] == "Mayor Lena Ortiz")
    opponents = next(i for i in spans(here, vote.id, "ana") if i != ortiz)
    store, s = session(there, vote, "ana")
    s.relabel(ortiz, "quote")  # edited there...
    s.set_status("done")
    store.close()
    store, s = session(here, vote, "ana")
    start, end = locate(vote.text, "Lena Ortiz")
    s.resize(ortiz, start, end)  # ...and differently here
    s.delete_span(opponents)  # deleted here, still there
    store.close()
    kept_here = spans(here, vote.id, "ana")
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there])
    assert spans(here, vote.id, "ana") == kept_here  # nothing overwritten, nothing resurrected
    whys = sorted((c.record, c.why) for c in report.conflicts)
    assert whys == [
        ("span", "edited differently on each side"),
        ("span", "was deleted here"),
        ("status", "is in_progress here"),
    ]
    saved = json.loads(report.conflicts_file.read_text(encoding="utf-8"))
    edited = next(c for c in saved["conflicts"] if c["why"] == "edited differently on each side")
    assert (edited["here"]["label"], edited["there"]["label"]) == ("actor", "quote")
    assert edited["here"]["text"] == "Lena Ortiz" and edited["there"]["text"] == "Mayor Lena Ortiz"
    # The conflicts folder is not an annotator.
    assert AnnotationStore(here, readonly=True).annotators() == ["ana"]
    # The same merge again: the same conflicts, recorded already, are not written a second time.
    with AnnotationStore(here) as store:
        again = merge_stores(store, [there])
    assert len(again.conflicts) == 3 and again.recorded == 3 and again.conflicts_file is None
    assert "3 conflicts kept apart (3 recorded by an earlier merge)" in again.summary()
    assert [p.name for p in report.conflicts_file.parent.iterdir()] == [report.conflicts_file.name]


def test_one_name_two_people_is_refused_unless_renamed_or_unioned(tmp_path, corpus):
    arts = articles(corpus)
    here, there = tmp_path / "here", tmp_path / "there"
    annotate(here, arts["a_vote"], "ana", [("Opponents", "actor")])
    annotate(there, arts["a_vote"], "ana", [("Mayor Lena Ortiz", "actor")])  # another "ana", independently
    before = spans(here, arts["a_vote"].id, "ana")
    with AnnotationStore(here) as store, pytest.raises(ChipreadError, match="two people under one name"):
        merge_stores(store, [there])
    assert spans(here, arts["a_vote"].id, "ana") == before
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there], rename={"ana": "ana2"})
    assert report.new_annotators == ["ana2"]
    assert list(spans(here, arts["a_vote"].id, "ana2").values()) == list(
        spans(there, arts["a_vote"].id, "ana").values()
    )
    stored = AnnotationStore(here, readonly=True).load(arts["a_vote"].id, "ana2")
    assert {s.annotator for s in stored.spans} == {"ana2"}
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there], union=True)
    assert report.warnings and len(spans(here, arts["a_vote"].id, "ana")) == 2


def test_a_locked_annotator_stops_the_merge_before_anything_is_written(two):
    here, there, arts = two
    annotate(there, arts["a_vote"], "bo", [("Opponents", "actor")])
    annotate(there, arts["a_vote"], "ana", [("Tuesday", "actor")])
    holder = AnnotationStore(here)
    assert holder.claim("ana")  # ana's chipread is open here
    try:
        with AnnotationStore(here) as store, pytest.raises(StoreLocked):
            merge_stores(store, [there])
    finally:
        holder.close()
    assert AnnotationStore(here, readonly=True).annotators() == ["ana"]
    assert not (here / journal.PENDING).exists()


def test_a_committed_journal_is_finished_by_the_next_writer_and_an_uncommitted_one_dropped(two):
    here, there, arts = two
    vote = arts["a_vote"]
    annotate(there, vote, "ana", [("Tuesday", "actor")])
    target = here / "ana" / f"{vote.id}.json"
    new = (there / "ana" / f"{vote.id}.json").read_bytes()
    old = target.read_bytes()
    with journal.Journal(here) as j:
        j.stage(f"ana/{vote.id}.json", new)
    # Killed before committing: the next writer throws the stage away.
    with AnnotationStore(here) as store:
        assert store.claim("ana")
    assert target.read_bytes() == old and not (here / journal.PENDING).exists()
    with journal.Journal(here) as j:
        j.stage(f"ana/{vote.id}.json", new)
        j.commit()
    assert target.read_bytes() == old  # committed, not applied yet: the file is still whole
    assert journal.annotators_of(here) == {"ana"}
    with AnnotationStore(here) as store:
        assert store.claim("ana")  # the next writer for ana finishes it first
    assert target.read_bytes() == new and not (here / journal.PENDING).exists()


def test_cli_merge_reports_and_bad_input_is_one_line(two, tmp_path, corpus):
    here, there, arts = two
    annotate(there, arts["a_vote"], "bo", [("Opponents", "actor")], status="done")
    cli = CLI(cwd=tmp_path, corpus=corpus, db=here)
    dry = cli("merge", str(there), "--dry-run")
    assert dry.code == 0, dry.err
    assert "would merge 1 span and 0 relations" in dry.out and "new annotators: bo" in dry.out
    assert AnnotationStore(here, readonly=True).annotators() == ["ana"]
    done = cli("merge", str(there / "bo"))  # an annotator's folder on its own works too
    assert done.code == 0, done.err
    assert "merged 1 span and 0 relations" in done.out and "; 1 status" in done.out and "statuses" not in done.out
    assert AnnotationStore(here, readonly=True).annotators() == ["ana", "bo"]
    assert_one_line_error(cli("merge", str(tmp_path / "nowhere")), "is not a chipread store")
    assert_one_line_error(cli("merge", str(there), "--rename", "ana"), "--rename takes OLD=NEW")
    assert_one_line_error(cli("merge", str(here)), "is this store")


def test_merged_work_brings_the_text_it_was_made_on_so_it_exports_after_the_article_changed(tmp_path, corpus):
    arts = articles(corpus)
    there, here = tmp_path / "there", tmp_path / "here"
    annotate(
        there, arts["a_vote"], "carol", [("Mayor Lena Ortiz", "actor"), ("Opponents", "actor"), ("Tuesday", "actor")]
    )
    edited = corpus / "a_vote.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("on Tuesday.", "on Tuesday evening."), encoding="utf-8"
    )
    cli = CLI(cwd=tmp_path, corpus=corpus, db=here)
    merged = cli("merge", str(there))
    assert merged.code == 0, merged.err
    assert sorted(p.name for p in (here / "_texts").iterdir()) == sorted(p.name for p in (there / "_texts").iterdir())
    out = cli("export", "--format", "jsonl")
    assert out.code == 0, out.err
    assert "left out" not in out.err
    [record] = [json.loads(line) for line in out.out.splitlines()]
    assert sorted(record["text"][s["start"] : s["end"]] for s in record["spans"]) == [
        "Mayor Lena Ortiz",
        "Opponents",
        "Tuesday",
    ]


def test_a_span_edited_on_one_side_only_takes_the_edit_and_is_no_conflict(two):
    here, there, arts = two
    vote = arts["a_vote"]
    ortiz = next(i for i, (s, e, _) in spans(here, vote.id, "ana").items() if vote.text[s:e] == "Mayor Lena Ortiz")
    opponents = next(i for i in spans(here, vote.id, "ana") if i != ortiz)
    store, s = session(there, vote, "ana")
    s.resize(ortiz, *locate(vote.text, "Lena Ortiz"))  # edited there only
    store.close()
    store, s = session(here, vote, "ana")
    s.relabel(opponents, "claim")  # another span edited here only
    store.close()
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there])
    assert not report.conflicts and report.conflicts_file is None
    assert report.spans == 1 and report.files_changed == 1
    merged = spans(here, vote.id, "ana")
    assert merged[ortiz] == (*locate(vote.text, "Lena Ortiz"), "actor")  # theirs: only they changed it
    assert merged[opponents][2] == "claim"  # ours: only we changed it
    # The other way round, the same: each side's own edit wins over the unchanged copy.
    with AnnotationStore(there) as store:
        back = merge_stores(store, [here])
    assert not back.conflicts and spans(there, vote.id, "ana") == merged


def registry_edit(
    db: Path, who: str, *records: ActorRecord, date_of: str | None = None, rejected: tuple[str, str] | None = None
) -> None:
    with AnnotationStore(db) as store:
        assert store.claim(who)
        registry = ActorRegistry(store, who)
        try:
            if records:
                registry.import_records(records, "test")
            if date_of:
                registry.set_date(date_of, date(2023, 7, 3))
        finally:
            registry.close()
    if rejected:
        Decisions(db, who).add(*rejected)


def test_actor_decisions_and_adjudication_decisions_are_merged_too(two):
    here, there, arts = two
    vote = arts["a_vote"].id
    qin = ActorRecord(
        "a-qin", "Qin Gang", "person", ("qin gang",), (), "2023-07-01T00:00:00+00:00", "2023-07-01T00:00:00+00:00"
    )
    registry_edit(here, "ana", qin)
    shutil.rmtree(there)
    copy_store(here, there)
    registry_edit(
        there, "ana", replace(qin, name="Foreign Minister Qin Gang"), date_of=vote, rejected=(vote, "k-there")
    )
    registry_edit(here, "ana", rejected=(vote, "k-here"))
    annotate(there, arts["b_trains"], "bo", [("Norline", "actor")])
    registry_edit(there, "bo", ActorRecord("a-norline", "Norline", "org", ("norline",)))
    with AnnotationStore(here) as store:
        report = merge_stores(store, [there])
    assert not report.conflicts, [c.line() for c in report.conflicts]
    with AnnotationStore(here, readonly=True) as store:
        ana, bo = ActorRegistry(store, "ana"), ActorRegistry(store, "bo")
        assert ana.records()["a-qin"].name == "Foreign Minister Qin Gang"  # renamed there only: taken
        assert ana.dates() == {vote: date(2023, 7, 3)}
        assert [r.name for r in bo.records().values()] == ["Norline"]  # a new annotator's registry is copied
        ana.close(), bo.close()
    assert Decisions(here, "ana").rejected(vote) == {"k-here", "k-there"}
    assert "3 actor decisions" in report.summary() and "1 adjudication decision" in report.summary()
    # Renamed differently on each side: kept apart, here's name stays.
    registry_edit(here, "ana", replace(qin, name="Qin"))
    registry_edit(there, "ana", replace(qin, name="Mr Qin"))
    with AnnotationStore(here) as store:
        clash = merge_stores(store, [there])
    assert [(c.record, c.why, c.there["name"]) for c in clash.conflicts] == [
        ("actor", "edited differently on each side", "Mr Qin")
    ]
    with AnnotationStore(here, readonly=True) as store:
        assert ActorRegistry(store, "ana").records()["a-qin"].name == "Qin"

"""Projecting a copy's annotations: 000's spans onto 001 wherever 001 still has their text, one undo step."""

from __future__ import annotations

from chipread.actors.project import Aligner, plan, project, projection_report
from chipread.store import AnnotationStore
from tests.actors.conftest import annotate_000, handle_id


def stored_spans(db, article_id):
    store = AnnotationStore(db, readonly=True)
    try:
        return store.load(article_id, "ana")
    finally:
        store.close()


def test_every_span_whose_text_001_still_contains_is_reproduced_in_one_undo_step(ws, tmp_path):
    source = annotate_000(ws)
    target = ws.session(handle_id(ws, "001"))
    text = target.article.text
    result = project(target, source.article, source.annotations)

    expected = {(s.label, s.text) for s in source.spans if s.text in text}
    on_disk = stored_spans(tmp_path / "db", target.article.id)
    assert {(s.label, s.text) for s in on_disk.spans} == expected
    assert all(text[s.start : s.end] == s.text for s in on_disk.spans)
    assert {s.text for s in result.missing} == {s.text for s in source.spans if s.text not in text}
    assert result.added == len(expected) and result.missing
    # Links whose two spans both came over came too: Japan's claim, the ministry's quote.
    by_id = {s.id: s for s in on_disk.spans}
    links = {(by_id[r.head].text[:20], by_id[r.child].text) for r in on_disk.relations}
    assert ("it is fulfilling its", "Japan") in links
    assert ("is willing to work w", "the Chinese commerce ministry") in links

    assert target.undo().startswith("project ")
    assert stored_spans(tmp_path / "db", target.article.id).spans == ()


def test_spans_land_at_the_occurrence_nearest_their_aligned_place(ws):
    source = annotate_000(ws)
    target = ws.get(handle_id(ws, "001"))
    placed = {p.span.text: p for p in plan(source.article, source.annotations, target).placed}
    # 001 has "Nishimura" in three places; 000's lone one (meeting Raimondo) lands on 001's lone one, not
    # on the first, inside "Yasutoshi Nishimura".
    nishimura = placed["Nishimura"]
    assert target.text[nishimura.start - 8 : nishimura.end + 9] == "summit, Nishimura met with"
    assert nishimura.offset <= 80


def test_the_report_lists_what_stayed_behind(ws):
    source = annotate_000(ws)
    target = ws.session(handle_id(ws, "001"))
    lines = projection_report(project(target, source.article, source.annotations))
    assert any("Not found in this article" in line for line in lines)
    assert any("China has called on Japan" in line for line in lines)


def test_projecting_twice_adds_nothing_the_second_time(ws):
    source = annotate_000(ws)
    target = ws.session(handle_id(ws, "001"))
    first = project(target, source.article, source.annotations)
    second = project(target, source.article, source.annotations)
    assert first.added > 0 and second.added == 0 and second.already == first.added
    assert target.undo().startswith("project ")  # the second projection wrote no step


def test_the_aligner_maps_through_matching_words_and_between_them():
    aligner = Aligner("alpha beta gamma delta", "intro words alpha beta GAMMA delta")
    assert aligner.map(6) == "intro words alpha beta GAMMA delta".index("beta")
    assert Aligner("", "x").map(0) == 0


def test_projected_links_keep_their_relation_label(ws, tmp_path):
    source = annotate_000(ws)
    japan = next(s for s in source.spans if s.text == "Japan")
    claim = next(s for s in source.spans if s.text.startswith("it is fulfilling its"))
    old = next(r for r in source.relations if (r.head, r.child) == (claim.id, japan.id))
    source.delete_relation(old.id)
    source.add_relation(claim.id, japan.id, "denied_by")
    target = ws.session(handle_id(ws, "001"))
    project(target, source.article, source.annotations)
    on_disk = stored_spans(tmp_path / "db", target.article.id)
    by_id = {s.id: s for s in on_disk.spans}
    labels = {(by_id[r.head].text[:20], by_id[r.child].text): r.label for r in on_disk.relations}
    assert labels[("it is fulfilling its", "Japan")] == "denied_by"
    assert labels[("is willing to work w", "the Chinese commerce ministry")] == "attributed_to"

"""A deterministic annotated store over a copy of the seeds: overlaps, relations, two annotators, a flagged span."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from chipread.model import Article, Span, text_hash
from chipread.session import AnnotationSession
from chipread.store import Change, file_meta
from chipread.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden"
CLOCK = "2024-05-01T12:00:00+00:00"

# An extra article with markup, an astral character, a formula-like opening and paragraphs.
MARKUP_ARTICLE = (
    "Markup [bold]test[/bold] & <b>tags</b> \U0001f680 in the wire\n\n"
    '=HYPERLINK("http://evil.example") was posted, said the spokesperson Ana M\u00fcller.\n\n'
    '"Prices will rise next quarter," M\u00fcller said.\n'
    'She added: "We are ready."\n\n'
    "-5% was the figure cited by the ministry \u2014 Ana M\u00fcller said so.\n"
)
IMPORTED_TEXT = "Imported wire\n\nThe minister said \u201cno comment\u201d today, according to Reuters."


@dataclass
class Fixture:
    corpus: Path
    db: Path

    def open(self, annotator: str = "tester", write: bool = False) -> Workspace:
        return Workspace.open(self.corpus, db=self.db, annotator=annotator, write=write)


def _at(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def build_store(corpus: Path, db: Path) -> Fixture:
    (corpus / "zz_markup.txt").write_text(MARKUP_ARTICLE, encoding="utf-8")
    counter = itertools.count(1)

    def make_id() -> str:
        return f"id{next(counter):04d}"

    def clock() -> str:
        return CLOCK

    ws = Workspace.open(corpus, db=db, annotator="alice", write=True)
    assert ws.store.claim("bob")
    by_handle = {info.handle: info for info in ws.infos()}

    def session(handle: str, who: str) -> AnnotationSession:
        return AnnotationSession(ws.store, ws.get(by_handle[handle].id), who, ws.labels, clock=clock, make_id=make_id)

    # alice, article 000: a claim with two actors inside it (overlaps), a quote, two relations; done.
    s = session("000_7cadae28442b5f00", "alice")
    t = s.article.text
    claim = s.add_span(*_at(t, "China has called on Japan to cease its export controls on semiconductors"), "claim")
    china = s.add_span(*_at(t, "China"), "actor")
    s.add_span(*_at(t, "Japan"), "actor")
    quote = s.add_span(*_at(t, '"wrongdoing"'), "quote")
    ministry = s.add_span(*_at(t, "commerce ministry"), "actor")
    s.add_relation(claim.id, china.id)
    s.add_relation(quote.id, ministry.id)
    s.set_status("done")

    # bob, article 000: the same claim, another actor, and (below) a span whose text is gone.
    s = session("000_7cadae28442b5f00", "bob")
    t = s.article.text
    bclaim = s.add_span(*_at(t, "China has called on Japan to cease its export controls on semiconductors"), "claim")
    wang = s.add_span(*_at(t, "Wang Wentao"), "actor")
    s.add_relation(bclaim.id, wang.id)
    article0 = s.article
    flagged = Span("id9001", article0.id, 10, 15, "quote", "Xyzzy", "bob", CLOCK, CLOCK)
    rel = {
        "id": "id9002",
        "article_id": article0.id,
        "head": "id9001",
        "child": wang.id,
        "label": "attributed_to",
        "annotator": "bob",
        "created": CLOCK,
    }
    ws.store.article_file(article0.id, "bob").apply(
        [Change("spans", flagged.id, None, flagged.to_dict()), Change("relations", "id9002", None, rel)],
        meta=file_meta(article0, "bob"),
        record=None,
    )

    # bob skipped article 001 without tagging anything.
    session("001_4dc570d53a34862c", "bob").set_status("skipped")

    # alice, article 002: curly quotes and apostrophes; in progress.
    s = session("002_6d134497452b6bb1", "alice")
    t = s.article.text
    q = s.add_span(*_at(t, "\u201cto become self-reliant\u201d"), "quote")
    qin = s.add_span(*_at(t, "Chinese Foreign Minister Qin Gang", 1), "actor")
    s.add_relation(q.id, qin.id)

    # alice, the markup article: a formula-like claim, a quote across a paragraph break, "-5%".
    s = session("zz_markup", "alice")
    t = s.article.text
    formula = s.add_span(*_at(t, '=HYPERLINK("http://evil.example") was posted'), "claim")
    ana = s.add_span(*_at(t, "Ana M\u00fcller"), "actor")
    s.add_relation(formula.id, ana.id)
    start = t.index('"Prices')
    across = s.add_span(start, t.index('ready."') + len('ready."'), "quote")
    muller = s.add_span(*_at(t, "M\u00fcller", 1), "actor")
    s.add_relation(across.id, muller.id)
    minus = s.add_span(*_at(t, "-5% was the figure cited by the ministry"), "claim")
    ana2 = s.add_span(*_at(t, "Ana M\u00fcller", 1), "actor")
    s.add_relation(minus.id, ana2.id)
    s.set_status("done")

    # An article that came with an import (in no corpus file), annotated by alice.
    imported = Article(
        id=text_hash(IMPORTED_TEXT),
        handle="wire-0001",
        path="wire-import.txt",
        title="Imported wire",
        text=IMPORTED_TEXT,
        source="Reuters",
    )
    ws.add_imported(imported)
    s = AnnotationSession(ws.store, imported, "alice", ws.labels, clock=clock, make_id=make_id)
    minister = s.add_span(*_at(IMPORTED_TEXT, "The minister"), "actor")
    nc = s.add_span(*_at(IMPORTED_TEXT, "\u201cno comment\u201d"), "quote")
    s.add_relation(nc.id, minister.id)
    s.set_status("done")
    ws.close()
    return Fixture(corpus, db)


@pytest.fixture
def store(tmp_path, seeds_copy) -> Fixture:
    return build_store(seeds_copy, tmp_path / "annotations")


def update_golden() -> bool:
    return os.environ.get("CHIPREAD_UPDATE_GOLDEN") == "1"


def check_golden(name: str, data: bytes) -> None:
    """Byte-exact comparison with tests/export/golden/<name>; CHIPREAD_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if update_golden():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {path}: run with CHIPREAD_UPDATE_GOLDEN=1 once and review it"
    expected = path.read_bytes()
    if data != expected:
        got_lines = data.decode("utf-8", "replace").splitlines()
        exp_lines = expected.decode("utf-8", "replace").splitlines()
        for i, (g, e) in enumerate(zip(got_lines, exp_lines), 1):
            if g != e:
                raise AssertionError(
                    f"{name} differs from its golden file at line {i}:\n got: {g[:300]}\nwant: {e[:300]}"
                )
        raise AssertionError(f"{name} differs from its golden file ({len(got_lines)} lines vs {len(exp_lines)})")

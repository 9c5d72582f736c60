"""End to end in tmux: a claim suggestion trimmed by a clause before it is tagged, the tagged claim resized and
linked to its subject inside it; the store checked after quitting."""

from __future__ import annotations

import os
import shutil

import pytest

from chipread.annotate import Reading
from chipread.nlp import analyse
from chipread.store import AnnotationStore
from chipread.workspace import Workspace
from tests.cli.conftest import chipread_executable
from tests.tui.test_e2e_tmux import Terminal, chipread_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_trim_a_claim_suggestion_resize_the_claim_and_link_it_to_the_subject_inside_it(seeds_copy, tmp_path):
    db = tmp_path / "db"
    ws = Workspace.open(seeds_copy, db=tmp_path / "scratch", write=False, use_cache=False)
    article = ws.get(next(info.id for info in ws.infos() if info.handle.startswith("000")))
    ws.close()
    text = article.text
    # The claim suggestion at the top runs past its first clause; the claim wanted ends at "semiconductors".
    reading = Reading(analyse(article), ws.labels)
    suggested = next(s for s in reading.stops if s.kind == "suggestion" and s.start == 0)
    want_end = text.index("semiconductors") + len("semiconductors")
    assert suggested.end > want_end
    assert reading.resize(suggested.start, suggested.end, "end", -1, "clause") == (0, want_end)
    words_to_japan = text[: text.index("Japan")].count(" ")  # w from the first word to "Japan"

    command = [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db)]
    term = Terminal(f"chipread-e2e-edit-{os.getpid()}", command, chipread_env(), (120, 36))
    try:
        term.wait_for("chipread · tester")
        term.keys("Enter")  # the newest article: "China has called on Japan ..."
        term.wait_for(" GPE  China")  # analysed
        term.keys("C")  # the claim suggestion at the top
        term.wait_for("claim suggestion")
        term.keys("C-Left", "c")  # its end back by a clause (ctrl+left), then tagged
        term.wait_for("to China?")  # the speaker offered: enter would take it, any other key declines it
        term.keys("r")
        term.wait_for("move to pick")
        term.keys("g", *["w"] * words_to_japan)  # the cursor (at the edge just moved) onto "Japan", inside the claim
        term.wait_for("to Japan  ⏎ accept")  # the prompt names exactly the mention enter takes
        term.keys("Enter")
        term.wait_for("linked claim to")
        term.keys("w", ">")  # on the claim again: it grows a word at its end...
        term.wait_for("saved ✓ claim")
        term.keys("<", "C-q")  # ...and gives it back (keys are handled in order: then quit)
        term.wait_for("CHIPREAD-EXITED-0")
    finally:
        term.close()

    store = AnnotationStore(db, readonly=True)
    try:
        saved = store.load(article.id, "tester")
    finally:
        store.close()
    by_id = {s.id: s for s in saved.spans}
    japan = text.index("Japan")
    assert sorted((s.label, s.start, s.end) for s in saved.spans) == [
        ("actor", japan, japan + 5),  # no stray actor: the mention inside the claim
        ("claim", 0, want_end),
    ]
    (rel,) = saved.relations
    assert (by_id[rel.head].label, by_id[rel.child].text, by_id[rel.child].start) == ("claim", "Japan", japan)

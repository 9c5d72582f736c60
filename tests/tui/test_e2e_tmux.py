"""End to end as a person would: the real `chipread` in tmux, keys sent, screen read, the store checked after quitting."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import time

import pytest

from chipread.store import AnnotationStore
from tests.cli.conftest import chipread_executable
from tests.tui.conftest import ANNOTATOR, stored

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Terminal:
    """One tmux session on a private server socket, so nothing else the user runs in tmux is touched."""

    def __init__(self, socket: str, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.base = ["tmux", "-L", socket]
        # COLUMNS/LINES from the test runner would override the pane's size inside Textual.
        line = " ".join(
            shlex.quote(p)
            for p in ["env", "-u", "COLUMNS", "-u", "LINES", *(f"{k}={v}" for k, v in env.items()), *command]
        )
        # `; sleep` keeps the pane (and what chipread printed last) readable after it exits.
        subprocess.run(
            [
                *self.base,
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                f"{line}; echo CHIPREAD-EXITED-$?; sleep 60",
            ],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", "e2e", key], check=True)
            time.sleep(0.15)

    def screen(self, colours: bool = False) -> str:
        """The pane's text; with `colours`, its escape sequences too (a highlight that moves changes only those)."""
        flags = ["-p", "-e"] if colours else ["-p"]
        return subprocess.run(
            [*self.base, "capture-pane", *flags, "-t", "e2e"], capture_output=True, text=True, check=False
        ).stdout

    def wait_for(self, needle: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if needle in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; the screen was:\n{self.screen()}")

    def wait_for_change(self, before: str, timeout: float = 60) -> str:
        """The screen once it differs from `before` and has settled (a key's effect drawn in full), however busy
        the machine: it counts screens, it does not trust a fixed delay."""
        deadline = time.monotonic() + timeout
        last = before
        while time.monotonic() < deadline:
            time.sleep(0.2)
            shown = self.screen(colours=True)
            if shown != before and shown == last:
                return self.screen()
            last = shown
        raise AssertionError(f"the screen never changed from:\n{before}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


def chipread_env() -> dict[str, str]:
    """What chipread is started with in tmux: the test's annotator, cache and data folders, a 256-colour TERM."""
    return {
        "CHIPREAD_ANNOTATOR": "tester",
        "CHIPREAD_CACHE_DIR": os.environ["CHIPREAD_CACHE_DIR"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }


def stored_after_quitting(db) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What the one article the tester annotated holds on disk: (label, text) of its spans, sorted, and its links."""
    store = AnnotationStore(db, readonly=True)
    try:
        (article_id,) = [meta["article_id"] for _, meta, _ in store.iter_files(ANNOTATOR)]
    finally:
        store.close()
    saved = stored(db, article_id)
    by_id = {s.id: s for s in saved.spans}
    spans = sorted((s.label, s.text) for s in saved.spans)
    return spans, [(by_id[r.head].text, by_id[r.child].text) for r in saved.relations]


def test_tag_an_actor_and_a_quote_link_them_quit_and_find_them_stored(seeds_copy, tmp_path):
    db = tmp_path / "db"
    env = chipread_env()
    command = [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db)]
    term = Terminal(f"chipread-e2e-{os.getpid()}", command, env, (120, 36))
    try:
        term.wait_for("chipread · tester")
        term.keys("Enter")  # the newest article: "China has called on Japan ..."
        term.wait_for("actor  a")
        term.wait_for(" GPE  China")  # analysis done: the cursor is on the first entity
        term.keys("a")  # China, the entity under the cursor, as actor
        term.wait_for("saved ✓ actor 'China'")
        for _ in range(8):  # tab to the next suggestion until it is the quote, one drawn stop at a time
            before = term.screen(colours=True)
            term.keys("Tab")
            if "quote suggestion" in term.wait_for_change(before):
                break
        term.wait_for("quote suggestion")
        term.keys("q")
        term.wait_for("saved ✓ quote")
        term.keys("r")
        term.wait_for("link quote")
        term.wait_for(" to China")
        term.keys("Enter")
        term.wait_for("saved ✓ linked quote to")
        term.keys("C-q")
        term.wait_for("CHIPREAD-EXITED-0")
    finally:
        term.close()

    spans, links = stored_after_quitting(db)
    assert spans == [("actor", "China"), ("quote", "wrongdoing")]
    assert links == [("wrongdoing", "China")]

    # And the export contract: the same annotations come out of `chipread export` as JSONL.
    out = subprocess.run(
        [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db), "export", "--format", "jsonl"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    (record,) = [r for r in records if r.get("spans")]
    spans = {(s["label"], record["text"][s["start"] : s["end"]]) for s in record["spans"]}
    assert spans == {("actor", "China"), ("quote", "wrongdoing")}
    (relation,) = record["relations"]
    assert (relation["head_span"]["label"], relation["child_span"]["label"]) == ("quote", "actor")
    assert record["annotator"] == "tester" and record["status"] == "in_progress"


def test_tab_to_a_quote_and_enter_takes_it_with_the_speaker_the_screen_named_also_once_trimmed(seeds_copy, tmp_path):
    db = tmp_path / "db"
    command = [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db)]
    term = Terminal(f"chipread-e2e-take-{os.getpid()}", command, chipread_env(), (120, 36))
    try:
        term.wait_for("chipread · tester")
        term.keys("Enter")  # the newest article
        term.wait_for(" GPE  China")  # analysed
        term.keys("Q")  # the first quote suggestion
        screen = term.wait_for("takes both")
        named = re.search(r"quote\? +said by (.+?) +⏎ takes both", screen)
        assert named is not None, screen
        term.keys("Enter")
        term.wait_for("saved ✓ quote")
        # The next quote, trimmed by its last word: the status line still names a speaker, and enter takes both.
        before = term.screen(colours=True)
        term.keys("Q")
        term.wait_for_change(before)
        screen = term.wait_for("takes both")
        before = term.screen(colours=True)
        term.keys("<")
        screen = term.wait_for_change(before)
        trimmed = re.search(r"quote\? +said by (.+?) +⏎ takes both", screen)
        assert trimmed is not None and "selection: 15" in screen, screen
        term.keys("Enter")
        term.wait_for("saved ✓ quote 'is willing")
        term.keys("C-q")
        term.wait_for("CHIPREAD-EXITED-0")
    finally:
        term.close()

    spans, links = stored_after_quitting(db)
    quote = (
        "is willing to work with Japan to promote practical cooperation in key economic and trade"  # "areas" left out
    )
    assert spans == sorted(
        {("actor", named.group(1)), ("actor", trimmed.group(1)), ("quote", "wrongdoing"), ("quote", quote)}
    )
    assert sorted(links) == sorted([("wrongdoing", named.group(1)), (quote, trimmed.group(1))])


def test_open_an_actors_timeline_and_jump_into_the_article_at_the_quote(seeds_copy, tmp_path):
    from tests.actors.conftest import annotate_qin, open_ws

    db = tmp_path / "db"
    ws = open_ws(seeds_copy, db, annotator="tester")
    annotate_qin(ws)  # "Chinese Foreign Minister Qin Gang", "Mr Qin" (002) and "Qin" (003), each quoted
    ws.close()
    env = {
        "CHIPREAD_ANNOTATOR": "tester",
        "CHIPREAD_CACHE_DIR": os.environ["CHIPREAD_CACHE_DIR"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    command = [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db)]
    term = Terminal(f"chipread-e2e-actors-{os.getpid()}", command, env, (120, 36))
    try:
        term.wait_for("chipread · tester")
        term.keys("@")
        term.wait_for("actors · tester")
        shown = term.wait_for("Qin Gang")  # the most quoted actor, first
        assert "proposed" in shown
        term.keys("Enter")
        term.wait_for("person · proposed · 3 statements")
        term.wait_for("The two sides should adhere")
        term.keys("Down", "Down", "Enter")  # the third statement: 003's quote
        term.wait_for("China has appealed to Japan to defend")
        term.wait_for("quote  by Qin")  # the cursor is on the quote, attributed to Qin
        term.keys("C-q")
        term.wait_for("CHIPREAD-EXITED-0")
    finally:
        term.close()

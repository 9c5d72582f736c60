"""The review screen: one article's disagreements, one at a time, each settled into the adjudicator's store by one key.

Thin: chipread.team.adjudicate decides what the items are and what accepting writes; this screen
draws the current item (its context and each annotator's version) and maps keys to those calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from chipread.errors import ChipreadError
from chipread.team import adjudicate as adj
from chipread.team.review import works
from chipread.tui.keys import REVIEW_KEYS, bindings
from chipread.tui.screens import ChipreadScreen
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from chipread.model import Article
    from chipread.session import AnnotationSession
    from chipread.workspace import Workspace

KINDS = {
    adj.AGREED: "agreed",
    adj.ONLY_SOME: "only some annotators tagged this",
    adj.LABEL: "conflicting label: the same text, different labels",
    adj.LINK: "conflicting link: the same span, attributed to different speakers",
    adj.EXTENT: "conflicting extent: overlapping spans that differ",
}
CONTEXT = 240  # characters of text shown around the item


class ReviewScreen(ChipreadScreen, Screen):
    BINDINGS = bindings(REVIEW_KEYS)

    def __init__(self, workspace: Workspace, article_id: str) -> None:
        super().__init__(name="review")
        self.ws = workspace
        self.article_id = article_id
        self.article: Article = workspace.get(article_id)
        self.items: list[adj.Item] = []
        self.works: dict = {}
        self.current = 0  # index into self.disagreements
        self.decisions = adj.Decisions(workspace.store.root, workspace.annotator)
        self.message = ""

    @property
    def session(self) -> AnnotationSession:
        return self.chipread.session(self.article_id)

    @property
    def disagreements(self) -> list[adj.Item]:
        return [it for it in self.items if it.disagreement]

    def compose(self) -> ComposeResult:
        if self.ws.readonly:
            yield ReadOnlyBanner(self.ws.readonly_reason)
        yield Static(Text(self.article.title or self.article.handle, style="bold"), id="review-title", markup=False)
        yield Static(id="review-meta", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(id="review-context", markup=False)
            yield Static(id="review-versions", markup=False)
            yield Static(id="review-items", markup=False)
        yield Static(id="review-status", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load(first=True)

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.items:
            self.load()  # back from editing in the reader: gold may have changed

    # -- state ----------------------------------------------------------------------------------

    def load(self, first: bool = False) -> None:
        self.works = works(self.ws, self.article, self.ws.annotator)
        self.items = adj.items(self.works)
        if first:
            session = self.session
            if not session.readonly and not session.spans and session.status == "todo":
                # A first look: what everyone agrees on goes into gold at once (one undo step).
                try:
                    taken = adj.accept_agreed(session, self.items)
                except ChipreadError as exc:
                    taken, self.message = 0, str(exc)
                if taken:
                    self.message = f"saved ✓ accepted {taken} agreed item(s); u undoes"
            rejected = self.decisions.rejected(self.article_id)
            gold = self.session.spans
            open_ = [i for i, it in enumerate(self.disagreements) if not adj.settled(it, gold, rejected)]
            self.current = open_[0] if open_ else 0
        self.current = max(0, min(self.current, len(self.disagreements) - 1))
        self.show()

    @property
    def item(self) -> adj.Item | None:
        found = self.disagreements
        return found[self.current] if found else None

    # -- drawing --------------------------------------------------------------------------------

    def show(self) -> None:
        session = self.session
        rejected = self.decisions.rejected(self.article_id)
        found = self.disagreements
        done = sum(1 for it in found if adj.settled(it, session.spans, rejected))
        meta = Text(style="dim")
        meta.append(f"review as {self.ws.annotator}", style="bold")
        meta.append(f"  ·  {len(self.works)} annotators: {', '.join(self.works)}")
        if found:
            meta.append(f"  ·  disagreement {self.current + 1} of {len(found)}  ·  {done} settled")
        meta.append(f"  ·  {session.status.replace('_', ' ')}")
        self.query_one("#review-meta", Static).update(meta)
        self.query_one("#review-context", Static).update(self._excerpt())
        self.query_one("#review-versions", Static).update(self._versions(rejected))
        self.query_one("#review-items", Static).update(self._overview(rejected))
        self.query_one("#review-status", Static).update(Text(self.message or " "))

    def _excerpt(self) -> Text:
        item, text = self.item, self.article.text
        if item is None:
            if len(self.works) < 2:
                return Text("fewer than two annotators annotated this article: nothing to adjudicate", style="italic")
            return Text(
                "no disagreements: every item is agreed (and accepted into the adjudicator's store)", style="italic"
            )
        # The paragraph around the item, at most CONTEXT characters each side.
        start = max(text.rfind("\n", 0, item.start) + 1, item.start - CONTEXT)
        paragraph_end = text.find("\n", item.end)
        end = min(len(text) if paragraph_end < 0 else paragraph_end, item.end + CONTEXT)
        cut = start > 0 and text[start - 1] != "\n"
        shown = Text(("…" if cut else "") + text[start:end] + ("…" if end < len(text) and text[end] != "\n" else ""))
        shift = start - (1 if cut else 0)
        for version in item.versions:
            shown.stylize("bold underline", version.start - shift, version.end - shift)
        return shown

    def _versions(self, rejected: set[str]) -> Text:
        item = self.item
        if item is None:
            return Text("")
        gold_choice = adj.chosen(item, self.session.annotations)
        out = Text()
        out.append(KINDS[item.kind] + "\n\n", style="bold")
        for i, version in enumerate(item.versions[:9]):
            mark = " ✓" if gold_choice == i else "  "
            out.append(f"{mark} {i + 1}  ", style="bold")
            out.append(f"{version.label:<8}", style=self._label_style(version.label))
            out.append(" " + _quote(self.article.text[version.start : version.end]))
            for speaker in version.speakers:
                out.append("  → " + _quote(self.article.text[speaker[0] : speaker[1]], 30))
            out.append(f"   ({', '.join(version.annotators)})\n", style="dim")
        none_chosen = item.key in rejected and not adj.gold_in(item, self.session.spans)
        out.append(f"{' ✓' if none_chosen else '  '} 0  ", style="bold")
        out.append("none of these")
        if item.missing:
            out.append(f"   ({', '.join(item.missing)} tagged nothing here)", style="dim")
        out.append("\n")
        if len(item.versions) > 9:
            out.append(f"   … {len(item.versions) - 9} more: edit (e) to choose another\n", style="dim")
        return out

    def _overview(self, rejected: set[str]) -> Text:
        out = Text("\nevery item of this article\n", style="bold")
        current = self.item
        gold = self.session.spans
        for it in self.items:
            if not it.disagreement:
                mark = "= "
            elif adj.settled(it, gold, rejected):
                mark = "✓ "
            else:
                mark = "? "
            style = "reverse" if it is current else ""
            line = Text(f"{'>' if it is current else ' '} {mark}{it.kind:<10} ", style=style)
            line.append(_quote(self.article.text[it.start : it.end], 50))
            out.append_text(line)
            out.append("\n")
        out.append("= agreed   ✓ settled   ? open", style="dim")
        return out

    def _label_style(self, name: str) -> str:
        label = self.ws.labels.get(name)
        return f"bold {label.color}" if label else "bold"

    # -- keys -----------------------------------------------------------------------------------

    def _write(self, change, done: str) -> None:
        try:
            change()
        except ChipreadError as exc:
            self.message = f"not saved: {exc}"
        else:
            self.message = f"saved ✓ {done}"
        self.load()

    def action_move(self, step: int) -> None:
        found = self.disagreements
        if found:
            self.current = (self.current + step) % len(found)
            self.message = ""
            self.show()

    def action_accept(self, number: int) -> None:
        item = self.item
        if item is None or number > len(item.versions):
            self.message = "no such version here"
            self.show()
            return
        version = item.versions[number - 1]
        self._write(
            lambda: adj.accept(self.session, item, version, self.decisions),
            f"accepted {version.label} of {', '.join(version.annotators)}",
        )

    def action_reject(self) -> None:
        item = self.item
        if item is not None:
            self._write(lambda: adj.reject(self.session, item, self.decisions), "none of these: nothing kept here")

    def action_agreed(self) -> None:
        taken: list[int] = []
        self._write(lambda: taken.append(adj.accept_agreed(self.session, self.items)), "accepted the agreed items")
        if taken == [0]:
            self.message = "every agreed item is already accepted"
            self.show()

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        step = self.session.undo if undo else self.session.redo
        try:
            description = step()
        except ChipreadError as exc:
            self.message = f"not saved: {exc}"
        else:
            if description is None:
                self.message = f"nothing to {'undo' if undo else 'redo'} in this article"
            else:
                self.message = f"saved ✓ {'undone' if undo else 'redone'}: {description}"
        self.load()

    def action_edit(self) -> None:
        self.chipread.edit_in_reader(self.article_id)

    def action_done(self) -> None:
        self._write(lambda: self.session.set_status("done"), "marked adjudicated")
        if self.session.status == "done":
            self.chipread.review_next(self.article_id)

    def action_back(self) -> None:
        self.chipread.show_library()


def _quote(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")

"""Small modal dialogs of the actors screens: a line of text (a name, a date), names to split off, a projection's report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, SelectionList, Static

from chipread.corpus.metadata import parse_date_value
from chipread.errors import ChipreadError
from chipread.tui.keys import DIALOG_KEYS, bindings
from chipread.tui.screens import PlainNotify
from chipread.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from chipread.actors import ActorBook
    from chipread.model import ArticleInfo


class PromptInput(Input):
    """The prompt's line: enter is its own submit (so it comes after every key typed before it), shown in the
    footer as the dialog's done key (a remap of dialog-done moves it)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        replace(spec, action="submit") for spec in DIALOG_KEYS if spec.id == "dialog-done"
    )


class PromptScreen(PlainNotify, ModalScreen[str | None]):
    """Asks for one line: dismissed with the text (enter) or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG_KEYS)

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"), markup=False)
            yield PromptInput(value=self.value, placeholder=self.placeholder, id="dialog-input")
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#dialog-input", Input).focus()

    # Enter is the Input's own (submit), not a priority binding: a priority enter would run as soon as it
    # arrives, before the Input has taken the keys typed just ahead of it, and accept a half-typed line.
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_done(self) -> None:
        self.dismiss(self.query_one("#dialog-input", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitScreen(PlainNotify, ModalScreen[list[str] | None]):
    """Which of an actor's names go to a new actor: space ticks a name, enter splits, escape cancels."""

    # The names list takes enter itself (it would tick a name): here the dialog's enter goes first.
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        replace(spec, priority=True) if spec.id == "dialog-done" else spec for spec in DIALOG_KEYS
    )

    def __init__(self, actor_name: str, names: list[tuple[str, int]]) -> None:
        super().__init__()
        self.actor_name = actor_name
        self.names = names  # (name key, spans written with it)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(f"Split names off {self.actor_name} into a new actor (space ticks, enter splits)", style="bold"),
                markup=False,
            )
            yield SelectionList[str](*((Text(f"{key}  ({n})"), key) for key, n in self.names), id="dialog-names")
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#dialog-names", SelectionList).focus()

    def action_done(self) -> None:
        chosen = list(self.query_one("#dialog-names", SelectionList).selected)
        if not chosen:
            self.notify("tick the names to split off with space first", timeout=4)
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportScreen(PlainNotify, ModalScreen[None]):
    """A read-only report (what a projection did not bring over); enter or escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG_KEYS)

    def __init__(self, body: Text) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog report"):
            yield Static(self.body, markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    def action_done(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_date(screen: Screen, book: ActorBook, info: ArticleInfo, known: date | None, saved: Callable[[], None]) -> None:
    """Ask for the date of an article that states none and set it in the book (empty: estimate it again);
    `saved` runs once it is written. A stated date is never overridden. Handles are article text: never markup."""
    if info.published is not None:
        screen.notify(f"{info.handle} states its date ({info.published.isoformat()})", timeout=4, markup=False)
        return

    def answered(text: str | None) -> None:
        if text is None:
            return
        value = parse_date_value(text) if text.strip() else None
        if text.strip() and value is None:
            screen.notify(
                f"{text.strip()!r} is not a date (e.g. 2023-05-29)", severity="error", timeout=6, markup=False
            )
            return
        try:
            said = book.set_date(info.id, value)
        except ChipreadError as exc:
            screen.notify(str(exc), severity="error", timeout=6, markup=False)
            return
        screen.notify(f"saved ✓ {said}", timeout=4, markup=False)
        saved()

    shown = known.isoformat() if known is not None else ""
    screen.app.push_screen(
        PromptScreen(f"Date of {info.handle} (empty: estimate it again)", shown, "YYYY-MM-DD"), answered
    )

"""The filter box of a list screen: hidden until asked for, filters as you type, escape clears and hides it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.widgets import Input

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen
else:
    _Screen = object


class FilterBox(_Screen):
    """Mixed into a screen with one Input (`FILTER_BOX`, hidden when mounted) that filters one list (`FILTER_LIST`).

    The screen keeps `filter_text` (the box's text, stripped) and shows the rows that match it in `_refilter`.
    """

    FILTER_BOX: ClassVar[str]
    FILTER_LIST: ClassVar[str]
    filter_text: str

    def _refilter(self, *, cleared: bool) -> None:
        """Show the rows that match `filter_text`; `cleared`: the clear key emptied it, keep the current row."""
        raise NotImplementedError

    def action_filter(self) -> None:
        box = self.query_one(self.FILTER_BOX, Input)
        box.display = True
        box.focus()

    def clear_filter(self) -> bool:
        """Empty and hide the box and show every row; False if there was no filter to clear."""
        box = self.query_one(self.FILTER_BOX, Input)
        if not (box.display or self.filter_text):
            return False
        box.value = ""
        box.display = False
        self.filter_text = ""
        self._refilter(cleared=True)
        self.query_one(self.FILTER_LIST).focus()
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self._refilter(cleared=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.filter_text:
            event.input.display = False
        self.query_one(self.FILTER_LIST).focus()

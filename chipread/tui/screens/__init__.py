"""The annotator's screens: library, reader, help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from chipread.tui.app import ChipreadApp


class PlainNotify:
    """Notifications from chipread's screens often quote article text: never read them as markup."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[misc]


class ChipreadScreen(PlainNotify):
    """What the library and the reader share: plain notifications and the app under its own type."""

    @property
    def chipread(self) -> ChipreadApp:
        return self.app  # type: ignore[attr-defined,return-value]

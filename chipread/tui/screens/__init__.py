"""The annotator's screens: library, reader, help."""

from __future__ import annotations

from textual.notifications import SeverityLevel


class PlainNotify:
    """Notifications from chipread's screens often quote article text: never read them as markup."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[misc]

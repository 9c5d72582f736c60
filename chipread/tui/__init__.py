"""The Textual annotator; `make_app(workspace)` builds it for the CLI and the tests alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chipread.tui.app import ChipreadApp
    from chipread.workspace import Workspace


def make_app(workspace: Workspace, *, review: bool = False, ask_name: bool = False) -> ChipreadApp:
    """Check the config's keys and theme (one ConfigError line on a problem), then build the app."""
    from textual.theme import BUILTIN_THEMES

    from chipread.errors import ConfigError
    from chipread.tui.app import ChipreadApp
    from chipread.tui.keys import check_keys

    keymap = check_keys(workspace.config)
    theme = workspace.config.theme
    if theme and theme not in BUILTIN_THEMES:
        raise ConfigError(
            workspace.config.path, "theme", f"unknown theme {theme!r} (known: {', '.join(sorted(BUILTIN_THEMES))})"
        )
    return ChipreadApp(workspace, keymap, review=review, ask_name=ask_name)


__all__ = ["make_app"]

"""A Footer that rebuilds its keys only when the keys it shows change, and dims or lights a key in place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[object, ...], ...]  # per key shown: (key, action, description, tooltip, enabled)


class SteadyFooter(Footer):
    """Textual's Footer recomposes (every key widget removed, mounted and laid out again) whenever any binding may
    have changed: on every offer, jump and tag in the reader, which cost more than the rest of the key. This one
    compares what it would show with what it shows: the same keys, nothing to do; the same keys with another one
    enabled or disabled, that key is dimmed or lit where it is; only other keys rebuild it."""

    _shown: Shown | None = None

    def _wanted(self, screen: Screen) -> Shown:
        return tuple(
            (binding.key, binding.action, binding.description, tooltip, enabled)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        # With the command palette key shown it also depends on a binding that is not `show`: always rebuild then.
        if self._shown is not None and not self.show_command_palette and self.is_attached and screen is self.screen:
            wanted = self._wanted(screen)
            if wanted == self._shown:
                return
            if [w[:4] for w in wanted] == [s[:4] for s in self._shown]:
                # The Footer shows the first binding of each action: its enabled state is the key's.
                enabled: dict[object, bool] = {}
                for w in wanted:
                    enabled.setdefault(w[1], bool(w[4]))
                for key in self.query(FooterKey):
                    if key.action in enabled:
                        # FooterKey draws a disabled binding by this class (a click on it does nothing either way:
                        # the screen's check_action refuses the key).
                        key.set_class(not enabled[key.action], "-disabled")
                self._shown = wanted
                return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._shown = self._wanted(self.screen) if self._bindings_ready else None
        yield from super().compose()

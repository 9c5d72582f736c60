"""Label and entity colours stay apart in 256-colour terminals (tmux's default), in the dark and light theme."""

from __future__ import annotations

import pytest
from rich.color import ColorSystem

from tests.tui.conftest import article_id_by_handle, open_article

# Entity types that share a tint on purpose (the status line names the type under the cursor).
GROUPS = {
    "PERSON": ("PERSON",),
    "ORG": ("ORG",),
    "GPE": ("GPE",),
    "NORP": ("NORP",),
    "LOC": ("LOC", "FAC"),
    "DATE": ("DATE", "TIME"),
    "OTHER": ("EVENT", "MONEY", "LAW"),
}


def eight_bit(style) -> int:
    return style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_entity_and_label_tints_are_distinct_after_the_256_colour_downgrade(tiny_app, tiny_workspace, theme):
    async with tiny_app.run_test(size=(100, 30)) as pilot:
        tiny_app.theme = theme
        await open_article(pilot, article_id_by_handle(tiny_workspace, "b_speakers"))
        view = tiny_app.reader.view
        base = eight_bit(view.base_style())
        colours: dict[str, int] = {}
        for group, types in GROUPS.items():
            numbers = {eight_bit(view.entity_style(t)) for t in types}
            assert len(numbers) == 1, (group, numbers)  # one tint per group...
            colours[group] = numbers.pop()
        for label in tiny_workspace.labels.names:
            colours[label] = eight_bit(view.label_style(label))
        # ...and no two groups or labels alike, nor like the text's background.
        seen: dict[int, str] = {base: "background"}
        for name, number in colours.items():
            assert number not in seen, f"{name} and {seen[number]} are both colour {number} in {theme}"
            seen[number] = name

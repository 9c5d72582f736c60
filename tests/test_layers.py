"""The core never imports Textual: each headless module is imported in a fresh interpreter and checked."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import chipread

CORE_PACKAGES = (
    "chipread.model",
    "chipread.errors",
    "chipread.config",
    "chipread.session",
    "chipread.workspace",
    "chipread.palette",
    "chipread.corpus",
    "chipread.nlp",
    "chipread.store",
    "chipread.export",
    "chipread.team",
)


def core_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(chipread.__path__, "chipread."):
        if info.name.startswith(CORE_PACKAGES):
            found.append(info.name)
    return sorted(found)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_load_textual(module):
    code = f"import sys, {module}; bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_commands_other_than_the_tui_do_not_load_textual():
    code = "import sys; from chipread.cli import cli; print([m for m in sys.modules if m.startswith('textual')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

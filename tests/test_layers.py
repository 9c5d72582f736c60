"""The layers hold: the import contracts in pyproject.toml pass, and no core module loads Textual when run.

The core is every chipread module outside chipread.tui, found by walking the package, so a new core
package (annotate, actors, team...) is covered the day it appears, without being named here.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import chipread
from tests.conftest import REPO

NOT_CORE = ("chipread.tui", "chipread.__main__")


def core_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(chipread.__path__, "chipread.")]
    return sorted(n for n in names if not any(n == p or n.startswith(p + ".") for p in NOT_CORE))


def test_core_modules_are_found_by_walking_the_package():
    found = core_modules()
    for expected in ("chipread.model", "chipread.session", "chipread.store.store", "chipread.export.jsonl"):
        assert expected in found
    assert not [n for n in found if n.startswith("chipread.tui")]


def test_no_core_module_loads_textual():
    # One fresh interpreter imports the core modules one by one and names the first after which Textual is loaded.
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "    if any(m == 'textual' or m.startswith('textual.') for m in sys.modules):\n"
        "        print(name); break\n"
        "else:\n"
        "    print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *core_modules()], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "clean", f"{out.stdout.strip()} loads Textual"


def test_cli_commands_other_than_the_tui_do_not_load_textual():
    code = "import sys; from chipread.cli import cli; print([m for m in sys.modules if m.startswith('textual')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_import_contracts_hold():
    # Installed with the test extras, beside this Python.
    beside = Path(sys.executable).with_name("lint-imports")
    lint_imports = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert lint_imports, "lint-imports is not installed (pip install -e '.[test]')"
    out = subprocess.run([lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout

"""The README's two fresh-machine commands stay first and true: CI runs the test command verbatim."""

from __future__ import annotations

import re

from tests.conftest import REPO


def fenced_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_first_two_commands_install_and_run():
    blocks = fenced_blocks((REPO / "README.md").read_text())
    run, test = blocks[0], blocks[1]
    assert "pip install ." in run and run.endswith("chipread")
    assert "pip install -e '.[test]'" in test and test.endswith("pytest -q")


def test_ci_runs_the_readme_test_command():
    blocks = fenced_blocks((REPO / "README.md").read_text())
    install_and_test = blocks[1].split("&& ", 2)[-1]
    ci = (REPO / ".ci" / "run").read_text()
    assert install_and_test in ci


def test_config_example_is_valid(tmp_path):
    from chipread.config import load_config
    from chipread.tui.keys import check_keys

    text = (REPO / "README.md").read_text()
    (example,) = re.findall(r"```toml\n(.*?)```", text, re.S)
    path = tmp_path / "chipread.toml"
    path.write_text(example)
    config = load_config(path)
    assert config.annotator == "ana" and config.labels.names == ("actor", "claim", "quote")
    keymap = check_keys(config)
    assert keymap["next-article"] == "ctrl+n"

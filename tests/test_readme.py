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
    example = re.findall(r"```toml\n(.*?)```", text, re.S)[0]
    path = tmp_path / "chipread.toml"
    path.write_text(example)
    config = load_config(path)
    # A shared file names no person: each annotator is named by their own login, env or personal config.
    assert config.annotator is None and config.adjudicator == "gold"
    assert config.labels.names == ("actor", "claim", "quote")
    keymap = check_keys(config)
    assert keymap["next-article"] == "ctrl+n"


def test_brat_table_example_is_valid(tmp_path):
    from chipread.config import load_config
    from chipread.export.brat_mapping import resolve

    text = (REPO / "README.md").read_text()
    [example] = [block for block in re.findall(r"```toml\n(.*?)```", text, re.S) if "[brat]" in block]
    path = tmp_path / "chipread.toml"
    path.write_text(example)
    config = load_config(path)
    mapping = resolve(config.brat, path)
    assert mapping.types["Cue"] == "cue" and mapping.types["Source"] == "actor"
    assert mapping.events["Attribution"].head == "Content"


def test_the_readme_loading_example_runs_on_a_real_export(tmp_path, monkeypatch):
    import shutil
    import subprocess
    import sys

    import pytest

    pytest.importorskip("spacy")
    pytest.importorskip("datasets")
    (example,) = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    shutil.copytree(REPO / "seeds", tmp_path / "corpus")
    from chipread.workspace import Workspace

    ws = Workspace.open(tmp_path / "corpus", db=tmp_path / "annotations", annotator="ana", write=True)
    article = ws.get(ws.infos()[0].id)
    session = ws.session(article.id)
    start = article.text.index("\n\n") + 2  # the first paragraph, so the tokens include a newline
    session.add_span(start, article.text.index(" ", start), "actor")
    ws.close()
    run = [
        sys.executable,
        "-m",
        "chipread",
        "--corpus",
        "corpus",
        "--db",
        "annotations",
        "export",
        "--all",
        "-o",
        "data.jsonl",
    ]
    subprocess.run(run, cwd=tmp_path, check=True, capture_output=True)
    env = {"HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "PATH": "/usr/bin:/bin"}
    check = "\nprint(ds.num_rows, sum(len(r) for r in ds['spans']), all(s is not None for s in spans))"
    out = subprocess.run([sys.executable, "-c", example + check], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-3:] == ["5", "1", "True"]  # 5 articles (one annotated), its span, every char_span found

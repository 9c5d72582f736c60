"""Annotator identity: the personal before the shared, and who you are shown where you work."""

from __future__ import annotations

import getpass

import pytest

from chipread.config import Config
from chipread.workspace import Workspace, annotator_and_source
from tests.cli.conftest import CLI


@pytest.fixture
def no_env(monkeypatch, tmp_path):
    monkeypatch.delenv("CHIPREAD_ANNOTATOR")
    monkeypatch.setattr(getpass, "getuser", lambda: "Ana Lima")
    return tmp_path


def personal(tmp_path, text: str) -> None:
    folder = tmp_path / "config" / "chipread"
    folder.mkdir(parents=True)
    (folder / "chipread.toml").write_text(text, encoding="utf-8")


def test_precedence_env_then_personal_config_then_login_then_shared(no_env, monkeypatch):
    shared = Config(path=no_env / "chipread.toml", annotator="team")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(no_env / "config"))
    assert annotator_and_source(shared) == ("Ana-Lima", "your login name")
    personal(no_env, 'annotator = "ana"\n')
    name, source = annotator_and_source(shared)
    assert name == "ana" and source.startswith("your config ")
    monkeypatch.setenv("CHIPREAD_ANNOTATOR", "env-ana")
    assert annotator_and_source(shared) == ("env-ana", "$CHIPREAD_ANNOTATOR")


def test_a_shared_config_names_the_annotator_only_when_nothing_else_can(no_env, monkeypatch):
    def no_login():
        raise KeyError("no such user")

    monkeypatch.setattr(getpass, "getuser", no_login)
    shared = Config(path=no_env / "chipread.toml", annotator="team")
    assert annotator_and_source(shared) == ("team", f"the shared config {no_env / 'chipread.toml'}")
    assert annotator_and_source(Config()) == ("annotator", "no name found")


def test_two_people_sharing_a_config_do_not_write_as_one(no_env, corpus, monkeypatch, tmp_path):
    (corpus / "chipread.toml").write_text('annotator = "ana"\n', encoding="utf-8")
    cli = CLI(cwd=tmp_path, corpus=corpus, db=tmp_path / "annotations")
    for login in ("ana", "bo"):
        result = cli(
            "--corpus",
            str(corpus),
            "--db",
            str(cli.db),
            "list",
            global_opts=False,
            env={"USER": login, "LOGNAME": login, "CHIPREAD_ANNOTATOR": ""},
        )
        assert result.code == 0, result.err
        assert result.out.splitlines()[-1] == f"0 of 3 done ({login})"  # each is themselves, not the config's ana
    with Workspace.open(corpus, db=tmp_path / "annotations", annotator="cy") as ws:
        assert (ws.annotator, ws.annotator_source) == ("cy", "--annotator")

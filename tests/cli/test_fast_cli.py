"""The command line answers --help, the help of every command and argument errors from the
parser alone, without setting Django up; a reader that stops reading ends it quietly; and the
server starts without warnings."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grenzeloos import cli
from tests.liveserve import app_env, serving

ROOT = Path(__file__).resolve().parents[2]

#: Runs the CLI in a fresh interpreter and says whether Django was set up or its settings read.
PROBE = """
import sys
from grenzeloos.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as leaving:
    code = leaving.code
from django.apps import apps
print(code, apps.ready, "grenzeloos.settings" in sys.modules, file=sys.stderr)
"""


def _probe(tmp_path: Path, *words: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words],
        capture_output=True,
        text=True,
        env=app_env(tmp_path),
        timeout=60,
    )
    return done.stdout, done.stderr.strip().splitlines()


def test_the_table_of_commands_is_what_the_modules_register():
    full = cli.build_parser()
    commands = cli._subcommands(full)
    listed = {action.dest: action.help for action in commands._choices_actions}
    assert listed == {name: help_text for name, (_module, help_text) in cli.COMMANDS.items()}
    assert list(commands.choices) == list(cli.COMMANDS)


def test_the_lazy_tree_of_a_command_is_its_whole_tree():
    def shape(parser: argparse.ArgumentParser) -> list[str]:
        found = []
        for action in parser._actions:
            found.append("/".join(action.option_strings) or action.dest)
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found += [f"{name}:{part}" for part in shape(child)]
        return found

    full = cli._subcommands(cli.build_parser()).choices
    for name in cli.COMMANDS:
        lazy = cli._subcommands(cli.build_parser([name])).choices
        assert shape(lazy[name]) == shape(full[name]), name


def test_help_answers_without_setting_django_up(tmp_path):
    out, err = _probe(tmp_path, "--help")
    assert out.startswith("usage: grenzeloos [-h] COMMAND ...")
    words = " ".join(out.split())  # argparse wraps long help lines
    for name, (_module, help_text) in cli.COMMANDS.items():
        assert f"{name} {help_text}" in words
    assert err == ["0 False False"]


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_command_help_answers_without_setting_django_up(tmp_path, name):
    out, err = _probe(tmp_path, name, "-h")
    assert out.startswith(f"usage: grenzeloos {name} ")
    assert err == ["0 False False"]


def test_an_argument_error_answers_without_setting_django_up(tmp_path):
    out, err = _probe(tmp_path, "canvas", "show")
    assert out == ""
    assert err == [
        "grenzeloos canvas show: error: the following arguments are required: id (see --help)",
        "1 False False",
    ]
    _out, err = _probe(tmp_path, "nosuch")
    assert err[0].startswith("grenzeloos: error: argument COMMAND: invalid choice: 'nosuch'")
    assert err[1] == "1 False False"


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    env = app_env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "grenzeloos", "demo"], env=env, check=True, capture_output=True
    )
    reading, writing = os.pipe()
    os.close(reading)  # like `| head -1` that has already gone
    try:
        done = subprocess.run(
            [sys.executable, "-m", "grenzeloos", "canvas", "list"],
            stdout=writing,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
        )
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_serve_starts_without_a_warning(tmp_path):
    env = app_env(tmp_path)
    assert not (tmp_path / "static").exists()
    with serving(env) as port:
        pass
    lines = (tmp_path / f"serve-{port}.log").read_text(encoding="utf-8").splitlines()
    assert lines == [f"Grenzeloos serves on http://127.0.0.1:{port}/ (1 worker)"]


def test_the_choices_the_parser_offers_are_the_models_own():
    from grenzeloos.canvas.render import EXPORT_FORMATS
    from grenzeloos.collaborations.choices import ROLES, STATUSES
    from grenzeloos.collaborations.models import Role, Status
    from grenzeloos.guidance.cli import PITCH_LENGTHS
    from grenzeloos.guidance.pitch import LENGTHS

    assert tuple(Role.values) == ROLES
    assert tuple(Status.values) == STATUSES
    assert PITCH_LENGTHS == LENGTHS
    assert "pdf" in EXPORT_FORMATS

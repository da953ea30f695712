"""The command line a user types: help everywhere, python -m, exit codes."""

import subprocess
import sys

import pytest

from workbench.cli import build_parser, main


def subcommand_paths(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield prefix + (name,)
                yield from subcommand_paths(sub, prefix + (name,))


COMMANDS = sorted(set(subcommand_paths(build_parser())))


def test_every_documented_command_exists():
    names = {path[0] for path in COMMANDS}
    assert {"extract", "update", "build", "stats", "fmt", "compile", "run", "glossary", "check", "export", "import"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_help_on_every_command(path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: workbench " + " ".join(path))


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "--no-such-option"])
    assert exit_.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_python_dash_m_and_version():
    result = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("workbench ")

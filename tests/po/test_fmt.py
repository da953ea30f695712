"""``workbench fmt``: check mode, rewriting, folders, exit codes."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.po.fmt import format_file, po_files
from workbench.po.reader import read_po

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "handmade" / "cases.po"
EXPECTED = FIXTURES / "handmade" / "cases.expected.po"
DJANGO = sorted((FIXTURES / "django").glob("*.po"))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "locale" / "ja").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(CASES, tmp_path / "locale" / "messy.po")
    shutil.copy(EXPECTED, tmp_path / "locale" / "tidy.pot")
    shutil.copy(DJANGO[0], tmp_path / "locale" / "ja" / "django.po")
    shutil.copy(CASES, tmp_path / ".hidden" / "ignored.po")
    (tmp_path / "locale" / "notes.txt").write_text("not a catalogue")
    return tmp_path


def test_po_files_walks_folders_sorted(tree):
    found = [p.relative_to(tree).as_posix() for p in po_files([tree])]
    assert found == ["locale/messy.po", "locale/tidy.pot", "locale/ja/django.po"]


def test_format_file_check_then_fix(tree):
    messy = tree / "locale" / "messy.po"
    before = messy.read_bytes()
    assert format_file(messy, check=True) is True
    assert messy.read_bytes() == before  # check changes nothing
    assert format_file(messy, check=False) is True
    assert messy.read_bytes() == EXPECTED.read_bytes()
    assert format_file(messy, check=False) is False  # second run: nothing to do
    assert format_file(tree / "locale" / "tidy.pot", check=True) is False


@pytest.mark.parametrize("path", DJANGO, ids=lambda p: p.name)
def test_fmt_leaves_django_files_byte_identical(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    assert format_file(copy, check=False) is False
    assert copy.read_bytes() == path.read_bytes()


def test_cli_check_lists_files_and_exits_1(tree, capsys):
    assert main(["fmt", "--check", str(tree)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [f"would reformat {tree / 'locale' / 'messy.po'}"]
    assert (tree / "locale" / "messy.po").read_bytes() == CASES.read_bytes()


def test_cli_fix_then_check_passes(tree, capsys):
    assert main(["fmt", str(tree / "locale")]) == 0
    assert "reformatted" in capsys.readouterr().out
    assert main(["fmt", "--check", str(tree / "locale")]) == 0
    assert capsys.readouterr().out == ""


def test_cli_bad_input_exits_2_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n')
    assert main(["fmt", "--check", str(bad)]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err


def test_cli_missing_path_exits_2(tmp_path, capsys):
    assert main(["fmt", str(tmp_path / "nope.po")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["fmt", "--help"])
    assert exit_.value.code == 0
    assert "--check" in capsys.readouterr().out


def test_format_file_raises_workbench_error(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr ""\nmsgstr ""\n')
    with pytest.raises(WorkbenchError) as err:
        format_file(bad, check=True)
    assert err.value.line == 3


@pytest.mark.parametrize(
    ("flag", "string"),
    [("c-format", "%" + "0" * 100_000 + "q"), ("python-format", "%" + "0" * 100_000 + "q"),
     ("python-format", "%(" + "a" * 50_000 + ")" + "0" * 50_000 + "q")],
    ids=["c", "python", "python-named"],
)
def test_fmt_wraps_a_long_run_of_zeros_after_percent_quickly(tmp_path, flag, string):
    """A "0" can be a flag or a width: the directive patterns once tried every split (minutes)."""
    path = tmp_path / "zeros.po"
    path.write_text(f'#, {flag}\nmsgid "a"\nmsgstr "a {string}"\n')
    start = time.monotonic()
    assert format_file(path, check=False) is True  # wrapped after "a "
    assert time.monotonic() - start < 5
    assert read_po(path).messages[0].msgstr == "a " + string

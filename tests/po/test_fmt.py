"""``workbench fmt``: check mode, rewriting, folders, exit codes."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.layout import find_files
from workbench.po.fmt import format_file
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


def test_find_files_walks_folders_sorted_and_skips_hidden_ones(tree):
    found = [p.relative_to(tree).as_posix() for p in find_files([tree])]
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


def test_carriage_returns_ending_comment_lines_are_line_ends(tmp_path):
    path = tmp_path / "cr.po"
    path.write_bytes(b'# comment\r\n# two\r\r\n#. extracted\r\n#: a.c:1\r\nmsgid "a"\nmsgstr "b"\n')
    before = read_po(path).messages
    assert before[0].translator_comments == ["comment", "two"] and before[0].references == ["a.c:1"]
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == b'# comment\n# two\n#. extracted\n#: a.c:1\nmsgid "a"\nmsgstr "b"\n'
    assert [m.translator_comments for m in read_po(path).messages] == [["comment", "two"]]


def test_flags_that_would_join_differently_are_refused(tmp_path, capsys):
    path = tmp_path / "range.po"
    path.write_bytes(b'msgid "x"\nmsgstr ""\n\n#, range:\n#, no-wb-x\nmsgid "a"\nmsgstr "b"\n')
    before = path.read_bytes()
    assert read_po(path).messages[1].flags == ["range:", "no-wb-x"]
    assert main(["fmt", str(path)]) == 2
    assert f"{path}:4: flags" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "bug",
    [
        lambda text: text.replace("# translator\n", "", 1),  # a comment dropped
        lambda text: text.replace("#, fuzzy, c-format\n", "#, c-format\n", 1),  # a flag dropped
        lambda text: text.replace('msgstr[1] "b"', 'msgstr[1] "B"', 1),  # a translation changed
        lambda text: text.replace('#~ msgid "old"\n#~ msgstr "x"\n', "", 1),  # an obsolete entry dropped
        lambda text: text.replace('msgid "p"', 'msgid "p', 1),  # output that does not read back
    ],
    ids=["comment", "flag", "msgstr", "obsolete", "unreadable"],
)
def test_fmt_refuses_rather_than_write_other_content(tmp_path, capsys, monkeypatch, bug):
    """A writer bug that would change content makes fmt exit 2 and leave the file as it is."""
    import workbench.po.fmt

    path = tmp_path / "messy.po"
    path.write_text('# translator\n#, c-format, fuzzy\nmsgid "p"\nmsgid_plural "ps"\nmsgstr[0] "a"\n'
                    'msgstr[1] "b"\n\n#~ msgid "old"\n#~ msgstr "x"\n')
    before = path.read_bytes()
    real = workbench.po.fmt.format_po
    monkeypatch.setattr(workbench.po.fmt, "format_po", lambda catalog: bug(real(catalog)))
    assert main(["fmt", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"workbench: {path}") and "nothing written" in err
    assert path.read_bytes() == before

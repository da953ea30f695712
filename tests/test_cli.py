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


# -- exit codes: 3 for a bug, 2 for a disk that cannot take the files ------------------------------

import contextlib  # noqa: E402
import errno  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from workbench.cli import EXIT_BAD_INPUT, EXIT_INTERNAL  # noqa: E402


def _crash(args):
    raise KeyError("no such thing")


@pytest.mark.parametrize("debug", ["", "1"])
def test_an_unexpected_exception_exits_3_with_a_short_message(monkeypatch, capsys, debug):
    import workbench.cli.project as project

    monkeypatch.setattr(project, "cmd_stats", _crash)
    monkeypatch.setenv("WORKBENCH_DEBUG", debug)
    assert main(["stats"]) == EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert "internal error: KeyError: 'no such thing'" in err
    if debug:
        assert "Traceback (most recent call last)" in err and "_crash" in err
    else:
        assert "Traceback" not in err and "report" in err and "WORKBENCH_DEBUG=1" in err


def test_the_exit_codes_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "3 internal error" in " ".join(capsys.readouterr().out.split())


def test_an_os_error_outside_a_writer_exits_2_naming_the_path(monkeypatch, capsys):
    import workbench.cli.project as project

    def unreadable(args):
        raise PermissionError(errno.EACCES, "Permission denied", "locales/fr/LC_MESSAGES/news.po")

    monkeypatch.setattr(project, "cmd_stats", unreadable)
    assert main(["stats"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "workbench: locales/fr/LC_MESSAGES/news.po: Permission denied\n"


def _writer_project(root: Path, make_project) -> dict[str, list[str]]:
    """A project where every writer has something to write; the command lines that write it."""
    import docx

    from workbench.config import load_config
    from workbench.glossary.model import Concept, Term, Termbase
    from workbench.glossary.tbx import save_tbx
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po
    from workbench.review import export_review

    make_project(root, {"news.txt": "The forum opened on August 29. Mayor Pan spoke.\n\nGuests came.\n"})
    at = ["-C", str(root)]
    assert main([*at, "extract"]) == 0 and main([*at, "update", "--lang", "fr"]) == 0
    po = root / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    catalogue = read_po(po)
    for number, message in enumerate(catalogue.entries()):
        message.msgstr = f"Phrase {number}." if number else ""
    write_po(catalogue, po)
    assert main([*at, "export", "--format", "xliff", "-o", str(root / "out")]) == 0
    xliff = root / "out" / "xliff" / "fr" / "news.xlf"
    xliff.write_text(xliff.read_text().replace('<target xml:lang="fr" state="new"/>',
                                               '<target xml:lang="fr" state="translated">Le forum.</target>', 1))
    [review] = [p for p in export_review(load_config(root), ["docx"], root / "out") if p.name.endswith(".fr.docx")]
    document = docx.Document(str(review))
    cell = document.tables[0].rows[2].cells[2]
    cell.paragraphs[0].add_run(" (revu)")
    document.save(str(review))
    incoming = root / "incoming.tbx"
    save_tbx(Termbase(concepts=[Concept("c1", terms={"en": [Term("forum")], "fr": [Term("forum")]})]), incoming)
    po.write_bytes(po.read_bytes() + b"\n\n")  # out of gettext layout: fmt has work
    return {
        "update": [*at, "update"],
        "fmt": ["fmt", str(po)],
        "import xliff": [*at, "import", "xliff", str(xliff)],
        "import docx": [*at, "import", "docx", str(review)],
        "export xliff": [*at, "export", "--format", "xliff,xliff2,tmx", "-o", str(root / "new")],
        "export review": [*at, "export", "--format", "html,md", "-o", str(root / "new")],
        "build": [*at, "build", "--threshold", "0"],
        "compile": [*at, "compile"],
        "check -o": [*at, "check", "-o", str(root / "report.txt")],
        "glossary import": [*at, "glossary", "import", str(incoming)],
        "run": [*at, "run"],
    }


def _snapshot(root: Path) -> dict[str, bytes]:
    # the translation memory (build/memory.sqlite) is a cache of the catalogues, brought up to date by any
    # command that reads it: not the user's work
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".workbench.lock" and not p.name.startswith("memory.sqlite")}


def _fails_cleanly(name, argv, root, capsys, reason: str) -> None:
    before = _snapshot(root)
    status = main(argv)
    err = capsys.readouterr().err
    assert status == EXIT_BAD_INPUT, f"{name}: exit {status}: {err}"
    assert reason in err and str(root) in err and "Traceback" not in err, f"{name}: {err}"
    assert _snapshot(root) == before, f"{name} changed files or left temporary ones"


def test_a_full_disk_fails_every_writer_with_exit_2_and_the_path(tmp_path, make_project, monkeypatch, capsys):
    root = tmp_path / "project"
    root.mkdir()
    commands = _writer_project(root, make_project)
    capsys.readouterr()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)  # where a full disk shows at the latest: the data cannot be kept
    monkeypatch.setattr(os, "replace", no_space)
    for name, argv in commands.items():
        _fails_cleanly(name, argv, root, capsys, "No space left on device")


def test_what_a_command_makes_again_is_not_flushed_file_by_file_but_what_a_person_wrote_is(
        tmp_path, make_project, monkeypatch, capsys):
    """Exports, built articles, compiled catalogues and a check's report are made again by running the command
    again: written atomically, without an fsync per file (a tenth of a first export). Catalogues, which hold a
    translator's work, are flushed to the disk before they replace the old ones."""
    root = tmp_path / "project"
    root.mkdir()
    commands = _writer_project(root, make_project)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # (every file written in this process, where fsync is counted)
    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    for name in ("export xliff", "export review", "build", "compile", "check -o"):
        flushed.clear()
        before = _snapshot(root)
        assert main(commands[name]) in (0, 1), name  # (check: 1 when it finds something)
        assert _snapshot(root) != before and flushed == [], name
    for name in ("fmt", "import xliff"):
        flushed.clear()
        assert main(commands[name]) == 0, name
        assert flushed, name
    capsys.readouterr()


@pytest.fixture
def tmpfs(tmp_path):
    """A 2 MB tmpfs (root only; skipped where mounting is not allowed)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


WRITERS = ["update", "fmt", "import xliff", "import docx", "export xliff", "export review", "build", "compile",
           "check -o", "glossary import", "run"]


@pytest.mark.parametrize("name", WRITERS)
def test_a_really_full_disk(tmpfs, make_project, capsys, name):
    commands = _writer_project(tmpfs, make_project)
    capsys.readouterr()
    filler = os.open(tmpfs / "filler", os.O_WRONLY | os.O_CREAT)
    for size in (1 << 16, 1 << 12, 1):  # fill it up to the last byte
        with contextlib.suppress(OSError):
            while os.write(filler, b"\0" * size):
                pass
    os.close(filler)
    _fails_cleanly(name, commands[name], tmpfs, capsys, "No space left on device")


@pytest.mark.parametrize("name", WRITERS)
def test_a_read_only_disk(tmpfs, make_project, capsys, name):
    commands = _writer_project(tmpfs, make_project)
    capsys.readouterr()
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    _fails_cleanly(name, commands[name], tmpfs, capsys, "Read-only file system")


def test_a_command_module_that_fails_to_import_exits_3(monkeypatch, capsys):
    import workbench.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "workbench.cli.no_such_module"))
    assert main(["stats"]) == EXIT_INTERNAL
    assert "internal error: ModuleNotFoundError" in capsys.readouterr().err

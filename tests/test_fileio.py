import signal
import subprocess
import sys
import textwrap
import time

import pytest

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write, atomic_write_pieces, file_lock, read_utf8


def test_atomic_write_reports_unchanged_content_and_keeps_mtime(tmp_path):
    target = tmp_path / "a.po"
    assert atomic_write(target, "x") is True
    before = target.stat().st_mtime_ns
    assert atomic_write(target, "x") is False
    assert target.stat().st_mtime_ns == before
    assert atomic_write(target, "y") is True
    assert target.read_text() == "y"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_text_written_in_pieces_follows_the_same_rules(tmp_path):
    """A report written finding by finding: the bytes of the whole, unchanged content left untouched (mtime kept),
    nothing left behind."""
    target = tmp_path / "report.json"
    assert atomic_write_pieces(target, ["{\n", "  \"é\": 1", "\n}\n"]) is True
    assert target.read_text(encoding="utf-8") == '{\n  "é": 1\n}\n'
    before = target.stat().st_mtime_ns
    assert atomic_write_pieces(target, (piece for piece in ['{\n  "é": 1', "\n}\n"])) is False
    assert target.stat().st_mtime_ns == before
    assert atomic_write_pieces(target, ['{\n  "é": 2', "\n}\n"]) is True  # the same size, other bytes
    assert target.read_text(encoding="utf-8") == '{\n  "é": 2\n}\n'
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_killed_midway_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "catalogue.po"
    target.write_text("old content\n")
    ready = tmp_path / "ready"
    # the child blocks inside atomic_write, after writing the temp file and before the rename
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import os, time
                from pathlib import Path
                import workbench.fileio as fileio
                def stall(fd):
                    Path({str(ready)!r}).write_text("x")
                    time.sleep(60)
                fileio.os.fsync = stall
                fileio.atomic_write({str(target)!r}, "new content\\n" * 100000)
                """
            ),
        ]
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert time.monotonic() < deadline, "child never reached the write"
            assert child.poll() is None, "child died early"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
    assert target.read_text() == "old content\n"


def test_lock_makes_the_second_holder_wait(tmp_path, capsys):
    lock = tmp_path / ".lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import time\nfrom workbench.fileio import file_lock\nwith file_lock({str(lock)!r}):\n"
            f"    open({str(tmp_path / 'held')!r}, 'w').close()\n    time.sleep(1.5)\n",
        ]
    )
    try:
        while not (tmp_path / "held").exists():
            time.sleep(0.01)
        with file_lock(lock):
            # we only get here once the holder has released the lock
            assert holder.wait(timeout=0.5) == 0
    finally:
        holder.kill() if holder.poll() is None else None
    # after a second, the waiting run says why nothing happens
    assert f"waiting for another workbench run to finish (it holds {lock})" in capsys.readouterr().err


def test_read_utf8_keeps_bom_and_crlf(tmp_path):
    source = tmp_path / "a.txt"
    source.write_bytes("\ufeffOne.\r\nTwo.\r\n".encode())
    assert read_utf8(source) == "\ufeffOne.\r\nTwo.\r\n"


def test_read_utf8_names_the_line_of_a_bad_byte(tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes(b"fine\nalso fine\ncaf\xe9\n")
    with pytest.raises(WorkbenchError) as error:
        read_utf8(source)
    assert error.value.line == 3
    assert str(source) in str(error.value) and "UTF-8" in str(error.value)


# -- lost updates: every writer of catalogues and the termbase holds the project lock -----------------

import multiprocessing  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from lxml import etree  # noqa: E402

from workbench import fileio  # noqa: E402
from workbench.cli import main  # noqa: E402
from workbench.fileio import read_bytes  # noqa: E402
from workbench.po.reader import read_po  # noqa: E402

PAUSE = 2.0  # how long the first writer waits, between its read and its rename, for the second to finish


def _race(pause_in: tuple[str, str], first: list[str], second: list[str]) -> tuple[int, int]:
    """Run ``first`` and ``second`` (workbench command lines) in two forked processes, ``first`` pausing
    right after ``pause_in`` (module, function) has read its file until ``second`` has finished or
    PAUSE has passed: without a lock, ``second`` lands between the read and the rename. Exit codes."""
    context = multiprocessing.get_context("fork")
    read, done = context.Event(), context.Event()
    codes = context.Queue()

    def run_first():
        import importlib

        module = importlib.import_module(pause_in[0])
        original = getattr(module, pause_in[1])

        def paused(*args, **kwargs):
            result = original(*args, **kwargs)
            read.set()
            done.wait(PAUSE)
            return result

        setattr(module, pause_in[1], paused)
        codes.put(("first", main(first)))

    def run_second():
        assert read.wait(30), "the first command never read its file"
        codes.put(("second", main(second)))
        done.set()

    processes = [context.Process(target=run_first), context.Process(target=run_second)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    found = dict(codes.get(timeout=5) for _ in processes)
    return found["first"], found["second"]


def _xliff_with_an_edit(project: Path, language: str, text: str) -> Path:
    assert main(["-C", str(project), "export", "--format", "xliff", "-o", str(project / "out")]) == 0
    path = project / "out" / "xliff" / language / "news.xlf"
    tree = etree.parse(str(path))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    target = tree.xpath("//x:trans-unit[1]/x:target", namespaces=ns)[0]
    target.text, target.attrib["state"] = text, "translated"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def test_fmt_waits_for_an_import_instead_of_overwriting_it(project):
    assert main(["-C", str(project), "extract"]) == 0
    assert main(["-C", str(project), "update", "--lang", "fr"]) == 0
    po = project / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    xliff = _xliff_with_an_edit(project, "fr", "Le forum s'est ouvert le 29 août.")
    po.write_bytes(po.read_bytes() + b"\n\n")  # out of gettext layout: fmt rewrites it
    first, second = _race(("workbench.po.fmt", "formatted_bytes"), ["fmt", str(po)],
                          ["-C", str(project), "import", "xliff", str(xliff)])
    assert (first, second) == (0, 0)
    assert read_po(po).find("The forum opened on August 29.").msgstr == "Le forum s'est ouvert le 29 août."
    assert main(["fmt", "--check", str(po)]) == 0


def test_two_glossary_imports_keep_both_concepts(project):
    from workbench.glossary.model import Concept, Term, Termbase
    from workbench.glossary.tbx import read_tbx, save_tbx

    def termbase(concept_id, en, fr):
        return Termbase(concepts=[Concept(concept_id, terms={"en": [Term(en)], "fr": [Term(fr)]})])

    save_tbx(termbase("c0", "forum", "forum"), project / "glossary" / "project.tbx")
    save_tbx(termbase("c1", "mayor", "maire"), project / "one.tbx")
    save_tbx(termbase("c2", "guest", "invité"), project / "two.tbx")
    command = ["-C", str(project), "glossary", "import", "--into", "project.tbx"]
    assert _race(("workbench.glossary.tbx", "read_tbx"), [*command, str(project / "one.tbx")],
                 [*command, str(project / "two.tbx")]) == (0, 0)
    assert sorted(c.id for c in read_tbx(project / "glossary" / "project.tbx").concepts) == ["c0", "c1", "c2"]


def test_a_file_changed_by_another_program_after_the_read_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "news.po"
    target.write_text("read\n")
    read_bytes(target)
    target.write_text("edited meanwhile\n")
    with pytest.raises(WorkbenchError, match="changed on disk by another program"):
        atomic_write(target, "ours\n")
    assert target.read_text() == "edited meanwhile\n"
    # and in the last moment: while the new content is being synced to disk
    read_bytes(target)
    real_fsync = os.fsync

    def someone_saves(fd):
        real_fsync(fd)
        if target.read_text() != "saved by an editor\n":
            target.write_text("saved by an editor\n")

    monkeypatch.setattr(fileio.os, "fsync", someone_saves)
    with pytest.raises(WorkbenchError, match="changed on disk by another program"):
        atomic_write(target, "ours\n")
    monkeypatch.undo()
    assert target.read_text() == "saved by an editor\n"
    assert not list(tmp_path.glob(".*.tmp"))
    # what this process wrote itself it may write again
    read_bytes(target)
    assert atomic_write(target, "one\n") and atomic_write(target, "two\n")
    # written in pieces: the same refusal
    target.write_text("edited again\n")
    with pytest.raises(WorkbenchError, match="changed on disk by another program"):
        atomic_write_pieces(target, ["ours", "\n"])
    assert target.read_text() == "edited again\n" and not list(tmp_path.glob(".*.tmp"))


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    lock = tmp_path / fileio.LOCK_NAME
    with fileio.project_lock(tmp_path), fileio.file_lock(lock, timeout=1):
        pass
    with fileio.file_lock(lock, timeout=1):  # released: free again
        pass


# -- kill -9 mid-write: the next run sweeps the dead writer's temporary file, and nothing else -------------


def _killed_writer(target: Path) -> None:
    """Start a writer of ``target``, SIGKILL it between its temp file and its rename."""
    ready = target.parent / "ready"
    ready.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from pathlib import Path
        import workbench.fileio as fileio
        def stall(fd):
            Path({str(ready)!r}).write_text("x")
            time.sleep(60)
        fileio.os.fsync = stall
        fileio.atomic_write({str(target)!r}, "new content\\n" * 1000)
        """)])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert time.monotonic() < deadline and child.poll() is None, "child never reached the write"
            time.sleep(0.02)
    finally:
        child.kill()
        child.wait()
    ready.unlink()


def test_the_next_write_sweeps_temp_files_of_killed_writers_only(tmp_path):
    target = tmp_path / "catalogue.po"
    target.write_text("old content\n")
    for _ in range(3):
        _killed_writer(target)
    # each writer swept its dead predecessor's file before making its own: the last one is left
    assert len(list(tmp_path.glob(".catalogue.po.wb*.tmp"))) == 1 and target.read_text() == "old content\n"
    live = tmp_path / f".other.po.wb{os.getpid()}-abcdefgh.tmp"  # a live writer's (this process)
    others = [live, tmp_path / ".notes.tmp", tmp_path / "x.wb1-abcdefgh.tmp", tmp_path / ".y.wb99x-abcdefgh.tmp"]
    for path in others:
        path.write_text("not ours to delete")
    # the next run: a new process writing anything into the folder
    subprocess.run([sys.executable, "-c", f"from workbench.fileio import atomic_write\n"
                    f"atomic_write({str(tmp_path / 'other.po')!r}, 'x')"], check=True)
    assert not list(tmp_path.glob(".catalogue.po.wb*.tmp"))
    assert all(path.exists() for path in others)
    assert target.read_text() == "old content\n"


def test_a_file_the_command_makes_again_is_whole_but_not_forced_to_the_disk(tmp_path, monkeypatch):
    """A catalogue is flushed to the disk, then its folder, before and after the rename; an export's file
    (``durable=False``) is written as atomically, without the two flushes that were a tenth of a first export."""
    import os

    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    atomic_write(tmp_path / "fr.po", "msgid \"\"\nmsgstr \"\"\n")
    assert len(flushed) == 2  # the file, then its folder
    flushed.clear()
    assert atomic_write(tmp_path / "page.html", "<p>é</p>\n", durable=False) is True
    assert atomic_write_pieces(tmp_path / "report.txt", ["a", "b"], durable=False) is True
    assert flushed == []
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "<p>é</p>\n"
    assert (tmp_path / "report.txt").read_text() == "ab"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

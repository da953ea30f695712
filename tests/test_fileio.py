import signal
import subprocess
import sys
import textwrap
import time

import pytest

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write, file_lock, read_utf8


def test_atomic_write_reports_unchanged_content_and_keeps_mtime(tmp_path):
    target = tmp_path / "a.po"
    assert atomic_write(target, "x") is True
    before = target.stat().st_mtime_ns
    assert atomic_write(target, "x") is False
    assert target.stat().st_mtime_ns == before
    assert atomic_write(target, "y") is True
    assert target.read_text() == "y"
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


def test_lock_makes_the_second_holder_wait(tmp_path):
    lock = tmp_path / ".lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import time\nfrom workbench.fileio import file_lock\nwith file_lock({str(lock)!r}):\n"
            f"    open({str(tmp_path / 'held')!r}, 'w').close()\n    time.sleep(1.0)\n",
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

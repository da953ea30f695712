"""Safe file I/O: atomic writes, a lock for concurrent updates, strict UTF-8 reading.

Every file workbench writes goes through ``atomic_write``: the bytes land in a
temporary file in the same folder, are fsynced, then renamed over the target,
so a crash or Ctrl-C leaves either the old file or the new one, never half of
one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

from workbench.errors import WorkbenchError


def atomic_write(path: str | Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False (and touch nothing) if unchanged.

    Skipping identical content keeps mtimes stable, so running a command twice
    changes nothing the second time.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        if path.exists():
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(path: str | Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (created if needed).

    A second ``workbench update`` started meanwhile waits here instead of
    interleaving its writes with ours.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise WorkbenchError("timed out waiting for the lock held by another workbench run", path)
                time.sleep(0.05)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing file or a folder is a WorkbenchError naming the path."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise WorkbenchError("no such file", path) from None
    except IsADirectoryError:
        raise WorkbenchError("is a folder, not a file", path) from None


def read_utf8(path: str | Path) -> str:
    """Read a source file as UTF-8, keeping a BOM and CRLF line ends as they are.

    A file that is not UTF-8 is refused with the line of the first bad byte.
    """
    path = Path(path)
    raw = read_bytes(path)
    try:
        # newline handling is ours: decode bytes directly so '\r\n' survives.
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise WorkbenchError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); convert the file to UTF-8",
            path,
            line,
        ) from None

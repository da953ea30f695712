"""Safe file I/O: atomic writes, the project lock, strict UTF-8 reading.

Every file workbench writes goes through ``atomic_write``: the bytes land in a
temporary file in the same folder, are fsynced, then renamed over the target,
so a crash or Ctrl-C leaves either the old file or the new one, never half of
one. What a command makes from the project and makes again each time it runs
(the exports, the built articles, the compiled catalogues, a check's report) is
written ``durable=False``: as atomically (a killed export leaves every file
whole, old or new), but not forced to the disk one by one before the rename.
Running the command again makes it again, and a first export writes tens of
thousands of files (two fsyncs each were about a tenth of its time); an export's
file a power loss left incomplete no longer matches the size and time its record
holds, so the next export writes it again. Three more rules keep a translator's
work from being lost:

* Every command that rewrites catalogues or the termbase holds the project
  lock (``project_lock``), so two runs never interleave read and write.
* A file this process read (``read_bytes``) and then rewrites must still hold
  the bytes it read just before the rename: if another program changed it
  meanwhile, the write is refused (a WorkbenchError) and that change is kept.
* A full disk or a read-only folder is a WorkbenchError naming the file (the
  old file is untouched), not a traceback.

Temporary files are named ``.<target>.wb<pid>-<random>.tmp``; one left by a
process killed mid-write (``kill -9``) is deleted by the next write into its
folder once that process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from workbench.errors import WorkbenchError

LOCK_NAME = ".workbench.lock"  # in the locales folder: the project lock

_STARTED = time.time()
_TEMP_NAME = re.compile(r"^\..+\.wb(?P<pid>\d+)-[a-z0-9_]{8}\.tmp$")  # what ``new_temp_file`` makes (mkstemp: 8 chars)
_SWEPT: set[str] = set()  # folders already cleaned of stale temporary files by this process
# path -> digest of the bytes this process last read from it or wrote to it, to detect a change by another
# program before a rename replaces it (a lost update)
_SEEN: dict[str, bytes] = {}


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _key(path: Path) -> str:
    return os.path.realpath(path)


def atomic_write(path: str | Path, data: str | bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return False (and touch nothing) if unchanged.

    Skipping identical content keeps mtimes stable, so running a command twice
    changes nothing the second time. A WorkbenchError naming ``path`` if the
    file changed since this process read it, or if it cannot be written (disk
    full, read-only folder); the old file is then as it was. ``durable=False``:
    not forced to the disk before the rename (a file the command makes again,
    see the module's docstring).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return _write_pieces(Path(path), [payload], whole=payload, durable=durable)
    except OSError as exc:
        raise WorkbenchError(f"cannot write it: {exc.strerror or exc} (the old file, if any, is unchanged)",
                             Path(path)) from None


def atomic_write_pieces(path: str | Path, pieces: Iterable[str | bytes], durable: bool = True) -> bool:
    """``atomic_write`` of text made piece by piece (a project's report: tens of MB): each piece is written to the
    temporary file as it comes, so the whole is never held in memory. The file as it is is read only to compare
    (by digest): with this process's earlier read of it, or with new bytes of its size."""
    path = Path(path)
    try:
        return _write_pieces(path, pieces, durable=durable)
    except OSError as exc:
        raise WorkbenchError(f"cannot write it: {exc.strerror or exc} (the old file, if any, is unchanged)",
                             path) from None


def _write_pieces(path: Path, pieces: Iterable[str | bytes], whole: bytes | None = None, durable: bool = True) -> bool:
    """``whole``: the pieces' bytes, when the caller has them: an unchanged file is then recognised before
    anything is written (``update`` and ``fmt`` leave most of a project's files as they are)."""
    key = _key(path)
    try:
        before = path.stat()
    except FileNotFoundError:
        before = None
    if whole is not None and before is not None and (key in _SEEN or before.st_size == len(whole)):
        current = _file_digest(path)
        _refuse_if_digest_changed(path, key, current)
        if current == _digest(whole):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = new_temp_file(path)
    try:
        digest, size = hashlib.blake2b(digest_size=16), 0
        with os.fdopen(fd, "wb") as tmp:
            for piece in pieces:
                data = piece.encode("utf-8") if isinstance(piece, str) else piece
                tmp.write(data)
                digest.update(data)
                size += len(data)
            tmp.flush()
            if durable:
                os.fsync(tmp.fileno())
        written = digest.digest()
        # the file as it is now, read only to compare: with this process's earlier read, or with bytes of its size
        current = (_file_digest(path) if before is not None and (key in _SEEN or before.st_size == size)
                   else None)
        _refuse_if_digest_changed(path, key, current)
        if current == written:
            os.unlink(tmp_name)
            return False
        os.chmod(tmp_name, before.st_mode & 0o7777 if before else 0o644)
        if before is not None and _changed(path, before):
            _refuse_if_digest_changed(path, key, _file_digest(path))
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    if key in _SEEN:
        _SEEN[key] = written
    if durable:
        _fsync_dir(path.parent)
    return True


def _file_digest(path: Path) -> bytes | None:
    """``_digest`` of a file's bytes, read in blocks; None when it is gone."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).digest()
    except FileNotFoundError:
        return None


def _refuse_if_digest_changed(path: Path, key: str, current: bytes | None) -> None:
    seen = _SEEN.get(key)
    if seen is not None and current != seen:
        raise WorkbenchError("changed on disk by another program since workbench read it; not overwritten, so "
                             "that change is kept: run the command again", path)


def _changed(path: Path, before: os.stat_result) -> bool:
    try:
        now = path.stat()
    except FileNotFoundError:
        return True
    return (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns)


def new_temp_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (fd, name), named after this process, for a writer that renames
    it over ``path`` when done; the stale ones of dead writers in that folder are swept first."""
    sweep_stale_temps(path.parent)
    return tempfile.mkstemp(prefix=f".{path.name}.wb{os.getpid()}-", suffix=".tmp", dir=path.parent)


def sweep_stale_temps(folder: Path) -> None:
    """Delete the temporary files of writers that died mid-write (``kill -9``, power loss) in ``folder``.

    Only files named as ``new_temp_file`` names them, made before this process
    started, by a process that no longer exists: never anything else, never a
    live writer's. Once per folder and process.
    """
    key = _key(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    with contextlib.suppress(OSError):
        with os.scandir(folder) as entries:
            for entry in entries:
                match = _TEMP_NAME.match(entry.name)
                if not match or _alive(int(match["pid"])):
                    continue
                with contextlib.suppress(OSError):
                    # a pid we cannot see (another container sharing the folder) writes it now: keep it
                    if entry.stat(follow_symlinks=False).st_mtime < _STARTED and entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, someone else's
        return True
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


# -- the lock -------------------------------------------------------------------

_HELD: dict[tuple[int, int], int] = {}  # (device, inode) of each lock file this process holds -> depth


@contextlib.contextmanager
def file_lock(path: str | Path, timeout: float = 600.0, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (created if needed); ``shared``: a reader's lock.

    A second ``workbench update`` started meanwhile waits here instead of
    interleaving its writes with ours; readers holding the shared lock wait
    for writers and writers for them. Re-entrant within a process (and its
    forked workers, which share the parent's lock): a command holding the lock
    may call a library function that takes it again.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if not (shared and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)):
            raise WorkbenchError(f"cannot create the lock file: {exc.strerror or exc}", path) from None
        fd = None  # a reader in a read-only tree: no workbench run can be rewriting it
    if fd is None:
        yield
        return
    stat = os.fstat(fd)
    held = (stat.st_dev, stat.st_ino)
    if held in _HELD:
        os.close(fd)
        _HELD[held] += 1
        try:
            yield
        finally:
            _HELD[held] -= 1
        return
    started = time.monotonic()
    told = False
    try:
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                waited = time.monotonic() - started
                if waited > timeout:
                    raise WorkbenchError("timed out waiting for the lock held by another workbench run", path)
                if waited > 1 and not told:  # say why nothing happens
                    print(f"workbench: waiting for another workbench run to finish (it holds {path})",
                          file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.05)
        _HELD[held] = 1
        yield
    finally:
        _HELD.pop(held, None)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def project_lock(locales_dir: str | Path, shared: bool = False) -> contextlib.AbstractContextManager[None]:
    """The lock every command that rewrites the project's catalogues or termbase holds meanwhile
    (``shared``: one that reads them all and must see them in one state)."""
    return file_lock(Path(locales_dir) / LOCK_NAME, shared=shared)


def lock_file_for(po: str | Path) -> Path:
    """The lock guarding a catalogue: its project's, if it is in a project's locales folder, else one beside it."""
    return _lock_of_folder(Path(po).resolve().parent)


def _lock_of_folder(folder: Path) -> Path:
    from workbench.config import find_root, load_config  # config reads files with this module

    try:
        locales = load_config(find_root(folder)).locales_dir.resolve()
        folder.relative_to(locales)
        return locales / LOCK_NAME
    except (ValueError, WorkbenchError):
        return folder / LOCK_NAME


@contextlib.contextmanager
def catalogue_locks(paths: Iterable[str | Path]) -> Iterator[None]:
    """Hold the locks of all these catalogues (one per project or loose folder), taken in a fixed order. A
    catalogue that is not there gets none (reading it says so): its lock would make a file, or a folder, beside
    a mistyped path, even in a dry run and outside any project."""
    folders = {Path(path).resolve().parent for path in paths if Path(path).is_file()}
    with contextlib.ExitStack() as stack:
        for lock in sorted({_lock_of_folder(folder) for folder in folders}):
            stack.enter_context(file_lock(lock))
        yield


# -- reading --------------------------------------------------------------------


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing file or a folder is a WorkbenchError naming the path.

    Remembered (as a digest), so that ``atomic_write`` can refuse to replace
    the file if another program changes it before this process writes it back.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WorkbenchError("no such file", path) from None
    except IsADirectoryError:
        raise WorkbenchError("is a folder, not a file", path) from None
    _SEEN[_key(path)] = _digest(data)
    return data


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

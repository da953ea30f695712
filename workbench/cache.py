"""Where workbench keeps what it can always recompute, and how it reads it back.

Two caches live here: parsed termbases with their matcher indexes
(``workbench.glossary.cache``) and entry-check results
(``workbench.checks.cache``). Both only ever save time: a missing, damaged or
foreign entry means recomputing, never an error and never a stale result.

What makes an entry trusted: it is written by ``save`` as a digest and the
pickled value, the digest a blake2b of the value's bytes keyed with the
entry's own name (its context), so damage, an edit, or a file copied over
another entry does not verify; it is read back by a class-restricted
unpickler (no code runs), and each cache checks the value's shape before
using it. (This guards against damage and clumsy tampering; whoever can write
the folder and has read this can forge an entry, so treat the folder as
trusted input, e.g. never restore a CI cache written by an untrusted job.)

The folder: ``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``, else
``~/.cache/workbench``; ``WORKBENCH_NO_CACHE=1`` switches every cache off.
Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable


def cache_root() -> Path | None:
    """The cache folder, or None when caching is switched off."""
    if os.environ.get("WORKBENCH_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("WORKBENCH_CACHE_DIR"):
        return Path(os.environ["WORKBENCH_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "workbench"
    return Path.home() / ".cache" / "workbench"


def source_digest(header: str, files: Iterable[Path], root: Path) -> str:
    """A digest of ``header`` (versions, a format number) and the source files it depends on.

    A cache entry keyed by it is never met by other code: an edited module, a new release."""
    digest = hashlib.sha256(header.encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class RestrictedUnpickler(pickle.Unpickler):
    """Builds plain data and the classes named in ``allowed`` only: a tampered file cannot run code."""

    allowed: frozenset[tuple[str, str]] = frozenset()

    def find_class(self, module, name):
        if (module, name) in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a workbench cache entry: {module}.{name}")


_MAGIC = b"wb-cache1"
_DIGEST_SIZE = 32


def _seal(context: str, payload: bytes) -> bytes:
    key = hashlib.blake2b(context.encode("utf-8", "surrogatepass"), digest_size=32).digest()
    return hashlib.blake2b(payload, key=key, digest_size=_DIGEST_SIZE).digest()


def save(path: Path, value, context: str) -> None:
    """Store ``value`` at ``path`` (atomically: a temporary file renamed over it) with the digest that ``load``
    checks; OSError or WorkbenchError when the folder cannot take it (the caller goes on without).

    Not ``fileio.atomic_write``: a cache file is not a user's file to compare or guard against an edit, and
    the old file read back and the pickle copied behind a header were twice its size in memory again."""
    from workbench.fileio import new_temp_file

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = new_temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC)
            handle.write(_seal(context, payload))
            handle.write(payload)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def load(path: Path, context: str, unpickler: type[RestrictedUnpickler]):
    """The value ``save`` stored at ``path`` for ``context``, or None: missing, damaged, edited, copied from
    another entry, or naming a class ``unpickler`` does not allow. The caller checks its shape."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST_SIZE
    if not data.startswith(_MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if data[len(_MAGIC):head] != _seal(context, payload):
        return None
    try:
        return unpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - a verified payload that still does not load: the caller recomputes
        return None


def prune(folder: Path, keep: int, group: Callable[[Path], str], protect: str | None = None,
          pattern: str = "*.pickle") -> None:
    """Delete the files of all but the ``keep`` groups used last (by newest modification time),
    never those of the group ``protect``; files vanishing meanwhile are fine."""
    newest: dict[str, float] = {}
    files: dict[str, list[Path]] = {}
    for path in folder.glob(pattern):
        with contextlib.suppress(OSError):
            key = group(path)
            files.setdefault(key, []).append(path)
            newest[key] = max(newest.get(key, 0.0), path.stat().st_mtime)
    for key in sorted(newest, key=newest.get, reverse=True)[keep:]:
        if key != protect:
            for path in files[key]:
                with contextlib.suppress(OSError):
                    path.unlink()

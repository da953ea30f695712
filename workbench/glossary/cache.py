"""Parsed termbases and built matcher indexes, kept on disk between runs.

Parsing a 50,000-concept TBX takes seconds, and so does building a
language's matcher index (the Russian one expands every term word into the
lemmas of all its forms with pymorphy3). Both are functions of the file's
bytes and of the code that reads them, so each is stored under a digest of:
the file's bytes, the path it was read under (terms keep it for messages),
workbench's version, the source of the glossary package and ``FORMAT``. A
changed file, or changed code, has another digest and never meets an old
entry. A matcher index is stored under its termbase's digest plus its
language and the morphology dictionary's version.

Entries are written atomically and read back by an unpickler that builds the
termbase's own classes and plain data only, nothing else. Any trouble (no
folder, a read-only one, a truncated or foreign file) means parsing as if
there were no cache: never an error, never a stale result.

Where: ``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``, else
``~/.cache/workbench``, in its ``termbase/`` folder, which keeps the entries
of the ``KEEP`` termbases used last. ``WORKBENCH_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

from workbench.cache import RestrictedUnpickler, cache_root, prune, source_digest

FORMAT = 1
KEEP = 8  # termbases whose entries are kept; older ones are deleted when a new one is stored
_SUFFIX = ".pickle"


def cache_dir() -> Path | None:
    """The termbase cache folder, or None when caching is off (``workbench.cache``)."""
    root = cache_root()
    return None if root is None else root / "termbase"


@lru_cache(maxsize=1)
def _code() -> str:
    """The version and the source of what turns a file into a termbase and a termbase into an index."""
    import lxml

    from workbench import __version__

    package = Path(__file__).resolve().parent
    return source_digest(f"{FORMAT}|{__version__}|lxml {lxml.__version__}",
                         sorted(package.glob("*.py")) + [package.parent / "langs.py"], package.parent)


def digest(data: bytes, path: str) -> str:
    """The cache key of a termbase file's ``data`` read under ``path``."""
    h = hashlib.sha256(_code().encode())
    h.update(path.encode("utf-8", "surrogatepass") + b"\0")
    h.update(data)
    return h.hexdigest()[:40]


def combined(digests: list[str]) -> str:
    """The key of a termbase merged from several files (their keys, in order)."""
    return hashlib.sha256("\0".join(digests).encode()).hexdigest()[:40]


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)[:80]


class _Unpickler(RestrictedUnpickler):
    """Builds the termbase model's classes and plain data; a file naming anything else is refused."""

    allowed = frozenset({("workbench.glossary.model", "Termbase"), ("workbench.glossary.model", "Concept"),
                         ("workbench.glossary.model", "Term")})


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection meanwhile: a termbase or an index is a million small objects, none of
    them garbage, and the collector would rescan them all again and again while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(key: str, part: str):
    """The value stored for (``key``, ``part``), or None (none stored, caching off, any failure)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}-{part}{_SUFFIX}"
    try:
        with open(path, "rb") as stream, paused_gc():
            value = _Unpickler(stream).load()
        os.utime(path)  # used now: the last to be pruned
        return value
    except Exception:  # noqa: BLE001 - a cache may only save time, never fail a run
        return None


def save(key: str, part: str, value) -> None:
    """Store ``value`` for (``key``, ``part``), atomically; failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(Exception):
        from workbench.fileio import atomic_write

        atomic_write(folder / f"{key}-{part}{_SUFFIX}", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder, key)


def _prune(folder: Path, keep: str) -> None:
    """Delete the entries of all but the ``KEEP`` termbases used last (and never ``keep``'s)."""
    prune(folder, KEEP, group=lambda path: path.name.split("-", 1)[0], protect=keep, pattern=f"*{_SUFFIX}")

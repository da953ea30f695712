"""Where workbench keeps what it can always recompute, and how it reads it back.

Two caches live here: parsed termbases with their matcher indexes
(``workbench.glossary.cache``) and entry-check results
(``workbench.checks.cache``). Both only ever save time: a missing, damaged or
foreign entry means recomputing, never an error and never a stale result.

The folder: ``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``, else
``~/.cache/workbench``; ``WORKBENCH_NO_CACHE=1`` switches every cache off.
Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
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

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

Entries are written atomically with a digest keyed by the entry's name
(``workbench.cache``) and read back by an unpickler that builds the
termbase's own classes and plain data only, nothing else; a value that does
not verify, or is not exactly the shape this code stores (``_fits``), is
ignored. Any trouble (no folder, a read-only one, a truncated, edited,
copied or foreign file) means parsing as if there were no cache: never an
error, never a stale or emptied termbase.

Where: ``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``, else
``~/.cache/workbench``, in its ``termbase/`` folder, which keeps the entries
of the ``KEEP`` termbases used last. ``WORKBENCH_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from workbench import cache
from workbench.cache import RestrictedUnpickler, cache_root, prune, source_digest
from workbench.glossary.model import STATUSES, Concept, Term, Termbase

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
    with paused_gc():
        value = cache.load(path, path.stem, _Unpickler)
    if value is None or not _fits(part, value):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to be pruned
    return value


def save(key: str, part: str, value) -> None:
    """Store ``value`` for (``key``, ``part``), atomically; failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(Exception):
        path = folder / f"{key}-{part}{_SUFFIX}"
        cache.save(path, value, path.stem)
        _prune(folder, key)


# -- what a stored value must look like: exactly what this code stores, or it is not used ------------------


def _fits(part: str, value) -> bool:
    try:
        return _index_fits(value) if part.startswith("index-") else part == "termbase" and _termbase_fits(value)
    except Exception:  # noqa: BLE001 - e.g. a dict key that cannot be hashed: not ours
        return False


def _strings(value, optional: bool = False) -> bool:
    return (value is None and optional) or isinstance(value, str)


def _attributes(value, cls) -> bool:
    """An instance of ``cls`` with exactly its dataclass fields (a pickle may give it any others, or none)."""
    return type(value) is cls and set(vars(value)) == {f.name for f in fields(cls)}


def _text_dict(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _text_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _term_fits(term) -> bool:
    return (_attributes(term, Term) and isinstance(term.text, str) and term.status in STATUSES
            and _strings(term.type, True) and _strings(term.pos, True) and type(term.case_sensitive) is bool
            and type(term.dnt) is bool and isinstance(term.note, str) and _text_dict(term.extra)
            and _text_list(term.raw) and type(term.proper) is bool and _strings(term.path, True)
            and (term.line is None or type(term.line) is int))


def _concept_fits(concept) -> bool:
    return (_attributes(concept, Concept) and isinstance(concept.id, str) and isinstance(concept.subject, str)
            and isinstance(concept.definition, str) and isinstance(concept.note, str)
            and isinstance(concept.terms, dict)
            and all(isinstance(language, str) and isinstance(terms, list) and all(map(_term_fits, terms))
                    for language, terms in concept.terms.items())
            and isinstance(concept.lang_info, dict) and all(isinstance(k, str) and _text_dict(v)
                                                            for k, v in concept.lang_info.items())
            and _text_dict(concept.extra) and _text_list(concept.raw)
            and isinstance(concept.lang_raw, dict) and all(isinstance(k, str) and _text_list(v)
                                                           for k, v in concept.lang_raw.items())
            and _strings(concept.path, True) and (concept.line is None or type(concept.line) is int))


def _termbase_fits(termbase) -> bool:
    return (_attributes(termbase, Termbase) and isinstance(termbase.concepts, list)
            and all(map(_concept_fits, termbase.concepts)) and isinstance(termbase.source_language, str)
            and isinstance(termbase.title, str) and isinstance(termbase.description, str)
            and _text_list(termbase.warnings) and _text_list(termbase.paths) and _strings(termbase.digest, True))


def _index_fits(value) -> bool:
    """(concepts, terms, table) as ``TermMatcher._build`` stores it, the table as ``_Index.table`` makes it."""
    if not (isinstance(value, tuple) and len(value) == 3 and type(value[0]) is int and type(value[1]) is int
            and isinstance(value[2], list)):
        return False
    for row in value[2]:
        if not (isinstance(row, tuple) and len(row) == 3 and isinstance(row[0], str) and type(row[1]) is int
                and isinstance(row[2], list)):
            return False
        for ref in row[2]:
            if not (isinstance(ref, tuple) and len(ref) == 7 and type(ref[0]) is int and isinstance(ref[1], str)
                    and type(ref[2]) is int and isinstance(ref[3], str) and isinstance(ref[4], tuple)
                    and all(isinstance(surface, str) for surface in ref[4])
                    and _strings(ref[5], True) and _strings(ref[6], True)):
                return False
    return True


def _prune(folder: Path, keep: str) -> None:
    """Delete the entries of all but the ``KEEP`` termbases used last (and never ``keep``'s)."""
    prune(folder, KEEP, group=lambda path: path.name.split("-", 1)[0], protect=keep, pattern=f"*{_SUFFIX}")

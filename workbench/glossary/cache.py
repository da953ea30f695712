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
import itertools
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

# the model's fields that may be None, and those that are not strings (a new field of the model that is not a
# string goes here, or no stored termbase fits: test_second_load_comes_from_the_cache says so)
_OPTIONAL = {Term: {"type", "pos", "path", "line"}, Concept: {"path", "line"}, Termbase: {"digest", "content_digest"}}
_TYPES = {"line": int, "case_sensitive": bool, "dnt": bool, "proper": bool, "extra": dict, "raw": list,
          "terms": dict, "lang_info": dict, "lang_raw": dict, "concepts": list, "warnings": list, "paths": list}


def _signatures(cls) -> frozenset[tuple]:
    """Every tuple of value types, field by field in order, that an instance of ``cls`` may have."""
    per_field = [(_TYPES.get(f.name, str),) + ((type(None),) if f.name in _OPTIONAL[cls] else ())
                 for f in fields(cls)]
    return frozenset(itertools.product(*per_field))


_SIGNATURES = {cls: _signatures(cls) for cls in (Term, Concept, Termbase)}
_NAMES = {cls: tuple(f.name for f in fields(cls)) for cls in (Term, Concept, Termbase)}


def _typed(value, cls) -> bool:
    """An instance of ``cls`` with exactly its fields, in order, each of its type: a pickle may give it any
    others, or none. (Two C-level passes per object: a big termbase has a million of them.)"""
    if type(value) is not cls:
        return False
    attributes = value.__dict__
    return tuple(attributes) == _NAMES[cls] and tuple(map(type, attributes.values())) in _SIGNATURES[cls]


def _fits(part: str, value) -> bool:
    try:
        return _index_fits(value) if part.startswith("index-") else part == "termbase" and _termbase_fits(value)
    except Exception:  # noqa: BLE001 - e.g. a dict key that cannot be hashed: not ours
        return False


def _texts(value) -> bool:
    """A list of strings, or a dict of strings to strings (empty, mostly)."""
    if type(value) is dict:
        return all(type(k) is str and type(v) is str for k, v in value.items())
    return type(value) is list and all(type(v) is str for v in value)


def _term_fits(term) -> bool:
    return _typed(term, Term) and term.status in STATUSES and (not term.extra or _texts(term.extra)) and (
        not term.raw or _texts(term.raw))


def _concept_fits(concept) -> bool:
    return (_typed(concept, Concept)
            and all(type(language) is str and type(terms) is list and all(map(_term_fits, terms))
                    for language, terms in concept.terms.items())
            and (not concept.lang_info or all(type(k) is str and type(v) is dict and _texts(v)
                                              for k, v in concept.lang_info.items()))
            and (not concept.extra or _texts(concept.extra)) and (not concept.raw or _texts(concept.raw))
            and (not concept.lang_raw or all(type(k) is str and type(v) is list and _texts(v)
                                             for k, v in concept.lang_raw.items())))


def _termbase_fits(termbase) -> bool:
    return (_typed(termbase, Termbase) and all(map(_concept_fits, termbase.concepts))
            and _texts(termbase.warnings) and _texts(termbase.paths))


# a table row's reference: (concept number, language, term number, text, surfaces, lead, trail)
_REFERENCES = frozenset(itertools.product((int,), (str,), (int,), (str,), (tuple,), (str, type(None)),
                                          (str, type(None))))


def _index_fits(value) -> bool:
    """(concepts, terms, table) as ``TermMatcher._build`` stores it, the table as ``_Index.table`` makes it."""
    if not (type(value) is tuple and len(value) == 3 and type(value[0]) is int and type(value[1]) is int
            and type(value[2]) is list):
        return False
    for row in value[2]:
        if not (type(row) is tuple and len(row) == 3 and type(row[0]) is str and type(row[1]) is int
                and type(row[2]) is list):
            return False
        for reference in row[2]:
            if not (type(reference) is tuple and tuple(map(type, reference)) in _REFERENCES
                    and all(type(surface) is str for surface in reference[4])):
                return False
    return True


def _prune(folder: Path, keep: str) -> None:
    """Delete the entries of all but the ``KEEP`` termbases used last (and never ``keep``'s)."""
    prune(folder, KEEP, group=lambda path: path.name.split("-", 1)[0], protect=keep, pattern=f"*{_SUFFIX}")

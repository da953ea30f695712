"""The project glossary (termbase): model, TBX and CSV exchange, matching, hints, validation.

The public API the CLI, ``workbench update`` and the checks call::

    termbase = load_termbase("glossary/")          # every *.tbx, *.csv, *.tsv in it, merged
    terminology = Terminology(termbase)            # or Terminology.for_project(config): what every feature asks
    terminology.find(text, "en")                   # -> [Hit(start, end, concept, term), ...]
    terminology.renderings(concept, "zh_CN")       # -> the approved terms, by the one language-fallback rule
    glossary_hints(terminology, msgid, "en", "zh_CN")  # -> ["Glossary: Mayor → 市长", ...]
    apply_hints(message, hints)                    # -> True if the entry changed
    validate_termbase(termbase, ["en", "zh_CN"])   # -> [Problem, ...]
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.fileio import read_bytes
from workbench.glossary import cache
from workbench.glossary.csvio import csv_from_bytes, read_csv, save_csv, write_csv
from workbench.glossary.hints import apply_hints, glossary_hints, hint_catalog
from workbench.glossary.matcher import Match, TermMatcher
from workbench.glossary.model import (
    ADMITTED, DEPRECATED, PREFERRED, STATUSES, SUPERSEDED, Concept, Term, Termbase,
)
from workbench.glossary.tbx import parse_tbx, read_tbx, save_tbx, write_tbx
from workbench.glossary.validate import Problem, validate_termbase

__all__ = [
    "ADMITTED", "DEPRECATED", "PREFERRED", "STATUSES", "SUPERSEDED", "Concept", "Match", "Problem", "Term",
    "TermMatcher", "Termbase", "apply_hints", "file_signature", "glossary_hints", "hint_catalog",
    "load_termbase", "parse_tbx", "read_csv", "read_termbase_file", "read_tbx", "save_csv", "save_tbx",
    "termbase_files", "validate_termbase", "write_csv", "write_tbx",
]

TERMBASE_SUFFIXES = (".tbx", ".csv", ".tsv")


def termbase_files(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TERMBASE_SUFFIXES
                  and not p.name.startswith("."))


def read_termbase_file(path: str | Path) -> Termbase:
    """One TBX (v2 or v3), CSV or TSV file, by its extension."""
    path = Path(path)
    return _parse(read_bytes(path), path)


def _parse(data: bytes, path: Path) -> Termbase:
    suffix = path.suffix.lower()
    if suffix == ".tbx" or suffix == ".xml":
        return parse_tbx(data, str(path))
    if suffix in (".csv", ".tsv", ".tab"):
        return csv_from_bytes(data, path)
    raise WorkbenchError("unknown termbase format: use .tbx, .csv or .tsv", path)


def _read_cached(path: Path) -> Termbase:
    """``read_termbase_file``, from the disk cache when this very content was parsed before (see ``cache``)."""
    data = read_bytes(path)
    key = cache.digest(data, str(path))
    termbase = cache.load(key, "termbase")
    if not isinstance(termbase, Termbase):
        with cache.paused_gc():
            termbase = _parse(data, path)  # the very bytes hashed: a file changing meanwhile cannot mislabel the entry
        cache.save(key, "termbase", termbase)
    termbase.digest = key
    termbase.content_digest = cache.digest(data, "")  # (the parse keeps the path: ``key`` must name it)
    return termbase


_CACHE: dict[tuple, Termbase] = {}


def file_signature(paths: list[Path]) -> tuple:
    """What a loaded termbase is kept under in memory: its files' paths, modification times and sizes."""
    return tuple((str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


def load_termbase(path: str | Path, use_cache: bool = True) -> Termbase:
    """A termbase file, or a folder's every *.tbx / *.csv / *.tsv merged (in name order).

    Kept in memory on the files' paths, sizes and modification times, and on
    disk on their content (``cache``); a caller that changes the returned
    termbase should work on a copy. ``use_cache=False`` reads the files afresh
    and keeps nothing: the termbase has no digest, so its matcher builds its
    indexes instead of loading or storing them.
    """
    path = Path(path)
    files = termbase_files(path) if path.is_dir() else [path]
    if not path.exists():
        raise WorkbenchError("no such file or folder", path)
    if not use_cache:
        return _merged(files, [read_termbase_file(file) for file in files])
    key = file_signature(files)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    termbase = _CACHE[key] = _merged(files, [_read_cached(file) for file in files])
    return termbase


def _merged(files: list[Path], parts: list[Termbase]) -> Termbase:
    """One termbase of the termbases read from ``files``, in their order."""
    if len(parts) == 1:
        termbase = parts[0]
        termbase.paths = [str(files[0])]
    else:
        digests = [p.digest for p in parts]
        contents = [p.content_digest for p in parts]
        termbase = Termbase(paths=[str(p) for p in files],
                            digest=cache.combined(digests) if all(digests) else None,
                            content_digest=cache.combined(contents) if all(contents) else None)
        for number, part in enumerate(parts):
            if number == 0:
                termbase.source_language, termbase.title, termbase.description = (
                    part.source_language, part.title, part.description)
            termbase.concepts.extend(part.concepts)  # duplicates across files are validate's to report
            termbase.warnings.extend(part.warnings)
    return termbase

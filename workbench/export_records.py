"""What an export wrote for each article, kept between runs: an article whose inputs are the bytes they were
when its files were written, and whose files are still as written, is not built again.

An article's inputs make its key (``ArticleRecords.key``): its source or template, its catalogue in every
language, and what the export adds to them (the checks' findings on those catalogues, the memory's suggestions
for their entries). What the whole export shares makes the context its records are kept under: workbench's
code and the libraries the formats use, the project's settings, the glossary's content, the options, the
output folder and the folder the command runs in. A file is still as written when its size and modification
time are the ones recorded just after writing it: an output edited, replaced or deleted by hand has its
article built again (and the file written again only where its bytes differ, as always).

The records are rows of one SQLite file in the cache folder (``workbench.cache``; ``WORKBENCH_NO_CACHE=1``
switches them off), read by the workers that build the articles and written by the export's own process in
one transaction at the end: a stopped export keeps the previous records, which still describe the files they
name or no longer match them. They only ever save time: a missing, damaged or foreign record means building the
article. As with the other caches, the folder is trusted input: values are read back by a class-restricted
unpickler, but whoever can write the folder can make an export skip an article.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sqlite3
import time
from pathlib import Path
from typing import Iterable

from workbench.cache import RestrictedUnpickler, cache_root

FORMAT = "1"
KEEP = 8  # export contexts (options, output folders, code) whose records are kept; the oldest go first


def _library_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("lxml", "python-docx", "markdown-it-py", "rapidfuzz", "simplemma"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)


def file_bytes(path: Path | None) -> bytes:
    """A file's bytes as a key's part, or a marker standing for no file (a language without a catalogue)."""
    if path is None:
        return b"\0none"
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return b"\0none"


class _Unpickler(RestrictedUnpickler):
    # what the records hold besides plain data: an article's line on the review's index and its matrix counts
    allowed = frozenset({
        ("workbench.review.model", "ArticleSummary"), ("workbench.review.model", "Language"),
        ("workbench.stats", "CatalogueStats"), ("workbench.stats", "Counts"),
    })


class ArticleRecords:
    """One export family's records (``family``: "review" or "exchange") in one context (``context``: the
    parts the whole export shares, as text); ``enabled`` False keeps none (the answers an article's key needs
    are not all known)."""

    KEPT = ("current",)  # what ``keep`` is handed for a stored record found ``current`` (no need to copy it)

    def __init__(self, family: str, context: Iterable[str], enabled: bool = True):
        from workbench.checks.cache import code_fingerprint

        root = cache_root() if enabled else None
        parts = [FORMAT, family, code_fingerprint(), _library_versions(), str(Path.cwd()), *context]
        self.context = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.path = None if root is None else root / "exports.sqlite"
        self.kept_names: set[str] = set()  # the articles (and pages) this export has a record of
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()

    @property
    def enabled(self) -> bool:
        return self.path is not None

    @staticmethod
    def key(parts: Iterable[bytes | str]) -> str:
        """The digest of an article's inputs, each part a file's bytes or a text (lengths included: two
        parts never read as one)."""
        digest = hashlib.blake2b(digest_size=20)
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def current(self, name: str, key: str) -> list[str] | None:
        """The files of ``name``'s record, if they were written from inputs of this ``key`` and every one of them
        is still as written; else None, and the article is built. (Asked where the decision is taken: a forked
        worker tells the parent with ``kept``, the parent itself with ``keep_current``.)"""
        record = self._stored(name)
        if record is None or record[0] != key:
            return None
        for path, size, mtime in record[1]:
            try:
                stat = os.stat(path)
            except OSError:
                return None
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return None
        return [path for path, _, _ in record[1]]

    def value_of(self, name: str):
        """What ``name``'s record keeps besides its files, made anew from its bytes each time it is asked for
        (the caller may change it: the matrix's counts are merged into the first article's); None when there
        is none."""
        record = self._stored(name, with_value=True)
        return None if record is None else _Unpickler(io.BytesIO(record[2])).load()

    def record(self, key: str, files: Iterable[Path], value) -> tuple | None:
        """The record of an article just written (its key, each file's size and modification time, ``value``),
        made where it was written (a forked worker) and handed to ``keep``; None when records are off or a file
        is not there."""
        if not self.enabled:
            return None
        stats = []
        for path in files:
            try:
                stat = os.stat(path)
            except OSError:
                return None
            stats.append((str(path), stat.st_size, stat.st_mtime_ns))
        return key, stats, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def keep(self, name: str, record: tuple | None) -> None:
        """Keep ``name``'s record for the next export: one ``record`` made (stored at once, not held: an export's
        records are about the size of its TMX), or ``KEPT`` for the stored one."""
        if record is None:
            return
        self.kept_names.add(name)
        if record == self.KEPT:
            return
        key, stats, value = record
        with contextlib.suppress(sqlite3.Error, OSError):
            db = self._connection()
            if db is not None:  # (a record that cannot be stored: the article is built next time)
                db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
                           (self.context, name, key, _stats_text(stats), value))

    def close(self) -> None:
        """Close this process's connection; before forking workers, which open their own (SQLite's locks are a
        process's: a connection open across a fork can corrupt the file)."""
        if self._db is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def save(self) -> None:
        """At the end of an export: the context's records of articles it did not export are dropped, and the
        oldest contexts beyond ``KEEP``. A stopped export keeps the records it stored: each describes files
        that were written."""
        if self.path is None:
            return
        try:
            self._finish()
        finally:
            self.close()

    def _finish(self) -> None:
        with contextlib.suppress(sqlite3.Error, OSError):
            db = self._connection()
            if db is None:
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (name TEXT PRIMARY KEY)")
                db.execute("DELETE FROM kept")
                db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(name,) for name in self.kept_names])
                db.execute("DELETE FROM records WHERE context = ? AND name NOT IN (SELECT name FROM kept)",
                           (self.context,))
                db.execute("INSERT OR REPLACE INTO contexts VALUES (?, ?)", (self.context, time.time()))
                old = [row[0] for row in db.execute("SELECT context FROM contexts ORDER BY used DESC")][KEEP:]
                for context in old:
                    db.execute("DELETE FROM records WHERE context = ?", (context,))
                    db.execute("DELETE FROM contexts WHERE context = ?", (context,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _stored(self, name: str, with_value: bool = False) -> tuple | None:
        """(key, files, value's bytes or None) of ``name``'s record in this context, or None."""
        if self.path is None:
            return None
        try:
            db = self._connection()
            row = db.execute(f"SELECT key, files, {'value' if with_value else 'NULL'} FROM records "
                             "WHERE context = ? AND name = ?", (self.context, name)).fetchone() if db is not None else None
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], str) or (with_value and not isinstance(row[2], bytes)):
            return None
        stats = _stats_of(row[1])
        return (row[0], stats, row[2]) if stats is not None else None

    def _connection(self) -> sqlite3.Connection | None:
        """This process's connection (a forked worker opens its own: a connection never crosses a fork)."""
        if self._db is None or self._pid != os.getpid():
            self._pid = os.getpid()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = OFF")  # a cache: a record lost in a crash means building
                db.execute("CREATE TABLE IF NOT EXISTS records (context TEXT, name TEXT, key TEXT, files TEXT, "
                           "value BLOB, PRIMARY KEY (context, name))")
                db.execute("CREATE TABLE IF NOT EXISTS contexts (context TEXT PRIMARY KEY, used REAL)")
            except sqlite3.DatabaseError:  # not a database (damaged): made anew
                db.close()
                with contextlib.suppress(OSError):
                    self.path.unlink()
                return None
            self._db = db
        return self._db


def _stats_text(stats: list[tuple[str, int, int]]) -> str:
    return "\n".join(f"{size}\t{mtime}\t{path}" for path, size, mtime in stats)


def _stats_of(text) -> list[tuple[str, int, int]] | None:
    """The files of a record as ``_stats_text`` wrote them; None for anything else."""
    if not isinstance(text, str):
        return None
    stats = []
    for line in text.split("\n") if text else []:
        size, mtime, path = (line.split("\t", 2) + ["", ""])[:3]
        if not (size.isdigit() and mtime.isdigit() and path):
            return None
        stats.append((path, int(size), int(mtime)))
    return stats

"""Bringing ``build/memory.sqlite`` up to date with the files it is made from, incrementally.

The files: every catalogue (``workbench.layout.find_catalogues``), every ``*.tmx`` in the project's
``tm/`` folder and each shared memory the config names. The ``files`` table remembers each one's
size, mtime and SHA-256: a file whose size and mtime are unchanged is not opened, one whose digest
is unchanged is not parsed, and only a changed file's units are replaced. Everything happens in
one transaction under the memory's own lock, so a failed sync (a malformed catalogue or TMX file:
WorkbenchError) leaves the memory as it was, and two runs never interleave.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.fileio import file_lock
from workbench.layout import find_catalogues, find_files
from workbench.tm.match import pack, read_source
from workbench.tm.memory import Memory, SyncReport, Unit, _ids, file_digest, fold, keeps_full_text, words


def _files(config: Config) -> Iterator[tuple[str, Path, str, str | None]]:
    """(key, path, kind, language) of every file the memory is made from; key is what references name."""
    for language, _article, path in find_catalogues(config):
        yield config.relative(path), path, "po", language
    folder = config.tm_dir
    if folder.is_dir():
        for path in find_files([folder], (".tmx",)):
            yield config.relative(path), path, "tmx", None
    for shared in config.tm:
        path = config.path(shared)
        if not path.is_file():
            raise WorkbenchError(f"the shared translation memory {shared.as_posix()} (tm in [tool.workbench]) "
                                 "does not exist", config.root / "pyproject.toml")
        yield shared.as_posix(), path, "tmx", None  # named as the config names it


def file_count(config: Config) -> int:
    """How many files the memory is made from (what ``sync`` looks at)."""
    return len({key for key, _, _, _ in _files(config)})


def sync(memory: Memory, progress: Callable[[int], None] | None = None) -> SyncReport:
    """Bring the memory up to date with the project's files (``progress(1)`` as each file is looked at or
    read). The catalogues to read are read on every core (``_read_catalogue``), while this process writes what
    they hold, file by file in the files' order (the rows are numbered as one process numbers them)."""
    from workbench.parallel import map_files

    config = memory.config
    lock = memory.path.with_name(memory.path.name + ".lock")
    with file_lock(lock):
        report = SyncReport()
        db = memory.db
        known = {row[0]: row[1:] for row in db.execute("SELECT path, id, size, mtime_ns, sha256 FROM files")}
        # every file once, with its size and mtime, its row when the memory has read it before, and whether
        # both say it is as it was then (not opened)
        files, seen = [], set()
        for key, path, kind, language in _files(config):
            if key not in seen:
                seen.add(key)
                stat, row = path.stat(), known.get(key)
                same = row is not None and (row[1], row[2]) == (stat.st_size, stat.st_mtime_ns)
                files.append((key, path, kind, language, stat, row, same))
        read = iter(map_files(lambda item: _read_catalogue(config, *item),
                              [(path, key, language, row[3] if row else None)
                               for key, path, kind, language, _, row, same in files if kind == "po" and not same],
                              ahead=4))
        db.execute("BEGIN IMMEDIATE")
        full_text = keeps_full_text(db)
        try:
            start_touching(db)
            for key, path, kind, language, stat, row, same in files:
                report.files += 1
                if progress:
                    progress(1)
                if same:
                    continue
                if kind == "po":
                    digest, units, readings = next(read)
                else:
                    digest, readings = file_digest(path), None
                    units = None if row and row[3] == digest else _tmx_units(config, path, key)
                if units is None:  # the same bytes (touched, or copied back)
                    db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                               (stat.st_size, stat.st_mtime_ns, row[0]))
                    continue
                if row:
                    _drop_units(db, row[0], full_text)
                    db.execute("UPDATE files SET size = ?, mtime_ns = ?, sha256 = ? WHERE id = ?",
                               (stat.st_size, stat.st_mtime_ns, digest, row[0]))
                    file_id = row[0]
                else:
                    file_id = db.execute("INSERT INTO files (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
                                         (key, stat.st_size, stat.st_mtime_ns, digest)).lastrowid
                insert_units(db, file_id, units, full_text, readings)
                report.read += 1
            for key, row in known.items():
                if key not in seen:
                    _drop_units(db, row[0], full_text)
                    db.execute("DELETE FROM files WHERE id = ?", (row[0],))
                    report.removed += 1
            reindex(db, full_text)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return report


def _read_catalogue(config: Config, path: Path, key: str, language: str, known: str | None
                     ) -> tuple[str, list[Unit] | None, dict[str, tuple] | None]:
    """One catalogue read for ``sync`` (in a worker): its digest, its units and what ``insert_units`` stores of
    each of their sources (``_source_columns``); no units when its digest is the one the memory knows."""
    digest = file_digest(path)
    if digest == known:
        return digest, None, None
    units = list(_po_units(config, path, key, language))
    return digest, units, {unit.source: _source_columns(unit.source, unit.source_language) for unit in units}


def add_tmx(memory: Memory, path: Path, key: str, reference: str,
            skipped: list[tuple[int, str]] | None = None, progress: Callable[[int], None] | None = None) -> None:
    """Add one TMX file's units (``Memory.from_tmx``), inside the caller's transaction; the units it
    leaves out (fuzzy, empty, untranslated) listed in ``skipped`` as (line, reason); ``progress(n)`` as n
    more of its bytes are read."""
    file_id = memory.db.execute("INSERT INTO files (path, size, mtime_ns, sha256) VALUES (?, 0, 0, '')",
                                (key,)).lastrowid
    units = _tmx_units(memory.config, path, reference, origin=path.name, skipped=skipped, progress=progress)
    full_text = keeps_full_text(memory.db)
    start_touching(memory.db)
    insert_units(memory.db, file_id, units, full_text)
    reindex(memory.db, full_text)


# -- reading the files ------------------------------------------------------------------


def _po_units(config: Config, path: Path, key: str, language: str) -> Iterator[Unit]:
    from workbench.exchange.common import po_date
    from workbench.layout import MESSAGES
    from workbench.po.reader import read_po

    catalog = read_po(path)
    moment = po_date(catalog.header_field("PO-Revision-Date"))
    date = moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
    folder = config.locales_dir / language / MESSAGES
    origin = path.relative_to(folder).with_suffix("").as_posix()
    for message in catalog.entries():
        if message.fuzzy:
            continue
        forms = [(message.msgid, 0)] + ([(message.msgid_plural, 1)] if message.plural else [])
        translations = message.translations
        for source, form in forms:
            if source and form < len(translations) and translations[form]:
                yield Unit(source, translations[form], config.source_language, language, origin,
                           f"{key}:{message.lineno}", message.msgctxt, date)


def _tmx_units(config: Config, path: Path, key: str, origin: str | None = None,
               skipped: list[tuple[int, str]] | None = None,
               progress: Callable[[int], None] | None = None) -> Iterator[Unit]:
    from workbench.exchange.tmx import read_units

    for tu in read_units(path, config.source_language, skipped, progress):
        for language, text, date, line in tu.targets:  # the reference names the translation's <tuv>
            yield Unit(tu.source, text, tu.source_language, language, tu.origin or origin or path.name,
                       f"{key}:{line}", tu.context, date)


# -- writing the tables -------------------------------------------------------------------


def _source_columns(source: str, language: str) -> tuple[int, int, str, str]:
    """What the memory stores beside a source (its ``segments`` row): length, distinct index words, folded
    text, reading (``match.pack``)."""
    return (len(source), len(set(words(source))), fold(source, language),
            pack(read_source.__wrapped__(source, language)))  # (not kept: read once)


def insert_units(db, file_id: int, units: Iterable[Unit], full_text: bool,
                 columns: dict[str, tuple] | None = None) -> None:
    """Insert units (their sources as segments), and their texts in the full-text indexes if the memory keeps
    them (``keeps_full_text``); the (target language, segment) pairs they touch are noted (``start_touching``).
    ``columns``: each source's ``_source_columns``, made already (by the worker that read the units)."""
    touched = set()  # (of this file: noted once it is written)
    segment_ids: dict[str, int] = {}
    for unit in units:
        segment_id = segment_ids.get(unit.source)
        if segment_id is None:
            row = db.execute("SELECT id FROM segments WHERE text = ?", (unit.source,)).fetchone()
            if row:
                segment_id = row[0]
            else:
                length, distinct, folded, reading = (columns[unit.source] if columns is not None else
                                                     _source_columns(unit.source, unit.source_language))
                segment_id = db.execute(
                    "INSERT INTO segments (text, length, words, reading_language, folded, reading) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (unit.source, length, distinct, unit.source_language, folded, reading)).lastrowid
                if full_text:
                    db.execute("INSERT INTO segments_fts (rowid, text) VALUES (?, ?)", (segment_id, unit.source))
            segment_ids[unit.source] = segment_id
        unit_id = db.execute(
            "INSERT INTO units (file_id, segment_id, target, source_language, target_language, origin, reference, "
            "context, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (file_id, segment_id, unit.target, unit.source_language, unit.target_language, unit.origin,
             unit.reference, unit.context, unit.date)).lastrowid
        if full_text:
            db.execute("INSERT INTO targets_fts (rowid, target) VALUES (?, ?)", (unit_id, unit.target))
        touched.add((unit.target_language, segment_id))
    _touch(db, touched)


def _drop_units(db, file_id: int, full_text: bool) -> None:
    touched = set()
    for unit_id, target, language, segment_id in db.execute(
            "SELECT id, target, target_language, segment_id FROM units WHERE file_id = ?", (file_id,)).fetchall():
        if full_text:
            db.execute("INSERT INTO targets_fts (targets_fts, rowid, target) VALUES ('delete', ?, ?)",
                       (unit_id, target))
        touched.add((language, segment_id))
    db.execute("DELETE FROM units WHERE file_id = ?", (file_id,))
    _touch(db, touched)


def start_touching(db) -> None:
    """Start noting the (target language, segment) pairs a change touches, for ``reindex``: in a table, not
    here (a first build touches every pair: 270,000 at 2,000 articles)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (target_language TEXT NOT NULL, segment_id INTEGER NOT NULL, "
               "PRIMARY KEY (target_language, segment_id)) WITHOUT ROWID")
    db.execute("DELETE FROM temp.touched")


def _touch(db, pairs: set[tuple[str, int]]) -> None:
    db.executemany("INSERT OR IGNORE INTO temp.touched VALUES (?, ?)", sorted(pairs))


def reindex(db, full_text: bool) -> None:
    """Bring the language index and the word index up to date for the (target language, segment) pairs the change
    touched (``start_touching``), stamp them with this change's number (``Memory.answer_signature``), and drop
    sources no unit uses any more. A source's words are posted while any language has units of it. SQLite does
    most of it, from the table of those pairs (asked one by one, or held here as rows, they were most of a first
    build's time and memory)."""
    if db.execute("SELECT 1 FROM temp.touched LIMIT 1").fetchone() is None:
        return
    row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    stamp = int(row[0]) + 1 if row and str(row[0]).isdigit() else 1
    db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (str(stamp),))
    db.execute("INSERT OR REPLACE INTO stamps SELECT target_language, segment_id, ? FROM temp.touched", (stamp,))
    # what the candidate search reads changes with the sources indexed in a language, and with those posted
    # (indexed in any): stamped too, so that a search known unchanged is not made again (``index_stamps``).
    # Each pair whose language now has units of the source and is not indexed there, or the other way round,
    # with whether the source was posted before this change
    db.execute("DROP TABLE IF EXISTS temp.changed")
    db.execute(
        "CREATE TEMP TABLE changed AS SELECT target_language, segment_id, present, "
        "EXISTS (SELECT 1 FROM indexed i WHERE i.segment_id = t.segment_id) AS posted FROM ("
        " SELECT t.target_language, t.segment_id, "
        " EXISTS (SELECT 1 FROM units u WHERE u.segment_id = t.segment_id AND u.target_language = t.target_language)"
        " AS present, "
        " EXISTS (SELECT 1 FROM indexed i WHERE i.target_language = t.target_language AND i.segment_id = t.segment_id)"
        " AS here FROM temp.touched t) t WHERE present != here")
    reindexed = {language for (language,) in db.execute("SELECT DISTINCT target_language FROM temp.changed")}
    db.execute("INSERT INTO indexed SELECT target_language, segment_id FROM temp.changed WHERE present")
    db.execute("DELETE FROM indexed WHERE (target_language, segment_id) IN "
               "(SELECT target_language, segment_id FROM temp.changed WHERE NOT present)")
    # word -> (the segments posted now, those no longer posted), each an array of ascending ids (a first build
    # posts every source's words: as sets of Python integers they were most of its memory)
    changes: dict[str, tuple[array, array]] = defaultdict(lambda: (array("I"), array("I")))
    orphans: dict[int, str] = {}  # segment -> its text, for those no unit uses any more
    for segment_id, text, before, after, used in db.execute(
            "SELECT s.id, s.text, c.posted, EXISTS (SELECT 1 FROM indexed i WHERE i.segment_id = s.id), "
            "EXISTS (SELECT 1 FROM units u WHERE u.segment_id = s.id) "
            "FROM (SELECT DISTINCT segment_id, posted FROM temp.changed) c JOIN segments s ON s.id = c.segment_id "
            "ORDER BY s.id"):
        if bool(before) == bool(after):
            continue
        for word in set(words(text)):
            changes[word][0 if after else 1].append(segment_id)
        if not after and not used:
            orphans[segment_id] = text
    db.execute("DROP TABLE temp.changed")
    db.execute("DELETE FROM temp.touched")
    for key, (posted, unposted) in changes.items():
        row = db.execute("SELECT ids FROM postings WHERE key = ?", (key,)).fetchone()
        if row is None and not unposted:
            ids = posted  # (ascending, each once: a new word's postings as they are)
        else:
            ids = array("I", sorted(((set(_ids(row[0])) if row else set()) | set(posted)) - set(unposted)))
        if ids:
            db.execute("INSERT OR REPLACE INTO postings VALUES (?, ?)", (key, ids.tobytes()))
        else:
            db.execute("DELETE FROM postings WHERE key = ?", (key,))
    if changes or orphans:
        reindexed.add("")  # the posted sources: every language's search
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                   [(f"indexed:{language}", str(stamp)) for language in sorted(reindexed)])
    for segment_id, text in sorted(orphans.items()):
        if full_text:
            db.execute("INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', ?, ?)",
                       (segment_id, text))
        db.execute("DELETE FROM segments WHERE id = ?", (segment_id,))  # (its stamps stay: an id used again is
        # stamped anew by the units that use it)


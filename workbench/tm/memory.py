"""The translation memory: units (source, target, where from) in ``build/memory.sqlite``, found three ways.

What is in it, and only that (the file is a cache, safe to delete, rebuilt by the next command):

* every translated, non-fuzzy entry of every catalogue of the project (all articles, all languages),
  one unit per msgstr form (msgid → msgstr[0], msgid_plural → msgstr[1]);
* the units of the TMX files in the project's ``tm/`` folder (``workbench tm import`` copies them there);
* the units of the shared memories the config names (``tm = ["../shared-memory.tmx"]``).

``sync`` brings the file up to date in one transaction: a table of the files read, with size,
mtime and SHA-256, says which changed; only those are read again, and a file gone takes its units
with it. A file that is not an SQLite database, is shorter than its header says (truncated), or
fails ``PRAGMA quick_check`` is moved aside (``memory.sqlite.damaged``) and rebuilt, never trusted;
one another version of workbench wrote (another schema) is rebuilt. The header and size are checked on every open (microseconds);
``quick_check`` (about 0.4 s at 270,000 units) on ``tm status``, when a day has passed since the
last one, and when an operation fails on the file.

Finding units:

* ``exact``: the same source text (an index);
* ``candidates``: the units whose source may score at or above a fuzzy threshold, for the matcher
  (``workbench.tm.match``). Sources are cut into folded words (CJK into characters, numbers into
  one token ``0``); an inverted index maps each word to the distinct sources that hold it, whatever
  the target language. A lookup reads the postings of the query's rarest words only (a source sharing
  none of them has too few words in common to reach the threshold: prefix filtering), counts the
  hits (numpy), and ranks those sources by word edit distance (each word coded as one character, so
  rapidfuzz compares them in C), then character ratio. That search is kept for the same source's
  lookups in the other languages, which only select their own sources from it (a batch asks for the
  same English sentence in every language). Each source is stored folded and read as the matcher reads it
  (``match.pack``), so a process does not fold or read ninety thousand sources again; a lookup keeps
  its candidates' units for the next one (templated sentences meet the same candidates). Short sources (three words or
  fewer), where one changed word is a third of the sentence, are compared with every short source
  of the language instead: there are few, and a brute-force scan of them loses nothing;
* ``search``: concordance, an FTS5 trigram index on the sources and the targets (any script, case
  folded), made at a memory's first search and kept up to date from then on, and a scan for a phrase
  shorter than three characters (two Chinese characters).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import time
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import regex as re
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from workbench.config import Config

SCHEMA_VERSION = 5  # 3: each source stored with its reading (``match.pack``), a change to it needs a new one; 4: postings by word;
# 5: each source's units in a language stamped with the sync that last changed them (``answer_signature``)
FILE_NAME = "memory.sqlite"

# -- the contract with the matcher ----------------------------------------------------


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    source_language: str  # gettext codes, as the catalogues use them (zh_CN); TMX xml:lang mapped to them
    target_language: str
    origin: str  # article name (the template's stem) or the TMX file's name (or its unit's x-origin)
    reference: str  # "locales/zh_CN/LC_MESSAGES/article.po:123" or "tm/vendor.tmx:57"
    context: str | None  # msgctxt
    date: str | None  # ISO 8601: the catalogue's PO-Revision-Date, the TMX unit's changedate/creationdate


@dataclass(frozen=True)
class Candidate:
    """A source the candidate search found: ``key`` asks the memory for its units (``units_for``); ``language``
    is the one it is read in (its first unit's source language)."""

    key: int
    source: str
    language: str


# -- words of a source, for the candidate index ------------------------------------------

_CODE = re.compile(r"</?[A-Za-z][^<>]*>|%(?:\([^()]*\))?[-+#0 ]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")
_WORD = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{M}\p{N}]+")
SHORT = 3  # a source of at most this many words is compared with every short source (see the docstring)
_SHORT_CHARS = 60  # ... and the short sources kept for that are at most this long (folded)
_DIGITS = re.compile(r"\d+")
_POOL = 10  # short sources: candidates compared word by word per one returned
_FLOOR = 50  # rapidfuzz ratio below which a source is no candidate (the matcher's thresholds are higher)
# how much further (word edit distance over the longer, unit costs) than the closest ``limit`` a source may be and
# still be ranked: about one word of a news sentence, since a word replaced by a nearly identical one ("cultural"
# for "agricultural") costs the matcher a fraction of a word; ranked by word distance and character ratio together
_MARGIN = 0.07
# candidate searches a memory keeps, for the same source in the other languages: an article's catalogues are looked
# up one after the other, about four entries each, so a search is asked again within a few; 256 held 9.6 MB of a
# prefetching worker and churned its heap (its arrays), 32 gave the same answers over 1,000 articles
_RANKINGS = 32
# candidate sources whose units and packed reading a memory keeps for the next lookups; over 500 articles' lookups
# (one process, with ``match._BOUNDS_KEPT``) 5,000 and 50,000 took 54.2-56.2 s of CPU against 51.2-52.5 s for
# 20,000 and 200,000, and peaked at 257 MB against 313 (a prefetching worker is an export's largest process)
_KEPT = 5_000


def words(text: str) -> list[str]:
    """The folded words of a source: placeholders and tags left out, every number the token ``0``."""
    found = []
    for word in _WORD.findall(_CODE.sub(" ", text).casefold()):
        # a word of letters alone (most) has no digit: the test character by character only for the others
        found.append(word if word.isalpha() or not any(c.isdigit() for c in word) else "0")
    return found


def found_by_index(phrase: str) -> bool:
    """Whether ``Memory.search`` asks the full-text (trigram) indexes for ``phrase``: not for one shorter than a
    trigram, which is found by scanning."""
    return len(phrase.strip()) >= 3


def phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text``, case-insensitively: (start, end) pairs, for highlighting."""
    if not phrase:
        return []
    return [m.span() for m in re.finditer(re.escape(phrase), text, flags=re.IGNORECASE | re.V1)]


# -- the file ------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, length INTEGER NOT NULL,
                       words INTEGER NOT NULL,  -- distinct index words
                       -- as the candidate search and the matcher read it, in the language of its first unit's source
                       reading_language TEXT NOT NULL, folded TEXT NOT NULL, reading TEXT NOT NULL);
CREATE INDEX segments_length ON segments (length);
CREATE TABLE units (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, segment_id INTEGER NOT NULL,
                    target TEXT NOT NULL, source_language TEXT NOT NULL, target_language TEXT NOT NULL,
                    origin TEXT NOT NULL, reference TEXT NOT NULL, context TEXT, date TEXT);
CREATE INDEX units_segment ON units (segment_id, target_language);
CREATE INDEX units_file ON units (file_id);
CREATE INDEX units_language ON units (target_language);
-- the sources indexed for each target language (a source is in the postings while it is indexed for one)
CREATE TABLE indexed (target_language TEXT NOT NULL, segment_id INTEGER NOT NULL,
                      PRIMARY KEY (target_language, segment_id)) WITHOUT ROWID;
CREATE INDEX indexed_segment ON indexed (segment_id);
-- word -> sorted ids of the segments indexed in any language, an array of unsigned 32-bit integers
CREATE TABLE postings (key TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
-- (target language, segment) -> the number of the sync that last added or dropped a unit of it in that language
CREATE TABLE stamps (target_language TEXT NOT NULL, segment_id INTEGER NOT NULL, stamp INTEGER NOT NULL,
                     PRIMARY KEY (target_language, segment_id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE segments_fts USING fts5 (text, content='segments', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE targets_fts USING fts5 (target, content='units', content_rowid='id', tokenize='trigram');
"""
# the full-text indexes (``Memory.search``'s, nothing else's) are made the first time a memory is searched and kept
# up to date from then on: making them as the memory was built cost a first build a third of its time. A memory
# made before that has them (no such key).
_FULL_TEXT_LATER = "INSERT INTO meta VALUES ('full-text', 'later')"
_INDEXED_AT_ONCE = 20_000


def keeps_full_text(db: sqlite3.Connection) -> bool:
    """Whether this memory's full-text indexes are made (and so must follow each change to its rows)."""
    return db.execute("SELECT 1 FROM meta WHERE key = 'full-text'").fetchone() is None


def memory_path(config: Config) -> Path:
    return config.build_dir / FILE_NAME


class DamagedMemory(Exception):
    """The file is no memory this version wrote: it is moved aside and rebuilt."""


class OtherVersion(DamagedMemory):
    """A sound memory another version of workbench wrote (another schema): rebuilt, and not kept aside, since
    there is nothing wrong with it to report (a memory is a cache of the catalogues and TMX files)."""


def _ids(blob: bytes) -> array:
    ids = array("I")
    ids.frombytes(blob)
    return ids


class _Index:
    """Every indexed source of the memory, by segment id (numpy arrays, so that a lookup selects its candidates'
    texts without a Python loop): folded for rapidfuzz, its words coded as a string (``_Words``), and which target
    languages have units of it. One index serves every language: the candidate search of a source is made once
    and each language takes its own from it (a batch looks the same English sentence up in every language)."""

    def __init__(self, sources: Iterable[tuple[int, str, int]], languages: dict[str, np.ndarray], source_language: str,
                 coder: "_Words"):
        """``sources``: (segment id, folded text, the source's length) of every indexed source, by id, read one
        at a time (a memory's rows all fetched at once were half a lookup process's peak: 873,231 sources
        at 10×); ``languages``: each target language's indexed segment ids."""
        self.source_language = source_language  # (month names)
        ids, texts, short = array("q"), [], array("q")
        for segment_id, folded, length in sources:
            ids.append(segment_id)
            texts.append(folded)
            if length <= _SHORT_CHARS:
                short.append(segment_id)
        positions = np.frombuffer(ids, dtype=np.int64) if ids else np.empty(0, dtype=np.int64)
        self.size = int(positions.max(initial=0)) + 1
        self.texts = np.empty(self.size, dtype=object)
        self.coded = np.empty(self.size, dtype=object)
        self.known = np.zeros(self.size, dtype=bool)
        self.texts[positions] = texts
        self.coded[positions] = list(map(coder, texts))
        self.known[positions] = True
        self.short_all = np.frombuffer(short, dtype=np.int64).copy() if short else np.empty(0, dtype=np.int64)
        self.languages: dict[str, np.ndarray] = {}
        for language, members in languages.items():
            mask = self.languages[language] = np.zeros(self.size, dtype=bool)
            mask[members[members < self.size]] = True
        self._short: dict[str, tuple[list[int], list[str]]] = {}

    def short(self, language: str) -> tuple[list[int], list[str]]:
        """The language's short sources (at most ``_SHORT_CHARS``), ids and folded texts."""
        if language not in self._short:
            mask = self.languages.get(language)
            ids = self.short_all[mask[self.short_all]] if mask is not None else self.short_all[:0]
            self._short[language] = (ids.tolist(), self.texts[ids].tolist())
        return self._short[language]


@dataclass
class _Ranking:
    """A source's candidate sources in every language: the segment ids the postings found (32 bits), their word
    edit distances, and the character ratios the languages needed so far: ``rated`` (positions, sorted) and
    ``ratios``. A lookup needs those of the closest only (a quarter of the candidates where templated sentences
    tie), and a memory keeps ``_RANKINGS`` searches of up to 100,000 candidates each in a memory of millions of
    units: a full array of ratios was as large as the distances."""

    query: str  # folded
    ids: np.ndarray
    distances: np.ndarray
    rated: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    ratios: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float64))

    def ratios_at(self, positions: np.ndarray, texts: np.ndarray) -> np.ndarray:
        """The character ratios of the candidates at ``positions`` (sorted) to the query, those not known yet
        computed (on ``texts``, the index's folded sources) and kept."""
        at = np.searchsorted(self.rated, positions)
        known = at < len(self.rated)
        known[known] = self.rated[at[known]] == positions[known]
        values = np.empty(len(positions), dtype=np.float64)
        values[known] = self.ratios[at[known]]
        missing = positions[~known]
        if len(missing):
            found = process.cdist([self.query], texts[self.ids[missing]], scorer=fuzz.ratio, dtype=np.float64)[0]
            values[~known] = found
            at = at[~known]  # where each goes among those known (``positions`` are sorted, so ``missing`` is)
            self.rated, self.ratios = np.insert(self.rated, at, missing), np.insert(self.ratios, at, found)
        return values


class _Words:
    """A folded text's words as a string of one character per distinct word: rapidfuzz's edit distance on two
    such strings is the word edit distance, computed in C on strings a twentieth of the text's size."""

    def __init__(self):
        self.codes: dict[str, str] = {}

    def __call__(self, folded: str) -> str:
        codes = self.codes
        coded = []
        for word in folded.split():
            code = codes.get(word)
            if code is None:  # the supplementary planes: no surrogates, a million words
                code = codes[word] = chr(0x10000 + min(len(codes), 0xEFFFF))
            coded.append(code)
        return "".join(coded)


@lru_cache(maxsize=16)
def _months(language: str) -> re.Pattern:
    """The language's month names (CLDR, wide and abbreviated), folded: the matcher reads dates by them."""
    from babel.dates import get_month_names

    from workbench.langs import locale_for

    try:
        locale = locale_for(language)
    except Exception:  # noqa: BLE001 - a language CLDR does not know: no month names to fold
        return re.compile(r"(?!)")
    names = {utils.default_process(name) for width in ("wide", "abbreviated")
             for name in get_month_names(width, locale=locale).values()}
    return re.compile(r"\b(?:" + "|".join(sorted((re.escape(n) for n in names if n), key=len, reverse=True)) + r")\b")


def fold(text: str, language: str = "en") -> str:
    """A source as candidates are compared: rapidfuzz's default processing (lower case, no punctuation),
    every number and month name ``0`` (the matcher normalises dates and numbers: "May 3" and "August 29"
    differ in nothing)."""
    return _months(language).sub("0", _DIGITS.sub("0", utils.default_process(text)))


def _closest(source: str, ids: list[int], texts: list[str], limit: int, language: str) -> list[int]:
    """The ``limit`` segment ids whose folded text is closest to ``source``: the closest ``_POOL × limit`` by
    rapidfuzz's character ratio (at least ``_FLOOR``), then ordered by word edit distance, as the
    matcher scores (ties: character ratio, then lower id)."""
    if not texts:
        return []
    query = fold(source, language)
    best = process.extract(query, texts, scorer=fuzz.ratio, processor=None, score_cutoff=_FLOOR, limit=_POOL * limit)
    # the pool's word edit distances in one call (rapidfuzz compares lists of words as sequences): one
    # Python call per pool member cost a quarter of a lookup
    similar = [0.0] * len(best)
    for _, value, n in process.extract(query.split(), [texts[index].split() for _, _, index in best],
                                       scorer=Levenshtein.normalized_similarity, processor=None, limit=None):
        similar[n] = value
    order = sorted((-similar[n], -ratio, ids[index]) for n, (_, ratio, index) in enumerate(best))
    return [segment_id for _, _, segment_id in order[:limit]]


@dataclass
class SyncReport:
    files: int = 0  # files the memory is made from
    read: int = 0  # read this time (new or changed)
    removed: int = 0  # gone since the last sync
    rebuilt: bool = False  # the file was damaged or --rebuild was asked


class Memory:
    """A translation memory in an SQLite file (``for_project``) or in memory (``from_tmx``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None, config: Config | None):
        self.db, self.path, self.config = connection, path, config
        self._index_cache: _Index | None = None
        self._postings: dict[str, np.ndarray] = {}
        self._rankings: OrderedDict[str, _Ranking] = OrderedDict()  # the latest searches, for the other languages
        self._readings: dict[str, tuple] = {}  # source -> (language, packed reading): the candidates' readings
        self._words = _Words()
        self._units_of: dict[tuple[str, int], list[Unit]] = {}  # (language, segment id) -> its candidate units
        self._segments: dict[int, Candidate] = {}  # the candidate sources met
        self._instance: str | None = None  # meta's 'instance', read once (``answer_signature``)
        self._units_read: set[int] | None = None  # while ``reading_units``: the sources units_for was asked for
        self._last_search: tuple | None = None  # ((source, language, limit), candidates) of the last search

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def for_project(cls, config: Config, *, sync: bool = True, check: bool = False,
                    progress: Callable[[int], None] | None = None) -> "Memory":
        """The project's memory, ``build/memory.sqlite``, brought up to date unless ``sync`` is False
        (``progress(1)`` per file of the project looked at); ``check``: read every page now
        (``PRAGMA quick_check``), not only once a day."""
        path = memory_path(config)
        memory = cls(_open(path, check), path, config)
        if sync:
            memory.sync(progress=progress)
        return memory

    @classmethod
    def from_tmx(cls, path: str | Path, config: Config, skipped: list[tuple[int, str]] | None = None,
                 progress: Callable[[int], None] | None = None) -> "Memory":
        """A memory of one TMX file, held in memory (``workbench import tmx FILE``); the units a TMX may hold
        but that translate nothing are listed in ``skipped`` as (line, reason); ``progress(n)`` as n more of
        the file's bytes are read."""
        from workbench.tm.sync import add_tmx

        memory = cls(_connect(":memory:"), None, config)
        memory.db.executescript(f"{_SCHEMA}; {_FULL_TEXT_LATER};")
        add_tmx(memory, Path(path), Path(path).name, reference=str(path), skipped=skipped, progress=progress)
        return memory

    def sync(self, rebuild: bool = False, progress: Callable[[int], None] | None = None) -> SyncReport:
        """Read what changed since the last sync (everything with ``rebuild``); see ``workbench.tm.sync``."""
        from workbench.tm.sync import sync

        if self.path is None or self.config is None:
            return SyncReport()
        if rebuild:
            self.db.close()
            _discard(self.path)
            self.db = _open(self.path)
        try:
            report = sync(self, progress)
        except sqlite3.DatabaseError as exc:  # damaged under our feet: start again, once
            print(f"workbench: {self.path}: the translation memory is damaged ({exc}); rebuilding it from the "
                  "catalogues", file=sys.stderr)
            self.db.close()
            _discard(self.path, aside=True)
            self.db = _open(self.path)
            report = sync(self)
            report.rebuilt = True
        self._index_cache = None
        self._postings.clear()
        self.forget()
        report.rebuilt = report.rebuilt or rebuild
        return report

    def close(self) -> None:
        self.db.close()

    # -- reading ---------------------------------------------------------------------------

    _UNIT_COLUMNS = ("s.text, u.target, u.source_language, u.target_language, u.origin, u.reference, "
                     "u.context, u.date")

    def texts_to_index(self) -> int:
        """How many texts (sources and translations) ``make_full_text`` has to index: 0 once they are."""
        if keeps_full_text(self.db):
            return 0
        return sum(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("segments", "units"))

    def make_full_text(self, progress: Callable[[int], None] | None = None) -> None:
        """Make the full-text indexes if this memory has not got them yet (its first search), under its lock;
        ``progress(n)`` as n more texts are indexed."""
        if keeps_full_text(self.db):
            return
        from workbench.fileio import file_lock

        lock = file_lock(self.path.with_name(self.path.name + ".lock")) if self.path else contextlib.nullcontext()
        with lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if not keeps_full_text(self.db):  # (another run may have made them meanwhile)
                    for table, index, column in (("segments", "segments_fts", "text"),
                                                 ("units", "targets_fts", "target")):
                        last = 0
                        while True:  # in slices, so that a bar can follow (270,000 units take seconds)
                            row = self.db.execute(f"SELECT max(id), count(*) FROM (SELECT id FROM {table} WHERE id > ? "
                                                  f"ORDER BY id LIMIT {_INDEXED_AT_ONCE})", (last,)).fetchone()
                            if not row[1]:
                                break
                            self.db.execute(f"INSERT INTO {index} (rowid, {column}) SELECT id, {column} FROM {table} "
                                            "WHERE id > ? AND id <= ? ORDER BY id", (last, row[0]))
                            last = row[0]
                            if progress:
                                progress(row[1])
                    self.db.execute("DELETE FROM meta WHERE key = 'full-text'")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _units(self, where: str, parameters: Iterable = (), order: str = "") -> list[Unit]:
        rows = self.db.execute(f"SELECT {self._UNIT_COLUMNS} FROM units u JOIN segments s ON s.id = u.segment_id "
                               f"WHERE {where} {order}", tuple(parameters))
        return [Unit(*row) for row in rows]

    def __len__(self) -> int:
        return self.unit_count()

    def unit_count(self, target_language: str | None = None) -> int:
        """How many units (into one target language) the memory holds."""
        where, parameters = ("WHERE target_language = ?", (target_language,)) if target_language else ("", ())
        return self.db.execute(f"SELECT count(*) FROM units {where}", parameters).fetchone()[0]

    def languages(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT target_language FROM units ORDER BY 1")]

    def candidate_keys(self, source: str, language: str, limit: int, known: bytes | None = None) -> bytes:
        """The ids of the candidate sources a lookup of ``source`` in ``language`` (``match.best_match`` with this
        ``limit``) scores, as bytes: ``known`` (an earlier search's, used instead of searching while
        ``index_stamps`` are the same), else searched."""
        if known is not None:
            return known
        return array("I", (c.key for c in self.candidate_sources(source, language, limit))).tobytes()

    @contextlib.contextmanager
    def reading_units(self) -> Iterator[set[int]]:
        """The sources whose units the lookups made inside read (``units_for``), as a set filled as they ask."""
        self._units_read = read = set()
        try:
            yield read
        finally:
            self._units_read = None

    def answer_signature(self, source: str, language: str, limit: int, candidates: bytes, read: bytes) -> bytes:
        """What a lookup of ``source`` in ``language`` read of the memory, as a digest: its candidate sources
        (``candidate_keys``), which it scores by their text alone (a source's id stands for its text), and, for
        the sources whose units it read (``reading_units``: those that could still win), the sync that last
        changed their units in that language, in this memory. The same signature means the same answer (the
        lookup's options aside): the same candidates give the same scores, so the same sources are asked for
        their units, which are as they were. So a commit that edits units a lookup never read keeps its answer."""
        keys = array("I")
        keys.frombytes(read)
        stamps = dict(self.db.execute(
            "SELECT segment_id, stamp FROM stamps WHERE target_language = ? AND segment_id IN "
            f"({','.join('?' * len(keys))})", (language, *keys))) if keys else {}
        if self._instance is None:
            self._instance = (self.db.execute("SELECT value FROM meta WHERE key = 'instance'").fetchone() or ("",))[0]
        seen = [(key, stamps.get(key)) for key in keys]
        return hashlib.blake2b(repr((self._instance, source, language, limit, candidates, seen)).encode(
            "utf-8", "surrogatepass"), digest_size=16).digest()

    def index_stamps(self, language: str) -> tuple:
        """The syncs that last changed what the candidate search in ``language`` reads: the sources indexed in
        it, and those indexed in any language (the word postings), in this memory. While they are the same,
        a search gives the same candidates."""
        rows = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('instance', 'indexed:', ?)",
                                    (f"indexed:{language}",)))
        return rows.get("instance"), rows.get("indexed:"), rows.get(f"indexed:{language}")

    def state(self) -> str:
        """A digest that changes whenever what a lookup may answer changes: the files the memory is made from
        (their digests) and how its rows are numbered (ties between equal candidates go to the lower id, so a
        memory rebuilt from the same files may answer otherwise)."""
        digest = hashlib.sha256()
        for row in self.db.execute("SELECT id, path, sha256 FROM files ORDER BY path"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
        for table in ("segments", "units"):
            digest.update(repr(self.db.execute(f"SELECT count(*), max(id), min(id) FROM {table}").fetchone()).encode())
        return digest.hexdigest()

    def units(self, target_language: str | None = None) -> Iterator[Unit]:
        """Every unit (of one target language), in a fixed order: source, language, target, where from."""
        where, parameters = ("u.target_language = ?", (target_language,)) if target_language else ("1", ())
        rows = self.db.execute(f"SELECT {self._UNIT_COLUMNS} FROM units u JOIN segments s ON s.id = u.segment_id "
                               f"WHERE {where} ORDER BY s.text, u.target_language, u.target, u.context, u.origin, "
                               "u.reference", parameters)
        for row in rows:
            yield Unit(*row)

    def exact(self, source: str, target_language: str) -> list[Unit]:
        return self._units("s.text = ? AND u.target_language = ?", (source, target_language),
                           "ORDER BY u.date DESC, u.origin, u.reference")

    # -- fuzzy candidates ----------------------------------------------------------------------

    def candidates(self, source: str, target_language: str, limit: int = 30) -> list[Unit]:
        """Units of ``target_language`` whose source is close to ``source``, the closest first (at most ``limit``):
        the units of ``candidate_sources``."""
        found = self.candidate_sources(source, target_language, limit)
        units = self.units_for([candidate.key for candidate in found], target_language)
        return units[:limit] if len(units) > limit else units

    def candidate_sources(self, source: str, target_language: str, limit: int = 30) -> list[Candidate]:
        """The sources (with units in ``target_language``) close to ``source``, the closest first, at most ``limit``.

        Closeness here is the word edit distance on folded text, then rapidfuzz's character ratio, the
        cheap scores that order candidates; the matcher scores them its own way (``reading``), and asks for
        the units (``units_for``) of those that can win only.
        """
        asked = (source, target_language, limit)
        if self._last_search is not None and self._last_search[0] == asked:  # (a signature, then the lookup)
            return self._last_search[1]
        query = words(source)
        if len(query) <= SHORT:
            found = self._short_candidates(source, target_language, limit)
        else:
            found = self._indexed_candidates(source, query, target_language, limit)
        known = self._segments
        if len(known) > _KEPT:
            known.clear()
            self._readings.clear()
        missing = [segment_id for segment_id in found if segment_id not in known]
        if missing:  # their texts and readings, in one query
            rows = self.db.execute("SELECT id, text, reading_language, reading FROM segments "
                                   f"WHERE id IN ({','.join('?' * len(missing))})", missing)
            for segment_id, text, reading_language, reading in rows:
                known[segment_id] = Candidate(segment_id, text, reading_language)
                if text not in self._readings:
                    self._readings[text] = (reading_language, reading)
        found = [known[segment_id] for segment_id in found if segment_id in known]
        self._last_search = (asked, found)
        return found

    def units_for(self, keys: list[int], target_language: str) -> list[Unit]:
        """The units of these candidate sources (``Candidate.key``) in ``target_language``, source by source, one
        per target and context (the newest first): the same sentence translated alike in ten articles is one."""
        if self._units_read is not None:
            self._units_read.update(keys)
        # kept, since a batch of templated sentences meets the same candidates again and again
        units_of = self._units_of
        if len(units_of) > _KEPT:
            units_of.clear()
        missing = [segment_id for segment_id in keys if (target_language, segment_id) not in units_of]
        if missing:
            # one unit per source, target and context, the newest (a boilerplate sentence has hundreds alike)
            rows = self.db.execute(
                "SELECT segment_id, text, target, source_language, target_language, origin, reference, context, date "
                f"FROM (SELECT u.segment_id, {self._UNIT_COLUMNS}, row_number() OVER (PARTITION BY u.segment_id, "
                "u.target, u.context ORDER BY u.date IS NULL, u.date DESC, u.origin, u.reference) AS newest "
                "FROM units u JOIN segments s ON s.id = u.segment_id "
                f"WHERE u.segment_id IN ({','.join('?' * len(missing))}) AND u.target_language = ?) WHERE newest = 1 "
                "ORDER BY segment_id, date IS NULL, date DESC, origin, reference",
                (*missing, target_language))
            for segment_id in missing:
                units_of[target_language, segment_id] = []
            for segment_id, *row in rows:
                units_of[target_language, segment_id].append(Unit(*row))
        return [unit for segment_id in keys for unit in units_of[target_language, segment_id]]

    def preload(self, language: str) -> None:
        """Load the sources lookups compare (the first lookup does it otherwise: about a second at 90,000
        sources), for a timing of lookups alone (``bench/tm.py``)."""
        self._index()

    def forget(self) -> None:
        """Drop what lookups keep for the next ones (the searches, candidates' units and readings): a timing
        of lookups in one language that the others' searches do not help (``bench/tm.py``)."""
        self._rankings.clear()
        self._units_of.clear()
        self._segments.clear()
        self._readings.clear()
        self._last_search = None
        self._instance = None

    def reading(self, source: str, language: str):
        """``match.read_source(source, language)`` as far as the score needs it, for a source ``candidates``
        returned: stored with it, so a lookup does not read its hundred candidates again (reading them was
        a quarter of a lookup). Kept packed and unpacked at each use: unpacked, the 50,000 kept were about
        100 MB of every prefetching process (``tm.suggest``), and unpacking is a split, no slower."""
        from workbench.tm.match import read_source, unpack

        known = self._readings.get(source)
        if known is None or known[0] != language:
            return read_source(source, language)
        return unpack(known[1])  # (stored packed with every source: the column is NOT NULL)

    def _index(self) -> _Index:
        """The indexed sources, loaded once per memory (a batch makes many lookups)."""
        if self._index_cache is None:
            source_language = self.config.source_language if self.config else "en"
            # folded when stored (folding 90,000 sources took seconds in every process that looked one up), in
            # the language it was read in: one read in another is folded again in the project's
            rows = self.db.execute(
                "SELECT id, CASE WHEN reading_language = ?1 THEN folded END, "
                "CASE WHEN reading_language = ?1 THEN NULL ELSE text END, length FROM segments "
                "WHERE id IN (SELECT segment_id FROM indexed) ORDER BY id", (source_language,))
            sources = ((segment_id, fold(text, source_language) if folded is None else folded, length)
                       for segment_id, folded, text, length in rows)
            languages = {language: np.fromiter((row[0] for row in self.db.execute(
                "SELECT segment_id FROM indexed WHERE target_language = ?", (language,))), dtype=np.int64)
                for language in self._indexed_languages()}
            self._index_cache = _Index(sources, languages, source_language, self._words)
        return self._index_cache

    def _indexed_languages(self) -> list[str]:
        """The target languages ``indexed`` names, each found by one step down its key (SQLite reads every row for
        a DISTINCT: millions at 10×)."""
        return [row[0] for row in self.db.execute(
            "WITH RECURSIVE language(code) AS (SELECT min(target_language) FROM indexed UNION ALL "
            "SELECT (SELECT min(target_language) FROM indexed WHERE target_language > code) FROM language "
            "WHERE code IS NOT NULL) SELECT code FROM language WHERE code IS NOT NULL")]

    def _short_candidates(self, source: str, language: str, limit: int) -> list[int]:
        index = self._index()
        ids, texts = index.short(language)
        return _closest(source, ids, texts, limit, index.source_language)

    def _posting(self, word: str) -> np.ndarray:
        ids = self._postings.get(word)
        if ids is None:
            row = self.db.execute("SELECT ids FROM postings WHERE key = ?", (word,)).fetchone()
            ids = np.frombuffer(row[0], dtype=np.uint32) if row else np.empty(0, dtype=np.uint32)
            if len(self._postings) > 50_000:
                self._postings.clear()
            self._postings[word] = ids
        return ids

    def _ranking(self, source: str, query: list[str]) -> _Ranking:
        """The sources sharing enough of ``query``'s words with ``source`` to reach a fuzzy threshold, in every
        language, with their word edit distances (kept for the next lookups of the same source)."""
        ranking = self._rankings.get(source)
        if ranking is not None:
            self._rankings.move_to_end(source)
            return ranking
        # Prefix filtering: a source reaching the threshold lacks at most a third of the query's words
        # (score >= 75 % allows edits on a quarter of the longer source, at most 4/3 of the query), plus
        # one word of slack (a replaced word that is nearly the same costs little): it holds `needed` of
        # the n words, so at least k of any n - needed + k of them. The rarest ones are probed (a word no
        # source holds costs nothing); k = 2 once the query is long enough keeps the candidates few.
        distinct = sorted(set(query), key=lambda w: (len(self._posting(w)), w))
        n = len(distinct)
        needed = n - n // 3 - 1
        k = 2 if needed >= 4 else 1
        index = self._index()
        probed = np.concatenate([self._posting(word) for word in distinct[: n - needed + k]])
        # how many of the probed words each source holds, by counting (no sort: the postings of a templated
        # sentence's words hold hundreds of thousands of ids at 10×), the ids in order
        ids = np.flatnonzero(np.bincount(probed) >= k).astype(np.uint32) if len(probed) else probed
        ids = ids[ids < index.size]  # (a sync in another process since this one loaded the index)
        ids = ids[index.known[ids]]
        folded = fold(source, index.source_language)
        if len(ids):
            distances = process.cdist([self._words(folded)], index.coded[ids], scorer=Levenshtein.normalized_distance,
                                      dtype=np.float64)[0]
        else:
            distances = np.empty(0, dtype=np.float64)
        ranking = _Ranking(folded, ids, distances)
        self._rankings[source] = ranking
        if len(self._rankings) > _RANKINGS:
            self._rankings.popitem(last=False)
        return ranking

    def _indexed_candidates(self, source: str, query: list[str], language: str, limit: int) -> list[int]:
        ranking = self._ranking(source, query)
        index = self._index()
        mask = index.languages.get(language)
        if mask is None or not len(ranking.ids):
            return []
        # the closest by word edit distance (as the matcher scores), on the words coded as characters (a
        # tenth of the time of comparing the texts), with those as close as the last kept (templated sentences
        # tie by the thousand) and a margin (_MARGIN); ranked by word distance and character ratio together
        # (the matcher gives a nearly identical word most of its credit), then the lower id
        positions = np.flatnonzero(mask[ranking.ids])
        if len(positions) >= limit:
            distances = ranking.distances[positions]
            cutoff = min(np.partition(distances, limit - 1)[limit - 1] + _MARGIN + 1e-9, 1.0)
            positions = positions[distances <= cutoff]
        ratios = ranking.ratios_at(positions, index.texts)
        close = ratios >= _FLOOR
        positions, ratios = positions[close], ratios[close]
        ids, distances = ranking.ids[positions], ranking.distances[positions]
        order = np.lexsort((ids, distances, distances - ratios / 100))
        return ids[order[:limit]].tolist()

    # -- concordance -------------------------------------------------------------------------

    def search(self, phrase: str, language: str | None = None, target: bool = False) -> list[Unit]:
        """Every unit whose source (``target``: translation) contains ``phrase``, case-insensitively, in a
        fixed order (source, language, target, where from)."""
        phrase = phrase.strip()
        if not phrase:
            return []
        where, parameters = [], []
        if found_by_index(phrase):  # the trigram index finds every unit holding the phrase's trigrams
            self.make_full_text()
            quoted = '"' + phrase.replace('"', '""') + '"'
            if target:
                where.append("u.id IN (SELECT rowid FROM targets_fts WHERE targets_fts MATCH ?)")
            else:
                where.append("u.segment_id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?)")
            parameters.append(quoted)
        if language:
            where.append("u.target_language = ?")
            parameters.append(language)
        found = self._units(" AND ".join(where) or "1", parameters,
                            "ORDER BY s.text, u.target_language, u.target, u.context, u.origin, u.reference")
        # the index finds the phrase's trigrams; the phrase itself is checked here (and found by scanning
        # when it is shorter than a trigram)
        return [u for u in found if phrase_spans(u.target if target else u.source, phrase)]


# -- the SQLite file ------------------------------------------------------------------------


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)  # transactions are explicit (BEGIN ... COMMIT)


def _open(path: Path, check: bool = False) -> sqlite3.Connection:
    """The memory file, made if missing; a damaged one (or another version's) is moved aside and made anew.
    Under the memory's lock, which a sync holds: a file another run is building is busy, not damaged (it
    was taken for damaged and moved aside under the builder's feet)."""
    from workbench.fileio import file_lock

    path.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(path.with_name(path.name + ".lock")):
        return _open_locked(path, check)


def _open_locked(path: Path, check: bool) -> sqlite3.Connection:
    if path.exists():
        try:
            _check_header(path)
            connection = _connect(str(path))
            _verify(connection, check)
            return connection
        except (sqlite3.DatabaseError, DamagedMemory) as exc:
            with contextlib.suppress(NameError, sqlite3.Error):
                connection.close()
            print(f"workbench: {path}: {_reason(exc)}; it is rebuilt from the catalogues and TMX files",
                  file=sys.stderr)
            _discard(path, aside=not isinstance(exc, OtherVersion))
    connection = _connect(str(path))
    # the memory's own name, new each time one is made: what a suggestion's signature was made with is known to
    # be this memory (a memory made anew numbers its sources and syncs from 1 again)
    instance = os.urandom(16).hex()
    connection.executescript(f"BEGIN; {_SCHEMA}; INSERT INTO meta VALUES ('schema', '{SCHEMA_VERSION}'); "
                             f"INSERT INTO meta VALUES ('byteorder', '{sys.byteorder}'); "
                             f"INSERT INTO meta VALUES ('instance', '{instance}'); {_FULL_TEXT_LATER}; COMMIT;")
    return connection


CHECK_EVERY = 24 * 3600  # seconds between two full checks of the file (PRAGMA quick_check)


def _check_header(path: Path) -> None:
    """What the file's 100-byte header and its size tell, without reading the pages: not an SQLite
    database (garbage), or shorter than the page count the header records (truncated)."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise DamagedMemory("not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    hot_journal = os.path.exists(f"{path}-journal")  # SQLite rolls it back on open: the size may differ till then
    # the page count is valid when the change counter equals the "version valid for" number (SQLite >= 3.7)
    if header[24:28] == header[92:96] and not hot_journal and path.stat().st_size < page_size * pages:
        raise DamagedMemory(f"truncated ({path.stat().st_size} of {page_size * pages} bytes)")


def _verify(connection: sqlite3.Connection, check: bool = False) -> None:
    rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    schema, byteorder = rows.get("schema"), rows.get("byteorder")
    if not (isinstance(schema, str) and schema.isdigit() and byteorder in ("little", "big")):
        raise DamagedMemory("damaged (its version is not readable)")  # garbage where the version stands
    if schema != str(SCHEMA_VERSION) or byteorder != sys.byteorder:
        raise OtherVersion(f"written by another version of workbench (schema {schema}, this one writes "
                           f"{SCHEMA_VERSION})")
    now = int(time.time())
    try:
        checked = int(rows.get("checked", 0))
    except ValueError:
        checked = 0
    if check or not 0 <= now - checked < CHECK_EVERY:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise DamagedMemory(f"damaged ({result})")
        with contextlib.suppress(sqlite3.OperationalError):  # read-only or locked: check again next time
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('checked', ?)", (str(now),))


def _reason(exc: Exception) -> str:
    if isinstance(exc, DamagedMemory):
        return f"the translation memory is {exc}"
    return f"not a translation memory this workbench can read ({exc})"


def _discard(path: Path, aside: bool = False) -> None:
    """Remove the memory file (``aside``: keep it as ``memory.sqlite.damaged`` for a bug report)."""
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
    with contextlib.suppress(OSError):
        if aside:
            os.replace(path, f"{path}.damaged")
        else:
            os.unlink(path)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


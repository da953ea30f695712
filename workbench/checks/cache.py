"""Entry-check results kept between runs, so a re-run checks only what changed.

An entry check looks at one message and its language's context, nothing
else, so its findings are a function of: the message's content, the
catalogue's plural header, the language, the source language, the glossary,
the set of checks, and the code of workbench and the libraries it reads
(CLDR data, morphology). The cache keys a run's context by all of those
(``context_key``) and each entry by a digest of every field of its message
but the line number (``entry_digest``), and stores the issues found for it.
An entry whose digest is not in the cache is checked afresh; catalogue-wide
and cross-language checks always run (they are cheap and depend on every
entry at once).

What is stored is plain data (strings, numbers, tuples), with a digest keyed
by the context (``workbench.cache``), read back by an unpickler that refuses
every class, so a tampered cache file cannot run code; a file whose digest
does not verify, or whose data is not exactly the shape ``store`` makes
(issues of this context's checks), is thrown away whole. Any trouble with the
cache (unreadable, corrupt, forged, read-only folder) means checking without
it, never an error and never a hidden finding: the cache may only save time.

Where: the ``checks/`` folder of ``workbench.cache``'s folder, ``results-<key>.pickle``, one file per
context, the ``KEEP`` used last kept; ``WORKBENCH_NO_CACHE=1`` (or
``check --no-cache``) turns it off. CI keeps it between runs by caching that folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import marshal
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from workbench import cache
from workbench.cache import RestrictedUnpickler, cache_root, prune, source_digest
from workbench.checks.base import SEVERITIES, Entry, Issue
from workbench.errors import WorkbenchError

FORMAT = 4  # 3: entry results keep the catalogue checks' facts of each entry too; 4: a summary, its pieces' digests
KEEP_FILES = 4  # run contexts whose file summaries are kept (each about the size of the catalogues)
KEEP = 16  # contexts (code, languages, glossary, checks) whose results are kept; the oldest go first
# a cache file keeps this run's entries plus up to as many again from earlier runs
# (another branch, the file before an edit), oldest dropped first
_KEEP_OLD = 1.0
_MIN_KEPT = 50_000


def cache_dir() -> Path | None:
    """The check-results folder, or None when caching is off (``workbench.cache``)."""
    root = cache_root()
    return None if root is None else root / "checks"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of workbench's own source and the versions of what the checks depend on.

    Any edit to the code (a check changed during development, a new release)
    gives a new fingerprint, so results of older code are never reused.
    """
    import babel
    import regex

    header = f"{FORMAT}|{sys.version}|{babel.__version__}|{regex.__version__}"
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        header += f"|{version('pymorphy3')}|{version('pyahocorasick')}"
        header += f"|jieba {version('jieba')}"  # segments short Chinese terms (glossary.cjkwords)
    root = Path(__file__).resolve().parent.parent
    return source_digest(header, sorted(root.rglob("*.py")), root)


def glossary_fingerprint(glossary) -> str:
    """The glossary's content, not where its files are (``Terminology.content_digest``): a project checked out
    in another folder keeps its cached results."""
    return "-" if glossary is None else glossary.content_digest


def context_key(language: str, source_language: str, check_ids: Iterable[str], glossary) -> str:
    from workbench.glossary.normalise import normaliser_version

    # the term matcher's dictionaries (pymorphy3's, simplemma's) decide which forms count as a term
    parts = [code_fingerprint(), language, source_language, ",".join(sorted(check_ids)), glossary_fingerprint(glossary),
             normaliser_version(language), normaliser_version(source_language)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def entry_digest(entry: Entry) -> bytes:
    """Every field of the message but its line, and the catalogue's plural header."""
    m = entry.message
    info = entry.catalogue
    # marshal: the fastest exact serialisation of strings, lists and None (stable within a Python version,
    # which is part of the code fingerprint)
    fields = (m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.msgstr_plural, m.flags, m.translator_comments,
              m.extracted_comments, m.references, m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural,
              m.obsolete, info.nplurals, info.plural_expr)
    return hashlib.blake2b(marshal.dumps(fields), digest_size=16).digest()


# one stored issue: (check id, message, offending, span, severity, form, in_source)
StoredIssue = tuple


def store(check_id: str, issue: Issue) -> StoredIssue:
    return (check_id, issue.message, issue.offending, issue.span, issue.severity, issue.form, issue.in_source)


def restore(stored: StoredIssue) -> tuple[str, Issue]:
    check_id, message, offending, span, severity, form, in_source = stored
    return check_id, Issue(message, offending=offending, span=tuple(span) if span else None, severity=severity,
                           form=form, in_source=in_source)


def _valid_issue(item, check_ids: frozenset[str]) -> bool:
    """``item`` is exactly what ``store`` makes for one of ``check_ids``."""
    if not (isinstance(item, tuple) and len(item) == 7):
        return False
    check_id, message, offending, span, severity, form, in_source = item
    return (check_id in check_ids and isinstance(message, str) and (offending is None or isinstance(offending, str))
            and (span is None or (isinstance(span, (tuple, list)) and len(span) == 2
                                  and all(type(n) is int for n in span)))
            and (severity is None or severity in SEVERITIES) and (form is None or type(form) is int)
            and type(in_source) is bool)


class ResultCache:
    """The stored results of one context: entry digest -> the issues found for it, and what the catalogue
    checks' ``summarise`` said of it (its facts: like an entry check's issues, a function of the entry's
    fields and the context only)."""

    def __init__(self, path: Path | None, check_ids: Iterable[str] = ()):
        self.path = path
        self.check_ids = frozenset(check_ids)
        self.old_facts: dict[bytes, tuple] = {}
        self.old: dict[bytes, tuple[StoredIssue, ...]] = self._load(path) if path is not None else {}
        self.new: dict[bytes, tuple[StoredIssue, ...]] = {}
        self.new_facts: dict[bytes, tuple] = {}
        self.hits = 0

    @classmethod
    def for_context(cls, language: str, source_language: str, check_ids: Iterable[str], glossary) -> "ResultCache":
        folder = cache_dir()
        if folder is None:
            return cls(None)
        check_ids = list(check_ids)
        try:
            key = context_key(language, source_language, check_ids, glossary)
        except Exception:  # noqa: BLE001 - a glossary we cannot fingerprint: no cache
            return cls(None)
        return cls(folder / f"results-{key}.pickle", check_ids)

    def _load(self, path: Path) -> dict:
        """The stored entries, or none at all if the file is missing, unverified or of another shape."""
        data = cache.load(path, path.stem, RestrictedUnpickler)  # plain data only
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
            return {}
        entries = data["entries"]
        for digest, issues in entries.items():
            if not (isinstance(digest, bytes) and len(digest) == 16 and isinstance(issues, tuple)
                    and all(_valid_issue(item, self.check_ids) for item in issues)):
                return {}  # not what this code stores: trust none of it
        facts = data.get("facts", {})
        # (what is inside a fact is the checks' own plain data, read back as it is used: the runner takes
        # only a tuple that names its checks first)
        if isinstance(facts, dict) and all(isinstance(d, bytes) and isinstance(f, tuple) for d, f in facts.items()):
            self.old_facts = facts
        return entries

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, digest: bytes) -> tuple[StoredIssue, ...] | None:
        found = self.old.get(digest)
        if found is not None:
            self.hits += 1
            self.new[digest] = found
        return found

    def put(self, digest: bytes, issues: tuple[StoredIssue, ...]) -> None:
        self.new[digest] = issues

    def get_facts(self, digest: bytes) -> tuple | None:
        return self.old_facts.get(digest)

    def put_facts(self, digest: bytes, facts: tuple) -> None:
        self.new_facts[digest] = facts

    def save(self) -> None:
        if self.path is None or (not self.new and not self.old):
            return
        if (self.hits == len(self.new) and len(self.new) == len(self.old)
                and self.new_facts.keys() <= self.old_facts.keys()):
            return  # every entry came from the cache: nothing to add
        keep = dict(self.new)
        room = max(int(len(self.new) * _KEEP_OLD), _MIN_KEPT)
        for digest, issues in self.old.items():
            if room <= 0:
                break
            if digest not in keep:
                keep[digest] = issues
                room -= 1
        facts = {digest: self.new_facts.get(digest, self.old_facts.get(digest)) for digest in keep}
        facts = {digest: value for digest, value in facts.items() if value is not None}
        try:
            cache.save(self.path, {"format": FORMAT, "entries": keep, "facts": facts}, self.path.stem)
            # its own kind only: the folder holds the other caches too, each pruned by its own rule
            prune(self.path.parent, KEEP, group=lambda path: path.stem, protect=self.path.stem,
                  pattern="results-*.pickle")
        except (OSError, WorkbenchError):
            pass  # a read-only or full disk: the next run checks afresh


class FileCache:
    """The summaries of one run's files (``workbench.checks.summary``): (file name, digest of its bytes) -> summary.

    A file whose bytes did not change since a run with the same code, glossary, checks and languages is
    not read again: its summary holds the entry checks' issues and what the catalogue checks need.
    Kept in ``files-<run key>.pickle`` beside the entry results, under the same rules (a digest keyed
    by the run checked before anything is read, plain data only, any trouble means reading the files).

    The file is a stream of pickles, one per catalogue, written and read one at a time: a project's
    summaries are held once, as the run's objects, never a second time as the data being saved
    (the digest of the whole stream follows it, so a cut or damaged file does not verify).
    """

    MAGIC = b"wb-files1"

    def __init__(self, path: Path | None):
        self.path = path
        self.old: dict[tuple[str, bytes], tuple] = self.read(path) if path is not None else {}
        self.current: list = []  # this run's summaries (``PackedSummary``), saved as they are
        self.changed = False
        self._by_name: dict[str, tuple] | None = None  # ``earlier``'s: name -> the latest stored item

    @property
    def enabled(self) -> bool:
        return self.path is not None

    @classmethod
    def for_plan(cls, plan) -> "FileCache":
        folder = cache_dir()
        if folder is None:
            return cls(None)
        try:
            key = plan.run_key()
        except Exception:  # noqa: BLE001 - a glossary we cannot fingerprint: no cache
            return cls(None)
        return cls(folder / f"files-{key}.pickle")

    @classmethod
    def read(cls, path: Path) -> dict:
        """The summaries stored at ``path`` ((name, digest) -> ``PackedSummary.to_item()``), or none if anything
        is wrong with the file."""
        from workbench.checks.summary import PackedSummary

        try:
            with open(path, "rb") as handle:
                if handle.read(len(cls.MAGIC)) != cls.MAGIC:
                    return {}
                size = os.fstat(handle.fileno()).st_size - len(cls.MAGIC) - cache._DIGEST_SIZE
                if size <= 0:
                    return {}
                seal = hashlib.blake2b(key=_seal_key(path.stem), digest_size=cache._DIGEST_SIZE)
                left = size
                while left > 0:
                    chunk = handle.read(min(left, 1 << 20))
                    if not chunk:
                        return {}
                    seal.update(chunk)
                    left -= len(chunk)
                if handle.read() != seal.digest():
                    return {}
                handle.seek(len(cls.MAGIC))
                head = RestrictedUnpickler(handle).load()
                if not (isinstance(head, dict) and head.get("format") == FORMAT and type(head.get("count")) is int):
                    return {}
                files = {}
                for _ in range(head["count"]):
                    item = RestrictedUnpickler(handle).load()  # pickled on its own: read on its own
                    PackedSummary.from_item(item)  # its shape, or ValueError
                    files[(item[0], item[1])] = item
                return files
        except Exception:  # noqa: BLE001 - unreadable, cut, or not what this code writes: read the files
            return {}

    @classmethod
    def write(cls, path: Path, files, count: int | None = None) -> None:
        """Store ``files`` (``PackedSummary.to_item()``s) one by one, sealed; OSError when the folder cannot
        take it. With ``count``, ``files`` may be an iterator giving that many: each is made as it is written
        (a run's summaries read back from where they were spilled one at a time, not held together)."""
        from workbench.fileio import new_temp_file

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = new_temp_file(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                seal = hashlib.blake2b(key=_seal_key(path.stem), digest_size=cache._DIGEST_SIZE)

                def put(value) -> None:
                    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                    seal.update(data)
                    handle.write(data)

                handle.write(cls.MAGIC)
                if count is None:
                    files = list(files)
                    count = len(files)
                put({"format": FORMAT, "count": count})
                written = 0
                for item in files:
                    put(item)
                    written += 1
                if written != count:
                    raise OSError(f"{written} summaries written where {count} were announced")
                handle.write(seal.digest())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def get(self, name: str, digest: bytes, source: Path | None = None):
        """The stored summary of the file ``name`` with these bytes (``PackedSummary``), or None."""
        from workbench.checks.summary import PackedSummary

        item = self.old.pop((name, digest), None)
        if item is None:
            return None
        try:
            # its contents are checked when it is unpacked (``runner._unpacked``), once, not here as well: a
            # summary that does not unpack is then made again from its file
            summary = PackedSummary.from_item(item, source)
        except ValueError:
            self.changed = True
            return None
        self.current.append(summary)
        return summary

    def earlier(self, name: str):
        """The stored summary of the file ``name`` at other bytes than this run's (an earlier version: the latest
        kept), as a ``PackedSummary``; None if there is none, or it cannot be read."""
        from workbench.checks.summary import PackedSummary

        if self._by_name is None:  # (the stored order: the latest run's summaries first)
            self._by_name = {}
            for (stored_name, _), item in self.old.items():
                self._by_name.setdefault(stored_name, item)
        item = self._by_name.get(name)
        if item is None:
            return None
        try:
            return PackedSummary.from_item(item)
        except ValueError:
            return None

    def put(self, summary) -> None:
        """Keep ``summary`` (a ``PackedSummary`` of a file just read)."""
        if self.path is not None and summary.digest is not None:
            self.current.append(summary)
            self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        # this run's summaries, and as many again from earlier runs (another branch, files before an edit)
        kept = list(self.old.values())[:len(self.current)]
        try:
            self.write(self.path, itertools.chain((summary.to_item() for summary in self.current), kept),
                       len(self.current) + len(kept))
            prune(self.path.parent, KEEP_FILES, group=lambda path: path.stem, protect=self.path.stem,
                  pattern="files-*.pickle")
        except (OSError, WorkbenchError):
            pass


def _seal_key(context: str) -> bytes:
    return hashlib.blake2b(("workbench file summaries " + context).encode("utf-8", "surrogatepass"),
                           digest_size=32).digest()


class JudgedCache:
    """A language's judged findings (its entry checks' and catalogue-wide checks', suppressions decided), kept
    by everything they follow from: the run's key, the language, the checks the configuration disables for
    it, and the name and bytes of each of its files. A commit that touches one language's catalogues has
    the others' findings from here, not judged again (``runner.judge``). Same rules as the other caches:
    ``judged-<key>.pickle``, sealed, plain data checked for shape, any trouble means judging."""

    FIELDS = 17  # the fields of a Finding, in ``to_data`` order

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def for_plan(cls, plan) -> "JudgedCache":
        folder = cache_dir() if plan.cache else None
        return cls(folder)

    def key(self, plan, language: str, disabled, summaries) -> str | None:
        """The key of a language's findings, or None when one of its catalogues has no file bytes to key by."""
        if self.folder is None or any(summary.digest is None for summary in summaries):
            return None
        digest = hashlib.blake2b(digest_size=16)
        for part in (plan.run_key(), language, repr(disabled)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for summary in summaries:
            digest.update(summary.path.encode("utf-8", "surrogatepass") + b"\0" + summary.digest)
        return digest.hexdigest()

    def get(self, key: str | None):
        """The findings stored under ``key`` (``Finding`` objects), or None."""
        if key is None:
            return None
        path = self.folder / f"judged-{key}.pickle"
        data = cache.load(path, path.stem, RestrictedUnpickler)
        if not (isinstance(data, dict) and data.get("format") == FORMAT):
            return None
        findings = findings_from_data(data.get("findings"))
        if findings is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # used: kept by the pruning
        return findings

    def put(self, key: str | None, findings) -> None:
        if key is None:
            return
        path = self.folder / f"judged-{key}.pickle"
        try:
            cache.save(path, {"format": FORMAT, "findings": findings_data(findings)}, path.stem)
            prune(self.folder, KEEP_JUDGED, group=lambda p: p.stem, protect=path.stem, pattern="judged-*.pickle")
        except (OSError, WorkbenchError):
            pass


KEEP_JUDGED = 32  # languages' judged findings kept (a few runs of a project's languages)


class CrossCache:
    """The cross-language checks' findings of each domain (an article's catalogues in every language), kept by the
    run's key, the checks, what the configuration disables and the name and bytes of each of the domain's files:
    a check whose files did not change reads none of its catalogues' entries again (``runner.judge``). One file per
    run key, ``cross-<key>.pickle``, holding the domains of the last run; same rules as the other caches."""

    def __init__(self, folder: Path | None, run_key: str):
        self.folder = folder
        name = hashlib.blake2b(run_key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self.path = folder / f"cross-{name}.pickle" if folder is not None else None
        self._stored: dict[str, list] = {}
        self._used: dict[str, list] = {}
        if self.path is not None:
            data = cache.load(self.path, self.path.stem, RestrictedUnpickler)
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("domains"), dict):
                self._stored = data["domains"]

    def key(self, checks: str, disabled, summaries) -> str | None:
        """The key of a domain's findings, or None (no caching, or a catalogue without file bytes to key by)."""
        if self.folder is None or any(summary.digest is None for summary in summaries):
            return None
        digest = hashlib.blake2b(digest_size=16)
        for part in (checks, repr(disabled)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for summary in sorted(summaries, key=lambda summary: summary.path):
            digest.update(summary.path.encode("utf-8", "surrogatepass") + b"\0" + summary.digest)
        return digest.hexdigest()

    def get(self, key: str | None):
        """The domain's findings (``Finding`` objects), or None."""
        if key is None or key not in self._stored:
            return None
        findings = findings_from_data(self._stored[key])
        if findings is not None:
            self._used[key] = self._stored[key]
        return findings

    def put(self, key: str | None, findings) -> None:
        if key is not None:
            self._used[key] = findings_data(findings)

    def save(self) -> None:
        """Keep the domains of this run (a domain gone since is dropped with its findings)."""
        if self.path is not None:
            _keep_this_run(self.path, "domains", self._used, self._stored, KEEP_FILES)


class FileJudgements:
    """What judging a language kept of each of its files (``runner._judge_files``): the entry checks' findings,
    each tallied check's tally, and its findings under each view of the language's statistics, by the file's
    name and bytes. One file per run key, language and checks, ``judging-<key>.pickle``, holding this run's files
    (a file gone since is dropped); same rules as the other caches. What a record holds is checked for shape
    here (findings) and by the checks that read it (their tallies: a tally they cannot read means judging
    afresh, ``runner._judge_files``).

    Each file's record is held pickled on its own (its entry findings and tallies, and apart its views, which
    change with the other files), and made into objects when it is asked for: a language's records are about as
    many objects as its entries, and judging holds one file's at a time."""

    def __init__(self, path: Path | None):
        self.path = path
        self._stored: dict[tuple, bytes] = {}
        self._used: dict[tuple, bytes] = {}
        if path is not None:
            data = cache.load(path, path.stem, RestrictedUnpickler)
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict):
                self._stored = data["files"]

    @classmethod
    def for_plan(cls, plan, language: str, check_ids: list[str], entry_issues: bool, files, stored: bool = True
                 ) -> "FileJudgements":
        """The language's records, or none kept (caching off, ``stored`` False, or a file without bytes to key by)."""
        folder = cache_dir() if plan.cache and stored else None
        if folder is None or any(digest is None for _, digest in files):
            return cls(None)
        key = "\0".join((plan.run_key(), language, ",".join(check_ids), str(entry_issues)))
        name = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return cls(folder / f"judging-{name}.pickle")

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, path: str, digest: bytes | None) -> dict | None:
        """The record of the file ``path`` with these bytes (as this run put it, else as stored), or None. (Its
        findings are checked for shape as they are read back, ``findings_from_data``: one that is not of that
        shape is made again.)"""
        kept = self._used.get((path, digest)) or self._stored.get((path, digest))
        if not (isinstance(kept, tuple) and len(kept) == 2 and all(isinstance(part, bytes) for part in kept)):
            return None
        try:
            record = RestrictedUnpickler(io.BytesIO(kept[0])).load()
            views = RestrictedUnpickler(io.BytesIO(kept[1])).load()
        except Exception:  # noqa: BLE001 - a record that does not load is no record
            return None
        if not (isinstance(record, dict) and isinstance(record.get("tally"), dict)
                and isinstance(record.get("entry"), list) and isinstance(views, dict)):
            return None
        return {**record, "views": views}

    def put(self, file: tuple[str, bytes | None], record: dict) -> None:
        """Keep ``record`` (its entry findings and tallies; its views, as ``put_views``)."""
        if self.path is not None:
            self._used[file] = (pickle.dumps({"entry": record["entry"], "tally": record["tally"]},
                                             protocol=pickle.HIGHEST_PROTOCOL),
                                pickle.dumps(record["views"], protocol=pickle.HIGHEST_PROTOCOL))

    def put_views(self, file: tuple[str, bytes | None], views: dict) -> None:
        """Keep ``views`` as the findings of ``file`` under this run's views, its entry findings and tallies as
        they are (the views change with the other files; the rest only with the file's own bytes)."""
        if self.path is not None:
            kept = self._used.get(file) or self._stored[file]
            self._used[file] = (kept[0], pickle.dumps(views, protocol=pickle.HIGHEST_PROTOCOL))

    def keep(self, file: tuple[str, bytes | None]) -> None:
        """Keep the stored record of ``file`` as it is (``get`` gave it, and it is still right)."""
        if self.path is not None and file not in self._used:
            self._used[file] = self._stored[file]

    def save(self) -> None:
        """Keep the records of this run's files."""
        if self.path is not None:
            _keep_this_run(self.path, "files", self._used, self._stored, KEEP_LANGUAGE_FILES)


KEEP_LANGUAGE_FILES = 24  # languages' file records kept (a few runs of a project's languages, in two pieces)


def _keep_this_run(path: Path, field: str, used: dict, stored: dict, keep: int) -> None:
    """Save what a run used (``used``, under ``field``) as the cache file ``path``, the ``keep`` files of its kind
    used last kept; only touched when it is what was stored (used: kept by the pruning)."""
    if used == stored:
        with contextlib.suppress(OSError):
            os.utime(path)
        return
    kind = path.stem.split("-", 1)[0]
    try:
        cache.save(path, {"format": FORMAT, field: used}, path.stem)
        prune(path.parent, keep, group=lambda p: p.stem, protect=path.stem, pattern=f"{kind}-*.pickle")
    except (OSError, WorkbenchError):
        pass


def findings_data(findings) -> list[tuple]:
    """Findings as plain data (``findings_from_data`` reads them back)."""
    return [(f.file, f.line, f.language, f.msgctxt, f.msgid, f.check, f.severity, f.message, f.offending,
             tuple(f.span) if f.span else None, f.form, f.source, f.target, f.suppressed, f.suppressed_by,
             f.in_source, f.reason) for f in findings]


def findings_from_data(data):
    """``Finding`` objects from what ``findings_data`` stored, or None when it is not of that shape."""
    from workbench.checks.base import Finding

    if not isinstance(data, list):
        return None
    findings = []
    for item in data:
        if not (isinstance(item, tuple) and len(item) == JudgedCache.FIELDS and _valid_finding(item)):
            return None
        findings.append(Finding(*item[:13], suppressed=item[13], suppressed_by=item[14], in_source=item[15],
                                reason=item[16]))
    return findings


def _valid_finding(item: tuple) -> bool:
    (file, line, language, msgctxt, msgid, check, severity, message, offending, span, form, source, target,
     suppressed, suppressed_by, in_source, reason) = item
    texts = (file, language, msgid, check, message, source, target)
    return (all(isinstance(text, str) for text in texts) and type(line) is int and severity in SEVERITIES
            and all(value is None or isinstance(value, str) for value in (msgctxt, offending, suppressed_by, reason))
            and (span is None or (isinstance(span, tuple) and len(span) == 2 and all(type(n) is int for n in span)))
            and (form is None or type(form) is int) and type(suppressed) is bool and type(in_source) is bool)

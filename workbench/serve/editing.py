"""What the local editor knows and does, without HTTP: the project's catalogues, one entry's
surroundings (terms, memory, other languages, checks) and saving one entry.

The web layer (``app``) only turns requests into these calls. A catalogue is named by its
(language, article) pair from ``layout.find_catalogues``: a request never names a path.

Saving is a three-way merge (``exchange.importer.merge_entry``): the page sends what the entry was
when it loaded (``Base``), the file is read again under the project lock, and an entry changed on
disk meanwhile (a ``git pull``, another tab, Poedit) is a conflict: nothing is written, and the page
shows both versions. Only the edited entry changes; everything else in the file is what is on disk.
"""

from __future__ import annotations

import copy
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.checks.base import EntryCheck, Finding
from workbench.checks.registry import all_checks
from workbench.checks.runner import run_checks
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange.importer import ImportReport, Proposal, merge_entry
from workbench.exchange.units import Base
from workbench.fileio import project_lock, read_bytes
from workbench.glossary.terminology import Terminology
from workbench.layout import find_catalogues
from workbench.plurals import form_labels
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.review.diff import word_diff
from workbench.stats import CatalogueStats, catalogue_stats

SUGGESTIONS = 3  # memory matches shown per entry


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Loaded:
    """A catalogue as read for a page: its entries in file order, and the digest of the bytes read."""

    language: str
    article: str
    path: Path
    catalog: Catalog
    entries: list[Message]
    digest: str


@dataclass
class SaveResult:
    status: str  # "saved", "unchanged" or "conflict"
    message: str
    theirs: list[str] = field(default_factory=list)  # the disk's translations, in a conflict
    theirs_fuzzy: bool = False
    digest: str = ""  # of the file as it is now
    base: str = ""  # the entry's base as it is now (the next save's)


class Workspace:
    """One project, as the editor serves it."""

    def __init__(self, config: Config):
        self.config = config
        self._findings: tuple[tuple, dict[str, list[Finding]]] | None = None
        self._memory = None
        self._memory_thread = 0

    # -- catalogues ----------------------------------------------------------------------
    def catalogues(self) -> list[tuple[str, str, Path]]:
        """(language, article, path) of every catalogue, the target languages first."""
        return find_catalogues(self.config)

    def catalogue_path(self, language: str, article: str) -> Path:
        """The path of a catalogue the project has; WorkbenchError for any other pair."""
        for lang, name, path in self.catalogues():
            if lang == language and name == article:
                return path
        raise WorkbenchError(f"no catalogue for article {article!r} in language {language!r}")

    def load(self, language: str, article: str) -> Loaded:
        path = self.catalogue_path(language, article)
        data = read_bytes(path)
        catalog = read_po(path)
        return Loaded(language, article, path, catalog, list(catalog.entries()), digest(data))

    def relative(self, path: Path) -> str:
        return self.config.relative(path)

    def overview(self) -> list[tuple[CatalogueStats, int | str]]:
        """Each catalogue's progress (what ``workbench stats`` counts) and its number of findings, or for a
        catalogue that does not read, the error (file and line) in place of the count."""
        findings = self.findings()
        rows = []
        for language, article, path in self.catalogues():
            try:
                stats = catalogue_stats(read_po(path), self.relative(path), article)
            except WorkbenchError as exc:
                stats = catalogue_stats(Catalog(), self.relative(path), article)
                stats.language = language
                rows.append((stats, str(exc)))
                continue
            stats.language = language
            rows.append((stats, len(findings.get(self.relative(path), []))))
        return rows

    # -- the glossary and the checks -------------------------------------------------------
    @property
    def terminology(self) -> Terminology | None:
        return Terminology.for_project(self.config)

    def findings(self) -> dict[str, list[Finding]]:
        """The findings of a full ``workbench check`` of the project, by catalogue (its path from the root);
        run again when a catalogue or the glossary changed (the checks' cache keeps that fast)."""
        paths = [path for _, _, path in self.catalogues()]
        signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths) + (
            id(self.terminology),)
        if self._findings is None or self._findings[0] != signature:
            readable = []
            for path in paths:
                try:
                    read_po(path)
                except WorkbenchError:
                    continue  # the overview names the error; the others are checked
                readable.append(path)
            by_file: dict[str, list[Finding]] = {}
            if readable:
                # the files, not what was read of them: the summaries ``workbench check`` kept of each are used,
                # and the findings are named from the project's root, as the overview names the catalogues
                report = run_checks(readable, self.terminology, self.config.source_language, self.config,
                                    cache=True, base=self.config.root)
                for finding in report.findings:
                    by_file.setdefault(finding.file, []).append(finding)
            self._findings = (signature, by_file)
        return self._findings[1]

    def entry_findings(self, loaded: Loaded, message: Message, forms: list[str] | None = None) -> list[Finding]:
        """The entry checks of one entry, as the translator has it (``forms``) and as if accepted (not fuzzy):
        a fuzzy entry is checked for what it would publish. Suppressions and the project's disabled
        checks apply as in ``workbench check``."""
        entry = copy.deepcopy(message)
        if forms is not None:
            set_translations(entry, forms)
        entry.fuzzy = False
        catalog = Catalog([m for m in loaded.catalog.messages if m.is_header] + [entry],
                          path=self.relative(loaded.path))
        report = run_checks([catalog], self.terminology, self.config.source_language, self.config,
                            only=entry_check_ids())
        return report.findings

    def timed_entry_findings(self, loaded: Loaded, message: Message, forms: list[str]) -> tuple[list[Finding], float]:
        started = time.perf_counter()
        found = self.entry_findings(loaded, message, forms)
        return found, (time.perf_counter() - started) * 1000

    def terms(self, message: Message, language: str) -> list[dict]:
        """The glossary's concepts in the source: where, their approved renderings and rejected terms."""
        glossary = self.terminology
        if glossary is None:
            return []
        out: dict[str, dict] = {}
        for hit in glossary.find(message.msgid, self.config.source_language):
            concept = hit.concept
            item = out.setdefault(concept.id, {
                "concept": concept.id, "source": message.msgid[hit.start:hit.end], "kind": glossary.kind(concept),
                "renderings": [t.text for t in glossary.renderings(concept, language)],
                "rejected": [t.text for t in glossary.rejected(concept, language)],
                "note": concept.note or concept.definition, "spans": []})
            item["spans"].append((hit.start, hit.end))
        return list(out.values())

    # -- the memory ----------------------------------------------------------------------
    def suggestions(self, loaded: Loaded, message: Message) -> list[dict]:
        """The memory's best matches for the entry's source (at or above ``tm-threshold``), best first,
        the entry's own translation left out; only for singular entries."""
        if message.plural:
            return []
        from workbench.tm.match import match_unit
        from workbench.tm.pretranslate import open_memory, own_unit

        if self._memory is not None and self._memory_thread != threading.get_ident():
            self.close()  # an SQLite connection serves the thread that opened it (the server has one)
        if self._memory is None:
            self._memory_thread = threading.get_ident()
            try:
                self._memory = open_memory(self.config)
            except WorkbenchError:
                return []
        own = own_unit(self.relative(loaded.path), message)
        matches, seen = [], set()
        for unit in self._memory.candidates(message.msgid, loaded.language):
            if own(unit) or (unit.source, unit.target) in seen:
                continue
            seen.add((unit.source, unit.target))
            match = match_unit(message.msgid, unit, self.terminology)
            if match.score >= self.config.tm_threshold:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.unit.origin, m.suggestion))
        return [{"score": m.score, "suggestion": m.suggestion, "source": m.unit.source, "origin": m.unit.origin}
                for m in matches[:SUGGESTIONS]]

    def close(self) -> None:
        if self._memory is not None and hasattr(self._memory, "close"):
            self._memory.close()
            self._memory = None

    # -- the same entry elsewhere ----------------------------------------------------------
    def other_languages(self, loaded: Loaded, message: Message) -> list[tuple[str, str, str]]:
        """(language, status, translation) of the entry in the article's other catalogues."""
        out = []
        for language, article, path in self.catalogues():
            if article != loaded.article or language == loaded.language:
                continue
            for other in read_po(path).entries():
                if other.key == message.key:
                    out.append((language, status(other), " | ".join(t for t in other.translations if t)))
                    break
        return out

    # -- saving ----------------------------------------------------------------------------
    def save(self, language: str, article: str, key: tuple[str | None, str], forms: list[str], fuzzy: bool,
             base: str, approver: str | None = None) -> SaveResult:
        """Write one entry's translation and fuzzy flag, merged three-way against what the page loaded
        (``base``); a conflict writes nothing."""
        path = self.catalogue_path(language, article)
        with project_lock(self.config.locales_dir):
            catalog = read_po(path)
            entry = next((m for m in catalog.entries() if m.key == key), None)
            if entry is None:
                raise WorkbenchError("this entry is no longer in the catalogue (the source changed on disk); "
                                     "reload the page", path)
            if len(forms) != len(entry.translations):
                raise WorkbenchError(f"the entry has {len(entry.translations)} forms, the request {len(forms)}",
                                     path)
            was_fuzzy = entry.fuzzy
            report = ImportReport(path)
            changed, _ = merge_entry(entry, Proposal(list(forms), fuzzy), Base.decode(base), path, report,
                                     origin="editor")
            if report.conflicts:
                disk = read_po(path)
                theirs = next(m for m in disk.entries() if m.key == key)
                return SaveResult("conflict", "changed on disk since this page loaded: not saved",
                                  list(theirs.translations), theirs.fuzzy, digest(read_bytes(path)),
                                  Base.of(theirs).encode())
            if changed and was_fuzzy and not entry.fuzzy:
                from workbench.approve import APPROVED_PREFIX, who_approves
                from workbench.dates import gettext_date, now

                record = f"{APPROVED_PREFIX} {gettext_date(now())} by {approver or who_approves()}"
                entry.translator_comments = [c for c in entry.translator_comments
                                             if not c.startswith(APPROVED_PREFIX)] + [record]
            written = changed and write_po(catalog, path)
            return SaveResult("saved" if written else "unchanged", "saved" if written else "nothing to save",
                              digest=digest(read_bytes(path)), base=Base.of(entry).encode())


# -- helpers ---------------------------------------------------------------------------------
_ENTRY_CHECKS: list[str] | None = None


def entry_check_ids() -> list[str]:
    """The checks that look at one entry alone (catalogue- and cross-language checks need the whole language)."""
    global _ENTRY_CHECKS
    if _ENTRY_CHECKS is None:
        _ENTRY_CHECKS = [cls.id for cls in all_checks() if issubclass(cls, EntryCheck)]
    return _ENTRY_CHECKS


def status(message: Message) -> str:
    if message.translated:
        return "translated"
    if message.fuzzy and any(message.translations):
        return "fuzzy"
    return "untranslated"


def set_translations(message: Message, forms: list[str]) -> None:
    if message.plural:
        message.msgstr_plural = list(forms)
    else:
        message.msgstr = forms[0] if forms else ""


def plural_labels(catalog: Catalog, language: str, message: Message) -> list[str]:
    """The label of each msgstr box: CLDR names with example numbers for a plural entry."""
    if not message.plural:
        return [""]
    forms = catalog.plural_forms
    if forms is None or forms.nplurals != len(message.msgstr_plural):
        return [f"msgstr[{n}]" for n in range(len(message.msgstr_plural))]
    return form_labels(forms, language)


def source_diff(message: Message) -> list[tuple[str, str]]:
    """The word diff of a fuzzy entry's previous source and its source (empty when there is none)."""
    if not message.fuzzy or message.previous_msgid is None:
        return []
    return word_diff(message.previous_msgid, message.msgid)


def matches_filter(message: Message, findings: list[Finding], *, state: str = "", check: str = "",
                   changed: bool = False, concept: str = "", query: str = "", terms: list[str] | None = None) -> bool:
    """Whether an entry passes the editor's filters (all of those given)."""
    if state == "untranslated" and status(message) != "untranslated":
        return False
    if state == "fuzzy" and not message.fuzzy:
        return False
    if state == "failing" and not findings:
        return False
    if state == "todo" and status(message) == "translated" and not findings:
        return False
    if check and not any(f.check == check for f in findings):
        return False
    if changed and message.previous_msgid is None:
        return False
    if concept and concept not in (terms or []):
        return False
    if query:
        folded = query.casefold()
        texts = [message.msgid, message.msgid_plural or "", *message.translations]
        if not any(folded in text.casefold() for text in texts):
            return False
    return True

"""Running the checks over catalogues: ``run_checks(...) -> Report``.

Catalogues are grouped by language (the PO header's ``Language``, else the
``lang`` given). Entry checks run on every entry of every catalogue, catalogue
checks once per language over all its catalogues (most of them from a tally of
each file and the language's figures combined from them: ``CatalogueCheck``),
cross-language checks once over everything. Findings are then matched against
suppressions:

* in the PO file, a translator comment ``# wb-ignore: check-id[, check-id…]``
  (``*`` or ``all`` for every check; ``no-wb-<check-id>`` is read too) on an
  entry silences those checks on that entry; on the header entry, in the
  whole file. A ``#, no-wb-<check-id>`` flag works as well, but ``msgcat`` and
  ``workbench fmt`` drop unknown flags, so the comment is the form to use;
* ``[tool.workbench] disabled-checks = { check-id = ["zh_CN", "ja"] }`` in
  pyproject.toml (``"*"`` for every language).

Suppressed findings are kept in ``Report.suppressed`` and counted in the
summary; they never fail a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections import Counter, OrderedDict, abc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from workbench.checks.base import (
    SEVERITY_RANK, CatalogueCheck, CatalogueInfo, Check, Context, CrossLanguageCheck, Entry, EntryCheck,
    Finding, Issue, at_least,
)
from workbench.checks.cache import (CrossCache, FileCache, FileJudgements, JudgedCache, ResultCache, cache_dir,
                                     context_key, entry_digest, findings_data, findings_from_data, restore, store)
from workbench.checks.registry import all_checks
from workbench.checks.rootcause import absorb
from workbench.checks.summary import (CompactCatalog, CompactMessage, FileSummary, PackedSummary, Spill, file_digest,
                                      share, shared_strings)
from workbench.config import Config
from workbench.glossary.model import Termbase
from workbench.glossary.terminology import Terminology
from workbench.errors import WorkbenchError
from workbench.fileio import read_bytes
from workbench.langs import primary, to_gettext, validate_language
from workbench.layout import domain_key, find_catalogues, find_files, path_language
from workbench.parallel import in_background, map_files, worker_count
from workbench.po.catalog import Catalog, Message

_IGNORE_COMMENT = re.compile(r"\bwb-ignore\s*:?\s*(?P<ids>[\w*][\w*\-]*(?:\s*[, ]\s*[\w*][\w*\-]*)*)", re.I)
_NO_WB = re.compile(r"\bno-wb-(?P<id>[\w-]+)", re.I)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)  # active: not suppressed
    suppressed: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    checks: list[type[Check]] = field(default_factory=list)
    entries: int = 0
    catalogues: Sequence[CatalogueInfo] = field(default_factory=list, repr=False)  # made as asked for
    file_languages: dict[str, str] = field(default_factory=dict, repr=False)  # file -> language
    glossary: Terminology | None = field(default=None, repr=False)
    source_language: str = "en"

    def summary(self) -> dict:
        by_severity = {"error": 0, "warning": 0, "info": 0}
        by_check: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            by_severity[finding.severity] += 1
            counts = by_check.setdefault(finding.check, {"error": 0, "warning": 0, "info": 0})
            counts[finding.severity] += 1
        suppressed_by_check: dict[str, int] = {}
        for finding in self.suppressed:
            suppressed_by_check[finding.check] = suppressed_by_check.get(finding.check, 0) + 1
        return {
            "total": len(self.findings),
            "by_severity": by_severity,
            "by_check": dict(sorted(by_check.items())),
            "suppressed": len(self.suppressed),
            "suppressed_by_check": dict(sorted(suppressed_by_check.items())),
            "files": len(self.files),
            "entries": self.entries,
            "languages": self.languages,
        }

    def exit_code(self, fail_on: str = "error") -> int:
        return 1 if any(at_least(f.severity, fail_on) for f in self.findings) else 0

    def at_least(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if at_least(f.severity, severity)]


# -- reading ---------------------------------------------------------------------
def read_catalogue(path: Path) -> tuple[Catalog, bytes]:
    """A PO file's catalogue, and its bytes."""
    from workbench.po.reader import parse_po_bytes

    raw = read_bytes(path)
    catalog = parse_po_bytes(raw, str(path))
    catalog.path = str(path)
    return catalog, raw


def plural_header(catalog: Catalog) -> tuple[int | None, str | None]:
    forms = catalog.plural_forms  # None when absent or unreadable: the header check reports it
    return (forms.nplurals, forms.expression) if forms is not None else (None, None)


def catalogue_info(catalog: Catalog, display: str, lang: str | None = None) -> CatalogueInfo:
    # a header without Language (Wagtail's en catalogues): --lang, else the path's locale/<lang>/LC_MESSAGES;
    # the header check says which was used
    language = catalog.language or lang or path_language(display)
    if not language:
        raise WorkbenchError("the PO header has no Language and the path names none; pass --lang", display)
    header_line = catalog.header.lineno if catalog.header is not None else None
    try:
        language = validate_language(language, display, header_line or None)
    except WorkbenchError:
        language = to_gettext(language)  # not in CLDR: checked all the same; the header check says so
    nplurals, expr = plural_header(catalog)
    return CatalogueInfo(catalog=catalog, path=display, language=language, nplurals=nplurals, plural_expr=expr)


def _display(path: Path, base: Path | None = None, resolved_base: Path | None = None,
             folders: dict | None = None) -> str:
    """A path as findings show it: relative to ``base`` (the working folder by default; ``resolved_base``: that
    folder already resolved, for thousands of files; ``folders``: their folders resolved so far, each resolved
    once where a file is not itself a link)."""
    if folders is not None and not os.path.islink(path):
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        resolved = folder / path.name
    else:
        resolved = path.resolve()
    try:
        return resolved.relative_to(resolved_base or (base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_inputs(inputs: Iterable[str | Path | Catalog | CatalogueInfo], lang: str | None = None,
                base: Path | None = None) -> list[CatalogueInfo]:
    """Read PO files and folders of them (recursively, ``*.po``); Catalogs and CatalogueInfos pass through.
    Files are named relative to ``base`` (the working folder by default)."""
    catalogues: list[CatalogueInfo] = []
    for item in inputs:
        if isinstance(item, CatalogueInfo):
            catalogues.append(item)
            continue
        if isinstance(item, Catalog):
            display = item.path or f"<catalogue {len(catalogues) + 1}>"
            catalogues.append(catalogue_info(item, display, lang))
            continue
        for path in find_files([item], (".po",)):
            catalog, _ = read_catalogue(path)
            catalogues.append(catalogue_info(catalog, _display(path, base), lang))
    return catalogues


def project_glossary(config: Config, use_cache: bool = True) -> Terminology | None:
    """The project's glossary, as ``update``'s hints read it (``Terminology.for_project``)."""
    return Terminology.for_project(config, use_cache)


def project_catalogues(config: Config) -> list[Path]:
    folder = config.locales_dir
    files = sorted(path for _, _, path in find_catalogues(config))
    if not files:
        raise WorkbenchError("no catalogues (*.po) found; run 'workbench update' first, or name PO files", folder)
    return files


def as_glossary(termbase: Terminology | Termbase | str | Path | None) -> Terminology | None:
    if termbase is None or isinstance(termbase, Terminology):
        return termbase
    if isinstance(termbase, (str, Path)):
        return Terminology.load(termbase)
    return Terminology(termbase)


# -- suppression ------------------------------------------------------------------
def suppressions(message: Message | None) -> set[str]:
    ids: set[str] = set()
    if message is None:
        return ids
    for comment in message.translator_comments:
        for match in _IGNORE_COMMENT.finditer(comment):
            ids |= {part.lower() for part in re.split(r"[\s,]+", match.group("ids")) if part}
        ids |= {match.group("id").lower() for match in _NO_WB.finditer(comment)}
    for flag in message.flags:
        if flag.lower().startswith("no-wb-"):
            ids.add(flag[6:].lower())
    return {"*" if i == "all" else i for i in ids}


def _disabled_for(config: Config | None, language: str) -> list[str]:
    """The checks the configuration disables for ``language`` (what its judged findings depend on)."""
    if config is None:
        return []
    return sorted(check_id for check_id in config.disabled_checks if _disabled(config, check_id, language))


def _disabled(config: Config | None, check_id: str, language: str) -> bool:
    if config is None:
        return False
    languages = config.disabled_checks.get(check_id)
    if not languages:
        return False
    codes = {to_gettext(code) for code in languages}
    return "*" in languages or language in codes or primary(language) in codes


# -- running ----------------------------------------------------------------------
def run_checks(
    inputs: Sequence[str | Path | Catalog] | str | Path | Catalog,
    termbase=None,
    source_lang: str = "en",
    config: Config | None = None,
    lang: str | None = None,
    only: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
    cache: bool = False,
    base: Path | None = None,
) -> Report:
    """Check PO files, folders of them, or Catalog objects; ``termbase`` is a Terminology, a Termbase or a path.

    With ``cache``, what a run learnt is kept for the next: the summary of each file by its bytes (a
    file that did not change is not read again) and the entry checks' results by entry (an entry that
    did not change in a file that did is not checked again); see ``workbench.checks.cache``.
    Files are named relative to ``base`` (the working folder by default; what a project writes, as the
    exports do, names them relative to the project, so its bytes do not depend on where it was run).
    ``progress`` is called with the number of files done: each file once when it is read and checked, then
    once more when its language is judged (a bar over twice the files).
    """
    plan = CheckPlan.make(termbase, source_lang, lang, only, cache)
    summaries, stored = summarise_inputs(inputs, plan, base, progress, spill=Spill())
    report = judge(summaries, plan, config, progress)
    stored()
    return report


def check_shard(inputs, shard: tuple[int, int], folder: Path, termbase=None, source_lang: str = "en",
                lang: str | None = None, only: Iterable[str] | None = None,
                progress: Callable[[int], None] | None = None, cache: bool = False, base: Path | None = None
                ) -> tuple[Path, list[PackedSummary]]:
    """The per-file stage of the K-th of N slices of ``inputs``, written for ``merge_shards``
    (``workbench.checks.shards``): (the shard file, its summaries)."""
    from workbench.checks.shards import write_shard

    plan = CheckPlan.make(termbase, source_lang, lang, only, cache)
    total = len(_inputs(inputs, base))
    summaries, stored = summarise_inputs(inputs, plan, base, progress, shard=shard)
    path = write_shard(folder, shard, total, summaries, plan.run_key())
    stored()
    return path, summaries


def merge_shards(folder: Path, termbase=None, source_lang: str = "en", config: Config | None = None,
                 lang: str | None = None, only: Iterable[str] | None = None,
                 progress: Callable[[int], None] | None = None) -> Report:
    """The report of a run whose per-file stage was spread over shards: the same as ``run_checks``'s
    (``progress(n)`` as the n files of a language are judged)."""
    from workbench.checks.shards import read_shards

    plan = CheckPlan.make(termbase, source_lang, lang, only, cache=False)
    summaries = read_shards(folder, plan.run_key())
    spill = Spill()
    for summary in summaries:
        summary.spill(spill)
    return judge(summaries, plan, config, progress)


@dataclass
class CheckPlan:
    """What every file of a run is checked with; forked workers inherit it."""

    checks: list[Check]
    glossary: Terminology | None
    source_lang: str
    lang: str | None
    cache: bool
    _languages: dict = field(default_factory=dict)
    _results: dict = field(default_factory=dict)

    @classmethod
    def make(cls, termbase, source_lang: str, lang: str | None, only: Iterable[str] | None, cache: bool) -> "CheckPlan":
        wanted = None if only is None else set(only)
        checks = [check() for check in all_checks() if wanted is None or check.id in wanted]
        return cls(checks, as_glossary(termbase), to_gettext(source_lang), lang, cache)

    def active(self, language: str) -> list[Check]:
        return [c for c in self.checks if c.applies_to(language) and (self.glossary is not None or not c.needs_glossary)]

    def for_language(self, language: str) -> tuple[Context, list[EntryCheck], list[CatalogueCheck]]:
        """The context, the entry checks and the catalogue checks that summarise entries, of ``language``."""
        found = self._languages.get(language)
        if found is None:
            active = self.active(language)
            found = (Context(language=language, source_language=self.source_lang, glossary=self.glossary,
                             keep=cache_dir() if self.cache else None),
                     [c for c in active if isinstance(c, EntryCheck)],
                     [c for c in active if isinstance(c, CatalogueCheck)
                      and type(c).summarise is not CatalogueCheck.summarise])
            self._languages[language] = found
        return found

    def prepare(self, language: str) -> None:
        """Build what every file of ``language`` needs once, before workers fork (they inherit it)."""
        if self.glossary is not None:
            self.glossary.matcher.prepare(self.source_lang, language)

    def results(self, language: str) -> ResultCache:
        """The entry checks' stored results of ``language`` (a disabled cache when caching is off)."""
        found = self._results.get(language)
        if found is None:
            entry_checks = self.for_language(language)[1]
            found = (ResultCache.for_context(language, self.source_lang, [c.id for c in entry_checks], self.glossary)
                     if self.cache else ResultCache(None))
            self._results[language] = found
        return found

    def save_results(self) -> None:
        """Keep the entry checks' results of every language asked (``results``) for the next run."""
        for results in self._results.values():
            results.save()

    def run_key(self) -> str:
        """What a file's summary depends on besides its bytes (``FileCache``)."""
        return context_key("*", self.source_lang, [c.id for c in self.checks], self.glossary) + (self.lang or "")


def _inputs(inputs, base: Path | None) -> list:
    """Each input as a CatalogueInfo or Catalog (kept as given), or a (path, how findings name it) of a PO file."""
    if isinstance(inputs, (str, Path, Catalog, CatalogueInfo)):
        inputs = [inputs]
    items: list = []
    resolved = (base or Path.cwd()).resolve()
    folders: dict[Path, Path] = {}
    for item in inputs:
        if isinstance(item, (Catalog, CatalogueInfo)):
            items.append(item)
        else:
            items += [(path, _display(path, base, resolved, folders)) for path in find_files([item], (".po",))]
    return items


def summarise_inputs(inputs, plan: CheckPlan, base: Path | None = None,
                     progress: Callable[[int], None] | None = None, shard: tuple[int, int] | None = None,
                     spill: Spill | None = None) -> tuple[list[PackedSummary], Callable[[], None]]:
    """The per-file stage: every input read, its entries checked and compacted, in input order; and a function to
    call before the run ends, which waits until what the stage learnt is stored (the file summaries, the entry
    results: written in a process forked for it while the run judges, ``parallel.in_background``; a re-run of
    Django's catalogue spent 0.6 s packing and writing them before it could judge).

    Files come from the file cache when their bytes are those of an earlier run; the others are read
    on every core. With ``shard`` (K, N), only the K-th of every N files (1-based) is done. The summaries
    come back packed: a run holds its project that way until it judges one language at a time, and with
    ``spill`` not even that: each is moved to disk as it comes (``summary.Spill``), so neither this process
    nor the judging workers forked from it hold the project.
    """
    items = _inputs(inputs, base)
    if shard is not None:
        number, count = shard
        items = [item for index, item in enumerate(items) if index % count == number - 1]
    files = FileCache.for_plan(plan) if plan.cache else FileCache(None)
    summaries: list[PackedSummary | None] = [None] * len(items)
    todo: list[int] = []
    for index, item in enumerate(items):
        if isinstance(item, tuple):
            digest = file_digest(item[0]) if files.enabled else None
            items[index] = (item[0], item[1], digest)
            if digest is not None:
                summaries[index] = files.get(item[1], digest, item[0])
        if summaries[index] is None:
            todo.append(index)
        else:
            if spill is not None:
                summaries[index].spill(spill)
            if progress:
                progress(1)
    across: dict[int, tuple[str, str]] = {}
    # many files to read: each language's matchers built once here, before the workers fork (they inherit them);
    # a few (a commit's): each worker builds what its files need, in parallel, and the judging workers forked
    # later do not carry them (the 1 % re-run: 8.6-9.0 s and 375-394 MB against 10.7-10.8 s and 467 MB)
    prepare = len(todo) >= PREPARE_FILES
    for index in todo:
        item = items[index]
        language = (item.language if isinstance(item, CatalogueInfo) else
                    item.language if isinstance(item, Catalog) else path_language(item[1])) or plan.lang
        if language and prepare:
            with contextlib.suppress(WorkbenchError):
                plan.prepare(validate_language(language))
        if isinstance(item, tuple):
            across[index] = (domain_key(item[1], language) if language else item[1], item[1])
    # an article's catalogues in every language one after the other: they share their sources, whose glossary
    # scans the terminology keeps (a worker given all of an article's languages scans each source once)
    todo.sort(key=lambda index: across.get(index, ("", "")))
    serial = worker_count(len(todo)) == 1
    # a run of one file, read here, judges it from the summary's objects (``PackedSummary.holding``)
    lone = serial and len(items) == 1
    work = lambda index: _summarise(items[index], plan, chunked=serial, packed=not lone,  # noqa: E731
                                    files=files if files.enabled else None)
    for index, (summary, fresh) in zip(todo, map_files(work, todo)):
        if lone:
            summary = PackedSummary.holding(summary)
        item = items[index]
        summary.source = item[0] if isinstance(item, tuple) else None
        summaries[index] = summary
        if spill is not None:
            summary.spill(spill)
        if fresh:
            results = plan.results(summary.language)
            for digest, stored, facts in fresh:
                results.put(digest, stored)
                results.put_facts(digest, facts)
        files.put(summary)
        if progress:
            progress(1)
    if not plan.cache or cache_dir() is None:  # nothing to store
        return summaries, lambda: None
    return summaries, in_background(_store, plan, files)


def _store(plan: CheckPlan, files: FileCache) -> None:
    plan.save_results()
    files.save()


def _summarise(item, plan: CheckPlan, chunked: bool = False, packed: bool = False, files: FileCache | None = None
               ) -> tuple[FileSummary | PackedSummary, list]:
    """One catalogue through the per-file stage: (its summary, packed or not, the entry results to keep:
    (digest, issues)). A file whose earlier version's summary ``files`` keeps is read again from that where it
    can be (``_summarise_again``)."""
    digest = raw = None
    if isinstance(item, CatalogueInfo):
        info = item
    elif isinstance(item, Catalog):
        info = catalogue_info(item, item.path or "<catalogue>", plan.lang)
    else:
        path, display, digest = item
        if files is not None and digest is not None:
            again = _summarise_again(path, display, digest, files, plan, chunked)
            if again is not None:
                summary, fresh = again
                return (PackedSummary.pack(summary) if packed else summary), fresh
        catalog, raw = read_catalogue(path)
        info = catalogue_info(catalog, display, plan.lang)
    catalog = info.catalog
    entries = [Entry(message, info) for message in catalog.entries()]
    # entries are kept one by one only where re-checking a changed file whole would cost (a catalogue read
    # from a file is otherwise skipped whole while its bytes stay the same: the file summaries)
    big = len(entries) >= ENTRY_RESULTS_MINIMUM or digest is None
    results = plan.results(info.language) if big else ResultCache(None)
    digests, stored, facts = _entry_results(entries, info, plan, results, chunked)
    issues = [(number, item[0], item) for number, items in enumerate(stored) for item in items]
    fresh = list(zip(digests, stored, facts))  # every entry's, so the caller keeps the unchanged ones too
    shared: dict = {}
    messages = [CompactMessage.of(entry.message, entry_facts, shared) for entry, entry_facts in zip(entries, facts)]
    header = CompactMessage.of(catalog.header, None) if catalog.header is not None else None
    pieces = _piece_digests(raw, catalog) if raw is not None and big and results.enabled else None
    summary = FileSummary(_compact_info(info, header, messages), issues, digest, pieces)
    return (PackedSummary.pack(summary) if packed else summary), fresh


def _entry_results(entries: list[Entry], info: CatalogueInfo, plan: CheckPlan, results: ResultCache,
                   chunked: bool) -> tuple[list[bytes], list[tuple], list]:
    """Of each of ``entries``: its digest (when ``results`` is kept), its entry checks' issues (stored form) and
    the catalogue checks' facts, from ``results`` or found now (on every core for many entries, with ``chunked``)."""
    context, entry_checks, summarising = plan.for_language(info.language)
    if results.enabled:
        digests = [entry_digest(entry) for entry in entries]
        stored = [results.get(d) for d in digests]
        known_facts = [results.get_facts(d) for d in digests]
    else:
        digests, stored, known_facts = [], [None] * len(entries), [None] * len(entries)
    asked = tuple(check.id for check in summarising)
    todo = [number for number, found in enumerate(stored) if found is None]
    facts: list = [known if _stored_facts(known, asked) else None for known in known_facts]
    ask = [number for number, known in enumerate(facts) if known is None]
    found: dict[int, list] = {number: [] for number in todo}
    # the entry checks' issues and the catalogue checks' facts of the entries that have none kept, on every core
    # for a big file
    work = EntryWork(entries, entry_checks, todo, summarising, asked, ask, context)
    parallel = chunked and len(todo) + len(ask) >= PARALLEL_THRESHOLD
    if parallel:  # the glossary's indexes built once, here: the chunks' workers inherit them, and judging needs them
        with contextlib.suppress(WorkbenchError):
            plan.prepare(info.language)
    for issues_found, facts_found in (work.chunks() if parallel else [work.run(0, len(entries))]):
        for number, check_index, issue in issues_found:
            found[number].append(store(entry_checks[check_index].id, issue))
        for number, entry_facts in facts_found:
            facts[number] = entry_facts
    for number in todo:
        stored[number] = tuple(found[number])
    return digests, stored, facts


def _compact_info(info: CatalogueInfo, header: CompactMessage | None, messages: list[CompactMessage]
                  ) -> CatalogueInfo:
    return CatalogueInfo(catalog=CompactCatalog(info.path, header, messages), path=info.path, language=info.language,
                         nplurals=info.nplurals, plural_expr=info.plural_expr)


def _piece_digests(raw: bytes, catalog: Catalog) -> bytes | None:
    """The digests of the pieces of a file's bytes (``po.reader.entry_pieces``), the header's first, when each
    piece is one of its entries (the header, then each active entry, on the line it begins on); else None."""
    from workbench.po.reader import entry_pieces

    pieces = entry_pieces(raw)
    header = catalog.header
    if pieces is None or header is None:
        return None
    lines = [header.lineno, *(message.lineno for message in catalog.entries())]
    if len(pieces) != len(lines) or any(line != piece_line for line, (piece_line, _) in zip(lines, pieces)):
        return None  # obsolete entries, no blank line between two entries, the header not first...
    return b"".join(_piece_digest(piece) for _, piece in pieces)


def _piece_digest(piece: bytes) -> bytes:
    """What a piece of a file's bytes is known by in its summary (``FileSummary.pieces``): 16 bytes."""
    return hashlib.blake2b(piece, digest_size=16).digest()


def _summarise_again(path: Path, display: str, digest: bytes, files: FileCache, plan: CheckPlan, chunked: bool
                     ) -> tuple[FileSummary, list] | None:
    """A big file read again after an edit, from the summary of its earlier version (``FileCache.earlier``): each
    piece of its bytes (an entry, ``po.reader.entry_pieces``) that the earlier version had is taken from there,
    its line updated (its compacted entry, its issues, its facts); only the other pieces are read and checked.
    Django's catalogue (100,332 entries) after a commit editing 846 of them: the per-file stage 2.9 -> 1.2 s.
    None where that cannot give exactly what reading the whole file gives: no earlier summary with its pieces, a
    file not in gettext's layout, another header charset or plural forms, a piece that does not read, two
    entries with one key. The whole file is then read (and any mistake named where it is)."""
    from workbench.po.reader import entry_pieces, header_charset, parse_piece, parse_po_bytes, python_codec

    packed = files.earlier(display)
    if packed is None or packed.entries < ENTRY_RESULTS_MINIMUM:  # (a small file's summary keeps no pieces)
        return None
    try:
        earlier = packed.unpack()
    except ValueError:
        return None
    if earlier.pieces is None or earlier.info.catalog.header is None:
        return None
    pieces = entry_pieces(read_bytes(path))
    if not pieces:
        return None
    old_header = earlier.info.catalog.header
    try:
        codec = python_codec(header_charset(old_header.msgstr))
    except WorkbenchError:
        return None
    line, piece = pieces[0]
    piece_digests = [_piece_digest(piece) for _, piece in pieces]
    if piece_digests[0] == earlier.pieces[:16]:
        info = earlier.info
        header = old_header
        header.lineno = line
    else:  # (a new PO-Revision-Date): the same charset, language and plural forms, or the whole file is read
        try:
            read = parse_po_bytes(b"\n" * (line - 1) + piece + b"\n", str(path)).messages
            header_message = read[0] if len(read) == 1 and read[0].is_header else None
            if header_message is None or python_codec(header_charset(header_message.msgstr)) != codec:
                return None
            info = catalogue_info(Catalog(messages=[header_message]), display, plan.lang)
        except WorkbenchError:
            return None
        if (info.language, info.nplurals, info.plural_expr) != (earlier.info.language, earlier.info.nplurals,
                                                                earlier.info.plural_expr):
            return None
        header = CompactMessage.of(header_message, None)
    old_messages = earlier.info.catalog.messages
    old_number = {earlier.pieces[16 * (number + 1):16 * (number + 2)]: number for number in range(len(old_messages))}
    old_issues: dict[int, list] = {}
    for number, _, issue in earlier.issues:
        old_issues.setdefault(number, []).append(issue)
    kept: list = []  # of each entry: (its earlier number, its line), or its Message read now
    for (line, piece), piece_digest in zip(pieces[1:], piece_digests[1:]):
        number = old_number.get(piece_digest)
        if number is not None:
            kept.append((number, line))
            continue
        read = parse_piece(piece, line, codec, str(path))
        if read is None or len(read) != 1 or read[0].is_header:
            return None
        kept.append(read[0])
    keys = {(old_header.msgctxt, old_header.msgid)}
    keys.update((old_messages[item[0]].msgctxt, old_messages[item[0]].msgid) if isinstance(item, tuple)
                else (item.msgctxt, item.msgid) for item in kept)
    if len(keys) != len(kept) + 1:
        return None  # two entries with one key: said where by reading the whole file
    summary_info = _compact_info(info, header, [])
    # the new entries checked now (not looked up in the entry results: loading them cost more than checking a
    # commit's entries; the file's summary is what a re-run keeps)
    new = [Entry(item, summary_info) for item in kept if not isinstance(item, tuple)]
    _, new_stored, new_facts = _entry_results(new, info, plan, ResultCache(None), chunked)
    messages, issues = [], []
    shared: dict = {}
    at = 0
    for number, item in enumerate(kept):
        if isinstance(item, tuple):
            message = old_messages[item[0]]  # (the earlier summary's own objects, unpacked for this)
            message.lineno = item[1]
            stored = old_issues.get(item[0], ())
        else:
            message = CompactMessage.of(item, new_facts[at], shared)
            stored = new_stored[at]
            at += 1
        messages.append(message)
        issues += [(number, issue[0], issue) for issue in stored]
    summary_info.catalog.messages = messages
    return FileSummary(summary_info, issues, digest, b"".join(piece_digests)), []


def _stored_facts(known, asked: tuple[str, ...]) -> bool:
    """``known`` is an entry's facts as ``_facts`` makes them for these checks (kept by the entry results)."""
    return isinstance(known, tuple) and (known == () if not asked else
                                         len(known) == len(asked) + 1 and known[0] == asked)


def _facts(entry: Entry, checks: list[CatalogueCheck], asked: tuple[str, ...], context: Context) -> tuple:
    """(the ids of ``checks``, what each one's summarise() says of ``entry``, ...); () when there are none."""
    if not checks:
        return ()
    return (asked, *(check.summarise(entry, context) for check in checks))


def judge(summaries: list[PackedSummary], plan: CheckPlan, config: Config | None = None,
          progress: Callable[[int], None] | None = None) -> Report:
    """The report of a run from its files' summaries: the entry checks' issues, the catalogue-wide and
    cross-language checks, suppressions, one finding per root cause (``progress(n)`` as the n files of a
    language are judged, or found judged already).

    Each language is judged on its own, in one or two pieces of work, each in a worker forked for it (which
    inherits the packed summaries): the entry findings and the catalogue checks judged from per-file tallies
    a file at a time (``_judge_files``), a check that samples the language on the entries it chooses
    (``_chosen_entries``). The cross-language checks then run here on what they read of every catalogue (its
    header and its entries' keys and lines)."""
    glossary = plan.glossary
    by_language: dict[str, list[PackedSummary]] = {}
    for summary in summaries:
        by_language.setdefault(summary.language, []).append(summary)
    # a language whose catalogues are all as they were when it was last judged is not judged again
    judged = JudgedCache.for_plan(plan)
    keys = {language: judged.key(plan, language, _disabled_for(config, language), group)
            for language, group in by_language.items()}
    done = {language: judged.get(key) for language, key in keys.items()}
    todo = [language for language in by_language if done[language] is None]
    if progress:
        progress(sum(len(group) for language, group in by_language.items() if done[language] is not None))
    # a language in two pieces where a check is judged apart (those first: the longest work is started first)
    pieces = [(language, True) for language in todo
              if any(isinstance(check, CatalogueCheck) and check.judged_apart for check in plan.active(language))]
    pieces += [(language, False) for language in todo]
    judge_piece = lambda piece: _judge_language(by_language[piece[0]], piece[0], plan, config,  # noqa: E731
                                                apart=piece[1])
    found_by_language: dict[str, list[Finding]] = {language: [] for language in todo}
    pieces_left = Counter(language for language, _ in pieces)
    for (language, _), found in zip(pieces, map_files(judge_piece, pieces, minimum=2, fresh=True)):
        found_by_language[language] += found
        pieces_left[language] -= 1
        if progress and not pieces_left[language]:
            progress(len(by_language[language]))
    for language in todo:
        done[language] = found_by_language[language]
        judged.put(keys[language], done[language])
    findings: list[Finding] = [finding for language in by_language for finding in done[language]]
    findings += _cross_language(by_language, plan, config)
    report = Report(
        files=[summary.path for summary in summaries],
        languages=sorted(by_language),
        checks=[type(c) for c in plan.checks],
        entries=sum(summary.entries for summary in summaries),
        catalogues=PackedCatalogues(summaries, plan),
        file_languages={summary.path: summary.language for summary in summaries},
        glossary=glossary,
        source_language=plan.source_lang,
    )
    for finding in findings:
        (report.suppressed if finding.suppressed else report.findings).append(finding)
    report.findings.sort(key=lambda f: f.sort_key)
    report.suppressed.sort(key=lambda f: f.sort_key)
    absorb(report)  # one finding per root cause; the others go to report.suppressed, with the reason
    return report


def _cross_language(by_language: dict[str, list[PackedSummary]], plan: CheckPlan,
                    config: Config | None) -> list[Finding]:
    """The cross-language checks' findings, on what they read of each catalogue (its header and its entries' keys
    and lines). A check that works domain by domain (``by_domain``) is asked about each domain apart, and a domain
    whose files did not change since the last run has its findings from the cache, its catalogues not read."""
    glossary = plan.glossary
    checks = [check for check in plan.checks if isinstance(check, CrossLanguageCheck)
              and (glossary is not None or not check.needs_glossary)]
    strings: dict = {}

    def judged(check_group: list[CrossLanguageCheck], groups: dict[str, list[PackedSummary]]) -> list[Finding]:
        heads = {language: [_keys_only(summary, plan, strings) for summary in group]
                 for language, group in groups.items()}
        cross = [_finding(check, info, entry, issue) for check in check_group
                 for entry, info, issue in check.check_languages(heads, plan.source_lang, glossary)
                 if check.applies_to(info.language)]
        return _suppress(cross, config)

    whole = [check for check in checks if not check.by_domain]
    findings = judged(whole, by_language) if whole else []
    apart = [check for check in checks if check.by_domain]
    if not apart:
        return findings
    domains: dict[str, dict[str, list[PackedSummary]]] = {}
    for language, group in by_language.items():
        for summary in group:
            domains.setdefault(domain_key(summary.path.replace("\\", "/"), language), {}).setdefault(
                language, []).append(summary)
    stored = CrossCache(cache_dir() if plan.cache else None, plan.run_key())
    ids = ",".join(check.id for check in apart)
    for domain, groups in domains.items():
        if len(groups) < 2:
            continue  # a domain in one language has no other to compare it with (Django's catalogue checked alone)
        disabled = [(language, _disabled_for(config, language)) for language in sorted(groups)]
        key = stored.key(ids, disabled, [summary for group in groups.values() for summary in group])
        found = stored.get(key)
        if found is None:
            found = judged(apart, groups)
            stored.put(key, found)
        findings += found
    stored.save()
    return findings


class PackedCatalogues(abc.Sequence):
    """``Report.catalogues`` of a run: each catalogue's summary unpacked when it is asked for, not kept, so
    a report on a project does not hold it (the term matrix reads them one after another)."""

    def __init__(self, summaries: list[PackedSummary], plan: CheckPlan):
        self._summaries = summaries
        self._plan = plan

    def __len__(self) -> int:
        return len(self._summaries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self)))]
        return _unpacked(self._summaries[index], self._plan).info


def _unpacked(summary: PackedSummary, plan: CheckPlan, strings: dict | None = None) -> FileSummary:
    """A file's summary unpacked; one that does not unpack (a stored one of another shape) is made again from
    its file, or, with no file to read, refused."""
    try:
        return summary.unpack(strings)
    except ValueError:
        if summary.source is None:
            raise WorkbenchError("a damaged summary; run the check again without the stored results "
                                 "(--no-cache, or the shards made again)", summary.path) from None
        fresh, _ = _summarise((summary.source, summary.path, summary.digest), plan)
        return fresh


def _keys_only(summary: PackedSummary, plan: CheckPlan, strings: dict) -> CatalogueInfo:
    """A catalogue as the cross-language checks read it: its header and its entries' context, msgid, lines (made
    from the pickle without the rest of each entry: unpacking every entry whole was most of a re-run)."""
    try:
        return summary.keys_only(strings)
    except ValueError:
        info = _unpacked(summary, plan, strings).info
        return PackedSummary.pack(FileSummary(info, [], summary.digest)).keys_only(strings)


def _judge_language(packed: list[PackedSummary], language: str, plan: CheckPlan,
                    config: Config | None, apart: bool = False) -> list[Finding]:
    """The findings of one language's files (entry checks' issues, then the catalogue checks'), each marked
    suppressed or not; with ``apart``, only those of the catalogue checks judged apart (the others without
    them). The report sorts the findings, so how a language was cut does not change it.

    The catalogue checks judged from per-file tallies (``CatalogueCheck.tallied``) and the entry checks' issues
    are judged a file at a time (``_judge_files``); a check that needs the language's entries at once has them
    all unpacked."""
    checks = [check for check in plan.active(language)
              if isinstance(check, CatalogueCheck) and check.judged_apart == apart]
    tallied = [check for check in checks if check.tallied]
    findings = _judge_files(packed, language, plan, tallied, entry_issues=not apart) if tallied or not apart else []
    context, _, _ = plan.for_language(language)
    found = []
    for check in checks:
        if check.chooses:  # only the entries it chooses, from what each file's keys say
            infos, entries = _chosen_entries(packed, language, plan, check)
            found += [_finding(check, info, entry, issue)
                      for entry, info, issue in check.check_catalogues(infos, entries, context)]
    whole = [check for check in checks if not check.tallied and not check.chooses]
    if whole:
        strings: dict = {}
        infos = [_unpacked(summary, plan, strings).info for summary in packed]
        entries = [Entry(message, info) for info in infos for message in info.catalog.messages]
        found += [_finding(check, info, entry, issue) for check in whole
                  for entry, info, issue in check.check_catalogues(infos, entries, context)]
    findings += _comment_suppressed(found)
    return _config_suppressed(findings, config)


def _chosen_entries(packed: list[PackedSummary], language: str, plan: CheckPlan, check: CatalogueCheck,
                    stored: bool = True) -> tuple[list[CatalogueInfo], list[Entry]]:
    """The catalogues and entries ``check`` chooses (``CatalogueCheck.chosen``) of a language's files: each
    catalogue holding only those of its entries (and its header), so that neither the others' objects nor a
    file's other entries are held. Each file's keys are kept by its name and bytes, as the tallies are, and the
    entries chosen of it as a view: which ones are chosen depends on the other files, and while it does not
    change, a re-run takes them from there instead of unpacking the file's whole summary (at 2,000 articles,
    unpacking every file of a language for a fifth of its entries was most of a re-run's phrase piece)."""
    context, _, _ = plan.for_language(language)
    files = [(summary.path, summary.digest) for summary in packed]
    store = FileJudgements.for_plan(plan, language, [check.id], False, files, stored)
    keys, views = [], []
    for file_number, (path, digest) in enumerate(files):
        record = store.get(path, digest)
        if record is None or check.id not in record["tally"]:
            info = _unpacked(packed[file_number], plan).info
            entries = [Entry(message, info) for message in info.catalog.messages]
            record = {"entry": [], "tally": {check.id: check.entry_keys(info, entries, context)}, "views": {}}
            store.put(files[file_number], record)
        else:
            store.keep(files[file_number])  # as stored: not pickled again
        keys.append(record["tally"][check.id])
        views.append(record["views"])
    infos: list[CatalogueInfo] = []
    entries: list[Entry] = []
    strings: dict = {}
    try:
        for file_number, numbers in enumerate(check.chosen(keys, context)):
            kept, views[file_number] = views[file_number], None
            if not numbers:
                if kept:
                    store.put_views(files[file_number], {})
                continue
            numbers = sorted(numbers)
            key = "chosen:" + hashlib.blake2b(repr(numbers).encode(), digest_size=16).hexdigest()
            info = _chosen_catalogue(kept.get(key), files[file_number][0], language, strings)
            if info is None:
                whole = _unpacked(packed[file_number], plan, strings).info
                messages = whole.catalog.messages
                catalog = CompactCatalog(whole.path, whole.catalog.header, [messages[number] for number in numbers])
                info = CatalogueInfo(catalog=catalog, path=whole.path, language=whole.language,
                                     nplurals=whole.nplurals, plural_expr=whole.plural_expr)
                kept = {key: _chosen_data(info)}
                store.put_views(files[file_number], kept)
            elif kept.keys() != {key}:
                store.put_views(files[file_number], {key: kept[key]})  # this run's view only
            infos.append(info)
            entries += [Entry(message, info) for message in info.catalog.messages]
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        if not store.enabled:
            raise
        # stored keys the check cannot read (another shape): made afresh
        return _chosen_entries(packed, language, plan, check, stored=False)
    store.save()
    return infos, entries


def _chosen_data(info: CatalogueInfo) -> tuple:
    """A catalogue of the entries a check chose, as plain data (``_chosen_catalogue`` reads it back)."""
    catalog = info.catalog
    return (info.nplurals, info.plural_expr, catalog.header.to_data() if catalog.header is not None else None,
            [message.to_data() for message in catalog.messages])


def _chosen_catalogue(data, path: str, language: str, strings: dict) -> CatalogueInfo | None:
    """The catalogue ``_chosen_data`` kept, or None when ``data`` is not of that shape."""
    if not (isinstance(data, tuple) and len(data) == 4 and isinstance(data[3], list)
            and (data[2] is None or isinstance(data[2], tuple) and len(data[2]) == 12)
            and all(isinstance(fields, tuple) and len(fields) == 12 for fields in data[3])):
        return None
    nplurals, plural_expr, header, messages = data
    compact = [CompactMessage(*fields) for fields in messages]
    share(compact, strings)
    catalog = CompactCatalog(path, CompactMessage(*header) if header is not None else None, compact)
    return CatalogueInfo(catalog=catalog, path=path, language=language, nplurals=nplurals, plural_expr=plural_expr)


class _OpenFiles:
    """A language's files unpacked as they are asked for, the last few kept (a file's entries are asked for
    again by the next checks, and a group's other entries by the files of the group)."""

    KEPT = 64

    def __init__(self, packed: list[PackedSummary], plan: CheckPlan):
        self.packed, self.plan = packed, plan
        self.kept: OrderedDict[int, tuple[FileSummary, list[Entry]]] = OrderedDict()

    def __call__(self, file_number: int) -> tuple[FileSummary, list[Entry]]:
        found = self.kept.get(file_number)
        if found is None:
            summary = _unpacked(self.packed[file_number], self.plan)
            found = summary, [Entry(message, summary.info) for message in summary.info.catalog.messages]
            self.kept[file_number] = found
            if len(self.kept) > self.KEPT:
                self.kept.popitem(last=False)
        else:
            self.kept.move_to_end(file_number)
        return found

    def entry(self, file_number: int, number: int) -> Entry:
        return self(file_number)[1][number]


def _judge_files(packed: list[PackedSummary], language: str, plan: CheckPlan, checks: list[CatalogueCheck],
                 entry_issues: bool, stored: bool = True) -> list[Finding]:
    """The entry checks' findings (with ``entry_issues``) and those of the tallied catalogue checks ``checks``, a
    file at a time, comment suppressions decided: each file's tallies first, the language's statistics from them,
    then each file that has a view of them checked with it (``CatalogueCheck.check_catalogue``).

    A file's record (its entry findings, its tallies, its findings under each view) is kept by its name and bytes
    (``checks.cache.FileJudgements``): a re-run after a commit reads again only the files that changed and those
    whose view of the statistics did, so neither time nor memory grows with the language's other files."""
    context, _, _ = plan.for_language(language)
    by_id = {check.id: check for check in plan.checks}
    ids = {check.id for check in checks}
    files = [(summary.path, summary.digest) for summary in packed]
    store = FileJudgements.for_plan(plan, language, [check.id for check in checks], entry_issues, files, stored)
    opened = _OpenFiles(packed, plan)
    findings: list[Finding] = []
    records: list[dict] = []  # each file's tallies and kept views, without its entry findings
    strings: dict[str, str] = {}  # the tallies' strings, each held once for the language
    # each file's entry findings and tallies (its record made where none is kept)
    for file_number, (path, digest) in enumerate(files):
        record = store.get(path, digest)
        entry_findings = findings_from_data(record["entry"]) if record is not None else None
        if entry_findings is None or set(record["tally"]) != ids:
            summary, entries = opened(file_number)
            info = summary.info
            entry_findings = _comment_suppressed([_finding(by_id[check_id], info, entries[number], restore(issue)[1])
                                                  for number, check_id, issue in summary.issues]
                                                 if entry_issues else [])
            record = {"entry": findings_data(entry_findings),
                      "tally": {check.id: check.tally(info, entries, context) for check in checks}, "views": {}}
            store.put(files[file_number], record)
        else:
            store.keep(files[file_number])
        findings += entry_findings
        records.append({"tally": {check_id: shared_strings(tally, strings) for check_id, tally in record["tally"].items()},
                        "views": record["views"]})
    try:
        statistics = {check.id: check.combine([record["tally"][check.id] for record in records], files, context)
                      for check in checks}
    except Exception:  # noqa: BLE001 - a stored tally the checks cannot read (another shape): judged afresh
        if not store.enabled:
            raise
        return _judge_files(packed, language, plan, checks, entry_issues, stored=False)
    # then each file's findings under its view of the statistics: kept, or found again
    for file_number, (file, record) in enumerate(zip(files, records)):
        views: dict[str, list] = {}
        for check in checks:
            view = check.view(statistics[check.id], record["tally"][check.id], file_number, context)
            if view is None:
                continue
            key = check.id + ":" + hashlib.blake2b(repr(view).encode("utf-8", "surrogatepass"),
                                                   digest_size=16).hexdigest()
            found = findings_from_data(record["views"].get(key))
            if found is None:
                summary, entries = opened(file_number)
                found = _comment_suppressed([_finding(check, summary.info, entry, issue) for entry, _, issue in
                                             check.check_catalogue(summary.info, entries, statistics[check.id],
                                                                   file_number, context, opened.entry)])
                views[key] = findings_data(found)
            else:
                views[key] = record["views"][key]
            findings += found
        if views.keys() != record["views"].keys():
            store.put_views(file, views)  # this run's views only: the record does not grow with the runs
    store.save()
    return findings


def _comment_suppressed(findings: list[tuple]) -> list[Finding]:
    """Each (finding, its entry's message, its catalogue) as a Finding, suppressed where a comment of the entry or
    of the file's header says so."""
    header_ignores: dict[int, set[str]] = {}
    done = []
    for finding, entry_message, info in findings:
        ignored = suppressions(entry_message) if entry_message is not None else set()
        if id(info) not in header_ignores:
            header_ignores[id(info)] = suppressions(info.catalog.header)
        file_ignored = header_ignores[id(info)]
        if finding.check in ignored or "*" in ignored:
            finding.suppressed, finding.suppressed_by = True, "comment"
        elif finding.check in file_ignored or "*" in file_ignored:
            finding.suppressed, finding.suppressed_by = True, "comment"
        done.append(finding)
    return done


def _config_suppressed(findings: list[Finding], config: Config | None) -> list[Finding]:
    """``findings``, those the configuration disables for their language suppressed (a comment's stay so)."""
    for finding in findings:
        if not finding.suppressed and _disabled(config, finding.check, finding.language):
            finding.suppressed, finding.suppressed_by = True, "config"
    return findings


def _suppress(findings: list[tuple], config: Config | None) -> list[Finding]:
    """Each (finding, its entry's message, its catalogue) with its suppression decided, as Findings."""
    return _config_suppressed(_comment_suppressed(findings), config)


# -- entry checks, on both cores when one file is big enough ---------------------------
PARALLEL_THRESHOLD = 20_000  # entries; below, a second process costs more than it saves
ENTRY_RESULTS_MINIMUM = 1_000  # entries of a file whose entry checks' results are kept entry by entry
PREPARE_FILES = 500  # files to read from which the main process builds the languages' matchers first
_CHUNK = 2_000


class EntryWork:
    """What the per-file stage asks of a catalogue's entries: the entry checks' issues of the entries numbered
    ``todo``, the catalogue checks' facts (``_facts``) of those numbered ``ask`` (the others are kept from an
    earlier run). A big catalogue's entries are split into chunks done by forked workers, which inherit the
    catalogue and the glossary instead of receiving them pickled."""

    def __init__(self, entries, checks, todo, summarising, asked, ask, context):
        self.entries, self.checks, self.summarising, self.asked, self.context = (entries, checks, summarising,
                                                                                 asked, context)
        self.todo, self.ask = set(todo), set(ask)

    def run(self, start: int, stop: int) -> tuple[list[tuple[int, int, Issue]], list[tuple[int, tuple]]]:
        """(entry number, check index, issue) of every issue, and (entry number, facts) of every entry asked, of the
        entries numbered ``start`` to ``stop``."""
        issues, facts = [], []
        context = self.context
        # the checks that look at an entry, by (has a translation, fuzzy): decided once, not per entry and check
        looking = {(translated, fuzzy): [(check_index, check.check_entry)
                                         for check_index, check in enumerate(self.checks)
                                         if not (check.skip_untranslated and not translated)
                                         and not (check.skip_fuzzy and fuzzy)]
                   for translated in (False, True) for fuzzy in (False, True)}
        for number in range(start, stop):
            entry = self.entries[number]
            if number in self.todo:
                for check_index, check_entry in looking[entry.has_translation, entry.message.fuzzy]:
                    for issue in check_entry(entry, context):
                        issues.append((number, check_index, issue))
            if number in self.ask:
                facts.append((number, _facts(entry, self.summarising, self.asked, context)))
        return issues, facts

    def chunks(self):
        """``run`` of every chunk of the entries, in order, on every core."""
        chunks = [(start, min(start + _CHUNK, len(self.entries))) for start in range(0, len(self.entries), _CHUNK)]
        return map_files(lambda bounds: self.run(*bounds), chunks, minimum=PARALLEL_THRESHOLD // _CHUNK)


def _finding(check: Check, info: CatalogueInfo, entry: Entry | None, issue: Issue):
    message = entry.message if entry is not None else info.catalog.header
    severity = issue.severity or check.severity
    if severity not in SEVERITY_RANK:
        severity = check.severity
    if message is not None:
        source = message.msgid_plural if (issue.form and message.plural and issue.form > 0) else message.msgid
        target = message.translations[issue.form] if (issue.form is not None and message.plural
                                                       and issue.form < len(message.translations)) else (
            entry.target if entry is not None else message.msgstr)
    else:
        source = target = ""
    finding = Finding(
        file=info.path,
        line=(message.lineno if message is not None else 0) or 0,
        language=info.language,
        msgctxt=message.msgctxt if message is not None else None,
        msgid=message.msgid if message is not None else "",
        check=check.id,
        severity=severity,
        message=issue.message,
        offending=issue.offending,
        span=issue.span,
        form=issue.form,
        source=source or "",
        target=target or "",
        in_source=issue.in_source,
    )
    return finding, message, info

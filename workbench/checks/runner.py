"""Running the checks over catalogues: ``run_checks(...) -> Report``.

Catalogues are grouped by language (the PO header's ``Language``, else the
``lang`` given). Entry checks run on every entry of every catalogue, catalogue
checks once per language over all its catalogues, cross-language checks once
over everything. Findings are then matched against suppressions:

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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from workbench.checks.base import (
    SEVERITY_RANK, CatalogueCheck, CatalogueInfo, Check, Context, CrossLanguageCheck, Entry, EntryCheck,
    Finding, Issue, at_least,
)
from workbench.checks.cache import ResultCache, entry_digest, restore, store
from workbench.checks.registry import all_checks
from workbench.checks.rootcause import absorb
from workbench.config import Config
from workbench.glossary.model import Termbase
from workbench.glossary.terminology import Terminology
from workbench.errors import WorkbenchError
from workbench.langs import primary, to_gettext, validate_language
from workbench.layout import find_catalogues, find_files, path_language
from workbench.parallel import map_files
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
    catalogues: list[CatalogueInfo] = field(default_factory=list, repr=False)
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
def read_catalogue(path: Path) -> Catalog:
    from workbench.po.reader import read_po

    return read_po(path)


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


def _display(path: Path, base: Path | None = None) -> str:
    """A path as findings show it: relative to ``base`` (the working folder by default)."""
    try:
        return path.resolve().relative_to((base or Path.cwd()).resolve()).as_posix()
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
            catalog = read_catalogue(path)
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

    With ``cache``, entry-check results are kept between runs (``workbench.checks.cache``)
    and entries unchanged since an earlier run with the same context are not checked again.
    Files are named relative to ``base`` (the working folder by default; what a project writes, as the
    exports do, names them relative to the project, so its bytes do not depend on where it was run).
    """
    if isinstance(inputs, (str, Path, Catalog, CatalogueInfo)):
        inputs = [inputs]
    catalogues = load_inputs(inputs, lang, base)
    glossary = as_glossary(termbase)
    source_lang = to_gettext(source_lang)
    checks = [cls() for cls in all_checks() if only is None or cls.id in set(only)]
    findings: list[Finding] = []
    by_language: dict[str, list[CatalogueInfo]] = {}
    for info in catalogues:
        by_language.setdefault(info.language, []).append(info)
    entries_total = 0
    for language, infos in by_language.items():
        context = Context(language=language, source_language=source_lang, glossary=glossary)
        entries = [Entry(message, info) for info in infos for message in info.catalog.entries()]
        entries_total += len(entries)
        active = [c for c in checks if c.applies_to(language) and (glossary is not None or not c.needs_glossary)]
        entry_checks = [c for c in active if isinstance(c, EntryCheck)]
        if glossary is not None:
            glossary.matcher.prepare(source_lang, language)  # once here, not once per worker
        results = (ResultCache.for_context(language, source_lang, [c.id for c in entry_checks], glossary)
                   if cache else ResultCache(None))
        for number, check, issue in _cached_entry_issues(entries, entry_checks, context, progress, results):
            entry = entries[number]
            findings.append(_finding(check, entry.catalogue, entry, issue))
        for check in active:
            if isinstance(check, CatalogueCheck):
                for entry, info, issue in check.check_catalogues(infos, entries, context):
                    findings.append(_finding(check, info, entry, issue))
    for check in checks:
        if isinstance(check, CrossLanguageCheck) and (glossary is not None or not check.needs_glossary):
            for entry, info, issue in check.check_languages(by_language, source_lang, glossary):
                if check.applies_to(info.language):
                    findings.append(_finding(check, info, entry, issue))
    report = Report(
        files=[info.path for info in catalogues],
        languages=sorted(by_language),
        checks=[type(c) for c in checks],
        entries=entries_total,
        catalogues=catalogues,
        glossary=glossary,
        source_language=source_lang,
    )
    header_ignores = {id(info): suppressions(info.catalog.header) for info in catalogues}
    for finding, entry_message, info in findings:
        ignored = suppressions(entry_message) if entry_message is not None else set()
        file_ignored = header_ignores.get(id(info), set())
        if finding.check in ignored or "*" in ignored:
            finding.suppressed, finding.suppressed_by = True, "comment"
        elif finding.check in file_ignored or "*" in file_ignored:
            finding.suppressed, finding.suppressed_by = True, "comment"
        elif _disabled(config, finding.check, finding.language):
            finding.suppressed, finding.suppressed_by = True, "config"
        (report.suppressed if finding.suppressed else report.findings).append(finding)
    report.findings.sort(key=lambda f: f.sort_key)
    report.suppressed.sort(key=lambda f: f.sort_key)
    absorb(report)  # one finding per root cause; the others go to report.suppressed, with the reason
    return report


# -- entry checks, on both cores when there is enough work ---------------------------
PARALLEL_THRESHOLD = 20_000  # entries; below, a second process costs more than it saves
_CHUNK = 2_000


def _check_range(entries, checks, context, start: int, stop: int) -> list[tuple[int, int, Issue]]:
    issues = []
    for number in range(start, stop):
        entry = entries[number]
        translated = entry.has_translation
        fuzzy = entry.message.fuzzy
        for check_index, check in enumerate(checks):
            if (check.skip_untranslated and not translated) or (check.skip_fuzzy and fuzzy):
                continue
            for issue in check.check_entry(entry, context):
                issues.append((number, check_index, issue))
    return issues


def _entry_issues(entries, checks, context, progress):
    """(entry number, check index, issue) for every entry check's finding, in entry order.

    Large runs split the entries into chunks checked by forked workers, which
    inherit the catalogues and the glossary instead of receiving them pickled.
    """
    chunks = [(start, min(start + _CHUNK, len(entries))) for start in range(0, len(entries), _CHUNK)]
    check_chunk = lambda bounds: _check_range(entries, checks, context, *bounds)  # noqa: E731
    for (start, stop), issues in zip(chunks, map_files(check_chunk, chunks, minimum=PARALLEL_THRESHOLD // _CHUNK)):
        yield from issues
        if progress:
            progress(stop - start)


def _cached_entry_issues(entries, checks, context, progress, cache: ResultCache):
    """(entry number, check, issue) like ``_entry_issues``, taking unchanged entries' results from ``cache``."""
    if not cache.enabled:
        for number, check_index, issue in _entry_issues(entries, checks, context, progress):
            yield number, checks[check_index], issue
        return
    digests = [entry_digest(entry) for entry in entries]
    stored: list[tuple | None] = [cache.get(digest) for digest in digests]
    todo = [number for number, found in enumerate(stored) if found is None]
    if progress and len(todo) < len(entries):
        progress(len(entries) - len(todo))
    fresh: dict[int, list] = {number: [] for number in todo}
    for sub_number, check_index, issue in _entry_issues([entries[n] for n in todo], checks, context, progress):
        fresh[todo[sub_number]].append(store(checks[check_index].id, issue))
    for number in todo:
        stored[number] = tuple(fresh[number])
        cache.put(digests[number], stored[number])
    cache.save()
    by_id = {check.id: check for check in checks}
    for number, issues in enumerate(stored):
        for item in issues:
            check_id, issue = restore(item)
            yield number, by_id[check_id], issue


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

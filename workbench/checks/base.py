"""The check engine's data model: checks, the entries they look at, what they report.

Three scopes of check, each a small class with an ``id``:

* ``EntryCheck``        one source/target pair (an entry of one catalogue);
* ``CatalogueCheck``    every entry of one language (all its catalogues);
* ``CrossLanguageCheck`` one source entry across every language checked.

A check yields ``Issue``s (what is wrong, where in the target); the runner
turns them into ``Finding``s with file, line and entry, applies suppression
and the per-language configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from workbench.checks.text import script_of
from workbench.langs import primary
from workbench.layout import domain_key
from workbench.po.catalog import Catalog, Message

if TYPE_CHECKING:  # pragma: no cover
    from workbench.glossary.terminology import Terminology

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass
class Issue:
    """What a check reports; the runner adds where it is."""

    message: str
    offending: str | None = None  # the offending text, as it appears in the target (or source)
    span: tuple[int, int] | None = None  # offsets of ``offending`` in the target text
    severity: str | None = None  # None: the check's default
    form: int | None = None  # plural form index the issue is in (None: singular/whole entry)
    in_source: bool = False  # the span refers to the source text, not the target


@dataclass
class Finding:
    file: str
    line: int
    language: str
    msgctxt: str | None
    msgid: str
    check: str
    severity: str
    message: str
    offending: str | None = None
    span: tuple[int, int] | None = None
    form: int | None = None
    source: str = ""
    target: str = ""
    suppressed: bool = False
    suppressed_by: str | None = None  # "comment", "flag", "config" or "absorbed" (``checks.rootcause``)
    in_source: bool = False
    reason: str | None = None  # why an absorbed finding was (the finding that absorbed it)

    def to_json(self) -> dict:
        data = {
            "file": self.file,
            "line": self.line,
            "language": self.language,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "offending": self.offending,
            "span": list(self.span) if self.span else None,
            "plural_form": self.form,
            "target": self.target,
        }
        if self.suppressed:
            data["suppressed_by"] = self.suppressed_by
        if self.reason:
            data["reason"] = self.reason
        return data

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.form or 0, self.check, self.span or (0, 0))


@dataclass
class CatalogueInfo:
    """One PO file being checked."""

    catalog: Catalog
    path: str  # as shown in findings
    language: str  # gettext code
    nplurals: int | None = None  # from the file's own Plural-Forms header
    plural_expr: str | None = None

    @property
    def domain(self) -> str:
        """What the catalogue is across languages: ``locales/*/LC_MESSAGES/x.po`` (``layout.domain_key``)."""
        return domain_key(self.path.replace("\\", "/"), self.language)


class Entry:
    """One message of one catalogue, as the checks see it.

    Computed once on creation: some thirty checks ask each entry the same
    questions (any translation? which source/target pairs?), and on a 100,000-entry
    run recomputing them per check cost seconds. Messages are not changed
    while they are being checked.
    """

    __slots__ = ("message", "catalogue", "has_translation", "_pairs", "_target")

    def __init__(self, message: Message, catalogue: CatalogueInfo) -> None:
        self.message = message
        self.catalogue = catalogue
        # some text in some msgstr, fuzzy or not: what an entry check can look at (``Message.translated``
        # is gettext's stricter sense: every form, not fuzzy)
        self.has_translation: bool = (any(message.msgstr_plural) if message.msgid_plural is not None
                                      else bool(message.msgstr))
        self._pairs: tuple[tuple[int | None, str, str], ...] | None = None
        self._target: str | None = None

    def __repr__(self) -> str:
        return f"Entry({self.message.msgid!r}, {self.catalogue.path!r})"

    @property
    def language(self) -> str:
        return self.catalogue.language

    @property
    def source(self) -> str:
        return self.message.msgid

    @property
    def target(self) -> str:
        if self._target is None:
            message = self.message
            self._target = "\n".join(message.translations) if message.plural else message.msgstr
        return self._target

    def pairs(self) -> tuple[tuple[int | None, str, str], ...]:
        """(form, source, target) for each non-empty msgstr: the singular msgid for form 0 of
        languages with more than one form, the plural msgid for every other form."""
        if self._pairs is None:
            self._pairs = tuple(self._make_pairs())
        return self._pairs

    def _make_pairs(self) -> Iterator[tuple[int | None, str, str]]:
        message = self.message
        if not message.plural:
            if message.msgstr:
                yield None, message.msgid, message.msgstr
            return
        several = (self.catalogue.nplurals or len(message.msgstr_plural)) > 1
        for index, text in enumerate(message.msgstr_plural):
            if not text:
                continue
            source = message.msgid if (index == 0 and several) else (message.msgid_plural or message.msgid)
            yield index, source, text


@dataclass
class Context:
    """What a check may consult besides the entry."""

    language: str
    source_language: str = "en"
    glossary: Terminology | None = None
    # a folder where a check may keep what it computed for later runs (the check cache), None to keep nothing
    keep: Path | None = None

    @property
    def lang(self) -> str:
        return primary(self.language)

    @property
    def script(self) -> str:
        return script_of(self.language)


class Check:
    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    severity: ClassVar[str] = WARNING
    family: ClassVar[str] = ""
    scope: ClassVar[str] = ""
    # primary language subtags the check applies to (None: all), and ones it never applies to
    languages: ClassVar[frozenset[str] | None] = None
    scripts: ClassVar[frozenset[str] | None] = None  # 'cjk', 'cyrillic', 'latin', 'other'
    exclude_languages: ClassVar[frozenset[str]] = frozenset()
    needs_glossary: ClassVar[bool] = False
    skip_untranslated: ClassVar[bool] = True  # entry checks: only entries with a translation
    skip_fuzzy: ClassVar[bool] = True  # entry checks: a fuzzy entry is reported once, by 'fuzzy'

    @classmethod
    def applies_to(cls, language: str) -> bool:
        code = primary(language)
        if code in cls.exclude_languages:
            return False
        if cls.languages is not None and code not in cls.languages:
            return False
        if cls.scripts is not None and script_of(language) not in cls.scripts:
            return False
        return True

    @classmethod
    def applies_text(cls) -> str:
        parts = []
        if cls.languages is not None:
            parts.append(", ".join(sorted(cls.languages)))
        if cls.scripts is not None:
            parts.append("script " + "/".join(sorted(cls.scripts)))
        if cls.exclude_languages:
            parts.append("not " + ", ".join(sorted(cls.exclude_languages)))
        text = "; ".join(parts) or "all"
        return text + ("; glossary" if cls.needs_glossary else "")


class EntryCheck(Check):
    scope = "entry"

    def check_entry(self, entry: Entry, context: Context) -> Iterable[Issue]:  # pragma: no cover
        raise NotImplementedError


class CatalogueCheck(Check):
    scope = "catalogue"
    # a check whose judging of a language costs about as much as the others' together: the runner judges it
    # in a piece of work of its own, so that a run's languages spread evenly over the cores
    judged_apart = False
    _facts_ids: tuple | None = None  # the check ids of the facts last read, and where this check's value is
    _facts_at: int | None = None

    def summarise(self, entry: Entry, context: Context):
        """What this check needs to know of one entry later, as plain data (str, int, float, bool, None and
        tuples or frozensets of them), or None for nothing.

        The runner asks it in the per-file stage, on every core, and keeps the answer with the file's
        summary, so a file whose bytes did not change is not asked again; ``check_catalogues`` reads it
        back with ``self.facts(entry, context)``. Work that depends on one entry only belongs here:
        glossary matches, word counts, lemmas."""
        return None

    def facts(self, entry: Entry, context: Context):
        """``summarise(entry, context)`` as the per-file stage stored it, or computed now when it was not
        stored (a caller that handed over catalogues already read)."""
        stored = getattr(entry.message, "facts", None)  # (check ids, value, ...) of a CompactMessage
        if stored is None:
            return self.summarise(entry, context)
        if not stored:
            return None
        ids = stored[0]
        if ids is not self._facts_ids:  # (one tuple for a run's entries: where this check's value is, found once)
            self._facts_ids, self._facts_at = ids, 1 + ids.index(self.id) if self.id in ids else None
        return None if self._facts_at is None else stored[self._facts_at]

    def check_catalogues(
        self, catalogues: list[CatalogueInfo], entries: list[Entry], context: Context
    ) -> Iterable[tuple[Entry | None, CatalogueInfo, Issue]]:
        """The findings on every entry of one language (``entries``, catalogue after catalogue).

        A check judged from per-file tallies (``tally`` and the three methods after it) has this one: the
        tallies of the catalogues, the language's statistics from them, then each catalogue that has a view
        of them checked with them. The runner does the same without holding the language: it keeps each
        file's tally and each (file, view)'s findings between runs, and reads a file's entries only when its
        view or its bytes changed. A check that needs the whole language at once overrides this instead."""
        if not self.tallied:  # pragma: no cover - a check must override one or the other
            raise NotImplementedError
        by_catalogue: dict[int, list[Entry]] = {id(info): [] for info in catalogues}
        for entry in entries:
            by_catalogue.setdefault(id(entry.catalogue), []).append(entry)
        tallies = [self.tally(info, by_catalogue[id(info)], context) for info in catalogues]
        files = [(info.path, None) for info in catalogues]
        statistics = self.combine(tallies, files, context)

        def entry_of(file_number: int, number: int) -> Entry:
            return by_catalogue[id(catalogues[file_number])][number]

        for file_number, info in enumerate(catalogues):
            if self.view(statistics, tallies[file_number], file_number, context) is not None:
                yield from self.check_catalogue(info, by_catalogue[id(info)], statistics, file_number, context,
                                                entry_of)

    # -- a check of the whole language that reads only some of its entries ----------------------------------
    # (a statistic on a sample of the language's sources): the runner unpacks only the catalogues' entries it
    # chooses, and holds only those.

    @property
    def chooses(self) -> bool:
        return type(self).entry_keys is not CatalogueCheck.entry_keys

    def entry_keys(self, info: CatalogueInfo, entries: list[Entry], context: Context):
        """What choosing this check's entries needs of one catalogue's ``entries``, as plain data (as ``tally``).
        Kept by the file's bytes."""
        raise NotImplementedError

    def chosen(self, keys: list, context: Context) -> list[frozenset[int]]:
        """Of each catalogue (``keys``: each one's ``entry_keys``, in the run's order), the numbers of the entries
        ``check_catalogues`` needs: it must find on them, in the same order, what it finds on every entry."""
        raise NotImplementedError

    # -- judged from per-file tallies ------------------------------------------------------------------------
    # A check whose findings on a catalogue follow from that catalogue and a few language-wide figures says so
    # with these four methods; the runner then never holds a language's entries for it (see check_catalogues).

    @property
    def tallied(self) -> bool:
        return type(self).tally is not CatalogueCheck.tally

    def tally(self, info: CatalogueInfo, entries: list[Entry], context: Context):
        """What the language-wide statistics need of one catalogue (``entries``, all of its entries), as plain
        data: str, bytes, int, float, bool, None and tuples of them. Kept by the file's bytes."""
        raise NotImplementedError

    def combine(self, tallies: list, files: list[tuple[str, bytes | None]], context: Context):
        """The language's statistics from every catalogue's tally, in the run's order (``files``: each one's
        path and bytes' digest, for a statistic that names a place in another catalogue)."""
        return None

    def view(self, statistics, tally, file_number: int, context: Context):
        """What one catalogue's findings read of ``statistics`` (plain data, as ``tally``), None when it has no
        finding. The runner keeps the catalogue's findings by its bytes and this: a place it names in another
        catalogue is named with that file's path and digest, so that the view changes when that file does."""
        return ()

    def check_catalogue(self, info: CatalogueInfo, entries: list[Entry], statistics, file_number: int,
                        context: Context, entry_of) -> Iterable[tuple[Entry | None, CatalogueInfo, Issue]]:
        """The findings on one catalogue (``entries``, all of its entries) given the language's statistics.
        ``entry_of(file number, entry number)`` is an entry of another catalogue, for a finding naming it."""
        raise NotImplementedError


class CrossLanguageCheck(Check):
    scope = "cross-language"
    # its findings on a domain (an article's catalogues in every language) follow from that domain's catalogues
    # alone, and a domain in one language has none: the runner asks it about each domain of two languages or
    # more, apart, and keeps each domain's findings by its files' bytes
    by_domain = False

    def check_languages(
        self, catalogues: dict[str, list[CatalogueInfo]], source_language: str, glossary: Terminology | None
    ) -> Iterable[tuple[Entry | None, CatalogueInfo, Issue]]:  # pragma: no cover
        raise NotImplementedError

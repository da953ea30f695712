"""``workbench import xliff|tmx``: bring work done in a CAT tool back into the PO files.

The rules, so that nothing is ever lost:

* the whole file is read and checked before any catalogue is touched: malformed
  XML, entity declarations, a file for another source language, target
  language or article raise a WorkbenchError (exit 2) and write nothing;
* a file's ``original`` names a catalogue by language and article, never by path:
  only ``<locales>/<language>/LC_MESSAGES/<article>.po`` of this project is written
  (never a template, nothing through a link out of the locales folder);
* a unit updates only the entry it matches -- by msgctxt and source text, or
  by its id when a CAT tool dropped the context; a unit that matches nothing
  (its source was edited, or the entry has gone since the export) is reported
  and skipped, so an entry whose source changed is never overwritten;
* the merge is three-way: every export records, beside each unit, what the
  entry was when it was exported (``units.Base``). A unit the file did not
  change is left alone (a stale file never reverts newer work); a unit the file
  changed is applied when the catalogue entry is still as exported; when both
  changed, that is a **conflict**: the catalogue keeps its translation, the
  file's version goes into a translator comment on the entry (``# wb-conflict``,
  where Poedit and Lokalize show it), and the run lists it and exits 1;
* a file that records no base (made by another tool) fills only entries that
  are empty or already say the same, unless ``force``;
* an empty target never erases a translation;
* catalogues are rewritten with the PO writer, atomically, under the project
  lock, and only if something changed: importing an unedited export leaves
  every PO file byte for byte as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Sequence

from lxml import etree

from workbench.config import Config
from workbench.dates import gettext_date, now
from workbench.errors import WorkbenchError
from workbench.exchange import xliff1, xliff2
from workbench.exchange.common import local, numbered_entries, parse_xml, project_catalogue
from workbench.exchange.units import Base, FileUnits, Unit
from workbench.fileio import catalogue_locks, project_lock
from workbench.langs import same_variety, serves
from workbench.layout import path_article
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po

if TYPE_CHECKING:
    from workbench.tm.memory import Memory

@dataclass
class Skipped:
    unit: str
    reason: str
    line: int | None = None


@dataclass
class Change:
    """One entry an import changed (or, in a dry run, would change), or left in conflict."""

    catalogue: Path
    line: int  # the entry's first line in the catalogue
    msgctxt: str | None
    msgid: str
    what: str

    def describe(self, relative) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt is not None else ""
        return f"{relative(self.catalogue)}:{self.line}{context} {_short(self.msgid)}: {self.what}"


@dataclass
class ImportReport:
    """What an import did, for the user: every change, every conflict and every unit it had to leave out.

    The one report of every import (XLIFF, TMX, DOCX)."""

    source: Path
    updated: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped or self.conflicts else 0

    def lines(self, relative=lambda p: str(p)) -> list[str]:
        verb = "would update" if self.dry_run else "updated"
        out = [f"{verb} {change.describe(relative)}" for change in self.updated]
        out += [f"conflict {change.describe(relative)}" for change in self.conflicts]
        source = relative(self.source)
        out += [f"skipped {source}{f':{s.line}' if s.line else ''}: unit {s.unit}: {s.reason}" for s in self.skipped]
        out += self.notes
        written = "dry run: no file written" if self.dry_run else f"{len(self.written)} file(s) written"
        out.append(f"{len(self.updated)} updated, {len(self.conflicts)} conflict(s), {self.unchanged} unchanged, "
                   f"{len(self.skipped)} skipped; {written}")
        return out


def _short(text: str, width: int = 50) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# -- XLIFF ---------------------------------------------------------------------


def read_xliff(path: Path) -> list[FileUnits]:
    tree = parse_xml(path)
    root = tree.getroot()
    namespace = etree.QName(root).namespace
    if local(root.tag) != "xliff":
        raise WorkbenchError(f"not an XLIFF document (root element <{local(root.tag)}>)", path)
    if namespace == xliff1.NS:
        return xliff1.read(tree, path)
    if namespace == xliff2.NS:
        return xliff2.read(tree, path)
    raise WorkbenchError(f"unsupported XLIFF (namespace {namespace!r}, version {root.get('version')!r}); "
                         "workbench reads XLIFF 1.2, 2.0 and 2.1", path)


def _catalogue_path(config: Config, units: FileUnits, path: Path) -> Path:
    """The PO file a ``<file>`` belongs to in this project; WorkbenchError if it is for another one.

    ``original`` is read as the export writes it, ``<locales>/<language>/LC_MESSAGES/<article>.po``,
    and only its language and article are used: the catalogue is where the project's layout puts them
    (``project_catalogue``), never a path taken from the file.
    """
    if not units.original:
        raise WorkbenchError("<file> has no 'original': cannot tell which catalogue it belongs to", path, units.line)
    parts = PurePosixPath(units.original).parts
    locales = PurePosixPath(config.relative(config.locales_dir)).parts
    start = len(locales)  # the language, then LC_MESSAGES, then the article's path (it may be in folders)
    if (len(parts) < start + 3 or parts[:start] != locales or parts[start + 1] != "LC_MESSAGES"
            or not parts[-1].endswith(".po")):
        raise WorkbenchError(f"this file is for {units.original!r}, which is not a catalogue of this project "
                             f"(expected {'/'.join(locales)}/<language>/LC_MESSAGES/<article>.po; templates "
                             "are never written by an import)", path, units.line)
    language, article = parts[start], "/".join(parts[start + 2:])[: -len(".po")]
    if units.target_language and not same_variety(language, units.target_language):
        raise WorkbenchError(f"this file is for language {units.target_language!r} but names the {language!r} "
                             f"catalogue {units.original!r}", path, units.line)
    return project_catalogue(config, language, article, path, units.line)


def _pick_catalogue(paths: Sequence[Path], units: FileUnits, count: int, path: Path) -> Path:
    if len(paths) == 1 and count == 1:
        return Path(paths[0])
    # by the article the file names (``city/forum``: two catalogues named forum.po in two folders differ)
    article = path_article(units.original or "")
    matches = [Path(p) for p in paths if path_article(p) == article]
    if not matches:
        name = Path(units.original or "").name
        matches = [Path(p) for p in paths if Path(p).name == name]
    if len(matches) > 1:
        matches = [p for p in matches if same_variety(read_po(p).language, units.target_language)]
    if len(matches) != 1:
        raise WorkbenchError(f"cannot tell which of the given catalogues {units.original!r} belongs to",
                             path, units.line)
    return matches[0]


def _check_languages(catalog: Catalog, po: Path, units: FileUnits, source_language: str | None, path: Path) -> None:
    if not units.target_language:
        raise WorkbenchError("<file> has no target language", path, units.line)
    if catalog.language and not same_variety(catalog.language, units.target_language):
        raise WorkbenchError(f"this file is for language {units.target_language!r}, but {po} is in "
                             f"{catalog.language!r}; refused", path, units.line)
    if source_language and units.source_language and not same_variety(source_language, units.source_language):
        raise WorkbenchError(f"this file's source language is {units.source_language!r}, the project's is "
                             f"{source_language!r}; refused", path, units.line)


def import_xliff(path: str | Path, target: Config | Sequence[str | Path], dry_run: bool = False,
                 force: bool = False, translator: str | None = None, accept: bool = False) -> ImportReport:
    """Merge an XLIFF 1.2 or 2.x file's translations into the catalogues it came from (three-way, see above).

    ``force`` takes a file's version over the catalogue's where the file records no export base;
    ``accept`` takes the file's changed texts as reviewed (a trusted reviewer's): not fuzzy;
    ``translator`` ("Name <email>") goes into the Last-Translator of every catalogue written.
    """
    path = Path(path)
    files = read_xliff(path)  # everything is parsed before anything is locked or written
    config = target if isinstance(target, Config) else None
    if config is not None:
        placed = [(_catalogue_path(config, units, path), units) for units in files]
        lock = project_lock(config.locales_dir)
    else:
        paths = [Path(p) for p in target]
        if not paths:
            raise WorkbenchError("no catalogue given to import into")
        for template in (p for p in paths if p.suffix == ".pot"):
            raise WorkbenchError("a template is never written by an import; name a catalogue (.po)", template)
        placed = [(_pick_catalogue(paths, units, len(files), path), units) for units in files]
        lock = catalogue_locks([po for po, _ in placed])
    report = ImportReport(path, dry_run=dry_run)
    with lock:
        catalogues: dict[Path, Catalog] = {}
        changed: set[Path] = set()
        for po, units in placed:
            if po not in catalogues:
                catalogues[po] = read_po(po)
            catalog = catalogues[po]
            _check_languages(catalog, po, units, config.source_language if config else None, path)
            if merge_units(catalog, units, po, report, force, accept):
                changed.add(po)
        if not dry_run:
            for po in sorted(changed):
                stamp_revision(catalogues[po], translator)
                if write_po(catalogues[po], po):
                    report.written.append(po)
    return report


def stamp_revision(catalog: Catalog, translator: str | None = None) -> None:
    """PO-Revision-Date (and Last-Translator when given) of a catalogue an import changed, as Poedit sets them."""
    catalog.set_header_field("PO-Revision-Date", gettext_date(now()))
    if translator:
        catalog.set_header_field("Last-Translator", translator)


def merge_units(catalog: Catalog, units: FileUnits, po: Path, report: ImportReport, force: bool = False,
                accept: bool = False) -> bool:
    """Apply a file's units to a catalogue, three-way; True if any entry changed."""
    by_key = {message.key: message for message in catalog.entries()}
    by_id = {str(number): message for number, message in numbered_entries(catalog)}
    done: set[int] = set()
    changed = False
    for unit in units.units:
        entry, reason = _match(unit, by_key, by_id)
        if entry is not None and id(entry) in done:
            entry, reason = None, "another unit of this file already matched the same entry"
        if entry is None:
            report.skipped.append(Skipped(unit.id, reason or "no matching entry", unit.line))
            continue
        done.add(id(entry))
        origin = report.source.name + (f":{unit.line}" if unit.line else "")
        entry_changed, skip = merge_entry(entry, Proposal.of(unit, entry), unit.base, po, report, origin,
                                          force=force, accept=accept)
        if skip:
            report.skipped.append(Skipped(unit.id, skip, unit.line))
        changed |= entry_changed
    return changed


@dataclass
class Proposal:
    """What a file says an entry's translation should be: a text per form (None: the file says nothing
    for that form), and whether it is to be reviewed again (fuzzy)."""

    forms: list[str | None]
    fuzzy: bool

    @classmethod
    def of(cls, unit: Unit, entry: Message) -> "Proposal":
        # A target counts if it has text -- but an unconfirmed copy of the source is a CAT tool's
        # pre-fill (OmegaT, Okapi do that), not a translation. An empty target never erases one.
        forms = [target if target and not (state != "translated" and target == source) else None
                 for target, state, source in zip(unit.targets, unit.states, unit.sources)]
        fuzzy = any(state != "translated" for state, form in zip(unit.states, forms) if form is not None)
        return cls(forms, fuzzy)

    def applied_to(self, entry: Message) -> tuple[list[str], bool]:
        """The entry's translations and fuzzy flag once this proposal is taken."""
        return [form if form is not None else old for form, old in zip(self.forms, entry.translations)], self.fuzzy

    def text_changed(self, base: Base | None, view=None) -> bool:
        """True when the file's text differs from what was exported (always, when nothing was recorded)."""
        return base is None or any(form is not None and base.form_changed(number, form, view)
                                   for number, form in enumerate(self.forms))

    def differs_from_base(self, base: Base, view=None) -> bool:
        """True when the file changed the entry since the export that made it (text or review state)."""
        return self.text_changed(base, view) or self.fuzzy != base.fuzzy


def merge_entry(entry: Message, proposal: Proposal, base: Base | None, po: Path, report: ImportReport,
                origin: str, force: bool = False, accept: bool = False, view=None) -> tuple[bool, str | None]:
    """The three-way decision for one entry: (whether the entry changed, why it was skipped if it was).

    ``origin`` (file:line) names the file's version in a conflict comment; ``accept`` takes a changed
    text as reviewed (not fuzzy), whatever the file's state says; ``view`` is how the format shows a
    text (``units.Base.of``)."""
    if all(form is None for form in proposal.forms):
        report.unchanged += 1
        return False, None
    if accept and proposal.text_changed(base, view):
        proposal = Proposal(proposal.forms, fuzzy=False)
    new, fuzzy = proposal.applied_to(entry)
    if new == entry.translations and fuzzy == entry.fuzzy:
        report.unchanged += 1  # the catalogue already says what the file says
        return False, None
    if base is not None:
        if not proposal.differs_from_base(base, view):
            report.unchanged += 1  # the file did not touch it: whatever the catalogue has now stays
            return False, None
        if Base.of(entry, view) != base:
            _record_conflict(entry, new, origin, po, report)
            return True, None
    elif any(entry.translations) and not force:
        return False, ("the catalogue has its own translation and the file records no export base (made by "
                       "another tool): not overwritten; --force takes the file's")
    what = ["translation updated"] if new != entry.translations else []
    if fuzzy != entry.fuzzy:
        what.append("marked fuzzy" if fuzzy else "confirmed (fuzzy cleared)")
    if entry.plural:
        entry.msgstr_plural = new
    else:
        entry.msgstr = new[0]
    entry.fuzzy = fuzzy
    if not fuzzy:
        # the translator has reviewed it: the previous source is no longer needed, as in Poedit
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    report.updated.append(Change(po, entry.lineno, entry.msgctxt, entry.msgid, ", ".join(what)))
    return True, None


CONFLICT_PREFIX = "wb-conflict"


def _record_conflict(entry: Message, theirs: list[str], origin: str, po: Path, report: ImportReport) -> None:
    """Keep the catalogue's translation; keep the file's where a translator sees it: a translator comment
    per differing form (a comment is one line, so a line break is written as \\n)."""
    for number, (mine, their) in enumerate(zip(entry.translations, theirs)):
        if mine == their:
            continue
        form = f" msgstr[{number}]" if entry.plural else ""
        text = their.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        comment = f"{CONFLICT_PREFIX} {origin}{form}: {text}"
        if comment not in entry.translator_comments:
            entry.translator_comments.append(comment)
    report.conflicts.append(Change(po, entry.lineno, entry.msgctxt, entry.msgid,
                                   "changed both here and in the file since the export; the catalogue's "
                                   f"translation is kept, the file's is in a '# {CONFLICT_PREFIX}' comment"))


def _match(unit: Unit, by_key: dict, by_id: dict) -> tuple[Message | None, str | None]:
    if unit.problem:
        return None, unit.problem
    entry = by_key.get((unit.msgctxt, unit.msgid))
    if entry is None:
        # A CAT tool may drop resname/name: trust the id if the source agrees.
        candidate = by_id.get(unit.id)
        if candidate is not None and candidate.msgid == unit.msgid and (unit.msgctxt is None):
            entry = candidate
    if entry is None:
        context = f" (msgctxt {unit.msgctxt!r})" if unit.msgctxt is not None else ""
        return None, (f"source {_short(unit.msgid or '')}{context} matches no entry of the catalogue "
                      "(source edited, or entry changed since the export)")
    if entry.plural != unit.plural:
        return None, "plural and singular do not match the catalogue entry"
    if unit.plural:
        if any(source != entry.msgid_plural for source in unit.sources[1:]):
            return None, f"plural source differs from the catalogue's {_short(entry.msgid_plural or '')}"
        if len(unit.targets) != len(entry.msgstr_plural):
            return None, f"{len(unit.targets)} plural forms, the catalogue entry has {len(entry.msgstr_plural)}"
    return entry, None


# -- TMX -----------------------------------------------------------------------


def _tmx_language_match(tmx_language: str, project_language: str) -> bool:
    """A TMX language serves a project language: the same language in the same script, of any region when the
    project's names none (``langs.serves``: a bare ``sr`` is Cyrillic and never takes ``sr-Latn``)."""
    return serves(tmx_language, project_language)


@dataclass
class TmxMemory:
    """A TMX file read for ``import_tmx``: its units as a memory held in memory, and the units it left out as
    (line, reason)."""

    path: Path
    units: "Memory"
    skipped: list[tuple[int, str]]


def read_tmx(path: str | Path, config: Config, progress: Callable[[int], None] | None = None) -> TmxMemory:
    """The TMX at ``path`` read for an import (``progress(n)`` as n more of its bytes are read), through the one
    TMX reader (``workbench.exchange.tmx.read_units``, streamed): it refuses another source language and bad
    input with file and line, and lists the units that translate nothing."""
    from workbench.tm.memory import Memory

    skipped: list[tuple[int, str]] = []
    return TmxMemory(Path(path), Memory.from_tmx(path, config, skipped, progress), skipped)


def import_tmx(tmx: str | Path | TmxMemory, config: Config, languages: Sequence[str] | None = None,
               dry_run: bool = False, translator: str | None = None,
               progress: Callable[[int], None] | None = None) -> ImportReport:
    """Fill untranslated entries from the TMX's best match at ``tm-threshold`` or above (the translation memory's
    matcher: "Table of Contents" finds "Table of contents"), as fuzzy translations with a ``TM 99%`` note.
    ``tmx`` is a file or what ``read_tmx`` made of one; ``progress(1)`` as each article is done."""
    from workbench.exchange.common import iter_articles
    from workbench.glossary.terminology import Terminology

    if not isinstance(tmx, TmxMemory):
        tmx = read_tmx(tmx, config)
    from workbench.exchange.tmx import SOURCE_ONLY

    path, units = tmx.path, tmx.units
    report = ImportReport(path, dry_run=dry_run)
    # a unit with its source alone translates nothing and loses nothing: a note, not a skipped unit (the
    # project's own TMX export writes one per entry nobody translated, so its round trip would exit 1)
    untranslated = [line for line, reason in tmx.skipped if reason == SOURCE_ONLY]
    if untranslated:
        report.notes.append(f"{len(untranslated)} unit(s) with their source alone, nothing to fill from "
                            f"(first at line {untranslated[0]})")
    for line, reason in tmx.skipped:
        if reason != SOURCE_ONLY:
            report.skipped.append(Skipped(f"line {line}", reason))
    project_languages = list(languages or config.target_languages)
    tmx_languages = units.languages()
    served = {language: [tag for tag in tmx_languages if _tmx_language_match(tag, language)]
              for language in project_languages}
    unused = [tag for tag in tmx_languages if not any(tag in tags for tags in served.values())]
    not_asked = [tag for tag in unused if languages and any(_tmx_language_match(tag, language)
                                                            for language in config.target_languages)]
    if not_asked:
        report.notes.append(f"TMX languages not asked for (--lang), ignored: {', '.join(sorted(not_asked))}")
    if len(unused) > len(not_asked):
        report.notes.append("TMX languages not in the project, ignored: "
                            f"{', '.join(sorted(set(unused) - set(not_asked)))}")
    matcher = _TmxMatcher(units, Terminology.for_project(config), config.tm_threshold)
    with project_lock(config.locales_dir):
        # an article at a time: an import holds the one it fills, not the whole project
        for article in iter_articles(config, project_languages):
            for language, (po, catalog) in sorted(article.catalogues.items()):
                if not served[language]:
                    continue
                try:  # only where the project's layout puts it: not a link out of the locales folder
                    project_catalogue(config, language, article.name, path)
                except WorkbenchError as exc:
                    report.skipped.append(Skipped("*", exc.message))
                    continue
                if _fill(catalog, matcher, language, po, report) and not dry_run:
                    stamp_revision(catalog, translator)
                    if write_po(catalog, po):
                        report.written.append(po)
            if progress:
                progress(1)
    if not any(served.values()):
        report.skipped.append(Skipped("*", "no language of this TMX is a target language of the project "
                                           f"({', '.join(project_languages)})"))
    return report


class _TmxMatcher:
    """The best unit of one TMX for an entry, over the TMX languages serving the entry's language."""

    def __init__(self, memory, terminology, threshold: int):
        self.memory, self.terminology, self.threshold = memory, terminology, threshold
        self.languages = memory.languages()

    def best(self, entry: Message, language: str):
        from workbench.tm.match import best_match

        found = [best_match(self.memory, entry.msgid, tmx_language, self.terminology, self.threshold, entry.msgctxt)
                 for tmx_language in self.languages if _tmx_language_match(tmx_language, language)]
        found = [match for match in found if match is not None]
        return min(found, key=lambda m: (-m.score, m.unit.context != entry.msgctxt, m.unit.target_language),
                   default=None)


def _fill(catalog: Catalog, matcher: _TmxMatcher, language: str, po: Path, report: ImportReport) -> bool:
    from workbench.tm.pretranslate import fill, needs_translation

    changed = False
    for entry in catalog.entries():
        if entry.plural or not needs_translation(entry):
            continue  # only untranslated singular entries; a TM has no plural forms
        match = matcher.best(entry, language)
        if match is None:
            continue
        fill(entry, match, accept_exact=False)
        report.updated.append(Change(po, entry.lineno, entry.msgctxt, entry.msgid,
                                     f"filled from the TMX (fuzzy, {match.score}% match)"))
        changed = True
    return changed

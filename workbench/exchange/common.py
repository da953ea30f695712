"""What the exchange formats share: the project's catalogues, safe XML in and deterministic XML out.

Every export is indented by hand (only between structural elements, never
inside a ``<source>`` or ``<seg>`` whose white space is content) and
serialised with a fixed attribute order, so the same catalogues always give
the same bytes. ``XmlStream`` writes a document unit by unit (a 100,000-entry
catalogue never becomes one tree in memory) into a temporary file that
replaces the target only when complete and different, so a crash never leaves
half a file; ``write_xml`` writes a small tree in one go.

Every import goes through ``parse_xml``, which is ``workbench.safexml``: no network, no
external DTD, no entity expansion, and a document that declares entities at all is
refused, so a "billion laughs" file is rejected before anything reads its content.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Iterable, Iterator

from lxml import etree

from workbench.config import Config
from workbench import safexml
from workbench.errors import WorkbenchError
from workbench.layout import catalogue_languages, catalogue_path, find_templates, template_article
from workbench.fileio import atomic_write, new_temp_file, read_bytes
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"

XML_ILLEGAL = safexml.XML_ILLEGAL  # what XML cannot carry: exports write it as inline codes


# -- the project's catalogues ------------------------------------------------


@dataclass
class ArticleCatalogues:
    """One source article: its template and the catalogue of each target language that exists."""

    name: str
    template_path: Path
    catalogues: dict[str, tuple[Path, Catalog]] = field(default_factory=dict)

    @cached_property
    def template(self) -> Catalog:
        # read on first use: only TMX needs it (XLIFF is made from the catalogues), and a
        # 100,000-entry template costs as much time and memory as its catalogue
        return read_po(self.template_path)


def iter_articles(config: Config, languages: Iterable[str] | None = None) -> Iterator[ArticleCatalogues]:
    """Every article with its existing catalogues, in a fixed order (article name, then language), read
    one at a time: an export holds only the article it is writing, not the whole project."""
    names = article_templates(config)
    languages = list(languages if languages is not None else catalogue_languages(config))
    for name, pot in names:
        yield read_article(config, name, pot, languages)


def article_templates(config: Config) -> list[tuple[str, Path]]:
    """(article name, its template) of every article, in article order."""
    names = [(template_article(config, pot), pot) for pot in find_templates(config)]
    if not names:
        raise WorkbenchError("no templates (*.pot) found; run 'workbench extract' and 'workbench update' first",
                             config.locales_dir)
    return names


def read_article(config: Config, name: str, pot: Path, languages: list[str]) -> ArticleCatalogues:
    """The article with its catalogue in each of ``languages`` that exists, read."""
    article = ArticleCatalogues(name, pot)
    for language in languages:
        path = catalogue_path(config, name, language)
        if path.is_file():
            article.catalogues[language] = (path, read_po(path))
    return article


def _plain_name(name: str) -> bool:
    """One path component, as a language or article name must be: no folder, no '..', nothing absolute,
    not longer than a file name may be."""
    return (name not in ("", ".", "..") and "\0" not in name and len(name.encode("utf-8", "replace")) <= 240
            and PurePosixPath(name).name == name and PureWindowsPath(name).name == name)


def _article_name(name: str) -> bool:
    """An article as the layout names it (``template_article``): its template's path under the locales folder,
    one plain name or several joined by '/' (``city/chengdu-00010``), never '..', '.', empty or absolute."""
    return all(_plain_name(part) for part in name.split("/"))


def project_catalogue(config: Config, language: str, article: str, source: Path, line: int | None = None) -> Path:
    """The catalogue an imported file may write: ``<locales>/<language>/LC_MESSAGES/<article>.po``.

    ``language`` and ``article`` are read from the imported file, so they are never trusted as a path:
    each must be a plain name, the catalogue must exist, and it must still be inside the locales folder
    once symlinks are followed. Templates (``<locales>/<article>.pot``) are never an import's target.
    WorkbenchError naming ``source`` otherwise.
    """
    if not (_plain_name(language) and _article_name(article)):
        raise WorkbenchError(f"this file is for article {article!r} in language {language!r}, which is not a "
                             "catalogue of this project", source, line)
    path = catalogue_path(config, article, language)
    if not path.is_file():
        raise WorkbenchError(f"this file is for {config.relative(path)}: no such catalogue in this project "
                             "(another article or language?)", source, line)
    try:
        path.resolve().relative_to(config.locales_dir.resolve())
    except ValueError:
        raise WorkbenchError(f"{config.relative(path)} is a link to a file outside the project's locales "
                             "folder; refused", source, line) from None
    return path


def load_articles(config: Config, languages: Iterable[str] | None = None) -> list[ArticleCatalogues]:
    """``iter_articles``, all read up front."""
    return list(iter_articles(config, languages))


class CatalogueFileWriter:
    """A format written as one file per catalogue of each article handed to ``add``, unit by unit.

    A format says where a catalogue's file goes (``path``), and what its document around the units
    is and which units it holds (``open``: root element, the units' parent, the units).
    """

    leaves: frozenset[str] = frozenset()  # elements XmlStream writes as they are, with their text

    def __init__(self, config: Config, output_dir: Path, timestamp: datetime | None = None):
        self.config, self.output_dir, self.timestamp = config, output_dir, timestamp
        self.results: list[tuple[Path, bool]] = []

    def path(self, article: str, language: str) -> Path:  # pragma: no cover - each format has its own
        raise NotImplementedError

    def open(self, catalog: Catalog, po_file: Path, language: str):  # pragma: no cover
        raise NotImplementedError

    def add(self, article: ArticleCatalogues) -> None:
        self.merge(self.part(article))

    def part(self, article: ArticleCatalogues) -> list[tuple[Path, bool]]:
        """Write the article's files (in a forked worker, or here): (path, written) of each."""
        done = []
        for language, (po_file, catalog) in sorted(article.catalogues.items()):
            root, parent, units = self.open(catalog, po_file, language)
            with XmlStream(self.path(article.name, language), root, parent, self.leaves, durable=False) as stream:
                for unit in units:
                    stream.add(unit)
            done.append((stream.path, stream.written))
        return done

    def merge(self, part: list[tuple[Path, bool]]) -> None:
        """Count an article's files that ``part`` wrote (in article order)."""
        self.results += part

    def flush(self) -> None:
        pass  # nothing buffered between articles

    def finish(self) -> list[tuple[Path, bool]]:
        return self.results

    def abort(self) -> None:
        pass  # every file is complete (or untouched) once add returns


def run_writers(writers: list, articles: Iterable[ArticleCatalogues]) -> list[tuple[Path, bool]]:
    """Hand each article to every format's writer (``add``), then ``finish`` them: (path, written) per file,
    format by format. One pass: each article is read once and dropped before the next. On an error no
    writer leaves a half-written file (``abort``)."""
    return by_writer(len(writers), _written(writers, articles))


def iter_writers(writers: list, articles: Iterable[ArticleCatalogues]) -> Iterator[tuple[Path, bool]]:
    """``run_writers``, each file yielded as soon as it is complete: a file per catalogue once its article is
    done, a file over the whole project (TMX) at the end; so a long export shows its progress file by file."""
    for _, result in _written(writers, articles):
        yield result


def write_project(writers: list, config: Config) -> Iterator[tuple[int, tuple[Path, bool]]]:
    """``_written`` over every article of the project, the articles on every core: a forked worker reads an
    article and writes its files in the formats with a file per catalogue, and makes its units of a file over
    the whole project (TMX), which are written here in article order. Files and bytes are those one process
    gives, in the same order. An article whose inputs and files are as the last export left them is not read
    again (``workbench.export_records``)."""
    from workbench.parallel import map_files

    templates = article_templates(config)
    languages = catalogue_languages(config)
    if len(templates) <= 1:  # one article (of 100,000 entries, perhaps): written here one unit at a time
        yield from _written(writers, (read_article(config, name, pot, languages) for name, pot in templates))
        return
    for writer in writers:
        writer.flush()  # before the workers fork: none of them must hold buffered bytes of a stream
    records, suggestions = _records(writers, config, languages)

    def one_article(template: tuple[str, Path]) -> tuple[list, tuple | None]:
        """The article's part in every format (its files written), and its record; an article whose inputs and
        files are as the last export left them is not read: its record has what each writer needs."""
        name, pot = template
        key = records.key(_article_inputs(config, name, pot, languages, suggestions)) if records.enabled else ""
        kept = records.value_of(name) if records.current(name, key) is not None else None
        if kept is not None:
            return [[(Path(path), False) for path in part] if isinstance(writer, CatalogueFileWriter) else part
                    for writer, part in zip(writers, kept)], records.KEPT
        article = read_article(config, name, pot, languages)
        parts = [writer.part(article) for writer in writers]
        files = [path for writer, part in zip(writers, parts) if isinstance(writer, CatalogueFileWriter)
                 for path, _ in part]
        kept = [[str(path) for path, _ in part] if isinstance(writer, CatalogueFileWriter) else part
                for writer, part in zip(writers, parts)]
        return parts, records.record(key, files, kept)

    yield from _written(writers, _keeping(records, templates, map_files(one_article, templates)), made=True)
    records.save()


def _keeping(records, templates: list[tuple[str, Path]], done: Iterable[tuple[list, tuple | None]]) -> Iterator[list]:
    """Each article's parts, its record kept as it comes (in the parent)."""
    for (name, _), (parts, record) in zip(templates, done):
        records.keep(name, record)
        yield parts


def _records(writers: list, config: Config, languages: list[str]):
    """The records of the last exchange export in this one's context (``workbench.export_records``), and the
    memory's suggestions when a format shows them (XLIFF), else None; the records are off when they do and were
    not all asked before (``Suggestions.prefetch``)."""
    from workbench.checks.cache import glossary_fingerprint
    from workbench.export_records import ArticleRecords
    from workbench.glossary.normalise import normaliser_version
    from workbench.glossary.terminology import Terminology
    from workbench.tm.suggest import Suggestions

    suggestions = None
    covered = True
    if any(isinstance(writer, CatalogueFileWriter) for writer in writers):
        suggestions = Suggestions.for_project(config)
        covered = suggestions.covers(languages)
    # each writer: its format, and where and with which date it writes (the TMX's units carry no export date)
    context = [repr((type(writer).__module__, type(writer).__name__, str(getattr(writer, "output_dir", None)),
                     repr(getattr(writer, "timestamp", None)),
                     str(writer.stream.path) if hasattr(writer, "stream") else None)) for writer in writers]
    context += [repr(config), ",".join(languages), glossary_fingerprint(Terminology.for_project(config)),
                *(normaliser_version(language) for language in [config.source_language, *languages])]
    return ArticleRecords("exchange", context, enabled=covered), suggestions


def _article_inputs(config: Config, name: str, pot: Path, languages: list[str], suggestions) -> Iterator[bytes | str]:
    """What one article's exchange files and units are made from: its template, its catalogue in each language
    and the memory's suggestions for its entries."""
    from workbench.export_records import file_bytes

    yield name
    yield file_bytes(pot)
    for language in languages:
        path = catalogue_path(config, name, language)
        yield language
        yield file_bytes(path)
        if suggestions is not None:
            yield suggestions.answers_on(path)


def by_writer(count: int, written: Iterable[tuple[int, tuple[Path, bool]]]) -> list[tuple[Path, bool]]:
    """``_written``'s files, format by format (each writer's in the order written)."""
    files: list[list[tuple[Path, bool]]] = [[] for _ in range(count)]
    for number, result in written:
        files[number].append(result)
    return [result for results in files for result in results]


def _written(writers: list, articles: Iterable, made: bool = False) -> Iterator[tuple[int, tuple[Path, bool]]]:
    """(number of the writer, (path, written)) per file, as each is complete. ``articles`` are
    ArticleCatalogues, or with ``made`` what each writer's ``part`` made of an article, in writer order."""
    yielded = [0] * len(writers)  # of each writer's ``results`` (files per catalogue), how many were yielded
    try:
        for article in articles:
            for number, writer in enumerate(writers):
                if made:
                    writer.merge(article[number])
                else:
                    writer.add(article)
                done = getattr(writer, "results", ())
                for result in done[yielded[number]:]:
                    yield number, result
                yielded[number] = len(done)
        for number, writer in enumerate(writers):
            for result in writer.finish()[yielded[number]:]:
                yield number, result
    except BaseException:
        for writer in writers:
            writer.abort()
        raise


def numbered_entries(catalog: Catalog) -> Iterator[tuple[int, Message]]:
    """Active entries (no header, no obsolete ones) numbered from 1: the ``n`` of unit ids and tuids."""
    yield from enumerate(catalog.entries(), start=1)


# -- dates ---------------------------------------------------------------------

_PO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|Z)?\s*$")


def po_date(value: str | None) -> datetime | None:
    """A PO header date (``2023-08-29 10:15+0800``) as an aware UTC datetime; None for a placeholder."""
    match = _PO_DATE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = 0
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
    try:
        wall = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=timezone.utc)
    except ValueError:
        return None
    return wall - timedelta(minutes=offset)  # the wall-clock time minus its offset is UTC


# -- XML out -------------------------------------------------------------------


def indent(element: etree._Element, leaves: frozenset[str], unit: str = "  ", level: int = 0) -> None:
    """Indent structural elements only; elements whose tag is in ``leaves`` keep their content untouched.

    lxml's pretty_print would also indent inside a ``<source>`` made only of
    inline codes, and that white space would become part of the text.
    """
    if element.tag in leaves or len(element) == 0:
        return
    inner = "\n" + unit * (level + 1)
    element.text = inner
    for child in element:
        indent(child, leaves, unit, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + unit * level


def serialize(root: etree._Element, leaves: frozenset[str], doctype: str | None = None) -> bytes:
    indent(root, leaves)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    if doctype:
        head += doctype.encode("ascii") + b"\n"
    return head + body + b"\n"


def write_xml(path: Path, root: etree._Element, leaves: frozenset[str], doctype: str | None = None,
              durable: bool = True) -> bool:
    return atomic_write(path, serialize(root, leaves, doctype), durable)


# lxml declares the namespaces of a subtree's ancestors again on the subtree serialised on its own
# (so that it stands alone); in the stream the document's root has declared them already
_REPEATED_NAMESPACES = re.compile(rb'^(<[^\s/>]+)(?: xmlns(?::[^\s=]+)?="[^"]*")+')
_UNITS_MARK = "workbench: units"


class XmlStream:
    """A document written one unit at a time, in exactly the bytes ``write_xml`` gives for the whole tree.

    ``root`` is the document without its units and ``container`` the element in it that holds them (every
    namespace the units use must be declared on ``root``). Each unit is made as a child of ``container``,
    handed to ``add``, written and taken out of the tree again, so memory holds one unit, not the document.
    ``close`` puts the file in place (unless its bytes are unchanged) and says whether it did; ``discard``
    (or leaving a ``with`` block by an exception) drops it, leaving the old file as it was. ``durable`` as
    ``fileio.atomic_write`` has it (False: an export's file, not forced to the disk before the rename).
    """

    def __init__(self, path: Path, root: etree._Element, container: etree._Element, leaves: frozenset[str],
                 doctype: str | None = None, durable: bool = True):
        self.path, self.root, self.container, self.leaves, self.doctype = path, root, container, leaves, doctype
        self.durable = durable
        self.level = sum(1 for _ in container.iterancestors()) + 1  # the units' depth, for indent
        self.separator = ("\n" + "  " * self.level).encode("ascii")
        self.count = 0
        self.written: bool | None = None
        # the document around the units: serialised with a comment where they go, and cut there
        mark = etree.Comment(_UNITS_MARK)
        container.append(mark)
        head, self.tail = serialize(root, leaves, doctype).split(etree.tostring(mark, with_tail=False))
        container.remove(mark)
        container.text = None  # as indent left it for the mark; write_xml re-indents an empty container
        path.parent.mkdir(parents=True, exist_ok=True)
        # named as every writer names them, so the next run sweeps what a killed export leaves behind
        fd, self.temporary = new_temp_file(path)
        self.file = os.fdopen(fd, "wb", buffering=1 << 20)
        self.file.write(head)

    def add(self, unit: etree._Element) -> None:
        """Write ``unit`` (a child of the container) after the units before it, then remove it from the tree."""
        self.add_serialised([self.serialise(unit)])

    def serialise(self, unit: etree._Element) -> bytes:
        """``unit`` (a child of the container) as ``add`` writes it, taken out of the tree; nothing is written,
        so a forked worker can make an article's units for the parent's stream (``add_serialised``)."""
        indent(unit, self.leaves, level=self.level)
        data = etree.tostring(unit, encoding="UTF-8", xml_declaration=False, with_tail=False)
        self.container.remove(unit)
        return _REPEATED_NAMESPACES.sub(rb"\1", data, count=1)

    def add_serialised(self, units: list[bytes]) -> None:
        """Write units ``serialise`` made, in order, after the units before them."""
        for data in units:
            if self.count:
                self.file.write(self.separator)
            self.file.write(data)
            self.count += 1

    def flush(self) -> None:
        """Write out what is buffered: a process forked now inherits no copy of it that it could write again."""
        self.file.flush()

    def close(self) -> bool:
        """Finish the document; True if it was written, False if the file already had these bytes."""
        if self.written is not None:
            return self.written
        if self.count == 0:  # no units: the container is written as an empty element, as write_xml does
            self.discard()
            self.written = write_xml(self.path, self.root, self.leaves, self.doctype, self.durable)
            return self.written
        try:
            self.file.write(self.tail)
            self.file.flush()
            if _same_bytes(Path(self.temporary), self.path):
                self.written = False  # unchanged: the old file and its mtime stay
            else:
                if self.durable:
                    os.fsync(self.file.fileno())
                self.file.close()
                mode = self.path.stat().st_mode & 0o7777 if self.path.exists() else 0o644
                os.chmod(self.temporary, mode)
                os.replace(self.temporary, self.path)
                if self.durable:
                    _fsync_folder(self.path.parent)
                self.written = True
        finally:
            self.discard()
        return self.written

    def discard(self) -> None:
        try:
            self.file.close()  # flushes what is buffered: on a full disk that fails again (the file is closed)
        except OSError:
            pass  # the file is thrown away: what it could not write does not matter, leaving it behind would
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.temporary)

    def __enter__(self) -> "XmlStream":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()


def _same_bytes(new: Path, old: Path) -> bool:
    try:
        if new.stat().st_size != old.stat().st_size:
            return False
        with new.open("rb") as a, old.open("rb") as b:
            while True:
                chunk = a.read(1 << 20)
                if chunk != b.read(1 << 20):
                    return False
                if not chunk:
                    return True
    except FileNotFoundError:
        return False


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable, as ``atomic_write`` does."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- XML in --------------------------------------------------------------------


def parse_xml(path: str | Path) -> etree._ElementTree:
    """Parse an imported XML file the hardened way (``workbench.safexml``); WorkbenchError (exit 2) if bad."""
    path = Path(path)
    return etree.ElementTree(safexml.parse(read_bytes(path), path))


def local(tag: object) -> str:
    """An element's name without its namespace ("" for comments and the like)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    for candidate in element:
        if local(candidate.tag) == name:
            return candidate
    return None



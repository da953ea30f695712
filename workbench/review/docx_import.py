"""``workbench import docx``: reviewers' edits in a review table come back into the PO file.

The document names its article and language (core property ``identifier``,
written by ``docx_export``), never a path: the catalogue is the project's
``<locales>/<language>/LC_MESSAGES/<article>.po`` (``project_catalogue``). The
table's header row names its columns, so a reviewer who hides, moves or
widens columns does not break the import. Rows are matched to catalogue
entries by their source text (the msgid), so an import into a catalogue that
has moved on since the export touches only the entries that still exist, and
says which rows it could not place.

What a row can do to its entry:

* a changed target replaces the msgstr, marked fuzzy (``fuzzy=False``: not);
* an emptied target makes the entry untranslated;
* ``approved`` in the Status cell clears the fuzzy flag (also of an edit);
* text in the Comments cell becomes a ``# review: ...`` translator comment.

Word's Track Changes are read as if accepted: inserted text counts, deleted
text does not. A catalogue with nothing to change is not rewritten, so an
unedited review leaves the PO byte-identical.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from workbench import safexml
from workbench.articles import normalise
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange.common import project_catalogue
from workbench.fileio import project_lock, read_bytes
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.review.docx_export import IDENTIFIER_PREFIX, parse_identifier

APPROVED_WORDS = {"approved", "approve", "ok", "confirmed", "reviewed"}
COMMENT_PREFIX = "review: "


@dataclass
class ImportReport:
    document: Path
    article: str
    language: str
    catalogue: Path
    updated: list[str] = field(default_factory=list)  # segment ids whose translation changed
    cleared: list[str] = field(default_factory=list)  # ... whose translation was deleted
    approved: list[str] = field(default_factory=list)  # ... whose fuzzy flag the reviewer cleared
    commented: list[str] = field(default_factory=list)  # ... that got a reviewer's comment
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)  # rows that could not be applied, and why
    written: bool = False
    shown: str = ""  # the catalogue's path as the user knows it (relative to the project)

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.cleared or self.approved or self.commented)

    def summary(self) -> str:
        parts = [f"{len(self.updated)} updated", f"{len(self.cleared)} cleared", f"{len(self.approved)} approved",
                 f"{len(self.commented)} commented", f"{self.unchanged} unchanged"]
        if self.problems:
            parts.append(f"{len(self.problems)} not applied")
        return f"{self.shown or self.catalogue}: " + ", ".join(parts)


# -- opening the document ----------------------------------------------------------------------
# A DOCX is a zip of XML parts, and the one being imported comes from anyone: the zip directory is
# checked before anything is unpacked (a 2 MiB zip bomb unpacks to gigabytes), and only the three
# parts the import needs are read, each capped as it is unpacked (the directory may lie) and parsed
# by workbench's hardened XML parser. python-docx is not used here: it parses with its own parser.
MAX_FILE = 64 << 20  # the .docx itself
MAX_MEMBERS = 1000
MAX_MEMBER = 128 << 20  # uncompressed, one part (a review of 100,000 segments is about 100 MiB)
MAX_TOTAL = 256 << 20  # uncompressed, every part
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MiB; Word's own parts stay under 40
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DC_IDENTIFIER = "{http://purl.org/dc/elements/1.1/}identifier"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAIN_DOCUMENT = "/officeDocument"  # the end of the relationship types of the parts we read
CORE_PROPERTIES = "/metadata/core-properties"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class _Package:
    """The parts of a checked DOCX archive, read and parsed one at a time."""

    def __init__(self, path: Path):
        self.path = path
        try:
            too_big = path.stat().st_size > MAX_FILE
        except OSError:
            too_big = False  # read_bytes names what is wrong with the path
        if too_big:
            raise WorkbenchError(f"refused: larger than {MAX_FILE >> 20} MiB, more than a review document", path)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(read_bytes(path)))
            members = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error) as exc:
            raise WorkbenchError(f"not a Word document (.docx): {exc}", path) from None
        self._check(members)

    def _check(self, members: list[zipfile.ZipInfo]) -> None:
        """Refuse, from the zip directory alone, an archive no review document would be."""
        if len(members) > MAX_MEMBERS:
            raise WorkbenchError(f"refused: {len(members)} parts in the archive (at most {MAX_MEMBERS})", self.path)
        total = 0
        for member in members:
            name = member.filename
            if name.startswith(("/", "\\")) or ":" in name or ".." in re.split(r"[/\\]", name):
                raise WorkbenchError(f"refused: the archive names a part {name!r} outside itself", self.path)
            if member.flag_bits & 0x1:
                raise WorkbenchError(f"refused: part {name} is encrypted", self.path)
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise WorkbenchError(f"refused: part {name} uses compression method {member.compress_type}, "
                                     "which Word never writes", self.path)
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > MAX_MEMBER or (member.file_size > 1 << 20 and ratio > MAX_RATIO):
                raise WorkbenchError(f"refused: part {name} would unpack to {member.file_size:,} bytes "
                                     f"({ratio:.0f} times its packed size): a zip bomb?", self.path)
            total += member.file_size
        if total > MAX_TOTAL:
            raise WorkbenchError(f"refused: the archive would unpack to {total:,} bytes "
                                 f"(at most {MAX_TOTAL:,})", self.path)

    def read(self, name: str) -> bytes | None:
        """A part's bytes (None if there is no such part), never more than its directory entry announced."""
        try:
            member = self.zip.getinfo(name)
        except KeyError:
            return None
        try:
            with self.zip.open(member) as stream:
                data = stream.read(member.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise WorkbenchError(f"damaged archive: part {name} cannot be unpacked ({exc})", self.path) from None
        if len(data) > member.file_size:
            raise WorkbenchError(f"damaged archive: part {name} is larger than its directory entry says", self.path)
        return data

    def xml(self, name: str):
        """A part parsed by the hardened parser; errors name the document and the part."""
        data = self.read(name)
        if data is None:
            raise WorkbenchError(f"not a Word document (.docx): no part {name}", self.path)
        return safexml.parse(data, f"{self.path}/{name}")

    def target(self, relationship: str) -> str | None:
        """The part the package relationship of this type points at (``_rels/.rels``)."""
        for rel in self.xml("_rels/.rels").iter(RELATIONSHIPS):
            if (rel.get("Type") or "").endswith(relationship) and rel.get("TargetMode") != "External":
                return (rel.get("Target") or "").lstrip("/")
        return None


# -- reading the document ---------------------------------------------------------------------
_SKIP = {_w("del"), _w("moveFrom"), _w("delText")}
MAX_SPAN = 64  # a cell spanning more grid columns than a review table has is counted as that many


def cell_text(tc) -> str:
    """A table cell's (``<w:tc>``) text with tracked changes accepted; paragraphs and line breaks as ``\\n``."""
    lines = []
    for paragraph in tc.iter(_w("p")):
        lines.append(_paragraph_text(paragraph))
    return "\n".join(lines).strip("\n")


def _paragraph_text(element) -> str:
    out = []
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == _w("t"):
            out.append(child.text or "")
        elif child.tag == _w("tab"):
            out.append("\t")
        elif child.tag in (_w("br"), _w("cr")):
            out.append("\n")
        elif child.tag == _w("p"):
            continue  # a nested table's paragraph: iter() visits it on its own
        else:
            out.append(_paragraph_text(child))
    return "".join(out)


def _cells(tr) -> list:
    """A row's cells by grid column, as Word shows them: a merged cell once per column it spans."""
    cells = []
    for tc in tr.iterchildren(_w("tc")):
        grid_span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
        value = grid_span.get(_w("val"), "") if grid_span is not None else ""
        span = int(value) if re.fullmatch("[0-9]{1,4}", value) else 1  # not int(): "²" and 5,000 digits fail
        cells += [tc] * min(max(span, 1), MAX_SPAN)
    return cells


def _review_table(body, path: Path):
    """The rows of the table whose header row starts with ID, and its columns by name."""
    for table in body.iterchildren(_w("tbl")) if body is not None else ():
        rows = [_cells(tr) for tr in table.iterchildren(_w("tr"))]
        if not rows:
            continue
        names = [cell_text(cell).split(" ", 1)[0].strip().lower() for cell in rows[0]]
        if names and names[0] == "id":
            columns = {}
            for index, name in enumerate(names):
                columns.setdefault(name, index)
            missing = {"id", "source", "target"} - set(columns)
            if missing:
                raise WorkbenchError(f"the review table has no {', '.join(sorted(missing))} column", path)
            return rows, columns
    raise WorkbenchError("no review table (a table whose first header cell is 'ID') in the document", path)


@dataclass
class Row:
    number: int  # 1-based row of the table, header included: what Word shows
    id: str
    source: str
    target: str
    status: str
    comment: str


def read_rows(path: str | Path) -> tuple[tuple[str, str], list[Row]]:
    """``((article, language), rows)`` of a review document."""
    path = Path(path)
    package = _Package(path)
    core = package.target(CORE_PROPERTIES)
    identifier = package.xml(core).findtext(DC_IDENTIFIER) if core else None
    which = parse_identifier(identifier)
    if which is None:
        raise WorkbenchError(f"not a workbench review document (its identifier does not start with {IDENTIFIER_PREFIX!r})", path)
    main = package.target(MAIN_DOCUMENT)
    if not main:
        raise WorkbenchError("not a Word document (.docx): _rels/.rels names no main document", path)
    table, columns = _review_table(package.xml(main).find(_w("body")), path)

    def get(cells, name: str) -> str:
        index = columns.get(name)
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""

    rows = []
    for number, cells in enumerate(table[1:], start=2):
        sid = get(cells, "id").strip()
        if not sid:
            continue
        rows.append(Row(number, sid, normalise(get(cells, "source")), get(cells, "target"),
                        get(cells, "status").strip().lower(), get(cells, "comments").strip()))
    return which, rows


# -- applying it -------------------------------------------------------------------------------------
def _apply(row: Row, message: Message, fuzzy: bool, report: ImportReport) -> None:
    approved = row.status in APPROVED_WORDS
    changed = False
    if row.target != message.msgstr:
        changed = True
        message.msgstr = row.target
        if row.target:
            message.fuzzy = fuzzy and not approved
            report.updated.append(row.id)
        else:
            message.fuzzy = False  # an empty msgstr is untranslated; fuzzy would say nothing more
            report.cleared.append(row.id)
    elif approved and message.fuzzy and message.msgstr:
        changed = True
        message.fuzzy = False
        report.approved.append(row.id)
    if row.comment:
        lines = [COMMENT_PREFIX + line.strip() for line in row.comment.splitlines() if line.strip()]
        new = [line for line in lines if line not in message.translator_comments]
        if new:
            changed = True
            message.translator_comments.extend(new)
            report.commented.append(row.id)
    if not changed:
        report.unchanged += 1


def import_docx(path: str | Path, config: Config, fuzzy: bool = True) -> ImportReport:
    """Apply a reviewed DOCX to its catalogue; the catalogue is rewritten only if something changed."""
    from workbench.po.writer import write_po  # msgcat layout: the entries not touched keep their bytes

    path = Path(path)
    (article, language), rows = read_rows(path)
    # the identifier names an article and a language, never a path: the project's layout gives the file
    catalogue_path = project_catalogue(config, language, article, path)
    report = ImportReport(path, article, language, catalogue_path, shown=config.relative(catalogue_path))
    # the lock ``workbench update`` takes: never both at once on a catalogue
    with project_lock(config.locales_dir):
        catalogue = read_po(catalogue_path)
        entries = {m.msgid: m for m in catalogue.entries() if m.msgctxt is None and not m.plural}
        seen: dict[str, Row] = {}
        for row in rows:
            message = entries.get(row.source)
            if message is None:
                report.problems.append(f"row {row.number} ({row.id}): its source text is not in the catalogue "
                                       "(edited in the document, or the article changed since the export)")
                continue
            first = seen.get(row.source)
            if first is not None:
                # a sentence that occurs twice is one entry: the second row may only agree with the first
                if (row.target, row.status) != (first.target, first.status):
                    report.problems.append(f"row {row.number} ({row.id}): same sentence as {first.id} "
                                           f"with a different target or status; {first.id} was applied")
                continue
            seen[row.source] = row
            _apply(row, message, fuzzy, report)
        if report.changed:
            report.written = write_po(catalogue, catalogue_path)
    return report

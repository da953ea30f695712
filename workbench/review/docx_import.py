"""``workbench import docx``: reviewers' edits in a review table come back into the PO file.

The document names its article and language (core property ``identifier``,
written by ``docx_export``), never a path: the catalogue is the project's
``<locales>/<language>/LC_MESSAGES/<article>.po`` (``project_catalogue``). The
table's header row names its columns, so a reviewer who hides, moves or
widens columns does not break the import. Rows are matched to catalogue
entries by their source text (the msgid), so an import into a catalogue that
has moved on since the export touches only the entries that still exist, and
says which rows it could not place.

What a row can do to its entry, merged three-way as every import is
(``workbench.exchange.importer``): each row's ID cell carries, as hidden text,
what the entry was when the document was made, so a row the reviewer did not
touch changes nothing however the catalogue moved on, a row both sides changed
is a conflict (the catalogue keeps its text, the reviewer's goes into a
``# wb-conflict`` comment), and a stale document never reverts newer work:

* a changed target replaces the msgstr, marked fuzzy (``accept``: not); the
  line breaks a cell cannot show at the ends of the old text are kept;
* an emptied target never erases a translation (say so in Comments instead);
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
from dataclasses import dataclass
from pathlib import Path

from workbench import safexml
from workbench.articles import normalise
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange.common import project_catalogue
from workbench.exchange.importer import Change, ImportReport, Proposal, Skipped, merge_entry, stamp_revision
from workbench.exchange.units import Base
from workbench.fileio import project_lock, read_bytes
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.review.docx_export import BASE_MARK, IDENTIFIER_PREFIX, cell_view, parse_identifier

APPROVED_WORDS = {"approved", "approve", "ok", "confirmed", "reviewed"}
COMMENT_PREFIX = "review: "


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


def cell_text(tc, hidden: bool = False) -> str:
    """A table cell's (``<w:tc>``) text with tracked changes accepted; paragraphs and line breaks as ``\\n``.

    The text Word shows, or with ``hidden`` only the text it hides (``w:vanish``)."""
    lines = []
    for paragraph in tc.iter(_w("p")):
        lines.append(_paragraph_text(paragraph, hidden))
    return "\n".join(lines).strip("\n")


def _hidden_run(run) -> bool:
    properties = run.find(_w("rPr"))
    return properties is not None and properties.find(_w("vanish")) is not None


def _paragraph_text(element, hidden: bool = False, in_hidden: bool = False) -> str:
    out = []
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == _w("t"):
            if in_hidden == hidden:
                out.append(child.text or "")
        elif child.tag == _w("tab"):
            out.append("\t" if in_hidden == hidden else "")
        elif child.tag in (_w("br"), _w("cr")):
            out.append("\n" if in_hidden == hidden else "")
        elif child.tag == _w("p"):
            continue  # a nested table's paragraph: iter() visits it on its own
        else:
            out.append(_paragraph_text(child, hidden, in_hidden or (child.tag == _w("r") and _hidden_run(child))))
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
    base: Base | None = None  # what the entry was at export (None: a document made otherwise)


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
        hidden = cell_text(cells[columns["id"]], hidden=True) if columns["id"] < len(cells) else ""
        base = Base.decode(hidden.split(BASE_MARK, 1)[1]) if BASE_MARK in hidden else None
        # a Source cell that shows chips for placeholders holds the msgid itself as hidden text
        source = cell_text(cells[columns["source"]], hidden=True) if columns["source"] < len(cells) else ""
        rows.append(Row(number, sid, normalise(source or get(cells, "source")), get(cells, "target"),
                        get(cells, "status").strip().lower(), get(cells, "comments").strip(), base))
    return which, rows


# -- applying it -------------------------------------------------------------------------------------
def _proposal(row: Row, message: Message) -> Proposal:
    """What a row says its entry should be (see the module's docstring)."""
    approved = row.status in APPROVED_WORDS
    if not row.target:  # an emptied cell never erases; "approved" on an empty row confirms nothing
        return Proposal([message.msgstr or None] if approved else [None], fuzzy=not approved)
    old = message.msgstr
    # the line breaks a cell cannot show at the ends of the text are the entry's, kept
    core = old.strip("\n")
    lead = old[: len(old) - len(old.lstrip("\n"))] if core else ""
    trail = old[len(old.rstrip("\n")):] if core else ""
    text = lead + row.target + trail
    changed = row.base is None or row.base.form_changed(0, text, cell_view)
    fuzzy = False if approved else (True if changed else row.base.fuzzy)
    return Proposal([text], fuzzy)


def _comment(row: Row, message: Message) -> bool:
    lines = [COMMENT_PREFIX + line.strip() for line in row.comment.splitlines() if line.strip()]
    new = [line for line in lines if line not in message.translator_comments]
    message.translator_comments.extend(new)
    return bool(new)


def import_docx(path: str | Path, config: Config, dry_run: bool = False, accept: bool = False,
                force: bool = False, translator: str | None = None) -> ImportReport:
    """Apply a reviewed DOCX to its catalogue, three-way; the catalogue is rewritten only if something changed.

    ``accept`` takes the reviewer's edits as reviewed (not fuzzy); ``force`` takes them also from a document
    that records no export base; ``translator`` goes into Last-Translator."""
    path = Path(path)
    (article, language), rows = read_rows(path)
    # the identifier names an article and a language, never a path: the project's layout gives the file
    po = project_catalogue(config, language, article, path)
    report = ImportReport(path, dry_run=dry_run)
    changed = False
    # the lock ``workbench update`` takes: never both at once on a catalogue
    with project_lock(config.locales_dir):
        catalogue = read_po(po)
        entries = {m.msgid: m for m in catalogue.entries() if m.msgctxt is None and not m.plural}
        seen: dict[str, Row] = {}
        for row in rows:
            where = f"row {row.number} ({row.id})"
            message = entries.get(row.source)
            if message is None:
                report.skipped.append(Skipped(where, "its source text is not in the catalogue (edited in the "
                                                     "document, or the article changed since the export)"))
                continue
            first = seen.get(row.source)
            if first is not None:
                # a sentence that occurs twice is one entry: the second row may only agree with the first
                if (row.target, row.status) != (first.target, first.status):
                    report.skipped.append(Skipped(where, f"same sentence as {first.id} with a different target "
                                                         f"or status; {first.id} was applied"))
                continue
            seen[row.source] = row
            entry_changed, skip = merge_entry(message, _proposal(row, message), row.base, po, report,
                                              f"{path.name} {where}", force=force, accept=accept, view=cell_view)
            if skip:
                report.skipped.append(Skipped(where, skip))
            commented = bool(row.comment) and _comment(row, message)
            if commented and not entry_changed:
                report.updated.append(Change(po, message.lineno, None, message.msgid, "reviewer's comment added"))
            changed |= entry_changed or commented
        if changed and not dry_run:
            stamp_revision(catalogue, translator)
            if write_po(catalogue, po):
                report.written.append(po)
    return report

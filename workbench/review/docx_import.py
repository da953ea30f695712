"""``workbench import docx``: reviewers' edits in a review table come back into the PO file.

The document names its article and language (core property ``identifier``,
written by ``docx_export``); the table's header row names its columns, so a
reviewer who hides, moves or widens columns does not break the import. Rows
are matched to catalogue entries by their source text (the msgid), so an
import into a catalogue that has moved on since the export touches only the
entries that still exist, and says which rows it could not place.

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

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from workbench.articles import normalise
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.extract import po_path
from workbench.fileio import file_lock
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.review.docx_export import IDENTIFIER_PREFIX, parse_identifier

LOCK_NAME = ".workbench.lock"  # the lock ``workbench update`` takes: never both at once on a catalogue
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


# -- reading the document ---------------------------------------------------------------------
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:delText")}


def cell_text(cell) -> str:
    """A table cell's text with tracked changes accepted; paragraphs and line breaks as ``\\n``."""
    lines = []
    for paragraph in cell._tc.iter(qn("w:p")):
        lines.append(_paragraph_text(paragraph))
    return "\n".join(lines).strip("\n")


def _paragraph_text(element) -> str:
    out = []
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif child.tag == qn("w:p"):
            continue  # a nested table's paragraph: iter() visits it on its own
        else:
            out.append(_paragraph_text(child))
    return "".join(out)


def _open(path: Path):
    try:
        return docx.Document(str(path))
    except FileNotFoundError:
        raise WorkbenchError("no such file", path) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkbenchError(f"not a Word document (.docx): {exc}", path) from None


def _review_table(document, path: Path):
    """The table whose header row starts with ID, and its columns by name."""
    for table in document.tables:
        if not table.rows:
            continue
        names = [cell_text(cell).split(" ", 1)[0].strip().lower() for cell in table.rows[0].cells]
        if names and names[0] == "id":
            columns = {}
            for index, name in enumerate(names):
                columns.setdefault(name, index)
            missing = {"id", "source", "target"} - set(columns)
            if missing:
                raise WorkbenchError(f"the review table has no {', '.join(sorted(missing))} column", path)
            return table, columns
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
    document = _open(path)
    which = parse_identifier(document.core_properties.identifier)
    if which is None:
        raise WorkbenchError(f"not a workbench review document (its identifier does not start with {IDENTIFIER_PREFIX!r})", path)
    table, columns = _review_table(document, path)

    def get(cells, name: str) -> str:
        index = columns.get(name)
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""

    rows = []
    for number, row in enumerate(table.rows[1:], start=2):
        cells = row.cells
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
    catalogue_path = po_path(config, article, language)
    report = ImportReport(path, article, language, catalogue_path, shown=config.relative(catalogue_path))
    if not catalogue_path.exists():
        raise WorkbenchError(f"the catalogue of this review does not exist: {config.relative(catalogue_path)}", path)
    with file_lock(config.locales_dir / LOCK_NAME):
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

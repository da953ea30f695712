"""The bilingual review table for Word (``--format docx``), with python-docx.

One document per article and language: a title, short instructions, and a
table with one row per segment: ID, source, target, status, findings (with
the glossary's approved renderings) and an empty Comments column for the
reviewer. The target column is the one reviewers edit; ``docx_import``
brings those edits (and the comments) back into the PO file.

The Source column shows placeholders as chips (``⟨link⟩…⟨/link⟩``,
``workbench.review.chips``) and character references decoded; where that
differs from the msgid, the msgid follows as hidden text, which the import
matches rows by. The Target column is the msgstr exactly, placeholders and
all: it is what the import reads back and compares with the catalogue.

The document says which article and language it is in its core properties
(``identifier``: ``workbench-review:<article>:<language>``), so the import
needs nothing but the file.

python-docx makes the frame (page, styles, title, the table and its header row); the
segment rows are written as WordprocessingML text here and parsed into the table in one go,
exactly the elements python-docx's calls made (its per-element bookkeeping took 0.6 s per
50-row table). ``tests/review/test_review_docx.py`` reads them back through python-docx.

Same input, same bytes: python-docx writes the template's dates into
``docProps/core.xml`` and the current time into every zip entry, so the
saved package is rewritten with those removed and fixed.
"""

from __future__ import annotations

import gc
import io
import re
import struct
import zipfile
import zlib
from datetime import datetime
from typing import NamedTuple
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.opc.pkgwriter import PackageWriter
from docx.shared import Cm, Pt, RGBColor

from workbench import __version__
from workbench.exchange.units import Base
from workbench.review import chips
from workbench.review.model import FUZZY, TRANSLATED, UNTRANSLATED, Language, ReviewArticle
from workbench.review.text import progress
from workbench.review.terms import DEVIANT, MISSING, TermMark
from workbench.safexml import XML_ILLEGAL

IDENTIFIER_PREFIX = "workbench-review"
BASE_MARK = "wb-base:"  # hidden text in a row's ID cell: what the entry was at export (``units.Base``)
COLUMNS = ("ID", "Source", "Target", "Status", "Findings", "Comments")
WIDTHS_CM = (1.2, 7.6, 7.6, 2.8, 4.2, 3.3)  # 26.7 cm: A4 landscape less two 1.5 cm margins
STATUS_FILL = {TRANSLATED: "DAFBE1", FUZZY: "FFF3B0", UNTRANSLATED: "FFDCD7"}
TERM_FILL = {"ok": "DDF4FF", MISSING: "FFE2C6", DEVIANT: "FFCECB", "plain": "DDF4FF"}
CHIP_FILL, CHIP_COLOR = "E6EAEF", "57606A"
HEADER_FILL = "24292F"
SOURCE_FILL = "F6F8FA"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold

INSTRUCTIONS = (
    "Edit the Target column only; leave ID and Source as they are. "
    "To confirm a fuzzy segment without changing it, write “approved” in its Status cell. "
    "Notes for the translators go in the Comments column. "
    "Track Changes may stay on: insertions count as accepted, deletions as done."
)


def cell_view(text: str) -> str:
    """A translation as a Word cell shows it and gives it back: without line breaks at its ends."""
    return text.strip("\n")


def identifier(article: str, language: str) -> str:
    return f"{IDENTIFIER_PREFIX}:{article}:{language}"


def parse_identifier(value: str | None) -> tuple[str, str] | None:
    """``(article, language)`` from a core-properties identifier, None if not one of ours."""
    if not value or not value.startswith(IDENTIFIER_PREFIX + ":"):
        return None
    rest = value[len(IDENTIFIER_PREFIX) + 1 :]
    article, _, language = rest.rpartition(":")
    return (article, language) if article and language else None


# -- low-level OOXML helpers (python-docx has no API for these) ------------------------------
def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _set_width(cell, cm: float) -> None:
    cell.width = Cm(cm)


# -- content: the rows as WordprocessingML, element for element what python-docx's calls wrote ------------
def _xml_text(text: str) -> str:
    """Character data as lxml serialises it (``&``, ``<``, ``>``; a carriage return as a reference)."""
    return escape(text).replace("\r", "&#13;")


def _run(text: str, properties: str) -> str:
    """A run as python-docx's ``add_run(text)`` makes it: a tab is ``w:tab``, a line break ``w:br``, the
    rest ``w:t`` (space-preserving when it starts or ends with white space)."""
    content = []
    for number, line in enumerate(text.replace("\r", "\n").split("\n")):
        if number:
            content.append("<w:br/>")
        for position, piece in enumerate(line.split("\t")):
            if position:
                content.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
                content.append(f"<w:t{space}>{_xml_text(piece)}</w:t>")
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{rpr}{''.join(content)}</w:r>"


def _shd(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'


def _lang(language: Language) -> str:
    """The run's language, so Word spell-checks the target column in the right language."""
    tag = escape(language.tag, {'"': "&quot;"})
    rtl = "<w:rtl/>" if language.direction == "rtl" else ""
    return f'{rtl}<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="{tag}"/>'


def _small(text: str, color: str = "59636E", bold: bool = False) -> str:
    return _run(text, ("<w:b/>" if bold else "") + f'<w:color w:val="{color}"/><w:sz w:val="16"/>')


def _hidden(text: str) -> str:
    """A run Word does not show (``w:vanish``) but keeps, and gives back to the import."""
    return _run(text, '<w:sz w:val="12"/><w:vanish/>')


def _write_text(text: str, language: Language, marks: list[TermMark], bold: bool = False,
                chip_names: dict[str, str] | None = None) -> str:
    """``text`` as runs, glossary terms shaded; a run's ``\\n`` becomes a line break. With ``chip_names``
    (number -> tag name) placeholders are written as chips and character references decoded."""
    pieces: list[tuple[str, TermMark | None]] = []
    position = 0
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start < position or not 0 <= mark.start < mark.end <= len(text):
            continue
        pieces.append((text[position : mark.start], None))
        pieces.append((text[mark.start : mark.end], mark))
        position = mark.end
    pieces.append((text[position:], None))
    bold_xml, lang = ("<w:b/>" if bold else ""), _lang(language)
    runs = []
    for piece, mark in pieces:
        shown = [piece] if chip_names is None else chips.pieces(piece, chip_names)
        for part in shown:
            if not part:
                continue
            if isinstance(part, chips.Chip):
                runs.append(_run(part.label, f'{bold_xml}<w:color w:val="{CHIP_COLOR}"/><w:sz w:val="16"/>{lang}'
                                 + _shd(CHIP_FILL)))
            else:
                shade = _shd(TERM_FILL.get(mark.state, "DDF4FF")) if mark is not None else ""
                runs.append(_run(part, f'{bold_xml}<w:sz w:val="20"/>{lang}{shade}'))
    return "".join(runs)


def _findings_cell(segment, language: str) -> str:
    """The Findings cell's paragraphs."""
    paragraphs = []
    for mark in segment.cells[language].findings:
        color = {"error": "CF222E", "warning": "9A6700"}.get(mark.severity, "0969DA")
        paragraphs.append(_small(f"{mark.severity} · {mark.check}: ", color, bold=True) + _small(mark.message, "1F2328"))
    for term in segment.source_terms.get(language, []):
        paragraphs.append(_small("Glossary: ", "0969DA", bold=True) + _small(term.title))
    key = placeholder_key(segment.msgid, segment.tags)
    if key:
        # the Source shows chips, the Target (what the import reads) the placeholders themselves: pair them up
        paragraphs.append(_small("Placeholders: ", "57606A", bold=True) + _small(key))
    return "".join(f"<w:p>{runs}</w:p>" for runs in paragraphs) or "<w:p/>"


def _cell(width: int, paragraphs: str, fill: str | None = None) -> str:
    shade = _shd(fill) if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>{paragraphs}</w:tc>'


def _row(article: ReviewArticle, target: Language, segment, language: str, heading: bool, widths: list[int]) -> str:
    cell_data = segment.cells[language]
    base = Base.of_translations([cell_data.text], cell_data.status == FUZZY, cell_view).encode()
    source = _write_text(segment.msgid, article.source, segment.source_terms.get(language, []), bold=heading,
                         chip_names=segment.tags if article.markup else None)
    if chips.readable(segment.msgid, segment.tags, article.markup) != segment.msgid:
        source += _hidden(segment.msgid)  # what the import matches the row by
    # an untranslated target cell stays empty: whatever is typed there is a translation
    target_runs = _write_text(cell_data.text, target, cell_data.terms, bold=heading)
    target_fill = {FUZZY: "FFF8C5", UNTRANSLATED: "FFF4F3"}.get(cell_data.status)

    def paragraph(runs: str, properties: str = "") -> str:
        return f"<w:p>{properties}{runs}</w:p>" if runs or properties else "<w:p/>"

    # a right-to-left target's paragraph is one (w:bidi), with its language on the paragraph mark: what the
    # reviewer types into an empty cell is then laid out and spell-checked as Arabic or Hebrew
    target_paragraph = f"<w:pPr><w:bidi/><w:rPr>{_lang(target)}</w:rPr></w:pPr>" if target.direction == "rtl" else ""
    return ("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + _cell(widths[0], paragraph(_small(segment.id, "1F2328") + _hidden(" " + BASE_MARK + base)))
            + _cell(widths[1], paragraph(source), SOURCE_FILL)
            + _cell(widths[2], paragraph(target_runs, target_paragraph), target_fill)
            + _cell(widths[3], paragraph(_small(cell_data.status, "1F2328", bold=True)), STATUS_FILL[cell_data.status])
            + _cell(widths[4], _findings_cell(segment, language))
            + _cell(widths[5], "<w:p/>")
            + "</w:tr>")


def placeholder_key(text: str, names: dict[str, str]) -> str:
    """``⟨link⟩ = <g1>…</g1> · ⟨br/⟩ = <x3/>``: each chip of ``text`` with the placeholder the Target keeps."""
    pairs = []
    for match in chips.PLACEHOLDER.finditer(text):
        raw = match.group()
        if raw.startswith("</"):
            continue
        shown = raw if raw.startswith("<x") else f"{raw}…{raw.replace('<', '</')}"
        entry = f"{chips.label(raw, names)} = {shown}"
        if entry not in pairs:
            pairs.append(entry)
    return " · ".join(pairs)


def _setup(document, name: str, source_path: str, source: Language, language: Language) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Noto Sans CJK SC" if language.code.startswith("zh") else "MS Mincho")
    core = document.core_properties
    core.title = f"{name} — {source.tag} → {language.tag} review"
    core.subject = "Bilingual review"
    core.identifier = identifier(name, language.code)
    core.language = language.tag
    core.author = "workbench"
    core.last_modified_by = "workbench"
    core.comments = f"Generated by workbench {__version__} from {source_path}"
    core.keywords = "translation review"
    core.revision = 1
    # the thumbnail of python-docx's template shows some other document: drop it
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rel_id)


def build_document(article: ReviewArticle, language: str):
    """The review document in python-docx: the frame, then the rows parsed into its table."""
    target = article.target(language)
    document = _frame_document(article.source, target, _frame_values(article, language))
    rows = _rows(article, target, language)
    _table(document)._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")))
    return document


def _frame_values(article: ReviewArticle, language: str) -> dict[str, str]:
    """What the document says around its table that is the article's own (``_frame_document``)."""
    return {"name": article.name, "source_path": article.source_path,
            "catalogue": article.catalogues.get(language) or "(none yet)", "progress": progress(article, language)}


def _frame_document(source: Language, target: Language, values: dict[str, str]):
    """Everything but the segment rows: page, styles, title, instructions, the table and its header row."""
    document = docx.Document()
    _setup(document, values["name"], values["source_path"], source, target)
    document.add_heading(values["name"], level=1)
    intro = document.add_paragraph()
    intro.add_run(f"{source.name} ({source.tag}) → {target.name} ({target.tag}). ").bold = True
    intro.add_run(f"Source {values['source_path']}; catalogue {values['catalogue']}. {values['progress']}.")
    note = document.add_paragraph().add_run(INSTRUCTIONS)
    note.font.size = Pt(8)
    note.font.color.rgb = RGBColor.from_string("1F2328")

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads the cells' widths, LibreOffice the grid's: set both, and a fixed layout
    for column, width in zip(table.columns, WIDTHS_CM):
        column.width = Cm(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    header = table.rows[0]
    _repeat_header(header)
    labels = list(COLUMNS)
    labels[1] = f"Source ({source.tag})"
    labels[2] = f"Target ({target.tag})"
    for cell, label, width in zip(header.cells, labels, WIDTHS_CM):
        _set_width(cell, width)
        _shade(cell, HEADER_FILL)
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    return document


def _table(document):
    return document.tables[0]


def _rows(article: ReviewArticle, target: Language, language: str) -> str:
    widths = [Cm(width).twips for width in WIDTHS_CM]
    return "".join(_row(article, target, segment, language, paragraph.heading_level is not None, widths)
                   for paragraph in article.paragraphs for segment in paragraph.segments)


class _Members:
    """Takes what python-docx's package writer writes: (member name, bytes), in its order, uncompressed."""

    def __init__(self):
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _members(document) -> list[tuple[str, bytes]]:
    """The members ``document.save`` would zip, as python-docx's ``PackageWriter.write`` makes them:
    saving to a zip and unzipping it again to fix the dates compressed everything twice."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, package.parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, package.parts)
    return members.items


def deterministic_members(document, timestamp: datetime | None = None) -> list[tuple[str, bytes]]:
    """The package's members with no dates in them (or ``timestamp`` if asked)."""
    core = document.core_properties
    element = core._element
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for node in element.findall(qn(name)):
            element.remove(node)
    if timestamp is not None:
        core.created = timestamp
        core.modified = timestamp
    return _members(document)


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """The members zipped with fixed entry dates: same members, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def deterministic_bytes(document, timestamp: datetime | None = None) -> bytes:
    """The saved package with no dates in it (or ``timestamp`` if asked) and fixed zip entry dates."""
    return _zip(deterministic_members(document, timestamp))


# -- the frame, made once per language pair -------------------------------------------------------
# python-docx took about four fifths of a document's time on its frame (loading its template, styles,
# core properties), the same for every article of a language but for four texts. The frame is made
# once with a marker in each of those places and one where the rows go, and each document is that
# frame's members with the article's texts (escaped as lxml escapes them) and rows put in.
_MARK = "WBFRAMESLOT{}END"
_ROWS = "rows"


class _Frame:
    def __init__(self, source: Language, target: Language):
        document = _frame_document(source, target, {slot: _MARK.format(slot) for slot in _FRAME_SLOTS})
        # per member: its pieces (literal text at even positions, slot names at odd ones) when it has slots,
        # else its entry ready to zip (the styles are 0.8 MB: compressed once, not per document)
        self.members: list[tuple[str, list[str] | _Deflated]] = []
        for name, data in deterministic_members(document):
            text = data.decode("utf-8")
            if name == "word/document.xml":
                assert text.count("</w:tbl>") == 1
                text = text.replace("</w:tbl>", _MARK.format(_ROWS) + "</w:tbl>")
            if "WBFRAMESLOT" in text:
                self.members.append((name, re.split(r"WBFRAMESLOT(\w+?)END", text)))
            else:
                self.members.append((name, _Deflated.of(data)))
        gc.collect(1)

    def package(self, values: dict[str, str], rows: str) -> bytes:
        texts = {slot: _xml_text(value) for slot, value in values.items()}
        texts[_ROWS] = rows
        members = []
        for name, data in self.members:
            if isinstance(data, list):
                data = _Deflated.of("".join(piece if number % 2 == 0 else texts[piece]
                                            for number, piece in enumerate(data)).encode("utf-8"))
            members.append((name, data))
        return _zip_deflated(members)


class _Deflated(NamedTuple):
    """A zip member's data as ``zipfile`` deflates it, with what its headers say of it."""

    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, data: bytes) -> "_Deflated":
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's own
        return cls(zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def _zip_deflated(members: list[tuple[str, _Deflated]]) -> bytes:
    """The bytes ``_zip`` gives for these members, from data already deflated: the same local headers,
    central directory and end record ``zipfile`` writes for its entries (``ZIP_DATE``, DEFLATE, version
    2.0, MS-DOS, mode 644, ASCII names). The frame's test holds the two equal."""
    time, date = 0, ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
    out, directory = [], []
    offset = 0
    for name, member in members:
        encoded = name.encode("ascii")
        fields = (20, 0, 0, zipfile.ZIP_DEFLATED, time, date, member.crc, len(member.data), member.size)
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields, len(encoded), 0) + encoded
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, *fields, len(encoded), 0, 0, 0, 0,
                                     0o644 << 16, offset) + encoded)
        out += (header, member.data)
        offset += len(header) + len(member.data)
    central = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), offset, 0)
    return b"".join(out) + central + end


_FRAME_SLOTS = ("name", "source_path", "catalogue", "progress")
_FRAMES: dict[tuple, _Frame] = {}
_CORE_LIMIT = 255  # python-docx refuses a longer core property (title, identifier, comments)


def _framed(values: dict[str, str], source: Language, target: Language) -> bool:
    """Whether python-docx would write these texts exactly as the frame's markers are replaced: plain text
    (no tab, line break or other control character, which become other elements or are refused), a title
    without white space at its ends (that adds ``xml:space``), core properties within python-docx's limit."""
    if any(_CONTROL.search(value) for value in values.values()):
        return False
    name, path = values["name"], values["source_path"]
    core = (f"{name} — {source.tag} → {target.tag} review", identifier(name, target.code),
            f"Generated by workbench {__version__} from {path}")
    return name == name.strip() and all(len(text) <= _CORE_LIMIT for text in core)


_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def docx_bytes(article: ReviewArticle, language: str, timestamp: datetime | None = None) -> bytes:
    values = _frame_values(article, language)
    target = article.target(language)
    if timestamp is None and _framed(values, article.source, target):
        rows = _rows(article, target, language)
        if XML_ILLEGAL.search(rows):  # text XML cannot carry is refused as python-docx refuses it
            parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")
        key = (article.source.code, target.code)
        if key not in _FRAMES:
            _FRAMES[key] = _Frame(article.source, target)
        return _FRAMES[key].package(values, rows)
    data = deterministic_bytes(build_document(article, language), timestamp)
    # a python-docx document is a web of reference cycles (package <-> parts) holding its XML trees;
    # with the CLI's rare garbage collections, a project's documents piled up (4 GB for 600) until
    # one ran. Its objects are young: collecting the young generations frees them, cheaply.
    gc.collect(1)
    return data

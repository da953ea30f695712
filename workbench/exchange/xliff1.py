"""XLIFF 1.2 (OASIS, strict schema): one file per article and language, and its reader.

Layout, per PO entry numbered ``n`` among the catalogue's active entries:

* singular: ``<trans-unit id="n" resname="msgctxt">`` with ``<source>``,
  ``<target state>``, ``<context-group>``s and ``<note>``s;
* plural: ``<group id="n" restype="x-gettext-plurals">`` holding one
  trans-unit per msgstr form, ``id="n.0"``, ``"n.1"``, ... (source: msgid for
  form 0, msgid_plural for the others).

States: translated -> ``state="translated"`` and ``approved="yes"``; fuzzy ->
``needs-review-translation``; untranslated -> an empty target, ``state="new"``.
Placeholders become ``<ph id ctype>`` whose content is the code's exact text;
characters XML cannot carry become ``<x ctype="x-char-XXXX"/>``.
An untranslated or fuzzy entry carries the translation memory's best match as
``<alt-trans match-quality="87" origin="article">`` (a proposal; the import reads only
the unit's own ``<target>``).
Obsolete entries and the header are not exported: a CAT tool has nothing to do
with them, and the import merges into the PO file, which still has them.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lxml import etree

from workbench import __version__
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange import inline
from workbench.exchange.common import (
    XML_ILLEGAL,
    XML_LANG,
    XML_SPACE,
    ArticleCatalogues,
    CatalogueFileWriter,
    child,
    children,
    iter_articles,
    local,
    numbered_entries,
    run_writers,
)
from workbench.exchange.units import Base, FileUnits, Unit, UnitProblem
from workbench.langs import to_bcp47
from workbench.po.catalog import Catalog, Message

NS = "urn:oasis:names:tc:xliff:document:1.2"
PLURAL_RESTYPE = "x-gettext-plurals"
CHAR_CTYPE = "x-char-"  # + 4+ hex digits: a character XML 1.0 cannot hold
_LEAVES = frozenset(f"{{{NS}}}{name}" for name in ("source", "target", "note", "context", "tool"))
_REFERENCE = re.compile(r"^(.*?):(\d+)$")


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def clean(text: str) -> str:
    """Text for a note or attribute: XML-illegal characters become U+FFFD (notes are not read back)."""
    return XML_ILLEGAL.sub("\ufffd", text)


# -- writing -------------------------------------------------------------------


def fill_inline(element: etree._Element, pieces: list[str | inline.Code], ids: list[str]) -> None:
    """Put a split message into ``element`` as text with ``<ph>``/``<x/>`` inline codes."""
    last: etree._Element | None = None
    numbers = iter(ids)
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
        elif piece.kind == "char":
            last = etree.SubElement(element, q("x"), id=next(numbers), ctype=CHAR_CTYPE + piece.codepoint)
        else:
            last = etree.SubElement(element, q("ph"), id=next(numbers), ctype=f"x-{piece.kind}")
            last.text = piece.text


def _target_state(text: str, message: Message) -> str:
    if not text:
        return "new"
    return "needs-review-translation" if message.fuzzy else "translated"


BASE_PURPOSE = "x-workbench-base"  # the context-group recording the entry at export (``units.Base``)


def _context_groups(parent: etree._Element, message: Message) -> None:
    group = etree.SubElement(parent, q("context-group"), purpose=BASE_PURPOSE)
    etree.SubElement(group, q("context"), {"context-type": BASE_PURPOSE}).text = Base.of(message).encode()
    if message.msgctxt is not None:
        group = etree.SubElement(parent, q("context-group"), purpose="information")
        etree.SubElement(group, q("context"), {"context-type": "x-po-msgctxt"}).text = clean(message.msgctxt)
    for reference in message.references:
        group = etree.SubElement(parent, q("context-group"), purpose="location")
        match = _REFERENCE.match(reference)
        etree.SubElement(group, q("context"), {"context-type": "sourcefile"}).text = clean(
            match.group(1) if match else reference)
        if match:
            etree.SubElement(group, q("context"), {"context-type": "linenumber"}).text = match.group(2)


def _notes(parent: etree._Element, message: Message) -> None:
    if message.extracted_comments:
        etree.SubElement(parent, q("note"), {"from": "developer"}).text = clean("\n".join(message.extracted_comments))
    if message.translator_comments:
        etree.SubElement(parent, q("note"), {"from": "translator"}).text = clean("\n".join(message.translator_comments))
    if message.fuzzy and message.previous_msgid is not None:
        etree.SubElement(parent, q("note"), {"from": "workbench", "annotates": "source"}).text = clean(
            "Previous source text: " + message.previous_msgid)
    flags = [flag for flag in message.flags if flag != "fuzzy"]
    if flags:
        etree.SubElement(parent, q("note"), {"from": "workbench"}).text = clean("Flags: " + ", ".join(flags))


def _trans_unit(parent: etree._Element, unit_id: str, source: str, target: str, message: Message,
                languages: tuple[str, str], resname: str | None) -> etree._Element:
    attributes = {"id": unit_id}
    if resname is not None:
        attributes["resname"] = clean(resname)
    if target and not message.fuzzy:
        attributes["approved"] = "yes"
    unit = etree.SubElement(parent, q("trans-unit"), attributes)
    unit.set(XML_SPACE, "preserve")  # leading/trailing spaces and newlines are content
    source_pieces, target_pieces = inline.split(source), inline.split(target)
    source_ids, target_ids = inline.number_codes(source_pieces, target_pieces)
    source_element = etree.SubElement(unit, q("source"), {XML_LANG: languages[0]})
    fill_inline(source_element, source_pieces, source_ids)
    target_element = etree.SubElement(unit, q("target"), {XML_LANG: languages[1], "state": _target_state(target, message)})
    fill_inline(target_element, target_pieces, target_ids)
    return unit


def shell(catalog: Catalog, original: str, languages: tuple[str, str],
          timestamp: datetime | None = None) -> tuple[etree._Element, etree._Element]:
    """The document for one catalogue without its units: (``<xliff>``, its ``<body>``)."""
    root = etree.Element(q("xliff"), version="1.2", nsmap={None: NS})
    file = etree.SubElement(root, q("file"), {
        "original": original, "source-language": languages[0], "target-language": languages[1],
        "datatype": "po", "tool-id": "workbench"})
    if timestamp is not None:
        file.set("date", timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    header = etree.SubElement(file, q("header"))
    etree.SubElement(header, q("tool"), {"tool-id": "workbench", "tool-name": "workbench", "tool-version": __version__})
    plural_forms = catalog.header_field("Plural-Forms")
    if plural_forms:
        etree.SubElement(header, q("note"), {"from": "workbench"}).text = clean(
            "Plural-Forms: " + plural_forms + " (plural entries are groups, one unit per form, in order)")
    return root, etree.SubElement(file, q("body"))


def _alt_trans(unit: etree._Element, match, languages: tuple[str, str]) -> None:
    """A TM suggestion: ``<alt-trans match-quality="87" origin="article">`` with the match's source and the
    suggestion made from its target (never read back as the translation)."""
    alt = etree.SubElement(unit, q("alt-trans"), {"match-quality": str(match.score), "origin": clean(match.unit.origin),
                                                  "tool-id": "workbench"})
    source_pieces, target_pieces = inline.split(match.unit.source), inline.split(match.suggestion)
    source_ids, target_ids = inline.number_codes(source_pieces, target_pieces)
    fill_inline(etree.SubElement(alt, q("source"), {XML_LANG: languages[0]}), source_pieces, source_ids)
    fill_inline(etree.SubElement(alt, q("target"), {XML_LANG: languages[1]}), target_pieces, target_ids)


def units(body: etree._Element, catalog: Catalog, languages: tuple[str, str],
          suggest: Callable[[Message], object] | None = None) -> Iterator[etree._Element]:
    """One ``<trans-unit>`` (or plural ``<group>``) per entry, each made as the last child of ``body``;
    ``suggest`` gives an untranslated or fuzzy entry's TM match (``workbench.tm.suggest``)."""
    for number, message in numbered_entries(catalog):
        if not message.plural:
            unit = _trans_unit(body, str(number), message.msgid, message.msgstr, message, languages, message.msgctxt)
            _context_groups(unit, message)
            _notes(unit, message)
            match = suggest(message) if suggest is not None else None
            if match is not None:
                _alt_trans(unit, match, languages)
            yield unit
            continue
        group = etree.SubElement(body, q("group"), {"id": str(number), "restype": PLURAL_RESTYPE})
        if message.msgctxt is not None:
            group.set("resname", clean(message.msgctxt))
        group.set(XML_SPACE, "preserve")
        _context_groups(group, message)
        _notes(group, message)
        for form, target in enumerate(message.msgstr_plural or [""]):
            source = message.msgid if form == 0 else message.msgid_plural or ""
            _trans_unit(group, f"{number}.{form}", source, target, message, languages, message.msgctxt)
        yield group


def build(catalog: Catalog, original: str, source_language: str, target_language: str,
          timestamp: datetime | None = None, suggest: Callable[[Message], object] | None = None) -> etree._Element:
    """The ``<xliff>`` element for one catalogue (the export streams it instead)."""
    languages = (to_bcp47(source_language), to_bcp47(target_language))
    root, body = shell(catalog, original, languages, timestamp)
    for _ in units(body, catalog, languages, suggest):
        pass  # each unit is made in place
    return root


def output_path(output_dir: Path, article: str, language: str) -> Path:
    return output_dir / "xliff" / language / f"{article}.xlf"


class Writer(CatalogueFileWriter):
    """One XLIFF 1.2 file per catalogue of each article handed to ``add``, streamed unit by unit."""

    leaves = _LEAVES

    def path(self, article: str, language: str) -> Path:
        return output_path(self.output_dir, article, language)

    def open(self, catalog: Catalog, po_file: Path, language: str):
        from workbench.tm.suggest import project_suggestions  # the memory imports the exchange's inline codes

        languages = (to_bcp47(self.config.source_language), to_bcp47(language))
        root, body = shell(catalog, self.config.relative(po_file), languages, self.timestamp)
        return root, body, units(body, catalog, languages, project_suggestions(self.config, language, po_file))


def export(config: Config, output_dir: Path, articles: Iterable[ArticleCatalogues] | None = None,
           timestamp: datetime | None = None) -> list[tuple[Path, bool]]:
    """Write one XLIFF 1.2 file per article and language; return (path, written) for each."""
    articles = articles if articles is not None else iter_articles(config)
    return run_writers([Writer(config, output_dir, timestamp)], articles)


# -- reading -------------------------------------------------------------------


def inline_text(element: etree._Element) -> str:
    """The exact text of a ``<source>``/``<target>``, inline codes turned back into their text.

    Accepts what CAT tools add: ``<mrk>`` segment markers and ``<g>`` wrappers are
    transparent; ``<ph>``/``<bpt>``/``<ept>``/``<it>`` give their content; ``<x/>``,
    ``<bx/>``, ``<ex/>`` are only understood as our XML-illegal characters.
    """
    parts = [element.text or ""]
    for node in element:
        name = local(node.tag)
        if name in ("mrk", "g"):
            parts.append(inline_text(node))
        elif name in ("ph", "bpt", "ept", "it", "sub"):
            parts.append("".join(node.itertext()))
        elif name in ("x", "bx", "ex"):
            ctype = node.get("ctype") or ""
            if not ctype.startswith(CHAR_CTYPE):
                raise UnitProblem(f"inline code <{name} id={node.get('id')!r}> has no text to restore")
            try:
                parts.append(chr(int(ctype[len(CHAR_CTYPE):], 16)))
            except ValueError:
                raise UnitProblem(f"inline code <{name}> has a bad ctype {ctype!r}") from None
        elif name:
            raise UnitProblem(f"unexpected element <{name}> inside <{local(element.tag)}>")
        parts.append(node.tail or "")
    return "".join(parts)


_STATES = {"translated": "translated", "final": "translated", "signed-off": "translated",
           "new": "new", "needs-translation": "new"}


def unit_state(unit: etree._Element, target: etree._Element | None) -> str:
    """Our reading of a unit's state: translated, fuzzy (needs review) or new."""
    state = target.get("state") if target is not None else None
    if state is not None:
        return _STATES.get(state, "fuzzy")  # every needs-* state means: look at it again
    approved = unit.get("approved")
    return "fuzzy" if approved == "no" else "translated"


def _read_unit(element: etree._Element) -> tuple[str, str | None, str]:
    source = child(element, "source")
    if source is None:
        raise UnitProblem("trans-unit without <source>")
    target = child(element, "target")
    return inline_text(source), inline_text(target) if target is not None else None, unit_state(element, target)


def read(tree: etree._ElementTree, path: Path) -> list[FileUnits]:
    """Every ``<file>`` of an XLIFF 1.2 document as FileUnits."""
    files = []
    for file in children(tree.getroot(), "file"):
        result = FileUnits(original=file.get("original"), source_language=file.get("source-language"),
                           target_language=file.get("target-language"), line=file.sourceline)
        body = child(file, "body")
        if body is None:
            raise WorkbenchError("<file> without <body>", path, file.sourceline)
        _read_body(body, result)
        files.append(result)
    if not files:
        raise WorkbenchError("no <file> element: not an XLIFF 1.2 document", path)
    return files


def _base(element: etree._Element) -> Base | None:
    for group in children(element, "context-group"):
        if group.get("purpose") == BASE_PURPOSE:
            context = child(group, "context")
            return Base.decode(context.text if context is not None else None)
    return None


def _read_body(container: etree._Element, result: FileUnits) -> None:
    for element in container:
        name = local(element.tag)
        if name == "group" and element.get("restype") == PLURAL_RESTYPE:
            result.units.append(_read_plural(element))
        elif name == "group":
            _read_body(element, result)  # a CAT tool's own grouping
        elif name == "trans-unit":
            unit = Unit(id=element.get("id") or "?", msgctxt=element.get("resname"), line=element.sourceline,
                        base=_base(element))
            try:
                source, target, state = _read_unit(element)
                unit.sources, unit.targets, unit.states = [source], [target], [state]
            except UnitProblem as problem:
                unit.problem = str(problem)
            result.units.append(unit)


def _read_plural(group: etree._Element) -> Unit:
    unit = Unit(id=group.get("id") or "?", msgctxt=group.get("resname"), plural=True, line=group.sourceline,
                base=_base(group))
    try:
        for element in children(group, "trans-unit"):
            source, target, state = _read_unit(element)
            unit.sources.append(source)
            unit.targets.append(target)
            unit.states.append(state)
    except UnitProblem as problem:
        unit.problem = str(problem)
    return unit

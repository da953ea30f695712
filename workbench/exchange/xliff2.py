"""XLIFF 2.1 (OASIS; core + Metadata, Glossary and Matches modules): one file per article and language, and its reader.

Layout, per PO entry numbered ``n`` among the catalogue's active entries:

* singular: ``<unit id="n" name="msgctxt">`` with ``<mda:metadata>`` (msgctxt,
  references, flags), ``<gls:glossary>`` (the approved renderings of the
  glossary terms in the sentence), for an untranslated or fuzzy entry the translation
  memory's best match (``<mtc:matches>``, referring to the segment ``s1``), ``<notes>``,
  ``<originalData>`` and one ``<segment>``;
* plural: ``<group id="n" type="po:plural">`` holding one unit per msgstr
  form, ``id="n.0"``, ``"n.1"``, ... (XLIFF 2.1 core has no plurals).

States: translated -> ``translated``; fuzzy -> ``initial`` with the fuzzy text
as target and ``subState="po:fuzzy"`` (a pre-filled suggestion, which is what
``initial`` with a target means); untranslated -> ``initial`` and no target.
On import ``translated``, ``reviewed`` and ``final`` clear the fuzzy flag.
Placeholders become ``<ph id dataRef disp equiv/>`` with the exact code text in
``<originalData>``; XML-illegal characters become ``<cp hex/>``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lxml import etree

from workbench import __version__
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange import inline
from workbench.exchange.common import (
    XML_ILLEGAL, XML_SPACE, ArticleCatalogues, CatalogueFileWriter, child, children, iter_articles, local, numbered_entries, run_writers,
)
from workbench.exchange.units import Base, FileUnits, Unit, UnitProblem
from workbench.glossary.terminology import Terminology
from workbench.langs import to_bcp47
from workbench.po.catalog import Catalog, Message

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
VERSION = "2.1"
PLURAL_TYPE = "po:plural"
FUZZY_SUBSTATE = "po:fuzzy"
_LEAVES = frozenset({f"{{{NS}}}{n}" for n in ("source", "target", "note", "data")}
                    | {f"{{{MDA}}}meta"} | {f"{{{GLS}}}{n}" for n in ("term", "translation", "definition")})
SEGMENT_ID = "s1"  # a unit's one segment, named only when a TM match refers to it

# A glossary lookup: source text -> [(term, [renderings], definition)]
GlossaryLookup = Callable[[str], list[tuple[str, list[str], str]]]


def q(name: str, namespace: str = NS) -> str:
    return f"{{{namespace}}}{name}"


def clean(text: str) -> str:
    return XML_ILLEGAL.sub("\ufffd", text)


# -- writing -------------------------------------------------------------------


class _Codes:
    """The ``<originalData>`` of one unit: one ``<data>`` per distinct code text."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def ref(self, text: str) -> str:
        if text not in self.data:
            self.data[text] = f"d{len(self.data) + 1}"
        return self.data[text]


def fill_inline(element: etree._Element, pieces: list[str | inline.Code], ids: list[str], codes: _Codes) -> None:
    last: etree._Element | None = None
    numbers = iter(ids)
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        number = next(numbers)
        if piece.kind == "char":
            last = etree.SubElement(element, q("cp"), hex=piece.codepoint)
        else:
            last = etree.SubElement(element, q("ph"), {
                "id": f"c{number}", "dataRef": codes.ref(piece.text), "disp": piece.text, "equiv": piece.text,
                "subType": f"po:{piece.kind}", "type": "fmt" if piece.kind == "html" else "other"})


BASE_CATEGORY = "workbench-base"  # the metaGroup recording the entry at export (``units.Base``)


def _metadata(parent: etree._Element, message: Message) -> None:
    groups: list[tuple[str, list[tuple[str, str]]]] = [(BASE_CATEGORY, [("base", Base.of(message).encode())])]
    if message.msgctxt is not None:
        groups.append(("po", [("msgctxt", message.msgctxt)]))
    if message.references:
        groups.append(("location", [("reference", r) for r in message.references]))
    flags = [flag for flag in message.flags if flag != "fuzzy"]
    if flags:
        groups.append(("po-flags", [("flag", f) for f in flags]))
    if not groups:
        return
    metadata = etree.SubElement(parent, q("metadata", MDA))
    for category, items in groups:
        group = etree.SubElement(metadata, q("metaGroup", MDA), category=category)
        for kind, value in items:
            etree.SubElement(group, q("meta", MDA), type=kind).text = clean(value)


def _glossary(parent: etree._Element, message: Message, glossary: GlossaryLookup | None) -> None:
    if glossary is None:
        return
    source = message.msgid if message.msgid_plural is None else f"{message.msgid}\n{message.msgid_plural}"
    entries = [entry for entry in glossary(source) if entry[1] or entry[2]]  # the spec wants one or the other
    if not entries:
        return
    element = etree.SubElement(parent, q("glossary", GLS))
    for term, renderings, definition in entries:
        entry = etree.SubElement(element, q("glossEntry", GLS))
        etree.SubElement(entry, q("term", GLS), source="glossary").text = clean(term)
        for rendering in renderings:
            etree.SubElement(entry, q("translation", GLS), source="glossary").text = clean(rendering)
        if definition:
            etree.SubElement(entry, q("definition", GLS)).text = clean(definition)


def _notes(parent: etree._Element, message: Message) -> None:
    notes = []
    if message.extracted_comments:
        notes.append(({"category": "developer"}, "\n".join(message.extracted_comments)))
    if message.translator_comments:
        notes.append(({"category": "translator"}, "\n".join(message.translator_comments)))
    if message.fuzzy and message.previous_msgid is not None:
        notes.append(({"category": "previous-source", "appliesTo": "source"}, message.previous_msgid))
    if notes:
        element = etree.SubElement(parent, q("notes"))
        for attributes, text in notes:
            etree.SubElement(element, q("note"), attributes).text = clean(text)


def _matches(parent: etree._Element, match) -> None:
    """A TM suggestion in the Matches module: ``<mtc:match ref="#s1" matchQuality="87" origin="article"
    type="tm">`` with the match's source and the suggestion made from its target."""
    matches = etree.SubElement(parent, q("matches", MTC))
    element = etree.SubElement(matches, q("match", MTC), {
        "ref": f"#{SEGMENT_ID}", "matchQuality": str(match.score), "origin": clean(match.unit.origin), "type": "tm"})
    source_pieces, target_pieces = inline.split(match.unit.source), inline.split(match.suggestion)
    source_ids, target_ids = inline.number_codes(source_pieces, target_pieces)
    codes = _Codes()
    original = etree.SubElement(element, q("originalData"))
    fill_inline(etree.SubElement(element, q("source")), source_pieces, source_ids, codes)
    fill_inline(etree.SubElement(element, q("target")), target_pieces, target_ids, codes)
    for text, data_id in codes.data.items():
        etree.SubElement(original, q("data"), id=data_id).text = text
    if not codes.data:
        element.remove(original)


def _unit(parent: etree._Element, unit_id: str, source: str, target: str, message: Message,
          name: str | None, annotate: Callable[[etree._Element], None] | None, match=None) -> etree._Element:
    unit = etree.SubElement(parent, q("unit"), {"id": unit_id})
    if name is not None:
        unit.set("name", clean(name))
    if annotate:
        annotate(unit)
    if match is not None:  # a module element: before the unit's <notes>
        notes = child(unit, "notes")
        _matches(unit, match)
        if notes is not None:
            unit.append(notes)
    source_pieces, target_pieces = inline.split(source), inline.split(target)
    source_ids, target_ids = inline.number_codes(source_pieces, target_pieces)
    codes = _Codes()
    original = etree.SubElement(unit, q("originalData"))  # filled (or removed) below
    if not target:
        segment = etree.SubElement(unit, q("segment"), state="initial")
    elif message.fuzzy:
        segment = etree.SubElement(unit, q("segment"), state="initial", subState=FUZZY_SUBSTATE)
    else:
        segment = etree.SubElement(unit, q("segment"), state="translated")
    if match is not None:
        segment.set("id", SEGMENT_ID)
    fill_inline(etree.SubElement(segment, q("source")), source_pieces, source_ids, codes)
    if target:
        fill_inline(etree.SubElement(segment, q("target")), target_pieces, target_ids, codes)
    for text, data_id in codes.data.items():
        etree.SubElement(original, q("data"), id=data_id).text = text
    if not codes.data:
        unit.remove(original)
    return unit


def shell(catalog: Catalog, original: str, source_language: str, target_language: str,
          timestamp: datetime | None = None) -> tuple[etree._Element, etree._Element]:
    """The document for one catalogue without its units: (``<xliff>``, its ``<file>``, which holds them)."""
    root = etree.Element(q("xliff"), {"version": VERSION, "srcLang": to_bcp47(source_language),
                                      "trgLang": to_bcp47(target_language)},
                         nsmap={None: NS, "mda": MDA, "gls": GLS, "mtc": MTC})
    file = etree.SubElement(root, q("file"), {"id": "f1", "original": original})
    file.set(XML_SPACE, "preserve")  # leading/trailing spaces and newlines are content
    if timestamp is not None:  # the core has no date attribute: the Metadata module holds it
        group = etree.SubElement(etree.SubElement(file, q("metadata", MDA)), q("metaGroup", MDA), category="export")
        etree.SubElement(group, q("meta", MDA), type="date").text = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    plural_forms = catalog.header_field("Plural-Forms")
    notes = etree.SubElement(file, q("notes"))
    etree.SubElement(notes, q("note"), category="tool").text = f"workbench {__version__}"
    if plural_forms:
        etree.SubElement(notes, q("note"), category="plural-forms").text = clean(
            plural_forms + " (plural entries are groups, one unit per form, in order)")
    return root, file


def units(file: etree._Element, catalog: Catalog, glossary: GlossaryLookup | None = None,
          suggest: Callable[[Message], object] | None = None) -> Iterator[etree._Element]:
    """One ``<unit>`` (or plural ``<group>``) per entry, each made as the last child of ``file``; ``suggest``
    gives an untranslated or fuzzy entry's TM match (``workbench.tm.suggest``)."""
    for number, message in numbered_entries(catalog):

        def annotate(element: etree._Element, message: Message = message) -> None:
            _metadata(element, message)
            _glossary(element, message, glossary)
            _notes(element, message)

        if not message.plural:
            match = suggest(message) if suggest is not None else None
            yield _unit(file, str(number), message.msgid, message.msgstr, message, message.msgctxt, annotate, match)
            continue
        group = etree.SubElement(file, q("group"), {"id": str(number), "type": PLURAL_TYPE})
        if message.msgctxt is not None:
            group.set("name", clean(message.msgctxt))
        annotate(group)
        for form, target in enumerate(message.msgstr_plural or [""]):
            source = message.msgid if form == 0 else message.msgid_plural or ""
            _unit(group, f"{number}.{form}", source, target, message, message.msgctxt, None)
        yield group


def build(catalog: Catalog, original: str, source_language: str, target_language: str,
          glossary: GlossaryLookup | None = None, timestamp: datetime | None = None,
          suggest: Callable[[Message], object] | None = None) -> etree._Element:
    """The ``<xliff>`` element for one catalogue (the export streams it instead)."""
    root, file = shell(catalog, original, source_language, target_language, timestamp)
    for _ in units(file, catalog, glossary, suggest):
        pass  # each unit is made in place
    return root


def project_glossary(config: Config, language: str, terminology: Terminology | None = None) -> GlossaryLookup | None:
    """The glossary lookup for one target language, if the project has a glossary."""
    terminology = terminology or Terminology.for_project(config)
    if terminology is None:
        return None
    source_language = config.source_language

    def lookup(text: str) -> list[tuple[str, list[str], str]]:
        found, seen = [], set()
        for hit in terminology.find(text, source_language):
            if hit.concept.id in seen:
                continue
            seen.add(hit.concept.id)
            renderings = [t.text for t in hit.concept.approved(language)]
            if not renderings and (hit.concept.dnt or hit.term.dnt):
                renderings = [hit.term.text]
            found.append((hit.term.text, list(dict.fromkeys(renderings)), hit.concept.definition))
        return found

    return lookup


def output_path(output_dir: Path, article: str, language: str) -> Path:
    return output_dir / "xliff2" / language / f"{article}.xlf"


class Writer(CatalogueFileWriter):
    """One XLIFF 2.1 file per catalogue of each article handed to ``add``, streamed unit by unit."""

    leaves = _LEAVES

    def path(self, article: str, language: str) -> Path:
        return output_path(self.output_dir, article, language)

    def open(self, catalog: Catalog, po_file: Path, language: str):
        from workbench.tm.suggest import project_suggestions  # the memory imports the exchange's inline codes

        root, file = shell(catalog, self.config.relative(po_file), self.config.source_language, language,
                           self.timestamp)
        return root, file, units(file, catalog, project_glossary(self.config, language),
                                 project_suggestions(self.config, language, po_file))


def export(config: Config, output_dir: Path, articles: Iterable[ArticleCatalogues] | None = None,
           timestamp: datetime | None = None) -> list[tuple[Path, bool]]:
    """Write one XLIFF 2.1 file per article and language; return (path, written) for each."""
    articles = articles if articles is not None else iter_articles(config)
    return run_writers([Writer(config, output_dir, timestamp)], articles)


# -- reading -------------------------------------------------------------------


def inline_text(element: etree._Element, data: dict[str, str]) -> str:
    """The exact text of a ``<source>``/``<target>``, codes turned back into their original text."""
    parts = [element.text or ""]
    for node in element:
        name = local(node.tag)
        if name == "cp":
            try:
                parts.append(chr(int(node.get("hex") or "", 16)))
            except ValueError:
                raise UnitProblem(f"<cp hex={node.get('hex')!r}> is not a code point") from None
        elif name in ("ph", "sc", "ec"):
            parts.append(_code_text(node, node.get("dataRef"), data, ("equiv",)))
        elif name == "pc":
            parts.append(_code_text(node, node.get("dataRefStart"), data, ("equivStart",)))
            parts.append(inline_text(node, data))
            parts.append(_code_text(node, node.get("dataRefEnd"), data, ("equivEnd",)))
        elif name == "mrk":
            parts.append(inline_text(node, data))  # annotations (terms, comments) are transparent
        elif name in ("sm", "em"):
            pass
        elif name:
            raise UnitProblem(f"unexpected element <{name}> inside <{local(element.tag)}>")
        parts.append(node.tail or "")
    return "".join(parts)


def _code_text(node: etree._Element, ref: str | None, data: dict[str, str], equiv: tuple[str, ...]) -> str:
    if ref is not None:
        if ref not in data:
            raise UnitProblem(f"<{local(node.tag)}> refers to missing original data {ref!r}")
        return data[ref]
    for attribute in equiv:
        if node.get(attribute) is not None:
            return node.get(attribute)
    raise UnitProblem(f"inline code <{local(node.tag)} id={node.get('id')!r}> has no original data")


def _original_data(unit: etree._Element) -> dict[str, str]:
    original = child(unit, "originalData")
    if original is None:
        return {}
    return {data.get("id"): inline_text(data, {}) for data in children(original, "data")}


_STATES = {"translated": "translated", "reviewed": "translated", "final": "translated"}


def _read_unit(unit: etree._Element) -> tuple[str, str | None, str]:
    """Source, target (None if no segment has one) and state of a unit, its segments joined in order."""
    data = _original_data(unit)
    sources, targets, states = [], [], []
    any_target = False
    for part in unit:
        name = local(part.tag)
        if name not in ("segment", "ignorable"):
            continue
        source, target = child(part, "source"), child(part, "target")
        if source is None:
            raise UnitProblem(f"<{name}> without <source>")
        source_text = inline_text(source, data)
        sources.append(source_text)
        if target is not None:
            any_target = True
            targets.append(inline_text(target, data))
        else:
            # an ignorable without target stands for itself; a segment without one is untranslated
            targets.append(source_text if name == "ignorable" else "")
        if name == "segment":
            state = part.get("state", "initial")
            states.append(_STATES.get(state, "fuzzy" if target is not None else "new"))
    if not sources:
        raise UnitProblem("unit without <segment>")
    state = "new" if not states else "translated" if all(s == "translated" for s in states) else \
        "fuzzy" if any_target else "new"
    return "".join(sources), "".join(targets) if any_target else None, state


def _base(element: etree._Element) -> Base | None:
    metadata = child(element, "metadata")
    for group in children(metadata, "metaGroup") if metadata is not None else ():
        if group.get("category") == BASE_CATEGORY:
            meta = child(group, "meta")
            return Base.decode(meta.text if meta is not None else None)
    return None


def _new_unit(element: etree._Element, plural: bool) -> Unit:
    return Unit(id=element.get("id") or "?", msgctxt=element.get("name"), plural=plural, line=element.sourceline,
                base=_base(element))


def read(tree: etree._ElementTree, path: Path) -> list[FileUnits]:
    root = tree.getroot()
    files = []
    for file in children(root, "file"):
        result = FileUnits(original=file.get("original"), source_language=root.get("srcLang"),
                           target_language=root.get("trgLang"), line=file.sourceline)
        _read_container(file, result)
        files.append(result)
    if not files:
        raise WorkbenchError("no <file> element: not an XLIFF 2 document", path)
    return files


def _read_container(container: etree._Element, result: FileUnits) -> None:
    for element in container:
        name = local(element.tag)
        if name == "group" and element.get("type") == PLURAL_TYPE:
            unit = _new_unit(element, plural=True)
            try:
                for member in children(element, "unit"):
                    source, target, state = _read_unit(member)
                    unit.sources.append(source)
                    unit.targets.append(target)
                    unit.states.append(state)
            except UnitProblem as problem:
                unit.problem = str(problem)
            result.units.append(unit)
        elif name == "group":
            _read_container(element, result)
        elif name == "unit":
            unit = _new_unit(element, plural=False)
            try:
                source, target, state = _read_unit(element)
                unit.sources, unit.targets, unit.states = [source], [target], [state]
            except UnitProblem as problem:
                unit.problem = str(problem)
            result.units.append(unit)



"""TBX: read TBX v3 (ISO 30042:2019, DCA or DCT style) and TBX v2 (``martif``); write TBX v3 TBX-Basic DCA.

Reading is safe against hostile XML (``workbench.safexml``): a DOCTYPE with an
internal subset (the only place entities can be declared, so billion laughs and
XXE) or one pointing at a URL is refused before any parser sees it, and lxml
parses with entity resolution, DTD loading and network access off. A DOCTYPE
naming a local DTD file (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``,
usual in v2 exports) is accepted and never loaded.

TBX-Basic has no data category for case sensitivity or do-not-translate. We
write them as term-level notes whose whole text is ``case-sensitive`` or
``do-not-translate`` (readable in any TBX tool, valid TBX-Basic), and read
those notes back, plus the ``caseSensitivity``/``doNotTranslate`` termNotes
some tools write, as the flags. Other notes at term level are the usage note.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from workbench import safexml
from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write, read_bytes
from workbench.glossary.model import (
    CONCEPT_EXTRA, LANG_INFO, PARTS_OF_SPEECH, TERM_EXTRA, Concept, Term, Termbase, is_xml_id,
    normalize_pos, normalize_status, normalize_term_type, tbx_status,
)
from workbench.langs import to_bcp47, validate_language

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE, DNT_NOTE = "case-sensitive", "do-not-translate"

# Which TBX element carries a data category, for writing back what we read.
_KIND = {
    "subjectField": "descrip", "definition": "descrip", "context": "descrip",
    "source": "admin", "customerSubset": "admin", "projectSubset": "admin",
    "grammaticalGender": "termNote", "geographicalUsage": "termNote", "termLocation": "termNote",
}
_STATUS_CATEGORIES = {"administrativestatus", "normativeauthorization", "usagestatus"}
_CASE_CATEGORIES = {"casesensitive", "casesensitivity", "case"}
_DNT_CATEGORIES = {"donottranslate", "dnt", "untranslatable", "translatable", "translate"}
_USAGE_CATEGORIES = {"usagenote", "usage"}
_TRUE = {"yes", "true", "1", "y", "sensitive", "casesensitive", "dnt", "donottranslate", "on"}


# -- reading -----------------------------------------------------------------

def read_tbx(path: str | Path) -> Termbase:
    path = Path(path)
    return parse_tbx(read_bytes(path), str(path))


def parse_tbx(data: bytes, path: str | None = None) -> Termbase:
    return _Reader(path).read(safexml.parse(data, path, "TBX"))


def _local(el) -> str:
    # the tag's text, not etree.QName(el): 376,000 calls on a 5,000-term file, and QName costs four times as much
    return _tag_parts(el.tag)[1]


def _namespace(el) -> str | None:
    return _tag_parts(el.tag)[0]


@lru_cache(maxsize=1024)  # a file has a few dozen tags
def _tag_parts(tag: str) -> tuple[str | None, str]:
    """(namespace or None, local name) of an element's tag."""
    namespace, brace, local = tag.rpartition("}")
    return (namespace[1:] if brace else None), local


def _children(el):
    return [child for child in el if isinstance(child.tag, str)]


def _text(el) -> str:
    if not len(el):  # no child, no tail inside: its text is all (most elements of a termbase)
        return el.text or ""
    return "".join(el.itertext())


@lru_cache(maxsize=1024)  # a file repeats a few dozen names and values ("partOfSpeech", "noun") thousands of times
def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.lower()).removeprefix("x")  # "x-caseSensitive" -> "casesensitive"


class _Reader:
    def __init__(self, path: str | None):
        self.path = path
        self.warnings: list[str] = []
        self.flattened = 0
        self.languages: dict[str, str] = {}  # xml:lang -> its gettext code

    def fail(self, message: str, el) -> None:
        raise WorkbenchError(message, self.path, el.sourceline)

    def warn(self, message: str, el) -> None:
        self.warnings.append(f"{self.path or '<tbx>'}:{el.sourceline}: {message}")

    def language(self, el, required: bool = True) -> str | None:
        tag = el.get(XML_LANG)
        if not tag:
            if required:
                self.fail(f"<{_local(el)}> has no xml:lang", el)
            return None
        found = self.languages.get(tag)
        if found is None:  # (a termbase names a few languages, once in every concept)
            found = self.languages[tag] = validate_language(tag, self.path, el.sourceline)
        return found

    def value(self, el) -> str:
        if len(el) and any(isinstance(child.tag, str) for child in el.iter() if child is not el):
            self.flattened += 1  # inline markup (<hi>, <foreign>, <sc/>...) is kept as its text only
        return _text(el).strip()

    def read(self, root) -> Termbase:
        name = _local(root)
        if name not in ("tbx", "martif"):
            self.fail(f"not a TBX file: the root element is <{name}>, not <tbx> (v3) or <martif> (v2)", root)
        termbase = Termbase(source_language=self.language(root, required=False) or "en")
        # (lxml picks the elements by local name, in any namespace or none, in document order: no Python step for
        # each of the file's elements)
        for el in root.iter("{*}title", "{*}p"):
            local = _local(el)
            if local == "title" and not termbase.title:
                termbase.title = _text(el).strip()
            elif local == "p" and el.getparent() is not None and _local(el.getparent()) == "sourceDesc":
                termbase.description = "\n".join(filter(None, [termbase.description, _text(el).strip()]))
        entries = list(root.iter("{*}conceptEntry", "{*}termEntry"))
        for number, entry in enumerate(entries, 1):
            termbase.concepts.append(self.concept(entry, number))
        if self.flattened:
            self.warnings.append(f"{self.path or '<tbx>'}: inline markup in {self.flattened} element(s) kept as plain text")
        termbase.warnings = self.warnings
        termbase.paths = [self.path] if self.path else []
        return termbase

    def category(self, el) -> tuple[str, object] | None:
        """(data category name, element holding the value) of a data-category element, or None."""
        local = _local(el)
        namespace = _namespace(el)
        if local.endswith("Grp") and local != "transacGrp":
            inner = _children(el)
            if inner and self.category(inner[0]):
                if len(inner) > 1:
                    self.warn(f"<{local}>: only its first element ({_local(inner[0])}) is kept", el)
                return self.category(inner[0])
            return None
        if local in ("termNote", "descrip", "admin") and el.get("type"):
            return el.get("type"), el
        if local == "note":
            return "note", el
        if namespace not in (None, TBX_NS):  # DCT style: <min:administrativeStatus>...
            return local, el
        return None

    def raw(self, el) -> str:
        fragment = copy.deepcopy(el)
        fragment.tail = None
        for node in fragment.iter():
            if isinstance(node.tag, str) and etree.QName(node).namespace is None:
                node.tag = f"{{{TBX_NS}}}{etree.QName(node).localname}"  # v2 -> v3 names
        etree.cleanup_namespaces(fragment)
        return etree.tostring(fragment, encoding="unicode", with_tail=False)

    def concept(self, entry, number: int) -> Concept:
        concept_id = entry.get("id") or f"c{number}"
        if not is_xml_id(concept_id):
            fixed = "c" + re.sub(r"[^\w.\-]", "_", concept_id)
            self.warn(f"concept id {concept_id!r} is not a valid XML id; read as {fixed!r}", entry)
            concept_id = fixed
        concept = Concept(id=concept_id, path=self.path, line=entry.sourceline)
        for child in _children(entry):
            local = _local(child)
            if local in ("langSec", "langSet"):
                self.lang_section(concept, child)
                continue
            found = self.category(child)
            name = found[0] if found else None
            if name == "subjectField":
                concept.subject = _join(concept.subject, self.value(found[1]))
            elif name == "definition":
                concept.definition = _join(concept.definition, self.value(found[1]))
            elif name == "note":
                concept.note = _join(concept.note, self.value(found[1]))
            elif name in CONCEPT_EXTRA:
                concept.extra[name] = _join(concept.extra.get(name, ""), self.value(found[1]))
            else:
                concept.raw.append(self.raw(child))
        return concept

    def lang_section(self, concept: Concept, section) -> None:
        language = self.language(section)
        terms = concept.terms.setdefault(language, [])
        for child in _children(section):
            local = _local(child)
            if local in ("termSec", "tig", "ntig"):
                terms.append(self.term(child))
                continue
            found = self.category(child)
            if found and found[0] in LANG_INFO:
                info = concept.lang_info.setdefault(language, {})
                info[found[0]] = _join(info.get(found[0], ""), self.value(found[1]))
            else:
                concept.lang_raw.setdefault(language, []).append(self.raw(child))

    def term(self, section) -> Term:
        parts = _children(section)
        if _local(section) == "ntig":  # v2: <ntig><termGrp><term/><termNote/>...</termGrp>...</ntig>
            flat = []
            for child in parts:
                flat.extend(_children(child) if _local(child) == "termGrp" else [child])
            parts = flat
        term_el = next((p for p in parts if _local(p) == "term"), None)
        if term_el is None:
            self.fail(f"<{_local(section)}> has no <term>", section)
        term = Term(text=_text(term_el), path=self.path, line=term_el.sourceline)
        notes = []
        for child in parts:
            if child is term_el:
                continue
            found = self.category(child)
            if not found:
                term.raw.append(self.raw(child))
                continue
            name, holder = found
            value = self.value(holder)
            squashed = _squash(name)
            if squashed in _STATUS_CATEGORIES:
                status = normalize_status(value)
                if status is None:
                    self.fail(f"unknown administrative status {value!r}", child)
                term.status = status
            elif name == "partOfSpeech":
                term.pos = normalize_pos(value)
                term.proper = _squash(value) == "propernoun"
                if term.pos not in PARTS_OF_SPEECH:
                    self.warn(f"part of speech {value!r} is not in TBX-Basic's list", child)
            elif name == "termType":
                term.type = normalize_term_type(value)
            elif squashed in _CASE_CATEGORIES:
                term.case_sensitive = _squash(value) in _TRUE
            elif squashed in _DNT_CATEGORIES:
                truthy = _squash(value) in _TRUE
                term.dnt = not truthy if squashed in ("translatable", "translate") else truthy
            elif squashed in _USAGE_CATEGORIES or name == "note":
                flag = _squash(value).removesuffix(".")
                if flag == "casesensitive":
                    term.case_sensitive = True
                elif flag in ("donottranslate", "dnt"):
                    term.dnt = True
                elif value:
                    notes.append(value)
            elif name in TERM_EXTRA:
                term.extra[name] = _join(term.extra.get(name, ""), value)
            else:
                term.raw.append(self.raw(child))
        term.note = "\n".join(notes)
        return term


def _join(old: str, new: str) -> str:
    return f"{old}\n{new}" if old and new else old or new


# -- writing -----------------------------------------------------------------

def _el(parent, name: str, text: str | None = None, **attributes):
    el = etree.SubElement(parent, f"{{{TBX_NS}}}{name}")
    for key, value in attributes.items():
        el.set(XML_LANG if key == "lang" else key, value)
    if text is not None:
        el.text = text
    return el


def _append_raw(parent, fragments: list[str]) -> None:
    for fragment in fragments:
        parent.append(etree.fromstring(fragment.encode("utf-8"), safexml.parser()))


def write_tbx(termbase: Termbase) -> str:
    """The termbase as TBX v3 TBX-Basic DCA (valid against the TBX core schema), deterministic text."""
    seen: set[str] = set()
    for concept in termbase.concepts:
        if not is_xml_id(concept.id):
            raise WorkbenchError(f"concept id {concept.id!r} is not a valid XML id (a letter first, no spaces)",
                                 concept.path, concept.line)
        if concept.id in seen:
            raise WorkbenchError(f"concept id {concept.id!r} used twice", concept.path, concept.line)
        seen.add(concept.id)
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, to_bcp47(termbase.source_language))
    file_desc = _el(_el(root, "tbxHeader"), "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", termbase.title or "Glossary")
    source_desc = _el(file_desc, "sourceDesc")
    for paragraph in (termbase.description or "Written by workbench").split("\n"):
        _el(source_desc, "p", paragraph)
    text = _el(root, "text")
    if termbase.concepts:  # the core schema wants a <body> to hold at least one concept
        body = _el(text, "body")
        for concept in termbase.concepts:
            _write_concept(body, concept)
    etree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def _write_concept(body, concept: Concept) -> None:
    entry = _el(body, "conceptEntry", id=concept.id)
    for line in filter(None, concept.subject.split("\n")):
        _el(entry, "descrip", line, type="subjectField")
    if concept.definition:
        _el(entry, "descrip", concept.definition, type="definition")
    for name, value in concept.extra.items():
        _el(entry, _KIND.get(name, "admin"), value, type=name)
    if concept.note:
        _el(entry, "note", concept.note)
    _append_raw(entry, concept.raw)
    for language, terms in concept.terms.items():
        if not terms:
            continue  # the core schema wants a termSec in every langSec
        section = _el(entry, "langSec", lang=to_bcp47(language))
        for name, value in concept.lang_info.get(language, {}).items():
            _el(section, "note" if name == "note" else _KIND.get(name, "descrip"), value,
                **({} if name == "note" else {"type": name}))
        _append_raw(section, concept.lang_raw.get(language, []))
        for term in terms:
            _write_term(section, term)


def _write_term(section, term: Term) -> None:
    term_sec = _el(section, "termSec")
    _el(term_sec, "term", term.text)
    _el(term_sec, "termNote", tbx_status(term.status), type="administrativeStatus")
    if term.pos:
        _el(term_sec, "termNote", "properNoun" if term.proper and term.pos == "noun" else term.pos,
            type="partOfSpeech")
    if term.type:
        _el(term_sec, "termNote", term.type, type="termType")
    for name, value in term.extra.items():
        if _KIND.get(name) == "termNote":
            _el(term_sec, "termNote", value, type=name)
    # the core schema orders termNotes before auxiliary information
    raw_notes = [r for r in term.raw if re.match(r"<(\w+:)?termNote(Grp)?[\s>]", r)]
    _append_raw(term_sec, raw_notes)
    for name, value in term.extra.items():
        if _KIND.get(name) != "termNote":
            _el(term_sec, _KIND.get(name, "admin"), value, type=name)
    if term.case_sensitive:
        _el(term_sec, "note", CASE_NOTE)
    if term.dnt:
        _el(term_sec, "note", DNT_NOTE)
    if term.note:
        _el(term_sec, "note", term.note)
    _append_raw(term_sec, [r for r in term.raw if r not in raw_notes])


def save_tbx(termbase: Termbase, path: str | Path) -> bool:
    return atomic_write(path, write_tbx(termbase))

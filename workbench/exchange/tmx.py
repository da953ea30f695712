"""TMX 1.4b: the whole project as one translation memory, and its reader for ``workbench import tmx``.

One ``<tu tuid="<article>:<n>">`` per entry of each article's template (``n``
counts the template's active entries from 1), with a ``<tuv>`` for the source
and one for each language whose catalogue has a finished translation. Fuzzy
translations are left out: a TM is reused without review, and a fuzzy entry
is by definition unreviewed. Plural entries give two units: ``<article>:<n>``
(msgid / msgstr[0]) and ``<article>:<n>:plural`` (msgid_plural / msgstr[1],
for languages that have a second form).

Deterministic: no wall-clock time. A target ``<tuv>`` carries ``changedate``
only when its catalogue's PO-Revision-Date is a real date. Segments are plain
text (``datatype="plaintext"``); the only inline element written is
``<ph type="x-char-XXXX"/>`` for a character XML cannot carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from workbench import __version__
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange.common import (
    XML_ILLEGAL, XML_LANG, ArticleCatalogues, XmlStream, child, children, iter_articles, local, numbered_entries, parse_xml,
    po_date, run_writers, same_language,
)
from workbench.langs import primary, to_bcp47
from workbench.po.catalog import Message

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
CHAR_TYPE = "x-char-"
_LEAVES = frozenset({"seg", "note", "prop"})


# -- writing -------------------------------------------------------------------


def fill_segment(seg: etree._Element, text: str) -> None:
    """Plain text, except characters XML 1.0 cannot hold, which become empty ``<ph>`` codes."""
    position, last = 0, None
    for match in XML_ILLEGAL.finditer(text):
        _append(seg, last, text[position:match.start()])
        last = etree.SubElement(seg, "ph", type=f"{CHAR_TYPE}{ord(match.group()):04X}")
        position = match.end()
    _append(seg, last, text[position:])


def _append(seg: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        seg.text = (seg.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _clean(text: str) -> str:
    return XML_ILLEGAL.sub("\ufffd", text)


def tmx_date(value: str | None) -> str | None:
    moment = po_date(value)
    return moment.strftime("%Y%m%dT%H%M%SZ") if moment else None


def _reviewed(index: dict, entry: Message) -> Message | None:
    """The catalogue's entry for a template entry, unless it is fuzzy (each form is used if not empty)."""
    message = index.get(entry.key)
    if message is None or message.fuzzy or message.plural != entry.plural:
        return None
    return message


def _tu(body: etree._Element, tuid: str, source: str, entry: Message, source_tag: str,
        targets: list[tuple[str, str, str | None, Message]]) -> etree._Element:
    tu = etree.SubElement(body, "tu", tuid=tuid)
    if entry.msgctxt is not None:
        etree.SubElement(tu, "prop", type="x-context").text = _clean(entry.msgctxt)
    for comment in entry.extracted_comments:
        etree.SubElement(tu, "note").text = _clean(comment)
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: source_tag})
    fill_segment(etree.SubElement(tuv, "seg"), source)
    for tag, text, changed, message in targets:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: tag})
        if changed:
            tuv.set("changedate", changed)
        if message.translator_comments:
            etree.SubElement(tuv, "note").text = _clean("\n".join(message.translator_comments))
        fill_segment(etree.SubElement(tuv, "seg"), text)
    return tu


def shell(config: Config, timestamp: datetime | None = None) -> tuple[etree._Element, etree._Element]:
    """The document without its units: (``<tmx>``, its ``<body>``)."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", {
        "creationtool": "workbench", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "PO", "adminlang": "en", "srclang": to_bcp47(config.source_language), "datatype": "plaintext"})
    if timestamp is not None:
        header.set("creationdate", timestamp.strftime("%Y%m%dT%H%M%SZ"))
    return root, etree.SubElement(root, "body")


def units(body: etree._Element, article: ArticleCatalogues, source_tag: str) -> Iterator[etree._Element]:
    """The article's ``<tu>``s, each made as the last child of ``body``."""
    languages = sorted(article.catalogues)
    dates = {lang: tmx_date(article.catalogues[lang][1].header_field("PO-Revision-Date")) for lang in languages}
    indexes = {lang: article.catalogues[lang][1].index() for lang in languages}
    for number, entry in numbered_entries(article.template):
        done = []
        for lang in languages:
            message = _reviewed(indexes[lang], entry)
            if message is not None:
                done.append((lang, message))
        forms = [(f"{article.name}:{number}", entry.msgid, 0)]
        if entry.plural:
            forms.append((f"{article.name}:{number}:plural", entry.msgid_plural or "", 1))
        for tuid, source, form in forms:
            targets = [(to_bcp47(lang), message.translations[form], dates[lang], message)
                       for lang, message in done if form < len(message.translations) and message.translations[form]]
            yield _tu(body, tuid, source, entry, source_tag, targets)


def build(config: Config, articles: Iterable[ArticleCatalogues], timestamp: datetime | None = None) -> etree._Element:
    """The whole ``<tmx>`` tree (the export streams it instead)."""
    root, body = shell(config, timestamp)
    for article in articles:
        for _ in units(body, article, to_bcp47(config.source_language)):
            pass  # each unit is made in place
    return root


def output_path(config: Config, output_dir: Path) -> Path:
    return output_dir / f"{config.project_name}.tmx"


class Writer:
    """The project's one TMX file, written article by article as they are read."""

    def __init__(self, config: Config, output_dir: Path, timestamp: datetime | None = None):
        self.source_tag = to_bcp47(config.source_language)
        root, self.body = shell(config, timestamp)
        self.stream = XmlStream(output_path(config, output_dir), root, self.body, _LEAVES, DOCTYPE)

    def add(self, article: ArticleCatalogues) -> None:
        for unit in units(self.body, article, self.source_tag):
            self.stream.add(unit)

    def finish(self) -> list[tuple[Path, bool]]:
        return [(self.stream.path, self.stream.close())]

    def abort(self) -> None:
        self.stream.discard()


def export(config: Config, output_dir: Path, articles: Iterable[ArticleCatalogues] | None = None,
           timestamp: datetime | None = None) -> list[tuple[Path, bool]]:
    """Write the project's one TMX file; return [(path, written)]."""
    articles = articles if articles is not None else iter_articles(config)
    return run_writers([Writer(config, output_dir, timestamp)], articles)


# -- reading -------------------------------------------------------------------


@dataclass
class Memory:
    """A TMX's units as source text -> [(context, {language tag: text})], and what could not be read."""

    source_language: str
    languages: list[str] = field(default_factory=list)
    units: dict[str, list[tuple[str | None, dict[str, str]]]] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (tuid or line, reason)

    def lookup(self, source: str, context: str | None, tags: list[str]) -> str | None:
        """The translation of ``source`` in the first of ``tags`` that has one.

        A unit with another context is another meaning ("Open" the verb is not
        "Open" the menu): only units of the same context, or of none, qualify,
        the same context first.
        """
        candidates = self.units.get(source, [])
        ordered = [c for c in candidates if c[0] == context] + [c for c in candidates if c[0] is None and context]
        for tag in tags:
            for _, translations in ordered:
                if translations.get(tag):
                    return translations[tag]
        return None


def segment_text(element: etree._Element) -> str:
    """A ``<seg>``'s text: inline codes give their native text, our ``x-char`` codes their character."""
    parts = [element.text or ""]
    for node in element:
        name = local(node.tag)
        kind = node.get("type") or ""
        if name == "ph" and kind.startswith(CHAR_TYPE):
            try:
                parts.append(chr(int(kind[len(CHAR_TYPE):], 16)))
            except ValueError:
                raise WorkbenchError(f"bad <ph type={kind!r}>", None, node.sourceline) from None
        elif name == "hi":
            parts.append(segment_text(node))
        elif name:
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    return "".join(parts)


def _tuv_language(tuv: etree._Element) -> str | None:
    return tuv.get(XML_LANG) or tuv.get("lang")


def read(path: str | Path) -> Memory:
    path = Path(path)
    root = parse_xml(path).getroot()
    if local(root.tag) != "tmx":
        raise WorkbenchError(f"not a TMX document (root element <{local(root.tag)}>)", path)
    header, body = child(root, "header"), child(root, "body")
    if header is None or body is None or not header.get("srclang"):
        raise WorkbenchError("not a TMX document: <header srclang> and <body> are required", path)
    memory = Memory(source_language=header.get("srclang"))
    for tu in children(body, "tu"):
        tuid = tu.get("tuid") or f"line {tu.sourceline}"
        if any(prop.get("type") == "x-fuzzy" for prop in children(tu, "prop")):
            continue  # a fuzzy translation is no translation memory
        source_language = tu.get("srclang") or memory.source_language
        context = next((p.text or "" for p in children(tu, "prop") if p.get("type") == "x-context"), None)
        source, translations = None, {}
        for tuv in children(tu, "tuv"):
            language, seg = _tuv_language(tuv), child(tuv, "seg")
            if not language or seg is None:
                memory.problems.append((tuid, "a <tuv> without xml:lang or <seg>"))
                continue
            try:
                text = segment_text(seg)
            except WorkbenchError as exc:
                memory.problems.append((tuid, exc.message))
                continue
            is_source = source is None and (source_language == "*all*" or same_language(language, source_language)
                                             or primary(language) == primary(source_language))
            if is_source:
                source = text
            else:
                translations[language] = text
                if language not in memory.languages:
                    memory.languages.append(language)
        if source is None:
            memory.problems.append((tuid, f"no <tuv> in the source language {source_language!r}"))
            continue
        memory.units.setdefault(source, []).append((context, translations))
    return memory

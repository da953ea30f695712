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

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from lxml import etree

from workbench import __version__, safexml
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.exchange.common import (
    XML_ILLEGAL, XML_LANG, ArticleCatalogues, XmlStream, child, children, iter_articles, local, numbered_entries,
    po_date, run_writers,
)
from workbench.langs import primary, to_bcp47, to_gettext, validate_language
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
        self.stream = XmlStream(output_path(config, output_dir), root, self.body, _LEAVES, DOCTYPE, durable=False)

    def add(self, article: ArticleCatalogues) -> None:
        for unit in units(self.body, article, self.source_tag):
            self.stream.add(unit)

    def part(self, article: ArticleCatalogues) -> list[bytes]:
        """The article's units as ``add`` would write them (made in a forked worker, written by ``merge``)."""
        return [self.stream.serialise(unit) for unit in units(self.body, article, self.source_tag)]

    def merge(self, part: list[bytes]) -> None:
        self.stream.add_serialised(part)

    def flush(self) -> None:
        self.stream.flush()

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


def segment_text(element: etree._Element, path: Path | None = None) -> str:
    """A ``<seg>``'s text: inline codes give their native text, our ``x-char`` codes their character (a Unicode
    scalar value: a surrogate or a code point past U+10FFFF is no character, and no file could store it)."""
    parts = [element.text or ""]
    for node in element:
        name = local(node.tag)
        kind = node.get("type") or ""
        if name == "ph" and kind.startswith(CHAR_TYPE):
            try:
                value = int(kind[len(CHAR_TYPE):], 16)
                if 0xD800 <= value <= 0xDFFF:
                    raise ValueError
                parts.append(chr(value))
            except (ValueError, OverflowError):
                raise WorkbenchError(f"bad <ph type={kind!r}>: not a character", path, node.sourceline) from None
        elif name == "hi":
            parts.append(segment_text(node, path))
        elif name:
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    return "".join(parts)


# -- translation memories: every unit of a TMX file, streamed -------------------------------

_TMX_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")


@dataclass
class TranslationUnit:
    """One ``<tu>`` as the translation memory keeps it: the source and each translation (gettext codes).

    Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are kept as their native text
    (``<bpt i="1">&lt;b&gt;</bpt>`` gives ``<b>``), ``<hi>`` as its text: the memory compares the
    text a translator sees, with the codes in it, as workbench's catalogues hold them.
    """

    line: int
    source_language: str
    source: str
    context: str | None = None  # <prop type="x-context">
    origin: str | None = None  # <prop type="x-origin">: the article a workbench export took it from
    targets: list[tuple[str, str, str | None, int]] = field(default_factory=list)  # (language, text, date, line)


def iso_date(value: str, path: Path, line: int) -> str:
    """A TMX date (``20230829T101500Z``) as ISO 8601 (``2023-08-29T10:15:00Z``); WorkbenchError if it is none."""
    match = _TMX_DATE.match(value.strip())
    try:
        moment = datetime(*map(int, match.groups())) if match else None
    except ValueError:
        moment = None
    if moment is None:
        raise WorkbenchError(f"invalid date {value!r} (TMX dates are YYYYMMDDThhmmssZ)", path, line)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _language(tag: str | None, path: Path, line: int) -> str:
    if not tag or not tag.strip():
        raise WorkbenchError("a <tuv> without xml:lang (TMX 1.4) or lang (TMX 1.1)", path, line)
    return validate_language(to_gettext(tag), str(path), line)


# why a unit holding its source alone is left out (the project's own TMX has one for each entry nobody translated)
SOURCE_ONLY = "a <tu> with no translation (only its source <tuv>)"


class _Counted:
    """A file as the parser reads it, telling ``progress`` how many bytes each read took (a bar over the
    file's size: a TMX's units are not known before it is read)."""

    def __init__(self, handle: BinaryIO, progress: Callable[[int], None]):
        self.handle, self.progress = handle, progress

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.progress(len(data))
        return data


def read_units(path: str | Path, source_language: str, skipped: list[tuple[int, str]] | None = None,
               progress: Callable[[int], None] | None = None) -> Iterator[TranslationUnit]:
    """Every translation unit of a TMX 1.4b (or 1.1) file, streamed: a file of any size is read unit by unit.

    ``source_language`` is the project's (gettext code): a memory from another source language is
    refused, and in a ``srclang="*all*"`` memory it picks each unit's source. Bad input is a
    WorkbenchError naming the file and line: not TMX, entities or DTDs (``workbench.safexml``), an
    unknown or missing language, an invalid date, a unit without its source. A unit a TMX may
    legally hold but that translates nothing (one ``<tuv>``, an empty ``<seg>``, a fuzzy one) is
    left out and listed in ``skipped`` as (line, reason). ``progress(n)`` as n more bytes are read.
    """
    path = Path(path)
    skipped = skipped if skipped is not None else []
    if path.exists() and not path.is_dir() and not path.is_file():  # opening a FIFO waits for a writer, forever
        raise WorkbenchError("not a regular file (a FIFO or a device)", path)
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except FileNotFoundError:
        raise WorkbenchError("no such file", path) from None
    except IsADirectoryError:
        raise WorkbenchError("is a folder, not a file", path) from None
    safexml.check_prolog(head, path)
    with path.open("rb") as handle:
        yield from _units(path, _Counted(handle, progress) if progress else handle, source_language, skipped)


def _units(path: Path, handle, source_language: str, skipped: list[tuple[int, str]]) -> Iterator[TranslationUnit]:
    events = etree.iterparse(handle, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    header_language = None
    depth = 0
    try:
        for event, element in events:
            name = local(element.tag)
            if event == "start":
                depth += 1
                if depth == 1:
                    safexml.check_doctype(element, path)
                if depth == 1 and name != "tmx":
                    raise WorkbenchError(f"not a TMX document (root element <{name}>)", path, element.sourceline)
                if depth == 2 and name == "header":
                    header_language = _source_language(element.get("srclang"), source_language, path,
                                                       element.sourceline)
                elif depth == 2 and name == "body" and header_language is None:
                    raise WorkbenchError("not a TMX document: <header srclang> must come before <body>", path,
                                         element.sourceline)
                continue
            depth -= 1
            if depth == 2 and name == "tu":
                safexml.check_entities(element, path)
                unit = _translation_unit(element, header_language, source_language, path, skipped)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if unit is not None:
                    yield unit
    except etree.XMLSyntaxError as exc:
        # iterparse's own message can be a consequence ("no element found"); the log's last error (it may
        # still hold earlier parses' errors) is the cause
        first = next((e for e in reversed(exc.error_log) if e.level >= etree.ErrorLevels.ERROR), None)
        message, line = (first.message, first.line) if first is not None else (exc.msg, exc.lineno)
        raise WorkbenchError(f"malformed TMX: {message}", path, line or None) from None
    if header_language is None:
        raise WorkbenchError("not a TMX document: <header srclang> and <body> are required", path)


def _source_language(value: str | None, project: str, path: Path, line: int) -> str:
    if not value or not value.strip():
        raise WorkbenchError("<header> without srclang", path, line)
    if value.strip() == "*all*":
        return "*all*"
    language = validate_language(to_gettext(value), str(path), line)
    if primary(language) != primary(project):
        raise WorkbenchError(f"this memory translates from {value} (srclang); the project's source language is "
                             f"{to_bcp47(project)}", path, line)
    return language


def _translation_unit(tu: etree._Element, header_language: str, project: str, path: Path,
                      skipped: list[tuple[int, str]]) -> TranslationUnit | None:
    line = tu.sourceline
    props = {prop.get("type"): prop.text or "" for prop in children(tu, "prop")}
    if "x-fuzzy" in props:
        skipped.append((line, "a fuzzy unit (<prop type=\"x-fuzzy\">) is no translation memory"))
        return None
    wanted = _source_language(tu.get("srclang"), project, path, line) if tu.get("srclang") else header_language
    unit_date = None
    for attribute in ("changedate", "creationdate"):
        if tu.get(attribute):
            unit_date = unit_date or iso_date(tu.get(attribute), path, line)
    source, targets = None, []
    for tuv in children(tu, "tuv"):
        language = _language(tuv.get(XML_LANG) or tuv.get("lang"), path, tuv.sourceline)
        seg = child(tuv, "seg")
        if seg is None:
            raise WorkbenchError("a <tuv> without <seg>", path, tuv.sourceline)
        text = segment_text(seg, path)
        tuv_date = None
        for attribute in ("changedate", "creationdate"):
            if tuv.get(attribute):
                tuv_date = tuv_date or iso_date(tuv.get(attribute), path, tuv.sourceline)
        is_source = source is None and (primary(language) == primary(project) if wanted == "*all*"
                                        else language == wanted or primary(language) == primary(wanted))
        if is_source:
            source = (language, text)
        elif text.strip():
            targets.append((language, text, tuv_date or unit_date, tuv.sourceline))
        else:
            skipped.append((tuv.sourceline, f"an empty <seg> in {to_bcp47(language)}"))
    if source is None:
        if wanted == "*all*":
            skipped.append((line, f"no <tuv> in the project's source language {to_bcp47(project)}"))
            return None
        raise WorkbenchError(f"a <tu> without a <tuv> in its source language {to_bcp47(wanted)}", path, line)
    if not source[1].strip():
        skipped.append((line, "an empty source <seg>"))
        return None
    if not targets:
        skipped.append((line, SOURCE_ONLY))
        return None
    return TranslationUnit(line, source[0], source[1], props.get("x-context"), props.get("x-origin"), targets)


# -- translation memories: writing ---------------------------------------------------------


def fill_coded_segment(seg: etree._Element, text: str) -> None:
    """A memory's segment: placeholders and tags (``workbench.exchange.inline``) as ``<ph>`` codes holding
    their text, so a CAT tool protects them; reading gives the text back character for character."""
    from workbench.exchange.inline import Code, split

    last = None
    for piece in split(text):
        if isinstance(piece, Code):
            if piece.kind == "char":
                last = etree.SubElement(seg, "ph", type=f"{CHAR_TYPE}{piece.codepoint}")
            else:
                last = etree.SubElement(seg, "ph")
                last.text = piece.text
        else:
            _append(seg, last, piece)


def tmx_from_iso(value: str | None) -> str | None:
    """ISO 8601 as the memory keeps dates -> TMX's ``YYYYMMDDThhmmssZ``."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def memory_unit(body: etree._Element, source: str, source_tag: str, header_tag: str, context: str | None,
                origin: str | None, targets: list[tuple[str, str, str | None]]) -> etree._Element:
    """A memory's ``<tu>``: the source and its translations [(language, text, ISO date)] (gettext codes)."""
    tu = etree.SubElement(body, "tu")
    if source_tag != header_tag:
        tu.set("srclang", source_tag)
    if context is not None:
        etree.SubElement(tu, "prop", type="x-context").text = _clean(context)
    if origin:
        etree.SubElement(tu, "prop", type="x-origin").text = _clean(origin)
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: source_tag})
    fill_coded_segment(etree.SubElement(tuv, "seg"), source)
    for language, text, date in targets:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: to_bcp47(language)})
        changed = tmx_from_iso(date)
        if changed:
            tuv.set("changedate", changed)
        fill_coded_segment(etree.SubElement(tuv, "seg"), text)
    return tu


def memory_stream(path: Path, config: Config) -> tuple[XmlStream, etree._Element]:
    """A TMX file written unit by unit (``memory_unit`` into the body, then ``stream.add``)."""
    root, body = shell(config)
    return XmlStream(path, root, body, _LEAVES, DOCTYPE), body

"""The one way workbench parses XML it did not write: XLIFF, TMX, TBX, SRX, DOCX parts, XHTML seeds.

Imported files come from anyone, so parsing is hardened the same way for all of them:

* lxml never reads the network, never loads a DTD, never expands an entity, and keeps
  libxml2's limits (``huge_tree`` off: at most 256 levels of nesting, 10 MB per text node);
* before lxml sees the bytes, a DOCTYPE with an internal subset (the only place entities
  are declared: billion laughs, ``file:///etc/passwd``) or naming its DTD by URL or absolute
  path is refused, with its line. A DOCTYPE naming a local DTD file
  (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, usual in exports) is accepted and never loaded;
* after parsing, what the first check could not see in an unusual encoding is looked for
  again: an internal subset, an external DTD by URL, an entity reference left in the tree.

Everything wrong is a WorkbenchError naming the file and line (exit status 2).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from workbench.errors import WorkbenchError

# Characters XML 1.0 cannot carry at all, not even as &#...; references.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def parser(recover: bool = False) -> etree.XMLParser:
    """A new hardened parser (a parser keeps an error log between uses, so never share one)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=recover)


def parse(data: bytes, path: str | Path | None, kind: str = "XML") -> etree._Element:
    """The root element of ``data``; WorkbenchError ("malformed <kind>", entities, DTDs) naming ``path``."""
    check_prolog(data, path)
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise WorkbenchError(f"malformed {kind}: {exc.msg}", path, exc.lineno or None) from None
    check_doctype(root, path)
    check_entities(root, path)
    return root


def check_doctype(root: etree._Element, path: str | Path | None) -> None:
    """Refuse, once lxml has read it, a DOCTYPE declaring entities or naming a URL or absolute path: the prolog
    check sees only the first 64 KB of bytes it can decode (a DOCTYPE after 64 KB of comments, or in UTF-16
    without a byte-order mark, passes it). A streamed reader calls this at its root's start."""
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None and _declares_anything(docinfo.internalDTD):
        raise WorkbenchError(_SUBSET_REFUSED, path)
    if _names_a_remote_dtd(docinfo.system_url or ""):
        raise WorkbenchError(_remote_refused(docinfo.system_url), path)


def check_entities(element: etree._Element, path: str | Path | None) -> None:
    """Refuse an entity reference left in ``element`` (never expanded: its text would be lost silently)."""
    for entity in element.iter(etree.Entity):
        raise WorkbenchError(f"entity reference {entity.text} refused (entity expansion is never performed)",
                             path, entity.sourceline)


def _declares_anything(dtd: etree.DTD) -> bool:
    return any(True for _ in dtd.iterentities()) or any(True for _ in dtd.elements())


# -- before parsing ----------------------------------------------------------------

_MARKUP = re.compile(r"<!--|<\?|<[A-Za-z_:]")
_DOCTYPE = re.compile(
    r"<!DOCTYPE\s+[^\s\[>]+"
    r"(?:\s+(?:SYSTEM\s+(?P<sys1>\"[^\"]*\"|'[^']*')|PUBLIC\s+(?:\"[^\"]*\"|'[^']*')\s*(?P<sys2>\"[^\"]*\"|'[^']*')?))?"
    r"\s*(?P<subset>\[)?"
)
_SUBSET_REFUSED = ("DOCTYPE with an internal subset refused: its entity declarations could expand without bound "
                   "(billion laughs) or read local files and URLs; the format needs no DOCTYPE, remove it")


def _remote_refused(system_id: str) -> str:
    return (f"DOCTYPE refers to an external DTD ({system_id}); workbench reads no file or URL named by a "
            "document, remove the DOCTYPE")


def _names_a_remote_dtd(system_id: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", system_id)) or system_id.startswith(("/", "\\"))


def _root_start(text: str) -> int:
    """Where the root element starts: the first tag that is not in a comment or a processing instruction."""
    position = 0
    while match := _MARKUP.search(text, position):
        if match.group() not in ("<!--", "<?"):
            return match.start()
        end = text.find("-->" if match.group() == "<!--" else "?>", match.end())
        if end < 0:
            break
        position = end + 2
    return len(text)


def check_prolog(data: bytes, path: str | Path | None) -> None:
    """Refuse a DOCTYPE that declares entities or points at a URL or absolute path, naming its line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("latin-1")  # ASCII-compatible: markup is found, offsets stay bytes
    prolog = text[: _root_start(text)]
    position = prolog.find("<!DOCTYPE")
    entity = prolog.find("<!ENTITY")
    if position < 0:
        if entity >= 0:
            raise WorkbenchError("entity declaration refused (<!ENTITY ...>)", path, text.count("\n", 0, entity) + 1)
        return
    line = text.count("\n", 0, position) + 1
    match = _DOCTYPE.match(prolog, position)
    if not match or match.group("subset") or entity >= 0:
        raise WorkbenchError(_SUBSET_REFUSED, path, line)
    system_id = (match.group("sys1") or match.group("sys2") or "")[1:-1]
    if _names_a_remote_dtd(system_id):
        raise WorkbenchError(_remote_refused(system_id), path, line)

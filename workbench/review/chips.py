"""Placeholders and character references as a reviewer reads them.

The catalogue holds inline markup as placeholders (``<g1>…</g1>``, ``<x2/>``,
see ``workbench.readers.html``); a reviewer reads ``⟨link⟩…⟨/link⟩`` and
``⟨br/⟩`` better. Where the extraction knows which tag a placeholder stands for
(``tag_names``, asked of the source paragraph itself), the chip names it; else
it shows the number: ``⟨1⟩…⟨/1⟩``. Character references (``&amp;``, ``&#8212;``)
are shown as the characters they stand for.

Chips are for reading only: the HTML pages and the DOCX Source column show them;
the DOCX Target column keeps the msgstr as it is, since the import reads it back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# the placeholders of workbench.readers.html (machine translation may upcase them)
PLACEHOLDER = re.compile(r"<(/?)g([0-9]+)>|<x([0-9]+)/>", re.I)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:._-]*)")
FRIENDLY = {"a": "link", "img": "image"}  # tag names a reviewer may not know


@dataclass(frozen=True)
class Chip:
    label: str  # what is shown: "⟨link⟩"
    raw: str  # the placeholder in the catalogue: "<g1>"


def tag_names(paragraph, text: str) -> dict[str, str]:
    """Number -> tag name for each placeholder in ``text`` (a segment of ``paragraph``), where known.

    ``paragraph`` is the reader's Paragraph: its ``to_markup`` turns a placeholder back into the
    tag it stands for, so the name is the source file's own.
    """
    names: dict[str, str] = {}
    for match in PLACEHOLDER.finditer(text):
        number = match.group(2) or match.group(3)
        if number in names:
            continue
        probe = f"<g{number}>x</g{number}>" if match.group(2) else f"<x{number}/>"
        try:
            markup = paragraph.to_markup(probe)
        except Exception:  # a reader that cannot restore a lone placeholder: show the number
            continue
        if markup.lower() == probe:
            continue  # a reader without placeholders gave the text back as it was
        if markup.startswith("<!--"):
            names[number] = "comment"
        elif found := _TAG.match(markup):
            names[number] = found.group(1).lower()
    return names


def label(raw: str, names: dict[str, str]) -> str:
    """``<g1>`` -> ``⟨link⟩``, ``</g1>`` -> ``⟨/link⟩``, ``<x2/>`` -> ``⟨br/⟩``; the number when the tag is unknown."""
    match = PLACEHOLDER.fullmatch(raw)
    number = match.group(2) or match.group(3)
    name = names.get(number)
    name = FRIENDLY.get(name, name) if name else number
    if match.group(3):
        return f"⟨{name}/⟩"
    return f"⟨{match.group(1)}{name}⟩"


def pieces(text: str, names: dict[str, str], markup: bool = True) -> list[str | Chip]:
    """``text`` as plain strings and chips, in order, references decoded; ``markup`` False (a plain-text
    source, where ``<g1>`` and ``&amp;`` are just what they say) gives the text as it is."""
    if not markup:
        return [text] if text else []
    out: list[str | Chip] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(text[position : match.start()])
        out.append(Chip(label(match.group(), names), match.group()))
        position = match.end()
    out.append(text[position:])
    out = [_REFERENCE.sub(lambda m: html.unescape(m.group()), p) if isinstance(p, str) else p for p in out]
    return [p for p in out if p]


def readable(text: str, names: dict[str, str], markup: bool = True) -> str:
    """``text`` with chips for placeholders, as one string (for a title, a plain-text cell)."""
    return "".join(p.label if isinstance(p, Chip) else p for p in pieces(text, names, markup))

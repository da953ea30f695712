"""Placeholders and other codes inside a message, found so CAT tools can protect them.

A message is cut into text and codes: printf conversions (``%s``, ``%1$d``),
Python named conversions (``%(name)s``), brace fields (``{0}``, ``{name}``,
``{{var}}``), HTML/XML tags, and characters XML 1.0 cannot carry at all
(``\\x0c`` and friends). XLIFF writes the codes as inline elements (``<ph>``,
``<x/>``, ``<cp/>``) that a translator can move but not mistype; each format
keeps the code's exact text so that reading the XLIFF back gives the message
character for character.

The rule that matters: ``"".join(piece.text for piece in split(s)) == s``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.exchange.common import XML_ILLEGAL


@dataclass(frozen=True)
class Code:
    text: str
    kind: str  # "printf" | "python" | "brace" | "html" | "char"

    @property
    def codepoint(self) -> str:
        """The ``char`` code as 4+ upper-case hex digits (XLIFF 2 ``<cp hex>``)."""
        return f"{ord(self.text):04X}"


# Control characters are never part of a code: they get a code of their own.
_C = "\x00-\x08\x0b\x0c\x0e-\x1f"
_PATTERNS = [
    # A tag: <b>, </b>, <br/>, <a href="...">; attributes may hold anything but < and >.
    ("html", rf"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s+[^<>{_C}]*?)?\s*/?>"),
    # Python named conversion: %(name)s, %(count)5.2f
    ("python", rf"%\([^()\s{_C}]+\)[-+#0 ]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]"),
    # printf: %s, %d, %1$s, %-5.2f, %lld. No space flag, and no letter right
    # after it, so prose such as "50% off" or "5%discount" stays text.
    ("printf", r"%(?:[1-9]\d*\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcs](?![A-Za-z])"),
    # Brace fields: {{var}} (Jinja/Mustache), {0}, {name}, {name!r:>10}, {}
    ("brace", rf"\{{\{{[^{{}}\n{_C}]+\}}\}}|\{{(?:[A-Za-z_][A-Za-z0-9_.]*|\d+)?(?:\[[^\[\]{{}}{_C}]*\])?(?:![rsa])?(?::[^{{}}\n{_C}]*)?\}}"),
    ("char", XML_ILLEGAL.pattern),
]
_CODE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS))


def split(text: str) -> list[str | Code]:
    """The message as a list of plain strings and Codes, in order; empty strings are left out."""
    pieces: list[str | Code] = []
    position = 0
    for match in _CODE.finditer(text):
        if match.start() > position:
            pieces.append(text[position:match.start()])
        kind = match.lastgroup or "char"
        if kind == "char":
            pieces.extend(Code(character, "char") for character in match.group())
        else:
            pieces.append(Code(match.group(), kind))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def join(pieces: list[str | Code]) -> str:
    return "".join(piece.text if isinstance(piece, Code) else piece for piece in pieces)


def codes(text: str) -> list[Code]:
    return [piece for piece in split(text) if isinstance(piece, Code)]


def number_codes(source: list[str | Code], target: list[str | Code]) -> tuple[list[str], list[str]]:
    """Ids for the codes of a source and its translation: the same code gets the same id in both.

    The k-th occurrence of a code's text in the target takes the id of its k-th
    occurrence in the source, as CAT tools expect; codes only the translation
    has get fresh ids after the source's.
    """
    source_ids: list[str] = []
    by_text: dict[str, list[str]] = {}
    for piece in source:
        if isinstance(piece, Code):
            source_ids.append(str(len(source_ids) + 1))
            by_text.setdefault(piece.text, []).append(source_ids[-1])
    target_ids: list[str] = []
    used: dict[str, int] = {}
    fresh = len(source_ids)
    for piece in target:
        if isinstance(piece, Code):
            index = used.get(piece.text, 0)
            used[piece.text] = index + 1
            candidates = by_text.get(piece.text, [])
            if index < len(candidates):
                target_ids.append(candidates[index])
            else:
                fresh += 1
                target_ids.append(str(fresh))
    return source_ids, target_ids


def xml_safe(text: str) -> bool:
    return XML_ILLEGAL.search(text) is None

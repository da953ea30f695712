"""Plain text: paragraphs separated by blank lines.

Line breaks inside a paragraph (hard-wrapped text) belong to the paragraph;
blank lines, the line end after each paragraph and a BOM are skeleton, kept
byte for byte.
"""

from __future__ import annotations

import re

from workbench.readers.base import Document, Paragraph

NAME = "text"
EXTENSIONS = (".txt", ".text")

# a paragraph: a run of lines that are not blank; the final line end stays outside
_PARAGRAPH = re.compile(r"[^\S\r\n]*\S[^\r\n]*(?:\r?\n[^\S\r\n]*\S[^\r\n]*)*")


def read(text: str, path: str) -> Document:
    document = Document(path=path, format=NAME)
    position = 1 if text.startswith("\ufeff") else 0  # a BOM is skeleton, never translatable
    if position:
        document.parts.append("\ufeff")
    line = 1
    for match in _PARAGRAPH.finditer(text, position):
        if match.start() > position:
            document.parts.append(text[position : match.start()])
        line += text.count("\n", position, match.start())
        document.parts.append(Paragraph(text=match.group(), line=line))
        line += match.group().count("\n")
        position = match.end()
    if position < len(text):
        document.parts.append(text[position:])
    return document

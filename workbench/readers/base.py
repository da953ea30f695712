"""The common shape every reader produces: a Document of skeleton text and Paragraphs.

A reader cuts a source file into ``parts``: verbatim skeleton strings (markup,
blank lines, a BOM) and translatable ``Paragraph``s. ``Paragraph.text`` is what
the translator sees (inline markup shown as Markdown or as placeholders such as
``<g1>…</g1>``), and ``Paragraph.restore`` turns a (translated) text of that
form back into the file's own markup. The contract every reader keeps, and the
property tests check::

    document.render(lambda paragraph: paragraph.text) == original_text
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator


@dataclass
class Paragraph:
    text: str  # translator-facing text, may contain newlines of hard-wrapped lines
    line: int  # 1-based line of the paragraph's first character in the source file
    kind: str = "paragraph"  # "paragraph", "heading", "list-item", "attribute:alt", ...
    # line offsets: the source line of text[offset]; readers with a 1:1 text set none
    line_starts: list[int] = field(default_factory=list, repr=False)
    restore: Callable[[str], str] | None = field(default=None, repr=False)

    def to_markup(self, text: str) -> str:
        """The file's own form of ``text`` (a translation of this paragraph)."""
        return self.restore(text) if self.restore else text

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset`` in ``text``."""
        if self.line_starts:
            # line_starts[i] is the text offset where source line (self.line + i) begins
            line = self.line
            for index, start in enumerate(self.line_starts):
                if start > offset:
                    break
                line = self.line + index
            return line
        return self.line + self.text.count("\n", 0, offset)


@dataclass
class Document:
    path: str
    format: str
    parts: list[str | Paragraph] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        for part in self.parts:
            if isinstance(part, Paragraph):
                yield part

    def render(self, translate: Callable[[Paragraph], str]) -> str:
        """The document with each paragraph replaced by ``translate(paragraph)`` in its markup."""
        out: list[str] = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else part.to_markup(translate(part)))
        return "".join(out)

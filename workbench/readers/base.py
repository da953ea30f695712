"""The common shape every reader produces: a Document of skeleton text and Paragraphs.

A reader cuts a source file into ``parts``: verbatim skeleton strings (markup,
blank lines, a BOM) and translatable ``Paragraph``s. ``Paragraph.text`` is what
the translator sees (inline markup shown as Markdown or as placeholders such as
``<g1>…</g1>``), and ``Paragraph.restore`` turns a (translated) text of that
form back into the file's own markup. The contract every reader keeps, and the
property tests check::

    document.render(lambda paragraph: paragraph.text) == original_text

A reader that knows its inline markup also gives each paragraph a ``check``:
the problems a translated segment would cause in the built file (a dropped
placeholder, a broken link). ``build`` puts the source back for such a segment
rather than publish broken markup.
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
    # (source segment, its translation) -> what is wrong with the translation's markup
    check: Callable[[str, str], list[str]] | None = field(default=None, repr=False)

    def to_markup(self, text: str) -> str:
        """The file's own form of ``text`` (a translation of this paragraph)."""
        return self.restore(text) if self.restore else text

    def problems(self, source: str, translation: str) -> list[str]:
        """Why ``translation`` of the segment ``source`` of this paragraph would break the file's markup."""
        return self.check(source, translation) if self.check else []

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
class RootTag:
    """The start tag of a document's root element (HTML's ``<html>``), which names the document's language."""

    source: str
    for_language: Callable[[str], str] = field(repr=False)  # the tag with lang (and dir) of a language


@dataclass
class Document:
    path: str
    format: str
    parts: list[str | Paragraph | RootTag] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        for part in self.parts:
            if isinstance(part, Paragraph):
                yield part

    def render(self, translate: Callable[[Paragraph], str], language: str | None = None) -> str:
        """The document with each paragraph replaced by ``translate(paragraph)`` in its markup.

        With a ``language``, the root element says it is written in that language.
        """
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, RootTag):
                out.append(part.source if language is None else part.for_language(language))
            else:
                out.append(part.to_markup(translate(part)))
        return "".join(out)


def misnested(tags: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The first pair of tags that cross (``<g1><g2>…</g1></g2>``) or a close before its open.

    ``tags`` is a sequence of (name, "open" | "close" | "empty"). Only names both opened
    and closed in the sequence count: a segment may hold one half of a pair whose other
    half is in the next sentence. Returns (the tag left open, the tag that closed), the
    first one empty for a close before its open; None when the nesting is sound.
    """
    opened = {name for name, kind in tags if kind == "open"}
    closed = {name for name, kind in tags if kind == "close"}
    paired = opened & closed
    stack: list[str] = []
    for name, kind in tags:
        if name not in paired:
            continue
        if kind == "open":
            stack.append(name)
        elif kind == "close":
            if not stack:
                return "", name
            if stack[-1] != name:
                return stack[-1], name
            stack.pop()
    return None

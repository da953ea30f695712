"""Markdown (CommonMark, plus GFM tables and strikethrough) via markdown-it-py.

markdown-it finds the block structure and gives each block its source lines
(``token.map``); this module then cuts the *original* text at those lines, so
everything that is not translatable stays byte for byte as it was (BOM, CRLF,
tabs, odd indentation).

Translatable: headings (ATX and setext), paragraphs, paragraphs in list items
and blockquotes at any depth, and GFM table cells. Skeleton: front matter
(``---`` YAML or ``+++`` TOML at the very top), code blocks, fenced code, HTML
blocks (but an HTML block outside lists and quotes is read by the HTML reader,
so ``<summary>`` texts and ``alt`` attributes are translated), link reference
definitions (but their titles are translated), thematic breaks, the block markers
(``# ``, ``> ``, ``- ``, ``1. ``, table pipes) and setext underlines.

A paragraph's text is the raw source of its inline content, so the translator
sees and keeps ``**bold**``, ``[link](url)``, `` `code` `` and ``![alt](src)``
(alt text is translated in place). Continuation lines lose their prefix
(``> ``, indentation) and trailing blanks in the text the translator sees; the
removed "separators" are put back by ``restore`` line by line, so an identical
translation renders the input exactly. A translation with more lines than the
original continues with a prefix derived from the first line (list markers
turned into spaces), one with fewer simply uses fewer separators.

Every paragraph is checked at read time: ``restore(text)`` must give back the
exact source slice, or the block is left as skeleton rather than risking the
round trip (this happens only for exotic input, e.g. NUL characters that
markdown-it replaces).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from workbench.readers import html  # for the HTML blocks a Markdown file holds
from workbench.readers.base import Document, Paragraph

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

_NEWLINE = re.compile(r"\r\n|\r|\n")  # what markdown-it counts as a line end
_MD_SPACE = " \t\n\r\f\v"  # CommonMark's whitespace for trimming table cells
# block markers in front of a table row: indentation, blockquote '>', list markers
_ROW_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_LIST_MARKER = re.compile(r"[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
# what starts a block when a line of inline content begins with it (a heading, a quote, a list item, a fence, a
# setext underline): typed at the start of a translated line, it would change the document's structure
_BLOCK_START = re.compile(r"[ \t]{0,3}(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|`{3,}|~{3,}"
                          r"|=+[ \t]*$|-+[ \t]*$)")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

Claim = tuple[int, int, Paragraph]  # source slice [start, end) replaced by the paragraph


class _Source:
    """The original text cut into lines the way markdown-it counts them."""

    def __init__(self, text: str, base: int):
        self.text = text
        self.starts: list[int] = [base]  # offset of each line's first character
        self.ends: list[int] = []  # offset of each line's line end
        for match in _NEWLINE.finditer(text, base):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        first_end = _NEWLINE.search(text)
        self.newline = first_end.group() if first_end else "\n"

    def line(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]


def read(text: str, path: str) -> Document:
    document = Document(path=path, format=NAME)
    base = 1 if text.startswith("\ufeff") else 0
    if base:
        document.parts.append("\ufeff")
    source = _Source(text, base)
    skip = _front_matter_lines(source)
    # front matter lines are blanked, not removed, so markdown-it's line numbers stay ours
    if skip:
        body = "\n" * skip + (text[source.starts[skip] :] if skip < len(source.starts) else "")
    else:
        body = text[base:]
    env: dict = {}  # markdown-it puts the link reference definitions here, for checking translations
    claims = _claims(_PARSER.parse(body, env), source)
    claims = sorted(claims + _title_claims(source, env), key=lambda claim: claim[0])
    position = base
    for start, end, paragraph in claims:
        if start > position:
            document.parts.append(text[position:start])
        if paragraph.check is None:  # HTML blocks have the HTML reader's
            paragraph.check = lambda segment, translation: markup_problems(segment, translation, env)
        document.parts.append(paragraph)
        position = end
    if position < len(text):
        document.parts.append(text[position:])
    return document


_SHOWN = {"link_open": "link to {}", "image": "image {}", "code_inline": "code span `{}`", "html_inline": "tag {}",
          "em_open": "emphasis {0}…{0}", "strong_open": "strong emphasis {0}…{0}", "s_open": "strikethrough {0}…{0}"}


def _inline_tokens(text: str, env: dict):
    return _PARSER.parseInline(text, env)[0].children or ()


def _inline_markup(text: str, env: dict) -> Counter:
    """What a segment's Markdown makes of it: link targets, images, code spans, raw tags, emphasis."""
    found: Counter = Counter()
    for token in _inline_tokens(text, env):
        if token.type in ("link_open", "image"):
            found[token.type, str(token.attrs.get("href" if token.type == "link_open" else "src", ""))] += 1
        elif token.type in ("code_inline", "html_inline"):
            found[token.type, token.content] += 1
        elif token.type in ("em_open", "strong_open", "s_open"):
            found[token.type, token.markup] += 1
    return found


@dataclass(frozen=True)
class MarkupProblem:
    """One difference between a segment's Markdown and its translation's (``build`` then keeps the source)."""

    kind: str  # a markdown-it token type: link_open, image, code_inline, html_inline, em_open, strong_open, s_open
    what: str  # the link target, image source, code, tag, or emphasis marker
    count: int
    missing: bool  # True: the source has it, the translation not; False: the other way round

    def __str__(self) -> str:
        return (_SHOWN[self.kind].format(self.what) + (" is missing" if self.missing else " is not in the source")
                + (f" ({self.count}×)" if self.count > 1 else ""))


def markup_differences(source: str, translation: str, env: dict | None = None) -> list[MarkupProblem]:
    """What in a translated segment would break the built Markdown (``build`` then keeps the source).

    The segment must keep its link and image targets (``[text] (url)`` is no link), its code
    spans, and as many emphasis runs as the source; no raw tag may be typed that the source
    lacks. ``env`` holds the document's link reference definitions, so ``[text][ref]`` counts
    (``segment_references`` stands in for them away from the document).
    """
    env = env if env is not None else {}
    wanted, found = _inline_markup(source, env), _inline_markup(translation, env)
    return ([MarkupProblem(kind, what, count, True) for (kind, what), count in sorted((wanted - found).items())]
            + [MarkupProblem(kind, what, count, False) for (kind, what), count in sorted((found - wanted).items())])


def markup_problems(source: str, translation: str, env: dict | None = None) -> list[str]:
    """``markup_differences`` as the build reports them."""
    return [str(problem) for problem in markup_differences(source, translation, env)]


# a full or collapsed reference link: [text][label], [label][] (not an inline link's '[text](')
_REFERENCE_LINK = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)+)\]\[((?:[^\[\]\\]|\\.)*)\]")


def segment_references(source: str) -> dict:
    """A markdown-it ``env`` for checking a segment away from its document (in a catalogue): the labels
    of the source's full and collapsed reference links (``[text][ref]``, ``[ref][]``) taken as defined,
    each pointing at ``[label]``, so a translation that drops or changes a label loses that link.
    A shortcut reference (``[ref]`` alone) is not taken: bracketed text is more often just that."""
    references = {}
    for match in _REFERENCE_LINK.finditer(source):
        label = match.group(2) or match.group(1)
        key = normalizeReference(label)
        if key.strip():
            references.setdefault(key, {"href": f"[{label}]", "title": ""})
    return {"references": references}


def empty_links(text: str, env: dict | None = None) -> list[str]:
    """The targets of the links in ``text`` that have no link text (``[](url)``: nothing to click)."""
    tokens = list(_inline_tokens(text, env if env is not None else {}))
    return [str(token.attrs.get("href", "")) for token, after in zip(tokens, tokens[1:])
            if token.type == "link_open" and after.type == "link_close"]


def _front_matter_lines(source: _Source) -> int:
    """How many lines the front matter block takes (0 if there is none)."""
    opener = source.line(0).rstrip(" \t")
    if opener not in ("---", "+++"):
        return 0
    closers = ("---", "...") if opener == "---" else ("+++",)
    for index in range(1, len(source.starts)):
        if source.line(index).rstrip(" \t") in closers:
            return index + 1
    return 0  # never closed: an ordinary thematic break, let markdown-it decide


def _claims(tokens, source: _Source) -> list[Claim]:
    claims: list[Claim] = []
    containers: list[str] = []  # enclosing list items and blockquotes, innermost last
    for index, token in enumerate(tokens):
        if token.type in ("list_item_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif token.type == "tr_open":
            claims.extend(_row_claims(tokens, index, source))
        elif token.type == "html_block" and token.map and not containers:
            claims.extend(_html_claims(source, *token.map))
        elif token.type == "inline" and token.map:
            opener = tokens[index - 1].type
            first, last = token.map
            if opener == "heading_open":
                # the inline token's lines already leave out a setext underline
                setext = tokens[index - 1].markup in ("=", "-")
                claim = _block_claim(source, token.content, first, last, "heading", single_line=not setext)
            elif opener == "paragraph_open":
                kind = {"list_item_open": "list-item", "blockquote_open": "blockquote"}.get(
                    containers[-1] if containers else "", "paragraph"
                )
                claim = _block_claim(source, token.content, first, last, kind, single_line=False)
            else:
                continue  # table cells are handled with their row
            if claim:
                claims.append(claim)
    return claims


_TITLE_CLOSERS = {'"': '"', "'": "'", ")": "("}


def _title_claims(source: _Source, env: dict) -> list[Claim]:
    """The titles of link reference definitions (``[ref]: url "Title"``), as one-line paragraphs."""
    claims: list[Claim] = []
    for reference in env.get("references", {}).values():
        title, (first, last) = reference.get("title") or "", reference.get("map") or (0, 0)
        if not title.strip() or last - first != 1:
            continue  # a title over several lines stays as it is
        line = source.line(first).rstrip(" \t")
        opener = _TITLE_CLOSERS.get(line[-1:])
        begin = line.rfind(opener, 0, len(line) - 1) if opener else -1
        if begin < 0 or line[begin + 1 : -1] != title:
            continue  # escapes or entities in the title: left alone rather than risk the round trip
        restore = _restorer([], "", single_line=True, quote=line[-1])
        start = source.starts[first] + begin + 1
        claim = _checked(source, start, start + len(title), Paragraph(title, first + 1, "link-title", restore=restore))
        if claim:
            claims.append(claim)
    return claims


def _html_claims(source: _Source, first: int, last: int) -> list[Claim]:
    """The translatable text of an HTML block (``<details><summary>…``, ``<img alt=…>``), read as HTML."""
    start = source.starts[first]
    position = start
    claims: list[Claim] = []
    for part in html.read(source.text[start : source.ends[last - 1]], "block.html").parts:
        if isinstance(part, Paragraph):
            length = len(part.to_markup(part.text))  # its source slice: the reader checked the identity
            part.line += first
            claims.append((position, position + length, part))
        else:
            length = len(part) if isinstance(part, str) else len(part.source)
        position += length
    return claims


def _block_claim(source: _Source, content: str, first: int, last: int, kind: str, single_line: bool):
    """The claim for a heading or paragraph whose inline content spans lines [first, last)."""
    lines = content.split("\n")
    if not content.strip() or len(lines) != last - first:
        return None
    spans: list[tuple[int, int]] = []
    for number, content_line in zip(range(first, last), lines):
        # markdown-it strips the block prefix (and for headings the '#'s), so what is
        # left of the content is a substring of the source line; its last occurrence is
        # the real one because only blanks (or a closing '#' run) may follow it
        wanted = content_line.strip()
        column = source.line(number).rfind(wanted)
        if column < 0:
            return None
        start = source.starts[number] + column
        spans.append((start, start + len(wanted)))
    text = "\n".join(source.text[start:end] for start, end in spans)
    separators = [source.text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
    prefix = source.text[source.starts[first] : spans[0][0]]
    continuation = source.newline + _LIST_MARKER.sub(lambda m: " " * len(m.group()), prefix)
    restore = _restorer(separators, continuation, single_line, source_text=text)
    return _checked(source, spans[0][0], spans[-1][1], Paragraph(text, first + 1, kind, restore=restore))


def _row_claims(tokens, index: int, source: _Source) -> list[Claim]:
    """Claims for the non-empty cells of the table row opened at tokens[index]."""
    number = tokens[index].map[0]
    contents = []
    for token in tokens[index + 1 :]:
        if token.type == "tr_close":
            break
        if token.type == "inline":
            contents.append(token.content)
    line = source.line(number)
    position = _ROW_PREFIX.match(line).end()
    cells: list[tuple[int, int]] = []  # cell spans in the line, as markdown-it splits them
    for pipe in _UNESCAPED_PIPE.finditer(line, position):
        cells.append((position, pipe.start()))
        position = pipe.end()
    cells.append((position, len(line)))
    if line[cells[0][0] : cells[0][1]].strip(_MD_SPACE) == "" and len(cells) > 1:
        cells.pop(0)  # before a leading pipe
    if line[cells[-1][0] : cells[-1][1]].strip(_MD_SPACE) == "" and len(cells) > 1:
        cells.pop()  # after a trailing pipe
    claims: list[Claim] = []
    for (start, end), content in zip(cells, contents):
        raw = line[start:end]
        cell = raw.strip(_MD_SPACE)
        if cell.replace("\\|", "|") != content:
            return []  # our split disagrees with markdown-it's: keep the row as skeleton
        if not cell:
            continue
        begin = source.starts[number] + start + (len(raw) - len(raw.lstrip(_MD_SPACE)))
        restore = _restorer([], "", single_line=True, escape_pipes=True)
        paragraph = Paragraph(cell, number + 1, "table-cell", restore=restore)
        claim = _checked(source, begin, begin + len(cell), paragraph)
        if claim:
            claims.append(claim)
    return claims


def _restorer(
    separators: list[str], continuation: str, single_line: bool, escape_pipes: bool = False, quote: str = "",
    source_text: str = "",
) -> Callable[[str], str]:
    # the block syntax the source's own lines begin with (a paragraph's "2. " continuation line) is its text
    kept = {match.group() for line in source_text.split("\n") if (match := _BLOCK_START.match(line))}

    def literal(line: str) -> str:
        """A translated line as text of its block: a heading, quote, list or fence marker it begins with is
        escaped ("1. CPython…" typed into a list item made a list inside it)."""
        match = _BLOCK_START.match(line)
        if not match or match.group() in kept:
            return line
        at = len(match.group()) - len(match.group().lstrip(" \t"))
        if line[at].isdigit():  # "1." is escaped at its period ("\1" is no escape: the backslash would show)
            at += len(line[at:]) - len(line[at:].lstrip("0123456789"))
        return line[:at] + "\\" + line[at:]

    def restore(text: str) -> str:
        text = text.replace("\r\n", "\n")
        if single_line:  # an ATX heading or a table cell cannot hold a line break
            text = text.replace("\n", " ")
        else:  # a blank line would end the paragraph (or the list item, the quote) in the middle of the sentence
            text = _BLANK_LINES.sub("\n", text)
        if source_text and text != source_text:
            text = "\n".join(literal(line) for line in text.split("\n"))
        if escape_pipes:  # a bare '|' would split the table cell
            text = _UNESCAPED_PIPE.sub(r"\\|", text)
        if quote:  # the title's closing quote would end it early
            text = text.replace(quote, "\\" + quote)
        lines = text.split("\n")
        out = [lines[0]]
        for number, line in enumerate(lines[1:]):
            out.append(separators[number] if number < len(separators) else continuation)
            out.append(line)
        return "".join(out)

    return restore


def _checked(source: _Source, start: int, end: int, paragraph: Paragraph) -> Claim | None:
    """The claim, if the identity translation reproduces the source slice exactly."""
    if paragraph.to_markup(paragraph.text) != source.text[start:end]:
        return None
    return start, end, paragraph

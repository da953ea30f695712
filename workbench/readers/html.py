"""HTML and XHTML: block elements become paragraphs, inline elements placeholders.

Why a tokenizer and not lxml's tree: lxml (libxml2) re-serializes, decodes
entities and exposes only ``sourceline`` -- no character offsets, no attribute
quoting, no tag text as written. A byte-exact skeleton needs offsets, so the
source is scanned here by a small tokenizer that follows HTML5 tokenization
for tags, attributes (quoted, unquoted, valueless), comments, doctype, ``<?…>``,
CDATA and raw-text elements (script, style, textarea, title, ...). Structure
is a stack of block elements with HTML's implied end tags (``p``, ``li``,
``td``/``th``, ``dt``/``dd``, ``option``, ...). lxml does what it does
reliably: it validates ``.xhtml`` files, which must be well-formed XML
(``WorkbenchError`` with the line otherwise; undeclared entities such as
``&nbsp;`` pass, an XHTML DTD declares them), and the tests compare paragraph
texts with lxml's parse of the same article.

What the translator sees:

* one paragraph per run of text and inline elements in a block (``p``,
  ``h1``-``h6``, ``li``, ``td``, ``dt``, ``caption``, ``title``, text held
  directly by a ``div``, ...); blanks, empty atoms and inline tags wrapping the
  whole run stay outside; a run that is only ``code``/``kbd``/``samp`` is skeleton;
* inline elements as placeholders numbered in order of appearance: ``<gN>…</gN>``
  for an element with content, ``<xN/>`` for ``br``/``img``, a comment, an
  opaque inline element (inline ``script``, ``svg``, ``translate="no"`` or
  Sphinx's ``class="notranslate"``: content the translator must not touch) or a
  tag left unpaired in the run. ``restore`` maps each back to the tag text as
  written; a pair half-dropped by the translator is dropped whole so the markup
  stays balanced (``build`` does not let such a translation through:
  ``markup_problems``);
* characters, not character references: ``&amp;``, ``&nbsp;``, ``&#8212;`` are
  shown as ``&``, a no-break space, ``—``, as the reader of the page sees them.
  ``restore`` gives a line the source's own spelling when it is unchanged, so an
  identity translation is byte-exact, and escapes ``&`` and ``<`` in new text. A
  paragraph whose decoded text would hold a placeholder or a line break
  (``&lt;g1&gt;``, ``&#10;``) is shown as written instead, ``<`` opening a tag
  escaped as ``&lt;`` and an ``&`` not starting a reference as ``&amp;`` (unless
  that source writes bare ampersands);
* hard-wrapped lines as ``\n``, the indentation around them kept aside for
  ``restore`` (extra lines of a translation get a plain newline);
* ``alt``, ``title``, ``placeholder``, ``aria-label`` and the ``content`` of
  ``<meta name="description">`` (keywords, og:/twitter: title and description)
  as paragraphs of kind ``attribute:<name>``, references decoded as in text. The attribute of a tag inside a
  paragraph (``<a title=…>`` mid-sentence) is listed just before it, with an
  empty markup of its own: its translation goes into the placeholder's tag.

Skeleton: ``script``, ``style``, ``template``, ``pre``, ``textarea``, ``svg``,
``math``, ``iframe``, ``object``, media and ``select`` subtrees, comments,
doctype, ``translate="no"`` and ``class="notranslate"`` elements. Each paragraph
is checked at read time: its identity translation must restore the exact source
slice, or it stays skeleton. The ``<html>`` start tag is a ``RootTag``: a build
gives it the target language's ``lang`` (``xml:lang`` in XHTML) and ``dir``.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from workbench import safexml
from workbench.errors import WorkbenchError
from workbench.langs import text_direction, to_bcp47
from workbench.readers.base import Document, Paragraph, RootTag, misnested

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")

_VOID = set("area base br col embed hr img input keygen link meta param source track wbr".split())
_RAW_TEXT = set("script style xmp iframe noembed noframes textarea title".split())  # no tags inside
# subtrees that are never translated; inline ones become one placeholder inside a paragraph
_OPAQUE = set("script style template pre listing xmp plaintext textarea svg math iframe object "
              "video audio canvas select noembed noframes".split())
_P_CLOSERS = set("address article aside blockquote center details dialog dir div dl dd dt fieldset "
                 "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu "
                 "nav ol p plaintext pre search section summary table ul xmp".split())
_BLOCK = _P_CLOSERS | set("html head body title meta link base noscript caption colgroup "
                          "col thead tbody tfoot tr td th option optgroup legend frameset frame".split())
_CLOSED_BY = {  # implied end tags: a start tag of one of these closes the open element
    "p": _P_CLOSERS, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
    "td": {"td", "th", "tr", "tbody", "thead", "tfoot"}, "th": {"td", "th", "tr", "tbody", "thead", "tfoot"},
    "tr": {"tr", "tbody", "thead", "tfoot"}, "thead": {"tbody", "tfoot"}, "tbody": {"tbody", "tfoot"},
    "option": {"option", "optgroup"}, "optgroup": {"optgroup"}, "head": {"body"},
}
_CODE_LIKE = {"code", "kbd", "samp"}
_KINDS = {"p": "paragraph", "li": "list-item", "td": "table-cell", "th": "table-cell", "title": "title",
          "caption": "caption", "figcaption": "caption", "legend": "caption", "dt": "term",
          "dd": "definition", "blockquote": "blockquote", "option": "option", "summary": "summary",
          **{f"h{level}": "heading" for level in range(1, 7)}}
_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
_META_NAMES = {"description", "keywords", "og:title", "og:description", "twitter:title", "twitter:description"}

_SPACE = " \t\n\r\f"
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BREAK = re.compile(r"[ \t\f]*(?:(?:\r\n|\r|\n)[ \t\f]*)+")  # a line break with the blanks around it
_PLACEHOLDER = re.compile(r"(</?g[0-9]+>|<x[0-9]+/>)", re.I)  # machine translation may upcase them
# a tag typed into a text; placeholders are tags of this form too
_RAW_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)(?:[\s/][^<>]*)?>")
_BARE_AMP = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)")
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")  # a '<' a parser would read as markup
_NEEDS_QUOTES = re.compile(r"[\s\"'=<>`]")
_END_OF_RAW: dict[str, re.Pattern] = {}


@dataclass
class _Token:
    kind: str  # "text", "start", "end", "markup" (comment, doctype, ...), "raw" (script body ...)
    start: int
    end: int
    name: str = ""
    attrs: list[tuple[str, int, int, str]] = field(default_factory=list)  # name, value span, quote
    closed: bool = False  # written <name ... />

    def attr(self, text: str, name: str) -> str | None:
        for attr_name, start, end, _ in self.attrs:
            if attr_name == name:
                return text[start:end] if start >= 0 else ""
        return None


@dataclass
class _Item:  # one piece of an inline run
    kind: str  # "text", "open", "close", "atom"
    start: int
    end: int
    tag: _Token | None = None  # the tag, for attributes (None for comments and opaque subtrees)
    visible: bool = False  # an atom with words in it (translate="no") is not trimmed off
    mate: _Item | None = None  # the other half of an open/close pair
    number: int = 0  # of its placeholder


class _Slot:
    """The current value of an attribute inside a placeholder's tag."""

    def __init__(self, value: str):
        self.value = value

    def set(self, value: str) -> str:
        self.value = value
        return ""


def read(text: str, path: str) -> Document:
    document = Document(path=path, format=NAME)
    base = 1 if text.startswith("\ufeff") else 0
    if base:
        document.parts.append("\ufeff")
    xhtml = path.lower().endswith(".xhtml")
    if xhtml:
        _check_well_formed(text[base:], path)
    tokens = _tokenize(text, base, xhtml)
    claims: list[tuple[int, int, Paragraph | RootTag]] = list(_Reader(text, xhtml).run(tokens))
    root = next((t for t in tokens if t.kind == "start" and t.name == "html"), None)
    if root and not any(root.start <= start < root.end for start, _, _ in claims):
        claims = sorted([*claims, (root.start, root.end, _root_tag(text, root, xhtml))], key=lambda claim: claim[0])
    position = base
    for start, end, part in claims:
        if start > position:
            document.parts.append(text[position:start])
        document.parts.append(part)
        position = end
    if position < len(text):
        document.parts.append(text[position:])
    return document


def _root_tag(text: str, tag: _Token, xhtml: bool) -> RootTag:
    """The ``<html>`` start tag, whose ``lang`` (``xml:lang`` too in XHTML) and ``dir`` a build sets."""
    close = tag.end - (2 if tag.closed else 1)  # where the tag's '>' or '/>' begins

    def for_language(language: str) -> str:
        values = {"lang": to_bcp47(language)}
        if xhtml or tag.attr(text, "xml:lang") is not None:
            values["xml:lang"] = values["lang"]
        rtl = text_direction(language) == "rtl"  # CLDR's, as the review pages ask
        if rtl or tag.attr(text, "dir") is not None:  # a source's dir="rtl" must not stay on a left-to-right page
            values["dir"] = "rtl" if rtl else "ltr"
        out, position = [], tag.start
        for name, value_start, value_end, quote in tag.attrs:
            if name in values and value_start >= 0:  # an attribute written with a value: replace the value
                value = values.pop(name)
                out += [text[position:value_start], value if quote else f'"{value}"']
                position = value_end
        out.append(text[position:close])
        out += [f' {name}="{value}"' for name, value in values.items()]  # the ones the tag lacked
        out.append(text[close : tag.end])
        return "".join(out)

    return RootTag(text[tag.start : tag.end], for_language)


def _check_well_formed(text: str, path: str) -> None:
    # bytes for lxml, which refuses str with an encoding declaration; ours is already decoded
    data = re.sub(r"""^(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""", r"\1", text).encode("utf-8")
    parser = safexml.parser(recover=True)  # a well-formedness check only; its tree is not used
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        pass  # reported through the error log below
    for error in parser.error_log:
        if error.level_name == "FATAL" and error.type_name != "ERR_UNDECLARED_ENTITY":
            raise WorkbenchError(f"not well-formed XHTML: {error.message}", path, error.line)


def markup_problems(source: str, translation: str) -> list[str]:
    """What in a translated segment would publish broken markup (``build`` then keeps the source).

    Each placeholder of the source must be there once, pairs in order and properly
    nested, none invented; and no tag may be typed that the source does not have (it
    would reach readers as the literal text ``<b>``).
    """
    wanted = Counter(p.lower() for p in _PLACEHOLDER.findall(source))
    found_list = [p.lower() for p in _PLACEHOLDER.findall(translation)]
    found = Counter(found_list)
    problems = [f"placeholder {p} is missing" for p in _pairs_shown(sorted(wanted - found, key=_placeholder_order))]
    invented = [p for p in sorted(found, key=_placeholder_order) if not wanted[p]]
    problems += [f"placeholder {p} is not in the source" for p in _pairs_shown(invented)]
    problems += [f"placeholder {p} appears {found[p]} times" for p in sorted(found, key=_placeholder_order)
                 if wanted[p] and found[p] > 1]
    if not problems:
        crossing = misnested([_placeholder_tag(p) for p in found_list])
        if crossing:
            left_open, closing = crossing
            problems.append(f"placeholder </{closing}> closes before <{closing}> opens" if not left_open
                            else f"placeholders <{left_open}> and <{closing}> are not nested as in the source")
    allowed = Counter(m.group().lower() for m in _RAW_TAG.finditer(_PLACEHOLDER.sub("", source)))
    for match in _RAW_TAG.finditer(_PLACEHOLDER.sub("", translation)):  # in the order typed
        tag = match.group().lower()
        if allowed[tag] > 0:
            allowed[tag] -= 1
        else:
            problems.append(f"tag {match.group()} is not in the source")
    return problems


def _pairs_shown(placeholders: list[str]) -> list[str]:
    """``<g3>`` and ``</g3>`` both in the list as one ``<g3>…</g3>``."""
    present = set(placeholders)
    return [f"{p}…{p.replace('<', '</')}" if p.startswith("<g") and p.replace("<", "</") in present else p
            for p in placeholders if not (p.startswith("</") and p.replace("</", "<") in present)]


def _placeholder_order(placeholder: str) -> tuple[int, bool]:
    return int(re.sub(r"\D", "", placeholder)), placeholder.startswith("</")


def _placeholder_tag(placeholder: str) -> tuple[str, str]:
    name = placeholder.strip("</>")
    return name, "close" if placeholder.startswith("</") else "empty" if placeholder.endswith("/>") else "open"


# -- tokenizer -------------------------------------------------------------------------


def _tokenize(text: str, position: int, xhtml: bool) -> list[_Token]:
    tokens: list[_Token] = []
    text_start = position
    while (position := text.find("<", position)) >= 0:
        token = _markup_at(text, position, xhtml)
        if token is None:  # a '<' that is just text ("a < b")
            position += 1
            continue
        if position > text_start:
            tokens.append(_Token("text", text_start, position))
        tokens.append(token)
        position = text_start = token.end
        if token.kind == "start" and token.name in _RAW_TEXT | {"plaintext"} and not (xhtml and token.closed):
            pattern = _END_OF_RAW.setdefault(token.name, re.compile(rf"</{token.name}(?=[{_SPACE}/>]|$)", re.I))
            found = pattern.search(text, position) if token.name != "plaintext" else None
            stop = found.start() if found else len(text)
            if stop > position:  # title text is translatable, the other raw texts are not
                tokens.append(_Token("text" if token.name == "title" else "raw", position, stop))
            position = text_start = stop
    if text_start < len(text):
        tokens.append(_Token("text", text_start, len(text)))
    return tokens


def _markup_at(text: str, i: int, xhtml: bool) -> _Token | None:
    after = text[i + 1 : i + 2]
    if after in _LETTERS:
        return _tag(text, i, "start")
    if after == "/":
        if i + 2 >= len(text):
            return None
        if text[i + 2] in _LETTERS:
            return _tag(text, i, "end")
        return _Token("markup", i, _after(text, ">", i + 2))  # "</>" or a bogus comment
    if after == "!":
        if text.startswith("<!--", i):
            for abrupt in ("<!-->", "<!--->"):
                if text.startswith(abrupt, i):
                    return _Token("markup", i, i + len(abrupt))
            return _Token("markup", i, _after(text, "-->", i + 4))
        if xhtml and text.startswith("<![CDATA[", i):
            return _Token("markup", i, _after(text, "]]>", i + 9))
        return _Token("markup", i, _after(text, ">", i + 2))  # doctype, bogus comment
    if after == "?":
        return _Token("markup", i, _after(text, "?>" if xhtml else ">", i + 2))
    return None


def _after(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return found + len(needle) if found >= 0 else len(text)


def _tag(text: str, i: int, kind: str) -> _Token:
    """A start or end tag at text[i] ('<'), scanned as the HTML5 tokenizer does."""
    n = len(text)
    j = i + (2 if kind == "end" else 1)
    name_start = j
    while j < n and text[j] not in _SPACE and text[j] not in "/>":
        j += 1
    token = _Token(kind, i, n, text[name_start:j].lower())
    while True:
        while j < n and (text[j] in _SPACE or (text[j] == "/" and text[j + 1 : j + 2] != ">")):
            j += 1
        if j >= n:
            break
        if text[j] == ">" or text.startswith("/>", j):
            token.closed = text[j] == "/"
            token.end = j + (2 if token.closed else 1)
            return token
        name_start = j
        j += 1  # the first character of a name may be '='
        while j < n and text[j] not in _SPACE and text[j] not in "/>=":
            j += 1
        name = text[name_start:j].lower()
        k = j
        while k < n and text[k] in _SPACE:
            k += 1
        if k >= n or text[k] != "=":
            token.attrs.append((name, -1, -1, ""))
            continue
        k += 1
        while k < n and text[k] in _SPACE:
            k += 1
        if k < n and text[k] in "\"'":
            close = text.find(text[k], k + 1)
            if close < 0:
                break
            token.attrs.append((name, k + 1, close, text[k]))
            j = close + 1
        else:
            j = k
            while j < n and text[j] not in _SPACE and text[j] != ">":
                j += 1
            token.attrs.append((name, k, j, ""))
    return _Token("markup", i, n)  # end of file inside a tag: HTML5 drops it, we keep it as skeleton


# -- structure and paragraphs ----------------------------------------------------------


class _Reader:
    def __init__(self, text: str, xhtml: bool):
        self.text = text
        self.xhtml = xhtml
        self.claims: list[tuple[int, int, Paragraph]] = []
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return 1 + bisect.bisect_left(self.newlines, offset)

    def words(self, start: int, end: int) -> bool:
        """Whether the source text holds more than blanks (``&nbsp;`` is a blank)."""
        return bool(html.unescape(self.text[start:end]).strip())

    def run(self, tokens: list[_Token]) -> list[tuple[int, int, Paragraph]]:
        stack: list[str] = []  # open block elements; inline ones live in the run
        run: list[_Item] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            name = token.name
            if token.kind == "text":
                run.append(_Item("text", token.start, token.end))
            elif token.kind in ("markup", "raw"):
                run.append(_Item("atom", token.start, token.end))
            elif token.kind == "end" and name in _BLOCK:
                self.flush(run, stack)
                if name in stack:  # close it and whatever was left open inside it
                    del stack[len(stack) - 1 - stack[::-1].index(name) :]
            elif token.kind == "end":
                run.append(_Item("close", token.start, token.end, token))
            else:
                silent = _untranslatable(self.text, token)
                if name in _BLOCK:
                    self.flush(run, stack)
                    while stack and name in _CLOSED_BY.get(stack[-1], ()):
                        stack.pop()
                if name in _OPAQUE or silent:
                    last = _subtree_end(tokens, i, stack, self.xhtml)
                    if name not in _BLOCK:  # words under translate="no" keep their place in the sentence
                        words = any(t.kind == "text" and self.words(t.start, t.end) for t in tokens[i : last + 1])
                        run.append(_Item("atom", token.start, tokens[last].end, visible=silent and words))
                    i = last + 1
                    continue
                if name in _BLOCK:
                    self.skeleton_attributes(token)
                    if name not in _VOID and not token.closed:
                        stack.append(name)
                elif name in _VOID or token.closed:
                    run.append(_Item("atom", token.start, token.end, token))
                else:
                    run.append(_Item("open", token.start, token.end, token))
            i += 1
        self.flush(run, stack)
        return self.claims

    def flush(self, run: list[_Item], stack: list[str]) -> None:
        """Turn the inline run collected so far into skeleton and at most one paragraph."""
        items = run[:]
        run.clear()
        _pair(items)
        lo, hi, code = 0, len(items) - 1, False
        while lo <= hi:  # peel off blanks, empty atoms and tags wrapping the whole run
            if self.trimmable(items[lo]):
                lo += 1
            elif self.trimmable(items[hi]):
                hi -= 1
            elif items[lo].kind == "open" and items[lo].mate is items[hi]:
                code = code or items[lo].tag.name in _CODE_LIKE
                lo, hi = lo + 1, hi - 1
            else:
                break
        body = items[lo : hi + 1]
        if code or not any(item.kind == "text" and self.words(item.start, item.end) for item in body):
            # nothing to translate: all of it is skeleton
            lo, hi, body = len(items), len(items), []
        for item in items[:lo]:
            self.skeleton_attributes(item.tag)
        if body:
            self.paragraph(body, _KINDS.get(stack[-1] if stack else "", "block"))
        for item in items[hi + 1 :]:
            self.skeleton_attributes(item.tag)

    def trimmable(self, item: _Item) -> bool:
        if item.kind == "text":
            return not self.text[item.start : item.end].strip(_SPACE)
        return item.kind == "atom" and not item.visible

    def paragraph(self, body: list[_Item], kind: str, decode: bool = True) -> None:
        """Claim the run as a paragraph, its character references decoded unless ``decode`` is off.

        Decoding is off only on a second try, when decoded text could not be told apart
        from placeholders or line breaks (``&lt;g1&gt;``, ``&#10;``), or would not give
        back the source exactly.
        """
        text = self.text
        start, end = body[0].start, body[-1].end
        while body[0].kind == "text" and text[start] in _SPACE:  # blanks around it stay skeleton
            start += 1
        while body[-1].kind == "text" and text[end - 1] in _SPACE:
            end -= 1
        shown: list[str] = []  # the translator's text, piece by piece
        length = 0  # of the shown text so far
        separators: list[str] = []
        line_starts = [0]
        markup: dict[str, list[str | _Slot]] = {}  # placeholder -> original tag text
        attributes: list[tuple[int, int, Paragraph]] = []  # of tags inside, listed first
        originals: dict[str, list[str]] | None = {} if decode else None  # decoded line -> as written, in order
        count = 0
        loose = False
        for item in body:
            source = text[max(item.start, start) : min(item.end, end)]
            if item.kind == "text":
                loose = loose or bool(_BARE_AMP.search(source))
                position = 0
                for match in [*_BREAK.finditer(source), None]:
                    written = source[position : match.start() if match else len(source)]
                    line = _decoded(written) if decode else written
                    if line is None:
                        return self.paragraph(body, kind, decode=False)
                    if decode:
                        originals.setdefault(line, []).append(written)
                    shown.append(line)
                    length += len(line)
                    if match:
                        shown.append("\n")
                        length += 1
                        separators.append(match.group())
                        line_starts.extend([length] * match.group().count("\n"))
                        position = match.end()
                continue
            if item.kind == "close":
                placeholder = f"</g{item.mate.number}>"
            else:
                count += 1
                item.number = count
                placeholder = f"<g{count}>" if item.kind == "open" else f"<x{count}/>"
            markup[placeholder] = self.tag_pieces(item, start, attributes)
            shown.append(placeholder)
            length += len(placeholder)
            line_starts.extend([length] * source.count("\n"))
        shown_text = "".join(shown)
        if line_starts == [0] + [m.end() for m in re.finditer("\n", shown_text)]:
            line_starts = []  # text lines are source lines: Paragraph counts them itself
        restore = _text_restorer(markup, separators, loose, originals)
        paragraph = Paragraph(shown_text, self.line(start), kind, line_starts, restore, markup_problems)
        if paragraph.to_markup(shown_text) == text[start:end]:
            self.claims.extend(attributes)
            self.claims.append((start, end, paragraph))
        elif decode:
            self.paragraph(body, kind, decode=False)

    def tag_pieces(self, item: _Item, at: int, attributes: list) -> list[str | _Slot]:
        """The tag's source, its translatable attribute values as slots filled at render time.

        Each attribute becomes a paragraph of its own, claimed as an empty slice at the
        start of the enclosing paragraph: rendered first, it stores its markup in the
        slot and outputs nothing; the paragraph then writes the slot into the tag.
        """
        pieces: list[str | _Slot] = []
        position = item.start
        for value_start, value_end, paragraph in self.attributes(item.tag):
            slot, escape = _Slot(paragraph.text), paragraph.restore
            paragraph.restore = lambda translation, slot=slot, escape=escape: slot.set(escape(translation))
            attributes.append((at, at, paragraph))
            pieces.extend([self.text[position:value_start], slot])
            position = value_end
        pieces.append(self.text[position : item.end])
        return pieces

    def skeleton_attributes(self, tag: _Token | None) -> None:
        self.claims.extend(self.attributes(tag))

    def attributes(self, tag: _Token | None):
        """(value start, value end, paragraph) for each translatable attribute of a start tag."""
        if tag is None or tag.kind != "start" or _untranslatable(self.text, tag):
            return
        for name, value_start, value_end, quote in tag.attrs:
            if value_start < 0 or not self.words(value_start, value_end):
                continue
            meta = tag.name == "meta" and name == "content" and any(
                (tag.attr(self.text, key) or "").strip().lower() in _META_NAMES for key in ("name", "property"))
            value = self.text[value_start:value_end]
            if name in _ATTRIBUTES or meta:
                shown = html.unescape(value)  # the translator sees the text, not its character references
                restore = _attribute_restorer(value, shown, quote, self.xhtml)
                paragraph = Paragraph(shown, self.line(value_start), f"attribute:{name}", restore=restore,
                                      check=markup_problems)
                yield value_start, value_end, paragraph


def _untranslatable(text: str, tag: _Token) -> bool:
    """``translate="no"``, or Sphinx's and Google's ``class="notranslate"``, which means the same."""
    if (tag.attr(text, "translate") or "").strip().lower() == "no":
        return True
    return "notranslate" in (tag.attr(text, "class") or "").split()


def _subtree_end(tokens: list[_Token], i: int, stack: list[str], xhtml: bool) -> int:
    """Index of the last token of the element starting at tokens[i]."""
    name = tokens[i].name
    if name in _VOID or (tokens[i].closed and (xhtml or name not in _RAW_TEXT)):
        return i
    depth = 0
    for j in range(i + 1, len(tokens)):
        token = tokens[j]
        if token.kind == "start" and token.name == name and not token.closed:
            depth += 1
        elif token.kind == "start" and depth == 0 and token.name in _CLOSED_BY.get(name, ()):
            return j - 1  # implied end tag
        elif token.kind == "end" and token.name == name:
            if depth == 0:
                return j
            depth -= 1
        elif token.kind == "end" and token.name in stack:
            return j - 1  # an ancestor ends, and this element with it
    return len(tokens) - 1


def _pair(items: list[_Item]) -> None:
    """Match open and close tags within the run; unmatched ones become atoms."""
    opened: list[int] = []
    for index, item in enumerate(items):
        if item.kind == "open":
            opened.append(index)
        elif item.kind == "close":
            match = next((k for k in reversed(opened) if items[k].tag.name == item.tag.name), None)
            if match is None:
                item.kind = "atom"
                continue
            while opened[-1] != match:  # misnested tags inside: they stand alone
                items[opened.pop()].kind = "atom"
            opened.pop()
            item.mate, items[match].mate = items[match], item
    for index in opened:
        items[index].kind = "atom"


def _escape_text(text: str, loose: bool) -> str:
    text = _TAG_OPEN.sub("&lt;", text)
    return text if loose else _BARE_AMP.sub("&amp;", text)


def _decoded(written: str) -> str | None:
    """A line of text with its character references decoded; None if it would then read as markup."""
    line = html.unescape(written)
    if line == written:
        return line
    if _PLACEHOLDER.search(line) or any(c in line for c in "\r\n"):
        return None
    return line


def _text_restorer(markup: dict[str, list[str | _Slot]], separators: list[str], loose: bool,
                   originals: dict[str, list[str]] | None):
    """``restore`` for a paragraph.

    ``originals`` maps each decoded line of the source to how the source wrote it (in
    order, for a line that occurs twice), None when the paragraph is shown as written.
    """

    def restore(translation: str) -> str:
        used: Counter = Counter()

        def escape(line: str) -> str:
            if originals is None:
                return _escape_text(line, loose)
            if line in originals:  # as in the source: as written there (``&eacute;`` stays ``&eacute;``)
                written = originals[line]
                used[line] += 1
                return written[min(used[line], len(written)) - 1]
            return line.replace("&", "&amp;").replace("<", "&lt;")  # the text has no references left

        pieces = _PLACEHOLDER.split(translation.replace("\r\n", "\n"))
        pieces[1::2] = [piece.lower() for piece in pieces[1::2]]
        present = set(pieces[1::2])
        out: list[str] = []
        breaks = 0
        for index, piece in enumerate(pieces):
            if index % 2:
                mate = piece.replace("</", "<") if piece.startswith("</") else piece.replace("<g", "</g")
                if piece not in markup:  # invented by the translator: show it, escaped
                    out.append(escape(piece))
                elif not piece.startswith("<x") and mate not in present:
                    continue  # half a pair: drop it so the markup stays balanced
                else:
                    out.extend(p if isinstance(p, str) else p.value for p in markup[piece])
                continue
            lines = piece.split("\n")
            out.append(escape(lines[0]))
            for line in lines[1:]:
                out.append(separators[breaks] if breaks < len(separators) else "\n")
                out.append(escape(line))
                breaks += 1
        return "".join(out)

    return restore


def _attribute_restorer(original: str, shown: str, quote: str, xhtml: bool):
    def restore(value: str) -> str:
        if value == shown:  # the source's value, as written there
            return original
        value = value.replace("&", "&amp;")  # the shown text has no references left
        if xhtml:
            value = value.replace("<", "&lt;")
        if quote:
            return value.replace(quote, "&quot;" if quote == '"' else "&#39;")
        if value and not _NEEDS_QUOTES.search(value):
            return value
        return '"' + value.replace('"', "&quot;") + '"'  # an unquoted value that now needs quotes

    return restore

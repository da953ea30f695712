"""Write a Catalog in GNU gettext's own layout, byte for byte what msgcat 0.21 writes.

Follows gettext's write-po.c: entries in order with obsolete ones last, a
blank line between entries, comments in the order translator (``# ``),
extracted (``#. ``), references (``#: ``, wrapped by length), flags (``#, ``,
fuzzy first, then format flags in gettext's order, range, no-wrap) and
previous strings (``#| ``); strings wrapped at ``width`` columns with
libunistring's Unicode line breaking (see ``linebreak``), a ``msgid ""``
first line when a string has a newline before its end or does not fit.

Where msgcat drops content we keep it, so reading and writing never loses
anything: unknown flags (e.g. ``no-wb-foo``, ``wrap``) are written after the
known ones in their original order; fuzzy is kept on untranslated and on
obsolete entries; obsolete entries with an empty msgstr are kept; flags of
obsolete entries are kept; references are written as read (msgcat would
rewrite ``./a.c:007`` as ``a.c:7`` and drop duplicates).

Content a PO file cannot hold is refused (WorkbenchError with the entry's
line) instead of being written so that it reads back different: a comment
with a line break in it or ending in a carriage return (the reader takes
"\r\n" for a CRLF line end), a reference that is empty or has white space,
flags that would split or join differently, a NUL.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write
from workbench.po.catalog import FUZZY, Catalog, Message
from workbench.po.directives import directive_overrides
from workbench.po.linebreak import PROHIBITED, LineBreaker, text_width
from workbench.po.reader import header_charset, parse_flags, python_codec

# Format flags in the order msgcat 0.21 writes them (gettext's format_language[]).
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme",
    "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt",
    "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp",
)
_FORMAT_RANK = {name: index for index, name in enumerate(FORMAT_LANGUAGES)}
_FORMAT_FLAG = re.compile(r"(?:no-|possible-|impossible-)?(.+)-format")

# Python codec names of the encodings libunistring treats as East Asian (uniwidth/cjk.h).
_CJK_CODECS = frozenset({"euc_jp", "gb2312", "gbk", "big5", "euc_kr", "cp949", "johab"})

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
            "\\": "\\\\", '"': '\\"'}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')
_REFERENCE_BREAKS = re.compile(r"[ \t\n]")  # what the reader splits a "#:" line on, and line ends
_NO_WRAP = 2**31 - 1  # INT_MAX: gettext's width when wrapping is off


def flag_rank(flag: str) -> tuple[int, int]:
    """Sort key putting flags in msgcat's order; unknown flags go last (sort is stable)."""
    if flag == FUZZY:
        return (0, 0)
    match = _FORMAT_FLAG.fullmatch(flag)
    if match and match.group(1) in _FORMAT_RANK:
        return (1, _FORMAT_RANK[match.group(1)])
    if flag.startswith("range: "):
        return (2, 0)
    if flag == "no-wrap":
        return (3, 0)
    return (4, 0)


def wraps(flags: list[str]) -> bool:
    """False when an entry's flags say ``no-wrap`` (the last of wrap/no-wrap wins, as in gettext)."""
    for flag in reversed(flags):
        if flag == "no-wrap":
            return False
        if flag == "wrap":
            return True
    return True


def format_po(catalog: Catalog, width: int = 79) -> str:
    """The catalogue as PO text in msgcat's layout (``width`` as msgcat's -w: at least 20, 0 for no wrapping)."""
    width = _NO_WRAP + 1 if width == 0 else max(width, 20)
    header = catalog.header
    codec = python_codec(header_charset(header.msgstr if header else None))
    writer = _Writer(width, codec in _CJK_CODECS, codec)
    out: list[str] = []
    first = True
    # msgcat writes obsolete entries after all the others.
    for obsolete in (False, True):
        for message in catalog.messages:
            if message.obsolete is obsolete:
                if not first:
                    out.append("\n")
                first = False
                writer.message(out, message)
    return "".join(out)


def write_po(catalog: Catalog, path: str | Path) -> bool:
    """Write the catalogue atomically in its header's charset; False if the file was already so."""
    header = catalog.header
    charset = header_charset(header.msgstr if header else None)
    codec = python_codec(charset, path)
    try:
        text = format_po(catalog)
    except WorkbenchError as exc:
        raise WorkbenchError(exc.message, exc.path or path, exc.line) from None
    try:
        data = text.encode(codec)
    except UnicodeEncodeError as exc:
        raise WorkbenchError(
            f"character {exc.object[exc.start]!r} cannot be written in the header's charset {charset}; "
            "change the charset to UTF-8",
            path,
        ) from None
    return atomic_write(path, data)


def _escape(text: str) -> str:
    # str.translate() with a dict is slow, and most strings have nothing to escape
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


class _Writer:
    def __init__(self, width: int, cjk: bool, codec: str):
        self.width = width
        self.cjk = cjk
        self.codec = codec
        self.flag_cache: dict[tuple[str, ...], tuple[str | None, bool, str | None]] = {}
        self.lineno: int | None = None

    def message(self, out: list[str], message: Message) -> None:
        self.lineno = message.lineno or None  # for errors
        for comment in message.translator_comments:
            self.check_comment(comment, "translator comment")
            out.append(f"# {comment}\n" if comment else "#\n")
        for comment in message.extracted_comments:
            self.check_comment(comment, "extracted comment")
            out.append(f"#. {comment}\n" if comment else "#.\n")
        if message.references:
            self.references(out, message.references)
        if message.flags:
            flags_line, do_wrap, fmt = self.flag_effects(message.flags)
            if flags_line is None:
                raise WorkbenchError(f"flags {message.flags!r} would not read back as written (a flag is empty, "
                                     "or holds a comma or white space)", None, self.lineno)
            out.append(flags_line)
        else:
            do_wrap, fmt = True, None
        if message.obsolete:
            prev_prefix, prefix = "#~| ", "#~ "
        else:
            prev_prefix, prefix = "#| ", ""
        if message.previous_msgctxt is not None:
            self.wrap(out, prev_prefix, "msgctxt", message.previous_msgctxt, do_wrap, fmt)
        if message.previous_msgid is not None:
            self.wrap(out, prev_prefix, "msgid", message.previous_msgid, do_wrap, fmt)
        if message.previous_msgid_plural is not None:
            self.wrap(out, prev_prefix, "msgid_plural", message.previous_msgid_plural, do_wrap, fmt)
        if message.msgctxt is not None:
            self.wrap(out, prefix, "msgctxt", message.msgctxt, do_wrap, fmt)
        self.wrap(out, prefix, "msgid", message.msgid, do_wrap, fmt)
        if message.msgid_plural is not None:
            self.wrap(out, prefix, "msgid_plural", message.msgid_plural, do_wrap, fmt)
            for index, msgstr in enumerate(message.msgstr_plural):
                self.wrap(out, prefix, f"msgstr[{index}]", msgstr, do_wrap, fmt, is_msgstr=True)
        else:
            self.wrap(out, prefix, "msgstr", message.msgstr, do_wrap, fmt, is_msgstr=True)

    def check_comment(self, comment: str, kind: str) -> None:
        if "\n" in comment or comment.endswith("\r"):
            raise WorkbenchError(f"a {kind} {comment[:40]!r} holds a line break or ends in a carriage return, "
                                 "which a PO comment line cannot keep", None, self.lineno)

    def flag_effects(self, flags: list[str]) -> tuple[str | None, bool, str | None]:
        """The ``#,`` line (None if it would not read back as these flags), whether to wrap, and the
        format strings are parsed with (cached: few flag sets)."""
        key = tuple(flags)
        effects = self.flag_cache.get(key)
        if effects is None:
            ordered = sorted(flags, key=flag_rank)
            line = "#, " + ", ".join(ordered) + "\n"
            if parse_flags(line[2:]) != ordered:
                line = None
            # gettext parses strings with the first format (in its own order) the entry may be in
            formats = [f for f in flags if _FORMAT_FLAG.fullmatch(f) and not f.startswith(("no-", "impossible-"))
                       and flag_rank(f)[0] == 1]
            fmt = min(formats, key=flag_rank) if formats else None
            effects = self.flag_cache[key] = (line, wraps(flags), fmt)
        return effects

    def references(self, out: list[str], references: list[str]) -> None:
        # gettext counts bytes here, not columns, and wraps at the full page width.
        line = ["#:"]
        column = 2
        for ref in references:
            if not ref or _REFERENCE_BREAKS.search(ref) or ref.endswith("\r"):
                raise WorkbenchError(f"a reference {ref[:40]!r} is empty, holds white space or ends in a carriage "
                                     "return: it would not read back as one reference", None, self.lineno)
            length = (len(ref) if ref.isascii() else len(ref.encode(self.codec, "replace"))) + 1
            if column > 2 and column + length > self.width:
                out.append("".join(line) + "\n")
                line = ["#:"]
                column = 2
            line.append(" " + ref)
            column += length
        out.append("".join(line) + "\n")

    def wrap(self, out: list[str], prefix: str, name: str, value: str, do_wrap: bool,
             fmt: str | None, is_msgstr: bool = False) -> None:
        """Write ``name "value"`` as gettext's wrap() does."""
        if "\0" in value:
            raise WorkbenchError(f"{name} contains a NUL character, which a PO file cannot hold", None, self.lineno)
        # Columns: each line is prefix + '"' + text + '"'; the first also has name + ' '.
        width = (self.width if do_wrap else _NO_WRAP) - 1 - (len(prefix) + 1)
        if "\n" not in value:
            # The common case, one portion that fits: no line breaking to do.
            escaped = _escape(value)
            if self.fits(escaped, width - len(name) - 1):
                out.append(f'{prefix}{name} "{escaped}"\n')
                return
        first_line = True
        # gettext handles the string in portions, each ending after a "\n".
        portions = value.split("\n")
        if len(portions) > 1:
            last = portions.pop()
            portions = [p + "\n" for p in portions]
            if last:
                portions.append(last)
        spans: list[bool] | None | bool = False  # computed when first needed
        offset = 0  # of the portion in value, to find its format directives
        for number, portion in enumerate(portions):
            escaped = _escape(portion)
            if first_line and escaped and (number < len(portions) - 1 or len(name) + 1 > width):
                # gettext's rule: a string that spans lines starts with "" on the keyword line
                out.append(f'{prefix}{name} ""\n')
                first_line = False
            start_column = len(name) + 1 if first_line else 0
            if self.fits(escaped, width - start_column):
                lines = [escaped]  # fits: no break can be needed
            else:
                if spans is False:
                    spans = directive_overrides(value, fmt, is_msgstr, self.codec) if fmt else None
                breaker = LineBreaker(escaped, break_overrides(portion, escaped, spans, offset), self.cjk)
                breaks = breaker.breaks(width, start_column)
                if first_line and breaks:
                    out.append(f'{prefix}{name} ""\n')  # the same rule
                    first_line = False
                    breaks = breaker.breaks(width, 0)
                lines = [escaped[start:end] for start, end in zip([0, *breaks], [*breaks, len(escaped)])]
            head = f"{prefix}{name} " if first_line else prefix
            first_line = False
            out.append(f'{head}"' + f'"\n{prefix}"'.join(lines) + '"\n')
            offset += len(portion)

    def fits(self, escaped: str, columns: int) -> bool:
        """Whether an escaped string takes at most ``columns`` columns.

        A "no" only costs time: the line breaker then finds no break to make.
        """
        if escaped.isascii():
            return len(escaped) <= columns  # (control characters take 0 columns, not 1)
        # no character is wider than 2 columns: most short strings need no lookup
        return 2 * len(escaped) <= columns or text_width(escaped, self.cjk) <= columns


def break_overrides(portion: str, escaped: str, spans: list[bool] | None, offset: int) -> dict[int, int]:
    """Where a break is forbidden in ``escaped`` (``portion`` escaped; it starts at ``offset`` in ``spans``)."""
    overrides: dict[int, int] = {}
    if len(escaped) != len(portion):
        # Each escape is two characters; never break between them.
        at = escaped.find("\\")
        while at >= 0:
            overrides[at + 1] = PROHIBITED
            at = escaped.find("\\", at + 2)
    if spans is not None:
        # Never break inside a format directive (after its first character).
        inside = compress(range(len(portion)), spans[offset:offset + len(portion)])
        if len(escaped) != len(portion):
            # in the escaped text, each escape before a character moves it one further
            escapes = [match.start() for match in _NEEDS_ESCAPE.finditer(portion)]
            inside = (index + bisect_left(escapes, index) for index in inside)
        overrides.update(dict.fromkeys(inside, PROHIBITED))
    if portion.endswith("\n"):
        overrides[len(escaped) - 2] = PROHIBITED  # no break just before the final "\n"
    return overrides

"""Read PO/POT files into a Catalog, faithfully and fast.

Why not polib: it is too slow for 100,000-entry catalogues and it loses line
numbers and some content. This parser is line-based: every line of a PO file
is a comment (``#...``), a keyword with its first string (``msgid "..."``), a
continuation string (``"..."``) or blank; ``#~`` and ``#|`` prefixes mark
obsolete and previous lines, after which the rest of the line is read the same
way. It accepts what GNU gettext's po-lex.c accepts in practice (several
strings on a line, a keyword alone on its line with its string below, CRLF
line ends), with the same escapes, and refuses the same mistakes -- each with
the line it was found on. As in gettext, the file's charset is the one its
header entry declares (``parse_po_bytes``), and lines end at "\n" only.

Where gettext is lenient in a way that loses content we refuse instead:
comments after the last entry (gettext drops them) and ``\\0`` in a string
(gettext truncates the string there).
"""

from __future__ import annotations

import codecs
import gc
import re
from pathlib import Path
from typing import Iterable, Iterator

from workbench.errors import WorkbenchError
from workbench.fileio import read_bytes
from workbench.po.catalog import Catalog, Message

# White space between tokens, as gettext's lexer (po-lex.c) skips it. Python's
# str.split() and str.isspace() also take \x1c-\x1f, \x85, U+2028... which
# gettext refuses: use these instead.
_BLANK = " \t\r\f\v"
_BLANK_RUN = re.compile(r"[ \t\r\f\v]+")
# A keyword line: the keyword, an optional [N], then the rest (strings).
_KEYWORD = re.compile(r"[ \t\r\f\v]*(msgctxt|msgid_plural|msgid|msgstr)(?:\[([^\]]*)\])?(?=[ \t\r\f\v\"]|$)[ \t\r\f\v]*")
# One quoted string with its escapes left as they are.
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t\r\f\v]*')
# One escape: a backslash and what follows it. finditer() over a chunk is the
# scanner for gettext's escape grammar: it steps from one backslash to the
# next, so it takes linear time on any input. (A single pattern validating a
# whole chunk, with ``\\x41`` also matching ``\\x4`` then ``1``, backtracked
# exponentially on a bad escape after many good ones.)
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_SIMPLE_KEYWORDS = {"msgid": "msgid", "msgstr": "msgstr", "msgctxt": "msgctxt", "msgid_plural": "msgid_plural"}
_CHARSET = re.compile(r"charset=([^ \t\n]*)")
# What a charset name may look like before Python's codec registry sees it
# (codecs.lookup() raises ValueError on a NUL, UnicodeEncodeError on a surrogate).
_CHARSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,39}")
# The charsets a PO file may be in, by Python codec name: those gettext knows
# (po-charset.c's portable names, and the ones glibc and libiconv convert) that
# are ASCII-compatible -- a file's header is read before its charset is known --
# and that Python has a codec for (not EUC-TW, VISCII, GEORGIAN-PS, ARMSCII-8,
# CP1131). Anything else in codecs.lookup()'s reach is refused: base64, zlib,
# rot13, hex are bytes-to-bytes transforms; idna, punycode, undefined, UTF-16,
# UTF-7, EBCDIC and the escape codecs are no charset a PO file can be in.
_CHARSETS = frozenset({
    "ascii", "utf-8",
    "iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
    "iso8859-9", "iso8859-10", "iso8859-11", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "koi8-r", "koi8-u", "koi8-t", "ptcp154", "cp850", "cp866", "cp874", "cp1125",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp950", "euc_jp", "shift_jis", "cp932",
    "euc_kr", "cp949", "johab", "tis-620",
})
_REFERENCE_SEPARATORS = re.compile(r"[ \t]+")
# An entry as gettext's tools lay it out: its comment lines (not #~ or #|), then msgctxt, msgid, msgid_plural and
# msgstr or msgstr[N], each keyword at the start of its line with one space and a string, its other strings alone
# on the lines below; a string holds no line end and no unescaped quote (``_Parser._laid_out``).
_STRING_LINE = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"\n'  # (unrolled: the regex engine takes each run of plain text at once)
_STRINGS = rf"{_STRING_LINE}(?:{_STRING_LINE})*"
_LAID_OUT = re.compile(
    r"((?:#[^~|\n][^\n]*\n|#\n)*)"
    rf"(?:msgctxt ({_STRINGS}))?"
    rf"msgid ({_STRINGS})"
    rf"(?:msgid_plural ({_STRINGS})((?:msgstr\[[0-9]+\] {_STRINGS})+)|msgstr ({_STRINGS}))"
)
_FORMS = re.compile(rf"msgstr\[([0-9]+)\] ({_STRINGS})")
_BLANK_LINES = re.compile(r"\n*")
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")


def header_charset(header_msgstr: str | None) -> str | None:
    """The charset named in a header's Content-Type, as gettext finds it (None if absent or "CHARSET")."""
    if header_msgstr is None:
        return None
    match = _CHARSET.search(header_msgstr)
    if not match or not match.group(1) or match.group(1) == "CHARSET":
        return None
    return match.group(1)


def python_codec(charset: str | None, path: str | Path | None = None, line: int | None = None) -> str:
    """The Python codec for a PO charset name; UTF-8 when none is declared.

    Only the text encodings in ``_CHARSETS`` are accepted; any other name is a
    WorkbenchError (``path`` and ``line`` say where the header is).
    """
    if charset is None:
        return "utf-8"
    codec = None
    if _CHARSET_NAME.fullmatch(charset):
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            pass
    if codec not in _CHARSETS:
        raise WorkbenchError(
            f"unknown charset {charset!r} in the header's Content-Type; a PO file is in an ASCII-compatible "
            "charset gettext knows, such as UTF-8, ISO-8859-1, KOI8-R, CP1251, GB18030, BIG5, EUC-JP or SHIFT_JIS",
            path,
            line,
        )
    return codec


def _byte(octal: str | None, hexa: str | None) -> int:
    """The byte an octal or hex escape stands for: gettext keeps the low byte, as C's char would."""
    return (int(octal, 8) if octal is not None else int(hexa, 16)) & 0xFF


def parse_flags(text: str) -> list[str]:
    """Split a ``#,`` line's text into flags as gettext does: on commas and white space.

    ``range: 1..5`` is one flag made of two tokens, so it is glued back together.
    """
    flags: list[str] = []
    tokens = [t for t in _FLAG_SEPARATORS.split(text) if t]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "range:" and i + 1 < len(tokens):
            flags.append(f"range: {tokens[i + 1]}")
            i += 2
            continue
        flags.append(token)
        i += 1
    return flags


def _chunks(strings: str) -> list[str]:
    """The raw (still escaped) strings of a field's lines, as ``_LAID_OUT`` found them: ``"a"\\n"b"\\n``. (A string
    holds no line end, so a quote, a line end and a quote are always between two strings.)"""
    return strings[1:-2].split('"\n"')


def _joined(strings: str) -> str:
    """A field's value from its laid out strings, when they hold no escape."""
    inner = strings[1:-2]
    return inner.replace('"\n"', "") if '"\n"' in inner else inner


def _bad_escape(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first escape of ``text[start:end]`` gettext does not know, or \\0 (it would cut the string there); None
    if there is none. (Asked of a laid out entry's keywords and strings too: outside its strings they have no
    backslash.)"""
    for match in _ESCAPE.finditer(text, start, len(text) if end is None else end):
        simple, octal, hexa, bad = match.groups()
        if bad is not None or (simple is None and _byte(octal, hexa) == 0):
            return match
    return None


def _read_comment(line: str, flags: list[str], references: list[str], extracted: list[str],
                  translator: list[str]) -> None:
    """One comment line (``#...``, not ``#~`` or ``#|``) into its entry's lists, as gettext reads it."""
    kind = line[1:2]
    if kind == "," or kind == "!":  # gettext reads "#!" as flags too
        flags.extend(parse_flags(line[2:]))
    elif kind == ":":
        # gettext separates references by spaces and tabs only (not, say, U+00A0)
        references.extend(ref for ref in _REFERENCE_SEPARATORS.split(line[2:]) if ref)
    elif kind == ".":
        text = line[2:]
        extracted.append(text[1:] if text.startswith(" ") else text)
    else:
        text = line[1:]
        translator.append(text[1:] if text.startswith(" ") else text)


def _read_comments(message: Message, comments: str) -> None:
    """A laid out entry's comment lines into ``message``."""
    for line in comments[:-1].split("\n"):
        _read_comment(line, message.flags, message.references, message.extracted_comments,
                      message.translator_comments)


def read_po(path: str | Path) -> Catalog:
    """Read a PO/POT file, decoding it by its header's charset (UTF-8 by default; a BOM is tolerated)."""
    path = Path(path)
    catalog = parse_po_bytes(read_bytes(path), str(path))
    catalog.path = str(path)
    return catalog


def parse_po_bytes(raw: bytes, path: str = "<bytes>") -> Catalog:
    """Parse a PO file's bytes in the charset its header entry declares, as GNU gettext does.

    The charset is read from the header entry's Content-Type and nowhere else:
    the lines up to the end of the header entry are read first in an
    ASCII-compatible way (every charset allowed is ASCII-compatible), then the
    whole file is decoded in that charset; bytes that do not decode are an error.
    """
    bom = raw.startswith(codecs.BOM_UTF8)
    if bom:
        raw = raw[len(codecs.BOM_UTF8):]
    header, header_line = _Parser(path, "utf-8", "surrogateescape").header(_ascii_lines(raw))
    charset = header_charset(header.msgstr if header is not None else None)
    codec = python_codec(charset, path, header_line)
    if bom and codec != "utf-8":
        raise WorkbenchError(f"the file starts with a UTF-8 byte order mark but its header says charset={charset}",
                             path, header_line)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if charset is None:
            advice = "the header declares no charset, so it is read as UTF-8; declare the file's charset in its Content-Type"
        else:
            advice = f"the file is not in the charset its header declares ({charset})"
        raise WorkbenchError(f"byte 0x{raw[exc.start]:02x} is not valid {codec}: {advice}", path, line) from None
    return _Parser(path, codec).parse(text)


def _ascii_lines(raw: bytes) -> Iterator[str]:
    """A file's lines one by one, before its charset is known.

    Decoded as UTF-8 with undecodable bytes kept as lone surrogates: ASCII
    bytes (all the PO syntax) read the same in every allowed charset, and
    errors in a UTF-8 file show its text as it is.
    """
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start)
        if end < 0:
            end = len(raw)
        yield raw[start:end].decode("utf-8", "surrogateescape")
        start = end + 1


def parse_po(text: str, path: str = "<string>", codec: str | None = None) -> Catalog:
    """Parse the text of a PO file.

    ``codec`` is only used to turn ``\\x``/octal escapes into characters; by
    default UTF-8, then the header's charset from the header entry on.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Parser(path, codec).parse(text)


# -- a file read again a piece at a time (a re-run of the checks after an edit: ``checks.runner``) ----------
def entry_pieces(raw: bytes) -> list[tuple[int, bytes]] | None:
    """A PO file's bytes cut at its blank lines: (the line it starts on, its bytes without the line end closing
    it) of each piece. In a file gettext's tools wrote, each piece is one entry, and its bytes are read the same
    wherever they stand (``parse_piece``); None for a file not so laid out at all: a byte order mark, a CR, no
    line end at its end. (A string holds no line end, so two line ends in a row are always a blank line.)"""
    if raw.startswith(codecs.BOM_UTF8) or b"\r" in raw or not raw.endswith(b"\n"):
        return None
    pieces = []
    line = 1
    for piece in raw.split(b"\n\n"):
        stripped = piece.lstrip(b"\n")  # more than one blank line: the others begin the piece
        if stripped:
            pieces.append((line + len(piece) - len(stripped), stripped.removesuffix(b"\n")))
        line += piece.count(b"\n") + 2
    return pieces


def parse_piece(piece: bytes, line: int, codec: str, path: str) -> list[Message] | None:
    """The entries of a piece of ``entry_pieces``, as ``parse_po_bytes`` reads them in the whole file (``codec``
    the file's, from its header; ``line`` the piece's first); None where the piece is not wholly in gettext's
    layout or holds a mistake: the whole file is then read, which says where."""
    try:
        text = piece.decode(codec) + "\n"
    except UnicodeDecodeError:
        return None
    catalog = _Parser(path, codec)._laid_out(text, line)
    return None if catalog is None else catalog.messages


class _HeaderRead(Exception):
    """Stops a parser that was only asked for the header entry, once it has it."""

    def __init__(self, header: Message, line: int):
        super().__init__()
        self.header = header
        self.line = line


class _Entry:
    """An entry being read: its fields so far and where we are in its grammar."""

    __slots__ = (
        "lineno", "phase", "obsolete", "translator", "extracted", "references", "flags",
        "prev", "fields", "msgstrs", "target", "target_prefix", "msgid_line", "lines",
    )

    # phases: 0 comments and previous fields, 1 msgctxt, 2 msgid, 3 msgid_plural, 4 msgstr seen
    def __init__(self, lineno: int):
        self.lineno = lineno
        self.phase = 0
        self.obsolete: bool | None = None
        self.translator: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.prev: dict[str, list] = {}
        self.fields: dict[str, list] = {}
        self.msgstrs: list[list] = []
        self.target: list | None = None  # the chunk list continuation strings go to
        self.target_prefix = ""  # "#~", "#|", "#~|" or "" for that target
        self.msgid_line = 0
        self.lines: dict[str, int] = {}  # line of each field's keyword, for errors found later


class _Parser:
    def __init__(self, path: str, codec: str | None, errors: str = "strict"):
        self.path = path
        self.codec = codec or "utf-8"
        self.codec_from_header = codec is None
        self.errors = errors  # of the codec, for escapes (see _ascii_lines)
        self.header_only = False
        self.messages: list[Message] = []
        self.seen: dict[tuple[str | None, str], int] = {}

    def error(self, message: str, line: int) -> WorkbenchError:
        return WorkbenchError(message, self.path, line)

    # -- strings --------------------------------------------------------------
    def unescape(self, chunks: list[str], line: int) -> str:
        """Join an entry field's raw string chunks, resolving escapes.

        Escapes were validated when the chunks were read. ``\\x``/octal escapes
        give bytes in the file's charset (as in gettext), so a field that has any
        is assembled as bytes and decoded at the end.
        """
        if len(chunks) == 1:
            raw = chunks[0]
            if "\\" not in raw:
                return raw
        else:
            joined = "".join(chunks)
            if "\\" not in joined:
                return joined
        parts: list = []
        has_bytes = False
        for raw in chunks:
            if "\\" not in raw:
                parts.append(raw)
                continue
            pos = 0
            for match in _ESCAPE.finditer(raw):
                if match.start() > pos:
                    parts.append(raw[pos:match.start()])
                simple, octal, hexa, _bad = match.groups()
                if simple is not None:
                    parts.append(_SIMPLE_ESCAPES[simple])
                else:
                    parts.append(bytes((_byte(octal, hexa),)))  # never 0: check_escapes refused it
                    has_bytes = True
                pos = match.end()
            if pos < len(raw):
                parts.append(raw[pos:])
        if not has_bytes:
            return "".join(parts)
        try:
            data = b"".join(p if isinstance(p, bytes) else p.encode(self.codec, self.errors) for p in parts)
            return data.decode(self.codec, self.errors)
        except UnicodeError:
            raise self.error(f"the escape sequences in this string do not form valid {self.codec}", line) from None

    def check_escapes(self, chunk: str, line: int) -> None:
        """Refuse an escape gettext does not know, and \\0 (gettext would cut the string there)."""
        match = _bad_escape(chunk)
        if match is None:
            return
        bad = match.group(4)
        if bad is None:
            raise self.error("a string contains \\0 (NUL), which gettext cannot represent", line)
        shown = "a lone backslash" if not bad else "\\" + bad if bad.isprintable() else f"\\ followed by {bad!r}"
        raise self.error(
            f"invalid escape sequence {shown} in a string; gettext knows "
            '\\n \\t \\" \\\\ \\r \\a \\b \\f \\v, octal \\NNN and hex \\xHH',
            line,
        )

    def strings(self, rest: str, line: int) -> list[str]:
        """The quoted strings making up the rest of a line, as raw (still escaped) chunks."""
        chunks = []
        pos = 0
        n = len(rest)
        while pos < n:
            if rest[pos] != '"':
                raise self.error(f"unexpected text {rest[pos:pos + 20]!r}; expected a quoted string", line)
            match = _STRING.match(rest, pos)
            if match is None:
                raise self.error("unterminated string: a string must end with \" on the same line", line)
            chunk = match.group(1)
            if "\\" in chunk:
                self.check_escapes(chunk, line)
            chunks.append(chunk)
            pos = match.end()
        return chunks

    # -- lines ------------------------------------------------------------------
    def header(self, lines: Iterable[str]) -> tuple[Message | None, int | None]:
        """Read only as far as the header entry: it and the line of its msgstr (None, None if it has none)."""
        self.header_only = True
        try:
            self._parse(lines)
        except _HeaderRead as found:
            return found.header, found.line
        return None, None

    def parse(self, text: str) -> Catalog:
        # 100,000 entries make many small lists: the cyclic GC would scan them
        # over and over while nothing here can form a cycle, so pause it.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            codec = self.codec
            catalog = self._laid_out(text)
            if catalog is not None:
                return catalog
            # not all in gettext's own layout, or a mistake somewhere: read line by line, which says where
            self.messages, self.seen, self.codec = [], {}, codec
            # split on "\n" only, as gettext does (str.splitlines() also splits on \x0c, \x1c, U+2028...)
            return self._parse(text.split("\n"))
        finally:
            if gc_was_enabled:
                gc.enable()

    def _laid_out(self, text: str, first_line: int = 1) -> Catalog | None:
        """The catalogue of a file wholly in the layout gettext's tools write (``_LAID_OUT``: comments, then
        each keyword with its strings, an entry after another), read an entry at a time by one pattern; None
        for anything else, to be read line by line: obsolete (#~) and previous (#|) lines, white space before
        a keyword or a comment, CR line ends, an escape that is not gettext's, a mistake of any kind (the line
        by line reading finds it and names its line). Both readings give the same catalogue (tests/po)."""
        if "\r" in text or not text.endswith("\n"):
            return None
        entry = _LAID_OUT.match
        blank = _BLANK_LINES.match
        unescape = self.unescape
        messages = self.messages
        seen = self.seen
        line = first_line
        position = blank(text).end()
        line += position
        size = len(text)
        while position < size:
            found = entry(text, position)
            if found is None:
                return None
            comments, context, msgid, plural, forms, msgstr = found.groups()
            first, last = found.end(1), found.end()  # its keywords and strings (the comments have no escape)
            if text.find("\\", first, last) >= 0:
                if _bad_escape(text, first, last) is not None:
                    return None
                value = lambda strings: unescape(_chunks(strings), line)  # noqa: E731
            else:
                value = _joined
            try:
                if plural is None:
                    message = Message(msgid=value(msgid), msgstr=value(msgstr), lineno=line)
                else:
                    indexed = _FORMS.findall(forms)
                    if [index for index, _ in indexed] != [str(number) for number in range(len(indexed))]:
                        return None  # msgstr[N] out of order: said where by the line by line reading
                    message = Message(msgid=value(msgid), msgid_plural=value(plural),
                                      msgstr_plural=[value(block) for _, block in indexed], lineno=line)
                if context is not None:
                    message.msgctxt = value(context)
            except WorkbenchError:
                return None
            if comments:
                _read_comments(message, comments)
            key = (message.msgctxt, message.msgid)
            if key in seen:
                return None  # a duplicate: said where by the line by line reading
            seen[key] = line
            if message.is_header and self.codec_from_header:
                try:
                    self.codec = python_codec(header_charset(message.msgstr), self.path, line)
                except WorkbenchError:
                    return None
            messages.append(message)
            end = blank(text, found.end()).end()
            line += text.count("\n", position, end)
            position = end
        if not messages:
            return None
        return Catalog(messages=messages)

    def _parse(self, lines: Iterable[str]) -> Catalog:
        entry = _Entry(0)
        simple = _SIMPLE_KEYWORDS
        for lineno, line in enumerate(lines, 1):
            if not line:
                continue
            if line[-1] == "\r":
                # CRLF files: gettext reads them too. (It keeps a comment's CRs as part of
                # the comment; for us they are the line end, so fmt writes LF files.)
                line = line.rstrip("\r")
                if not line:
                    continue
            first = line[0]
            # Fast paths for the lines of a file in gettext's own layout: a
            # keyword and one string, or one continuation string; anything
            # else goes through the general (slower) path below.
            if first == "m" or first == '"':
                if first == '"':
                    keyword = None
                    inner = line[1:-1]
                else:
                    space = line.find(" ")
                    keyword = simple.get(line[:space]) if space > 0 else None
                    inner = line[space + 2:-1] if keyword else None
                if (
                    inner is not None
                    and line[-1] == '"'
                    and (keyword is None or line[space + 1:space + 2] == '"')
                    and len(line) >= 2
                    and '"' not in inner
                    and not inner.endswith("\\")
                ):
                    if keyword is None:
                        if entry.target is None or entry.target_prefix:
                            entry = self.syntax(entry, line, lineno, "")
                            continue
                        entry.target.append(inner)
                    else:
                        entry = self.keyword(entry, keyword, None, [inner], lineno, "")
                    # (after keyword(): a parser reading only the header stops there when this line starts the next entry)
                    if "\\" in inner:
                        self.check_escapes(inner, lineno)
                    continue
            if first in _BLANK:
                stripped = line.lstrip(_BLANK)
                if not stripped:
                    continue  # e.g. a form feed alone on its line: an Emacs page break
                if stripped[0] == "#":
                    line = stripped  # gettext's lexer skips white space before a comment too
                    first = "#"
            if first == "#":
                second = line[1:2]
                if second == "~":
                    if line[2:3] == "|":
                        entry = self.syntax(entry, line[3:], lineno, "#~|")
                    else:
                        entry = self.syntax(entry, line[2:], lineno, "#~")
                elif second == "|":
                    entry = self.syntax(entry, line[2:], lineno, "#|")
                else:
                    entry = self.comment(entry, line, lineno)
            else:
                entry = self.syntax(entry, line, lineno, "")
        if entry.phase == 4:
            self.finish(entry)
        elif entry.phase > 0:
            raise self.error("entry has no msgstr", entry.lineno)
        elif entry.translator or entry.extracted or entry.references or entry.flags or entry.prev:
            raise self.error(
                "comments after the last entry belong to no entry (gettext would drop them); "
                "remove them or move them above an entry",
                entry.lineno,
            )
        return Catalog(messages=self.messages)

    def comment(self, entry: _Entry, line: str, lineno: int) -> _Entry:
        if entry.phase == 4:
            self.finish(entry)
            entry = _Entry(lineno)
        elif entry.phase > 0:
            raise self.error("a comment in the middle of an entry; comments go before msgctxt/msgid", lineno)
        if not entry.lineno:
            entry.lineno = lineno
        _read_comment(line, entry.flags, entry.references, entry.extracted, entry.translator)
        return entry

    def syntax(self, entry: _Entry, rest: str, lineno: int, prefix: str) -> _Entry:
        """A keyword line or a continuation string, after any ``#~``/``#|`` prefix."""
        stripped = rest.lstrip(_BLANK)
        if not stripped:
            return entry  # a blank line, or a blank "#~" or "#|" line
        if stripped[0] == '"':
            if entry.target is None:
                raise self.error("a string with no keyword (msgid, msgstr, ...) before it", lineno)
            if prefix != entry.target_prefix and not (prefix.startswith("#~") and entry.target_prefix.startswith("#~")):
                raise self.error(
                    f"continuation line {'starts with ' + repr(prefix) if prefix else 'has no #~/#| prefix'} "
                    f"unlike the line it continues",
                    lineno,
                )
            entry.target.extend(self.strings(stripped, lineno))
            return entry
        match = _KEYWORD.match(rest)
        if match is None:
            word = _BLANK_RUN.split(stripped, 1)[0][:30]
            raise self.error(
                f"unknown keyword {word!r}; a PO line is a comment (#), msgctxt, msgid, msgid_plural, msgstr, "
                f"msgstr[N] or a quoted string",
                lineno,
            )
        chunks: list[str] = []
        entry = self.keyword(entry, match.group(1), match.group(2), chunks, lineno, prefix)
        # Read after keyword(), which may end the entry before: a parser reading only the header stops
        # there, before the next entry's strings (in SHIFT_JIS, 表 is 0x95 0x5C: no escape once decoded).
        chunks.extend(self.strings(rest[match.end():], lineno))
        return entry

    def keyword(self, entry: _Entry, keyword: str, index: str | None, chunks: list[str], lineno: int, prefix: str) -> _Entry:
        """Apply a keyword line to the entry being read (or start the next entry)."""
        if prefix in ("#|", "#~|"):
            return self.previous(entry, keyword, index, chunks, lineno, prefix)
        obsolete = prefix == "#~"
        if keyword == "msgstr":
            return self.msgstr(entry, index, chunks, lineno, obsolete, prefix)
        if index is not None:
            raise self.error(f"{keyword} takes no [N] index", lineno)
        if keyword in ("msgctxt", "msgid") and entry.phase == 4:
            self.finish(entry)
            entry = _Entry(lineno)
        self.check_obsolete(entry, obsolete, lineno)
        if keyword == "msgctxt":
            if entry.phase != 0:
                raise self.error("msgctxt must come before msgid, once per entry", lineno)
            entry.phase = 1
        elif keyword == "msgid":
            if entry.phase > 1:
                raise self.error("msgid follows a msgid that has no msgstr", lineno)
            entry.phase = 2
            entry.msgid_line = lineno
        else:  # msgid_plural
            if entry.phase != 2:
                raise self.error("msgid_plural must follow msgid, once per entry", lineno)
            entry.phase = 3
        if not entry.lineno:
            entry.lineno = lineno
        entry.fields[keyword] = chunks
        entry.lines[keyword] = lineno
        entry.target = chunks
        entry.target_prefix = prefix
        return entry

    def check_obsolete(self, entry: _Entry, obsolete: bool, lineno: int) -> None:
        if entry.obsolete is None:
            entry.obsolete = obsolete
        elif entry.obsolete != obsolete:
            raise self.error("an entry mixes obsolete (#~) and active lines", lineno)

    def msgstr(self, entry: _Entry, index: str | None, chunks: list, lineno: int, obsolete: bool, prefix: str) -> _Entry:
        if entry.phase < 2:
            raise self.error("msgstr without msgid", lineno)
        self.check_obsolete(entry, obsolete, lineno)
        if index is None:
            if entry.phase == 3:
                raise self.error("an entry with msgid_plural needs msgstr[0], msgstr[1], ... instead of msgstr", lineno)
            if entry.phase == 4:
                raise self.error("a second msgstr for the same msgid", lineno)
            entry.fields["msgstr"] = chunks
            entry.lines["msgstr"] = lineno
        else:
            if entry.phase == 2 or "msgstr" in entry.fields:
                raise self.error(f"msgstr[{index}] in an entry without msgid_plural; use msgstr", lineno)
            expected = len(entry.msgstrs)
            # ASCII digits only ("²".isdigit() too), compared as text: int() refuses over 4,300 digits
            if not (index.isascii() and index.isdigit()) or index.lstrip("0") != str(expected).lstrip("0"):
                raise self.error(f"msgstr[{index}] out of order: expected msgstr[{expected}]", lineno)
            entry.msgstrs.append(chunks)
            entry.lines[f"msgstr[{expected}]"] = lineno
        entry.phase = 4
        entry.target = chunks
        entry.target_prefix = prefix
        return entry

    def previous(self, entry: _Entry, keyword: str, index: str | None, chunks: list, lineno: int, prefix: str) -> _Entry:
        if entry.phase == 4:
            self.finish(entry)
            entry = _Entry(lineno)
        elif entry.phase > 0:
            raise self.error(f"{prefix} {keyword} must come before the entry's msgctxt/msgid", lineno)
        if keyword == "msgstr" or index is not None:
            raise self.error(f"{prefix} lines hold only msgctxt, msgid and msgid_plural", lineno)
        if keyword in entry.prev:
            raise self.error(f"a second {prefix} {keyword} in one entry", lineno)
        if not entry.lineno:
            entry.lineno = lineno
        entry.prev[keyword] = chunks
        entry.lines["#|" + keyword] = lineno
        entry.target = chunks
        entry.target_prefix = prefix
        return entry

    def finish(self, entry: _Entry) -> None:
        fields = entry.fields
        lines = entry.lines
        line = entry.msgid_line
        msgid = self.unescape(fields["msgid"], line)
        msgctxt = self.unescape(fields["msgctxt"], lines["msgctxt"]) if "msgctxt" in fields else None
        key = (msgctxt, msgid)
        first = self.seen.get(key)
        if first is not None:
            raise self.error(f"duplicate message definition (first defined on line {first})", line)
        self.seen[key] = line
        message = Message(
            msgid=msgid,
            msgctxt=msgctxt,
            translator_comments=entry.translator,
            extracted_comments=entry.extracted,
            references=entry.references,
            flags=entry.flags,
            obsolete=bool(entry.obsolete),
            lineno=entry.lineno,
        )
        if "msgid_plural" in fields:
            message.msgid_plural = self.unescape(fields["msgid_plural"], lines["msgid_plural"])
            message.msgstr_plural = [
                self.unescape(chunks, lines[f"msgstr[{index}]"]) for index, chunks in enumerate(entry.msgstrs)
            ]
        else:
            message.msgstr = self.unescape(fields["msgstr"], lines["msgstr"])
        prev = entry.prev
        if prev:
            if "msgctxt" in prev:
                message.previous_msgctxt = self.unescape(prev["msgctxt"], lines["#|msgctxt"])
            if "msgid" in prev:
                message.previous_msgid = self.unescape(prev["msgid"], lines["#|msgid"])
            if "msgid_plural" in prev:
                message.previous_msgid_plural = self.unescape(prev["msgid_plural"], lines["#|msgid_plural"])
        if message.is_header and not message.obsolete:
            line = lines.get("msgstr", entry.lineno)  # (a header with msgid_plural has msgstr[N] instead)
            if self.header_only:
                raise _HeaderRead(message, line)
            if self.codec_from_header:
                # Escapes after the header are in the header's charset.
                self.codec = python_codec(header_charset(message.msgstr), self.path, line)
        self.messages.append(message)

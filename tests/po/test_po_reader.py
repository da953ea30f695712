"""The PO reader: faithful content, line numbers, and a WorkbenchError with the right line for bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import textwrap
from pathlib import Path

import polib
import pytest

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.po.reader import parse_flags, parse_po, read_po

FIXTURES = Path(__file__).parent / "fixtures"
DJANGO = sorted((FIXTURES / "django").glob("*.po"))
HANDMADE = sorted(p for p in (FIXTURES / "handmade").glob("*.po") if not p.name.endswith(".expected.po"))


def po(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_everything_an_entry_can_hold():
    catalog = parse_po(po('''
        # translator comment
        #
        #  indented comment
        #. extracted
        #.
        #: src/a.py:12 src/b.py:3
        #: src/c.py
        #, fuzzy, python-format
        #, no-wb-foo
        #| msgctxt "old ctx"
        #| msgid "old"
        #| "id"
        #| msgid_plural "olds"
        msgctxt "ctx"
        msgid "one"
        " file"
        msgid_plural "many files"
        msgstr[0] "un"
        msgstr[1] "des"
        " fichiers"
        '''))
    (m,) = catalog.messages
    assert m.translator_comments == ["translator comment", "", " indented comment"]
    assert m.extracted_comments == ["extracted", ""]
    assert m.references == ["src/a.py:12", "src/b.py:3", "src/c.py"]
    assert m.flags == ["fuzzy", "python-format", "no-wb-foo"]
    assert (m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural) == ("old ctx", "oldid", "olds")
    assert (m.msgctxt, m.msgid, m.msgid_plural) == ("ctx", "one file", "many files")
    assert m.msgstr_plural == ["un", "des fichiers"] and m.msgstr == ""
    assert m.lineno == 1 and not m.obsolete and m.fuzzy


def test_obsolete_entries_with_previous_fields():
    catalog = parse_po(HEADER + po('''
        msgid "live"
        msgstr "vivant"

        # comment of an obsolete entry
        #, fuzzy
        #~| msgid "older"
        #~ msgctxt "c"
        #~ msgid "gone"
        #~ msgstr ""
        #~ "parti"

        #~ msgid "gone too"
        #~ msgid_plural "gone plural"
        #~ msgstr[0] "a"
        #~ msgstr[1] "b"
        '''))
    header, live, gone, gone2 = catalog.messages
    assert header.is_header and not live.obsolete
    assert gone.obsolete and gone.previous_msgid == "older" and gone.msgctxt == "c"
    assert gone.msgstr == "parti" and gone.translator_comments == ["comment of an obsolete entry"] and gone.fuzzy
    assert gone.lineno == 7
    assert gone2.obsolete and gone2.msgstr_plural == ["a", "b"] and gone2.lineno == 15
    assert [m.msgid for m in catalog.obsolete_entries()] == ["gone", "gone too"]


@pytest.mark.parametrize(
    ("escaped", "value"),
    [
        (r"a\nb\tc", "a\nb\tc"),
        (r"\"q\" \\ back", '"q" \\ back'),
        (r"\r\a\b\f\v", "\r\a\b\f\v"),
        (r"\101\x42\7", "AB\x07"),
        (r"\1234", "S4"),  # at most three octal digits
        (r"\x414", "\x14"),  # hex takes all digits and keeps the low byte, like gettext
        (r"\xc3\xa9 \303\251", "é é"),  # bytes of the file's charset
        (r"\\n", "\\n"),
    ],
)
def test_escapes(escaped, value):
    catalog = parse_po(HEADER + f'msgid "x"\nmsgstr "{escaped}"\n')
    assert catalog.messages[1].msgstr == value


def test_line_numbers_are_the_first_line_of_each_entry():
    text = HEADER + po('''
        msgid "a"
        msgstr "b"


        #: x.c:1
        msgid "c"
        msgstr "d"

        msgctxt "k"
        msgid "e"
        msgstr "f"
        ''')
    assert [m.lineno for m in parse_po(text).messages] == [1, 4, 8, 12]


def test_layouts_gettext_also_accepts():
    # keyword alone on its line, several strings on a line, CRLF, indented continuation, BOM
    text = '\ufeffmsgid ""\r\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\nmsgid\r\n"a" "b"\r\nmsgstr "c"\r\n   "d"\r\n'
    header, entry = parse_po(text).messages
    assert (entry.msgid, entry.msgstr) == ("ab", "cd")


def test_flags_split_like_gettext():
    assert parse_flags(" fuzzy, c-format,no-wrap  range: 0..10, x") == ["fuzzy", "c-format", "no-wrap", "range: 0..10", "x"]


def test_read_po_decodes_by_header_charset(tmp_path):
    path = tmp_path / "l.po"
    path.write_bytes(
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "caf\xe9"\nmsgstr "\xe9t\xe9 \\xe9"\n'
    )
    catalog = read_po(path)
    assert catalog.messages[1].msgid == "café" and catalog.messages[1].msgstr == "été é"
    assert catalog.path == str(path)


def test_read_po_with_bom_and_default_charset(tmp_path):
    path = tmp_path / "b.po"
    path.write_bytes(b'\xef\xbb\xbfmsgid "\xc3\xa9"\nmsgstr "x"\n')
    assert read_po(path).messages[0].msgid == "é"


def test_read_po_wrong_charset_names_the_line(tmp_path):
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(WorkbenchError) as err:
        read_po(path)
    assert err.value.line == 4 and "UTF-8" in err.value.message.upper()


def test_unknown_charset(tmp_path):
    path = tmp_path / "u.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON-8\\n"\n')
    with pytest.raises(WorkbenchError, match="unknown charset"):
        read_po(path)


# Each case: text, line of the error, a word of the explanation.
ERRORS = [
    ('msgid "a\nmsgstr ""\n', 1, "unterminated"),
    ('msgid "a"\nmsgstr "b\n', 2, "unterminated"),
    ('msgid "a"\nmsgstr "b" x\n', 2, "unexpected text"),
    ('msgid "a"\nmsgtxt "b"\n', 2, "unknown keyword"),
    ('msgstr "b"\n', 1, "msgstr without msgid"),
    ('msgctxt "c"\nmsgstr "b"\n', 2, "msgstr without msgid"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate"),
    ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 4, "duplicate"),
    ('msgid "a"\nmsgstr "\\q"\n', 2, "invalid escape"),
    ('msgid "a"\nmsgstr "x"\n"\\x"\n', 3, "invalid escape"),
    ('msgid "a"\nmsgstr "\\0"\n', 2, "NUL"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\nmsgstr[2] ""\n', 4, "out of order"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[1] ""\n', 3, "out of order"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr ""\n', 3, "msgid_plural"),
    ('msgid "a"\nmsgstr[0] ""\n', 2, "without msgid_plural"),
    ('msgid "a"\nmsgstr ""\nmsgstr ""\n', 3, "second msgstr"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3, "no msgstr"),
    ('msgid "a"\n', 1, "no msgstr"),
    ('"orphan"\nmsgid "a"\nmsgstr ""\n', 1, "no keyword"),
    ('msgid "a"\n# comment\nmsgstr ""\n', 2, "middle of an entry"),
    ('#~ msgid "a"\nmsgstr ""\n', 2, "mixes obsolete"),
    ('msgid "a"\nmsgstr ""\n#~ "b"\n', 3, "continuation"),
    ('msgid "a"\nmsgstr ""\n\n# dangling comment\n', 4, "after the last entry"),
    ('msgid "a"\nmsgid_plural "b"\nmsgid_plural "c"\n', 3, "msgid_plural"),
    ('msgid "a"\nmsgctxt "c"\nmsgstr ""\n', 2, "msgctxt"),
    ('#| msgstr "x"\nmsgid "a"\nmsgstr ""\n', 1, "#|"),
    ('msgid "a"\n#| msgid "x"\nmsgstr ""\n', 2, "before"),
    ('msgid "a" "b\nmsgstr ""\n', 1, "unterminated"),
    ('msgid "a"\nmsgstr "\\xff\\xfe"\n', 2, "utf-8"),
    ('domain "x"\n', 1, "unknown keyword"),
]


@pytest.mark.parametrize(("text", "line", "word"), ERRORS)
def test_syntax_errors_name_the_line(text, line, word):
    with pytest.raises(WorkbenchError) as err:
        parse_po(text, "f.po")
    assert err.value.path == "f.po"
    assert err.value.line == line, err.value
    assert word.lower() in err.value.message.lower()


def test_error_after_header_counts_header_lines():
    with pytest.raises(WorkbenchError) as err:
        parse_po(HEADER + 'msgid "a"\nmsgstr "\\z"\n')
    assert err.value.line == 5


def _polib_view(entry: polib.POEntry) -> tuple:
    plural = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] if entry.msgid_plural else []
    return (
        entry.msgctxt, entry.msgid, entry.msgid_plural or None, "" if entry.msgid_plural else entry.msgstr, plural,
        sorted(entry.flags), entry.tcomment.split("\n") if entry.tcomment else [],
        entry.comment.split("\n") if entry.comment else [], bool(entry.obsolete),
        None if entry.obsolete else entry.previous_msgid,  # polib does not read "#~|" lines
    )


@pytest.mark.parametrize("path", DJANGO + HANDMADE, ids=lambda p: p.name)
def test_same_content_as_polib(path):
    """polib, an independent reader, finds the same entries in real files."""
    ours = read_po(path)
    theirs = polib.pofile(str(path), wrapwidth=0)
    assert [m.msgid for m in ours.messages if m.is_header] == [""]
    mine = [
        (m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.msgstr_plural, sorted(m.flags), m.translator_comments,
         m.extracted_comments, m.obsolete, None if m.obsolete else m.previous_msgid)
        for m in ours.messages if not m.is_header
    ]
    theirs_view = [_polib_view(e) for e in theirs]
    # polib does not know the \\a, octal and hex escapes: leave those entries out
    unknown = [i for i, e in enumerate(theirs) if re.search(r"\\[a0-7x]", e.msgid + e.msgstr)]
    assert [v for i, v in enumerate(mine) if i not in unknown] == [v for i, v in enumerate(theirs_view) if i not in unknown]
    assert sum(m.obsolete for m in ours.messages) == len(theirs.obsolete_entries())
    assert ours.header.msgstr == "".join(f"{k}: {v}\n" for k, v in theirs.metadata.items())
    polib_refs = [f"{f}:{n}" if n else f for e in theirs for f, n in e.occurrences]
    assert [r for m in ours.messages for r in m.references] == polib_refs


# -- hostile input: refused (or read) quickly, never a hang ----------------------------------

def _timed(seconds: float, action):
    """Run ``action``; fail if it took longer than ``seconds`` (a generous guard, not a benchmark)."""
    start = time.monotonic()
    try:
        return action()
    finally:
        assert time.monotonic() - start < seconds


@pytest.mark.parametrize(
    "string",
    [
        "\\x41" * 40 + "\\q",  # 161 bytes that used to backtrack for hours
        "\\x41" * 50_000 + "\\q",
        "\\101" * 50_000 + "\\q",
        "\\x4" + "1" * 200_000 + "\\q",
    ],
    ids=["x41x40", "hex", "octal", "long-hex"],
)
def test_bad_escape_after_many_good_ones_is_refused_at_once(tmp_path, string):
    path = tmp_path / "redos.po"
    path.write_text(HEADER + f'msgid "a"\nmsgstr "{string}"\n')
    with pytest.raises(WorkbenchError, match=r"invalid escape sequence \\q") as err:
        _timed(5, lambda: read_po(path))
    assert err.value.line == 5


def test_cli_refuses_the_161_byte_redos_file_with_exit_2(tmp_path, capsys):
    path = tmp_path / "redos.po"
    path.write_text('msgid "a"\nmsgstr "' + "\\x41" * 40 + '\\q"\n')
    assert _timed(5, lambda: main(["stats", str(path)])) == 2
    assert f"{path}:2: invalid escape sequence" in capsys.readouterr().err


@pytest.mark.parametrize(
    "body",
    [
        'msgstr "' + '\\"a' * 100_000 + "\n",  # unterminated after many escaped quotes
        'msgstr "' + "\\\\" * 100_000 + "\n",
        "msgstr " + '"a" ' * 100_000 + "x\n",  # many strings on a line, then junk
        "msgstr[" + "0" * 100_000 + "\n",
    ],
    ids=["escaped-quotes", "backslashes", "many-strings", "long-index"],
)
def test_other_long_bad_lines_are_refused_quickly(body):
    with pytest.raises(WorkbenchError) as err:
        _timed(5, lambda: parse_po('msgid "a"\nmsgid_plural "b"\n' + body.replace("msgstr ", "msgstr[0] ", 1)))
    assert err.value.line == 3


def test_plural_index_must_be_ascii_digits():
    for index in ["²", "٠", "1" * 5000]:
        with pytest.raises(WorkbenchError, match="out of order"):
            parse_po(f'msgid "a"\nmsgid_plural "b"\nmsgstr[{index}] ""\n')


# -- white space and line ends as gettext reads them -----------------------------------------

# A line between two entries: gettext's lexer skips " \t\r\f\v" and refuses other characters,
# including those Python's str.splitlines() and str.split() take for line ends or white space.
BETWEEN_ENTRIES = [
    ("\f", True),  # an Emacs page break
    ("  \f \v\t", True),
    ("\r\r", True),
    ("\v", True),
    ("\x1c", False), ("\x1d", False), ("\x1e", False), ("\x85", False), ("\u2028", False), ("\u2029", False),
]


@pytest.mark.parametrize(("line", "accepted"), BETWEEN_ENTRIES, ids=lambda v: repr(v))
def test_a_line_between_entries_is_white_space_or_refused(line, accepted):
    text = HEADER + 'msgid "a"\nmsgstr "b"\n' + line + '\nmsgid "c"\nmsgstr "d"\n'
    if accepted:
        assert [(m.msgid, m.msgstr) for m in parse_po(text).messages[1:]] == [("a", "b"), ("c", "d")]
    else:
        with pytest.raises(WorkbenchError, match="unknown keyword") as err:
            parse_po(text)
        assert err.value.line == 6


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat is not installed")
@pytest.mark.parametrize(("line", "accepted"), BETWEEN_ENTRIES, ids=lambda v: repr(v))
def test_msgcat_agrees_on_what_a_line_between_entries_may_hold(tmp_path, line, accepted):
    path = tmp_path / "sep.po"
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n' + line + '\nmsgid "c"\nmsgstr "d"\n', encoding="utf-8")
    assert (subprocess.run(["msgcat", str(path)], capture_output=True).returncode == 0) is accepted


def test_white_space_gettext_skips_inside_entries():
    text = HEADER + '\f# comment\nmsgid\f"a"\v\nmsgstr "b"\r\r\n\n#~ msgid "c"\n#~\f msgstr "d"\n'
    _header, active, obsolete = parse_po(text).messages
    assert (active.translator_comments, active.msgid, active.msgstr) == (["comment"], "a", "b")
    assert (obsolete.msgid, obsolete.msgstr, obsolete.obsolete) == ("c", "d", True)


def test_unicode_line_separators_inside_strings_and_comments_are_content():
    odd = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    text = HEADER + f'# t{odd}t\n#. e{odd}e\nmsgid "a{odd}a"\nmsgstr "b{odd}b"\n'
    (entry,) = parse_po(text).messages[1:]
    assert entry.translator_comments == [f"t{odd}t"] and entry.extracted_comments == [f"e{odd}e"]
    assert (entry.msgid, entry.msgstr) == (f"a{odd}a", f"b{odd}b")
    assert entry.lineno == 4


# -- the charset comes from the header entry, and only known text encodings are accepted ------

def _latin1_header(comment_lines: int = 0, fields: int = 0) -> bytes:
    comments = b"".join(b"# filler comment %d, caf\xe9\n" % i for i in range(comment_lines))
    filler = b"".join(b'"X-Filler-%d: caf\xe9\\n"\n' % i for i in range(fields))
    return comments + b'msgid ""\nmsgstr ""\n' + filler + b'"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'


def test_charset_mentioned_in_a_comment_is_not_the_files(tmp_path, capsys):
    path = tmp_path / "converted.po"
    data = ("# converted from the old charset=ISO-8859-1 file\n" + HEADER + 'msgid "café"\nmsgstr "été"\n').encode()
    path.write_bytes(data)
    assert read_po(path).messages[1].msgstr == "été"
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == data  # not written back double-encoded


@pytest.mark.parametrize(("comment_lines", "fields"), [(3000, 0), (0, 3000)], ids=["comments", "header-fields"])
def test_charset_declared_after_64_kib_of_header(tmp_path, comment_lines, fields):
    path = tmp_path / "long-header.po"
    path.write_bytes(_latin1_header(comment_lines, fields) + b'msgid "caf\xe9"\nmsgstr "\xe9t\xe9"\n')
    assert path.stat().st_size > 65536
    before = [(m.translator_comments, m.msgid, m.msgstr) for m in read_po(path).messages]
    assert before[-1] == ([], "café", "été") and ("X-Filler-0: café" in before[0][2] or fields == 0)
    assert main(["fmt", str(path)]) == 0
    assert [(m.translator_comments, m.msgid, m.msgstr) for m in read_po(path).messages] == before
    assert b"caf\xe9" in path.read_bytes()


def test_header_entry_anywhere_decides_as_in_gettext(tmp_path):
    path = tmp_path / "late.po"
    path.write_bytes(b'msgid "caf\xe9"\nmsgstr ""\n\n' + _latin1_header() + b'msgid "b"\nmsgstr "\xe9"\n')
    assert [m.msgid for m in read_po(path).messages] == ["café", "", "b"]


@pytest.mark.parametrize(
    ("declared", "data", "line"),
    [("ASCII", b"caf\xc3\xa9", 4), ("UTF-8", b"caf\xe9", 4), ("SHIFT_JIS", b"\x81", 4), ("EUC-JP", b"\xa4", 4)],
)
def test_bytes_that_do_not_decode_in_the_declared_charset(tmp_path, capsys, declared, data, line):
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=%s\\n"\n\nmsgid "' % declared.encode()
                     + data + b'"\nmsgstr ""\n')
    assert main(["fmt", "--check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}: byte 0x" in err and declared in err and "Traceback" not in err


@pytest.mark.parametrize(
    "charset",
    ["base64", "rot13", "zlib", "hex", "bz2", "uu", "quopri", "idna", "punycode", "undefined", "unicode_escape",
     "raw_unicode_escape", "utf-16", "utf-32", "utf-7", "cp037", "hz", "iso2022_jp", "utf-8-sig", "charmap",
     "VISCII", "KLINGON-8", "x" * 200, "\\xff\\xfe"],
)
def test_charsets_that_are_no_text_encoding_gettext_knows_are_refused(tmp_path, capsys, charset):
    path = tmp_path / "odd.po"
    path.write_text(HEADER.replace("UTF-8", charset) + 'msgid "a"\nmsgstr "b"\n', encoding="latin-1")
    for command in (["stats", str(path)], ["fmt", "--check", str(path)], ["check", "--no-cache", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{path}:2: unknown charset" in err, err


def test_charset_name_with_bytes_no_charset_has(tmp_path):
    path = tmp_path / "odd.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF\xff8\\n"\n')
    with pytest.raises(WorkbenchError, match="unknown charset") as err:
        read_po(path)
    assert err.value.line == 2


@pytest.mark.parametrize(
    ("charset", "text"),
    [("UTF-8", "Grüße 中文"), ("utf8", "Grüße"), ("ISO-8859-15", "€uro"), ("KOI8-R", "Привет"), ("KOI8-U", "Ґанок"),
     ("CP1251", "Привет"), ("CP1252", "“quoted”"), ("GB2312", "中文"), ("GBK", "中文"), ("GB18030", "中文𠀀"),
     ("BIG5", "中文"), ("BIG5-HKSCS", "中文"), ("EUC-JP", "日本語"), ("SHIFT_JIS", "表示"), ("CP932", "表示"),
     ("EUC-KR", "한국어"), ("CP949", "한국어"), ("JOHAB", "한국어"), ("TIS-620", "ภาษาไทย"), ("PT154", "Қазақ"),
     ("CP874", "ภาษาไทย"), ("CP950", "中文"), ("ASCII", "plain")],
)
def test_known_charsets_read_and_format_back(tmp_path, charset, text):
    """SHIFT_JIS and BIG5 have "\\" as a second byte (表 is 0x95 0x5C): decoded first, it is no escape."""
    path = tmp_path / "cs.po"
    data = (HEADER.replace("UTF-8", charset) + f'msgid "{text}"\nmsgstr "{text}"\n').encode(charset)
    path.write_bytes(data)
    assert read_po(path).messages[1].msgstr == text
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == data


def test_bom_with_another_declared_charset_is_refused(tmp_path):
    path = tmp_path / "bom.po"
    path.write_bytes(b"\xef\xbb\xbf" + _latin1_header() + b'msgid "a"\nmsgstr ""\n')
    with pytest.raises(WorkbenchError, match="byte order mark") as err:
        read_po(path)
    assert err.value.line == 2


def test_header_with_plural_forms_of_its_own():
    catalog = parse_po('msgid ""\nmsgid_plural "x"\nmsgstr[0] "Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert catalog.messages[0].msgstr_plural[0].startswith("Content-Type")


# -- files in gettext's own layout: read an entry at a time, alike line by line ---------------------------------

REPO = Path(__file__).resolve().parents[2]
PROJECT = sorted((REPO / "locales").rglob("*.po*"))


def _line_by_line(monkeypatch, path: Path):
    """``read_po`` reading every file line by line (its reading of laid out files switched off): the catalogue,
    or the WorkbenchError's text."""
    from workbench.po import reader

    with monkeypatch.context() as patched:
        patched.setattr(reader._Parser, "_laid_out", lambda self, text: None)
        try:
            return read_po(path).messages
        except WorkbenchError as exc:
            return str(exc)


@pytest.mark.parametrize("path", DJANGO + PROJECT, ids=lambda p: p.name)
def test_a_file_in_gettext_layout_is_read_an_entry_at_a_time_and_as_line_by_line(path, monkeypatch):
    """Django's catalogues (written by Transifex and msgcat) and the project's own (by ``fmt``): one pattern
    reads each entry whole, never the line by line reading, and gives what that gives, lines and all."""
    from workbench.po import reader

    line_by_line = reader._Parser._parse

    def refuse(self, lines):  # (the header entry alone is read line by line first, for its charset)
        if not self.header_only:
            raise AssertionError("read line by line")
        return line_by_line(self, lines)

    with monkeypatch.context() as patched:
        patched.setattr(reader._Parser, "_parse", refuse)
        fast = read_po(path).messages
    assert fast == _line_by_line(monkeypatch, path)


@pytest.mark.parametrize("path", HANDMADE, ids=lambda p: p.name)
def test_a_file_not_in_gettext_layout_reads_as_line_by_line(path, monkeypatch):
    """The handmade cases (obsolete and previous entries, odd white space, CRLF, mistakes): whatever reads them,
    the catalogue or the error is the line by line reading's."""
    try:
        found = read_po(path).messages
    except WorkbenchError as exc:
        found = str(exc)
    assert found == _line_by_line(monkeypatch, path)


@pytest.mark.parametrize("text, line", [
    (HEADER + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 7),  # a duplicate
    (HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[1] "x"\nmsgstr[0] "y"\n', 6),  # forms out of order
    (HEADER + 'msgid "a\\q"\nmsgstr "x"\n', 4),  # an escape gettext does not know
    (HEADER + 'msgid "a"\nmsgstr "x\\0"\n', 5),  # \0
    (HEADER + 'msgid "a"\nmsgstr "x"\n# a comment after the last entry\n', 6),
])
def test_a_mistake_in_a_laid_out_file_is_named_at_its_line(text, line, tmp_path):
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        read_po(path)
    assert err.value.line == line


# -- a file read again a piece at a time ---------------------------------------------------------------
@pytest.mark.parametrize("path", DJANGO + HANDMADE, ids=lambda path: path.name)
def test_each_piece_of_a_file_reads_alone_as_the_entry_the_whole_file_has_there(path):
    """What a re-run of the checks relies on (``checks.runner._summarise_again``): a piece of a file between blank
    lines, read on its own at its line in the file's charset, is the entry reading the whole file gives, to every
    field and line; a piece that is not wholly in gettext's layout is not read alone at all (None)."""
    from workbench.po.reader import entry_pieces, header_charset, parse_piece, parse_po_bytes, python_codec

    raw = path.read_bytes()
    whole = parse_po_bytes(raw, str(path))
    pieces = entry_pieces(raw)
    if pieces is None:
        assert raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw or not raw.endswith(b"\n")
        return
    codec = python_codec(header_charset(whole.header.msgstr if whole.header is not None else None))
    at_line = {message.lineno: message for message in whole.messages}
    read = []
    for line, piece in pieces:
        messages = parse_piece(piece, line, codec, str(path))
        if messages is not None:
            read += messages
            assert messages == [at_line[message.lineno] for message in messages]
    if path in DJANGO:  # written by gettext's tools: every piece is one entry
        assert read == whole.messages


def test_a_file_not_laid_out_as_gettext_writes_it_is_not_cut_into_pieces():
    from workbench.po.reader import entry_pieces

    text = HEADER + 'msgid "a"\nmsgstr "b"\n'
    assert entry_pieces(text.encode()) == [(1, HEADER.rstrip("\n").encode()), (4, b'msgid "a"\nmsgstr "b"')]
    assert entry_pieces(("\n\n\n" + text.replace("\n\n", "\n\n\n")).encode())[1][0] == 8  # each piece at its line
    assert entry_pieces(b"\xef\xbb\xbf" + text.encode()) is None
    assert entry_pieces(text.replace("\n", "\r\n").encode()) is None
    assert entry_pieces(text.rstrip("\n").encode()) is None


@pytest.mark.parametrize("piece", ['#~ msgid "a"\n#~ msgstr "b"', 'msgid "a"\nmsgstr "b" x', 'msgid "a\\q"\nmsgstr ""',
                                   '#, fuzzy', 'msgstr "b"', 'msgid "a"\n  msgstr "b"'])
def test_a_piece_with_a_mistake_or_another_layout_is_left_to_the_whole_file(piece):
    from workbench.po.reader import parse_piece

    assert parse_piece(piece.encode(), 5, "utf-8", "x.po") is None
    assert parse_piece("msgid \"é\"\nmsgstr \"ü\"".encode("latin-1"), 5, "utf-8", "x.po") is None  # not the charset

"""The PO writer: byte-identical to GNU msgcat 0.21, and never losing content."""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.po.catalog import Catalog, Message
from workbench.po.fmt import formatted_bytes
from workbench.po.linebreak import POSSIBLE, width_linebreaks
from workbench.errors import WorkbenchError
from workbench.po.reader import parse_po, parse_po_bytes, read_po
from workbench.po.writer import flag_rank, format_po, write_po

FIXTURES = Path(__file__).parent / "fixtures"
DJANGO = sorted((FIXTURES / "django").glob("*.po"))
HANDMADE = sorted(p for p in (FIXTURES / "handmade").glob("*.po") if not p.name.endswith(".expected.po"))
MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not installed")


def msgcat(*args: str | Path, stdin: bytes | None = None) -> bytes:
    return subprocess.run([MSGCAT, *map(str, args)], input=stdin, capture_output=True, check=True).stdout


def test_django_fixtures_are_plenty():
    assert len(DJANGO) >= 40


@pytest.mark.parametrize("path", DJANGO, ids=lambda p: p.name)
def test_django_file_in_msgcat_layout_is_left_alone(path):
    current, formatted = formatted_bytes(path)
    assert formatted == current


@needs_msgcat
@pytest.mark.parametrize("path", DJANGO, ids=lambda p: p.name)
def test_unwrapped_django_file_is_wrapped_like_msgcat(path):
    unwrapped = msgcat("--no-wrap", path)
    assert format_po(parse_po(unwrapped.decode("utf-8"))).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", HANDMADE, ids=lambda p: p.name)
def test_handmade_cases_match_msgcat_output(path):
    expected = path.with_name(path.stem + ".expected.po").read_bytes()
    _current, formatted = formatted_bytes(path)
    assert formatted.decode("latin-1").splitlines() == expected.decode("latin-1").splitlines()
    assert formatted == expected


@needs_msgcat
@pytest.mark.parametrize("path", HANDMADE, ids=lambda p: p.name)
def test_expected_files_are_still_what_msgcat_writes(path):
    assert msgcat(path) == path.with_name(path.stem + ".expected.po").read_bytes()


@pytest.mark.parametrize("path", DJANGO[:10], ids=lambda p: p.name)
def test_file_written_by_polib_formats_back_to_msgcat_layout(path, tmp_path):
    """polib wraps at other places; fmt restores gettext's layout (polib also reorders header fields)."""
    written = tmp_path / "polib.po"
    polib.pofile(str(path)).save(str(written))
    assert written.read_bytes() != path.read_bytes()
    formatted = formatted_bytes(written)[1]
    assert formatted.split(b"\n\n", 1)[1] == path.read_bytes().split(b"\n\n", 1)[1]


@needs_msgcat
@pytest.mark.parametrize("path", DJANGO[:10] + HANDMADE, ids=lambda p: p.name)
def test_polib_output_formats_like_msgcat(path, tmp_path):
    written = tmp_path / "polib.po"
    polib.pofile(str(path), wrapwidth=40).save(str(written))
    assert formatted_bytes(written)[1] == msgcat(written)


def entry(text: str) -> str:
    return format_po(parse_po(text))


def test_content_msgcat_would_drop_is_kept():
    text = (
        '#, fuzzy, wrap, no-wb-foo, c-format\nmsgid "a"\nmsgstr ""\n\n'
        '#, no-wb-bar\n#~ msgid "old"\n#~ msgstr ""\n'
    )
    out = entry(text)
    assert '#, fuzzy, c-format, wrap, no-wb-foo\nmsgid "a"\n' in out  # unknown flags after the known ones
    assert '#, no-wb-bar\n#~ msgid "old"\n#~ msgstr ""\n' in out  # obsolete, untranslated, flagged
    assert parse_po(out).messages[1].flags == ["no-wb-bar"]


def test_flags_in_msgcat_order():
    flags = ["x-unknown", "no-wrap", "range: 1..3", "python-format", "possible-c-format", "fuzzy", "javascript-format"]
    assert sorted(flags, key=flag_rank) == [
        "fuzzy", "possible-c-format", "python-format", "javascript-format", "range: 1..3", "no-wrap", "x-unknown",
    ]


def test_no_wrap_keeps_long_lines():
    long = "word " * 30
    wrapped = entry(f'msgid "{long}"\nmsgstr "{long}"\n')
    unwrapped = entry(f'#, no-wrap\nmsgid "{long}"\nmsgstr "{long}"\n')
    assert max(map(len, wrapped.splitlines())) <= 79
    assert f'msgid "{long}"\n' in unwrapped and f'msgstr "{long}"\n' in unwrapped
    # ... but a newline inside still starts a new line
    assert entry('#, no-wrap\nmsgid "a\\nb"\nmsgstr ""\n') == '#, no-wrap\nmsgid ""\n"a\\n"\n"b"\nmsgstr ""\n'


def test_obsolete_entries_go_last_with_previous():
    text = '#~ msgid "z"\n#~ msgstr "y"\n\nmsgid "a"\nmsgstr "b"\n'
    assert entry(text) == 'msgid "a"\nmsgstr "b"\n\n#~ msgid "z"\n#~ msgstr "y"\n'


def test_cjk_breaks_between_ideographs_not_before_closing_punctuation():
    text = "一二三四五六七八九十" * 3 + "一二三四五六七八。」"
    out = entry(f'msgid "x"\nmsgstr "{text}"\n')
    lines = out.splitlines()
    assert lines[1] == 'msgstr ""'
    # 38 ideographs fill 76 columns + 2 quotes, the closing 。」 must not start a line
    assert lines[2] == '"' + text[:37] + '"' and lines[3] == '"' + text[37:] + '"'


def test_write_po_uses_header_charset_and_is_atomic(tmp_path):
    catalog = parse_po('msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "é"\nmsgstr "è"\n')
    path = tmp_path / "x.po"
    assert write_po(catalog, path) is True
    assert b'msgid "\xe9"' in path.read_bytes()
    assert write_po(catalog, path) is False  # unchanged: not rewritten
    assert read_po(path).messages[1].msgstr == "è"


def test_write_po_refuses_characters_the_charset_lacks(tmp_path):
    from workbench.errors import WorkbenchError

    catalog = parse_po('msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "中"\n')
    with pytest.raises(WorkbenchError, match="charset"):
        write_po(catalog, tmp_path / "x.po")


# -- round trip over generated catalogues --------------------------------------------------

# CR, LF, and what Python (not gettext) also takes for line ends or white space
_ODD = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(' abc xyz\n\t"\\%()-.,。，」「中文字한국어ไทยعربي\u00a0\u200b\x07\x1b' + _ODD)),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
    ),
    max_size=120,
)
_comment = st.text(
    alphabet=st.one_of(st.sampled_from(list(" ,.:|~#" + _ODD)),
                       st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")),
    max_size=40,
)
_token = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz-_./:0123456789中\r\x0c\x85\u2028")),
                 min_size=1, max_size=90)
_flag = st.one_of(
    st.sampled_from(["fuzzy", "c-format", "python-format", "no-python-format", "no-wrap", "wrap", "range: 0..9"]),
    st.text(alphabet=st.sampled_from(list("abcxyz-")), min_size=1, max_size=10).filter(lambda f: f != "range:"),
)


@st.composite
def messages(draw, obsolete: bool) -> Message:
    plural = draw(st.booleans())
    forms = draw(st.integers(1, 6))
    message = Message(
        msgid=draw(_text.filter(bool)),
        msgctxt=draw(st.none() | _text),
        translator_comments=draw(st.lists(_comment, max_size=3)),
        extracted_comments=draw(st.lists(_comment, max_size=2)),
        references=draw(st.lists(_token, max_size=4)),
        flags=sorted(draw(st.lists(_flag, max_size=4)), key=flag_rank),
        previous_msgctxt=draw(st.none() | _text),
        previous_msgid=draw(st.none() | _text),
        obsolete=obsolete,
    )
    if message.previous_msgid is None and draw(st.booleans()):
        message.previous_msgid_plural = None
    elif draw(st.booleans()):
        message.previous_msgid_plural = draw(_text)
    if plural:
        message.msgid_plural = draw(_text)
        message.msgstr_plural = draw(st.lists(_text, min_size=forms, max_size=forms))
    else:
        message.msgstr = draw(_text)
    return message


@st.composite
def catalogues(draw) -> Catalog:
    active = draw(st.lists(messages(False), max_size=6))
    obsolete = draw(st.lists(messages(True), max_size=3))
    header = []
    if draw(st.booleans()):
        header = [Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\nLanguage: xx\n",
                          translator_comments=["header"], flags=draw(st.sampled_from([[], ["fuzzy"]])))]
    seen, unique = set(), []
    for message in header + active + obsolete:
        if message.key not in seen and not (message.is_header and unique):
            seen.add(message.key)
            unique.append(message)
    return Catalog(messages=unique)


def _without_lines(catalog: Catalog) -> list[Message]:
    for message in catalog.messages:
        message.lineno = 0
    return catalog.messages


def _cannot_be_written(catalog: Catalog) -> bool:
    """A comment with a line break or ending in CR, a reference ending in CR: no PO line keeps them."""
    return any("\n" in text or text.endswith("\r")
               for m in catalog.messages for text in m.translator_comments + m.extracted_comments + m.references)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from([79, 79, 40, 20]))
def test_round_trip_never_drops_or_alters_content(catalog, width):
    if _cannot_be_written(catalog):
        with pytest.raises(WorkbenchError, match="comment|reference"):
            format_po(catalog, width)
        return
    text = format_po(catalog, width)
    assert _without_lines(parse_po(text)) == catalog.messages
    assert format_po(parse_po(text), width) == text  # and formatting is idempotent
    data = text.encode("utf-8")
    assert _without_lines(parse_po_bytes(data)) == catalog.messages  # also when read as a file


def test_comment_ending_in_carriage_return_is_refused_with_its_line():
    catalog = Catalog(messages=[Message(msgid="a", translator_comments=["comment\r"], lineno=7)])
    with pytest.raises(WorkbenchError, match="carriage return") as err:
        format_po(catalog)
    assert err.value.line == 7


def test_write_po_names_the_file_when_refusing(tmp_path):
    path = tmp_path / "x.po"
    with pytest.raises(WorkbenchError, match="line break") as err:
        write_po(Catalog(messages=[Message(msgid="a", extracted_comments=["two\nlines"], lineno=3)]), path)
    assert (err.value.path, err.value.line) == (str(path), 3) and not path.exists()


# -- the line breaker itself against libunistring, when it can be loaded -----------------------

def _libunistring():
    """libunistring 1.0's u8_width_linebreaks_v2 (the version our tables come from), or None."""
    name = ctypes.util.find_library("unistring")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        if ctypes.c_int.in_dll(lib, "_libunistring_version").value != 0x010000:
            return None
        return lib.u8_width_linebreaks_v2
    except (OSError, AttributeError, ValueError):
        return None


@pytest.mark.skipif(_libunistring() is None, reason="libunistring 1.0 (what gettext 0.21 uses) is not installed")
@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=80, alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")),
       st.integers(3, 60), st.integers(0, 20))
def test_line_breaks_agree_with_libunistring(text, width, start):
    fn = _libunistring()
    fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                   ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    fn(data, len(data), width, start, 0, None, b"UTF-8", out)
    theirs, offset = [], 0
    for ch in text:
        theirs.append(out.raw[offset])
        offset += len(ch.encode("utf-8"))
    assert width_linebreaks([ord(c) for c in text], width, start) == theirs


def test_line_breaker_basics():
    cps = [ord(c) for c in "aaa bbb ccc"]
    breaks = width_linebreaks(cps, 6, 0)
    assert [i for i, b in enumerate(breaks) if b == POSSIBLE] == [4, 8]


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=80, alphabet=st.one_of(
           st.sampled_from(list(" a-/\n\r\u0085。」中\u200b\u200d\u0301\U0001F1EB\U0001F1F7")),
           st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"))),
       st.integers(3, 60), st.integers(0, 20), st.booleans(), st.data())
def test_fast_line_breaker_equals_the_reference_port(text, width, start, cjk, data):
    from workbench.po.linebreak import MANDATORY, PROHIBITED, UNDEFINED, wrap_breaks

    overrides = data.draw(st.dictionaries(st.integers(0, len(text) - 1),
                                          st.sampled_from([UNDEFINED, PROHIBITED, POSSIBLE, MANDATORY]), max_size=5))
    reference = width_linebreaks([ord(c) for c in text], width, start,
                                 [overrides.get(i, UNDEFINED) for i in range(len(text))], cjk)
    assert wrap_breaks(text, width, start, overrides, cjk) == [i for i, v in enumerate(reference) if v == POSSIBLE]


_PIECES = list(' abc xyz\n\t"\\%()-.,。，」「（）中文字한국어ไทยعربي\u00a0\u200b\u2028\u0085\r\x07\x1b/:?!;') + [
    "http://x.org/a/b", "%(name)s", "%d", "%%", "{0}", "{a.b[0]:>5}", "word", "longerword", "\u3000", "👍🏽", "🇫🇷",
    "é", "\u0301", "\u05be", "—", "…", "'", "‘’“”"]


@needs_msgcat
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("width", [20, 50, 79])
def test_random_catalogues_format_like_msgcat(seed, width):
    """Random content msgcat keeps as is (see the writer's docstring for what it drops)."""
    import random

    rng = random.Random(seed)

    def text(n: int) -> str:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, n)))

    messages = [Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")]
    for i in range(150):
        message = Message(msgid=f"{i} " + text(40), msgctxt=rng.choice([None, None, text(10)]),
                          translator_comments=[text(10).replace("\n", " ").replace("\r", " ").replace("\u2028", " ")
                                               .replace("\u0085", " ").rstrip("\\") for _ in range(rng.randint(0, 2))],
                          references=[f"f{rng.randint(0, 9)}/{'x' * rng.randint(1, 40)}.py:{j}" for j in range(rng.randint(0, 5))])
        if rng.random() < 0.3:
            message.msgid_plural = text(30)
            message.msgstr_plural = [text(40) or "x" for _ in range(rng.randint(1, 4))]
        else:
            message.msgstr = text(60) or "y"
        flags = ["fuzzy"] if rng.random() < 0.2 else []
        if rng.random() < 0.5:
            flags.append(rng.choice(["c-format", "python-format", "python-brace-format", "no-c-format"]))
        if rng.random() < 0.1:
            flags.append("no-wrap")
        message.flags = flags
        if rng.random() < 0.2:
            message.previous_msgid = text(40)
        if rng.random() < 0.1:
            message.obsolete = True
            message.flags = [f for f in flags if f == "fuzzy"]
        messages.append(message)
    ours = format_po(Catalog(messages=messages), width)
    assert msgcat("-w", str(width), "-", stdin=ours.encode()).decode() == ours

"""Fuzzing the PO reader and ``workbench fmt``/``stats``/``check`` with mutants of real PO files.

The seeds are the vendored PO fixtures (``fixtures/``) and the project's own catalogues
(``locales/``). Each input is a seed (or a window of its entries, to keep inputs small) with one
to four mutations: bytes flipped, inserted or cut; lines cut short, repeated, swapped or deleted;
escapes, charsets, stray PO lines and white space or line separators injected; strings split over
lines, CRLF line ends, blank lines removed (layout, which fmt must undo without touching content).
For every input:

* ``read_po`` returns a catalogue or raises WorkbenchError, nothing else, and the same one (the same error) as
  its line by line reading alone (a file in gettext's own layout is read an entry at a time by one pattern);
  and where each piece of the file between blank lines reads on its own as one entry (``parse_piece``), the
  entries read so are the whole file's;
* ``fmt --check``, ``fmt`` (on a copy), ``stats`` and ``check --no-cache``, run in-process, exit
  0, 1 or 2 (no internal error, no exception escaping ``main``), all within ``LIMIT`` seconds;
* a file the reader refuses is refused by ``fmt`` too, and left as it is;
* when ``fmt`` accepts a file, the file it writes reads back to the same entries as before (every
  field; obsolete entries go last and flags are sorted, which is layout) and is then left alone
  by ``fmt --check``.

``WORKBENCH_FUZZ_N`` sets the number of inputs (default ``DEFAULT_N``, about half a minute here),
``WORKBENCH_FUZZ_SEED`` the seed; with ``-s`` the test prints its tally. A failing input is saved
under the test's tmp folder and named in the failure with its number and seed.
"""

from __future__ import annotations

import contextlib
import functools
import io
import random
import shutil
import signal
import time
import traceback
from pathlib import Path
from typing import Iterator
from unittest import mock

import workbench.cli
from fuzzing import LIMIT, SEED, Tally, budget
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.po.catalog import Message
from workbench.po import reader
from workbench.po.reader import read_po

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_N = 2500
WINDOW = 6000  # seeds larger than this (bytes) are cut to their header and a window of entries

CHARSETS = [
    "UTF-8", "utf8", "ISO-8859-1", "ISO-8859-15", "KOI8-R", "CP1251", "GB18030", "BIG5", "EUC-JP", "SHIFT_JIS",
    "ASCII", "CHARSET", "", "base64", "rot13", "zlib", "hex", "idna", "punycode", "undefined", "utf-16", "utf-7",
    "unicode_escape", "cp037", "VISCII", "x" * 300, "UTF-8\\x00", "utf-8-sig", "\\xff",
]
ESCAPES = [
    "\\q", "\\", "\\0", "\\x", "\\x00", "\\400", "\\777", "\\xff\\xfe", "\\xc3", "\\xc3\\xa9", "\\x41" * 40 + "\\q",
    "\\101" * 30 + "\\z", "\\u00e9", "\\N", '\\"', "\\\\", "\\a\\b\\f\\v\\r\\t\\n", "\\x4" + "1" * 500, "%" + "0" * 3000,
]
LINES = [
    '#~ msgid "x"', '#~ msgstr "y"', '#| msgid "old"', '#~| msgid_plural "z"', "#, fuzzy, c-format", "#, range:",
    "#, python-format, no-wrap, no-wb-x", '#: a.c:1 b.c:2', "#.", "#", "# wb-ignore: numbers", 'msgctxt "c"',
    'msgid ""', 'msgid "dup"', 'msgid_plural "p"', 'msgstr ""', 'msgstr[0] ""', 'msgstr[1] "x"',
    'msgstr[99999999999999999999] ""', 'msgstr[²] ""', '"continuation"', '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '"Language: fr\\n"', 'domain "x"', "msgid", 'msgid "a" "b"',
    "# converted from the old charset=ISO-8859-1 file",
]
SEPARATORS = ["\f", "\v", "\r", "\r\n", "\t", " ", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\ufeff", "\x00"]
BYTES = [b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\\", b'"', b"\n", b"#", b"\x95\\"]


def seeds() -> list[bytes]:
    paths = sorted(FIXTURES.rglob("*.po")) + sorted((REPO / "locales").rglob("*.po*"))
    return [path.read_bytes() for path in paths]


def window(data: bytes, rng: random.Random) -> bytes:
    """A big seed's header entry and a run of entries after it (inputs stay small, so fast)."""
    if len(data) <= WINDOW:
        return data
    header_end = data.find(b"\n\n") + 2
    start = data.find(b"\n\n", rng.randrange(header_end, len(data) - WINDOW // 2)) + 2
    end = data.find(b"\n\n", start + rng.randrange(500, WINDOW))
    return data[:header_end] + data[start:end if end > 0 else len(data)]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutation: its name and the new bytes."""
    lines = _lines(data)
    line = rng.randrange(len(lines))
    choice = rng.randrange(13)
    if choice == 0 and data:  # flip a few bits
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        return "flip", bytes(flipped)
    if choice == 1:  # insert bytes anywhere
        at = rng.randrange(len(data) + 1)
        return "insert", data[:at] + rng.choice(BYTES + [s.encode() for s in SEPARATORS + ESCAPES]) + data[at:]
    if choice == 2 and data:  # cut a run of bytes
        at = rng.randrange(len(data))
        return "delete", data[:at] + data[at + rng.randint(1, 200):]
    if choice == 3:  # a line cut short
        lines[line] = lines[line][:rng.randrange(len(lines[line]) + 1)]
        return "cut-line", b"\n".join(lines)
    if choice == 4:
        lines.insert(line, lines[line])
        return "duplicate-line", b"\n".join(lines)
    if choice == 5:
        other = rng.randrange(len(lines))
        lines[line], lines[other] = lines[other], lines[line]
        return "swap-lines", b"\n".join(lines)
    if choice == 6:
        del lines[line]
        return "delete-line", b"\n".join(lines)
    if choice == 7:  # an escape inside a quoted string
        quotes = [i for i, byte in enumerate(data) if byte == 0x22]
        if quotes:
            at = rng.choice(quotes) + rng.randrange(2)
            return "escape", data[:at] + rng.choice(ESCAPES).encode() + data[at:]
    if choice == 8:  # another charset declared, or the file re-encoded in one
        charset = rng.choice(CHARSETS)
        start = data.find(b"charset=")
        if start >= 0 and rng.random() < 0.7:
            end = start + 8
            while end < len(data) and data[end:end + 1] not in b' \t\n\\"':
                end += 1
            return f"charset={charset[:10]}", data[:start + 8] + charset.encode("latin-1") + data[end:]
        try:
            text = data.decode("utf-8")
            return f"encode-{charset[:10]}", text.replace("charset=UTF-8", f"charset={charset}").encode(
                charset if charset in ("ISO-8859-1", "KOI8-R", "CP1251", "GB18030", "BIG5", "EUC-JP", "SHIFT_JIS")
                else "utf-8", "replace")
        except (UnicodeDecodeError, LookupError):
            pass
    if choice == 9:  # a stray PO line
        lines.insert(line, rng.choice(LINES).encode())
        return "po-line", b"\n".join(lines)
    if choice == 10:  # layout only: a string split in two, on two lines (fmt must join them back)
        quoted = [i for i, text in enumerate(lines) if text.count(b'"') >= 2]
        if quoted:
            line = rng.choice(quoted)
            text = lines[line]
            first, last = text.index(b'"'), text.rindex(b'"')
            at = rng.randint(first + 1, last)
            lines[line] = text[:at] + b'"' + rng.choice([b"\n", b" ", b"\t", b"\r\n", b"\f"]) + b'"' + text[at:]
            return "split-string", b"\n".join(lines)
    if choice == 11:  # layout only: CRLF line ends, or no blank lines between entries
        if rng.random() < 0.5:
            return "crlf", data.replace(b"\n", b"\r\n")
        return "no-blank-lines", b"\n".join(text for text in lines if text.strip())
    # white space or a line separator at the start or end of a line, or alone on one
    separator = rng.choice(SEPARATORS).encode()
    where = rng.randrange(3)
    lines[line] = separator + lines[line] if where == 0 else lines[line] + separator if where == 1 else separator
    return "separator", b"\n".join(lines)


def mutants(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` inputs, reproducible from ``seed``: each a (window of a) seed file with 1 to 4 mutations."""
    rng = random.Random(seed)
    documents = seeds()
    for number in range(count):
        data = window(rng.choice(documents), rng)
        steps = []
        for _ in range(rng.choice((1, 1, 1, 2, 3, 4))):
            step, data = mutate(data, rng)
            steps.append(step)
        yield f"input {number} ({'+'.join(steps)}, seed {seed})", data


def _line_by_line(path: Path):
    """``read_po`` without its reading of laid out files (``_Parser._laid_out``): the catalogue or the WorkbenchError."""
    with mock.patch.object(reader._Parser, "_laid_out", lambda self, text: None):
        try:
            return read_po(path)
        except WorkbenchError as exc:
            return exc


def _piece_read_otherwise(data: bytes, whole) -> object:
    """Where every piece of the file between blank lines (``reader.entry_pieces``) reads on its own as one entry
    (``reader.parse_piece``; what a re-run of the checks asks of a file before it reads only its changed pieces:
    ``checks.runner._summarise_again``), the entries read that way and those of the whole file, if they differ;
    else False."""
    pieces = reader.entry_pieces(data)
    if pieces is None or whole.header is None:
        return False
    try:
        codec = reader.python_codec(reader.header_charset(whole.header.msgstr))
    except WorkbenchError:
        return False
    read = []
    for line, piece in pieces:
        entries = reader.parse_piece(piece, line, codec, "input.po")
        if entries is None or len(entries) != 1:
            return False  # (such a file is read whole)
        read += entries
    return False if read == whole.messages else (read, whole.messages)


def _outcome(read) -> object:
    """What a reading gave, comparable: every message with its line, or the error's text."""
    return str(read) if isinstance(read, WorkbenchError) else read.messages


class _Timeout(BaseException):
    """Raised by the alarm in a step that hangs (a BaseException: main() turns Exceptions into exit 3)."""


def _alarm(signum, frame):
    raise _Timeout()


def _content(messages: list[Message]) -> tuple[list[tuple], list[tuple]]:
    """(active, obsolete) entries as comparable tuples: every field but the line, flags as a multiset."""
    def fields(m: Message) -> tuple:
        return (m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.msgstr_plural, m.translator_comments,
                m.extracted_comments, m.references, sorted(m.flags), m.previous_msgctxt, m.previous_msgid,
                m.previous_msgid_plural)
    return [fields(m) for m in messages if not m.obsolete], [fields(m) for m in messages if m.obsolete]


class _Run:
    """Runs one input's steps, recording in ``tally`` what a user would notice."""

    def __init__(self, tally: Tally):
        self.tally = tally
        self.failed: list[str] = []

    def step(self, what: str, action):
        """``action()``'s result; None if it raised (recorded) or hung (recorded)."""
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, LIMIT * 4)
        try:
            return action()
        except _Timeout:
            self.tally.hangs.append(f"{what}: interrupted after {LIMIT * 4:.0f} s")
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - the point: nothing may escape main() or read_po()
            self.tally.tracebacks.append(f"{what}: {type(exc).__name__}: {exc}\n{traceback.format_exc()[-1500:]}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        self.failed.append(what)
        return None

    def cli(self, what: str, *args: str) -> int | None:
        out, err = io.StringIO(), io.StringIO()

        def run() -> int:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                return main(list(args))

        code = self.step(f"{what}: workbench {' '.join(args[:-1])}", run)
        if code is not None:
            self.tally.exits[code] += 1
            if code not in (0, 1, 2) or "Traceback" in err.getvalue() or "internal error" in err.getvalue():
                self.tally.tracebacks.append(f"{what}: workbench {' '.join(args)}: exit {code}: {err.getvalue()[-1500:]}")
                self.failed.append(what)
        return code

    def read(self, what: str, path: Path):
        """The catalogue, or the WorkbenchError that refused it."""
        def action():
            try:
                return read_po(path)
            except WorkbenchError as exc:
                return exc
        return self.step(f"{what}: read_po", action)

    def bad(self, what: str, problem: str) -> None:
        self.tally.bad_writes.append(f"{what}: {problem}")
        self.failed.append(what)


def fuzz(count: int, seed: int, folder: Path) -> Tally:
    tally = Tally("PO")
    failures = folder / "failures"
    source, copy = folder / "input.po", folder / "formatted.po"
    run = _Run(tally)
    for what, data in mutants(count, seed):
        source.write_bytes(data)
        shutil.copyfile(source, copy)
        run.failed.clear()
        started = time.monotonic()
        before = run.read(what, source)
        slow = run.step(f"{what}: read line by line", lambda: _line_by_line(source))
        if before is not None and slow is not None and _outcome(before) != _outcome(slow):
            run.bad(what, f"the laid out reading and the line by line reading differ: {_outcome(before)!r:.300} "
                          f"against {_outcome(slow)!r:.300}")
        if before is not None and not isinstance(before, WorkbenchError):
            wrong = run.step(f"{what}: read a piece at a time", lambda: _piece_read_otherwise(data, before))
            if wrong:
                run.bad(what, f"its pieces read one by one are not the whole file's entries: {wrong!r:.300}")
        check = run.cli(what, "fmt", "--check", str(source))
        code = run.cli(what, "fmt", str(copy))
        if isinstance(before, WorkbenchError) and (check != 2 or code != 2 or copy.read_bytes() != data):
            run.bad(what, f"the reader refuses the file ({before}) but fmt --check exited {check}, fmt exited "
                          f"{code} and the file was {'rewritten' if copy.read_bytes() != data else 'left alone'}")
        elif code == 2 and copy.read_bytes() != data:
            run.bad(what, "fmt refused the file but rewrote it")
        elif code == 0 and before is not None and not isinstance(before, WorkbenchError):
            after = run.read(what, copy)
            if isinstance(after, WorkbenchError):
                run.bad(what, f"fmt wrote a file that does not read back: {after}")
            elif after is not None and _content(after.messages) != _content(before.messages):
                run.bad(what, "fmt changed the content of the file")
            elif run.cli(what, "fmt", "--check", str(copy)) != 0:
                run.bad(what, "fmt --check finds fmt's own output not in gettext layout")
            else:
                tally.writes += copy.read_bytes() != data
        run.cli(what, "stats", str(source))
        run.cli(what, "check", "--no-cache", str(source))
        elapsed = time.monotonic() - started
        tally.tried += 1
        tally.seconds += elapsed
        if elapsed > LIMIT:
            tally.hangs.append(f"{what}: {elapsed:.1f} s")
            run.failed.append(what)
        if run.failed:
            failures.mkdir(exist_ok=True)
            (failures / f"{what.split(' (')[0].replace(' ', '-')}.po").write_bytes(data)
    return tally


def test_po_reader_and_fmt_survive_mutants(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project here: the commands see the files alone
    # Building the argument parser is three quarters of a small command's time: build it once
    # (argparse parsers are reusable; each parse_args() makes a new Namespace).
    monkeypatch.setattr(workbench.cli, "build_parser", functools.lru_cache(workbench.cli.build_parser))
    fuzz(budget(DEFAULT_N), SEED, tmp_path).check()

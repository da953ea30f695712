"""Seeded fuzzing of workbench's readers through the CLI, in a copy of the repository's own project.

Each reader's test mutates real exported files (byte flips, truncation, element and attribute
deletion and duplication, hostile attribute values and text, injected markup) and runs the
command a user would run on every mutant, in-process. For every input it checks what a user
would notice:

* the exit status is 0, 1 or 2 (never an internal error, an uncaught exception or a hang);
* it ends within ``LIMIT`` seconds;
* nothing outside the project changed (the sandbox around it holds decoy catalogues where a
  hostile path would point), no template was written, no temporary file was left behind;
* every catalogue is still readable by the PO reader.

The project is restored after each input, so inputs do not depend on each other. The number of
inputs per reader is small by default (the suite stays fast) and set by ``WORKBENCH_FUZZ_N``;
``WORKBENCH_FUZZ_SEED`` changes the seed. With ``-s`` each test prints its tally.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import os
import random
import re
import shutil
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.glossary.tbx import read_tbx
from workbench.po.reader import read_po

LIMIT = 5.0  # seconds per input: a hang is anything slower
SEED = int(os.environ.get("WORKBENCH_FUZZ_SEED", "20261206"))


def budget(default: int) -> int:
    """Inputs per reader: ``WORKBENCH_FUZZ_N`` if set, else ``default``."""
    return int(os.environ.get("WORKBENCH_FUZZ_N") or default)


class Hang(Exception):
    pass


@dataclass
class Tally:
    reader: str
    tried: int = 0
    exits: Counter = field(default_factory=Counter)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    bad_writes: list[str] = field(default_factory=list)
    classes: Counter = field(default_factory=Counter)  # what went wrong, by kind: the bug classes
    writes: int = 0  # files the command wrote (and the sandbox checked and restored): the write path is reached
    seconds: float = 0.0

    def line(self) -> str:
        exits = ", ".join(f"exit {code}: {count}" for code, count in sorted(self.exits.items()))
        return (f"{self.reader}: {self.tried} inputs in {self.seconds:.1f} s ({exits}; {self.writes} files written); "
                f"{len(self.tracebacks)} tracebacks, {len(self.hangs)} hangs, {len(self.bad_writes)} bad writes")

    def check(self) -> None:
        print(self.line())
        if self.classes:
            kinds = Counter()
            for kind, count in self.classes.items():
                kinds[re.sub(r"\d+", "N", kind)] += count  # one kind, whatever its line and column
            print("  by kind: " + "; ".join(f"{kind}: {count}" for kind, count in kinds.most_common()))
        problems = self.tracebacks[:5] + self.hangs[:5] + self.bad_writes[:5]
        assert not problems, self.line() + "\n" + "\n\n".join(problems)


def _files(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            stat = os.lstat(path)
            found[os.path.relpath(path, root)] = (stat.st_size, stat.st_mtime_ns)
    return found


class Sandbox:
    """A copy of ``project`` in ``folder``/project, among decoys a hostile path could reach."""

    def __init__(self, project: Path, folder: Path):
        self.root = folder
        self.project = folder / "project"
        shutil.copytree(project, self.project, symlinks=True)
        self.inputs = self.root / "incoming"
        self.inputs.mkdir(exist_ok=True)
        # decoys: where '../..', an absolute path or another project's layout would lead
        for language in ("fr", "ru", "zh_CN"):
            for catalogue in (self.project / "locales" / language / "LC_MESSAGES").glob("*.po"):
                for decoy in (self.root / "victim" / "locales" / language / "LC_MESSAGES", self.root / "victim"):
                    decoy.mkdir(parents=True, exist_ok=True)
                    shutil.copy(catalogue, decoy / catalogue.name)
        self.saved = {path: path.read_bytes() for path in self.project.rglob("*") if path.is_file()}
        self.project_files = _files(self.project)
        self.outside = self._outside()

    def _outside(self) -> dict[str, tuple[int, int]]:
        return {name: value for name, value in _files(self.root).items()
                if not name.startswith(("project" + os.sep, "incoming" + os.sep))}

    def run(self, tally: Tally, args: list[str], data: bytes, suffix: str, what: str) -> None:
        """Run ``workbench -C project ARGS... INPUT`` on ``data`` and check everything a user would notice."""
        source = self.inputs / f"input{suffix}"
        source.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        code: int | None = None
        hung = False
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, LIMIT * 4)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["-C", str(self.project), *args, str(source)])
        except Hang:
            hung = True
            tally.hangs.append(f"{what}: interrupted after {LIMIT * 4:.0f} s")
            tally.classes["hang"] += 1
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # noqa: BLE001 - the point: nothing may escape main
            tally.tracebacks.append(f"{what}: {type(exc).__name__}: {exc}")
            tally.classes[f"{type(exc).__name__}: {str(exc)[:60]}"] += 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        elapsed = time.monotonic() - started
        tally.tried += 1
        tally.seconds += elapsed
        if code is not None:
            tally.exits[code] += 1
            if code not in (0, 1, 2) or "Traceback" in err.getvalue() or "internal error" in err.getvalue():
                tally.tracebacks.append(f"{what}: exit {code}: {err.getvalue()[-2000:]}")
                tally.classes[f"exit {code}: {err.getvalue().partition('internal error: ')[2][:60]}"] += 1
        if elapsed > LIMIT and not hung:
            tally.hangs.append(f"{what}: {elapsed:.1f} s")
            tally.classes["slow"] += 1
        self._check_and_restore(tally, what)

    def _check_and_restore(self, tally: Tally, what: str) -> None:
        if self._outside() != self.outside:
            changed = set(self._outside().items()) ^ set(self.outside.items())
            tally.bad_writes.append(f"{what}: changed outside the project: {sorted(name for name, _ in changed)}")
            tally.classes["written outside the project"] += 1
            self.outside = self._outside()
        now = _files(self.project)
        for name, value in now.items():
            path = self.project / name
            if self.project_files.get(name) == value:
                continue
            if name.endswith(".pot"):
                tally.bad_writes.append(f"{what}: template written: {name}")
                tally.classes["template written"] += 1
            elif name.endswith(".tmp"):
                tally.bad_writes.append(f"{what}: temporary file left: {name}")
                tally.classes["temporary file left"] += 1
            elif name.endswith(".po"):
                try:
                    read_po(path)
                except WorkbenchError as exc:
                    tally.bad_writes.append(f"{what}: catalogue left unreadable: {exc}")
                    tally.classes["catalogue left unreadable"] += 1
                tally.writes += 1
            elif name.endswith(".tbx"):
                try:
                    read_tbx(path)
                except WorkbenchError as exc:
                    tally.bad_writes.append(f"{what}: glossary left unreadable: {exc}")
                    tally.classes["glossary left unreadable"] += 1
                tally.writes += 1
            if path in self.saved:
                path.write_bytes(self.saved[path])
                os.utime(path, ns=(self.project_files[name][1], self.project_files[name][1]))
            elif not name.endswith(".lock"):
                path.unlink()
        for name in set(self.project_files) - set(now):
            tally.bad_writes.append(f"{what}: file removed from the project: {name}")
            tally.classes["file removed from the project"] += 1
            path = self.project / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.saved[path])
        self.project_files = _files(self.project)


def _alarm(signum, frame):
    raise Hang()


# -- mutators ----------------------------------------------------------------------------------

HOSTILE_VALUES = [
    "", " ", "0", "-1", "99999999999999999999", "yes", "no", "*all*", "fr", "de", "zh-CN", "x-klingon", "en",
    "translated", "final", "needs-translation", "needs-review-translation", "new", "initial", "reviewed",
    "../../victim/locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023.po",
    "../victim/yangzhou-auto-forum-2023.po",
    "{root}/victim/locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023.po",
    "{root}/project/locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023.po",
    "{root}/project/locales/yangzhou-auto-forum-2023.pot", "locales/../locales/yangzhou-auto-forum-2023.pot",
    "locales/yangzhou-auto-forum-2023.pot", "locales/fr/LC_MESSAGES/../../yangzhou-auto-forum-2023.pot",
    "locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023.po", "locales/ru/LC_MESSAGES/yangzhou-auto-forum-2023.po",
    "locales/../../victim/locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023.po",
    "locales/fr/LC_MESSAGES/" + "a" * 300 + ".po", "C:\\victim\\x.po", "\u202e\u0644", "%s %d {0} %(x)s",
    "a" * 5000, "\t \n", "x:y", "urn:oasis:names:tc:xliff:document:1.2",
]
HOSTILE_PATHS = [value for value in HOSTILE_VALUES if "/" in value or "\\" in value]
PATH_ATTRIBUTES = ("original", "Target", "tuid", "href")  # attributes that name a file in the formats read
HOSTILE_TEXT = [
    "", " ", "\n", "%s", "%1$d", "{0}", "{name}", "<b>", "&", "]]>", "\u00a0", "\u202e", "\U0001f600", "\ufeff",
    "a" * 20000, "\\", '"', "#, fuzzy", "msgid \"x\"", "\n\nmsgid \"\"\nmsgstr \"\"\n", "\t", "翻訳", "\u0301",
]
INJECTED = [
    b"<", b">", b"&", b"&amp;", b"&e9;", b"&#0;", b"&#xD800;", b"&#x110000;", b"]]>", b"<![CDATA[", b"<!--",
    b"<?xml version='1.0'?>", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80", b"\r", b"\x1b",
    b'<!DOCTYPE x [<!ENTITY e9 "lol">]>', b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
    b'<!ENTITY s SYSTEM "file:///etc/passwd">', b"<x>" * 300, b"</x>", b"<x/>", b' a="1" a="2"', b"xmlns:x='y'",
]


def _element_mutation(data: bytes, rng: random.Random, root_value: str) -> bytes | None:
    """Delete or duplicate an element, delete an attribute or give it a hostile value, or replace a text."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return None
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    carriers = [el for el in elements if any(name in el.attrib for name in PATH_ATTRIBUTES)]
    if carriers and rng.random() < 0.15:  # what names a file: a hostile path, as often as any other change
        element = rng.choice(carriers)
        name = next(name for name in PATH_ATTRIBUTES if name in element.attrib)
        element.set(name, rng.choice(HOSTILE_PATHS).replace("{root}", root_value))
        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    element = rng.choice(elements)
    choice = rng.randrange(6)
    if choice == 0 and element is not root:
        parent = element.getparent()
        tail = element.tail
        parent.remove(element)
        if tail:
            parent.text = (parent.text or "") + tail
    elif choice == 1 and element is not root:
        element.addnext(copy.deepcopy(element))
    elif choice == 2 and element.attrib:
        del element.attrib[rng.choice(list(element.attrib))]
    elif choice == 3 and element.attrib:
        value = rng.choice(HOSTILE_VALUES).replace("{root}", root_value)
        element.set(rng.choice(list(element.attrib)), value)
    elif choice == 4:
        element.text = rng.choice(HOSTILE_TEXT) + (element.text or "") * rng.randrange(2)
    else:
        element.tail = rng.choice(HOSTILE_TEXT)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _byte_mutation(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return rng.choice(INJECTED)
    choice = rng.randrange(5)
    if choice == 0:  # flip a few bytes
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        return bytes(flipped)
    if choice == 1:  # truncate
        return data[: rng.randrange(len(data))]
    if choice == 2:  # inject a token at a random place
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice(INJECTED) + data[at:]
    if choice == 3:  # duplicate an attribute (malformed) or a run of bytes
        attributes = list(re.finditer(rb'\s[\w:-]+="[^"]*"', data))
        if attributes:
            match = rng.choice(attributes)
            return data[: match.end()] + match.group() + data[match.end():]
        at = rng.randrange(len(data))
        return data[:at] + data[at: at + rng.randint(1, 200)] + data[at:]
    # cut a random slice out
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 200):]


def xml_mutants(seeds: list[bytes], count: int, root_value: str, seed: int = SEED) -> Iterator[tuple[str, bytes]]:
    """``count`` mutants of the seed documents, one to three mutations each, reproducible from ``seed``."""
    rng = random.Random(seed)
    for number in range(count):
        data = rng.choice(seeds)
        steps = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            mutated = _element_mutation(data, rng, root_value) if rng.random() < 0.5 else None
            if mutated is None:
                mutated = _byte_mutation(data, rng)
                steps.append("bytes")
            else:
                steps.append("element")
            data = mutated
        yield f"input {number} ({'+'.join(steps)}, seed {seed})", data


def _csv_mutation(data: bytes, rng: random.Random, delimiter: str) -> bytes | None:
    """Edit the table: a cell made hostile, a row or column deleted or repeated, a header renamed."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    except (UnicodeDecodeError, csv.Error):
        return None
    if not rows or not rows[0]:
        return None
    choice = rng.randrange(6)
    row = rng.randrange(len(rows))
    column = rng.randrange(max(len(r) for r in rows))
    if choice == 0:  # a cell: hostile text, term syntax, separators
        cell = rng.choice(HOSTILE_TEXT + HOSTILE_VALUES + ["a | b", "x [", "]", "[;;]", "t [note=]", "\\", "x [pos=",
                                                           "x [deprecated; case-sensitive; dnt]", "|||", '"', "\r"])
        while len(rows[row]) <= column:
            rows[row].append("")
        rows[row][column] = cell
    elif choice == 1:
        del rows[row]
    elif choice == 2:
        rows.insert(row, list(rows[row]))
    elif choice == 3:
        for r in rows:
            if column < len(r):
                del r[column]
    elif choice == 4:
        for r in rows:
            if column < len(r):
                r.insert(column, r[column])
    else:  # the header: another language, a repeated or an unknown column
        rows[0][min(column, len(rows[0]) - 1)] = rng.choice(
            ["id", "en", "fr", "zh-CN", "xx-Klingon", "definition@fr", "note@", "@", "", "source", "en"])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    return out.getvalue().encode("utf-8")


def csv_mutants(seeds: list[bytes], count: int, delimiter: str, seed: int = SEED) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for number in range(count):
        data = rng.choice(seeds)
        steps = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            mutated = _csv_mutation(data, rng, delimiter) if rng.random() < 0.6 else None
            steps.append("bytes" if mutated is None else "table")
            data = mutated if mutated is not None else _byte_mutation(data, rng)
        yield f"input {number} ({'+'.join(steps)}, seed {seed})", data


def run_all(sandbox: Sandbox, reader: str, args: list[str], suffix: str,
            inputs: Iterator[tuple[str, bytes]]) -> Tally:
    tally = Tally(reader)
    for what, data in inputs:
        sandbox.run(tally, args, data, suffix, what)
    return tally


"""What the checks keep of a catalogue once its entries are checked: the file's summary.

A project check reads thousands of catalogues. Each one is read, and its entry checks run, in a
per-file stage (on every core: ``workbench.parallel``); what comes out of it is a ``FileSummary``:

* the entry checks' issues, by entry;
* the catalogue compacted (``CompactCatalog`` of ``CompactMessage``): the fields the catalogue-wide
  and cross-language checks read and the findings show, and what the catalogue checks asked of each
  entry in advance (``CatalogueCheck.summarise``, kept as ``CompactMessage.facts``). References keep
  their files, not their lines; the translator comments but the ``wb-ignore`` ones and workbench's own
  position notes are dropped.

A summary is plain data (``to_data``/``from_data``). A run holds every file's summary packed
(``PackedSummary``: pickled, about a third of its objects' memory) and unpacks one language's at a
time to judge it; the full catalogues are never held together. Packed, a summary is also what is kept
between runs keyed by the file's bytes (``checks.cache.FileCache``: a file that did not change is not
read again) and what one CI runner writes for another to merge (``workbench check --shard``/``--merge``).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.checks.base import CatalogueInfo
from workbench.po.catalog import FUZZY, Catalog, Message, MessageReading

# translator comments the runner reads later (suppressions); the others are not kept
_SUPPRESSION = re.compile(r"wb-ignore|no-wb-", re.I)
# workbench's own extracted notes: where the sentence stood, the glossary's hints; no check reads them
_GENERATED_NOTE = re.compile(r"^(?:paragraph \d+, sentence \d+.*|Glossary: .*)$")
_NONE: tuple = ()


class CompactMessage(MessageReading):
    """A PO entry as the catalogue-wide checks and the findings need it (read-only ``Message``)."""

    __slots__ = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "flags", "lineno", "references",
                 "extracted_comments", "translator_comments", "previous_msgid", "facts")
    obsolete = False  # only active entries and the header are kept

    def __init__(self, msgctxt, msgid, msgid_plural, msgstr, msgstr_plural, flags, lineno, references,
                 extracted_comments, translator_comments, previous_msgid, facts):
        self.msgctxt = msgctxt
        self.msgid = msgid
        self.msgid_plural = msgid_plural
        self.msgstr = msgstr
        self.msgstr_plural = msgstr_plural
        self.flags = flags
        self.lineno = lineno
        self.references = references
        self.extracted_comments = extracted_comments
        self.translator_comments = translator_comments
        self.previous_msgid = previous_msgid
        # (the ids of the checks asked, what each one's summarise() said, ...), () when no check was asked, None
        # when not asked at all (``CatalogueCheck.facts``); the ids tuple is one object for all the entries
        self.facts = facts

    @classmethod
    def of(cls, message: Message, facts: tuple | None, shared: dict | None = None) -> "CompactMessage":
        """``message`` compacted; ``shared`` holds one copy of values many entries repeat (their files)."""
        notes = tuple(line for line in message.extracted_comments if not _GENERATED_NOTE.match(line.strip()))
        comments = tuple(line for line in message.translator_comments if _SUPPRESSION.search(line))
        return cls(message.msgctxt, message.msgid, message.msgid_plural, message.msgstr,
                   tuple(message.msgstr_plural) or _NONE, tuple(message.flags) or _NONE, message.lineno,
                   reference_files(message.references, {} if shared is None else shared), notes or _NONE,
                   comments or _NONE, message.previous_msgid, facts)

    def to_data(self) -> tuple:
        return (self.msgctxt, self.msgid, self.msgid_plural, self.msgstr, self.msgstr_plural, self.flags,
                self.lineno, self.references, self.extracted_comments, self.translator_comments,
                self.previous_msgid, self.facts)

    @classmethod
    def from_data(cls, data: tuple) -> "CompactMessage":
        return cls(*data)

    def __repr__(self) -> str:
        return f"CompactMessage({self.msgid!r}, line {self.lineno})"

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def translations(self):
        return self.msgstr_plural if self.plural else (self.msgstr,)


def reference_files(references, shared: dict) -> tuple[str, ...]:
    """The files an entry's ``#:`` references name, without their lines, each tuple held once in ``shared``:
    which article a sentence comes from is what the catalogue checks ask (every sentence of an article
    has the same tuple), and the lines would make each entry's unique."""
    files = tuple(dict.fromkeys(reference.rpartition(":")[0] or reference for reference in references))
    return shared.setdefault(files, files) if files else _NONE


class CompactCatalog:
    """The header and the active entries of one PO file, compacted; reads like a ``Catalog``."""

    __slots__ = ("path", "header", "messages", "_fields")

    def __init__(self, path: str | None, header: CompactMessage | None, messages: list[CompactMessage]):
        self.path = path
        self.header = header
        self.messages = messages
        self._fields: dict[str, str] | None = None

    def entries(self):
        return iter(self.messages)

    def header_fields(self) -> dict[str, str]:
        if self._fields is None:
            self._fields = Catalog([Message(msgid="", msgstr=self.header.msgstr)]).header_fields() if self.header else {}
        return self._fields

    def header_field(self, name: str) -> str | None:
        return self.header_fields().get(name)

    @property
    def language(self) -> str | None:
        value = self.header_field("Language")
        return value.strip() or None if value is not None else None


@dataclass
class FileSummary:
    """One catalogue after the per-file stage."""

    info: CatalogueInfo  # its catalog a CompactCatalog
    issues: list[tuple[int, str, tuple]]  # (entry number, check id, stored issue: ``checks.cache.store``)
    digest: bytes | None = None  # of the file's bytes; None for a catalogue handed over in memory
    # a big file in gettext's layout (``runner._summarise_again``): the 16-byte digest of each piece of its bytes
    # (``po.reader.entry_pieces``), the header's then each entry's, end to end
    pieces: bytes | None = None

    @property
    def path(self) -> str:
        return self.info.path

    def to_data(self) -> tuple:
        info = self.info
        catalog = info.catalog
        return (info.path, self.digest, info.language, info.nplurals, info.plural_expr,
                catalog.header.to_data() if catalog.header is not None else None,
                [message.to_data() for message in catalog.messages], self.issues, self.pieces)

    @classmethod
    def from_data(cls, data: tuple, strings: dict | None = None) -> "FileSummary":
        """The summary ``to_data`` made; ``strings`` shares equal msgids between catalogues (the same
        source sentence in every language is then held once)."""
        path, digest, language, nplurals, plural_expr, header, messages, issues, pieces = data
        compact = [CompactMessage(*fields) for fields in messages]
        if strings is not None:
            share(compact, strings)
        catalog = CompactCatalog(path, CompactMessage(*header) if header is not None else None, compact)
        info = CatalogueInfo(catalog=catalog, path=path, language=language, nplurals=nplurals, plural_expr=plural_expr)
        return cls(info=info, issues=issues, digest=digest, pieces=pieces)


class PackedSummary:
    """A file's summary as a run holds it until its language is judged: what the run needs to know of the
    file (its name, language, digest, entries), and the summary itself pickled, about a third of the
    memory of its objects. ``unpack`` makes the objects (``FileSummary``); only one language's are made
    at a time (``runner.judge``)."""

    __slots__ = ("path", "digest", "language", "entries", "_blob", "source", "_spilled", "_objects")

    def __init__(self, path: str, digest: bytes | None, language: str, entries: int, blob: bytes | None,
                 source: Path | None = None):
        self.path = path
        self.digest = digest
        self.language = language
        self.entries = entries
        self._blob: bytes | None = blob
        self.source = source  # the file it was read from, when there is one (not stored)
        self._spilled: tuple[Spill, int, int] | None = None  # (where, offset, length) once moved out of memory
        self._objects: FileSummary | None = None  # the summary itself, for a run of one file (``holding``)

    @property
    def blob(self) -> bytes:
        """The pickled summary: held, read back from where ``spill`` put it, or made now from the objects held."""
        if self._blob is not None:
            return self._blob
        if self._spilled is None:
            self._blob = pickle.dumps(self._objects.to_data(), protocol=pickle.HIGHEST_PROTOCOL)
            return self._blob
        spill, offset, length = self._spilled
        return spill.read(offset, length)

    def spill(self, spill: "Spill") -> None:
        """Move the pickled summary out of memory (``Spill``): a run holds a project's summaries on disk and
        reads back one language's at a time. (A summary holding its objects keeps them: it is a run's only one.)"""
        if self._blob is not None and self._objects is None:
            self._spilled = (spill, *spill.write(self._blob))
            self._blob = None

    def __repr__(self) -> str:
        return f"PackedSummary({self.path!r}, {self.language}, {self.entries} entries)"

    @classmethod
    def pack(cls, summary: FileSummary, source: Path | None = None) -> "PackedSummary":
        blob = pickle.dumps(summary.to_data(), protocol=pickle.HIGHEST_PROTOCOL)
        return cls(summary.path, summary.digest, summary.info.language, len(summary.info.catalog.messages), blob,
                   source)

    @classmethod
    def holding(cls, summary: FileSummary) -> "PackedSummary":
        """A summary that keeps its objects, pickled only if asked (to be stored): for a run of one file, read
        in this process, which judges it here or in workers forked from here. Packing Django's 100,332 entries
        and unpacking them again to judge them cost about a second; holding them costs no more memory than
        reading them did."""
        packed = cls(summary.path, summary.digest, summary.info.language, len(summary.info.catalog.messages), None)
        packed._objects = summary
        return packed

    def _data(self) -> tuple:
        """The pickled plain data; ValueError when it is not exactly what ``pack`` makes of this file."""
        try:
            data = SummaryUnpickler(io.BytesIO(self.blob)).load()
        except Exception as exc:  # noqa: BLE001 - any unpickling trouble is a summary not to use
            raise ValueError(f"unreadable summary of {self.path}") from exc
        if not valid_data(data) or data[0] != self.path or data[1] != self.digest or data[2] != self.language:
            raise ValueError(f"not the summary of {self.path}")
        return data

    def unpack(self, strings: dict | None = None) -> FileSummary:
        """The summary's objects (those held, or made from the pickle); ValueError when the pickle is not exactly
        what ``pack`` makes of this file."""
        if self._objects is not None:
            return self._objects
        return FileSummary.from_data(self._data(), strings)

    def keys_only(self, strings: dict | None = None) -> CatalogueInfo:
        """The catalogue as the cross-language checks read it: its header, and of each entry its context, msgid,
        msgid_plural and line only (the msgids shared through ``strings``); ValueError as ``unpack``."""
        path, _, language, nplurals, plural_expr, header, messages, _, _ = self._data()
        strings = {} if strings is None else strings
        light = [CompactMessage(m[0], strings.setdefault(m[1], m[1]), m[2], "", (), (), m[6], (), (), (), None, None)
                 for m in messages]
        catalog = CompactCatalog(path, CompactMessage(*header) if header is not None else None, light)
        return CatalogueInfo(catalog=catalog, path=path, language=language, nplurals=nplurals, plural_expr=plural_expr)

    def to_item(self) -> tuple:
        return (self.path, self.digest, self.language, self.entries, self.blob)

    @classmethod
    def from_item(cls, item, source: Path | None = None) -> "PackedSummary":
        """The summary ``to_item`` stored; ValueError when ``item`` is not of that shape."""
        if not (isinstance(item, tuple) and len(item) == 5 and isinstance(item[0], str)
                and (item[1] is None or isinstance(item[1], bytes)) and isinstance(item[2], str)
                and type(item[3]) is int and isinstance(item[4], bytes)):
            raise ValueError("not a stored summary")
        return cls(*item, source=source)

    def check(self) -> "PackedSummary":
        """This summary, once it is known to unpack (a stored one, before a run counts on it)."""
        self.unpack()
        return self


class Spill:
    """Packed summaries moved out of memory into an unnamed temporary file (gone when the run ends), read back
    by offset: forked workers read the file they inherit without sharing a position (``os.pread``).

    At the synthetic project's 293,352 entries the packed summaries are about 110 MB, at ten times that 1.1 GB:
    held in the run's main process, they were in every judging worker forked from it too."""

    def __init__(self):
        self.file = tempfile.TemporaryFile(prefix="workbench-summaries-")
        self.size = 0

    def write(self, blob: bytes) -> tuple[int, int]:
        """Append ``blob``; (its offset, its length)."""
        offset = self.size
        os.pwrite(self.file.fileno(), blob, offset)
        self.size += len(blob)
        return offset, len(blob)

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self.file.fileno(), length, offset)
        if len(data) != length:
            raise ValueError("a summary cut short in the run's temporary file")
        return data


class SummaryUnpickler(pickle.Unpickler):
    """Plain data only (``workbench.cache.RestrictedUnpickler``): no class is ever loaded."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"not a summary: {module}.{name}")


def share(messages: list[CompactMessage], strings: dict) -> None:
    """Hold one copy of what many summaries repeat: the msgids (the same sentence in every language), the
    files of the references, the ids of the checks in ``facts``."""
    for message in messages:
        message.msgid = strings.setdefault(message.msgid, message.msgid)
        message.references = strings.setdefault(message.references, message.references)
        facts = message.facts
        if facts:
            message.facts = (strings.setdefault(facts[0], facts[0]), *facts[1:])


def shared_strings(value, strings: dict):
    """``value`` with its strings, and those of the tuples inside it, held once in ``strings``: the catalogue
    checks' tallies name concept ids, terms, renderings and names that recur in every file of a language, and a
    language's tallies are held together while it is judged (each file's read back from its own pickle, so
    with strings of its own)."""
    if type(value) is str:
        return strings.setdefault(value, value)
    if type(value) is not tuple or not value:
        return value
    if set(map(type, value)) == {str}:  # a tally's names, apart from its numbers: one pass at C speed
        return tuple(map(strings.setdefault, value, value))
    return tuple(shared_strings(item, strings) if type(item) in (str, tuple) else item for item in value)


def file_digest(path: Path) -> bytes:
    """What a file's summary is keyed by: its bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).digest()


def valid_data(data) -> bool:
    """``data`` has the outer shape ``FileSummary.to_data`` makes (what is inside is checked as it is used:
    the file it came from was verified by its digest, see ``workbench.cache``)."""
    return (isinstance(data, tuple) and len(data) == 9 and isinstance(data[0], str)
            and (data[1] is None or isinstance(data[1], bytes)) and isinstance(data[2], str)
            and isinstance(data[6], list) and isinstance(data[7], list)
            and all(isinstance(fields, tuple) and len(fields) == 12 for fields in data[6])
            and (data[8] is None or isinstance(data[8], bytes) and len(data[8]) == 16 * (len(data[6]) + 1)))

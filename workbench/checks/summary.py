"""What the checks keep of a catalogue once its entries are checked: the file's summary.

A project check reads thousands of catalogues. Each one is read, and its entry checks run, in a
per-file stage (on every core: ``workbench.parallel``); what comes out of it is a ``FileSummary``:

* the entry checks' issues, by entry;
* the catalogue compacted (``CompactCatalog`` of ``CompactMessage``): the fields the catalogue-wide
  and cross-language checks read and the findings show, and what the catalogue checks asked of each
  entry in advance (``CatalogueCheck.summarise``, kept as ``CompactMessage.facts``). References keep
  their files, not their lines; the translator comments but the ``wb-ignore`` ones and workbench's own
  position notes are dropped: the whole project is held in this form at once, the full catalogues never.

A summary is plain data (``to_data``/``from_data``), so it can be kept between runs keyed by the
file's bytes (``FileCache``: a file that did not change is not read again) and written by one CI
runner for another to merge (``workbench check --shard``/``--merge``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.checks.base import CatalogueInfo
from workbench.po.catalog import FUZZY, Catalog, Message

# translator comments the runner reads later (suppressions); the others are not kept
_SUPPRESSION = re.compile(r"wb-ignore|no-wb-", re.I)
# workbench's own extracted notes: where the sentence stood, the glossary's hints; no check reads them
_GENERATED_NOTE = re.compile(r"^(?:paragraph \d+, sentence \d+.*|Glossary: .*)$")
_NONE: tuple = ()


class CompactMessage:
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
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self):
        return self.msgstr_plural if self.plural else (self.msgstr,)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.translations)


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

    @property
    def path(self) -> str:
        return self.info.path

    def to_data(self) -> tuple:
        info = self.info
        catalog = info.catalog
        return (info.path, self.digest, info.language, info.nplurals, info.plural_expr,
                catalog.header.to_data() if catalog.header is not None else None,
                [message.to_data() for message in catalog.messages], self.issues)

    @classmethod
    def from_data(cls, data: tuple, strings: dict | None = None) -> "FileSummary":
        """The summary ``to_data`` made; ``strings`` shares equal msgids between catalogues (the same
        source sentence in every language is then held once)."""
        path, digest, language, nplurals, plural_expr, header, messages, issues = data
        compact = [CompactMessage(*fields) for fields in messages]
        if strings is not None:
            share(compact, strings)
        catalog = CompactCatalog(path, CompactMessage(*header) if header is not None else None, compact)
        info = CatalogueInfo(catalog=catalog, path=path, language=language, nplurals=nplurals, plural_expr=plural_expr)
        return cls(info=info, issues=issues, digest=digest)


def share(messages: list[CompactMessage], strings: dict) -> None:
    """Hold one copy of what many summaries repeat: the msgids (the same sentence in every language), the
    files of the references, the ids of the checks in ``facts``."""
    for message in messages:
        message.msgid = strings.setdefault(message.msgid, message.msgid)
        message.references = strings.setdefault(message.references, message.references)
        facts = message.facts
        if facts:
            message.facts = (strings.setdefault(facts[0], facts[0]), *(_shared(value, strings) for value in facts[1:]))


def _shared(value, strings: dict, depth: int = 3):
    """``value`` with its strings (and those of its tuples, a few levels down) held once in ``strings``: the
    catalogue checks keep concept ids, terms and renderings that recur across a whole project."""
    if isinstance(value, str):
        return strings.setdefault(value, value)
    if isinstance(value, tuple) and value and depth:
        return tuple(_shared(item, strings, depth - 1) for item in value)
    return value


def file_digest(path: Path) -> bytes:
    """What a file's summary is keyed by: its bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).digest()


def valid_data(data) -> bool:
    """``data`` has the outer shape ``FileSummary.to_data`` makes (what is inside is checked as it is used:
    the file it came from was verified by its digest, see ``workbench.cache``)."""
    return (isinstance(data, tuple) and len(data) == 8 and isinstance(data[0], str)
            and (data[1] is None or isinstance(data[1], bytes)) and isinstance(data[2], str)
            and isinstance(data[6], list) and isinstance(data[7], list)
            and all(isinstance(fields, tuple) and len(fields) == 12 for fields in data[6]))

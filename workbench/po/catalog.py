"""The catalogue data model: a Catalog holds a header and Messages.

Kept small and free of I/O (reading and writing live in ``reader`` and
``writer``), after Babel's ``babel.messages.catalog``. Unlike polib and Babel
it keeps everything a PO file can say, in order, so that reading and writing a
file never drops or alters content: comments of every kind, unknown flags,
previous msgids, every plural form, obsolete entries, the raw header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

FUZZY = "fuzzy"


class MessageReading:
    """What a PO entry answers from its fields; shared by ``Message`` and the checks' compact, read-only
    ``CompactMessage`` (``workbench.checks.summary``)."""

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity of an entry in a catalogue: (msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translated(self) -> bool:
        """Translated in gettext's sense: not fuzzy, not obsolete, every msgstr non-empty."""
        return not self.obsolete and not self.fuzzy and all(self.translations)


@dataclass
class Message(MessageReading):
    """One PO entry. The header is the Message whose msgid is "" and msgctxt None."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    # msgstr[0], msgstr[1], ... for plural entries; empty for singular ones
    msgstr_plural: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)  # "# text"
    extracted_comments: list[str] = field(default_factory=list)  # "#. text"
    references: list[str] = field(default_factory=list)  # "#: file:line", one token each
    flags: list[str] = field(default_factory=list)  # "#, fuzzy, c-format"
    previous_msgctxt: str | None = None  # "#| msgctxt"
    previous_msgid: str | None = None  # "#| msgid"
    previous_msgid_plural: str | None = None  # "#| msgid_plural"
    obsolete: bool = False  # "#~"
    lineno: int = 0  # line of the entry's first line in the file it was read from (1-based)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and FUZZY not in self.flags:
            self.flags.insert(0, FUZZY)
        elif not value:
            self.flags = [f for f in self.flags if f != FUZZY]

    @property
    def translations(self) -> list[str]:
        """Every msgstr of the entry: one for a singular entry, one per form for a plural one."""
        return self.msgstr_plural if self.plural else [self.msgstr]


_HEADER_LINE = re.compile(r"^([^:\n]+):[ \t]*(.*)$")


@dataclass
class Catalog:
    """A PO or POT file: its header entry and its messages, in file order."""

    messages: list[Message] = field(default_factory=list)
    path: str | None = None

    # -- header -------------------------------------------------------------
    @property
    def header(self) -> Message | None:
        for message in self.messages:
            if message.is_header and not message.obsolete:
                return message
        return None

    def header_fields(self) -> dict[str, str]:
        """The header's ``Key: value`` lines as a dict (first occurrence wins)."""
        header = self.header
        fields: dict[str, str] = {}
        if header is None:
            return fields
        for line in header.msgstr.split("\n"):
            match = _HEADER_LINE.match(line)
            if match and match.group(1) not in fields:
                fields[match.group(1)] = match.group(2)
        return fields

    def header_field(self, name: str) -> str | None:
        return self.header_fields().get(name)

    def set_header_field(self, name: str, value: str) -> None:
        """Replace a header field in place (keeping the order of the others) or append it."""
        header = self.header
        if header is None:
            header = Message(msgid="", msgstr="")
            self.messages.insert(0, header)
        lines = header.msgstr.split("\n")
        trailing_newline = header.msgstr.endswith("\n") or header.msgstr == ""
        if trailing_newline and lines and lines[-1] == "":
            lines.pop()
        for index, line in enumerate(lines):
            match = _HEADER_LINE.match(line)
            if match and match.group(1) == name:
                lines[index] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
        header.msgstr = "\n".join(lines) + ("\n" if trailing_newline else "")

    @property
    def language(self) -> str | None:
        value = self.header_field("Language")
        return value.strip() or None if value is not None else None

    @property
    def plural_forms(self):
        """The header's plural rule (a ``workbench.plurals.PluralForms``), or None when the header has none
        that reads; the header check says what is wrong with one that does not."""
        from workbench.plurals import PluralFormsError, parse_plural_forms

        value = self.header_field("Plural-Forms")
        if not value:
            return None
        try:
            return parse_plural_forms(value)
        except PluralFormsError:
            return None

    # -- entries ------------------------------------------------------------
    def entries(self) -> Iterator[Message]:
        """Active (non-obsolete) messages, header excluded."""
        for message in self.messages:
            if not message.obsolete and not message.is_header:
                yield message

    def obsolete_entries(self) -> Iterator[Message]:
        for message in self.messages:
            if message.obsolete:
                yield message

    def index(self) -> dict[tuple[str | None, str], Message]:
        """Active entries by (msgctxt, msgid): a snapshot for many look-ups (``find`` scans)."""
        index: dict[tuple[str | None, str], Message] = {}
        for message in self.messages:
            if not message.obsolete:
                index.setdefault(message.key, message)
        return index

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        for message in self.messages:
            if not message.obsolete and message.msgid == msgid and message.msgctxt == msgctxt:
                return message
        return None

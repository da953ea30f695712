"""What the XLIFF readers hand the importer: units reduced to what a PO entry can take.

Both XLIFF versions read into these, so matching and merging are written once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Sequence

from workbench.po.catalog import Message


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Base:
    """What an entry's translation was when it was exported: the base of the three-way merge on import.

    Exports record it beside each unit (a digest of every msgstr form, and the fuzzy flag), so an
    import can tell what the file changed from what the catalogue changed since the export, without
    carrying a second copy of the text.
    """

    forms: tuple[str, ...]  # a digest per msgstr form
    fuzzy: bool

    @classmethod
    def of(cls, message: Message, view: Callable[[str], str] | None = None) -> "Base":
        """``view``: how the format shows a text, where it cannot show all of it (a Word cell drops
        the line breaks at the ends): the base is of what the file showed, so an untouched row matches it."""
        return cls.of_translations(message.translations, message.fuzzy, view)

    @classmethod
    def of_translations(cls, translations: Sequence[str], fuzzy: bool,
                        view: Callable[[str], str] | None = None) -> "Base":
        return cls(tuple(_digest(view(text) if view else text) for text in translations), fuzzy)

    def encode(self) -> str:
        return " ".join((["fuzzy"] if self.fuzzy else []) + list(self.forms))

    @classmethod
    def decode(cls, text: str | None) -> "Base | None":
        """The base a file records; None when it records none, or something else (a file made by another tool)."""
        words = (text or "").split()
        fuzzy = bool(words) and words[0] == "fuzzy"
        forms = tuple(words[1:] if fuzzy else words)
        if not forms or not all(len(f) == 16 and all(c in "0123456789abcdef" for c in f) for f in forms):
            return None
        return cls(forms, fuzzy)

    def form_changed(self, form: int, text: str, view: Callable[[str], str] | None = None) -> bool:
        return form >= len(self.forms) or self.forms[form] != _digest(view(text) if view else text)


class UnitProblem(Exception):
    """A unit that cannot be read back exactly (unknown inline code, ...): reported and skipped."""


@dataclass
class Unit:
    id: str
    msgctxt: str | None = None
    plural: bool = False
    # one item per msgstr form (a single one for a singular entry)
    sources: list[str] = field(default_factory=list)
    targets: list[str | None] = field(default_factory=list)  # None: no <target>
    states: list[str] = field(default_factory=list)  # "translated" | "fuzzy" | "new"
    line: int | None = None
    problem: str | None = None  # set when the unit could not be read; it is then skipped
    base: Base | None = None  # what the entry was at export (None: a file made by another tool)

    @property
    def msgid(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def msgid_plural(self) -> str | None:
        return self.sources[1] if self.plural and len(self.sources) > 1 else None


@dataclass
class FileUnits:
    """One ``<file>`` of an XLIFF document: which catalogue it claims to be, and its units."""

    original: str | None
    source_language: str | None
    target_language: str | None
    line: int | None = None
    units: list[Unit] = field(default_factory=list)
